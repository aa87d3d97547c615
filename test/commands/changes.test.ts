import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/index.ts';
import { recordAudit } from '../../src/db/audit.ts';
import { claimNudge, markReplied } from '../../src/engage/claims.ts';
import { read, useCommandTests } from '../helpers/commands.ts';
import { createFeed, rssFeed, storeFeedItems } from '../helpers/digest.ts';
import { createBeat, nudgeAbout } from '../helpers/nudges.ts';

const { current, brief } = useCommandTests('UADMIN01');
const member = 'UMEMBER1';

function lines(reply: Reply): string[] {
  return reply.blocks
    .flatMap((block) => (block.type === 'section' ? [block.text?.text ?? ''] : []))
    .slice(1)
    .join('\n')
    .split('\n');
}

/** A change recorded now, as the command making it records it. */
function recordNow(entry: Parameters<typeof recordAudit>[2]): Promise<void> {
  const { deps } = current();
  return recordAudit(deps.db, deps.clock.now(), entry);
}

describe('/brief changes', () => {
  it('shows admins who changed what and when, newest first, in words; members are refused', async () => {
    await brief('topics add acme acme kind=company');
    await brief('topics set acme threshold=0.7');
    await brief('digest add <#C0EXEC|exec> weekdays 07:30 topics: acme');
    await brief('digest pause 1');
    await recordNow({
      actorId: 'cli',
      action: 'feed.add',
      subjectType: 'feed',
      subjectId: 3,
      detail: { url: 'https://x.example/rss?a=1&b=2', kind: 'review' },
    });
    const reply = await brief('changes');
    expect(reply.text).toBe('The last 5 changes, newest first');
    const shown = lines(reply).map((line) => line.replace(/^• \d+ \w+ \d{4} \d\d:\d\d UTC · /, ''));
    expect(shown).toEqual([
      'the command line added feed 3 (https://x.example/rss?a=1&amp;b=2) as review',
      '<@UADMIN01> paused digest 1 (<#C0EXEC>)',
      '<@UADMIN01> added digest 1 (<#C0EXEC>, weekdays at 07:30 UTC, topic acme, up to 8 items, quiet: note)',
      "<@UADMIN01> set topic acme's nudges: threshold 0.7 (was the default)",
      '<@UADMIN01> added topic acme (`acme`)',
    ]);
    // What is recorded is what the log narrows to: follows among them.
    expect(JSON.stringify(reply.blocks.at(-1))).toContain(
      'Every change to feeds, topics, experts, digests, follows and nudges is recorded as it is made.',
    );
    expect((await brief('audit')).text).toBe(reply.text);
    expect((await brief('changes', member)).text).toMatch(
      /^Sorry, only Briefbot admins can see who changed what/,
    );
  });

  it('shows the last 20 changes, and says when there are none', async () => {
    expect((await brief('changes')).text).toBe('No changes yet.');
    for (let index = 1; index <= 25; index++) await brief(`topics add topic${index} word${index}`);
    const shown = lines(await brief('changes'));
    expect(shown).toHaveLength(20);
    expect(shown[0]).toMatch(/added topic topic25 /);
    expect(shown[19]).toMatch(/added topic topic6 /);
  });

  it('calls a nudge a conversation, as every other reply does', async () => {
    for (const action of ['nudge.claim', 'nudge.release'])
      await recordNow({
        actorId: 'U0MARIA1',
        action,
        subjectType: 'nudge',
        subjectId: 7,
        detail: {},
      });
    expect(lines(await brief('changes nudges')).map((line) => line.replace(/^.* · /, ''))).toEqual([
      '<@U0MARIA1> released conversation 7',
      '<@U0MARIA1> claimed conversation 7',
    ]);
  });

  it('says why a conversation was dismissed, and until when each snooze lasts', async () => {
    const entries: Array<[string, Record<string, string>]> = [
      ['nudge.dismiss', { reason: 'covered by <PR>' }],
      ['nudge.snooze', { until: '2026-11-27T01:12:00.000Z' }],
      ['nudge.snooze', { until: '2026-11-30T09:00:00.000Z' }],
    ];
    for (const [action, detail] of entries)
      await recordNow({
        actorId: 'U0MARIA1',
        action,
        subjectType: 'nudge',
        subjectId: 7,
        detail,
      });
    expect(lines(await brief('changes nudges')).map((line) => line.replace(/^.* · /, ''))).toEqual([
      '<@U0MARIA1> snoozed conversation 7 until Mon 30 Nov 09:00 UTC',
      '<@U0MARIA1> snoozed conversation 7 until Fri 27 Nov 01:12 UTC',
      '<@U0MARIA1> dismissed conversation 7: “covered by &lt;PR&gt;”',
    ]);
  });

  it('keeps "audit" with other words a question, and refuses "changes" as a topic name', async () => {
    expect((await brief('audit trail complaints')).text).not.toMatch(/changes/);
    expect((await brief('topics add changes pricing')).text).toMatch(/"changes" is a \/brief command word/);
  });
});

describe('a quiet digest now', () => {
  it('is not logged: it posts nothing, not even the quiet-day note', async () => {
    // A feed read, so the digest is quiet rather than waiting for one.
    await createFeed(current().deps, { host: 'https://news.example.com' });
    await brief('topics add acme acme');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: acme');
    await brief('digest now 1');
    expect(read(await brief('changes digests'))).not.toContain('now');
    current().deps.clock.set('2026-11-02T09:02:00Z');
    expect((await brief('digest now 1')).text).toContain('so nothing was posted');
    expect(read(await brief('changes digests'))).not.toContain('now');
  });
});

