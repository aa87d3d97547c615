import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackKind, feedbackByChannel, recordFeedback } from '../../src/briefing/feedback.ts';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { claimNudge, markReplied } from '../../src/engage/claims.ts';
import { read } from '../helpers/commands.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, rssFeed, storeFeedItems } from '../helpers/digest.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { sharedFeed } from '../helpers/fixtures.ts';
import { createBeat, nudgeAbout } from '../helpers/nudges.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
let deps: TestDeps;

beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
});
afterEach(async () => {
  await deps.cleanup();
});

function brief(text: string, userId = admin): Promise<Reply> {
  return runCommand(deps, { userId, channelId: 'C0CHANNEL', text });
}

/** The text of each section of a reply, in order. */
function sectionTexts(reply: Reply): string[] {
  return reply.blocks.flatMap((block) => (block.type === 'section' ? [block.text?.text ?? ''] : []));
}

async function addSampleFeed(): Promise<void> {
  nock('https://news.example.com').get('/feed.xml').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
  await brief('feeds add <https://news.example.com/feed.xml> kind=blog');
}

describe('/brief help', () => {
  it('answers "/brief" alone and "help" with the guide, grouped by role', async () => {
    // "/brief: help": the command typed with its colon into App Home's box, not a question about "help".
    for (const text of ['', 'help', '  HELP ', '/brief help', '/brief: help']) {
      const reply = await brief(text, member);
      expect(reply.visibility).toBe('ephemeral');
      // A member's help leads with asking, one example a line; the rest is on pages it names.
      expect(read(reply)).toMatch(/Ask in plain words\*\\n`\/brief what are customers saying about pricing`/);
      expect(read(reply)).toMatch(/`\/brief follow pricing daily 07:00` — a topic’s digest in your DMs/);
      expect(read(reply)).toMatch(
        /`\/brief help asking` · `help digests` · .*`help languages` · all of it: `help all`/,
      );
      // A member's guide is theirs: the other roles' commands are on the pages, not listed.
      expect(read(reply)).not.toMatch(
        /Subject-matter experts|Marketers \(Briefbot admins\)|nudge claim 12|feeds add/,
      );
    }
    // What the old guide said about asking is on the asking page, the languages line of its own.
    const asking = read(await brief('help asking', member));
    expect(asking).toMatch(/Brief me on this/);
    expect(asking).toMatch(/`\/brief more` — the next sources of your last answer/);
    expect(asking).toMatch(/\\n`\/brief help languages` — the languages whose tone is read\\n/);
    expect(read(await brief('help digests', member))).toMatch(
      /`\/brief unfollow pricing` · `\/brief my follows` — what you follow/,
    );
    const adminHelp = read(await brief('help', admin));
    expect(adminHelp).toMatch(/You are a Briefbot admin/);
    // Before feeds and topics, the set-up steps stand for the set-up lines (test/slack/help-phone.test.ts has them).
    expect(adminHelp).toMatch(/Get started\*\\n1\. Add the feeds to read/);
    expect(adminHelp).not.toMatch(/Set up\*/);
    expect(adminHelp).toMatch(/`\/brief status` — at a glance · `\/brief changes` — who changed what/);
    expect(adminHelp).not.toMatch(/Subject-matter experts|Marketers \(Briefbot admins\)/);
    expect(read(await brief('help', member))).toMatch(/You can ask and read everything/);
    const all = read(await brief('help all', member));
    expect(all).toMatch(
      /Executives and everyone[\s\S]*Subject-matter experts[\s\S]*Marketers \(Briefbot admins\)/,
    );
    expect(all).toMatch(/`\/brief digest help` \(or feeds, topics, sme, nudge\)/);
    expect(all).not.toMatch(/There is no help for/);
  });

  it('gives an expert their conversations first, and the pages for the rest', async () => {
    await deps.db.prisma.sme.create({ data: { userId: 'USME0001' } });
    const reply = read(await brief('help', 'USME0001'));
    expect(reply).toMatch(
      /You are an expert on a beat[\s\S]*Your conversations[\s\S]*`\/brief what’s waiting for me`/,
    );
    expect(reply).not.toMatch(/Marketers \(Briefbot admins\)|feeds add/);
    expect(reply).toMatch(/`help nudges`/);
    expect(read(await brief('help nudges', 'USME0001'))).toMatch(/`\/brief nudge claim 12`/);
  });
});

describe('help for one group of commands', () => {
  it.each([
    [
      'digest help',
      'digests',
      /`\/brief digest edit 2 weekdays 07:30 max 5`.*In full:\* digest add &lt;#channel&gt;/s,
    ],
    ['digests help', 'digests', /`\/brief follow pricing daily 07:00`/],
    ['help digest', 'digests', /digest pause\|resume\|remove\|now\|preview/],
    ['help follow', 'digests', /`\/brief follow pricing daily 07:00`/],
    ['help unfollow', 'digests', /unfollow \[&lt;topic&gt; or everything\]/],
    ['follow help', 'digests', /`\/brief follow pricing daily 07:00`/],
    [
      'feeds help',
      'feeds',
      /`\/brief feeds add https:\/\/example\.com\/feed\.xml kind=review`.*feeds import &lt;opml-url&gt;/s,
    ],
    ['help feed', 'feeds', /feeds move &lt;id-or-url&gt; &lt;new-url&gt;/],
    ['topics help', 'topics', /`\/brief topics set pricing channel=#market-talk threshold=0\.6`/],
    ['sme help', 'experts', /`\/brief sme away me until 2026-12-01`.*sme list \[topic\]/s],
    ['experts ?', 'experts', /sme add &lt;@user&gt;/],
    [
      'nudge help',
      'nudges',
      /`\/brief claims` — your open conversations.*ask <@UADMIN01> or a workspace admin to put you on one/s,
    ],
    ['help nudges', 'nudges', /stats \[7d\|30d\|this week\|last month\]/],
    ['help asking', 'asking', /`\/brief reviews of acme`.*Brief me on this/s],
    ['ask ?', 'asking', /`\/brief tell me more about 2`/],
    // Stats and claims have pages of their own: what each figure means; claiming, snoozing, giving back.
    [
      'stats help',
      'stats',
      /stats \[7d\|30d\|this week\|last month\].*\*released by an admin\*.*\*reopened by an admin\*: a reply or dismissal an admin reopened \(the conversation is in progress again\): a reply still counts as replied/s,
    ],
    [
      'help stats',
      'stats',
      /\*claim in\* \/ \*reply in\*: median times. A claim counts from the post \(or the reopening, or the release before it\)/,
    ],
    [
      'claims help',
      'claims',
      /`\/brief claims` — the conversations you hold.*`\/brief nudge snooze &lt;id&gt; \[2d \| until monday\]`.*`\/brief nudge release &lt;id&gt;`/s,
    ],
  ])('"%s" answers with the %s help, not a warning', async (text, title, expected) => {
    const reply = await brief(text, member);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.text).toBe(`Briefbot help: ${title}`);
    expect(read(reply)).toMatch(expected);
    expect(read(reply)).not.toMatch(/:warning:|I don't know|Usage:/);
    expect(read(reply)).not.toMatch(/Executives and everyone/);
  });

  it('says there is no help for a part that has none, then shows the guide', async () => {
    const reply = await brief('help xyz', member);
    expect(reply.text).toMatch(/^No help for “xyz”\. Briefbot help\./);
    expect(read(reply)).toMatch(
      /There is no help for “xyz”: the pages are below\. To ask what is said about “help xyz”: `\/brief ask help xyz`\./,
    );
    expect(read(reply)).toMatch(
      /Ask in plain words[\s\S]*`\/brief help asking` · `help digests` · `help feeds` · `help topics`/,
    );
    expect(read(await brief('help xyz', admin))).toMatch(/the pages are below[\s\S]*Get started/);
  });

  it('lists a command once in a group help, even when the parts of several roles name it', async () => {
    const reply = read(await brief('sme help', member));
    expect(reply.match(/`\/brief sme list`/g)).toHaveLength(1);
    // The full form has the return from away that replies point to.
    expect(reply).toContain('sme away &lt;@user&gt; until &lt;date&gt; | back');
  });

  it('keeps "help" with anything else, and "help" inside a command, as they were', async () => {
    expect(read(await brief('help me'))).toMatch(/Get started[\s\S]*`\/brief help asking`/);
    expect(read(await brief('help me'))).not.toMatch(/No help for/);
    expect(read(await brief('topics test help'))).not.toMatch(/Briefbot help: topics/);
  });
});

describe('mistakes get a reply that says what to type', () => {
  it.each([
    ['feds list', /Did you mean `\/brief feeds list`\?/],
    ['feeds lst', /Did you mean `\/brief feeds list`/],
    [
      'feeds lsit',
      /I don't know \\"\/brief feeds lsit\\"\. Did you mean `\/brief feeds list`\? \(`\/brief feeds help` shows them all\.\)"/,
    ],
    ['feeds pasue 3', /Did you mean `\/brief feeds pause 3`\?/],
    [
      'topics lsit',
      /I don't know "\/brief topics lsit". Did you mean `\/brief topics list`\? \(`\/brief topics help` shows them all\.\)$/,
    ],
    ['topics remvoe pricing', /Did you mean `\/brief topics remove pricing`\?/],
    [
      'digest lsit',
      /I don't know "\/brief digest lsit". Did you mean `\/brief digest list`\? \(`\/brief digest help` shows them all\.\)$/,
    ],
    ['digest delete 2', /Did you mean `\/brief digest remove 2`\?/],
    ['digest rm 1', /Did you mean `\/brief digest remove 1`\? \(`\/brief digest help` shows them all\.\)"/],
    ['digest stop 2', /Did you mean `\/brief digest pause 2`\?/],
    ['digest start 2', /Did you mean `\/brief digest resume 2`\?/],
    ['digest stop <#C0NEWS|news>', /Did you mean \/brief digest pause <#C0NEWS\|news>\?/],
    ['feeds rm 3', /Did you mean `\/brief feeds remove 3`\?/],
    ['feeds delete 3', /Did you mean `\/brief feeds remove 3`\?/],
    [
      'feeds export',
      /I don't know "\/brief feeds export"\. Export is on the command line: `npx briefbot feeds export feeds\.opml`/,
    ],
    ['feeds stop 3', /Did you mean `\/brief feeds pause 3`\?/],
    ['topics delete pricing', /Did you mean `\/brief topics remove pricing`\?/],
    [
      'topics rename pricing prices',
      /Topics are not renamed\. To change what pricing finds, keeping its experts and digests: `\/brief topics edit pricing &lt;query&gt;`\. For a new name: `\/brief topics add prices &lt;query&gt;`, put its experts and digests on it, then `\/brief topics remove pricing`\./,
    ],
    ['sme delete <@U123ABC|maria>', /Did you mean \/brief sme remove <@U123ABC\|maria>\?/],
    ['sme del <@U123ABC|maria>', /Did you mean \/brief sme remove <@U123ABC\|maria>\?/],
    ['topics ste pricing channel=#C0123', /Did you mean `\/brief topics set pricing channel=#C0123`\?/],
    ['feeds check https://x.example/feed', /command-line tool: `npx briefbot feeds check &lt;url&gt;`/],
    ['topcis list', /Did you mean `\/brief topics list`\?/],
    ['topcis', /Did you mean `\/brief topics`\?/],
    [
      'feeds frobnicate',
      /I don't know "\/brief feeds frobnicate"\. The feeds commands are add, list, remove, pause, resume, move, set, import; `\/brief feeds help` shows how to type them\.$/,
    ],
    [
      'digest history 1',
      /I don't know "\/brief digest history"\. The digest commands are add, edit, list, pause, resume, remove, preview, now, mute, unmute; `\/brief digest help` shows how to type them\.$/,
    ],
    ['feeds add', /Give the feed address/],
    ['feeds add https://x.example/feed kind=gossip', /kind must be one of news, blog/],
    ['topics add pricing', /Give the query after the name/],
    [
      'topics add pricing "price increase',
      /That query does not work: the phrase opened by " at the start is never closed: add a " where it ends\. Nothing was added\. Fix it and send again: `\/brief topics add pricing "price increase`/,
    ],
    [
      'topics add "two words" pricing',
      /Topic names are one word\. Did you mean `\/brief topics add two-words pricing`\?/,
    ],
    ['sme add maria pricing', /Mention the person with @/],
    // "@maria" that Slack did not turn into a person, and the person typed second.
    [
      'sme add @maria pricing',
      /^.*Slack did not recognise @maria as a person: pick them from the list Slack shows as you type @/,
    ],
    ['sme add pricing <@U0MARIA1|maria>', /Put the person first: `\/brief sme add @U0MARIA1 pricing`"/],
    [
      'sme remove pricing, outages <@U0MARIA1|maria>',
      /Put the person first: `\/brief sme remove @U0MARIA1 pricing, outages`"/,
    ],
    [
      'sme back <@U0MARIA1|maria>',
      /I don't know "\/brief sme back"\. Did you mean `\/brief sme away @U0MARIA1 back`\? It ends someone's time away\./,
    ],
    // Nobody named: the sender, as `sme away back` reads it.
    ['sme back', /Did you mean `\/brief sme away me back`\? It ends your time away\./],
    ['list', /List what\? `\/brief feeds list` · `\/brief topics list` · `\/brief digest list`/],
    [
      'feeds resume all',
      /`resume all` is not taken: name the feeds, by number or address\. No feed is paused now\./,
    ],
    [
      'topics test pricing kind=theme',
      /`topics test` takes only a query; "kind=theme" is for `topics add` or `topics set`\. Try: `\/brief topics test pricing`/,
    ],
    [
      'topics add Acme Desk "acme desk" kind=company',
      /Topic names are one word\. Did you mean `\/brief topics add acme-desk \\"acme desk\\" kind=company`\?/,
    ],
    ['sme away <@U123ABC|maria> until someday', /can't read "someday" as a date/],
    // A question, even before any feed: asked of the feeds, which there are none of yet.
    ['frobnicate', /^.*Briefbot reads no feeds yet, so there is nothing to search/],
  ])('"%s"', async (text, expected) => {
    const reply = await brief(text);
    expect(reply.visibility).toBe('ephemeral');
    expect(read(reply)).toMatch(expected);
  });

  it('never crashes whatever is typed', async () => {
    const hostile = [
      '"',
      '((((',
      'feeds add "',
      'topics test NEAR(',
      'topics test *',
      'topics test -',
      'sme add <@',
      '<#C1|x>',
      '\u0000\u0007',
      'topics add x ) OR (',
      `feeds remove ${'9'.repeat(400)}`,
      'topics test "" OR ""',
    ];
    for (const text of hostile) {
      const reply = await brief(text);
      expect(reply.text.length).toBeGreaterThan(0);
      expect(reply.text).not.toMatch(/Something went wrong on our side/);
    }
  });
});

describe('permissions', () => {
  it('refuses changes to non-admins, politely, naming who can, and records nothing', async () => {
    for (const text of [
      'feeds add https://x.example/feed',
      'topics add pricing pricing',
      'sme add <@U123ABC> pricing',
      'feeds pause 1',
    ]) {
      const reply = await brief(text, member);
      expect(read(reply)).toMatch(/Sorry, only Briefbot admins can .* Ask <@UADMIN01> or a workspace admin/);
    }
    expect(await deps.db.prisma.auditEvent.count()).toBe(0);
    expect(read(await brief('topics list', member))).toMatch(/No topics yet/);
    // A member is told whom to ask, by name, never shown a command only admins can run.
    for (const list of ['topics list', 'feeds list', 'sme list']) {
      const reply = (await brief(list, member)).text;
      expect(reply, list).toMatch(/ Ask <@UADMIN01> or a workspace admin to add one\.$/);
      expect(reply, list).not.toContain('/brief');
    }
  });

  it('lets workspace admins and owners change things', async () => {
    deps.workspaceAdmins.add(member);
    expect(read(await brief('topics add pricing pricing OR discount*', member))).toMatch(
      /Added topic \*pricing\*/,
    );
  });
});

describe('feeds', () => {
  it('refuses words after the address instead of dropping them, and reads no word of a sentence as a host', async () => {
    // Words with no address among them: not an address with words after it.
    expect((await brief('feeds add not a url')).text).toBe(
      '"not a url" is not a feed address: give the feed\'s full address, like `/brief feeds add https://example.com/feed.xml`. Nothing was added.',
    );
    expect(read(await brief('feeds add https://news.example.com/feed.xml kind=blog extra words'))).toMatch(
      /Unexpected "extra words" after the address/,
    );
    expect(await deps.db.prisma.feed.count()).toBe(0);
  });

  it('says an address is needed when a feed number is typed for one, and which feed the number is', async () => {
    await addSampleFeed();
    expect(read(await brief('feeds add 1'))).toMatch(
      /"1" looks like a feed number, but feeds add needs a feed address .*Feed 1 is Liftoff News \(https:\/\/news\.example\.com\/feed\.xml\), which Briefbot already watches/,
    );
    expect(read(await brief('feeds add 4'))).toMatch(
      /There is no feed 4 either; the feeds and their numbers are in: `\/brief feeds list`\./,
    );
    expect(read(await brief('feeds move 1 2'))).toMatch(/feeds move needs a feed address/);
  });

  it('logs an added feed as its removal is logged: title, address and kind', async () => {
    await addSampleFeed();
    await brief('feeds remove 1 confirm');
    const entries = JSON.stringify((await brief('changes feeds')).blocks);
    expect(entries).toMatch(
      /<@UADMIN01> removed feed 1 \(Liftoff News, blog, https:\/\/news\.example\.com\/feed\.xml\)/,
    );
    expect(entries).toMatch(
      /<@UADMIN01> added feed 1 \(Liftoff News, https:\/\/news\.example\.com\/feed\.xml\) as blog/,
    );
  });

  it('keeps the expert conversations of a removed feed, with their story, in nudge and stats', async () => {
    await addSampleFeed();
    const topicId = await createBeat(deps, { name: 'outages', experts: [{ userId: 'USME0001' }] });
    const nudgeId = await nudgeAbout(deps, { feedId: 1, guid: 'eu-outage', title: 'EU outage', topicId });
    await nudgeAbout(deps, { feedId: 1, guid: 'us-outage', title: 'US outage', topicId });
    await claimNudge(deps, nudgeId, 'USME0001');
    await markReplied(deps, nudgeId, 'USME0001', 'https://x.example/r');
    const asked = await brief('feeds remove 1');
    expect(read(asked)).toMatch(
      /The 2 expert conversations on those items \(1 replied\) stay, with each story's title and link, in `\/brief stats` and `\/brief nudge`\./,
    );
    const removed = await brief('feeds remove 1 confirm');
    expect(read(removed)).toMatch(
      /Removed feed 1 \(Liftoff News\) and its 6 items \(its 2 expert conversations stay, with the story's title and link\)/,
    );
    expect(await deps.db.prisma.item.count()).toBe(0);
    expect(await deps.db.prisma.nudge.count()).toBe(2);
    expect(read(await brief(`nudge ${nudgeId}`))).toMatch(/EU outage/);
    expect(read(await brief('stats'))).toMatch(/2 conversations/);
    const audit = await deps.db.prisma.auditEvent.findFirst({ where: { action: 'feed.remove' } });
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ conversationsKept: 2 });
  });

  it('removes, pauses and resumes every feed named, with a line for each and what to do next', async () => {
    await addSampleFeed();
    nock('https://other.example.com').get('/feed.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    await brief('feeds add https://other.example.com/feed.xml');
    const paused = await brief('feeds pause 1 2');
    expect(paused.text).toBe('Paused 2 feeds:');
    expect(read(paused)).toMatch(/Paused feed 1 \(Liftoff News\)\.\\n• Paused feed 2 \(heise developer/);
    expect(read(paused)).toMatch(
      /Their items stay out of digests while paused, but answers still use those already stored \(`\/brief feeds remove 1 2` deletes them\); to keep them out of one channel's digest only: `\/brief digest mute #channel &lt;feed&gt;`\. Resume them with `\/brief feeds resume 1 2`/,
    );
    expect((await brief('feeds list paused')).text).toBe('2 feeds matching "paused" (of 2)');
    const asked = await brief('feeds remove 2, 9 1');
    expect(read(asked)).toMatch(
      /Removing feed 1 \(Liftoff News, 4 items\), feed 2 \(heise developer neueste Meldungen, \d+ items\) deletes their \d+ items for good.*To stop checking them and keep the items: `\/brief feeds pause 1 2`\. To remove anyway: `\/brief feeds remove 2 1 confirm`/,
    );
    expect(await deps.db.prisma.feed.count()).toBe(2);
    const removed = await brief('feeds remove 2, 9 1 confirm');
    expect(removed.text).toBe('Removed 2 of 3 feeds:');
    expect(read(removed)).toMatch(/Removed feed 2 \(heise developer neueste Meldungen\) and its \d+ items/);
    const lines = removed.blocks
      .map((block) => (block.type === 'section' ? block.text?.text : ''))
      .join('\n');
    expect(lines).toMatch(/\n• No feed "9"\. See the list of feeds and their numbers/);
    expect(read(removed)).toMatch(
      /Removed feed 1 \(Liftoff News\) and its 4 items; to watch it again: `\/brief feeds add https:\/\/news\.example\.com\/feed\.xml kind=blog`\./,
    );
    expect(read(removed)).toMatch(
      /If you add them again, each brings back only the items it still lists, and they won't be posted in digests\./,
    );
    expect(await deps.db.prisma.feed.count()).toBe(0);
    const none = await brief('feeds resume 7 8');
    expect(none.text).toBe('Resumed 0 of 2 feeds:');
    expect(read(none)).toMatch(/See the feeds and their numbers with `\/brief feeds list`/);
    expect(read(await brief('feeds remove'))).toMatch(
      /Which feed\? Usage: \/brief feeds remove &lt;id-or-url&gt;/,
    );
  });

  it('takes ranges of feed numbers, alone or with others, and refuses a backward or out-of-range one', async () => {
    for (const host of ['a', 'b', 'c', 'd']) {
      nock(`https://${host}.example.com`)
        .get('/feed.xml')
        .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
      // One feed under four hosts: confirmed, as look-alikes of the first.
      await brief(`feeds add https://${host}.example.com/feed.xml confirm`);
    }
    const statuses = async () =>
      (await deps.db.prisma.feed.findMany({ orderBy: { id: 'asc' } })).map((feed) => feed.status);
    const paused = await brief('feeds pause 1-3');
    expect(paused.text).toBe('Paused 3 feeds:');
    expect(await statuses()).toEqual(['paused', 'paused', 'paused', 'active']);
    const resumed = await brief('feeds resume 2 – 4');
    expect(resumed.text).toBe('Resumed 2 of 3 feeds:');
    expect(read(resumed)).toMatch(/Feed 4 \(Liftoff News\) is not paused, so there was nothing to resume/);
    expect(await statuses()).toEqual(['paused', 'active', 'active', 'active']);
    expect((await brief('feeds pause 3-1')).text).toBe(
      '"3-1" runs backwards: write the lower number first, 1-3. The feeds are numbered 1-4 (see `/brief feeds list`).',
    );
    expect((await brief('feeds pause 2-7')).text).toBe(
      '"2-7" goes past the feeds there are: there is no feed 7. The feeds are numbered 1-4 (see `/brief feeds list`). Nothing was changed.',
    );
    expect(await statuses()).toEqual(['paused', 'active', 'active', 'active']);
    expect((await brief('feeds remove 1-2 4')).text).toMatch(
      /^Removing feed 1 \(Liftoff News, 4 items\), feed 2 .*, feed 4 .*`\/brief feeds remove 1 2 4 confirm`/,
    );
    expect((await brief('feeds remove 1-2,4 confirm')).text).toBe('Removed 3 feeds:');
    expect(await statuses()).toEqual(['active']);
  });

  it('adds a mirror of a watched feed with a warning that its items count once, and how to drop it', async () => {
    await addSampleFeed();
    const mirrored = sharedFeed('node-feedparser/rss2sample.xml')
      .toString()
      .replace('<title>Liftoff News</title>', '<title>Liftoff &amp; Co Mirror</title>');
    nock('https://mirror.example.org').get('/feed.xml').reply(200, mirrored);
    const reply = await brief('feeds add https://mirror.example.org/feed.xml');
    const warning =
      "All 4 of its items are already read through feed 1, Liftoff News, at the same links: each counts once, as feed 1's. If it is the same publication under another address: `/brief feeds remove 2`.";
    expect(reply.text).toMatch(/^Added feed 2: Liftoff & Co Mirror\. /);
    expect(reply.text).toContain(warning);
    expect(sectionTexts(reply)[0]).toContain(warning);
  });

  it('reads an address typed without https:// as https://, else http://, and says which', async () => {
    nock('https://news.example.com')
      .get('/feed.xml')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    // Slack links a bare address as http://, its label as typed.
    const secure = await brief('feeds add <http://news.example.com/feed.xml|news.example.com/feed.xml>');
    expect(secure.text).toMatch(
      /^Added feed 1: Liftoff News\. No https:\/\/ or http:\/\/ was given: read as https:\/\/news\.example\.com\/feed\.xml\. /,
    );
    // A server that speaks plain http only: https:// cannot connect, so http:// is read, and said.
    const server = await startFeedServer({ '/rss': { body: sharedFeed('rss-parser/heise.atom') } });
    Object.assign(deps.http, { allowPrivate: true, resolve: undefined });
    try {
      const bare = server.url('/rss').replace(/^http:\/\//, '');
      const plain = await brief(`feeds add ${bare}`);
      expect(plain.text).toContain(
        `No https:// or http:// was given, and https://${bare} did not answer (the server does not answer secure (https://) connections at this address): read as http://${bare}.`,
      );
      expect((await deps.db.prisma.feed.findMany()).map((feed) => feed.url)).toEqual([
        'https://news.example.com/feed.xml',
        `http://${bare}`,
      ]);
      // Nothing answers either way: both tries are named, in words.
      const down = bare.replace(/:\d+/, ':1');
      expect((await brief(`feeds add ${down}`)).text).toBe(
        `Could not read ${down}: neither https://${down} (the server refused the connection) nor http://${down} (the server refused the connection) answered. Check the address, or give it in full, starting with https:// or http://. Nothing was added.`,
      );
      // A full address that does not answer: nothing added, what to check, and the command to run again.
      expect((await brief(`feeds add http://${down}`)).text).toBe(
        `Could not connect to ${down.replace(/\/.*/, '')}: the server refused the connection. Nothing was added. Check that the address opens in a browser (a typo, or a site that is down?), then try again: \`/brief feeds add http://${down}\`.`,
      );
      expect(await deps.db.prisma.feed.count()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('adds, lists with health, pauses, resumes and removes, recording each change', async () => {
    await addSampleFeed();
    const list = await brief('feeds list', member);
    expect(list.text).toBe('1 feed: 0 ok, 1 stale, 0 failing, 0 paused');
    // The fixture's items are from 2003: read without fault, but no longer updated.
    expect(read(list)).toMatch(
      /Liftoff News.*_blog_ · 4 items · no new items since 3 Jun 2003: this feed may no longer be updated; checked just now/,
    );
    expect(read(await brief('feeds pause 1'))).toMatch(/Paused feed 1/);
    expect((await brief('feeds pause 1')).text).toMatch(
      /^Feed 1 \(Liftoff News\) was already paused; nothing changed\. Resume it/,
    );
    expect(read(await brief('feeds list'))).toMatch(/paused \(resume it with `\/brief feeds resume 1`\)/);
    expect(read(await brief('feeds resume https://news.example.com/feed.xml'))).toMatch(/Resumed feed 1/);
    // Another spelling of the address names the feed, as feeds add finds it.
    expect((await brief('feeds pause http://news.example.com/feed.xml?utm_source=x')).text).toMatch(
      /^Paused feed 1 \(Liftoff News\)/,
    );
    expect((await brief('feeds remove 1')).text).toMatch(
      /^Removing feed 1 \(Liftoff News, 4 items\) deletes its 4 items for good.*`\/brief feeds pause 1`.*`\/brief feeds remove 1 confirm`/,
    );
    // A stray word is never copied into the command to repeat.
    expect(read(await brief('feeds remove 1 please'))).toMatch(
      /To remove anyway: `\/brief feeds remove 1 confirm`\.$/,
    );
    // A bare "yes" after the prompt removes nothing and is no search: it gives the command to send.
    for (const yes of ['yes', 'Confirm', 'yes please'])
      expect((await brief(yes)).text).toBe(
        'Nothing was done yet: a "yes" on its own confirms nothing. To go ahead, send `/brief feeds remove 1 confirm`.',
      );
    expect(await deps.db.prisma.feed.count()).toBe(1);
    // --yes, the command line's confirmation, confirms here too.
    expect(read(await brief('feeds remove 1 --yes'))).toMatch(
      /Removed feed 1 \(Liftoff News\) and its 4 items; to watch it again: `\/brief feeds add https:\/\/news\.example\.com\/feed\.xml kind=blog`\. If you add it again, it brings back only the items it still lists, and they won't be posted in digests\.$/,
    );
    // An old alert's buttons and typed numbers on it: who removed it and when, and how to watch it again.
    for (const command of [
      'feeds remove 1 confirm',
      'feeds resume 1',
      'feeds pause 1',
      'feeds move 1 https://news.example.com/new.xml',
    ])
      expect(read(await brief(command))).toMatch(
        /Feed 1 \(Liftoff News, blog, https:\/\/news\.example\.com\/feed\.xml\) was removed by <@UADMIN01> on .+ UTC\. To watch it again: `\/brief feeds add https:\/\/news\.example\.com\/feed\.xml kind=blog`\./,
      );
    expect((await brief('yes')).text).toMatch(/^Nothing is waiting for a "yes"\./);
    const actions = (await deps.db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(['feed.add', 'feed.pause', 'feed.resume', 'feed.pause', 'feed.remove']);
    // The log names the removed feed as the add entry does, in one set of brackets, with its kind.
    expect(read(await brief('changes feeds'))).toContain(
      '<@UADMIN01> removed feed 1 (Liftoff News, blog, https://news.example.com/feed.xml)',
    );
  });

  it('a refusal names the admins who manage Briefbot when BRIEFBOT_ADMINS is not set', async () => {
    const own = await createTestDeps({});
    try {
      own.workspaceAdmins.add('UOWNER01');
      await runCommand(own, {
        userId: 'UOWNER01',
        channelId: 'C0CHANNEL',
        text: 'topics add pricing price*',
      });
      const refused = await runCommand(own, {
        userId: member,
        channelId: 'C0CHANNEL',
        text: 'topics add foo foo',
      });
      expect(refused.text).toBe(
        'Sorry, only Briefbot admins can add topics. Ask <@UOWNER01> or a workspace admin.',
      );
    } finally {
      await own.cleanup();
    }
  });

  it('topics remove asks first when experts or digests would lose the topic, and confirm (or --yes) removes it', async () => {
    await brief('topics add pricing pricing OR price*');
    await brief('topics add outages outage* kind=product');
    await brief('sme add <@U0MARIA1|maria> pricing');
    await brief('topics set pricing channel=<#C0TALK|talk> threshold=0.6');
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest add <#C0SALES|sales> daily 08:00 topics: pricing');
    const asked = read(await brief('topics remove pricing'));
    expect(asked).toMatch(
      /Removing topic \*pricing\* takes the beat of 1 expert \(<@U0MARIA1>\) and the topic from digests 1 \(<#C0NEWS>\), 2 \(<#C0SALES>\) \(digest 2 would be left with no topics and stop\); adding the topic again does not bring them back\. To change its query instead, keeping them: `\/brief topics edit pricing &lt;query&gt;`\. To remove anyway: `\/brief topics remove pricing confirm`\./,
    );
    expect(await deps.db.prisma.topic.count({ where: { name: 'pricing' } })).toBe(1);
    expect(await deps.db.prisma.beat.count()).toBe(1);
    const removed = read(await brief('topics remove pricing --yes'));
    expect(removed).toMatch(/^.*Removed topic \*pricing\*\. <@U0MARIA1> no longer has it/);
    // Everything it took, as commands to type, in the order they work.
    expect(removed).toMatch(
      /To bring it back: `\/brief topics add pricing pricing OR price\*`, then `\/brief topics set pricing channel=#C0TALK threshold=0\.6`, `\/brief sme add @U0MARIA1 pricing`, `\/brief digest edit 1 topics: \+pricing`, `\/brief digest edit 2 topics: pricing`, `\/brief digest resume 2`\. /,
    );
    expect(await deps.db.prisma.topic.count({ where: { name: 'pricing' } })).toBe(0);
    // With no expert or digest naming it, a topic goes at once.
    await brief('digest remove 1 confirm');
    expect(read(await brief('topics remove outages'))).toMatch(
      /^.*Removed topic \*outages\*\. To bring it back: `\/brief topics add outages outage\* kind=product`\. `\/brief topics list` shows those left\./,
    );
  });

  it('feeds add kind=competitor: says which competitor the feed stands for, and how to undo it', async () => {
    nock('https://rival.example').get('/feed.xml').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    const added = await brief('feeds add https://rival.example/feed.xml kind=competitor');
    expect(read(added)).toMatch(
      /It stands for the competitor Liftoff now: its items count as Liftoff's own posts, not as customer voices\. Another competitor: `\/brief feeds set 1 kind=competitor as &lt;name&gt;`\. Not a competitor's feed\? `\/brief feeds set 1 kind=news` \(or another kind\)\. To undo the add: `\/brief feeds remove 1`\./,
    );
    // No topic follows Liftoff yet: the reply gives the topic to add, once.
    expect(read(added)).toMatch(
      /Liftoff is no topic yet, so answers, digests and experts do not follow it by name\. To track it: `\/brief topics add liftoff liftoff kind=competitor`\./,
    );
    await brief('feeds remove 1 confirm');
    await brief('topics add liftoff liftoff kind=competitor');
    nock('https://rival.example').get('/feed.xml').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    const tracked = read(await brief('feeds add https://rival.example/feed.xml as LIFTOFF'));
    expect(tracked).toMatch(/It stands for the competitor Liftoff now/);
    expect(tracked).not.toMatch(/no topic yet/);
    // Typed in capitals with no topic to spell it, it is stored and shown as Initech, never shouted.
    nock('https://initech.example')
      .get('/feed.xml')
      .reply(
        200,
        rssFeed(
          'https://initech.example',
          [{ guid: 'https://initech.example/1', title: 'TPS Desk' }],
          deps.clock.now(),
          'Press Room',
        ),
      );
    expect(read(await brief('feeds add https://initech.example/feed.xml as INITECH'))).toMatch(
      /It stands for the competitor Initech now: its items count as Initech's own posts.*Initech is no topic yet/,
    );
    expect(read(await brief('feeds list'))).toContain('competitor (Initech)');
    expect(read(await brief('changes feeds'))).not.toMatch(/INITECH/);
  });

  it('feeds add: the items already in the feed count in answers at once, as the reply says', async () => {
    const host = 'https://news.initech.example';
    const items = [
      { guid: `${host}/1`, title: 'Initech launches TPS Desk' },
      { guid: `${host}/2`, title: 'Initech results for the quarter' },
    ];
    nock(host)
      .get('/feed.xml')
      .reply(200, rssFeed(host, items, deps.clock.now(), 'Initech Newsroom'));
    const added = await brief(`feeds add ${host}/feed.xml as Initech`);
    // Never "new items from now on count": the items already there count now, only digests and nudges skip them.
    expect(added.text).toMatch(
      /Its 2 items already in the feed: kept, not announced \(answers count them now; only new items go into digests and nudges\)\./,
    );
    expect(added.text).not.toMatch(/from now on count/);
    expect((await brief('initech', member)).text).toMatch(/2 mentions/);
  });

  it("removing a competitor's feed keeps the competitor it stood for: in the add-again command and in changes", async () => {
    const host = 'https://news.hooli.example';
    nock(host)
      .get('/feed.xml')
      .reply(
        200,
        rssFeed(host, [{ guid: `${host}/1`, title: 'Hooli ships Nucleus' }], deps.clock.now(), 'Press Room'),
      );
    await brief(`feeds add ${host}/feed.xml as "Hooli XYZ"`);
    const removed = await brief('feeds remove 1 confirm');
    // Added again as it is typed here, it stands for the same competitor, not a new guess from its title.
    expect(read(removed)).toContain(
      `to watch it again: \`/brief feeds add ${host}/feed.xml kind=competitor as \\"Hooli XYZ\\"\``,
    );
    expect(read(await brief('changes feeds'))).toContain(
      `removed feed 1 (Press Room, competitor for Hooli XYZ, ${host}/feed.xml)`,
    );
  });

  it("feeds add … as <name>: a competitor's feed named as it is added, checked as feeds set checks it", async () => {
    nock('https://rival.example').get('/feed.xml').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    // Refused before anything is fetched: a name with a kind that stands for no competitor, or words after it.
    expect(read(await brief('feeds add https://rival.example/feed.xml kind=blog as Hooli'))).toMatch(
      /Only a feed of kind competitor stands for a competitor: `\/brief feeds add https:\/\/rival\.example\/feed\.xml kind=competitor as Hooli`\. Nothing was changed\./,
    );
    expect(
      read(await brief('feeds add https://rival.example/feed.xml kind=competitor as Hooli please')),
    ).toMatch(
      /Unexpected "please" after the competitor's name; nothing was changed\. Did you mean `\/brief feeds add https:\/\/rival\.example\/feed\.xml kind=competitor as Hooli`\?/,
    );
    expect(await deps.db.prisma.feed.count()).toBe(0);
    // "as" alone implies the kind, as in feeds set.
    expect(read(await brief('feeds add https://rival.example/feed.xml as hooli'))).toMatch(
      /Added feed 1: .*It stands for the competitor Hooli now: its items count as Hooli's own posts/,
    );
    expect(await deps.db.prisma.feed.findFirstOrThrow()).toMatchObject({
      kind: 'competitor',
      competitor: 'Hooli',
    });
    // Added again: whom it stands for, and, for another competitor, the command that makes it theirs.
    const again = (as: string) => brief(`feeds add https://rival.example/feed.xml as ${as}`);
    expect((await again('hooli')).text).toBe(
      'Briefbot already watches https://rival.example/feed.xml (feed 1, kind competitor; it stands for Hooli).',
    );
    expect((await again('Initech')).text).toBe(
      'Briefbot already watches https://rival.example/feed.xml (feed 1, kind competitor; it stands for Hooli). To make it stand for Initech, keeping its items: `/brief feeds set 1 kind=competitor as Initech`.',
    );
    // The log and undo name the competitor the feed was added for, as they name a later change.
    expect(read(await brief('undo'))).toMatch(
      /you added feed 1 \(Liftoff News, https:\/\/rival\.example\/feed\.xml\) as competitor for Hooli\. To undo it: `\/brief feeds remove 1`/,
    );
    expect((await brief('feeds set 1 kind=competitor as Initech')).text).toMatch(
      /^Feed 1 \(Liftoff News\) now stands for the competitor Initech \(was Hooli\)/,
    );
    const logged = read(await brief('changes feeds'));
    expect(logged).toMatch(
      /<@UADMIN01> made feed 1 \(Liftoff News\) competitor for Initech \(was competitor for Hooli\)/,
    );
    expect(logged).toMatch(
      /<@UADMIN01> added feed 1 \(Liftoff News, https:\/\/rival\.example\/feed\.xml\) as competitor for Hooli/,
    );
  });

  it('names the competitor a feed stands for: a competitor topic its address names, else its title with its capitals; correctable, listed', async () => {
    await brief('topics add initech initech kind=competitor');
    const serve = (host: string, title: string) =>
      nock(host)
        .get('/feed.xml')
        .reply(
          200,
          rssFeed(
            host,
            [{ guid: `${host}/1`, title: 'Initech and Globex cut prices' }],
            deps.clock.now(),
            title,
          ),
        );
    serve('https://news.initech.example', 'Press Room');
    serve('https://hubspot.example', 'HubSpot Product Updates');
    serve('https://www.helpscout.example', 'Blog – Help Scout');
    expect(read(await brief('feeds add https://news.initech.example/feed.xml kind=competitor'))).toMatch(
      /It stands for the competitor Initech now: its items count as Initech's own posts/,
    );
    expect(read(await brief('feeds add https://hubspot.example/feed.xml kind=competitor'))).toMatch(
      /the competitor HubSpot now: its items count as HubSpot's own posts/,
    );
    expect(read(await brief('feeds add https://www.helpscout.example/feed.xml kind=competitor'))).toMatch(
      /the competitor Help Scout now/,
    );
    const standsFor = async () =>
      (await deps.db.prisma.feed.findMany({ orderBy: { id: 'asc' } })).map((feed) => feed.competitor);
    // The topic's name, with a capital: one spelling in replies, lists, JSON and the changes log.
    expect(await standsFor()).toEqual(['Initech', 'HubSpot', 'Help Scout']);
    // Corrected, in either spelling; the way back is given.
    expect((await brief('feeds set 2 kind=competitor as initech')).text).toMatch(
      /^Feed 2 \(HubSpot Product Updates\) now stands for the competitor Initech \(was HubSpot\): its 1 item count as Initech's own posts, no longer HubSpot's\. To undo: `\/brief feeds set 2 kind=competitor as HubSpot`\./,
    );
    expect((await brief('feeds set 2 kind=competitor as initech')).text).not.toMatch(/no topic yet/);
    // /brief undo gives the command that makes it HubSpot's again, not just a competitor's.
    expect(read(await brief('undo'))).toMatch(
      /To undo it: `\/brief feeds set 2 kind=competitor as HubSpot`\./,
    );
    // Made another competitor's, no topic follows: the topic to add, as `feeds add` gives it.
    expect((await brief('feeds set 2 competitor=HubSpot')).text).toMatch(
      /now stands for the competitor HubSpot \(was Initech\).* HubSpot is no topic yet, so answers, digests and experts do not follow it by name\. To track it: `\/brief topics add hubspot hubspot kind=competitor`\.(?! HubSpot)/,
    );
    expect((await brief('feeds set 2 competitor=HubSpot')).text).toMatch(
      /is already competitor and stands for HubSpot; nothing changed/,
    );
    // Another case is the same competitor: nothing changes, nothing is logged.
    const logged = await deps.db.prisma.auditEvent.count({ where: { action: 'feed.kind' } });
    expect((await brief('feeds set 2 kind=competitor as HUBSPOT')).text).toMatch(
      /^Feed 2 \(HubSpot Product Updates\) is already competitor and stands for HubSpot; nothing changed\./,
    );
    expect(await deps.db.prisma.auditEvent.count({ where: { action: 'feed.kind' } })).toBe(logged);
    // Extra words, or a name with a kind that stands for no competitor, are refused: nothing changes.
    expect(read(await brief('feeds set 2 kind=competitor initech'))).toMatch(
      /Unexpected "initech" after the feed; nothing was changed\./,
    );
    expect(read(await brief('feeds set 2 kind=blog as initech'))).toMatch(
      /Only a feed of kind competitor stands for a competitor/,
    );
    expect(read(await brief('feeds set 2 as <@U1>'))).toMatch(/is no competitor's name/);
    // Words after the name that name no company are refused, as words after the feed are.
    expect((await brief('feeds set 2 kind=competitor as Initech please')).text).toBe(
      'Unexpected "please" after the competitor\'s name; nothing was changed. Did you mean `/brief feeds set 2 kind=competitor as Initech`?',
    );
    expect(read(await brief('feeds set 2 kind=competitor as initech  now thanks'))).toMatch(
      /Unexpected "now thanks" after the competitor's name; nothing was changed\. Did you mean `\/brief feeds set 2 kind=competitor as initech`\?/,
    );
    expect(await standsFor()).toEqual(['Initech', 'HubSpot', 'Help Scout']);
    // A name of several words, one of them a small word, is a name.
    expect((await brief('feeds set 3 kind=competitor as Bank of America')).text).toMatch(
      /now stands for the competitor Bank of America \(was Help Scout\)/,
    );
    await brief('feeds set 3 kind=competitor as Help Scout');
    expect(await deps.db.prisma.auditEvent.findFirst({ where: { action: 'feed.kind' } })).toMatchObject({
      detail: expect.stringContaining('"competitor":"Initech"'),
    });
    expect(read(await brief('changes feeds'))).toMatch(
      /made feed 2 \(HubSpot Product Updates\) competitor for Initech \(was competitor for HubSpot\)/,
    );
    // A competitor typed in small letters is stored as it shows: "Acme", not "acme".
    await brief('feeds set 3 kind=competitor as acme');
    expect((await standsFor())[2]).toBe('Acme');
    await brief('feeds set 3 kind=competitor as Help Scout');
    const list = read(await brief('feeds list'));
    expect(list).toMatch(/_competitor \(Initech\)_/);
    expect(list).toMatch(/_competitor \(HubSpot\)_/);
    expect(list).toMatch(/_competitor \(Help Scout\)_/);
  });

  it('refuses the same feed under another spelling of its address, naming the feed watched', async () => {
    await addSampleFeed();
    for (const spelling of [
      'https://news.example.com/feed.xml?utm_source=a',
      'https://news.example.com/feed.xml#x',
      'HTTPS://NEWS.Example.com/feed.xml',
      'https://news.example.com//feed.xml',
      '<https://news.example.com/feed.xml?utm_medium=email&fbclid=1#top>',
    ]) {
      expect(read(await brief(`feeds add ${spelling}`))).toMatch(
        /Briefbot already watches https:\/\/news\.example\.com\/feed\.xml \(feed 1, kind blog\)\.$/,
      );
    }
    // Added again as another kind: how to change the kind, keeping the items.
    expect(read(await brief('feeds add https://news.example.com/feed.xml kind=review'))).toMatch(
      /already watches .*\(feed 1, kind blog\)\. To make it review, keeping its items: `\/brief feeds set 1 kind=review`/,
    );
    // …or as a competitor's feed: the command keeps the competitor named.
    expect((await brief('feeds add https://news.example.com/feed.xml as Hooli')).text).toMatch(
      /\(feed 1, kind blog\)\. To make it stand for Hooli, keeping its items: `\/brief feeds set 1 kind=competitor as Hooli`\.$/,
    );
    expect(read(await brief('feeds set 1 kind=review'))).toMatch(
      /Feed 1 \(Liftoff News\) is now review \(was blog\); its \d+ items stay\./,
    );
    expect((await deps.db.prisma.feed.findFirstOrThrow()).kind).toBe('review');
    expect((await brief('feeds set 1 kind=reviews')).text).toBe(
      'Feed 1 (Liftoff News) is already review; nothing changed. `/brief feeds list` shows every feed.',
    );
    expect(await deps.db.prisma.auditEvent.count({ where: { action: 'feed.kind' } })).toBe(1);
    expect(await deps.db.prisma.auditEvent.findFirst({ where: { action: 'feed.kind' } })).toMatchObject({
      actorId: admin,
      subjectId: '1',
    });
    expect(read(await brief('feeds set 1 kind=gossip'))).toMatch(/Give kind=, one of news, blog/);
    // Plurals, as feeds list and OPML folders take them; and kind= in feeds list, as feeds add takes it.
    expect(read(await brief('feeds set 1 kind=forums'))).toMatch(/is now forum \(was review\)/);
    // A kind alone after the feed is the kind.
    expect(read(await brief('feeds set 1 blog'))).toMatch(/is now blog \(was forum\)/);
    expect(read(await brief('feeds set 1 forum'))).toMatch(/is now forum \(was blog\)/);
    // A competitor: which one it stands for, that its customer voices go, and the undo.
    expect((await brief('feeds set 1 kind=competitor')).text).toMatch(
      /^Feed 1 \(Liftoff News\) is now competitor \(was forum\); its 4 items stay\. Warning: it stands for the competitor Liftoff now, so its 4 items count as Liftoff's own posts and no longer as customer voices \(in answers and share of voice\)\. Another competitor: `\/brief feeds set 1 kind=competitor as &lt;name&gt;`\. To undo: `\/brief feeds set 1 kind=forum`\./,
    );
    await brief('feeds set 1 forum');
    expect((await brief('feeds list kind=forum')).text).toMatch(/^1 feed matching "kind=forum"/);
    expect((await brief('feeds list kind=forums')).text).toMatch(/^1 feed matching "kind=forums"/);
    expect(read(await brief('feeds edit 1 kind=news'))).toMatch(
      /Did you mean `\/brief feeds set 1 kind=news`\?/,
    );
    nock('https://news.example.com')
      .get('/feed.xml?page=2')
      .times(2)
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    // Another query is another address; the same title and items say it is likely the same feed.
    expect(read(await brief('feeds add https://news.example.com/feed.xml?page=2'))).toMatch(
      /That looks like feed 1, Liftoff News \(https:\/\/news\.example\.com\/feed\.xml\): the same title and 4 items in common, under another address\. Nothing was added\. To add it anyway: `\/brief feeds add https:\/\/news\.example\.com\/feed\.xml\?page=2 confirm`\./,
    );
    expect(read(await brief('feeds add https://news.example.com/feed.xml?page=2 confirm'))).toMatch(
      /Added feed 2/,
    );
    expect(await deps.db.prisma.feed.count()).toBe(2);
  });

  it('stores a new feed without its tracking parameters, and spots it under another host name', async () => {
    nock('https://news.example.com')
      .get('/feed.xml?id=3')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    expect(
      read(await brief('feeds add https://news.example.com/feed.xml?utm_source=newsletter&id=3&fbclid=x')),
    ).toMatch(/Added feed 1: Liftoff News/);
    expect((await deps.db.prisma.feed.findFirstOrThrow()).url).toBe('https://news.example.com/feed.xml?id=3');
    // The same server under another name (localhost for 127.0.0.1, a mirror): the same title and items.
    nock('https://mirror.example.net')
      .get('/feed.xml')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    expect(read(await brief('feeds add https://mirror.example.net/feed.xml?utm_campaign=x'))).toMatch(
      /That looks like feed 1, Liftoff News .*To add it anyway: `\/brief feeds add https:\/\/mirror\.example\.net\/feed\.xml confirm`/,
    );
    expect(await deps.db.prisma.feed.count()).toBe(1);
    // The kind typed stays in the command that adds it anyway.
    nock('https://mirror.example.net')
      .get('/feed.xml')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    expect(read(await brief('feeds add https://mirror.example.net/feed.xml kind=competitor'))).toMatch(
      /To add it anyway: `\/brief feeds add https:\/\/mirror\.example\.net\/feed\.xml kind=competitor confirm`/,
    );
    // Another feed with the same title but other items is another feed.
    nock('https://other.example.org')
      .get('/feed.xml')
      .reply(
        200,
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Liftoff News</title><link>https://other.example.org/</link><item><guid>z1</guid><title>Something else</title><link>https://other.example.org/z1</link></item></channel></rss>',
      );
    expect(read(await brief('feeds add https://other.example.org/feed.xml'))).toMatch(
      /Added feed 2: Liftoff News/,
    );
  });

  it('given a blog’s home page, subscribes to the feed the page names and says so', async () => {
    nock('https://blog.example.com')
      .get('/')
      .reply(
        200,
        '<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="https://blog.example.com/atom.xml"></head></html>',
        { 'content-type': 'text/html' },
      );
    nock('https://blog.example.com').get('/atom.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    const reply = await brief('feeds add blog.example.com');
    expect(reply.text).toMatch(
      /^Added feed 1: heise developer neueste Meldungen \(https:\/\/blog\.example\.com is a web page; this is its site's feed\)/,
    );
    expect(read(reply)).toContain("its site's feed is https://blog.example.com/atom.xml");
  });

  it('imports an OPML list by its address, saying what was added, already watched, or failed and why', async () => {
    await addSampleFeed();
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Our sources</title></head><body>
      <outline text="Reviews"><outline type="rss" text="heise" xmlUrl="https://reviews.example.com/atom.xml" briefbot:paused="true"/></outline>
      <outline type="rss" text="Liftoff, watched over https" xmlUrl="http://news.example.com/feed.xml"/>
      <outline type="rss" text="Gone" xmlUrl="https://gone.example.com/rss"/>
      <outline type="rss" text="heise again" xmlUrl="http://reviews.example.com/atom.xml"/></body></opml>`;
    nock('https://lists.example.com').get('/feeds.opml').reply(200, opml, { 'content-type': 'text/x-opml' });
    nock('https://reviews.example.com').get('/atom.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    nock('https://gone.example.com').get('/rss').reply(404, 'not here');
    const reply = await brief('feeds import <https://lists.example.com/feeds.opml>');
    expect(reply.text).toBe(
      'Imported 1 feed (1 paused, as in the list; resume with `/brief feeds resume 2`); 1 already watched; 1 could not be added; 1 listed twice in the file, read once. To undo the import: `/brief feeds remove 2`.',
    );
    // Each feed added and each one skipped is named, with why: every entry of the list is accounted for.
    expect(sectionTexts(reply)).toEqual([
      reply.text,
      '*Added*',
      '• 2 heise developer neueste Meldungen (https://reviews.example.com/atom.xml): review, from folder "Reviews", paused',
      '*Skipped*',
      '• http://news.example.com/feed.xml: already watched as feed 1\n• https://gone.example.com/rss: The server answered HTTP 404: nothing is at this address (a mistyped URL, or a feed or list that has moved); check the URL.\n• http://reviews.example.com/atom.xml ("heise again"): listed twice in the file (first as https://reviews.example.com/atom.xml); read once, as listed first',
    ]);
    const kinds = (await deps.db.prisma.feed.findMany({ orderBy: { id: 'asc' } })).map((feed) => [
      feed.url,
      feed.kind,
      feed.status,
    ]);
    expect(kinds).toEqual([
      ['https://news.example.com/feed.xml', 'blog', 'active'],
      ['https://reviews.example.com/atom.xml', 'review', 'paused'],
    ]);
    expect(read(await brief('feeds import lists.example.com/feeds.opml'))).toMatch(
      /Give the address of an OPML file/,
    );
  });

  it('numbers imported feeds in the order of the list, each with its kind and the folder it came from', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
      <outline type="rss" text="Slow" xmlUrl="https://slow.example.com/feed.xml"/>
      <outline text="Competitors"><outline type="rss" text="Rival" xmlUrl="https://rival.example.com/atom.xml"/>
        <outline type="rss" text="Own" xmlUrl="https://own.example.com/feed.xml" briefbotKind="blog"/></outline></body></opml>`;
    nock('https://lists.example.com').get('/feeds.opml').reply(200, opml);
    // The first feed answers last: it is still feed 1.
    nock('https://slow.example.com')
      .get('/feed.xml')
      .delay(300)
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    nock('https://rival.example.com').get('/atom.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    nock('https://own.example.com').get('/feed.xml').reply(200, sharedFeed('rss-parser/reddit.rss'));
    const reply = await brief('feeds import https://lists.example.com/feeds.opml');
    const [, heading, added] = sectionTexts(reply);
    expect(heading).toBe('*Added*');
    expect(added?.split('\n')).toEqual([
      // The name the list gave a feed is kept in sight when the feed calls itself otherwise.
      '• 1 Liftoff News (listed as "Slow", https://slow.example.com/feed.xml): news',
      '• 2 heise developer neueste Meldungen (listed as "Rival", https://rival.example.com/atom.xml): competitor (Rival, guessed), from folder "Competitors"',
      expect.stringMatching(/^• 3 .* \(listed as "Own", https:\/\/own\.example\.com\/feed\.xml\): blog$/),
    ]);
    // The list's names are the feeds' names from now on, their own titles beside them.
    const listed = read(await brief('feeds list', member));
    expect(listed).toContain(
      '*1* <https://slow.example.com/feed.xml|Slow> (its own title: Liftoff News) _news_',
    );
    expect(listed).toContain(
      '*2* <https://rival.example.com/atom.xml|Rival> (its own title: heise developer',
    );
    // A competitor no topic follows yet gets the topic to add, as `feeds add` gives it.
    expect(reply.text).toMatch(
      /could not be added\. The competitor marked "guessed" \(feed 2\) was read from the feed's name; to correct it: `\/brief feeds set 2 kind=competitor as &lt;name&gt;`\. Rival is no topic yet, so answers, digests and experts do not follow it by name\. To track it: `\/brief topics add rival rival kind=competitor`\. To undo the import: `\/brief feeds remove 1-3`\.$/,
    );
    // undo after an import gives the whole import, not only its last feed.
    expect(read(await brief('undo'))).toMatch(
      /you added feed 3 .*It came with 3 feeds imported together \(1-3\)\. To undo the import: `\/brief feeds remove 1-3`\./,
    );
  });

  it('an import with confirm adds the feeds that look like watched ones, as feeds add confirm does', async () => {
    nock('https://news.example.com')
      .get('/feed.xml')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    await brief('feeds add https://news.example.com/feed.xml');
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
      <outline type="rss" text="Mirror" xmlUrl="https://mirror.example.net/feed.xml"/></body></opml>`;
    for (let round = 0; round < 2; round++) {
      nock('https://lists.example.com').get('/feeds.opml').reply(200, opml);
      nock('https://mirror.example.net')
        .get('/feed.xml')
        .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    }
    const skipped = read(await brief('feeds import https://lists.example.com/feeds.opml'));
    expect(skipped).toMatch(
      /To add the look-alike too: `\/brief feeds import https:\/\/lists\.example\.com\/feeds\.opml confirm`\./,
    );
    expect(await deps.db.prisma.feed.count()).toBe(1);
    expect(read(await brief('feeds import https://lists.example.com/feeds.opml confirm'))).toMatch(
      /Imported 1 feed; 0 already watched; 0 could not be added/,
    );
    expect(await deps.db.prisma.feed.count()).toBe(2);
  });

  it('says an address that is not an OPML list is not one, instead of apologising for an error', async () => {
    nock('https://news.example.com')
      .get('/feed.xml')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    const reply = await brief('feeds import https://news.example.com/feed.xml');
    expect(reply.text).toBe(
      'That address is a feed, not an OPML list. Add it with `/brief feeds add https://news.example.com/feed.xml`.',
    );
    nock('https://news.example.com').get('/page.html').reply(200, '<html><body>Hello</body></html>');
    expect((await brief('feeds import https://news.example.com/page.html')).text).toMatch(
      /^That address is not an OPML list: it begins with &lt;html&gt;, where an OPML list begins with &lt;opml&gt;\. Give the address of the OPML file itself/,
    );
    expect(reply.text).not.toMatch(/Something went wrong/);
    expect(await deps.db.prisma.feed.count()).toBe(0);
  });

  it('moves a feed to a new address for admins only, saying what stays and what is new', async () => {
    await addSampleFeed();
    expect(read(await brief('feeds move 1 https://news.example.com/new.xml', member))).toMatch(
      /only Briefbot admins can move feeds/,
    );
    expect(read(await brief('feeds move 1'))).toMatch(/Which feed, and where to\?/);
    nock('https://news.example.com').get('/new.xml').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    const reply = await brief('feeds move 1 <https://news.example.com/new.xml>');
    expect(reply.text).toBe(
      'Feed 1 (Liftoff News) now reads https://news.example.com/new.xml, no longer https://news.example.com/feed.xml. Its 4 stored items stay; the new address lists 4 items, all ones feed 1 already had: nothing new.',
    );
    // The log keeps the old address, so the move can be undone from it later.
    expect(read(await brief('changes feeds'))).toContain(
      'moved feed 1 (Liftoff News) from https://news.example.com/feed.xml to https://news.example.com/new.xml',
    );
  });

  it('a move to an address that cannot be read says the feed still reads its old one, and what to do next', async () => {
    await addSampleFeed();
    nock('https://news.example.com').get('/gone.xml').reply(404, 'Not found');
    const refused = await brief('feeds move 1 https://news.example.com/gone.xml');
    expect(refused.text).toMatch(
      /^The server answered HTTP 404.* Nothing was changed; feed 1 still reads https:\/\/news\.example\.com\/feed\.xml\. Check that https:\/\/news\.example\.com\/gone\.xml opens as a feed in a browser, or find the feed's new address, then: `\/brief feeds move 1 &lt;url&gt;`\.$/,
    );
    expect((await deps.db.prisma.feed.findFirstOrThrow()).url).toBe('https://news.example.com/feed.xml');
  });

  it('a move to text that is no web address says so, with an example, and never suggests the same command', async () => {
    await addSampleFeed();
    // No nock: nothing is fetched (the network is disabled, so a lookup would fail otherwise).
    for (const typed of ['not-a-url', 'ftp://news.example.com/feed.xml']) {
      const refused = await brief(`feeds move 1 ${typed}`);
      expect(refused.text).toBe(
        `${typed} isn't a feed address (e.g. https://example.com/feed.xml). Nothing was changed; feed 1 still reads https://news.example.com/feed.xml. To move it: \`/brief feeds move 1 &lt;url&gt;\`.`,
      );
    }
    expect((await deps.db.prisma.feed.findFirstOrThrow()).url).toBe('https://news.example.com/feed.xml');
  });

  it('moving a feed to another publication is refused with feeds add suggested, or renames it when confirmed', async () => {
    await addSampleFeed();
    nock('https://other.example.com')
      .get('/atom.xml')
      .times(2)
      .reply(200, sharedFeed('rss-parser/heise.atom'));
    const refused = await brief('feeds move 1 https://other.example.com/atom.xml');
    expect(refused.text).toBe(
      'https://other.example.com/atom.xml is "heise developer neueste Meldungen", not "Liftoff News", with no item in common: another publication, whose items would be credited to feed 1. Nothing was moved. To watch it as well: `/brief feeds add https://other.example.com/atom.xml`. If it is the same publication under a new name: `/brief feeds move 1 https://other.example.com/atom.xml confirm`.',
    );
    expect((await deps.db.prisma.feed.findFirstOrThrow()).url).toBe('https://news.example.com/feed.xml');
    const moved = await brief('feeds move 1 https://other.example.com/atom.xml confirm');
    expect(moved.text).toMatch(
      /^Feed 1 \(heise developer neueste Meldungen\) now reads https:\/\/other\.example\.com\/atom\.xml.* It is now called heise developer neueste Meldungen \(was Liftoff News\); its kind stays blog \(`\/brief feeds set 1 kind=…` changes it\)\.$/,
    );
    expect((await deps.db.prisma.feed.findFirstOrThrow()).title).toBe('heise developer neueste Meldungen');
  });

  it('a move onto a publication another feed watches is refused, even confirmed, naming that feed', async () => {
    await addSampleFeed();
    nock('https://other.example.com').get('/atom.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    expect(read(await brief('feeds add https://other.example.com/atom.xml kind=review'))).toMatch(
      /Added feed 2/,
    );
    const items = await deps.db.prisma.item.count();
    nock('https://mirror.example.org').get('/atom.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    expect((await brief('feeds move 1 https://mirror.example.org/atom.xml confirm')).text).toMatch(
      /^https:\/\/mirror\.example\.org\/atom\.xml looks like feed 2, heise developer neueste Meldungen \(https:\/\/other\.example\.com\/atom\.xml\): the same title and \d+ items in common\. Moving feed 1 there would count that publication's stories twice\. Nothing was moved\. If feed 1's own publication is gone: `\/brief feeds remove 1`\. To keep feed 1's number and history at that address instead: `\/brief feeds remove 2`, then the move again\.$/,
    );
    const feed = await deps.db.prisma.feed.findUniqueOrThrow({ where: { id: 1 } });
    expect(feed).toMatchObject({ url: 'https://news.example.com/feed.xml', title: 'Liftoff News' });
    expect(await deps.db.prisma.item.count()).toBe(items);
    expect(await deps.db.prisma.auditEvent.count({ where: { action: 'feed.move' } })).toBe(0);
  });

  it("a renamed competitor's feed keeps the competitor it stands for, made another kind says what stops and the way back", async () => {
    nock('https://news.example.com')
      .get('/feed.xml')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    await brief('feeds add https://news.example.com/feed.xml kind=competitor');
    // A feed made competitor before names were stored: named by its title, until a move renames it.
    await deps.db.prisma.feed.update({ where: { id: 1 }, data: { competitor: null } });
    nock('https://other.example.com').get('/atom.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    expect((await brief('feeds move 1 https://other.example.com/atom.xml confirm')).text).toMatch(
      /It is now called heise developer neueste Meldungen \(was Liftoff News\); its kind stays competitor .* It still stands for the competitor Liftoff, whatever its title; another: `\/brief feeds set 1 kind=competitor as &lt;name&gt;`\.$/,
    );
    expect((await deps.db.prisma.feed.findFirstOrThrow()).competitor).toBe('Liftoff');
    expect(read(await brief('changes feeds'))).toContain(
      'moved feed 1 (Liftoff News → heise developer neueste Meldungen, competitor Liftoff) from https://news.example.com/feed.xml to https://other.example.com/atom.xml',
    );
    // Made a blog: what stops, and the command that makes it Liftoff's again.
    expect((await brief('feeds set 1 kind=blog')).text).toMatch(
      /^Feed 1 \(heise developer neueste Meldungen\) is now blog \(was competitor\); its (\d+) items stay\. Its \1 items no longer count as Liftoff's own posts: they count as blog, as any other source's do \(in answers and share of voice\)\. To undo: `\/brief feeds set 1 kind=competitor as Liftoff`\./,
    );
    expect((await deps.db.prisma.feed.findFirstOrThrow()).competitor).toBeNull();
    expect((await brief('feeds set 1 kind=competitor as Liftoff')).text).toMatch(
      /stands for the competitor Liftoff now/,
    );
    expect((await brief('feeds set 1 kind=review')).text).toMatch(
      /no longer count as Liftoff's own posts: they count as customer voices \(in answers and share of voice\)\. To undo: `\/brief feeds set 1 kind=competitor as Liftoff`\./,
    );
  });

  it('a confirmed move to another publication names the mutes it carries, and how to clear them', async () => {
    await addSampleFeed();
    const item = await deps.db.prisma.item.findFirstOrThrow();
    await recordFeedback(deps, { c: 'C0NEWS', i: item.id, f: 1 }, FeedbackKind.MuteSource, admin);
    nock('https://other.example.com').get('/atom.xml').reply(200, sharedFeed('rss-parser/heise.atom'));
    expect((await brief('feeds move 1 https://other.example.com/atom.xml confirm')).text).toMatch(
      /\. The digests' feedback on Liftoff News stays with feed 1, so it now applies to heise developer neueste Meldungen: <#C0NEWS> \(muted\)\. To clear it: \/brief digest unmute <#C0NEWS> 1\.$/,
    );
  });

  it('removing a feed clears the mutes channels had on it', async () => {
    await addSampleFeed();
    const item = await deps.db.prisma.item.findFirstOrThrow();
    await recordFeedback(deps, { c: 'C0NEWS', i: item.id, f: 1 }, FeedbackKind.MuteSource, admin);
    expect((await feedbackByChannel(deps)).get('C0NEWS')).toHaveLength(1);
    await brief('feeds remove 1 confirm');
    expect(await feedbackByChannel(deps)).toEqual(new Map());
  });

  it('lists the feeds a number or range picks, as feeds remove takes them, not the addresses the digits are in', async () => {
    const insert = deps.db.sqlite.prepare(
      "INSERT INTO feeds (url, title, kind, status, next_poll_at, created_at, updated_at) VALUES (?, ?, 'news', 'active', 0, 0, 0)",
    );
    for (const name of ['one', 'two', 'three'])
      insert.run(`http://127.0.0.1:8861/${name}.rss`, `Feed ${name}`);
    const shown = async (text: string) => read(await brief(text, member));
    const two = await shown('feeds list 2');
    expect(two).toMatch(/1 feed matching \\"2\\" \(of 3\).*Feed two/);
    expect(two).not.toContain('Feed one');
    expect(two).not.toContain('Feed three');
    const range = await shown('feeds list 2-3');
    expect(range).toMatch(/2 feeds matching.*Feed two.*Feed three/);
    expect(range).not.toContain('Feed one');
    expect((await brief('feeds list 40', member)).text).toBe(
      'No feed 40. The feeds are numbered 1-3 (see `/brief feeds list`).',
    );
  });

  it('lists only the feeds a filter keeps: a state, a kind, or words in the title or address', async () => {
    const insert = deps.db.sqlite.prepare(
      'INSERT INTO feeds (url, title, kind, status, next_poll_at, created_at, updated_at, last_error, consecutive_failures) VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?)',
    );
    insert.run('https://acme.example.com/rss', 'Acme Blog', 'competitor', 'active', null, 0);
    insert.run(
      'https://reviews.example.com/acme',
      'Reviews of Acme Desk',
      'review',
      'failing',
      'HTTP 500',
      4,
    );
    insert.run('https://daily.example.com/rss', '100%_Help_Desk Daily', 'news', 'paused', null, 0);
    const shown = async (text: string) => read(await brief(text, member));
    expect(await shown('feeds list failing')).toMatch(
      /^\S*1 feed matching \\"failing\\" \(of 3\).*Reviews of Acme Desk/,
    );
    expect(await shown('feeds list paused')).toContain('100%_Help_Desk Daily');
    expect(await shown('feeds list reviews')).toContain('Reviews of Acme Desk');
    expect(await shown('feeds list reviews')).not.toContain('Acme Blog');
    expect(await shown('feeds list news')).toMatch(/1 feed matching.*100%_Help_Desk Daily/);
    expect(await shown('feeds list competitors')).toMatch(/1 feed matching.*Acme Blog/);
    // The competitor a feed stands for is searched too: "which feeds do we have for Initech?".
    deps.db.sqlite.prepare("UPDATE feeds SET competitor = 'Initech' WHERE title = 'Acme Blog'").run();
    expect(await shown('feeds list initech')).toMatch(/1 feed matching \\"initech\\".*Acme Blog/);
    // --kind, as on the command line, is kind=.
    expect(await shown('feeds list --kind review')).toMatch(/1 feed matching.*Reviews of Acme Desk/);
    // A title where a number goes: the feeds that title names, by number.
    expect((await brief('feeds pause acme')).text).toBe(
      'No feed "acme". Feeds are named by number or address: did you mean feed 1 (Acme Blog) or feed 2 (Reviews of Acme Desk)? See the list of feeds and their numbers with `/brief feeds list`.',
    );
    expect(await shown('feeds list communities')).toMatch(/No feed matches "communities"/);
    const acme = await shown('feeds list acme');
    expect(acme).toContain('2 feeds matching');
    expect(acme.indexOf('Reviews of Acme Desk')).toBeLessThan(acme.indexOf('Acme Blog'));
    // % and _ are literal, not LIKE wildcards.
    expect(await shown('feeds list 100%_')).toContain('1 feed matching');
    expect(await shown('feeds list 1_0')).toMatch(/No feed matches "1_0" among 3 feeds\./);
    await brief('feeds resume 2');
    // Resumed, its last checks have still failed until one succeeds: it is still found among the failing.
    expect(await shown('feeds list failing')).toMatch(/1 feed matching.*Reviews of Acme Desk/);
    deps.db.sqlite.prepare('UPDATE feeds SET consecutive_failures = 0, last_error = NULL WHERE id = 2').run();
    expect((await brief('feeds list failing', member)).text).toBe('None of the 3 feeds is failing.');
  });

  it('feeds list failing includes a feed whose last checks failed before it is marked failing', async () => {
    const insert = deps.db.sqlite.prepare(
      'INSERT INTO feeds (url, title, kind, status, next_poll_at, created_at, updated_at, last_error, consecutive_failures, last_success_at) VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?, ?)',
    );
    insert.run('https://initech.example.com/rss', 'Initech News', 'news', 'active', 'HTTP 404', 2, 0);
    insert.run('https://ok.example.com/rss', 'Fine Feed', 'news', 'active', null, 0, 0);
    insert.run('https://paused.example.com/rss', 'Paused Feed', 'news', 'paused', 'HTTP 500', 3, 0);
    const reply = read(await brief('feeds list failing', member));
    expect(reply).toMatch(/1 feed matching \\"failing\\" \(of 3\).*Initech News/);
    expect(reply).not.toMatch(/Fine Feed|Paused Feed/);
  });

  it('a group on its own lists what it holds', async () => {
    await addSampleFeed();
    expect((await brief('feeds', member)).text).toBe((await brief('feeds list', member)).text);
    expect((await brief('topics', member)).text).toBe((await brief('topics list', member)).text);
    expect((await brief('digests', member)).text).toBe((await brief('digest list', member)).text);
    expect((await brief('sme', member)).text).toBe((await brief('sme list', member)).text);
    expect((await brief('feeds', member)).text).toMatch(/^1 feed: 0 ok, 1 stale/);
  });

  it('shows 60 of 120 feeds and says how to narrow the list to find the others', async () => {
    const insert = deps.db.sqlite.prepare(
      "INSERT INTO feeds (url, title, kind, status, next_poll_at, created_at, updated_at) VALUES (?, ?, 'news', 'active', 0, 0, 0)",
    );
    for (let index = 0; index < 120; index++)
      insert.run(`https://f${index}.example.com/rss`, `Feed ${index}`);
    const reply = await brief('feeds list', member);
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    for (const block of reply.blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    const body = read(reply);
    expect(body.match(/…and \d+ more/g)).toEqual(['…and 60 more']);
    expect(body).toContain(
      '…and 60 more: `/brief more` shows the next; narrow with `/brief feeds list &lt;words&gt;` (or failing, stale, paused, a kind), or see them all with `npx briefbot feeds list`.',
    );
    expect((await brief('feeds list f119', member)).text).toBe('1 feed matching "f119" (of 120)');
  });

  it('keeps the list within Slack limits at thousands of feeds, failing ones first', async () => {
    const insert = deps.db.sqlite.prepare(
      "INSERT INTO feeds (url, title, kind, status, next_poll_at, created_at, updated_at, last_error, consecutive_failures) VALUES (?, ?, 'news', ?, 0, 0, 0, ?, ?)",
    );
    deps.db.sqlite.transaction(() => {
      for (let index = 0; index < 3000; index++) {
        const failing = index % 500 === 7;
        insert.run(
          `https://f${index}.example.com/rss`,
          `Feed <${index}> & co`,
          failing ? 'failing' : 'active',
          failing ? 'HTTP 500' : null,
          failing ? 4 : 0,
        );
      }
    })();
    const reply = await brief('feeds list');
    expect(reply.text).toBe('3000 feeds: 2994 ok, 6 failing, 0 paused');
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    for (const block of reply.blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    const body = read(reply);
    expect(body.indexOf('Feed &lt;7&gt; &amp; co')).toBeLessThan(body.indexOf('Feed &lt;0&gt; &amp; co'));
    expect(body).toMatch(/and \d+ more/);
  });
});

describe('topics', () => {
  it('shows members what they can ask about, and admins the queries and nudge settings too', async () => {
    await brief('topics add pricing pricing OR price*', admin);
    const forMember = read(await brief('topics list', member));
    expect(forMember).toMatch(/\*pricing\* _theme_ · 0 items in 7 days/);
    expect(forMember).not.toContain('price*');
    expect(forMember).not.toContain('nudges');
    expect(forMember).toContain('Ask about any of them: `/brief what are customers saying about pricing`');
    expect(forMember).toContain('Admins add and change topics: ask <@UADMIN01> or a workspace admin.');
    const forAdmin = read(await brief('topics list', admin));
    expect(forAdmin).toContain('`pricing OR price*`');
    expect(forAdmin).toContain('no nudges (no channel)');
    expect(forAdmin).toContain('Change them: `/brief topics set');
  });

  it('keeps a long topic list within Slack limits, saying how many are left out and how to narrow it', async () => {
    const query = (index: number) =>
      `"acme product ${index}" OR "acme platform ${index}" OR "acme pricing ${index}" OR "acme renewal ${index}" OR "acme outage ${index}" OR "acme support ${index}" -job -hiring`;
    await deps.db.prisma.topic.createMany({
      data: Array.from({ length: 700 }, (_, index) => ({ name: `topic-${index}`, query: query(index) })),
    });
    const reply = await brief('topics list', admin);
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    const texts = reply.blocks.flatMap((block) =>
      block.type === 'section' && block.text ? [block.text.text] : [],
    );
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    const shown = texts.join('\n').match(/\*topic-\d+\*/g)?.length ?? 0;
    const hidden = Number(
      /…and (\d+) more; narrow with `\/brief topics list &lt;words in a name or query&gt;`\./.exec(
        texts.join('\n'),
      )?.[1],
    );
    expect(shown).toBeGreaterThan(100);
    expect(shown + hidden).toBe(700);

    const narrowed = await brief('topics list topic-12', admin);
    expect(narrowed.text).toBe('11 topics matching "topic-12" (of 700)');
    expect(read(narrowed)).not.toMatch(/more; narrow/);
    expect(read(await brief('topics list "acme outage 699"', member))).toMatch(/\*topic-699\*/);
    expect(read(await brief('topics list globex', member))).toMatch(
      /No topic matches "globex" among 700 topics\. `\/brief topics list` shows them all\./,
    );
  });

  it('notes that a comma in a query is no operator, with the OR to type for any of the words', async () => {
    await addSampleFeed();
    deps.clock.set('2003-06-09T12:00:00Z');
    const note =
      'Note: a comma is no operator, so `astronaut, star` needs every word. For any of them: `astronaut OR star`.';
    expect(read(await brief('topics test astronaut, star'))).toContain(note);
    expect(read(await brief('topics test astronaut OR star'))).not.toContain('Note: a comma');
    expect(read(await brief('topics test "astronaut, star"'))).not.toContain('Note: a comma');
    expect(read(await brief('topics add crew astronaut, star'))).toContain(
      `${note} To change it: \`/brief topics edit crew &lt;query&gt;\`.`,
    );
  });

  it('adds a topic, links recent items, lists it, tests queries and removes it', async () => {
    await addSampleFeed();
    deps.clock.set('2003-06-09T12:00:00Z');
    const added = await brief('topics add space-news "space station" OR astronaut* kind=theme');
    expect(read(added)).toMatch(
      /Added topic \*space-news\* \(theme\).*already matches 2 items from the last 30 days\. Ask about it: `\/brief space-news`; give it an expert: `\/brief sme add @someone space-news`\./,
    );
    expect(read(await brief('topics list', admin))).toMatch(
      /\*space-news\* _theme_ · 1 item in 7 days \(none the week before\) · no nudges \(no channel\) · `/,
    );
    await brief('topics set space-news channel=#C0MARKET1');
    expect(read(await brief('topics list', admin))).toMatch(/· nudges <#C0MARKET1> at 0\.5 \(default\) · `/);
    await brief('topics set space-news threshold=0.8');
    expect(read(await brief('topics list', admin))).toMatch(/· nudges <#C0MARKET1> at 0\.8 · `/);
    const test = await brief('topics test astronaut* OR "star city"', member);
    expect(test.text).toBe('"astronaut* OR "star city"" matched 1 item in the last 7 days');
    expect(read(test)).toMatch(/Star City/);
    expect(read(test)).toContain('`astronaut* OR \\"star city\\"` matched 1 item in the last 7 days:');
    expect(read(await brief('topics add space-news x'))).toMatch(/already a topic "space-news"/);
    // A whole query typed in quotes, as on a command line, is the query, not a phrase.
    expect(read(await brief('topics add crew "astronaut* OR cosmonaut*"'))).toMatch(
      /Added topic \*crew\* \(theme\): `astronaut\* OR cosmonaut\*`\. It already matches 1 item/,
    );
    expect((await brief('topics test "astronaut* OR city"', member)).text).toBe(
      '"astronaut* OR city" matched 1 item in the last 7 days',
    );
    await brief('topics remove crew');
    expect(read(await brief('topics remove space-news'))).toMatch(
      /Removed topic \*space-news\*\. To bring it back: `\/brief topics add space-news \\"space station\\" OR astronaut\*`, then `\/brief topics set space-news channel=#C0MARKET1 threshold=0\.8`\. `\/brief topics list` shows those left\./,
    );
    expect(read(await brief('topics remove space-news'))).toMatch(/No topic "space-news"/);
  });

  it('edits a topic’s query in place, keeping its experts and channel, and re-links the last 30 days', async () => {
    await addSampleFeed();
    deps.clock.set('2003-06-09T12:00:00Z');
    await brief('topics add space-news astronaut* kind=theme');
    await brief('sme add <@U0MARIA1|maria> space-news');
    await deps.db.prisma.topic.update({
      where: { name: 'space-news' },
      data: { channelId: 'C0NEWS', threshold: 0.5 },
    });
    const before = await deps.db.prisma.itemTopic.count();
    expect(before).toBe(1);
    expect(read(await brief('topics edit space-news astronaut*', member))).toMatch(
      /only Briefbot admins can/,
    );
    const edited = await brief('topics edit space-news "space station" OR astronaut* kind=company');
    expect(edited.text).toBe(
      'Topic *space-news* (company) now searches `"space station" OR astronaut*` (was `astronaut*`); its experts, channel and digests stay. In the last 7 days (as `topics list` counts) it matched 0 items and now matches 1; 2 items from the last 30 days. As the company it stands for your own business in answers, and its negative stories count more toward nudging experts. Not what you meant? `/brief topics edit space-news kind=theme`.',
    );
    const topic = await deps.db.prisma.topic.findUniqueOrThrow({
      where: { name: 'space-news' },
      include: { beats: true },
    });
    expect(topic).toMatchObject({
      query: '"space station" OR astronaut*',
      channelId: 'C0NEWS',
      threshold: 0.5,
    });
    expect(topic.beats).toHaveLength(1);
    expect(await deps.db.prisma.itemTopic.count()).toBe(2);
    expect(read(await brief('topics edit space-news ACME or Globex'))).toMatch(/did you mean OR\?/);
    expect(read(await brief('topics edit gossip acme'))).toMatch(/No topic "gossip"/);
    expect(read(await brief('topics edit space-news'))).toMatch(/Give the query after the name/);
    const audit = await deps.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'topic.edit' } });
    expect(JSON.parse(audit.detail)).toMatchObject({
      from: 'astronaut*',
      query: '"space station" OR astronaut*',
    });
  });

  it('asks about two unrelated plain words, as a name and a query, offering both readings', async () => {
    const asked = read(await brief('topics add support ai kind=theme'));
    expect(asked).toMatch(
      /Topic names are one word, so this reads as topic support searching for `ai`\. For one topic about \\"support ai\\": `\/brief topics add support-ai \\"support ai\\" kind=theme`\. To add support searching for `ai` after all: `\/brief topics add support ai kind=theme confirm`\./,
    );
    expect(read(await brief('topics add Initech Corp'))).toMatch(
      /`\/brief topics add initech-corp \\"initech corp\\"`/,
    );
    expect(await deps.db.prisma.topic.count()).toBe(0);
    expect(read(await brief('topics add support ai kind=theme confirm'))).toMatch(
      /Added topic \*support\* \(theme\): `ai`/,
    );
    // A query that is the name's own word is no slip.
    expect(read(await brief('topics add outages outage'))).toMatch(
      /Added topic \*outages\* \(theme\): `outage`/,
    );
  });

  it('says when a new topic matches nothing yet, and flags words typed after kind=', async () => {
    // Feeds with something recent: the query, not the feeds, is then what matches nothing.
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    await storeFeedItems(deps, feed, [
      { guid: 'a', title: 'Acme ships a release', publishedAt: deps.clock.now() },
    ]);
    const added = read(await brief('topics add outage-watch outage OR downtime kind=theme nudges'));
    expect(added).toMatch(
      /It already matches 0 items from the last 30 days\. Note: \\"nudges\\" came after kind=theme and was read as part of the query\. Nothing matches yet: check the query with `\/brief topics test outage OR downtime nudges`, and change it with `\/brief topics edit outage-watch &lt;query&gt;`\./,
    );
    // The whole query after kind= is no stray word.
    expect(read(await brief('topics add crew kind=theme astronaut*'))).not.toMatch(/came after kind=/);
  });

  it('takes kind= anywhere in topics add, never as part of the query', async () => {
    expect(read(await brief('topics add acme3 kind=company acme'))).toMatch(
      /Added topic \*acme3\* \(company\): `acme`\./,
    );
    expect(read(await brief('topics add pricing --kind product price* OR discount*'))).toMatch(
      /Added topic \*pricing\* \(product\): `price\* OR discount\*`\./,
    );
    expect(read(await brief('topics add setup "kind=x" setup'))).toMatch(
      /Added topic \*setup\* \(theme\): `"kind=x" setup`\./,
    );
    expect(read(await brief('topics add rivals kind=gossip globex'))).toMatch(/kind must be one of/);
  });

  it('refuses /brief command words as topic names, which /brief <topic> could never reach', async () => {
    expect(read(await brief('topics add help help'))).toMatch(
      /"help" is a \/brief command word, so `\/brief help` would not ask about the topic; pick another name, e\.g\. help-news\./,
    );
    expect(read(await brief('topics add List pricing'))).toMatch(/"list" is a \/brief command word/);
    expect(await deps.db.prisma.topic.count({ where: { name: { in: ['help', 'list'] } } })).toBe(0);
    expect(read(await brief('topics add helpdesk help desk'))).toMatch(/Added topic \*helpdesk\*/);
  });

  it('refuses names that read as a time window or a question, which /brief <topic> would answer otherwise', async () => {
    expect(read(await brief('topics add 2026 acme'))).toMatch(
      /"2026" reads as a time window \(in 2026\), so `\/brief 2026` would not ask about the topic; pick a name with a word in it, e\.g\. acme-2026\./,
    );
    for (const name of ['today', 'yesterday', 'q3', 'week', 'month', 'ytd'])
      expect(read(await brief(`topics add ${name} pricing`))).toMatch(
        new RegExp(`"${name}" reads as a time window.*e\\.g\\. pricing-${name}\\.`),
      );
    expect(read(await brief('topics add news pricing'))).toMatch(
      /"news" reads as a question of its own, so `\/brief news` would not ask about the topic/,
    );
    expect(await deps.db.prisma.topic.count()).toBe(0);
    expect(read(await brief('topics add acme-2026 acme'))).toMatch(/Added topic \*acme-2026\*/);
  });

  it('warns when a new or edited query is the one another topic searches, naming it', async () => {
    await brief('topics add globex globex kind=competitor');
    const twin = read(await brief('topics add globex2 Globex'));
    expect(twin).toMatch(/Added topic \*globex2\*/);
    expect(twin).toMatch(
      /Note: topic \*globex\* searches the same query, so the two match the same items; to tell globex2 apart: `\/brief topics edit globex2 &lt;query&gt;`\./,
    );
    expect(read(await brief('topics add acme acme'))).not.toMatch(/same query/);
    expect(read(await brief('topics edit acme globex'))).toMatch(
      /Note: topics \*globex\*, \*globex2\* search the same query, so they match the same items/,
    );
  });

  it('reads plural kinds as feeds do, and lists the topics of a kind', async () => {
    expect(read(await brief('topics add initech initech kind=competitors'))).toMatch(
      /Added topic \*initech\* \(competitor\)/,
    );
    await brief('topics add acme acme kind=companies');
    await brief('topics add pricing pricing');
    expect(read(await brief('topics edit pricing kind=products'))).toMatch(/is now product \(was theme\)/);
    for (const filter of ['competitor', 'competitors', 'kind=competitor', '--kind competitor']) {
      const reply = await brief(`topics list ${filter}`, member);
      expect(reply.text).toBe(`1 topic matching "${filter}" (of 3)`);
      expect(read(reply)).toContain('*initech* _competitor_');
    }
    expect((await brief('topics list company')).text).toBe('1 topic matching "company" (of 3)');
    // Other words still search names and queries.
    expect((await brief('topics list pric')).text).toBe('1 topic matching "pric" (of 3)');
  });

  it('says NEAR is not supported, suggesting the words without the distance', async () => {
    const reply = read(await brief('topics test acme NEAR(price, 5)', member));
    expect(reply).toMatch(
      /NEAR is not supported: a query finds its words anywhere in an item, not close together\. Try `acme price` \(every word\)/,
    );
    expect(reply).not.toMatch(/price OR 5/);
    expect(read(await brief('topics add acme acme NEAR/3 price'))).toMatch(
      /NEAR is not supported.*Try `acme price`/,
    );
    expect(await deps.db.prisma.topic.count()).toBe(0);
    // "near" as a plain word is searched.
    expect(read(await brief('topics add shops shops near me'))).toMatch(/Added topic \*shops\*/);
  });

  it('says a threshold given to a topic with no channel is saved, and nudges wait for a channel', async () => {
    await brief('topics add acme acme');
    expect((await brief('topics set acme threshold=0.7')).text).toBe(
      'Topic *acme*: threshold 0.7 saved; nudges are off until you give it a channel: `/brief topics set acme channel=#…`.',
    );
    expect((await brief('topics set acme channel=<#C0ACME|acme-talk>')).text).toMatch(
      /nudges go to <#C0ACME> when an item scores 0\.7 or more/,
    );
  });

  it('refuses a lower-case or/and/not between terms in a topic query, saying how to write it', async () => {
    await addSampleFeed();
    const hint =
      /That query does not work: "or" after `(?:ACME|acme)`: did you mean OR\? Operators are written in capitals; put "or" in quotes to search the word\./;
    expect(read(await brief('topics add x ACME or Globex'))).toMatch(hint);
    expect(read(await brief('topics test acme or globex', member))).toMatch(hint);
    expect(read(await brief('topics add y space and -job'))).toMatch(
      /"and" after `space`: did you mean AND\?/,
    );
    expect(await deps.db.prisma.topic.count()).toBe(0);
    expect(read(await brief('topics add z space "or" station'))).toMatch(/Added topic \*z\*/);
  });

  it('gives the command with the operators in capitals, to copy, when a query has them in lower case', async () => {
    await addSampleFeed();
    expect(read(await brief('topics add rivals acme or globex and -job kind=competitor'))).toContain(
      'Nothing was added. With OR and AND in capitals: `/brief topics add rivals acme OR globex AND -job kind=competitor`',
    );
    expect(read(await brief('topics test acme or globex', member))).toContain(
      'With OR in capitals: `/brief topics test acme OR globex`',
    );
    await brief('topics add rivals acme OR globex');
    expect(read(await brief('topics edit rivals acme or initech'))).toContain(
      'Nothing was changed. With OR in capitals: `/brief topics edit rivals acme OR initech`',
    );
    // The command given works as it is.
    expect(read(await brief('topics edit rivals acme OR initech'))).toContain(
      'now searches `acme OR initech`',
    );
  });

  it('places a query mistake by the words before it, not an index, and gives the command back to fix', async () => {
    await brief('topics add pricing pricing');
    const refused = read(
      await brief('topics edit pricing pricing OR discount OR "price increase" OR refund AND'),
    );
    expect(refused).toMatch(
      /That query does not work: "AND" after `…OR "price increase" OR refund` needs a term on both sides\. Nothing was changed\. Fix it and send again: `\/brief topics edit pricing pricing OR discount OR "price increase" OR refund AND`/,
    );
    expect(refused).not.toMatch(/position/);
    expect((await deps.db.prisma.topic.findUniqueOrThrow({ where: { name: 'pricing' } })).query).toBe(
      'pricing',
    );
  });
});

describe('experts', () => {
  it('puts experts on beats, marks them away and back, and removes them', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage*');
    deps.userTimeZones.set('U0MARIA1', 'Asia/Tokyo');
    expect(read(await brief('sme add <@U0MARIA1|maria> pricing, outages'))).toMatch(
      /<@U0MARIA1> now covers outages, pricing/,
    );
    // Their profile's time zone is kept for reminders in their working hours.
    expect(await deps.db.prisma.sme.findUniqueOrThrow({ where: { userId: 'U0MARIA1' } })).toMatchObject({
      timezone: 'Asia/Tokyo',
    });
    // Days away are read in the expert's own zone (test/slack/expert-week.test.ts): here, words in UTC.
    deps.userTimeZones.delete('U0MARIA1');
    await deps.db.prisma.sme.update({ where: { userId: 'U0MARIA1' }, data: { timezone: null } });
    expect(read(await brief('sme add <@U0MARIA1|maria> unknown-topic'))).toMatch(
      /No topic "unknown-topic". The topics are: outages, pricing/,
    );
    expect(read(await brief('sme away <@U0MARIA1> until 2026-10-20'))).toMatch(/That date has passed/);
    expect(read(await brief('sme away <@U0MARIA1> until friday'))).toMatch(
      /away until Fri 6 Nov \(end of day, UTC\); no nudges until then\. `\/brief sme away @U0MARIA1 back` ends it sooner\./,
    );
    // The day it was read as, never the words typed ("until the end of in 5 days").
    for (const [typed, day] of [
      ['until Dec 1', 'Tue 1 Dec'],
      ['until 1st december', 'Tue 1 Dec'],
      ['until next monday', 'Mon 9 Nov'],
      ['until the end of friday', 'Fri 6 Nov'],
      ['until jan 4', 'Mon 4 Jan 2027'],
    ]) {
      await brief('sme away <@U0MARIA1> back');
      expect(read(await brief(`sme away <@U0MARIA1> ${typed}`))).toMatch(
        new RegExp(`away until ${day} \\(end of day, UTC\\);`),
      );
    }
    expect(read(await brief('sme away <@U0MARIA1>'))).toMatch(
      /Until when\? Type the last day away: `\/brief sme away @U0MARIA1 until friday` \(.*; `\/brief sme away @U0MARIA1 back` ends it\./,
    );
    expect(read(await brief('sme away <@U0MARIA1> until'))).not.toMatch(/can't read ""/);
    await brief('sme away <@U0MARIA1> until friday');
    expect(read(await brief('sme list', member))).toMatch(
      /<@U0MARIA1> — outages, pricing · _away until Fri 6 Nov \(end of day, UTC\)_/,
    );
    expect(read(await brief('sme away <@U0MARIA1> back'))).toMatch(/is back/);
    // An expert marks their own time away ("me", "@self" or their mention); not someone else's.
    expect((await brief('sme away me until friday', 'U0MARIA1')).text).toMatch(
      /^You are away until Fri 6 Nov \(end of day, UTC\): no nudges until then\. Back sooner\? `\/brief sme away me back`\. Nobody else covers outages or pricing, so their new nudges ask the admins to pick someone until you are back; ask <@UADMIN01> or a workspace admin to add a cover: `\/brief sme add @someone &lt;topic&gt;`\.$/,
    );
    expect((await brief('sme away @self back', 'U0MARIA1')).text).toBe('Welcome back: you get nudges again.');
    // Leaving the person out means the sender, as "me" does.
    expect((await brief('sme away until friday', 'U0MARIA1')).text).toMatch(/^You are away until Fri 6 Nov /);
    expect((await brief('sme away back', 'U0MARIA1')).text).toBe('Welcome back: you get nudges again.');
    // As people say it: a day, a stretch of time, a weekday's start.
    for (const [typed, day] of <Array<[string, string]>>[
      ['sme away until tomorrow', 'Tue 3 Nov'],
      ['sme away for a week', 'Mon 9 Nov'],
      ['sme away 3 days', 'Thu 5 Nov'],
      ['sme away until fri', 'Fri 6 Nov'],
      ['sme away me for 2 weeks', 'Mon 16 Nov'],
      ['sme away me until next tues', 'Tue 3 Nov'],
    ])
      expect((await brief(typed, 'U0MARIA1')).text).toMatch(new RegExp(`^You are away until ${day} `));
    expect((await brief('sme away bob until friday', 'U0MARIA1')).text).toContain(
      'Usage: /brief sme away &lt;@user&gt; until &lt;date&gt; (or `/brief sme away me until &lt;date&gt;`, `for a week`, `3 days`)',
    );
    // "away tomorrow", "away fri": maybe that day only, so asked, and nothing changes until said.
    await brief('sme away me back', 'U0MARIA1');
    for (const [typed, day, until] of [
      ['sme away tomorrow', 'Tue 3 Nov', 'tomorrow'],
      ['sme away me fri', 'Fri 6 Nov', 'fri'],
    ])
      expect((await brief(typed as string, 'U0MARIA1')).text).toBe(
        `Away from now until ${day} (end of day, UTC)? An absence starts when you send it, so you would get no nudges from today; nothing was changed. From now: \`/brief sme away me until ${until}\`. On that day only: on its morning, send \`/brief sme away me until today\`.`,
      );
    expect(
      (await deps.db.prisma.sme.findUniqueOrThrow({ where: { userId: 'U0MARIA1' } })).awayUntil,
    ).toBeNull();
    expect((await brief('sme away today', 'U0MARIA1')).text).toMatch(/^You are away until Mon 2 Nov /);
    // Already away: the absence set is said, and a new day says which it replaces.
    await brief('sme away me for a week', 'U0MARIA1');
    expect((await brief('sme away fri', 'U0MARIA1')).text).toBe(
      'You are already away until Mon 9 Nov. Shorten it to Fri 6 Nov (end of day, UTC)? `/brief sme away me until fri`; nothing was changed.',
    );
    expect((await brief('sme away <@U0MARIA1> 16 nov')).text).toBe(
      '<@U0MARIA1> is already away until Mon 9 Nov. Extend it to Mon 16 Nov (end of day, UTC)? `/brief sme away @U0MARIA1 until 16 nov`; nothing was changed.',
    );
    expect((await brief('sme away me until 9 nov', 'U0MARIA1')).text).toBe(
      'You are already away until Mon 9 Nov (end of day, UTC); nothing changed. `/brief sme away me back` ends it sooner.',
    );
    expect((await brief('sme away me until fri', 'U0MARIA1')).text).toMatch(
      /^You are away until Fri 6 Nov \(end of day, UTC; was until Mon 9 Nov\): no nudges until then\./,
    );
    // An absence starting later is no missing @-mention: set ahead, from its first day.
    await brief('sme away me back', 'U0MARIA1');
    expect((await brief('sme away me from monday', 'U0MARIA1')).text).toBe(
      'Until when? Give the last day away too: `/brief sme away me from monday to &lt;last day&gt;` (or `from monday for a week`); nothing was changed.',
    );
    expect(
      (await deps.db.prisma.sme.findUniqueOrThrow({ where: { userId: 'U0MARIA1' } })).awayUntil,
    ).toBeNull();
    for (const [typed, from, until] of [
      ['sme away from monday to wednesday', 'Mon 9 Nov', 'Wed 11 Nov'],
      ['sme away next week', 'Mon 9 Nov', 'Sun 15 Nov'],
      ['sme away 2026-12-24 to 2027-01-02', 'Thu 24 Dec', 'Sat 2 Jan 2027'],
      ['sme away me starting friday for a week', 'Fri 6 Nov', 'Thu 12 Nov'],
    ])
      expect((await brief(typed as string, 'U0MARIA1')).text, typed).toMatch(
        new RegExp(
          `^You are away from ${from} until ${until} \\(end of day, UTC\\)\\. Nudges still come to you until then\\.`,
        ),
      );
    expect((await brief('sme away me from friday to monday', 'U0MARIA1')).text).toMatch(
      /^You are away from Fri 6 Nov until Mon 9 Nov /,
    );
    expect((await brief('sme away me from friday to 2026-11-03', 'U0MARIA1')).text).toMatch(
      /^That absence ends \(Tue 3 Nov\) before it starts \(Fri 6 Nov\); nothing was changed\./,
    );
    // From today is from now, as "until" is.
    expect((await brief('sme away me from today to friday', 'U0MARIA1')).text).toMatch(
      /^You are away until Fri 6 Nov \(end of day, UTC\): no nudges until then\./,
    );
    await brief('sme away me back', 'U0MARIA1');
    expect((await brief('sme away me until someday', 'U0MARIA1')).text).toContain(
      '`until tomorrow`, `for a week` or `3 days` (or `back`)',
    );
    expect((await brief('sme away <@U0SAM001> until friday', 'U0MARIA1')).text).toBe(
      `Sorry, only Briefbot admins can mark other experts away (an expert can mark themselves: \`/brief sme away me until friday\`). Ask <@${admin}> or a workspace admin.`,
    );
    expect((await brief('sme away <@U0NOBODY> until friday')).text).toBe(
      '<@U0NOBODY> is not an expert yet, so there is nothing to mark away. Put them on a beat first: `/brief sme add @U0NOBODY &lt;topic&gt;` (`/brief topics list` shows the topics).',
    );
    expect((await brief('sme away me until friday', member)).text).toMatch(
      /^Sorry, only Briefbot admins can mark experts away\. Ask /,
    );
    await brief('topics add globex globex');
    await brief('sme add <@U0SAM001|sam> outages');
    const outages = await brief('sme list outages', member);
    expect(outages.blocks[0]).toMatchObject({ text: { text: '*2 experts on outages*' } });
    expect(read(outages)).toMatch(/<@U0MARIA1> — outages, pricing/);
    expect(read(outages)).toMatch(/<@U0SAM001> — outages/);
    expect(read(await brief('sme list pricing', member))).not.toContain('U0SAM001');
    // A member cannot add an expert: told whom to ask, by name; an admin gets the command.
    expect((await brief('sme list globex', admin)).text).toBe(
      'Nobody covers globex yet. Add one: `/brief sme add @maria globex`',
    );
    expect((await brief('sme list globex', member)).text).toBe(
      'Nobody covers globex yet. Ask <@UADMIN01> or a workspace admin to add one.',
    );
    expect((await brief('sme list gossip', member)).text).toMatch(/^No topic "gossip"\. The topics are:/);
    await brief('sme remove <@U0SAM001>');
    // Removed a moment ago: "no longer", not "yet".
    expect((await brief('sme away <@U0SAM001> until friday')).text).toMatch(
      /^<@U0SAM001> is no longer an expert, so there is nothing to mark away\. Put them on a beat first: `\/brief sme add @U0SAM001 /,
    );
    expect(read(await brief('sme remove <@U0MARIA1>'))).toMatch(/no longer an expert/);
    // There were experts: none any more, not "yet".
    expect(read(await brief('sme list'))).toMatch(/No experts any more\./);
  });

  it('sme add with several topics says where each one’s nudges go, with the command for each that has no channel', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add globex globex');
    await brief('topics add outages outage');
    await brief('topics set pricing channel=<#C0TALK|talk>');
    expect((await brief('sme add <@U0MARIA1|maria> pricing, outages, globex')).text).toBe(
      '<@U0MARIA1> now covers globex, outages, pricing. `/brief sme list` shows every beat. Nudges go to: pricing in <#C0TALK>. globex, outages have no channel for nudges yet: `/brief topics set globex channel=#…`, `/brief topics set outages channel=#…`.',
    );
  });

  it('says a beat an expert has already is theirs, adding only the new ones', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add globex globex');
    await brief('sme add <@U0MARIA1|maria> pricing');
    expect((await brief('sme add <@U0MARIA1|maria> Pricing')).text).toBe(
      '<@U0MARIA1> already covers pricing; nothing changed. `/brief sme list` shows every beat.',
    );
    expect((await brief('sme add <@U0MARIA1|maria> pricing, globex')).text).toBe(
      '<@U0MARIA1> now covers globex too (their beats: globex, pricing; pricing they covered already). `/brief sme list` shows every beat. globex has no channel for nudges yet: `/brief topics set globex channel=#…`.',
    );
    const additions = await deps.db.prisma.auditEvent.findMany({ where: { action: 'sme.add' } });
    expect(additions.map((event) => JSON.parse(event.detail).topics)).toEqual([['pricing'], ['globex']]);
  });

  it('takes an expert off the beats named, keeping the others', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage*');
    await brief('topics add globex globex');
    await brief('sme add <@U0MARIA1|maria> pricing, outages');
    deps.sent.length = 0;
    expect((await brief('sme remove <@U0MARIA1|maria> pricing')).text).toBe(
      '<@U0MARIA1> no longer covers pricing; still covers outages. They were told by DM. No expert covers pricing now. Add one: `/brief sme add @someone pricing`. To undo: `/brief sme add @U0MARIA1 pricing`.',
    );
    expect(deps.sent.map((sent) => [sent.channel, sent.message.text])).toEqual([
      ['U0MARIA1', `<@${admin}> took you off pricing (you still cover outages).`],
    ]);
    expect(read(await brief('sme list', member))).toMatch(/<@U0MARIA1> — outages(?!, pricing)/);
    expect(read(await brief('sme remove <@U0MARIA1> globex'))).toMatch(/<@U0MARIA1> does not cover globex/);
    expect(read(await brief('sme remove <@U0MARIA1> gossip'))).toMatch(/No topic "gossip"/);
    expect(read(await brief('sme remove <@U0MARIA1> outages'))).toMatch(
      /<@U0MARIA1> no longer covers outages; covers no beat now/,
    );
    // Taken off every beat at once: told they are no expert any more, and the reply gives the sme add.
    await brief('sme add <@U0MARIA1|maria> pricing, outages');
    deps.sent.length = 0;
    expect((await brief('sme remove <@U0MARIA1>')).text).toBe(
      '<@U0MARIA1> is no longer an expert on any beat. They were told by DM. No expert covers outages or pricing now. Add one: `/brief sme add @someone outages, pricing`. To undo: `/brief sme add @U0MARIA1 outages, pricing`.',
    );
    expect(deps.sent.map((sent) => [sent.channel, sent.message.text])).toEqual([
      [
        'U0MARIA1',
        `<@${admin}> took you off your beats (outages, pricing), so you are no longer an expert and get no more nudges.`,
      ],
    ]);
    await brief('sme add <@U0MARIA1|maria> outages');
    await brief('sme remove <@U0MARIA1> outages');
    expect(await deps.db.prisma.beat.count()).toBe(0);
    expect(await deps.db.prisma.sme.count()).toBe(1);
    const removals = await deps.db.prisma.auditEvent.findMany({ where: { action: 'sme.remove' } });
    expect(removals.map((event) => JSON.parse(event.detail).topics)).toEqual([
      ['pricing'],
      ['outages'],
      undefined,
      ['outages'],
    ]);
  });
  it('puts an expert removed while away back still away, as the undo of sme remove', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage*');
    await brief('sme add <@U0MARIA1|maria> outages, pricing');
    await brief('sme away <@U0MARIA1> until 2026-12-01');
    expect(read(await brief('sme remove <@U0MARIA1>'))).toContain(
      'To undo: `/brief sme add @U0MARIA1 outages, pricing`.',
    );
    expect((await brief('sme add <@U0MARIA1> outages, pricing')).text).toMatch(
      /^<@U0MARIA1> now covers outages, pricing\. They are still away until Tue 1 Dec \(end of day, UTC\), so no nudges until then \(`\/brief sme away @U0MARIA1 back` ends it\)\. `\/brief sme list` shows every beat\./,
    );
    expect(read(await brief('sme list', member))).toMatch(
      /<@U0MARIA1> — outages, pricing · _away until Tue 1 Dec \(end of day, UTC\)_/,
    );
    // Back before being removed again: put back available, with nothing said of time away.
    await brief('sme away <@U0MARIA1> back');
    await brief('sme remove <@U0MARIA1>');
    expect((await brief('sme add <@U0MARIA1> outages')).text).not.toContain('away');
    expect(
      (await deps.db.prisma.sme.findUniqueOrThrow({ where: { userId: 'U0MARIA1' } })).awayUntil,
    ).toBeNull();
  });
});

describe('topics edit with only a kind', () => {
  it('changes the kind alone, keeping the query and experts', async () => {
    await brief('topics add pricing pricing OR "price increase"');
    await brief('sme add <@U0MARIA1|maria> pricing');
    expect(read(await brief('topics edit pricing kind=company'))).toMatch(
      /Topic \*pricing\* is now company \(was theme\); its query `pricing OR \\"price increase\\"`, experts, channel and digests stay\./,
    );
    const topic = await deps.db.prisma.topic.findUniqueOrThrow({ where: { name: 'pricing' } });
    expect([topic.kind, topic.query]).toEqual(['company', 'pricing OR "price increase"']);
    expect(read(await brief('sme list pricing'))).toMatch(/U0MARIA1/);
    expect(read(await brief('topics edit pricing kind=gossip'))).toMatch(/kind must be one of company/);
    expect(read(await brief('topics edit pricing'))).toMatch(/Give the query after the name/);
  });

  it('says nothing changed when the kind or the query is the one it has, and records nothing', async () => {
    await brief('topics add pricing pricing OR "price increase" kind=company');
    expect((await brief('topics edit pricing kind=company')).text).toBe(
      'Topic *pricing* is already company; nothing changed. Other kinds: company, competitor, theme, product.',
    );
    expect((await brief('topics edit pricing pricing OR "price increase"')).text).toBe(
      'Topic *pricing* already searches `pricing OR "price increase"`; nothing changed. `/brief topics test &lt;query&gt;` tries another query before saving it.',
    );
    expect((await brief('topics edit pricing pricing OR "price increase" kind=company')).text).toMatch(
      /^Topic \*pricing\* already searches `pricing OR "price increase"` as company; nothing changed\./,
    );
    // The same query with another kind is a change.
    expect((await brief('topics edit pricing pricing OR "price increase" kind=theme')).text).toMatch(
      /^Topic \*pricing\* \(theme\) now searches/,
    );
    expect((await deps.db.prisma.auditEvent.findMany()).map((event) => event.action)).toEqual([
      'topic.add',
      'topic.edit',
    ]);
  });
});