describe('a follow changed by its follower', () => {
  it('is listed under follows as their follow, never as a digest edit with a user for a channel', async () => {
    await brief('topics add globex globex');
    await brief('follow globex daily 07:00', member);
    await brief('follow globex weekly mon 09:00 Europe/Berlin', member);
    const follows = lines(await brief('changes follows')).map((line) => line.replace(/^.* · /, ''));
    expect(follows[0]).toBe(
      '<@UMEMBER1> changed their follow of globex (digest 1): time daily at 07:00 UTC → every Monday at 09:00 Europe/Berlin',
    );
    expect(read(await brief('changes digests'))).not.toContain('UMEMBER1');
  });
});

describe('"more" right after a list of changes', () => {
  it('shows more of the same list, narrowed as it was, then says the list is done; anything else in between ends it', async () => {
    for (let index = 1; index <= 24; index++) await brief(`topics add topic${index} word${index}`);
    const first = await brief('changes');
    expect(lines(first)).toHaveLength(20);
    expect(read(first)).toContain('Older ones: `/brief changes more` (the last 100), or `more`.');
    // The command "more" stands for is never sent to Slack with the reply.
    expect(first).not.toHaveProperty('continues');
    expect(lines(await brief('more'))).toHaveLength(24);
    expect((await brief('more')).text).toMatch(/^That list has no more pages: its last one is above\./);

    const narrowed = await brief('changes topics 3');
    expect(read(narrowed)).toContain('Older ones: `/brief changes topics more`');
    const next = await brief('show me more');
    expect(next.text).toBe('The last 24 changes to topics, newest first');

    // A person named in the list's command is typed back as the console and Slack both read it.
    await brief('sme add <@U0MARIA1|maria> topic1');
    await brief('sme remove <@U0MARIA1|maria> topic1');
    expect(read(await brief('changes <@U0MARIA1|maria> 1'))).toContain('`/brief changes @U0MARIA1 more`');
    expect(lines(await brief('more'))).toHaveLength(2);

    // A list shown whole has no more pages either: "more" says so, not that nothing was listed.
    await brief('changes 100');
    expect((await brief('more')).text).toMatch(/^That list has no more pages/);

    // Another command read since: "more" is about the answers again, not the list.
    await brief('changes');
    await brief('feeds list');
    expect((await brief('more')).text).toMatch(/^There is no recent answer of yours to continue\./);
  });
});

describe('/brief changes, narrowed and further back', () => {
  it('takes a number or more, and filters by group, topic, channel and person; an unreadable word is refused', async () => {
    await brief('topics add acme acme kind=company');
    await brief('topics add pricing pricing');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    await brief('sme add <@U0MARIA1|maria> acme');
    for (let index = 1; index <= 22; index++) await brief(`topics add topic${index} word${index}`);
    await brief('follow acme daily 07:00', member);
    expect(lines(await brief('changes'))).toHaveLength(20);
    expect(lines(await brief('changes 5'))).toHaveLength(5);
    expect(lines(await brief('changes more'))).toHaveLength(27);
    expect(read(await brief('changes'))).toMatch(/Older ones: `\/brief changes more`/);
    const digests = await brief('changes digests');
    // A single entry is the only one, with no order to speak of; one of several is the last.
    expect(digests.text).toBe('The only change to digests');
    expect((await brief('changes 1')).text).toBe('The last change');
    expect(lines(digests)[0]).toMatch(
      /added digest 1 \(<#C0EXEC>, daily at 08:00 UTC, topic pricing, up to 8 items, quiet: note\)$/,
    );
    // Under a topic, a digest's entry says how it concerns the topic: the digest covers it.
    expect(lines(await brief('changes pricing'))[0]).toMatch(/added digest 1 \(<#C0EXEC>, .*topic pricing, /);
    expect(lines(await brief('changes experts'))[0]).toMatch(/put <@U0MARIA1> on acme$/);
    expect(lines(await brief('changes follows'))[0]).toMatch(/<@UMEMBER1> followed acme \(digest 2\)$/);
    // A follow's end is a follow's entry, not a channel digest's.
    await brief('unfollow acme', member);
    expect(lines(await brief('changes follows'))[0]).toMatch(/<@UMEMBER1> unfollowed acme \(digest 2\)$/);
    expect(lines(await brief('changes digests'))).toHaveLength(1);
    expect(lines(await brief('changes acme')).map((line) => line.replace(/^.* · /, ''))).toEqual([
      '<@UMEMBER1> unfollowed acme (digest 2)',
      '<@UMEMBER1> followed acme (digest 2)',
      '<@UADMIN01> put <@U0MARIA1> on acme',
      '<@UADMIN01> added topic acme (`acme`)',
    ]);
    expect(lines(await brief('changes <#C0EXEC|exec>'))).toHaveLength(1);
    const theirs = await brief('changes <@UMEMBER1>');
    expect(lines(theirs)).toHaveLength(2);
    // Changes they made: "by", in the same plain header as every other filter.
    expect(theirs.text).toBe('The last 2 changes by <@UMEMBER1>, newest first');
    expect(theirs.blocks[0]).toMatchObject({ text: { text: theirs.text } });
    expect((await brief('changes <@U0MARIA1|maria>')).text).toBe('The only change by or about <@U0MARIA1>');
    expect((await brief('changes <#C0EXEC|exec>')).blocks[0]).toMatchObject({
      text: { text: 'The only change to <#C0EXEC>' },
    });
    const zork = (await brief('changes zork')).text;
    expect(zork).toMatch(/^I can't filter by "zork"\. `\/brief changes` takes: `feeds`/);
    expect(zork).toMatch(/One entry written out whole, by its number: `\/brief changes entry 57`\.$/);
  });

  it("names an added digest's topics, or all topics, beside its channel", async () => {
    await brief('topics add pricing pricing');
    await brief('topics add globex globex kind=competitor');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing, globex');
    await brief('digest add <#C0MKT|mkt> daily 09:00 topics: all');
    expect(lines(await brief('changes digests')).map((line) => line.replace(/^.* · /, ''))).toEqual([
      '<@UADMIN01> added digest 2 (<#C0MKT>, daily at 09:00 UTC, all topics, up to 8 items, quiet: note)',
      '<@UADMIN01> added digest 1 (<#C0EXEC>, daily at 08:00 UTC, topics pricing, globex, up to 8 items, quiet: note)',
    ]);
  });

  it('names the topics that fit in a long entry and counts the rest, with the command that shows that entry whole', async () => {
    const names = Array.from({ length: 120 }, (_, index) => `competitor-watch-topic-${index + 1}`);
    const spec = { cadence: 'daily', timeOfDay: '08:00', timezone: 'UTC', maxItems: 8 };
    await recordNow({
      actorId: 'UADMIN01',
      action: 'digest.add',
      subjectType: 'digest',
      subjectId: 1,
      detail: { ...spec, channelId: 'C0EXEC', topics: names },
    });
    await recordNow({
      actorId: 'UADMIN01',
      action: 'digest.edit',
      subjectType: 'digest',
      subjectId: 1,
      detail: { before: { ...spec, topics: names }, after: { ...spec, topics: names.slice(0, -1) } },
    });
    await recordNow({
      actorId: 'UADMIN01',
      action: 'sme.add',
      subjectType: 'sme',
      subjectId: 'U0MARIA1',
      detail: { topics: names },
    });
    const shown = lines(await brief('changes'));
    expect(shown).toHaveLength(3);
    const [beats, edit, added] = shown as [string, string, string];
    for (const line of shown) {
      // Whole: no name cut mid-way, the entry's end still there.
      expect(line).not.toContain('…');
      expect(line.length).toBeLessThan(2900);
    }
    /** Each list in a line: the names it shows, and how many it counts as more. */
    const lists = (line: string) =>
      [
        ...line.matchAll(
          /((?:competitor-watch-topic-\d+, )*competitor-watch-topic-\d+) and (\d+) more \(every one: `\/brief changes entry \d+`\)/g,
        ),
      ].map((match) => ({ shown: (match[1] ?? '').split(', ').length, more: Number(match[2]) }));
    expect(lists(added)).toHaveLength(1);
    expect(added).toMatch(
      /^.* · <@UADMIN01> added digest 1 \(<#C0EXEC>, daily at 08:00 UTC, topics competitor-watch-topic-1, /,
    );
    expect(added).toMatch(/ more \(every one: `\/brief changes entry 1`\), up to 8 items\)$/);
    expect(lists(edit).map((list) => list.shown + list.more)).toEqual([120, 119]);
    expect(edit).toContain(' → competitor-watch-topic-1, ');
    expect(lists(beats).map((list) => list.shown + list.more)).toEqual([120]);
    expect(beats).toMatch(/put <@U0MARIA1> on competitor-watch-topic-1, /);
  });

  it("leads a removed digest's long list of topics, gone from topics list, to its entry written out whole", async () => {
    const names = Array.from({ length: 120 }, (_, index) => `retired-market-topic-${index + 1}`);
    await brief('topics add pricing pricing');
    await recordNow({
      actorId: 'UADMIN01',
      action: 'digest.remove',
      subjectType: 'digest',
      subjectId: 4,
      detail: {
        cadence: 'daily',
        timeOfDay: '08:00',
        timezone: 'UTC',
        maxItems: 8,
        channelId: 'C0EXEC',
        topics: names,
      },
    });
    const [removed = ''] = lines(await brief('changes digests'));
    expect(removed).toMatch(/removed digest 4 \(it was daily at 08:00 UTC, retired-market-topic-1, /);
    const pointer = /and (\d+) more \(every one: `(\/brief changes entry \d+)`\)/.exec(removed);
    expect(pointer?.[2]).toBeDefined();
    // Not where the old topics are: topics list names only the topics there are now.
    expect(read(await brief('topics list'))).not.toContain('retired-market-topic-120');
    const whole = await brief((pointer?.[2] ?? '').replace(/^\/brief /, ''));
    const sections = whole.blocks.flatMap((block) =>
      block.type === 'section' ? [block.text?.text ?? ''] : [],
    );
    expect(sections[0]).toBe(`Change entry ${/\d+$/.exec(pointer?.[2] ?? '')?.[0]}, whole`);
    expect(sections.length).toBeGreaterThan(2);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3000);
    const undoAt = sections.findIndex((text) => text.startsWith('To undo it:'));
    const written = sections.slice(1, undoAt).join(' ');
    // Every name, once, in order, none cut mid-way; the entry's end still there.
    expect(written.match(/retired-market-topic-\d+/g)).toEqual(names);
    expect(written).toMatch(/retired-market-topic-120, up to 8 items\) \(<#C0EXEC>\)$/);
    expect(written).not.toContain(' more (');
    // How to undo it, whole, to the last topic, though it takes more than one section.
    const undo = sections.slice(undoAt).join(' ');
    expect(undo).toMatch(
      /^To undo it: `\/brief digest add #C0EXEC daily 08:00 UTC topics: retired-market-topic-1, /,
    );
    expect(undo.match(/retired-market-topic-\d+/g)).toEqual(names);
    expect((await brief('changes entry 999')).text).toBe(
      'There is no change entry 999. The latest changes: `/brief changes`.',
    );
    expect((await brief('changes entry')).text).toMatch(/^Which entry\? Give its number/);
  });

  it("keeps a removed topic's conversations under its name, in changes and stats alike", async () => {
    const { deps } = current();
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    const pricing = await createBeat(deps, { name: 'pricing', experts: [{ userId: 'USME0001' }] });
    await createBeat(deps, { name: 'globex', query: 'globex', experts: [{ userId: 'USME0001' }] });
    const asked = await nudgeAbout(deps, { feedId, guid: 'p1', title: 'Price rise', topicId: pricing });
    // Asked on pricing, about a story globex matches too: stats globex counts it, so changes globex lists it.
    const both = await nudgeAbout(deps, { feedId, guid: 'p2', title: 'Globex price cut', topicId: pricing });
    await claimNudge(deps, asked, 'USME0001');
    await markReplied(deps, asked, 'USME0001', 'https://x.example/r');
    await claimNudge(deps, both, 'USME0001');
    await brief('topics remove pricing confirm');
    const shown = lines(await brief('changes pricing')).join('\n');
    expect(shown).toMatch(new RegExp(`claimed conversation ${asked}\\b`));
    expect(shown).toMatch(new RegExp(`replied to conversation ${asked}\\b`));
    expect(read(await brief('stats pricing'))).toMatch(/2 conversations/);
    expect(read(await brief('stats'))).toMatch(/pricing \(removed\)/);
    expect(read(await brief('stats'))).not.toMatch(/\(no topic\)/);
    const globex = lines(await brief('changes globex')).join('\n');
    expect(globex).toMatch(new RegExp(`claimed conversation ${both}\\b`));
    expect(globex).not.toMatch(new RegExp(`conversation ${asked}\\b`));
  });

  it('keeps names as they were: a removed digest keeps its channel and settings, an edit says what changed', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing max 8');
    await brief('digest edit 1 weekdays 07:00 Europe/Berlin max 3');
    await brief('digest pause 1');
    await brief('digest remove 1 confirm');
    await brief('follow outages daily 07:00', member);
    await brief('topics remove outages confirm');
    const shown = lines(await brief('changes 5')).map((line) => line.replace(/^.* · /, ''));
    expect(shown).toEqual([
      "<@UADMIN01> removed topic outages (`outage`), which ended <@UMEMBER1>'s follow (digest 2)",
      '<@UMEMBER1> followed outages (digest 2)',
      '<@UADMIN01> removed digest 1 (it was weekdays at 07:00 Europe/Berlin, pricing, up to 3 items, quiet: note) (<#C0EXEC>)',
      '<@UADMIN01> paused digest 1 (<#C0EXEC>)',
      '<@UADMIN01> edited digest 1: time daily at 08:00 UTC → weekdays at 07:00 Europe/Berlin, max 8 → 3 (<#C0EXEC>)',
    ]);
  });

  it('keeps a digest left with no topics as "no topics", never "all topics", in its removal and its edit', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage');
    await brief('digest add <#C0MKT|mkt> daily 08:00 topics: outages');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: pricing');
    await brief('topics remove outages confirm');
    await brief('digest remove 1 confirm');
    await brief('topics remove pricing confirm');
    await brief('digest edit 2 topics: all');
    const shown = lines(await brief('changes digests 3')).map((line) => line.replace(/^.* · /, ''));
    expect(shown).toEqual([
      '<@UADMIN01> edited digest 2: topics none → all (<#C0EXEC>)',
      '<@UADMIN01> removed topic pricing (`pricing`), which stopped digest 2 (<#C0EXEC>): no topics left',
      expect.stringMatching(
        /^<@UADMIN01> removed digest 1 \(it was daily at 08:00 UTC, no topics, up to 8 items, quiet: note\) \(<#C0MKT>\)$/,
      ),
    ]);
  });

  it('says a digest moved to another channel, from which to which, and shows it under the old channel', async () => {
    await brief('digest add <#C0EXEC|exec> daily 08:00');
    await brief('digest edit 1 <#C0NEW|new>');
    const shown = lines(await brief('changes <#C0EXEC|exec>')).map((line) => line.replace(/^.* · /, ''));
    expect(shown[0]).toBe('<@UADMIN01> edited digest 1: channel <#C0EXEC> → <#C0NEW> (<#C0NEW>)');
  });

  it('logs an unmute with the verb of the command, and the "not relevant" marks it cleared', async () => {
    for (const [muted, notRelevant] of [
      [true, 0],
      [true, 1],
      [false, 2],
    ] as const)
      await recordNow({
        actorId: 'UADMIN01',
        action: 'digest.unmute_source',
        subjectType: 'channel',
        subjectId: 'C0NEWS',
        detail: { feedId: 3, feedTitle: 'StackRank', muted, notRelevant },
      });
    expect(lines(await brief('changes feeds')).map((line) => line.replace(/^.* · /, ''))).toEqual([
      '<@UADMIN01> cleared 2 "not relevant" marks on feed 3 (StackRank) in <#C0NEWS>',
      `<@UADMIN01> unmuted feed 3 (StackRank) in <#C0NEWS>'s digests (and cleared 1 "not relevant" mark)`,
      "<@UADMIN01> unmuted feed 3 (StackRank) in <#C0NEWS>'s digests",
    ]);
  });

  it('narrows to a period, as stats reads one: today, this week, since a day, 7d', async () => {
    const { deps } = current();
    const now = deps.clock.now().getTime();
    const hour = 3600_000;
    for (const [subjectId, hoursAgo] of [
      [1, 1],
      [2, 3 * 24],
      [3, 10 * 24],
    ] as const)
      await recordAudit(deps.db, new Date(now - hoursAgo * hour), {
        actorId: 'UADMIN01',
        action: 'feed.pause',
        subjectType: 'feed',
        subjectId,
        detail: {},
      });
    const feedsIn = async (text: string) =>
      lines(await brief(text)).map((line) => /paused feed (\d)/.exec(line)?.[1]);
    expect(await feedsIn('changes today')).toEqual(['1']);
    expect((await brief('changes today')).text).toBe('The only change today');
    expect(await feedsIn('changes 7d')).toEqual(['1', '2']);
    expect((await brief('changes last week')).text).toBe(
      'The last 2 changes in the last 7 days, newest first',
    );
    expect(await feedsIn('changes last 30 days feeds')).toEqual(['1', '2', '3']);
    expect(await feedsIn('changes 1 since last week')).toHaveLength(1);
    expect(read(await brief('changes frobnicate'))).toMatch(
      /I can't filter by "frobnicate"\..*a period \(`\/brief changes today`, `this week`, `since monday`, `7d`\)/,
    );
  });

  it("keeps a removed topic's query and kind: the log is the only record of it left", async () => {
    await brief('topics add globex globex OR "globex corp" kind=competitor');
    await brief('topics remove globex');
    expect(lines(await brief('changes topics 1'))[0]).toMatch(
      /<@UADMIN01> removed topic globex \(`globex OR "globex corp"`, competitor\)$/,
    );
  });

  it("names the channel digests a topic's removal stopped or narrowed, under the digests and the channel", async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage');
    await brief('digest add <#C0MKT|mkt> daily 08:00 topics: outages');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: outages, pricing');
    await brief('topics remove outages confirm');
    const entry =
      '<@UADMIN01> removed topic outages (`outage`), which stopped digest 1 (<#C0MKT>): no topics left, took it out of digest 2 (<#C0EXEC>)';
    for (const filter of ['digests', '<#C0MKT|mkt>', '<#C0EXEC|exec>'])
      expect(lines(await brief(`changes ${filter}`)).map((line) => line.replace(/^.* · /, ''))[0]).toBe(
        entry,
      );
  });

  it("says which channels' mutes and marks a feed's removal cleared, under those channels", async () => {
    await recordNow({
      actorId: 'cli',
      action: 'feed.remove',
      subjectType: 'feed',
      subjectId: 2,
      detail: {
        url: 'https://x.example/rss',
        title: 'Example Feed',
        kind: 'review',
        feedbackCleared: [
          { channelId: 'C0MKT', muted: true },
          { channelId: 'C0EXEC', muted: false },
        ],
      },
    });
    // Under digests too: clearing a mute changed what the digests post.
    for (const filter of ['<#C0MKT|mkt>', 'digests'])
      expect(lines(await brief(`changes ${filter}`)).map((line) => line.replace(/^.* · /, ''))).toEqual([
        `the command line removed feed 2 (Example Feed, review, https://x.example/rss), which cleared <#C0MKT>'s mute, <#C0EXEC>'s "not relevant" marks of it`,
      ]);
    // A removal logged before kinds were recorded, and one of a feed that had no title: one set of brackets still.
    for (const [subjectId, detail] of [
      [3, { url: 'https://y.example/rss', title: 'Old Feed' }],
      [4, { url: 'https://z.example/rss', kind: 'news' }],
    ] as const)
      await recordNow({
        actorId: 'cli',
        action: 'feed.remove',
        subjectType: 'feed',
        subjectId,
        detail,
      });
    expect(
      lines(await brief('changes feeds'))
        .map((line) => line.replace(/^.* · /, ''))
        .slice(0, 2),
    ).toEqual([
      'the command line removed feed 4 (news, https://z.example/rss)',
      'the command line removed feed 3 (Old Feed, https://y.example/rss)',
    ]);
  });

  it('names the item marked "not relevant" by its title', async () => {
    await recordNow({
      actorId: member,
      action: 'digest.not_relevant',
      subjectType: 'channel',
      subjectId: 'C0NEWS',
      detail: { itemId: 7, itemTitle: 'Acme <status> page', feedId: 4, feedTitle: 'Support Ops' },
    });
    expect(lines(await brief('changes')).map((line) => line.replace(/^.* · /, ''))).toEqual([
      '<@UMEMBER1> marked "Acme &lt;status&gt; page" (feed 4 (Support Ops)) not relevant in <#C0NEWS>',
    ]);
  });
});

describe('/brief undo', () => {
  it("says there is no one-step undo, with the admin's last change and the command that reverses it", async () => {
    await brief('topics add pricing pricing');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    await brief('digest pause 1');
    for (const text of ['undo', 'undo last change', 'revert', 'Undo that']) {
      const reply = read(await brief(text));
      expect(reply).toMatch(
        /There is no one-step undo: each change is undone by its own command.*Your last change: \d+ \w+ \d{4} \d\d:\d\d UTC · you paused digest 1 \(<#C0EXEC>\)\. To undo it: `\/brief digest resume 1`\. Every change, with who made it: `\/brief changes`\./,
      );
      expect(reply).not.toMatch(/Nothing about/);
    }
    await brief('topics add globex globex kind=competitor');
    await brief('topics remove globex');
    expect(read(await brief('undo'))).toMatch(
      /you removed topic globex \(`globex`, competitor\)\. To undo it: `\/brief topics add globex globex kind=competitor`\./,
    );
    // Someone else's change is not theirs to undo: the last one is the person's own.
    await recordNow({
      actorId: 'UADMIN02',
      action: 'feed.pause',
      subjectType: 'feed',
      subjectId: 7,
      detail: {},
    });
    expect(lines(await brief('changes 1'))[0]).toMatch(/<@UADMIN02> paused feed 7/);
    expect(read(await brief('undo'))).toMatch(/you removed topic globex/);
  });

  it("gives every step that puts a removed topic back: its settings, experts, digests and followers' follows", async () => {
    await brief('topics add pricing pricing OR price*');
    await brief('topics add outages outage*');
    await brief('topics set pricing channel=<#C0TALK|talk> threshold=0.6');
    await brief('sme add <@U0MARIA1|maria> pricing');
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest add <#C0SALES|sales> daily 08:00 topics: pricing');
    await brief('follow pricing weekly mon 08:00 Europe/Berlin', member);
    await brief('follow pricing daily 07:00');
    const removed = await brief('topics remove pricing confirm');
    // Mentions in commands are written as typed (Slack shows `<#C…>` in backticks as it is); the
    // admin's own follow is theirs to start again, not to ask themselves for.
    const steps =
      '`/brief topics add pricing pricing OR price*`, then `/brief topics set pricing channel=#C0TALK threshold=0.6`, `/brief sme add @U0MARIA1 pricing`, `/brief digest edit 1 topics: +pricing`, `/brief digest edit 2 topics: pricing`, `/brief digest resume 2`, and follow it again with `/brief follow pricing daily 07:00 UTC`, and ask <@UMEMBER1> to `/brief follow pricing weekly mon 08:00 Europe/Berlin` again.';
    expect(removed.text).toContain(`To bring it back: ${steps}`);
    expect((await brief('undo')).text).toContain(`To undo it: ${steps} Every change`);
    // Following the steps puts it back as it was.
    for (const step of steps.match(/`\/brief [^`]+`/g) ?? [])
      await brief(step.slice(8, -1), step.includes('weekly mon') ? member : 'UADMIN01');
    const { deps } = current();
    const schedules = await deps.db.prisma.digestSchedule.findMany({ orderBy: { id: 'asc' } });
    expect(
      schedules.map((schedule) => [schedule.userId, JSON.parse(schedule.topics), schedule.status]),
    ).toEqual([
      [null, ['outages', 'pricing'], 'active'],
      [null, ['pricing'], 'active'],
      ['UADMIN01', ['pricing'], 'active'],
      [member, ['pricing'], 'active'],
    ]);
    expect(await deps.db.prisma.topic.findUnique({ where: { name: 'pricing' } })).toMatchObject({
      channelId: 'C0TALK',
      threshold: 0.6,
    });
    expect(await deps.db.prisma.beat.count()).toBe(1);
  });

  it('gives the command that reverses a removed digest, an unfollow, a mute, a digest edit and an expert taken off', async () => {
    const { deps } = current();
    // What a digest is, without its ids and clocks: what an undo must restore.
    const kept = [
      'channelId',
      'userId',
      'cadence',
      'weekday',
      'days',
      'timeOfDay',
      'timezone',
      'topics',
      'maxItems',
      'quietDay',
      'status',
    ] as const;
    const digests = async () =>
      (await deps.db.prisma.digestSchedule.findMany({ orderBy: { id: 'asc' } })).map((digest) =>
        Object.fromEntries(kept.map((key) => [key, digest[key]])),
      );
    /** The command `undo` gives, run as `who`: it must put back what was there before the change. */
    const undoLast = async (who = 'UADMIN01') => {
      const command = /To undo it: `\/brief ([^`]+)`/.exec((await brief('undo')).text)?.[1];
      expect(command).toBeDefined();
      await brief(command ?? '', who);
      return command;
    };
    await brief('topics add acme acme kind=company');
    await brief('topics add outages outage*');
    await brief(
      'digest add <#C0MKT|market> weekly mon,thu 07:30 Europe/Berlin topics: acme max 5 quiet: skip',
    );
    const added = await digests();
    await brief('digest remove 1 confirm');
    expect(await undoLast()).toBe(
      'digest add #C0MKT weekly mon,thu 07:30 Europe/Berlin topics: acme max 5 quiet: skip',
    );
    expect(await digests()).toEqual(added);

    // Each setting an edit changed, back as it was; those it left alone, unsaid.
    const edited = await brief('digest edit 2 daily 09:00 max 3');
    expect(edited.text).toContain(
      'To undo: `/brief digest edit 2 weekly mon,thu 07:30 Europe/Berlin max 5`.',
    );
    expect(await undoLast()).toBe('digest edit 2 weekly mon,thu 07:30 Europe/Berlin max 5');
    expect((await digests()).map(({ days, timeOfDay, maxItems }) => [days, timeOfDay, maxItems])).toEqual([
      ['1,4', '07:30', 5],
    ]);

    // A paused digest removed is added again, then paused again.
    await brief('digest pause 2');
    await brief('digest remove 2 confirm');
    expect((await brief('undo')).text).toContain(
      'To undo it: `/brief digest add #C0MKT weekly mon,thu 07:30 Europe/Berlin topics: acme max 5 quiet: skip`, then `/brief digest pause &lt;its new number&gt;` (it was paused).',
    );

    await brief('follow acme weekdays 06:45 Europe/Berlin max 4');
    await brief('unfollow acme');
    expect(await undoLast()).toBe('follow acme weekdays 06:45 Europe/Berlin max 4');
    expect((await digests()).at(-1)).toMatchObject({ userId: 'UADMIN01', cadence: 'weekdays', maxItems: 4 });

    const feedId = await createFeed(deps, { host: 'https://globex.example' });
    await brief(`digest mute <#C0MKT|market> ${feedId}`);
    expect(await undoLast()).toBe(`digest unmute #C0MKT ${feedId}`);
    expect(await deps.db.prisma.channelFeedback.count()).toBe(0);

    await brief('sme add <@U0MARIA1|maria> acme, outages');
    const removed = await brief('sme remove <@U0MARIA1|maria> outages');
    expect(removed.text).toContain('To undo: `/brief sme add @U0MARIA1 outages`.');
    expect(await undoLast()).toBe('sme add @U0MARIA1 outages');
    // Off every beat: the beats they had come back.
    await brief('sme remove <@U0MARIA1|maria>');
    expect(await undoLast()).toBe('sme add @U0MARIA1 acme, outages');
    expect(await deps.db.prisma.beat.count()).toBe(2);
  });

  it("points to the follower for someone else's follow an admin ended", async () => {
    await brief('topics add acme acme');
    await brief('follow acme daily 07:00', member);
    await brief('digest remove 1 confirm');
    expect((await brief('undo')).text).toContain(
      "It is <@UMEMBER1>'s follow of acme: ask them to `/brief follow acme daily 07:00 UTC` if it should be as it was.",
    );
  });

  it("gives a member the command that undoes their last follow change, as that change's reply did", async () => {
    await brief('topics add pricing pricing');
    await brief('follow everything weekdays 8am', member);
    expect(read(await brief('undo', member))).toMatch(
      /Your last change: .* · you followed every topic \(digest 1\)\. To undo it: `\/brief unfollow everything`\. What you follow, and how to change or stop it: `\/brief my follows`\.$/,
    );
    await brief('digest pause 1', member);
    expect(read(await brief('undo', member))).toContain(
      'you paused digest 1 (your follow). To undo it: `/brief digest resume 1`.',
    );
    await brief('digest resume 1', member);
    await brief('unfollow everything', member);
    const undo = read(await brief('undo', member));
    expect(undo).toContain(
      'you unfollowed every topic (digest 1). To undo it: `/brief follow everything weekdays 08:00 UTC`.',
    );
    expect(undo).not.toContain('/brief changes');
    // The command it gives brings the follow back as it was.
    await brief('follow everything weekdays 08:00 UTC', member);
    const { deps } = current();
    expect(await deps.db.prisma.digestSchedule.findMany({ where: { userId: member } })).toMatchObject([
      { cadence: 'weekdays', timeOfDay: '08:00', topics: '[]', status: 'active' },
    ]);
  });

  it('tells a member there is no undo, and where their own settings are', async () => {
    const reply = read(await brief('undo', member));
    expect(reply).toMatch(/There is no one-step undo.*`\/brief my follows`/);
    expect(reply).not.toMatch(/Your last change|Nothing about/);
  });

  it('says when no single command reverses the last change, and when there is none yet', async () => {
    expect(read(await brief('undo'))).toMatch(/You have made no change yet; everyone's: `\/brief changes`\./);
    await brief('topics add pricing pricing');
    await brief('topics set pricing threshold=0.7');
    expect(read(await brief('undo'))).toMatch(
      /you set topic pricing's nudges: threshold 0\.7 \(was the default\)\. No single command reverses it\./,
    );
  });
});

describe('changes to a channel or to digests', () => {
  it('include the topic edits and feed pauses that changed what its digests post, and not those of other topics', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add hiring hiring');
    await brief('topics add acme acme');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    await brief('digest add <#C0NEWS|news> daily 08:00');
    const { deps } = current();
    const feedId = await createFeed(deps, { host: 'https://globex.example', title: 'Globex Blog' });
    await storeFeedItems(deps, feedId, [{ guid: 'a', title: 'Globex pricing: a renewal quote for all' }]);
    await brief('topics edit pricing "renewal quote"');
    await brief('topics edit hiring kind=company');
    await brief(`feeds pause ${feedId}`);
    const exec = await brief('changes <#C0EXEC>');
    // Each entry names the channel's digest: no "and the topics and feeds its digests read".
    expect(exec.text).toBe('The last 3 changes to <#C0EXEC>, newest first');
    expect(lines(exec).map((line) => line.replace(/^.* · /, ''))).toEqual([
      `<@UADMIN01> paused feed ${feedId} (Globex Blog); digest 1 (<#C0EXEC>), digest 2 (<#C0NEWS>) read it`,
      '<@UADMIN01> changed topic pricing\'s query to `"renewal quote"` (was `pricing`); digest 1 (<#C0EXEC>), digest 2 (<#C0NEWS>) post it',
      '<@UADMIN01> added digest 1 (<#C0EXEC>, daily at 08:00 UTC, topic pricing, up to 8 items, quiet: note)',
    ]);
    // A digest of all topics reads every topic's edit.
    expect(read(await brief('changes <#C0NEWS>'))).toContain(
      'made topic hiring company (was theme); digest 2',
    );
    const digests = read(await brief('changes digests'));
    expect(digests).toContain("changed topic pricing's query");
    expect(digests).toContain(`paused feed ${feedId}`);
    // A channel with no digest reads no topic or feed.
    expect((await brief('changes <#C0OTHER>')).text).toBe('No changes to <#C0OTHER> yet.');
  });

  it('reads an edit recorded before its digests were kept by the digests that post the topic now', async () => {
    await brief('topics add pricing pricing');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    await recordNow({
      actorId: 'UADMIN01',
      action: 'topic.edit',
      subjectType: 'topic',
      subjectId: 1,
      detail: { name: 'pricing', from: 'price', query: 'pricing' },
    });
    expect(lines(await brief('changes <#C0EXEC>'))[0]).toMatch(/changed topic pricing's query to `pricing`/);
    expect(lines(await brief('changes digests'))[0]).toMatch(/changed topic pricing's query/);
  });

  it("names the digests and follows that had posted a feed's items when it was paused, resumed, moved or removed", async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage');
    const { deps } = current();
    const host = 'https://globex.example';
    const feedId = await createFeed(deps, { host, title: 'The Globex Blog' });
    const items = [{ guid: 'a', title: 'Globex pricing goes up' }];
    await storeFeedItems(deps, feedId, items);
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    await brief('digest add <#C0OPS|ops> daily 08:00 topics: outages');
    // A channel that muted the feed never posted its items.
    await brief('digest add <#C0MKT|mkt> daily 08:00 topics: pricing');
    await brief(`digest mute <#C0MKT|mkt> ${feedId}`);
    await brief('follow pricing daily 09:00', 'U0EXEC02');
    await brief(`feeds pause ${feedId}`);
    await brief(`feeds resume ${feedId}`);
    nock(host)
      .get('/new.xml')
      .reply(200, rssFeed(host, items, deps.clock.now(), 'The Globex Blog'));
    await brief(`feeds move ${feedId} ${host}/new.xml`);
    await brief(`feeds remove ${feedId} confirm`);
    const readers = "digest 1 (<#C0EXEC>), <@U0EXEC02>'s follow of pricing (digest 4) read it";
    const exec = await brief('changes <#C0EXEC>');
    expect(lines(exec).map((line) => line.replace(/^.* · /, ''))).toEqual([
      `<@UADMIN01> removed feed ${feedId} (The Globex Blog, news, ${host}/new.xml), which cleared <#C0MKT>'s mute of it; ${readers}`,
      `<@UADMIN01> moved feed ${feedId} (The Globex Blog) from ${host}/feed.xml to ${host}/new.xml; ${readers}`,
      `<@UADMIN01> resumed feed ${feedId} (The Globex Blog); ${readers}`,
      `<@UADMIN01> paused feed ${feedId} (The Globex Blog); ${readers}`,
      '<@UADMIN01> added digest 1 (<#C0EXEC>, daily at 08:00 UTC, topic pricing, up to 8 items, quiet: note)',
    ]);
    // Named, so the header needs no "and the topics and feeds its digests read".
    expect(exec.text).toBe('The last 5 changes to <#C0EXEC>, newest first');
    // Digests that never posted its items are not changed by it.
    expect((await brief('changes <#C0OPS>')).text).toBe('The only change to <#C0OPS>');
    expect(lines(await brief('changes <#C0MKT>')).join('\n')).not.toMatch(/(paused|resumed| moved) feed/);
    expect(lines(await brief('changes digests'))[0]).toContain(`removed feed ${feedId}`);
  });

  it("reads a feed's change recorded before its digests were kept as changing every channel's digests", async () => {
    await brief('digest add <#C0EXEC|exec> daily 08:00');
    await recordNow({
      actorId: 'UADMIN01',
      action: 'feed.pause',
      subjectType: 'feed',
      subjectId: 9,
      detail: { title: 'Old Blog' },
    });
    const exec = await brief('changes <#C0EXEC>');
    expect(exec.text).toBe(
      'The last 2 changes to <#C0EXEC> and the topics and feeds its digests read, newest first',
    );
    expect(lines(exec)[0]).toMatch(/ · <@UADMIN01> paused feed 9 \(Old Blog\)$/);
  });
});

describe('changes to one feed', () => {
  it('reads "feed 2" as that feed, and finds a feed by its name, removed or not', async () => {
    const { deps } = current();
    const globex = await createFeed(deps, { host: 'https://globex.example', title: 'The Globex Blog' });
    const other = await createFeed(deps, { host: 'https://news.example.com', title: 'Market News' });
    await brief('topics add globex globex kind=competitor');
    await brief(`feeds pause ${globex}`);
    await brief(`feeds pause ${other}`);
    await brief(`digest mute <#C0EXEC|exec> ${globex}`);
    const byNumber = await brief(`changes feed ${globex}`);
    expect(byNumber.text).toBe(`The last 2 changes to feed ${globex} (The Globex Blog), newest first`);
    expect(lines(byNumber).map((line) => line.replace(/^.* · /, ''))).toEqual([
      `<@UADMIN01> muted feed ${globex} (The Globex Blog) in <#C0EXEC>'s digests`,
      `<@UADMIN01> paused feed ${globex} (The Globex Blog)`,
    ]);
    // Its name, though "globex" alone is a topic.
    expect((await brief('changes The Globex Blog')).text).toBe(byNumber.text);
    expect((await brief('changes market news')).text).toBe(`The only change to feed ${other} (Market News)`);
    // "feeds 1" is still how many of the feeds' changes.
    expect((await brief('changes feeds 1')).text).toBe('The last change to feeds');
    // A removed feed is found by the name its entries kept.
    await brief(`feeds remove ${other} confirm`);
    expect((await brief('changes market news')).text).toBe(
      `The last 2 changes to feed ${other} (Market News), newest first`,
    );
    expect((await brief('changes The Zork Blog')).text).toMatch(/^I can't filter by "The Zork Blog"/);
  });
});
