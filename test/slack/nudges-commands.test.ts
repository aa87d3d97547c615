import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
import { sendDueDeliveries } from '../../src/deliveries.ts';
import {
  claimNudge,
  dismissNudge,
  expireNudge,
  markReplied,
  reassignNudge,
  releaseNudge,
  reopenNudge,
  snoozeNudge,
} from '../../src/engage/claims.ts';
import { followThrough } from '../../src/engage/follow-through.ts';
import { createNudge, postPendingNudges, refreshNudgeMessage } from '../../src/engage/nudges.ts';
import { PostError } from '../../src/outbox.ts';
import { buildHome } from '../../src/slack/home.ts';
import { Action } from '../../src/slack/ids.ts';
import { createBriefCommandHandler } from '../../src/slack/listeners/brief-command.ts';
import { createRunCommandActionHandler } from '../../src/slack/listeners/run-command-action.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, createTopic } from '../helpers/digest.ts';
import {
  actionIdsOf,
  createBeat,
  createResponseHistory,
  nudgeAbout,
  nudgeAudit,
  nudgeRow,
  nudgeRows,
  postedNudgeAbout,
  shown,
  storeItem,
} from '../helpers/nudges.ts';
import { blockActionArgs, commandArgs, createRecorder } from '../helpers/slack.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
let deps: TestDeps;

beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin, NUDGE_QUIET_HOURS: 'none' } });
});
afterEach(async () => {
  await deps.cleanup();
});

/** Runs "/brief <text>" through the Slack listener; the reply must come after the ack, ephemerally. */
async function brief(text: string, userId = admin, channelId = 'C0CHANNEL') {
  const recorder = createRecorder();
  await createBriefCommandHandler(deps)(commandArgs(recorder, { text, userId, channelId }));
  expect(recorder.names()).toEqual(['ack', 'respond']);
  expect(recorder.calls[0]?.args).toEqual([]);
  const reply = recorder.first('respond') as { response_type: string; text: string; blocks: unknown[] };
  expect(reply.response_type).toBe('ephemeral');
  return reply;
}

async function topic() {
  return deps.db.prisma.topic.findUniqueOrThrow({ where: { name: 'pricing' } });
}

describe('/brief nudge settings', () => {
  it("shows the policy in force: the server's part with its variables, each topic's channel and threshold", async () => {
    await createBeat(deps, { name: 'pricing', channelId: 'C0TALK', threshold: 0.7 });
    await deps.db.prisma.topic.create({ data: { name: 'outages', query: 'outage*' } });
    const reply = await brief('nudge settings', member);
    const text = shown(reply as never);
    expect(reply.text).toBe('Nudge policy in force');
    for (const line of [
      'Quiet hours*: none: nudges are posted at any hour (NUDGE_QUIET_HOURS)',
      'at most 5 nudges a day per channel',
      'Working hours* 09:00–18:00, Monday to Friday',
      'gets one in its thread after 4 working hours (NUDGE_REMIND_AFTER_HOURS)',
      `still unclaimed, after 9 working hours, to <@${admin}> by DM (BRIEFBOT_ADMINS`,
      'a DM after 9 of their working hours without a reply (NUDGE_REPLY_REMINDER_HOURS)',
      'open or claimed for 7 days expires (NUDGE_EXPIRE_DAYS)',
      '*pricing*: nudges go to <#C0TALK> from a controversy score of 0.7',
      '*outages*: nudges off (no channel); threshold 0.5 (the default)',
    ])
      expect(text).toContain(line);
    expect((await brief('nudge policy')).blocks).toEqual(reply.blocks);
  });

  it('says that escalations go to BRIEFBOT_ALERT_CHANNEL, not to the admins, when it is set', async () => {
    await deps.cleanup();
    deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin, BRIEFBOT_ALERT_CHANNEL: 'C0ALERTS' } });
    expect(shown((await brief('nudge settings')) as never)).toContain(
      "still unclaimed, after 9 working hours, to <#C0ALERTS> (BRIEFBOT_ALERT_CHANNEL), not to the admins' DMs",
    );
  });

  it.each([
    ['quiet=22:00-07:00', 'quiet hours is set by the server (NUDGE_QUIET_HOURS)'],
    ['remind=2h', 'the reminder delay is set by the server (NUDGE_REMIND_AFTER_HOURS)'],
    [
      'escalate=@UBOSS',
      'the escalation delay (where escalations go: BRIEFBOT_ALERT_CHANNEL, else BRIEFBOT_ADMINS) is set by the server',
    ],
    ['limit=3', 'the daily limit is set by the server (NUDGE_DAILY_LIMIT)'],
  ])(
    '"topics set pricing %s" is refused, pointing to the server and to nudge settings',
    async (option, said) => {
      await createBeat(deps, { name: 'pricing', channelId: 'C0TALK' });
      const reply = await brief(`topics set pricing ${option}`);
      expect(reply.text).toContain(said);
      expect(reply.text).toContain('`/brief nudge settings` shows the whole nudge policy in force');
      expect(await deps.db.prisma.auditEvent.count({ where: { action: 'topic.set' } })).toBe(0);
    },
  );
});

describe('/brief topics set', () => {
  beforeEach(async () => {
    await deps.db.prisma.topic.create({ data: { name: 'pricing', query: 'pricing' } });
  });

  it('sets the channel (as Slack escapes it) and the threshold, and records who did it', async () => {
    const reply = await brief('topics set pricing channel=<#C0TALK|talk> threshold=0.6');
    expect(reply.text).toBe(
      'Topic *pricing*: nudges go to <#C0TALK> when an item scores 0.6 or more for controversy (was 0.5). It had no items in the last 7 days to say what that changes.',
    );
    expect(await topic()).toMatchObject({ channelId: 'C0TALK', threshold: 0.6 });
    const [event] = await deps.db.prisma.auditEvent.findMany({ where: { action: 'topic.set' } });
    expect(event).toMatchObject({ actorId: admin, subjectType: 'topic' });
    expect(JSON.parse(event?.detail ?? '{}')).toEqual({
      channelId: 'C0TALK',
      threshold: 0.6,
      name: 'pricing',
      fromThreshold: null,
    });
  });

  it('goes back to the default threshold, and to no channel', async () => {
    await brief('topics set pricing channel=<#C0TALK|talk> threshold=0.9');
    expect((await brief('topics set Pricing threshold=default')).text).toBe(
      'Topic *pricing*: nudges go to <#C0TALK> when an item scores 0.5 or more for controversy (was 0.9). It had no items in the last 7 days to say what that changes.',
    );
    expect((await brief('topics set pricing channel=none')).text).toBe(
      'Topic *pricing*: nudges are off. Turn them on with `/brief topics set pricing channel=#…`.',
    );
    expect(await topic()).toMatchObject({ channelId: null, threshold: null });
  });

  it.each([
    [
      'topics set pricing',
      /^Usage: \/brief topics set &lt;name&gt; channel=&lt;#channel&gt; threshold=&lt;0-1&gt;$/,
    ],
    ['topics set nosuch channel=<#C0TALK|talk>', /^No topic "nosuch"\. The topics are: pricing\.$/],
    ['topics set pricing channel=<@U0BOB|bob>', /^channel= takes a channel/],
    ['topics set pricing channel=talk', /^channel= takes a channel/],
    [
      'topics set pricing channel=#talk',
      /^Slack did not recognise #talk as a channel: pick it from the list/,
    ],
    ['topics set pricing threshold=1.5', /^threshold= takes a number from 0/],
    ['topics set pricing threshold=-0.1', /^threshold= takes a number from 0/],
    ['topics set pricing threshold=high', /^threshold= takes a number from 0/],
    ['topics set pricing threshold=', /^threshold= takes a number from 0/],
    ['topics set pricing threshold=0x1', /^threshold= takes a number from 0/],
    [
      'topics set pricing colour=red',
      /^I don't know "colour"\. Usage:.*`\/brief nudge settings` shows it\.$/,
    ],
  ])('"/brief %s" is refused with what to type, and changes nothing', async (text, expected) => {
    const reply = await brief(text);
    expect(reply.text).toMatch(expected);
    expect(await topic()).toMatchObject({ channelId: null, threshold: null });
    expect(await deps.db.prisma.auditEvent.count({ where: { action: 'topic.set' } })).toBe(0);
  });

  it('says what a new threshold was and would have nudged this week, asks before one that nudges most items, and logs what it was', async () => {
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    const scores = [0.95, 0.7, 0.45, 0.35, 0.1];
    for (const [index, score] of scores.entries()) {
      const itemId = await storeItem(deps, feedId, `p${index}`, `Pricing story ${index}`);
      deps.db.sqlite.prepare('UPDATE items SET controversy = ? WHERE id = ?').run(score, itemId);
    }
    await brief('topics set pricing channel=<#C0TALK|talk> threshold=0.9');
    expect((await brief('topics set pricing threshold=0.4')).text).toBe(
      "Topic *pricing*: nudges go to <#C0TALK> when an item scores 0.4 or more for controversy (was 0.9). At 0.4, 3 of its last 7 days' 5 items would have been nudged (1 at 0.9); `/brief topics test pricing` shows each item's score.",
    );
    for (const [typed, words] of [
      ['threshold=0', 'every new item'],
      ['threshold=0.3', 'most new items'],
    ] as const) {
      const refused = await brief(`topics set pricing ${typed}`);
      expect(refused.text).toContain(`would nudge ${words} on pricing`);
      expect(refused.text).toContain(
        `If that is what you want: \`/brief topics set pricing ${typed} confirm\`. Nothing was changed.`,
      );
      expect(await topic()).toMatchObject({ threshold: 0.4 });
    }
    expect((await brief('topics set pricing threshold=0 confirm')).text).toContain(
      "(was 0.4). At 0, 5 of its last 7 days' 5 items would have been nudged (3 at 0.4)",
    );
    expect(await topic()).toMatchObject({ threshold: 0 });
    expect(shown((await brief('changes topics')) as never)).toContain(
      "set topic pricing's nudges: threshold 0 (was 0.4)",
    );
    const tested = shown((await brief('topics test pricing')) as never);
    expect(tested).toContain('Pricing story 0');
    expect(tested).toContain('· controversy 0.95');
    expect(tested).toContain('· controversy 0.10');
  });

  it('is for admins only', async () => {
    const reply = await brief('topics set pricing channel=<#C0TALK|talk> threshold=0.6', member);
    expect(reply.text).toBe(
      `Sorry, only Briefbot admins can change topics. Ask <@${admin}> or a workspace admin.`,
    );
    expect(await topic()).toMatchObject({ channelId: null, threshold: null });
  });
});

describe('/brief claims and /brief nudge', () => {
  let feedId: number;
  let topicId: number;

  beforeEach(async () => {
    topicId = await createBeat(deps, { experts: [{ userId: 'USME0001' }, { userId: 'USME0002' }] });
    feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  });

  const postedNudge = (guid: string, title: string) =>
    postedNudgeAbout(deps, { feedId, guid, title, topicId });

  it('/brief claims lists my open conversations, oldest claim first, and only mine', async () => {
    expect((await brief('claims', 'USME0001')).text).toBe(
      'You have no open conversations. Claim one from a nudge in a channel, or see those waiting: `/brief nudge list`.',
    );
    // Someone on no beat is told who claims, not to claim.
    expect((await brief('claims', member)).text).toBe(
      'You have no open conversations: they are claimed by the experts on a beat. `/brief sme list` shows who covers what; ask <@UADMIN01> or a workspace admin to put you on a beat.',
    );
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech sued over pricing');
    const theirs = await postedNudge('c', 'Is per-seat pricing dead?');
    const done = await postedNudge('d', 'Globex pricing backlash grows');
    // Holding none while some wait on their beat: what they can take, by number.
    expect((await brief('claims', 'USME0001')).text).toBe(
      `You have no open conversations. 4 conversations on your beats wait for a claim: \`/brief nudge claim ${first}\`, \`/brief nudge claim ${second}\`, \`/brief nudge claim ${theirs}\` (and 1 more). Every one in progress: \`/brief nudge list\`.`,
    );
    await claimNudge(deps, second, 'USME0001');
    deps.clock.advance(60_000);
    await claimNudge(deps, first, 'USME0001');
    await claimNudge(deps, theirs, 'USME0002');
    await claimNudge(deps, done, 'USME0001');
    await markReplied(deps, done, 'USME0001', 'https://social.example/done');
    deps.clock.advance(3 * 3600_000);
    const reply = await brief('claims', 'USME0001');
    expect(reply.text).toBe('You have 2 open conversations');
    const text = shown(reply as never);
    expect(
      text.indexOf(`*${second}* <https://news.example.com/b|Initech sued over pricing>`),
    ).toBeGreaterThan(-1);
    expect(text.indexOf(`*${second}*`)).toBeLessThan(text.indexOf(`*${first}*`));
    expect(text).toContain(`/brief nudge release ${first}`);
    expect(text).toContain('in <#C0TALK>, claimed 3 h ago');
    expect(text).not.toContain('per-seat');
    expect(text).not.toContain('Globex');
    // One left: the notification's text is in the singular.
    await markReplied(deps, first, 'USME0001', 'https://social.example/a');
    expect((await brief('claims', 'USME0001')).text).toBe('You have 1 open conversation');
  });

  it('an expert who replied by email says so instead of a link: recorded, shown, counted, and nothing chases it', async () => {
    deps.clock.set('2026-11-02T09:00:00Z');
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    // Nothing after the number: a link, or how they replied, is asked for; nothing is recorded.
    expect((await brief(`nudge replied ${id}`, 'USME0001')).text).toBe(
      `Paste the link to your reply, starting with https://, or say how you replied where there is no link: \`/brief nudge replied ${id} https://www.linkedin.com/posts/…\` or \`/brief nudge replied ${id} by email\`.`,
    );
    expect(nudgeRow(deps, id).state).toBe('claimed');
    expect(shown((await brief('claims help', 'USME0001')) as never)).toContain(
      'with no link (by email, by phone, in a private forum), say how: `/brief nudge replied &lt;id&gt; by email`',
    );
    deps.sent.length = 0;
    expect((await brief(`nudge replied ${id} by email to the customer <b>`, 'USME0001')).text).toBe(
      `Thank you: your reply to conversation ${id} is recorded (by email to the customer &lt;b&gt;): no reminders or escalation about it any more. Replied by a link after all, or said it wrong? Send the command again with the link or the right words.`,
    );
    const stored = deps.db.sqlite
      .prepare('SELECT state, reply_url AS replyUrl, reply_note AS replyNote FROM nudges WHERE id = ?')
      .get(id);
    expect(stored).toEqual({ state: 'replied', replyUrl: null, replyNote: 'by email to the customer <b>' });
    // The channel's post and the expert's DM say how, where a link would be.
    const post = deps.sent.find((sent) => sent.channel === 'C0TALK');
    expect(shown(post?.message as never)).toContain(
      ':white_check_mark: <@USME0001> replied by email to the customer &lt;b&gt;',
    );
    const dm = deps.sent
      .filter((sent) => sent.channel === 'USME0001')
      .map((sent) => shown(sent.message as never));
    expect(dm.join('\n')).toContain('You replied by email to the customer &lt;b&gt;.');
    expect(shown((await brief(`nudge ${id}`, 'USME0001')) as never)).toContain(
      'was answered by <@USME0001> by email to the customer &lt;b&gt;. Wrong? Give the right words, or the link',
    );
    expect(shown((await brief('nudge list closed', 'USME0001')) as never)).toContain(
      'replied by <@USME0001> by email to the customer &lt;b&gt;',
    );
    // Another note replaces it: "called the customer" reads after a colon.
    expect((await brief(`nudge replied ${id} called the customer`, 'USME0001')).text).toBe(
      `Corrected: the reply to conversation ${id} now says you replied “called the customer”. Nothing more to do.`,
    );
    const redrawn = deps.sent.filter((sent) => sent.channel === 'C0TALK').at(-1);
    expect(shown(redrawn?.message as never)).toContain('<@USME0001> replied: called the customer');
    // Counted as replied, and no reminder, escalation or expiry follows, weeks later.
    expect((await brief('stats @USME0001', member)).text).toContain('1 replied');
    deps.clock.set('2026-11-30T12:00:00Z');
    const after = await followThrough(deps);
    expect(after).toEqual({ reminded: 0, escalated: 0, nudgedClaimants: 0, expired: 0 });
    expect(nudgeRow(deps, id).state).toBe('replied');
    // The change log, and a reopening, keep how they replied.
    const changes = shown((await brief('changes nudges')) as never);
    expect(changes).toContain(`replied to conversation ${id} (by email to the customer &lt;b&gt;)`);
    expect(changes).toContain(
      `corrected the reply to conversation ${id} to called the customer (was by email to the customer &lt;b&gt;)`,
    );
    deps.sent.length = 0;
    await brief(`nudge reopen ${id} needs a public answer`);
    await sendDueDeliveries(deps);
    const told = deps.sent
      .filter((sent) => sent.channel === 'USME0001')
      .map((sent) => shown(sent.message as never));
    expect(told.join('\n')).toContain('which you had replied to (called the customer)');
    expect(deps.db.sqlite.prepare('SELECT reply_note FROM nudges WHERE id = ?').pluck().get(id)).toBeNull();
  });

  it('/brief nudge list: the team’s conversations in progress, by where each one stands', async () => {
    const empty = (await brief('nudge list', member)).text;
    expect(empty).toMatch(/^No conversations yet\. Briefbot asks the experts on a beat/);
    // A bare number is a conversation: the hint asks for an item's link.
    expect(empty).toContain('`/brief nudge &lt;item link&gt;` asks them now');
    expect(empty).not.toContain('or number');
    deps.clock.set('2026-11-02T09:00:00Z');
    const waiting = await postedNudge('a', 'Customers slam Acme pricing');
    const claimed = await postedNudge('b', 'Initech sued over pricing');
    const snoozed = await postedNudge('c', 'Is per-seat pricing dead?');
    const replied = await postedNudge('d', 'Globex pricing backlash grows');
    await claimNudge(deps, claimed, 'USME0001');
    await claimNudge(deps, replied, 'USME0002');
    await markReplied(deps, replied, 'USME0002', 'https://social.example/d');
    await snoozeNudge(deps, snoozed, 'USME0001', new Date('2026-11-03T09:00:00Z'));
    deps.clock.set('2026-11-02T14:00:00Z');
    await followThrough(deps);
    const heldItem = await storeItem(deps, feedId, 'e', 'Acme pricing page changes again');
    const held = createNudge(deps, {
      itemId: heldItem,
      topicId,
      channelId: 'C0TALK',
      reasons: [],
      angle: null,
      requestedBy: null,
    });
    deps.clock.set('2026-11-02T15:00:00Z');

    const reply = await brief('nudge list', member);
    expect(reply.text).toBe(
      'Conversations in progress: 2 waiting for a claim, 1 claimed and awaiting a reply, 1 not posted yet',
    );
    const text = shown(reply as never);
    expect(text).toContain(
      `*${waiting}* <https://news.example.com/a|Customers slam Acme pricing> in <#C0TALK> · pricing · posted 6 h ago · reminded`,
    );
    expect(text).toContain(
      `*${snoozed}* <https://news.example.com/c|Is per-seat pricing dead?> in <#C0TALK> · pricing · posted 6 h ago · snoozed until Tue 3 Nov 09:00 UTC`,
    );
    expect(text).toContain(
      `*${claimed}* <https://news.example.com/b|Initech sued over pricing> in <#C0TALK> · pricing · <@USME0001> claimed it 6 h ago`,
    );
    expect(text).toContain(
      `*${held}* <https://news.example.com/e|Acme pricing page changes again> in <#C0TALK> · pricing · found 1 h ago · posted within a minute`,
    );
    expect(text).not.toContain('Globex');
    expect(text.indexOf('Waiting for a claim (2)')).toBeLessThan(
      text.indexOf('Claimed, awaiting a reply (1)'),
    );
    expect(text.indexOf(`*${waiting}*`)).toBeLessThan(text.indexOf(`*${snoozed}*`));
    expect((await brief('nudges open', member)).text).toBe(reply.text);
    expect((await brief('nudge list open', member)).text).toBe(reply.text);
    expect((await brief('nudges', member)).text).toBe(reply.text);
  });

  it('/brief nudge list names the first ten of a group, counts the rest, and says why some wait', async () => {
    deps.clock.set('2026-11-02T09:00:00Z');
    for (let index = 0; index < 16; index++) await postedNudge(`n${index}`, `Pricing story ${index}`);
    const text = shown((await brief('nudge list')) as never);
    expect(text).toContain('Waiting for a claim (5)');
    expect(text).toContain('Not posted yet (11)');
    expect(text).toContain('Pricing story 14');
    expect(text).not.toContain('Pricing story 15');
    expect(text).toContain('…and 1 more');
    expect(text).toContain('found just now · held until tomorrow: the channel had its 5 nudges today');
  });

  it('/brief nudge item <n> and /brief nudge <link> ask the experts at once, and only once', async () => {
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    const reply = await brief(`nudge item #${itemId}`, 'UEXEC001');
    const [nudge] = nudgeRows(deps);
    expect(reply.text).toBe(
      `Asked the experts in <#C0TALK> to respond (conversation ${nudge?.id}). \`/brief nudge ${nudge?.id}\` shows where it stands.`,
    );
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['C0TALK']);
    expect(shown(deps.sent[0]?.message)).toContain('<@UEXEC001> asked for a response.');
    expect((await brief(`nudge <https://news.example.com/c1>`, 'UEXEC002')).text).toBe(
      `The experts in <#C0TALK> were already asked about this story (conversation ${nudge?.id}). You'll get a DM with the outcome (answered, dismissed or expired); \`/brief nudge ${nudge?.id}\` shows where it stands.`,
    );
    expect(deps.sent).toHaveLength(1);
    expect((await brief('nudge', 'UEXEC001')).text).toMatch(/^Which item\? Usage: \/brief nudge/);
    expect((await brief('nudge item #4242', 'UEXEC001')).text).toMatch(
      /^There is no item with id 4242 \(`#4242` is a story's own id\), so nothing was asked\. Ask first \(`\/brief pricing`\) and use its \*Request a response…\* menu, or give the story's link: `\/brief nudge item &lt;link&gt;`/,
    );
    expect((await brief('nudge item', 'UEXEC001')).text).toMatch(/^Usage: \/brief nudge item /);
  });

  it('an old Request a response on a story removed with its feed says so, and who removed the feed', async () => {
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    expect((await brief(`feeds remove ${feedId} confirm`)).text).toMatch(/Removed feed/);
    const reply = (await brief(`nudge item #${itemId}`, 'UEXEC001')).text;
    expect(reply).toMatch(
      new RegExp(
        `^This story was removed with its feed \\(feed ${feedId}, Example News, removed by <@${admin}> on .+ UTC\\), so there is nothing to ask the experts about\\. Add the feed again \\(\`/brief feeds add https://news.example.com/feed.xml\`\\) or request a response on another story\\.$`,
      ),
    );
    // No conversation of that number: none is hinted at.
    expect(reply).not.toMatch(/conversation/);
    expect(nudgeRows(deps)).toHaveLength(0);
    expect((await brief(`nudge item #${itemId + 100}`, 'UEXEC001')).text).not.toMatch(/conversation/);
  });

  it('a response asked for by hand says why: the reason given, or who picked it', async () => {
    const picked = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    await storeItem(deps, feedId, 'c2', 'Globex cuts prices on Assist AI');
    await brief(`nudge item #${picked}`, 'UEXEC001');
    expect(shown(deps.sent[0]?.message)).toContain(
      '*Why it matters*\\n• <@UEXEC001> picked this story by hand; ask them in its thread why it matters.',
    );
    expect(
      (await brief(`nudge <https://news.example.com/c2> the CEO wants our take & soon`, admin)).text,
    ).toMatch(/^Asked the experts in <#C0TALK> to respond/);
    expect(shown(deps.sent[1]?.message)).toContain(
      `*Why it matters*\\n• <@${admin}>: “the CEO wants our take &amp; soon”`,
    );
    // The claimant's DM carries it too.
    await brief(`nudge claim ${nudgeRows(deps)[1]?.id}`, 'USME0001');
    expect(shown(deps.sent.findLast((sent) => sent.channel === 'USME0001')?.message)).toContain(
      `<@${admin}>: “the CEO wants our take &amp; soon”`,
    );
    // Asked again with a reason: the message keeps what it had, and the reply says where to say it.
    expect((await brief(`nudge item #${picked} it is urgent`, admin)).text).toContain(
      'Your reason was not added to it, as the experts were asked before: say it in its thread.',
    );
    expect(nudgeRows(deps)).toHaveLength(2);
  });

  it.each([
    [
      'nudge reply 1 <https://social.example/r>',
      'Did you mean `/brief nudge replied 1 https://social.example/r`?',
    ],
    ['nudge stats', 'Did you mean `/brief stats 30d`?'],
    // Without "nudge": the command meant, the link intact, no search.
    ['claim 1', 'Did you mean `/brief nudge claim 1`?'],
    ['replied 1 <https://x.com/a>', 'Did you mean `/brief nudge replied 1 https://x.com/a`?'],
    ['Dismiss 2 old news', 'Did you mean `/brief nudge dismiss 2 old news`?'],
    ['nudge -1', '"-1" is not a conversation number'],
    ['nudge 1.5', '"1.5" is not a conversation number'],
    ['nudge claim 1.5', '"1.5" is not a conversation number'],
  ])('"/brief %s" is not read as an item to look for', async (text, expected) => {
    const reply = await brief(text, 'UEXEC001');
    expect(reply.text).toContain(expected);
    expect(nudgeRows(deps)).toHaveLength(0);
  });

  it('verbs said as people say them: "conversation 12" is its number, take, unclaim, give back and done name the verb meant, my claims lists them', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    // Briefbot's own words ("conversation 12") before the number do what the number alone does.
    expect((await brief(`nudge claim conversation ${id}`, 'USME0001')).text).toBe(
      `You claimed conversation ${id}: your DM with Briefbot has what you need.`,
    );
    expect((await brief(`nudge conversation ${id}`, 'USME0001')).text).toContain(
      `Conversation ${id}, <https://news.example.com/a|Customers slam Acme pricing> in <#C0TALK>, is yours`,
    );
    expect((await brief(`claim conversation ${id}`, 'USME0002')).text).toBe(
      `Did you mean \`/brief nudge claim ${id}\`?`,
    );
    // Other words for a verb: the command meant, never an item looked up by "take 1".
    for (const [typed, meant] of <Array<[string, string]>>[
      [`nudge take ${id}`, `/brief nudge claim ${id}`],
      [`take ${id}`, `/brief nudge claim ${id}`],
      [`nudge unclaim ${id}`, `/brief nudge release ${id}`],
      [`nudge give back ${id}`, `/brief nudge release ${id}`],
      [`give it back ${id}`, `/brief nudge release ${id}`],
      [`nudge done ${id} <https://social.example/r>`, `/brief nudge replied ${id} https://social.example/r`],
      [
        `done conversation ${id} <https://social.example/r>`,
        `/brief nudge replied ${id} https://social.example/r`,
      ],
    ])
      expect((await brief(typed, 'USME0001')).text, typed).toContain(`Did you mean \`${meant}\`?`);
    // Followed by other words, such a word is a question, as before.
    const question = await runCommand(deps, {
      userId: 'USME0001',
      channelId: 'C0CHANNEL',
      text: `take ${id} minutes to explain pricing`,
    });
    expect(question.text).not.toContain('Did you mean');
    expect(nudgeRow(deps, id).state).toBe('claimed');
    for (const typed of ['my claims', 'show my conversations', "what's on my plate?", 'what have I claimed'])
      expect((await brief(typed, 'USME0001')).text, typed).toBe('You have 1 open conversation');
  });

  it('a reply link sent without its number names the conversation meant, the link kept, and records nothing', async () => {
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech sued over pricing');
    // Holding none: where the numbers are, the link kept.
    expect((await brief('nudge replied <https://social.example/r>', 'USME0001')).text).toBe(
      'Which conversation? Put its number first: `/brief nudge replied &lt;number&gt; https://social.example/r` (the numbers are in `/brief nudge list`; you hold none now). Nothing was recorded.',
    );
    await claimNudge(deps, first, 'USME0001');
    const one = `Which conversation? Yours is ${first}: \`/brief nudge replied ${first} https://social.example/r\`. Nothing was recorded.`;
    // With "nudge", without it, and as the button's words: never "not a conversation number", never a news search.
    for (const text of [
      'nudge replied <https://social.example/r>',
      'replied <https://social.example/r>',
      'mark replied <https://social.example/r>',
      'Mark as replied https://social.example/r',
    ])
      expect((await brief(text, 'USME0001')).text).toBe(one);
    expect((await brief('mark replied', 'USME0001')).text).toBe(
      `Which conversation? Yours is ${first}: \`/brief nudge replied ${first} &lt;link to your reply&gt;\`. Nothing was recorded.`,
    );
    expect((await brief(`mark replied ${first} <https://social.example/r>`, 'USME0001')).text).toContain(
      `Did you mean \`/brief nudge replied ${first} https://social.example/r\`?`,
    );
    expect((await brief('nudge release', 'USME0001')).text).toBe(
      `Which conversation? Yours is ${first}: \`/brief nudge release ${first}\`. Nothing was done.`,
    );
    await claimNudge(deps, second, 'USME0001');
    expect((await brief('nudge replied https://social.example/r', 'USME0001')).text).toBe(
      `Which conversation? You hold conversations ${first} and ${second} (\`/brief claims\` lists them): put its number first, e.g. \`/brief nudge replied ${first} https://social.example/r\`. Nothing was recorded.`,
    );
    expect(nudgeRows(deps).map((row) => row.state)).toEqual(['claimed', 'claimed']);
  });

  it('who asked for a response is told once when it is replied to, with the link, or dismissed, with why', async () => {
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    await brief(`nudge item #${itemId}`, 'UEXEC001');
    const [nudge] = nudgeRows(deps);
    const id = nudge?.id as number;
    await brief(`nudge claim ${id}`, 'USME0001');
    deps.sent.length = 0;
    await brief(`nudge replied ${id} <https://social.example/r1>`, 'USME0001');
    await brief(`nudge replied ${id} <https://social.example/r2>`, 'USME0001');
    const told = deps.sent.filter((sent) => sent.channel === 'UEXEC001');
    expect(told.map((sent) => sent.message.text)).toEqual([
      `<@USME0001> replied to "Acme publishes its pricing guide for 2027", the conversation you asked for (${id}): https://social.example/r1`,
    ]);
    const other = await storeItem(deps, feedId, 'c2', 'Acme pricing guide, again');
    await brief(`nudge item #${other}`, 'UEXEC001');
    const second = nudgeRows(deps).find((row) => row.id !== id)?.id as number;
    deps.sent.length = 0;
    await brief(`nudge dismiss ${second} old news`, admin);
    expect(deps.sent.filter((sent) => sent.channel === 'UEXEC001').map((sent) => sent.message.text)).toEqual([
      `<@${admin}> dismissed "Acme pricing guide, again", the conversation you asked for (${second}), as not relevant: old news. Disagree? Ask <@UADMIN01> or a workspace admin to reopen it (\`/brief nudge reopen ${second} &lt;why&gt;\`).`,
    ]);
  });

  it('who asked for a response is told how the expert replied when there was no link', async () => {
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    await brief(`nudge item #${itemId}`, 'UEXEC001');
    const id = nudgeRows(deps)[0]?.id as number;
    await brief(`nudge claim ${id}`, 'USME0001');
    deps.sent.length = 0;
    await brief(`nudge replied ${id} by phone with their CFO`, 'USME0001');
    expect(deps.sent.filter((sent) => sent.channel === 'UEXEC001').map((sent) => sent.message.text)).toEqual([
      `<@USME0001> replied to "Acme publishes its pricing guide for 2027", the conversation you asked for (${id}), by phone with their CFO`,
    ]);
  });

  it('an admin who asked for a response and sees it dismissed is told how to reopen it; a member in the same request, whom to ask', async () => {
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    await brief(`nudge item #${itemId}`, admin);
    const [nudge] = nudgeRows(deps);
    const id = nudge?.id as number;
    await brief(`nudge item #${itemId}`, 'UEXEC001');
    deps.sent.length = 0;
    await brief(`nudge dismiss ${id} duplicate of the incident report.`, 'USME0001');
    const told = (who: string) =>
      deps.sent.filter((sent) => sent.channel === who).map((sent) => sent.message.text);
    expect(told(admin)).toEqual([
      `<@USME0001> dismissed "Acme publishes its pricing guide for 2027", the conversation you asked for (${id}), as not relevant: duplicate of the incident report. Disagree? \`/brief nudge reopen ${id} &lt;why&gt;\` asks the experts again.`,
    ]);
    expect(told('UEXEC001')).toEqual([
      `<@USME0001> dismissed "Acme publishes its pricing guide for 2027", the conversation you asked for (${id}), as not relevant: duplicate of the incident report. Disagree? Ask <@UADMIN01> or a workspace admin to reopen it (\`/brief nudge reopen ${id} &lt;why&gt;\`).`,
    ]);
  });

  it('when every expert on the beat is away, the nudge says so and asks the admins; nobody was asked', async () => {
    await deps.db.prisma.sme.updateMany({ data: { awayUntil: new Date('2026-12-01T23:59:59Z') } });
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    const reply = await brief(`nudge item #${itemId}`);
    const [nudge] = nudgeRows(deps);
    expect(reply.text).toBe(
      `Posted conversation ${nudge?.id} in <#C0TALK>, but no expert was asked: the experts on pricing are away (<@USME0001> until Tue 1 Dec (end of day, UTC), <@USME0002> until Tue 1 Dec (end of day, UTC)). Pick someone with the menu on its message.`,
    );
    const posted = shown(deps.sent[0]?.message);
    expect(posted).toContain(
      '*The experts on pricing are away:* <@USME0001> until Tue 1 Dec (end of day, UTC), <@USME0002> until Tue 1 Dec (end of day, UTC). Admins, pick someone for this one (they join the beat):',
    );
    expect(posted).not.toContain('No expert covers');
    // Asked again while it still waits for someone to be picked: not "the experts were already asked";
    // a member can't pick, so they are told the admins will.
    const again = await brief(`nudge item #${itemId}`, 'UEXEC001');
    expect(again.text).toBe(
      `Conversation ${nudge?.id} in <#C0TALK> was already posted about this story, but no expert was asked: the experts on pricing are away (<@USME0001> until Tue 1 Dec (end of day, UTC), <@USME0002> until Tue 1 Dec (end of day, UTC)). Its message asks the admins (<@${admin}>) to pick someone; you'll get a DM with the outcome, and \`/brief nudge ${nudge?.id}\` shows where it stands.`,
    );
    expect((await brief(`nudge item #${itemId}`)).text).toContain(
      'Pick someone with the menu on its message.',
    );
    expect(nudgeRows(deps)).toHaveLength(1);
  });

  it('a member whose request asked no expert is told the admins pick someone, not to use the menu', async () => {
    await deps.db.prisma.sme.updateMany({ data: { awayUntil: new Date('2026-12-01T23:59:59Z') } });
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    const reply = await brief(`nudge item #${itemId}`, member);
    expect(reply.text).toMatch(
      /but no expert was asked: the experts on pricing are away \(.*\)\. Its message asks the admins \(<@UADMIN01>\) to pick someone; you'll get a DM with the outcome/,
    );
    expect(reply.text).not.toContain('menu');
  });

  it('/brief nudge <n> is conversation n, as the lists number them, never item n', async () => {
    await storeItem(deps, feedId, 'x', 'Acme publishes its pricing guide for 2027');
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech sued over pricing');
    // The premise: conversation numbers and item numbers differ.
    expect(nudgeRow(deps, second).itemId).not.toBe(second);
    const before = nudgeRows(deps).length;
    const listed = shown((await brief('nudge list', member)) as never);
    expect(listed).toContain(`*${second}*`);
    expect(listed).not.toContain('reassign');
    expect(shown((await brief('nudge list')) as never)).toContain(
      '`/brief nudge reassign &lt;number&gt; @someone`',
    );
    const waiting = await brief(`nudge ${second}`, member);
    expect(waiting.text).toMatch(
      new RegExp(
        `^Conversation ${second}, .*Initech sued over pricing.* in <#C0TALK>, is waiting for a claim`,
      ),
    );
    // Someone who can't claim is told whom to ask; an expert on the beat, how to take it.
    expect(waiting.text).toContain(
      'The experts on pricing (<@USME0001>, <@USME0002>) can take it: ask them in its thread, or ask <@UADMIN01> or a workspace admin to put you on the beat.',
    );
    expect(waiting.text).not.toContain('nudge claim');
    expect(waiting.text).not.toContain('reassign');
    expect((await brief(`nudge ${second}`, 'USME0001')).text).toContain(
      `Take it: \`/brief nudge claim ${second}\`.`,
    );
    expect((await brief(`nudge ${second}`)).text).toContain(`\`/brief nudge reassign ${second} @someone\``);
    expect(nudgeRows(deps)).toHaveLength(before);
    await claimNudge(deps, first, 'USME0001');
    expect((await brief(`nudge #${first}`, 'USME0001')).text).toContain(
      `is yours (claimed just now). Once you have replied: \`/brief nudge replied ${first} &lt;link to your reply | how you replied&gt;\``,
    );
    expect((await brief(`nudge ${first}`, member)).text).toContain(
      'is claimed by <@USME0001>, who will reply; you can help them in its thread.',
    );
    expect((await brief('nudge 4242', member)).text).toBe(
      'There is no conversation 4242: the numbers are those in `/brief nudge list` and `/brief claims`. To ask the experts about an item, give its link: `/brief nudge &lt;item link&gt;`, or press *Request a response* on an answer.',
    );
  });

  it('a post of a feed Briefbot follows is recorded as the reply once confirmed', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await storeItem(deps, feedId, 'b', 'Our take on pricing, by our expert');
    expect((await brief(`nudge replied ${id} https://news.example.com/b confirm`, 'USME0001')).text).toBe(
      `Nobody had claimed conversation ${id}, so it is yours now, and your reply is recorded (https://news.example.com/b). To correct the link, send the command again with the right one.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'replied', replyUrl: 'https://news.example.com/b' });
  });

  it('/brief nudge claim when the DM cannot be sent: the commands to reply or give it back, here', async () => {
    const id = await postedNudge('dm-fails', 'Customers slam Acme pricing');
    const post = deps.outbox.post;
    deps.outbox.post = async (channel, message, options) => {
      if (channel === 'USME0001') throw new Error('cannot_dm_bot');
      return post(channel, message, options);
    };
    try {
      expect((await brief(`nudge claim ${id}`, 'USME0001')).text).toBe(
        `You claimed conversation ${id}, but I could not send you a DM about it. Once you have replied: \`/brief nudge replied ${id} &lt;link to your reply | how you replied&gt;\`; to give it back: \`/brief nudge release ${id}\`.`,
      );
    } finally {
      deps.outbox.post = post;
    }
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: 'USME0001' });
  });

  it('a mistyped verb gets "did you mean", not an item search', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge calim ${id}`, 'USME0001')).text).toBe(
      `I don't know "/brief nudge calim". Did you mean \`/brief nudge claim ${id}\`? Usage: claim &lt;id&gt; · replied &lt;id&gt; &lt;link, or how you replied&gt; · release &lt;id&gt; · snooze &lt;id&gt; · dismiss &lt;id&gt; &lt;why&gt; · move &lt;id&gt; &lt;topic&gt;.`,
    );
    expect(nudgeRow(deps, id).state).toBe('open');
    expect((await brief('nudge lsit', member)).text).toMatch(
      /^I don't know "\/brief nudge lsit"\. Did you mean `\/brief nudge list`\?/,
    );
  });

  it('/brief nudge claim, replied, snooze and dismiss do what the buttons and forms do', async () => {
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const ts = nudgeRow(deps, first).messageTs;
    deps.sent.length = 0;
    // One line: the DM has the link, the buttons and the commands.
    expect((await brief(`nudge claim ${first}`, 'USME0001')).text).toBe(
      `You claimed conversation ${first}: your DM with Briefbot has what you need.`,
    );
    expect(nudgeRow(deps, first)).toMatchObject({ state: 'claimed', claimantId: 'USME0001' });
    expect(deps.sent.map((sent) => [sent.channel, sent.updates])).toEqual([
      ['C0TALK', ts],
      ['USME0001', undefined],
    ]);
    expect(actionIdsOf(deps.sent[1]?.message ?? { text: '', blocks: [] })).toEqual([
      Action.NudgeMarkReplied,
      Action.NudgeDraft,
      Action.NudgeNotMine,
      Action.NudgeRelease,
    ]);
    expect((await brief(`nudge claim ${first}`, 'USME0002')).text).toBe(
      'Already claimed by <@USME0001>. They will reply; you can help them in the thread.',
    );
    expect((await brief(`nudge replied ${first} linkedin.com`, 'USME0001')).text).toBe(
      `Paste the link to your reply, starting with https://, e.g. \`/brief nudge replied ${first} https://www.linkedin.com/posts/…\``,
    );
    // The story's own link is not a reply; words after the link are refused, not dropped.
    expect(
      (await brief(`nudge replied ${first} <https://social.example/1> extra words here`, 'USME0001')).text,
    ).toBe(
      `Nothing was recorded: give only the link to your reply after the number (I did not read "extra words here"): \`/brief nudge replied ${first} https://social.example/1\`.`,
    );
    expect(
      (
        await brief(
          `nudge replied ${first} <https://social.example/1> <https://social.example/2>`,
          'USME0001',
        )
      ).text,
    ).toBe(
      `Nothing was recorded: send one link, the one to your reply (you sent 2). For the first: \`/brief nudge replied ${first} https://social.example/1\`.`,
    );
    expect((await brief(`nudge replied ${first} <https://news.example.com/a/>`, 'USME0001')).text).toBe(
      "That is the story's link; give the link to your reply.",
    );
    // Shared with a tracking or share parameter, it is still the story.
    for (const link of ['https://news.example.com/a?utm=1', 'https://news.example.com/a/?utm_source=x#top'])
      expect((await brief(`nudge replied ${first} ${link}`, 'USME0001')).text).toBe(
        "That is the story's link; give the link to your reply.",
      );
    // A link with no domain, or another story Briefbot follows, is no reply: refused, saying why.
    expect((await brief(`nudge replied ${first} https://x`, 'USME0001')).text).toBe(
      `That link has no real address after https:// (a domain such as linkedin.com); paste the whole link to your reply, as your browser shows it, e.g. \`/brief nudge replied ${first} https://www.linkedin.com/posts/…\``,
    );
    await storeItem(deps, feedId, 'b', 'Acme raises prices');
    expect((await brief(`nudge replied ${first} http://news.example.com/b`, 'USME0001')).text).toBe(
      `That link is a news story Briefbot follows (“Acme raises prices”, Example News), not a reply, so nothing was recorded. Give the link to your reply; if that post is your reply, send \`/brief nudge replied ${first} http://news.example.com/b confirm\`.`,
    );
    expect(
      (await brief(`nudge replied ${first} https://news.example.com/b?ref=share`, 'USME0001')).text,
    ).toMatch(/^That link is a news story Briefbot follows \(“Acme raises prices”/);
    expect(nudgeRow(deps, first)).toMatchObject({ state: 'claimed', replyUrl: null });
    expect((await brief(`nudge replied ${first} <https://social.example/1>`, 'USME0002')).text).toMatch(
      /^Only <@USME0001>/,
    );
    expect(nudgeRow(deps, first).state).toBe('claimed');
    expect((await brief(`nudge replied ${first} <https://social.example/1>`, 'USME0001')).text).toBe(
      `Thank you: your reply to conversation ${first} is recorded (https://social.example/1). To correct the link, send the command again with the right one.`,
    );
    expect(nudgeRow(deps, first)).toMatchObject({ state: 'replied', replyUrl: 'https://social.example/1' });
    expect(shown(deps.sent.findLast((sent) => sent.channel === 'C0TALK')?.message)).toContain(
      '<@USME0001> replied',
    );
    // A wrong link is corrected by sending it again: only by the claimant (or an admin), audited.
    expect((await brief(`nudge replied ${first} <https://social.example/2>`, 'USME0002')).text).toBe(
      'Only <@USME0001>, who replied, or an admin can correct the link to the reply: ask them, or <@UADMIN01> or a workspace admin.',
    );
    expect((await brief(`nudge replied ${first} <https://social.example/2>`, 'USME0001')).text).toBe(
      `Corrected: the reply to conversation ${first} now links to https://social.example/2. Nothing more to do.`,
    );
    expect(nudgeRow(deps, first)).toMatchObject({ state: 'replied', replyUrl: 'https://social.example/2' });
    expect((await brief(`nudge ${first}`, 'USME0001')).text).toContain(
      `A wrong link? Give the right one: \`/brief nudge replied ${first} &lt;link to your reply&gt;\`.`,
    );
    expect((await brief(`nudge ${first}`, member)).text).toMatch(
      /was answered by <@USME0001>: .*Nothing more to do\.$/,
    );
    expect(shown(deps.sent.at(-1)?.message)).toContain('replied: <https://social.example/2|');
    expect((await nudgeAudit(deps)).at(-1)).toEqual({
      actorId: 'USME0001',
      action: 'nudge.reply_corrected',
      nudgeId: first,
      detail: { from: 'https://social.example/1', to: 'https://social.example/2' },
    });
    // The same link again (a double submit): nothing re-announced, nothing audited.
    const sentBefore = deps.sent.length;
    expect((await brief(`nudge replied ${first} <https://social.example/2>`, 'USME0001')).text).toBe(
      `Already recorded: the reply to conversation ${first} links to https://social.example/2. Nothing changed; to correct the link, send the command again with the right one.`,
    );
    expect(deps.sent.length).toBe(sentBefore);
    expect((await nudgeAudit(deps)).filter((entry) => entry.action === 'nudge.reply_corrected')).toHaveLength(
      1,
    );

    const second = await postedNudge('b', 'Initech sued over pricing');
    expect((await brief(`nudge snooze ${second}`, member)).text).toBe(
      `Sorry, only the experts on pricing (<@USME0001>, <@USME0002>) or an admin can snooze conversation ${second}. Ask <@UADMIN01> or a workspace admin to put you on the beat: \`/brief sme add @UMEMBER1 pricing\`; or ask <@USME0001>, <@USME0002> in its thread.`,
    );
    expect((await brief(`nudge dismiss ${second} Old news, answered last year`, member)).text).toMatch(
      /^Sorry, only the experts on pricing .* can dismiss conversation/,
    );
    expect((await brief(`nudge claim ${second}`, member)).text).toMatch(
      /^Sorry, only the experts on pricing .* can claim conversation/,
    );
    expect(nudgeRow(deps, second)).toMatchObject({ state: 'open', snoozedUntil: null, claimantId: null });
    expect((await brief(`nudge snooze ${second}`, 'USME0002')).text).toBe(
      `Snoozed: no reminders about conversation ${second} until Tue 3 Nov 09:00 UTC. Snoozed by mistake? \`/brief nudge unsnooze ${second}\``,
    );
    expect(nudgeRow(deps, second).snoozedUntil).toBe(Date.parse('2026-11-03T09:00:00Z'));
    expect((await brief(`nudge dismiss ${second}`, 'USME0002')).text).toMatch(
      /^Say why it is not relevant, in a word or a few \(e\.g\. "old news", "duplicate"\)\. E\.g\./,
    );
    expect((await brief(`nudge dismiss ${second} Old news, answered last year`, 'USME0002')).text).toBe(
      `Conversation ${second} is dismissed: Old news, answered last year. Dismissed by mistake? \`/brief nudge reopen ${second}\` brings it back (within a day; after that, ask <@UADMIN01> or a workspace admin).`,
    );
    expect(nudgeRow(deps, second)).toMatchObject({
      state: 'dismissed',
      dismissReason: 'Old news, answered last year',
    });
    // Claiming it after: the one who dismissed it is told they can take it back, as the reply above said.
    expect((await brief(`nudge claim ${second}`, 'USME0002')).text).toBe(
      `Conversation ${second} was dismissed as not relevant by you (Old news, answered last year). To ask the experts after all, reopen it: \`/brief nudge reopen ${second}\` (yours to take back within a day; after that, ask <@UADMIN01> or a workspace admin).`,
    );
    // A day later, it is an admin's to reopen.
    deps.clock.advance(25 * 3600_000);
    expect((await brief(`nudge claim ${second}`, 'USME0002')).text).toBe(
      `Conversation ${second} was dismissed as not relevant by you (Old news, answered last year). To ask the experts after all, ask <@UADMIN01> or a workspace admin to reopen it.`,
    );
    expect((await brief('nudge claim', member)).text).toBe(
      'Usage: /brief nudge claim &lt;id&gt; (numbers in /brief nudge list)',
    );
    expect((await brief('nudge snooze x', member)).text).toMatch(
      /^"x" is not a conversation number: .* Usage: \/brief nudge snooze &lt;id&gt; \[2d \| 12h \| until monday\]$/,
    );
    expect((await brief('nudge claim 999', member)).text).toBe(
      'There is no conversation 999: `/brief nudge list` shows the conversations in progress, `/brief claims` yours.',
    );
  });

  it('/brief nudge reassign (admin): the message and both claimants’ DMs follow', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    const ts = nudgeRow(deps, id).messageTs;
    await claimNudge(deps, id, 'USME0001');
    deps.sent.length = 0;
    const reply = await brief(`nudge reassign ${id} <@USME0002|sam>`);
    expect(reply.text).toBe(
      `Conversation ${id} is now <@USME0002>'s; <@USME0001>, who had it, was told. \`/brief nudge ${id}\` shows where it stands.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: 'USME0002' });
    expect(deps.sent.map((sent) => [sent.channel, sent.updates])).toEqual([
      ['C0TALK', ts],
      ['USME0002', undefined],
      ['USME0001', undefined],
    ]);
    expect(shown(deps.sent[0]?.message)).toContain(`Given to <@USME0002> (by <@${admin}>), who will reply.`);
    expect(deps.sent[2]?.message.text).toBe(
      `<@${admin}> reassigned "Customers slam Acme pricing" to <@USME0002>: you no longer need to reply to it.`,
    );
    expect(actionIdsOf(deps.sent[1]?.message ?? { text: '', blocks: [] })).toEqual([
      Action.NudgeMarkReplied,
      Action.NudgeDraft,
      Action.NudgeNotMine,
      Action.NudgeRelease,
    ]);
    // They did not claim it: the DM says who gave it to them.
    expect(shown(deps.sent[1]?.message)).toContain(`<@${admin}> gave you conversation ${id} just now.`);
    expect(shown(deps.sent[1]?.message)).not.toContain('You claimed this');
    expect((await nudgeAudit(deps)).at(-1)).toMatchObject({
      actorId: admin,
      action: 'nudge.reassign',
      detail: { to: 'USME0002' },
    });
  });

  it('/brief nudge reassign to an expert marked away: refused with the day they are back, done with confirm', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief('sme away <@USME0002> until friday');
    deps.sent.length = 0;
    expect((await brief(`nudge reassign ${id} <@USME0002>`)).text).toBe(
      `<@USME0002> is away until Fri 6 Nov (end of day, UTC), so nothing was changed. Give it to them anyway: \`/brief nudge reassign ${id} @USME0002 confirm\`; or pick someone else (\`/brief sme list\` shows who is in).`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null });
    expect(deps.sent).toEqual([]);
    expect((await brief(`nudge reassign ${id} <@USME0002> confirm`)).text).toBe(
      `Conversation ${id} is now <@USME0002>'s. \`/brief nudge ${id}\` shows where it stands.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: 'USME0002' });
    // Back before the claim expires: their DM has no warning.
    expect(shown(deps.sent.find((sent) => sent.channel === 'USME0002')?.message)).not.toContain(
      'before you are back',
    );
  });

  it('/brief nudge reassign to an expert away past the claim’s expiry: the refusal, the confirmation and their DM say it lapses first', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief('sme away <@USME0002> until in 10 days');
    deps.sent.length = 0;
    expect((await brief(`nudge reassign ${id} <@USME0002>`)).text).toBe(
      `<@USME0002> is away until Thu 12 Nov (end of day, UTC), so nothing was changed. Their claim would expire Mon 9 Nov 09:00 UTC, before they are back. Give it to them anyway: \`/brief nudge reassign ${id} @USME0002 confirm\`; or pick someone else (\`/brief sme list\` shows who is in).`,
    );
    expect((await brief(`nudge reassign ${id} <@USME0002> confirm`)).text).toBe(
      `Conversation ${id} is now <@USME0002>'s. They are away until Thu 12 Nov (end of day, UTC), and the claim expires Mon 9 Nov 09:00 UTC, before they are back; their DM says so. If they cannot reply by then, give it to someone else: \`/brief nudge reassign ${id} @USME0001\` (<@USME0001> covers pricing and is in). \`/brief nudge ${id}\` shows where it stands.`,
    );
    expect(shown(deps.sent.find((sent) => sent.channel === 'USME0002')?.message)).toContain(
      `You are marked away until Thu 12 Nov (end of day, UTC), and this claim expires Mon 9 Nov 09:00 UTC, before you are back: reply before then, or give it back so someone else can: \`/brief nudge release ${id}\`.`,
    );
  });

  it('/brief nudge reassign to an expert away past the expiry: the admin reads the days in their own zone, the expert in theirs', async () => {
    deps.userTimeZones.set(admin, 'America/Los_Angeles');
    deps.userTimeZones.set('USME0002', 'Asia/Singapore');
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief('sme away <@USME0002> until in 10 days');
    deps.sent.length = 0;
    // Singapore's end of Thursday is 08:00 in Los Angeles; the claim's 09:00 UTC is 01:00 there.
    expect((await brief(`nudge reassign ${id} <@USME0002>`)).text).toBe(
      `<@USME0002> is away until Thu 12 Nov 08:00 GMT-8, so nothing was changed. Their claim would expire Mon 9 Nov 01:00 GMT-8, before they are back. Give it to them anyway: \`/brief nudge reassign ${id} @USME0002 confirm\`; or pick someone else (\`/brief sme list\` shows who is in).`,
    );
    expect((await brief(`nudge reassign ${id} <@USME0002> confirm`)).text).toBe(
      `Conversation ${id} is now <@USME0002>'s. They are away until Thu 12 Nov 08:00 GMT-8, and the claim expires Mon 9 Nov 01:00 GMT-8, before they are back; their DM says so. If they cannot reply by then, give it to someone else: \`/brief nudge reassign ${id} @USME0001\` (<@USME0001> covers pricing and is in). \`/brief nudge ${id}\` shows where it stands.`,
    );
    // Their DM: the end of their own Thursday, and the claim's 09:00 UTC as 17:00 in Singapore.
    expect(shown(deps.sent.find((sent) => sent.channel === 'USME0002')?.message)).toContain(
      `You are marked away until Thu 12 Nov (end of day, GMT+8), and this claim expires Mon 9 Nov 17:00 GMT+8, before you are back: reply before then, or give it back so someone else can: \`/brief nudge release ${id}\`.`,
    );
  });

  it('/brief nudge reassign to someone off the beat: theirs, and they join the beat, as the picker does', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    deps.sent.length = 0;
    expect((await brief(`nudge reassign ${id} <@UOTHER001|bo>`)).text).toBe(
      `Conversation ${id} is now <@UOTHER001>'s. They become an expert on the pricing beat too, so they are asked about its next stories (\`/brief sme remove @UOTHER001\` makes them no expert again). \`/brief nudge ${id}\` shows where it stands.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'claimed', claimantId: 'UOTHER001' });
    const beat = await deps.db.prisma.beat.findMany({ where: { sme: { userId: 'UOTHER001' } } });
    expect(beat.map((row) => row.topicId)).toEqual([topicId]);
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['C0TALK', 'UOTHER001']);
    // Their DM says so too: the beat is theirs from now on, not this one conversation only.
    expect(JSON.stringify(deps.sent[1])).toContain(
      'It put you on the pricing beat too, so you are asked about its next stories (`/brief sme list` shows your beats).',
    );
    // On the beat now: a second reassignment says nothing about joining it.
    await brief(`nudge reassign ${id} <@USME0001>`);
    deps.sent.length = 0;
    expect((await brief(`nudge reassign ${id} <@UOTHER001>`)).text).not.toContain('beat');
    expect(JSON.stringify(deps.sent)).not.toContain('It put you on');
    // The undo offered undoes it all: no expert left without a beat.
    await brief('sme remove <@UOTHER001>');
    expect(await deps.db.prisma.sme.findUnique({ where: { userId: 'UOTHER001' } })).toBeNull();
  });

  it('/brief nudge reassign to an expert off its beat: the undo takes them off that beat only', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief('topics add outages outage');
    await brief('sme add <@UOTHER001> outages');
    expect((await brief(`nudge reassign ${id} <@UOTHER001>`)).text).toContain(
      'They join the pricing beat too, so they are asked about its next stories (`/brief sme remove @UOTHER001 pricing` takes them off it).',
    );
  });

  it('/brief undo after a reassign that put someone on the beat gives every step back, and releasing it says they stay on the beat', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge reassign ${id} <@UOTHER001>`);
    expect((await brief('undo')).text).toContain(
      `you reassigned conversation ${id} to <@UOTHER001>. To undo it: \`/brief nudge release ${id}\`, then \`/brief sme remove @UOTHER001\` (they became an expert with it).`,
    );
    expect((await brief(`nudge release ${id}`)).text).toBe(
      `You released <@UOTHER001>'s claim on conversation ${id}; they were told, and it is open for the experts again. <@UOTHER001> is still on the pricing beat, which they joined when given this conversation, so they are asked about its next stories: \`/brief sme remove @UOTHER001\` takes them off it.`,
    );
    // Given back to the expert who held it: the undo gives it back to them, and the beat joined is the only one ended.
    await brief('topics add outages outage');
    await brief('sme add <@UOTHER002> outages');
    await claimNudge(deps, id, 'USME0001');
    await brief(`nudge reassign ${id} <@UOTHER002>`);
    expect((await brief('undo')).text).toContain(
      `To undo it: \`/brief nudge reassign ${id} @USME0001\`, then \`/brief sme remove @UOTHER002 pricing\` (they joined the pricing beat with it).`,
    );
    await brief(`nudge reassign ${id} <@USME0001>`);
    // Held through a reassign to someone already on the beat: nothing said of beats on release.
    expect((await brief(`nudge release ${id}`)).text).not.toContain('beat');
  });

  it('/brief nudge reassign to its claimant: refused, nothing sent, clocks kept', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    deps.sent.length = 0;
    const claimedAt = nudgeRow(deps, id).claimedAt;
    deps.clock.advance(3600_000);
    expect((await brief(`nudge reassign ${id} <@USME0001|sam>`)).text).toBe(
      `Conversation ${id} is already <@USME0001>'s: nothing was sent. \`/brief nudge ${id}\` shows where it stands.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ claimantId: 'USME0001', claimedAt });
    expect(deps.sent).toEqual([]);
  });

  it('/brief nudge replied by an admin for the claimant: says whose reply, and the claimant is told', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    deps.sent.length = 0;
    expect((await brief(`nudge replied ${id} <https://social.example/on-behalf>`)).text).toBe(
      `Recorded <@USME0001>'s reply to conversation ${id} (https://social.example/on-behalf); they were told. To correct the link, send the command again with the right one.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'replied', claimantId: 'USME0001' });
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['C0TALK', 'USME0001']);
    expect(deps.sent[1]?.message.text).toBe(
      `<@${admin}> recorded your reply to "Customers slam Acme pricing" (https://social.example/on-behalf): nothing more to do, and *Mark replied* and *Release* in your DM are no longer needed.`,
    );
  });

  it('/brief nudge reassign: refusals and mistakes', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge reassign ${id} <@USME0002|sam>`, 'USME0001')).text).toMatch(
      /^Sorry, only Briefbot admins can reassign conversations\./,
    );
    expect((await brief(`nudge reassign ${id}`)).text).toBe(
      `To whom? Mention the expert: \`/brief nudge reassign ${id} @someone\`.`,
    );
    expect((await brief(`nudge reassign ${id} <#C0TALK|talk>`)).text).toBe(
      `"&lt;#C0TALK|talk&gt;" is not someone Slack recognised: mention them with @ and pick them from the list Slack shows as you type (\`/brief nudge reassign ${id} @someone\`).`,
    );
    expect((await brief(`nudge reassign ${id} @nobody`)).text).toMatch(
      /^"@nobody" is not someone Slack recognised/,
    );
    // Reassigning to oneself: an admin claims instead.
    expect((await brief(`nudge reassign ${id} <@${admin}>`)).text).toBe(
      `To take conversation ${id} yourself, claim it: \`/brief nudge claim ${id}\` (admins may claim any conversation).`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null });
    // A bare user id, as typed in the console, is a person.
    expect((await brief(`nudge reassign ${id} USME0002`)).text).toBe(
      `Conversation ${id} is now <@USME0002>'s. \`/brief nudge ${id}\` shows where it stands.`,
    );
    await releaseNudge(deps, id, admin, true);
    expect((await brief('nudge reassign 999 <@USME0002|sam>')).text).toBe(
      'There is no conversation 999: `/brief nudge list` shows the conversations in progress, `/brief claims` yours.',
    );
    await claimNudge(deps, id, 'USME0001');
    await markReplied(deps, id, 'USME0001', 'https://social.example/1');
    expect((await brief(`nudge reassign ${id} <@USME0002|sam>`)).text).toBe(
      `Conversation ${id} was already answered by <@USME0001>: nothing more to do. \`/brief nudge ${id}\` shows the reply. To have it done again, reopen it first: \`/brief nudge reopen ${id}\`.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'replied', claimantId: 'USME0001' });
    // Refused before anything changes: someone off the beat is not put on it for a conversation they cannot get.
    expect((await brief(`nudge reassign ${id} <@UOTHER001|bo>`)).text).toMatch(
      new RegExp(`^Conversation ${id} was already answered by <@USME0001>`),
    );
    expect(await deps.db.prisma.sme.findUnique({ where: { userId: 'UOTHER001' } })).toBeNull();
  });

  it('/brief nudge reopen (admin): a finished conversation goes back to the experts, with Claim', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    const ts = nudgeRow(deps, id).messageTs;
    await claimNudge(deps, id, 'USME0001');
    await markReplied(deps, id, 'USME0001', 'https://social.example/1');
    expect((await brief(`nudge reopen ${id}`, 'USME0001')).text).toMatch(
      /^Sorry, only Briefbot admins can reopen conversations\./,
    );
    expect(nudgeRow(deps, id).state).toBe('replied');
    deps.sent.length = 0;
    expect((await brief(`nudge reopen ${id} the reply link is broken`)).text).toBe(
      `Conversation ${id} is open again: its message in <#C0TALK> offers *Claim*, and the experts are reminded from now. <@USME0001>, who had it, was told why. \`/brief nudge reassign ${id} @someone\` gives it to an expert of your choice.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null, replyUrl: null });
    expect(deps.sent.map((sent) => [sent.channel, sent.updates, sent.threadTs])).toEqual([
      ['C0TALK', ts, undefined],
      ['C0TALK', undefined, ts],
      ['USME0001', undefined, undefined],
    ]);
    expect(actionIdsOf(deps.sent[0]?.message ?? { text: '', blocks: [] })).toContain(Action.NudgeClaim);
    // The edit notifies nobody: the thread asks the experts on the beat.
    expect(deps.sent[1]?.message.text).toBe(
      `<@${admin}> reopened this conversation (“the reply link is broken”); it is open again. <@USME0001> <@USME0002>, can one of you take it? Press *Claim* above.`,
    );
    // The expert who had replied: who reopened it, why, and, as the thread asks them, can they take it.
    expect(deps.sent[2]?.message.text).toBe(
      `<@${admin}> reopened "Customers slam Acme pricing" (${id}), which you had replied to. <@${admin}>'s reason for reopening: “the reply link is broken”. It is open for the experts again; your reply still counts in your figures, as a reply you made. Can you take it? Press *Claim* on its message or send \`/brief nudge claim ${id}\`. Questions: ask <@${admin}>.`,
    );
    expect(shown(deps.sent[2]?.message)).toContain(
      '(<https://social.example/1|your reply on social.example>)',
    );
    expect((await nudgeAudit(deps)).at(-1)).toMatchObject({
      actorId: admin,
      action: 'nudge.reopen',
      detail: {
        was: { state: 'replied', claimantId: 'USME0001', replyUrl: 'https://social.example/1' },
        reason: 'the reply link is broken',
      },
    });
    expect((await brief(`nudge reopen ${id}`)).text).toBe(
      `Conversation ${id} is still waiting for a claim, so there is nothing to reopen.`,
    );
    // Lists and the admin's Home tell it from a fresh one: its reply was withdrawn.
    const reopened = `reopened just now by <@${admin}>`;
    expect(shown((await brief('nudge list')) as never)).toContain(`posted just now · ${reopened}`);
    expect(JSON.stringify((await buildHome(deps, admin)).blocks)).toContain(
      `posted just now, waiting for a claim · ${reopened}`,
    );
    // The expert's Home, the list they see first, marks it too.
    expect(JSON.stringify((await buildHome(deps, 'USME0001')).blocks)).toMatch(
      new RegExp(`Customers slam Acme pricing.* · ${reopened} · \\\`/brief nudge claim ${id}\\\``),
    );
    await claimNudge(deps, id, 'USME0002');
    expect(nudgeRow(deps, id).claimantId).toBe('USME0002');
    expect(shown((await brief('nudge list')) as never)).toContain(
      `<@USME0002> claimed it just now · ${reopened}`,
    );
    expect(JSON.stringify((await buildHome(deps, admin)).blocks)).toContain(
      `<@USME0002> claimed it just now · ${reopened}`,
    );
    expect((await brief('nudge reopen', admin)).text).toBe(
      'Usage: /brief nudge reopen &lt;id&gt; [why] (numbers in /brief nudge list)',
    );
  });

  it('/brief nudge reopen tells the expert whose claim had expired, and one who dismissed it unclaimed; not an admin who had it', async () => {
    const expired = await postedNudge('a', 'Customers slam Acme pricing');
    const dismissed = await postedNudge('b', 'Initech sued over pricing');
    const own = await postedNudge('c', 'Is per-seat pricing dead?');
    await claimNudge(deps, expired, 'USME0002');
    await expireNudge(deps, expired);
    await dismissNudge(deps, dismissed, 'USME0001', 'old news');
    await claimNudge(deps, own, admin);
    await expireNudge(deps, own);
    deps.sent.length = 0;
    expect((await brief(`nudge reopen ${expired}`)).text).toContain('<@USME0002>, who had it, was told.');
    const dm = deps.sent.find((sent) => sent.channel === 'USME0002')?.message;
    expect(dm?.text).toMatch(
      new RegExp(
        `^<@${admin}> reopened "Customers slam Acme pricing" \\(${expired}\\), whose claim of yours had expired\\. <@${admin}> gave no reason for reopening\\. It is open for the experts again\\. Can you take it\\?`,
      ),
    );
    deps.sent.length = 0;
    expect((await brief(`nudge reopen ${dismissed} worth a reply after all`)).text).toContain(
      '<@USME0001>, who dismissed it, was told why.',
    );
    expect(deps.sent.find((sent) => sent.channel === 'USME0001')?.message.text).toMatch(
      new RegExp(
        `^<@${admin}> reopened "Initech sued over pricing" \\(${dismissed}\\), which you had dismissed as not relevant \\(old news\\)\\. <@${admin}>'s reason for reopening: “worth a reply after all”\\.`,
      ),
    );
    deps.sent.length = 0;
    expect((await brief(`nudge reopen ${own}`)).text).not.toContain('was told');
    // No DM: only the thread's word that it is open again.
    expect(deps.sent.filter((sent) => !sent.updates && !sent.threadTs)).toEqual([]);
  });

  it('/brief nudge reopen: an expert the thread does not ask (away) is told nothing is needed, and the thread leaves them out', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    await markReplied(deps, id, 'USME0001', 'https://social.example/1');
    await deps.db.prisma.sme.update({
      where: { userId: 'USME0001' },
      data: { awayUntil: new Date(deps.clock.now().getTime() + 7 * 24 * 3600_000) },
    });
    deps.sent.length = 0;
    await brief(`nudge reopen ${id} need fuller answer`);
    const thread = deps.sent.find((sent) => sent.threadTs)?.message.text;
    expect(thread).toContain('<@USME0002>, can you take it?');
    expect(thread).not.toContain('<@USME0001>');
    expect(deps.sent.find((sent) => sent.channel === 'USME0001')?.message.text).toContain(
      `<@${admin}>'s reason for reopening: “need fuller answer”. It is open for the experts again; your reply still counts in your figures, as a reply you made. Nothing is needed from you; to take it again,`,
    );
  });

  it('/brief nudge reopen tells the claimant whose own dismissal it overrules', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    await brief(`nudge dismiss ${id} not our product`, 'USME0001');
    deps.sent.length = 0;
    expect((await brief(`nudge reopen ${id} it is ours`)).text).toContain(
      '<@USME0001>, who had it, was told why.',
    );
    expect(deps.sent.find((sent) => sent.channel === 'USME0001')?.message.text).toMatch(
      new RegExp(
        `^<@${admin}> reopened "Customers slam Acme pricing" \\(${id}\\), which you had dismissed as not relevant \\(not our product\\)\\. <@${admin}>'s reason for reopening: “it is ours”\\. It is open for the experts again\\. Can you take it\\?`,
      ),
    );
    // Reopened without a reason: their own reason stays theirs, and the missing one is said apart.
    await claimNudge(deps, id, 'USME0001');
    await brief(`nudge dismiss ${id} duplicate of postmortem`, 'USME0001');
    deps.clock.advance(60_000);
    deps.sent.length = 0;
    await brief(`nudge reopen ${id}`);
    expect(deps.sent.find((sent) => sent.channel === 'USME0001')?.message.text).toMatch(
      new RegExp(
        `\\(${id}\\), which you had dismissed as not relevant \\(duplicate of postmortem\\)\\. <@${admin}> gave no reason for reopening\\. It is open`,
      ),
    );
  });

  it('/brief nudge reopen tells the claimant whose claim an admin had dismissed, as a reopened reply does', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    await brief(`nudge dismiss ${id} handled by PR team`);
    deps.sent.length = 0;
    expect((await brief(`nudge reopen ${id}`)).text).toContain('<@USME0001>, who had it, was told.');
    expect(deps.sent.find((sent) => sent.channel === 'USME0001' && !sent.updates)?.message.text).toMatch(
      new RegExp(
        `^<@${admin}> reopened "Customers slam Acme pricing" \\(${id}\\), which you had claimed before <@${admin}> dismissed it as not relevant \\(handled by PR team\\)\\. <@${admin}> gave no reason for reopening\\. It is open for the experts again\\. Can you take it\\?`,
      ),
    );
  });

  it('a conversation an admin gave an expert is said as given, not claimed, when dismissed and reopened', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge reassign ${id} <@USME0001>`);
    deps.sent.length = 0;
    await brief(`nudge dismiss ${id} handled by PR team`);
    expect(deps.sent.find((sent) => sent.channel === 'USME0001' && !sent.updates)?.message.text).toBe(
      `<@${admin}> dismissed "Customers slam Acme pricing", which they had given you, as not relevant (handled by PR team): you no longer need to reply.`,
    );
    deps.sent.length = 0;
    await brief(`nudge reopen ${id}`);
    expect(deps.sent.find((sent) => sent.channel === 'USME0001' && !sent.updates)?.message.text).toMatch(
      new RegExp(
        `^<@${admin}> reopened "Customers slam Acme pricing" \\(${id}\\), which <@${admin}> had given you, then dismissed as not relevant \\(handled by PR team\\)\\. <@${admin}> gave no reason for reopening\\.`,
      ),
    );
  });

  it('/brief nudge reopen on a topic nobody covers promises no reminders: add an expert or reassign', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await dismissNudge(deps, id, admin, 'duplicate');
    await brief('sme remove <@USME0001>');
    await brief('sme remove <@USME0002>');
    expect((await brief(`nudge reopen ${id}`)).text).toBe(
      `Conversation ${id} is open again: its message in <#C0TALK> offers *Claim*. Nobody is reminded, as no expert covers pricing yet: add an expert (\`/brief sme add @someone pricing\`) or give it to someone: \`/brief nudge reassign ${id} @someone\`.`,
    );
  });

  it('/brief nudge reopen with the only expert of the topic away names them, in the singular', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await dismissNudge(deps, id, admin, 'duplicate');
    await brief('sme remove <@USME0002>');
    await brief('sme away <@USME0001> until friday');
    expect((await brief(`nudge reopen ${id}`)).text).toContain(
      'Nobody is reminded, as the expert on pricing is away (<@USME0001> until Fri 6 Nov (end of day, UTC)): add an expert',
    );
  });

  it('a reopened conversation shows its earlier outcome, and the log keeps the link and the reason', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0002');
    await brief(`nudge replied ${id} https://social.example/x2`, 'USME0002');
    await brief(`nudge reopen ${id} need fuller answer`);
    expect((await brief(`nudge ${id}`)).text).toContain(
      `\nEarlier: replied by <@USME0002> (https://social.example/x2), reopened by <@${admin}>: “need fuller answer”.`,
    );
    const log = JSON.stringify((await brief('changes nudges')).blocks);
    expect(log).toContain(
      `<@${admin}> reopened conversation ${id} (it was replied by <@USME0002> (https://social.example/x2)): “need fuller answer”`,
    );
    expect(log).toContain(`<@USME0002> replied to conversation ${id} (https://social.example/x2)`);
  });

  it('the only expert available releases: the thread asks the admins, not the one who gave it back', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await deps.db.prisma.sme.update({
      where: { userId: 'USME0002' },
      data: { awayUntil: new Date(deps.clock.now().getTime() + 7 * 24 * 3600_000) },
    });
    await brief(`nudge claim ${id}`, 'USME0001');
    const dm = deps.sent.findLast((sent) => sent.channel === 'USME0001' && !sent.updates);
    const dmTs = `${1_700_000_000 + deps.sent.indexOf(dm as never) + 1}.000100`;
    deps.sent.length = 0;
    // Never "open for the experts again" when no other expert is there to take it.
    expect((await brief(`nudge release ${id}`, 'USME0001')).text).toBe(
      `You released conversation ${id}. Nobody but you covers pricing, so nobody else is reminded: ask <@UADMIN01> or a workspace admin to give it to someone.`,
    );
    // Nor in their claim DM, closed as they released it.
    const closed = deps.sent.find((sent) => sent.channel === 'USME0001' && sent.updates === dmTs);
    expect(shown(closed?.message)).toContain(
      `You released conversation ${id}, and you no longer need to reply. Nobody else is available on its beat, so the admins are asked to give it to someone.`,
    );
    const notice = deps.sent.find((sent) => sent.threadTs);
    const onlyOne = `<@${admin}>: <@USME0001> is the only expert available on pricing, so reassign it (\`/brief nudge reassign ${id} @someone\`) or add an expert (\`/brief sme add @someone pricing\`).`;
    expect(notice?.message.text).toBe(`<@USME0001> released this conversation; it is open again. ${onlyOne}`);
    // The redrawn message tells the same story: it asks the admins, not the expert who gave it back.
    const redrawn = shown(deps.sent.find((sent) => sent.updates)?.message);
    expect(redrawn).toContain(
      `*<@USME0001>, the only expert on pricing, no longer has it.* Admins, reassign it (\`/brief nudge reassign ${id} @someone\`) or add an expert (\`/brief sme add @someone pricing\`); <@USME0001> can still take it back with *Claim*.`,
    );
    expect(redrawn).not.toContain('can you take it?');
    // An admin releasing the only expert's claim: that expert, told they need not reply, is not asked again.
    deps.clock.advance(60_000);
    await claimNudge(deps, id, 'USME0001');
    deps.sent.length = 0;
    expect((await brief(`nudge release ${id}`)).text).toBe(
      `You released <@USME0001>'s claim on conversation ${id}; they were told. Nobody but <@USME0001> covers pricing, so nobody else is reminded: give it to someone (\`/brief nudge reassign ${id} @someone\`) or add an expert (\`/brief sme add @someone pricing\`).`,
    );
    expect(deps.sent.find((sent) => sent.threadTs)?.message.text).toBe(
      `<@${admin}> released <@USME0001>'s claim on this conversation; it is open again. ${onlyOne}`,
    );
    expect(shown(deps.sent.find((sent) => sent.updates)?.message)).not.toContain('can you take it?');
    // Back from away, a second expert is there to ask: the message asks the experts again.
    await deps.db.prisma.sme.update({ where: { userId: 'USME0002' }, data: { awayUntil: null } });
    await refreshNudgeMessage(deps, id);
    expect(shown(deps.sent.at(-1)?.message)).toContain('can one of you take it?');
  });

  it("the thread's word on a release Slack refuses for now is sent again by the background cycle; dropped once claimed", async () => {
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech sued over pricing');
    for (const id of [first, second]) await claimNudge(deps, id, 'USME0001');
    const post = deps.outbox.post;
    deps.outbox.post = async (channel, message, options) => {
      if (options?.threadTs) throw new PostError('http_503', false);
      return post(channel, message, options);
    };
    await brief(`nudge release ${first}`, 'USME0001');
    await brief(`nudge release ${second}`, 'USME0001');
    deps.outbox.post = post;
    await claimNudge(deps, second, 'USME0002');
    deps.sent.length = 0;
    deps.clock.advance(60_000);
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(deps.sent.map((sent) => [sent.channel, sent.threadTs])).toEqual([
      ['C0TALK', nudgeRow(deps, first).messageTs],
    ]);
    expect(deps.sent[0]?.message.text).toContain('<@USME0001> released this conversation; it is open again.');
  });

  it('the reopening DM Slack refuses for now is sent again by the background cycle; dropped if the conversation is finished again first', async () => {
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech sued over pricing');
    for (const id of [first, second]) {
      await claimNudge(deps, id, 'USME0001');
      await markReplied(deps, id, 'USME0001', `https://social.example/${id}`);
    }
    const post = deps.outbox.post;
    deps.outbox.post = async (channel, message, options) => {
      if (channel === 'USME0001') throw new PostError('http_503', false);
      return post(channel, message, options);
    };
    await brief(`nudge reopen ${first}`);
    await brief(`nudge reopen ${second}`);
    deps.outbox.post = post;
    await dismissNudge(deps, second, 'USME0002', 'answered elsewhere');
    deps.sent.length = 0;
    deps.clock.advance(60_000);
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['USME0001']);
    expect(deps.sent[0]?.message.text).toContain(`(${first}), which you had replied to`);
    deps.clock.advance(3600_000);
    expect(await sendDueDeliveries(deps)).toBe(0);
  });

  it("an expert's snooze is confirmed in their own time zone; /brief nudge <n> says it is snoozed, by whom, until when", async () => {
    deps.userTimeZones.set('USME0001', 'America/New_York');
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge snooze ${id}`, 'USME0001')).text).toBe(
      `Snoozed: no reminders about conversation ${id} until Tue 3 Nov 04:00 GMT-5. Snoozed by mistake? \`/brief nudge unsnooze ${id}\``,
    );
    // The channel's line stays in the workspace's time zone, for everyone.
    expect(shown(deps.sent.at(-1)?.message)).toContain('Snoozed until Tue 3 Nov 09:00 UTC by <@USME0001>');
    expect((await brief(`nudge ${id}`, 'USME0002')).text).toBe(
      `Conversation ${id}, <https://news.example.com/a|Customers slam Acme pricing> in <#C0TALK>, is waiting for a claim (posted just now; snoozed by <@USME0001> until Tue 3 Nov 09:00 UTC, no reminders until then). Take it: \`/brief nudge claim ${id}\`.`,
    );
    deps.clock.set('2026-11-03T09:00:00Z');
    expect((await brief(`nudge ${id}`, 'USME0002')).text).not.toContain('snoozed');
  });

  it('/brief nudge <n> says what the follow-through did, as nudge list does, and who reopened it and when', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    deps.db.sqlite.prepare('UPDATE nudges SET reminded_at = ?, escalated_at = ? WHERE id = ?').run(1, 2, id);
    expect((await brief(`nudge ${id}`, 'USME0002')).text).toContain(
      'is waiting for a claim (posted just now; escalated to the admins).',
    );
    expect(JSON.stringify((await brief('nudge list')).blocks)).toContain(
      'posted just now · escalated to the admins',
    );
    await expireNudge(deps, id);
    deps.clock.set('2026-11-03T10:00:00Z');
    await brief(`nudge reopen ${id}`);
    deps.clock.set('2026-11-03T10:05:00Z');
    expect((await brief(`nudge ${id}`, 'USME0002')).text).toContain(
      `is waiting for a claim (posted 25 h ago; reopened 5 min ago by <@${admin}>).`,
    );
  });

  it('/brief nudge replied on a conversation nobody claimed: an expert on its beat claims it with the link; anyone else is told who can', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge replied ${id} https://social.example/r`, member)).text).toMatch(
      new RegExp(
        `^Sorry, only the experts on pricing .* or an admin can record a reply to conversation ${id}\\.`,
      ),
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null });
    expect((await brief(`nudge replied ${id} https://social.example/r`, 'USME0002')).text).toBe(
      `Nobody had claimed conversation ${id}, so it is yours now, and your reply is recorded (https://social.example/r). To correct the link, send the command again with the right one.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({
      state: 'replied',
      claimantId: 'USME0002',
      replyUrl: 'https://social.example/r',
    });
    expect((await nudgeAudit(deps)).slice(-2).map((event) => [event.actorId, event.action])).toEqual([
      ['USME0002', 'nudge.claim'],
      ['USME0002', 'nudge.reply'],
    ]);
    expect(shown(deps.sent.at(-1)?.message)).toContain('<@USME0002> replied: <https://social.example/r|');
  });

  it('/brief nudge help shows the admins their verbs, and tells everyone else in one line that admins can do more', async () => {
    const adminHelp = JSON.stringify(await brief('nudge help'));
    expect(adminHelp).toContain('nudge reassign &lt;id&gt; &lt;@user&gt;');
    expect(adminHelp).toContain('`/brief nudge reopen 12`');
    expect(adminHelp).not.toContain('Admins can also');
    expect(adminHelp).toContain(
      'nudge snooze &lt;id&gt; [2d|12h|1w|until monday|until 9am] · nudge unsnooze &lt;id&gt;',
    );
    const expertHelp = JSON.stringify(await brief('help nudge', 'USME0001'));
    expect(expertHelp).not.toMatch(/reassign|nudge reopen/);
    expect(expertHelp).toContain('`/brief nudge release 12` — give one back');
    expect(expertHelp).toContain(
      'nudge release &lt;id&gt; · nudge snooze &lt;id&gt; [2d|12h|1w|until monday|until 9am]',
    );
    expect(expertHelp).toContain('nudge unsnooze &lt;id&gt;');
    // Going away is how an expert stops nudges for a while: said where they look for nudges.
    expect(expertHelp).toContain('Going away? `/brief sme away me until 2026-12-01`');
    expect(expertHelp).toContain(
      "Admins can also give a conversation to an expert, reopen a finished one and release anyone's claim: ask <@UADMIN01> or a workspace admin.",
    );
    // Someone on no beat: no claim verbs in full, and how to get a beat.
    const memberHelp = JSON.stringify(await brief('help nudge', member));
    expect(memberHelp).toContain(
      '*In full:* nudge &lt;item link&gt; · nudge item &lt;number&gt; · nudge list · nudge &lt;id&gt; · nudge settings · claims · stats',
    );
    expect(memberHelp).not.toContain('nudge claim &lt;id&gt;');
    expect(memberHelp).toContain('ask <@UADMIN01> or a workspace admin to put you on one');
  });

  it('a claim on a conversation someone holds: the state first, for anyone; an admin is offered reassign and release', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    expect((await brief(`nudge claim ${id}`, member)).text).toBe(
      'Already claimed by <@USME0001>. They will reply; you can help them in the thread.',
    );
    expect((await brief(`nudge claim ${id}`)).text).toBe(
      `Already claimed by <@USME0001>, who will reply. To take it over: \`/brief nudge reassign ${id} @someone\` gives it to another expert (you included), \`/brief nudge release ${id}\` opens it to all.`,
    );
    await markReplied(deps, id, 'USME0001', 'https://social.example/1');
    expect((await brief(`nudge reassign ${id} <@USME0002>`)).text).toBe(
      `Conversation ${id} was already answered by <@USME0001>: nothing more to do. \`/brief nudge ${id}\` shows the reply. To have it done again, reopen it first: \`/brief nudge reopen ${id}\`.`,
    );
  });

  it('an expert on the beat who asks for a response is told to take it, and that they hear the outcome otherwise', async () => {
    const itemId = await storeItem(deps, feedId, 'c3', 'Acme raises pricing again');
    const asked = (await brief(`nudge item #${itemId}`, 'USME0001')).text;
    const [nudge] = nudgeRows(deps);
    const id = nudge?.id as number;
    expect(asked).toContain(
      `You cover pricing: take it with \`/brief nudge claim ${id}\`; if another expert does, you'll get a DM with the outcome.`,
    );
    expect((await brief(`nudge item #${itemId}`, 'USME0002')).text).toBe(
      `The experts in <#C0TALK> were already asked about this story (conversation ${id}). You cover pricing: take it with \`/brief nudge claim ${id}\`; if another expert does, you'll get a DM with the outcome.`,
    );
    // As promised: USME0002 replies, USME0001 hears it; reopened, USME0001 hears that once, not twice.
    await brief(`nudge claim ${id}`, 'USME0002');
    deps.sent.length = 0;
    await brief(`nudge replied ${id} <https://social.example/r2>`, 'USME0002');
    expect(deps.sent.filter((sent) => sent.channel === 'USME0001').map((sent) => sent.message.text)).toEqual([
      `<@USME0002> replied to "Acme raises pricing again", the conversation you asked for (${id}): https://social.example/r2`,
    ]);
    deps.sent.length = 0;
    await brief(`nudge reopen ${id}`);
    expect(deps.sent.filter((sent) => sent.channel === 'USME0002')).toHaveLength(1);
  });

  it('asking again about a finished story says how it finished; an admin gets the reopen command', async () => {
    const itemId = await storeItem(deps, feedId, 'c4', 'Acme pricing page redesigned');
    await brief(`nudge item #${itemId}`, member);
    const id = nudgeRows(deps)[0]?.id as number;
    await brief(`nudge dismiss ${id} covered by PR already`, 'USME0001');
    expect((await brief(`nudge item #${itemId}`)).text).toBe(
      `The experts in <#C0TALK> were already asked about this story (conversation ${id}). Conversation ${id} was dismissed as not relevant by <@USME0001> (covered by PR already). To ask the experts after all, reopen it: \`/brief nudge reopen ${id}\`.`,
    );
    expect((await brief(`nudge item #${itemId}`, 'UEXEC009')).text).toContain(
      'To ask the experts after all, ask <@UADMIN01> or a workspace admin to reopen it.',
    );
  });

  it('a response asked for in quiet hours is posted at once, and the reply says so and when reminders start', async () => {
    Object.assign(deps.config, { NUDGE_QUIET_HOURS: '20:00-08:00', BUSINESS_HOURS: '09:00-18:00' });
    // Friday 21:30 UTC: the next working hours are Monday's.
    deps.clock.set('2026-11-06T21:30:00Z');
    const itemId = await storeItem(deps, feedId, 'c5', 'Acme pricing: the late-night backlash');
    const { text: reply, blocks } = await brief(`nudge item #${itemId}`);
    // On a phone: what happened and what to do in one line; when they are asked, in a smaller line below.
    const [lead, detail] = blocks as Array<{
      type: string;
      text?: { text: string };
      elements?: Array<{ text: string }>;
    }>;
    expect(lead?.text?.text).toMatch(
      /^Asked the experts in <#C0TALK> to respond \(conversation \d+\); nobody is pinged now, as it is outside their working hours\. `\/brief nudge \d+` shows where it stands\.$/,
    );
    expect(detail?.type).toBe('context');
    expect(detail?.elements?.[0]?.text).toBe(
      '<@USME0001>, <@USME0002> (UTC) get a DM at 09:00 their time on Mon 9 Nov, unless someone claims it first. Quiet hours now (20:00-08:00 UTC): posted anyway, as you asked; reminders count working hours (09:00-18:00) from Mon 9 Nov 09:00 UTC.',
    );
    expect(reply).toContain('Quiet hours now (20:00-08:00 UTC)');
    // Posted once; outside its expert's working hours, it is then redrawn to name them (an edit pings nobody).
    expect(deps.sent.filter((sent) => !sent.updates).map((sent) => sent.channel)).toEqual(['C0TALK']);
    deps.clock.set('2026-11-09T10:00:00Z');
    const other = await storeItem(deps, feedId, 'c6', 'Acme pricing: the morning after');
    expect((await brief(`nudge item #${other}`)).text).not.toContain('quiet hours');
  });

  it('reopened or unsnoozed outside working hours, the reply says reminders count from when working hours start, as the nudge does', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    await markReplied(deps, id, 'USME0001', 'https://social.example/1');
    // Friday 19:30 UTC: the next working hours are Monday's.
    deps.clock.set('2026-11-06T19:30:00Z');
    expect((await brief(`nudge reopen ${id}`)).text).toContain(
      'offers *Claim*, and its reminders count working hours only (09:00-18:00, weekdays), from Mon 9 Nov 09:00 UTC.',
    );
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge snooze ${id} 3d`, 'USME0001');
    const before = deps.sent.length;
    expect((await brief(`nudge unsnooze ${id}`)).text).toContain(
      'its reminders count working hours only (09:00-18:00, weekdays), from Mon 9 Nov 09:00 UTC.',
    );
    expect(deps.sent.slice(before).find((sent) => sent.channel === 'USME0001')?.message.text).toContain(
      'your reminder to reply counts working hours only (09:00-18:00, weekdays), from Mon 9 Nov 09:00 UTC.',
    );
    // In working hours, from now.
    deps.clock.set('2026-11-09T10:00:00Z');
    await brief(`nudge snooze ${id} 1d`, 'USME0001');
    expect((await brief(`nudge unsnooze ${id}`, 'USME0001')).text).toBe(
      `Conversation ${id} is no longer snoozed: its reminders count from now.`,
    );
  });

  it("a response asked for beyond the channel's daily limit is posted, and the reply says it is past the limit", async () => {
    Object.assign(deps.config, { NUDGE_DAILY_LIMIT: 2 });
    const replies: string[] = [];
    for (const key of ['d1', 'd2', 'd3']) {
      const itemId = await storeItem(deps, feedId, key, `Acme pricing, take ${key}`);
      replies.push((await brief(`nudge item #${itemId}`)).text);
    }
    expect(replies[1]).not.toContain('limit');
    expect(replies[2]).toContain(
      "It is the 3rd conversation in <#C0TALK> today, beyond the channel's limit of 2 a day: posted as you asked.",
    );
    expect(nudgeRows(deps).filter((row) => row.messageTs)).toHaveLength(3);
  });

  it('the expert who replied is told how to correct the link or have it reopened, when they try to dismiss or release it', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0002');
    await markReplied(deps, id, 'USME0002', 'https://social.example/direct');
    const mistake = `You already answered conversation ${id}: \`/brief nudge ${id}\` shows your reply. Recorded by mistake? Correct the link with \`/brief nudge replied ${id} &lt;link&gt;\`, or ask <@UADMIN01> or a workspace admin to reopen it: \`/brief nudge reopen ${id}\`.`;
    expect((await brief(`nudge dismiss ${id} oops`, 'USME0002')).text).toBe(mistake);
    expect((await brief(`nudge release ${id}`, 'USME0002')).text).toBe(mistake);
    // Another expert is told whose reply it is, as before.
    expect((await brief(`nudge release ${id}`, 'USME0001')).text).toMatch(
      /was already answered by <@USME0002>/,
    );
  });

  it('/brief nudge release: the claimant, or an admin; nobody else', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    expect((await brief(`nudge release ${id}`, 'USME0002')).text).toBe(
      `Only <@USME0001>, who claimed this conversation, or an admin can release it. Ask them in its thread; <@UADMIN01> or a workspace admin can also reassign it.`,
    );
    expect(nudgeRow(deps, id).state).toBe('claimed');
    expect((await brief(`nudge release ${id}`, 'USME0001')).text).toBe(
      `You released conversation ${id}; it is open for the experts again.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null });
    // Their own release: nobody is DMed.
    expect(deps.sent.filter((sent) => sent.channel.startsWith('U'))).toEqual([]);
    await claimNudge(deps, id, 'USME0002');
    expect((await brief(`nudge release ${id}`, admin)).text).toBe(
      `You released <@USME0002>'s claim on conversation ${id}; they were told, and it is open for the experts again.`,
    );
    expect(nudgeRow(deps, id).state).toBe('open');
    const told = deps.sent.filter((sent) => sent.channel.startsWith('U'));
    expect(told.map((sent) => sent.channel)).toEqual(['USME0002']);
    expect(told[0]?.message.text).toMatch(
      new RegExp(
        `^<@${admin}> released your claim on "Customers slam Acme pricing.*/brief nudge claim ${id}\``,
      ),
    );
    expect((await brief('nudge release x', admin)).text).toMatch(
      /^"x" is not a conversation number: .* Usage: \/brief nudge release &lt;id&gt;$/,
    );
  });
});

describe('/brief stats', () => {
  it('says so when there were no nudges', async () => {
    expect((await brief('stats')).text).toBe('No conversations in the last 30 days.');
  });

  it('says why when no topic has a channel for its nudges, and the command that starts them', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add acme acme kind=company');
    const none =
      'No topic has a channel for its nudges yet, so Briefbot asks the experts only when someone requests a response. To have it ask on its own: `/brief topics set acme channel=#market-talk` (`/brief nudge settings` shows the whole policy).';
    expect((await brief('stats')).text).toBe(`No conversations in the last 30 days. ${none}`);
    expect((await brief('stats 7d')).text).toBe(`No conversations in the last 7 days. ${none}`);
    // One topic with a channel: nudges can come, so the empty figures are only empty.
    await createBeat(deps, { name: 'outages', query: 'outage' });
    expect((await brief('stats')).text).toBe('No conversations in the last 30 days.');
  });

  it('gives an expert asked who did nothing a row: what waits on them and what lapsed', async () => {
    const topicId = await createBeat(deps, {
      experts: [{ userId: 'USME0001' }, { userId: 'USME0002', awayUntil: new Date('2099-01-01') }],
    });
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    await postedNudgeAbout(deps, { feedId, guid: 'a', title: 'Customers slam Acme pricing', topicId });
    const lapsed = await postedNudgeAbout(deps, {
      feedId,
      guid: 'b',
      title: 'Initech raises prices',
      topicId,
    });
    await expireNudge(deps, lapsed);
    const line = 'asked 2 · 0 claimed · 1 waiting on them · 1 lapsed';
    const stats = shown((await brief('stats')) as never);
    expect(stats).toContain(`*By expert*\\n<@USME0001>: ${line}`);
    // Away, they are not the one it waits on.
    expect(stats).not.toContain('<@USME0002>: asked 2');
    expect((await brief('stats @USME0001', member)).text).toBe(
      `Responses for <@USME0001>, last 30 days: ${line}`,
    );
    expect((await brief('stats me', 'USME0001')).text).toBe(
      'Responses for <@USME0001>, last 30 days: asked 2 · 0 claimed · 1 waiting on you · 1 lapsed',
    );
    expect(JSON.stringify((await buildHome(deps, admin)).blocks)).toContain(`<@USME0001>: ${line}`);
  });

  it('splits what is in progress in the words of `nudge list`: nobody to ask apart from waiting for a claim', async () => {
    const pricing = await createBeat(deps, { experts: [{ userId: 'USME0001' }] });
    const outages = await createBeat(deps, { name: 'outages', query: 'outage*', channelId: 'C0OPS' });
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    await postedNudgeAbout(deps, {
      feedId,
      guid: 'a',
      title: 'Customers slam Acme pricing',
      topicId: pricing,
    });
    await postedNudgeAbout(deps, { feedId, guid: 'b', title: 'Umbrella outage', topicId: outages });
    const split = '1 with nobody to ask, 1 waiting for a claim';
    expect((await brief('nudge list')).text).toBe(`Conversations in progress: ${split}`);
    const stats = shown((await brief('stats')) as never);
    expect(stats).toContain(`2 in progress (${split})`);
    expect(stats).toContain(
      'outages: 1 conversation · 0 claimed · 0 replied (none finished yet) · 1 in progress (1 with nobody to ask)',
    );
    expect(stats).toContain(
      'pricing: 1 conversation · 0 claimed · 0 replied (none finished yet) · 1 in progress (1 waiting for a claim)',
    );
  });

  it('says why the expert rows are empty when no expert was asked or acted', async () => {
    const topicId = await createBeat(deps);
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    await nudgeAbout(deps, { feedId, guid: 'a', title: 'Customers slam Acme pricing', topicId });
    await postPendingNudges(deps);
    expect(shown((await brief('stats')) as never)).toContain(
      '*By expert*\\nNone yet: no expert has claimed, replied to or dismissed one.',
    );
  });

  it('7d: time to claim, time to reply and share replied, overall, per expert and per topic', async () => {
    await createResponseHistory(deps);
    const reply = await brief('stats 7d', member);
    expect(reply.text).toBe(
      'Responses, last 7 days: 4 conversations · 3 claimed · 2 replied (100% of the 2 that needed one) · 1 dismissed as not relevant by an admin · 1 in progress · claim in 30 min · reply in 3 h',
    );
    const text = shown(reply as never);
    expect(text).toContain(
      '<@USME0001>: 2 conversations · 2 claimed · 1 replied (100% of the 1 that needed one) · 1 in progress · claim in 20 min · reply in 60 min',
    );
    expect(text).toContain(
      '<@USME0002>: 1 conversation · 1 claimed · 1 replied (100% of the 1 that needed one) · claim in 60 min · reply in 3 h',
    );
    expect(text).toContain(
      'pricing: 3 conversations · 3 claimed · 2 replied (100% of the 2 that needed one) · 1 in progress',
    );
    expect(text).toContain(
      'outages: 1 conversation · 0 claimed · 0 replied · 1 dismissed as not relevant by an admin · no claim timed · no reply timed',
    );
  });

  it('gives the commands that list the conversations behind the counts, and they list them', async () => {
    await createResponseHistory(deps);
    expect(shown((await brief('stats 7d')) as never)).toContain(
      'The conversations behind these: in progress: `/brief nudge list` · replied: `/brief nudge list replied` · dismissed: `/brief nudge list dismissed` (those finished in the last 30 days) · who did what: `/brief changes nudges`',
    );
    expect((await brief('nudge list replied')).text).toBe('Conversations replied in the last 30 days: 3');
    expect((await brief('nudge list dismissed')).text).toBe('Conversations dismissed in the last 30 days: 1');
    expect(shown((await brief('stats 7d pricing')) as never)).toContain(
      'The conversations behind these, with who did what: `/brief changes pricing` · in progress, team-wide: `/brief nudge list`',
    );
    expect(shown((await brief('stats @USME0002')) as never)).toContain(
      'The conversations behind these, with who did what: `/brief changes @USME0002`"',
    );
  });

  it('has a Share to channel button that posts the same stats for everyone, saying who shared them', async () => {
    await createResponseHistory(deps);
    const reply = await brief('stats 7d pricing', member);
    const share = JSON.stringify(reply.blocks).match(/"value":"(stats --post [^"]*)"/)?.[1];
    expect(share).toBe('stats --post 7d pricing');
    const recorder = createRecorder();
    await createRunCommandActionHandler(deps)(
      blockActionArgs(
        recorder,
        { type: 'button', action_id: Action.RunCommand, value: share },
        {
          userId: member,
          channel: { id: 'C0CHANNEL', name: 'general' },
          message: { text: reply.text, blocks: reply.blocks },
        },
      ) as never,
    );
    expect(recorder.names()).toEqual(['ack', 'respond']);
    const posted = recorder.first('respond') as { response_type: string; text: string; blocks: unknown[] };
    expect(posted.response_type).toBe('in_channel');
    expect(posted.text).toBe(reply.text);
    const text = JSON.stringify(posted.blocks);
    expect(text).toContain(`Shared by <@${member}>`);
    expect(text).not.toContain('Share to channel');
  });

  it('this week counts from Monday, today from midnight', async () => {
    await createResponseHistory(deps); // now Tue 3 Nov 09:00; the four of Mon 2 Nov
    expect((await brief('stats this week')).text).toMatch(
      /^Responses, this week \(since Monday\): 4 conversations/,
    );
    expect((await brief('stats today')).text).toBe(
      'No conversations today. `/brief stats 11d` covers the 5 conversations from before.',
    );
  });

  it('narrows to one topic, one expert (by mention or "me"), or both, in any order', async () => {
    await createResponseHistory(deps);
    const pricing = await brief('stats 7d pricing', member);
    expect(pricing.text).toBe(
      'Responses on pricing, last 7 days: 3 conversations · 3 claimed · 2 replied (100% of the 2 that needed one) · 1 in progress · claim in 30 min · reply in 3 h',
    );
    // One topic's figures are split by expert only.
    expect(shown(pricing as never)).toContain('<@USME0002>: 1 conversation · 1 claimed · 1 replied');
    expect(shown(pricing as never)).not.toContain('By topic');
    const mine = await brief('stats for me 30d', 'USME0001');
    expect(mine.text).toBe(
      'Responses for <@USME0001>, last 30 days: 3 conversations · 3 claimed · 2 replied (100% of the 2 that needed one) · 1 in progress · claim in 20 min · reply in 80 min',
    );
    expect(shown(mine as never)).toContain('pricing: 3 conversations');
    // "last month" is October, as in questions: this month's conversations are not in it.
    expect((await brief('stats for me last month', 'USME0001')).text).toBe(
      'Responses for <@USME0001>, in October: 1 conversation · 1 claimed · 1 replied (100% of the 1 that needed one) · claim in 20 min · reply in 100 min',
    );
    expect(shown(mine as never)).not.toContain('By expert');
    expect((await brief('stats <@USME0002|bo> PRICING', member)).text).toBe(
      'Responses for <@USME0002> on pricing, last 30 days: 1 conversation · 1 claimed · 1 replied (100% of the 1 that needed one) · claim in 60 min · reply in 3 h',
    );
    expect((await brief('stats outages me', 'USME0002')).text).toBe(
      "No conversations for <@USME0002> on outages in the last 30 days. `/brief stats 30d` shows everyone's.",
    );
  });

  it("a topic's figures take in its stories asked on another topic, and say so", async () => {
    // Initech's lawsuit over pricing was asked on pricing; it is an Initech story too.
    await createTopic(deps, 'initech', 'initech');
    await createResponseHistory(deps);
    const initech = await brief('stats 7d initech', member);
    expect(initech.text).toBe(
      'Responses on initech, last 7 days: 1 conversation · 1 claimed · 1 replied (100% of the 1 that needed one) · claim in 60 min · reply in 4 h',
    );
    expect(shown(initech as never)).toContain(
      'Includes 1 conversation asked on pricing whose stories match initech too.',
    );
    // Asked on its own topic, nothing to explain.
    expect(shown((await brief('stats 7d outages', member)) as never)).not.toContain('Includes');
  });

  it('a word that is neither a period nor a topic is named, with a mended command for a typo', async () => {
    await createResponseHistory(deps);
    expect((await brief('stats 30d pricng', member)).text).toBe(
      'I can\'t read "30d pricng" as a period or a topic. Did you mean `/brief stats 30d pricing`? Try `/brief stats 7d`, `/brief stats 2w`, `/brief stats this week` or `/brief stats today` (any number of days up to 365), narrowed to a topic (outages, pricing) or an expert: `/brief stats 30d outages`, `/brief stats 30d me`, `/brief stats @someone`.',
    );
  });

  it('counts what was done in the period on older conversations, and long waits in days', async () => {
    const ids = await createResponseHistory(deps); // the old one was posted on 23 Oct
    await reopenNudge(deps, ids.old as number, 'UADMIN01', 'the reply was deleted'); // 3 Nov 09:00
    deps.clock.set('2026-11-09T09:00:00Z');
    await claimNudge(deps, ids.old as number, 'USME0001');
    await markReplied(deps, ids.old as number, 'USME0001', 'https://social.example/again');
    // The market waited from the post to the reply: 17 days; the claim is timed from the reopening (6 days).
    // The reply the reopening withdrew still counts as made; the one that stands is timed.
    expect((await brief('stats 5d')).text).toBe(
      'Responses, last 5 days: 1 conversation · 1 claimed (2 claims) · 1 replied (100% of the 1 that needed one) · 1 reopened by an admin · claim in 6 days · reply in 17 days',
    );
    // The expert's own row times their reply from their claim: at once, and 60 minutes for the other.
    expect((await brief('stats 30d me', 'USME0001')).text).toBe(
      'Responses for <@USME0001>, last 30 days: 3 conversations · 3 claimed (4 claims) · 2 replied (100% of the 2 that needed one) · 1 reopened by an admin · 1 in progress · claim in 30 min · reply in 30 min',
    );
    // Posted before the last 5 days, replied within them: counted, alone.
    expect((await brief('stats 5d me', 'USME0001')).text).toMatch(
      /^Responses for <@USME0001>, last 5 days: 1 conversation · 1 claimed \(2 claims\) · 1 replied/,
    );
  });

  it("keeps an expert's claim on their row after an admin gave the conversation to someone else", async () => {
    const ids = await createResponseHistory(deps);
    // USME0001 claimed the third ten minutes after it was posted; an admin gives it to USME0002.
    await reassignNudge(deps, ids.third as number, 'UADMIN01', 'USME0002');
    const text = shown((await brief('stats 7d')) as never);
    expect(text).toContain(
      '<@USME0001>: 2 conversations · 2 claimed · 1 reassigned away by an admin · 1 replied (100% of the 1 that needed one) · claim in 20 min · reply in 60 min',
    );
    expect(text).toContain(
      '<@USME0002>: 2 conversations · 1 claimed · 1 reassigned to them by an admin · 1 replied (100% of the 1 that needed one) · 1 in progress · claim in 60 min · reply in 3 h',
    );
  });

  it('an expert asking about themselves with nothing to show is told so', async () => {
    // The team's figures are offered only when they hold something.
    expect((await brief('stats me', 'USME0009')).text).toBe(
      'You have no conversations in the last 30 days. `/brief claims` shows the ones you hold.',
    );
    await createResponseHistory(deps);
    expect((await brief('stats me', 'USME0009')).text).toBe(
      "You have no conversations in the last 30 days. `/brief claims` shows the ones you hold; `/brief stats 30d` the team's figures.",
    );
  });

  it('an empty past period points to the last 30 days, with the command; a month is read by its name', async () => {
    await createResponseHistory(deps); // 2–3 Nov, and one on 23 Oct
    deps.clock.set('2026-11-20T09:00:00Z');
    expect((await brief('stats yesterday')).text).toBe(
      'No conversations yesterday. `/brief stats 28d` covers the 5 conversations from before.',
    );
    expect((await brief('stats pricing yesterday')).text).toBe(
      'No conversations on pricing yesterday. The last 30 days have 4 conversations: `/brief stats 30d pricing`.',
    );
    expect((await brief('stats me september', 'USME0001')).text).toBe(
      'You have no conversations in September. The last 30 days have 3 conversations: `/brief stats 30d me`. `/brief claims` shows the ones you hold.',
    );
    // Someone else's empty period: their last 30 days, else everyone's, never a dead end.
    expect((await brief('stats @USME0001 september')).text).toBe(
      'No conversations for <@USME0001> in September. The last 30 days have 3 conversations: `/brief stats 30d @USME0001`.',
    );
    expect((await brief('stats @USME0009 september')).text).toBe(
      "No conversations for <@USME0009> in September. `/brief stats 30d` shows everyone's.",
    );
    expect((await brief('stats november')).text).toMatch(/^Responses, in November: 4 conversations/);
  });

  it('30d reaches further back', async () => {
    await createResponseHistory(deps);
    expect((await brief('stats 30d')).text).toBe(
      'Responses, last 30 days: 5 conversations · 4 claimed · 3 replied (100% of the 3 that needed one) · 1 dismissed as not relevant by an admin · 1 in progress · claim in 25 min · reply in 2 h',
    );
  });
});

describe('experts and admins on the nudge commands (the expert audit)', () => {
  let feedId: number;
  let topicId: number;

  beforeEach(async () => {
    topicId = await createBeat(deps, { experts: [{ userId: 'USME0001' }, { userId: 'USME0002' }] });
    feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  });

  const postedNudge = (guid: string, title: string) =>
    postedNudgeAbout(deps, { feedId, guid, title, topicId });

  it('an expert on the beat who already replied: the conversation is claimed for them and the reply recorded', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    deps.sent.length = 0;
    expect((await brief(`nudge replied ${id} <https://social.example/mine>`, 'USME0001')).text).toBe(
      `Nobody had claimed conversation ${id}, so it is yours now, and your reply is recorded (https://social.example/mine). To correct the link, send the command again with the right one.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({
      state: 'replied',
      claimantId: 'USME0001',
      replyUrl: 'https://social.example/mine',
    });
    expect((await nudgeAudit(deps)).map((event) => event.action)).toEqual(['nudge.claim', 'nudge.reply']);
    expect(shown(deps.sent.at(-1)?.message)).toContain('<@USME0001> replied');
  });

  it('an admin recording a reply on an unclaimed conversation is pointed to claim or reassign; others are refused', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge replied ${id} <https://social.example/r>`)).text).toBe(
      `Nobody has claimed conversation ${id} yet. If an expert replied, record it as theirs: \`/brief nudge replied ${id} &lt;link&gt; @them\`. If the reply is yours, claim it first (\`/brief nudge claim ${id}\`), then send this command again.`,
    );
    expect((await brief(`nudge replied ${id} <https://social.example/r>`, member)).text).toMatch(
      new RegExp(`^Sorry, only the experts on pricing .* can record a reply to conversation ${id}\\.`),
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null, replyUrl: null });
  });

  it("an admin records the reply an expert made without claiming: it is theirs, with no 'please reply' DM, and audited", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    deps.sent.length = 0;
    expect((await brief(`nudge replied ${id} <https://social.example/r> <@USME0002|sam>`)).text).toBe(
      `Recorded <@USME0002>'s reply to conversation ${id} (https://social.example/r): nobody had claimed it, so it is theirs now, and they were told. To correct the link, send the command again with the right one.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({
      state: 'replied',
      claimantId: 'USME0002',
      replyUrl: 'https://social.example/r',
    });
    const dms = deps.sent.filter((sent) => sent.channel === 'USME0002');
    expect(dms.map((sent) => sent.message.text)).toEqual([
      `<@${admin}> recorded your reply to "Customers slam Acme pricing" (https://social.example/r) for you, as yours: nothing more to do.`,
    ]);
    expect((await nudgeAudit(deps)).map((event) => [event.action, event.actorId, event.detail])).toEqual([
      // No claim was made: the entry says the admin recorded the expert's reply.
      ['nudge.reply', admin, { url: 'https://social.example/r', for: 'USME0002', claimedFor: true }],
    ]);
    const log = (await brief('changes nudges')).blocks.map((block) => JSON.stringify(block)).join('');
    expect(log).toContain(`recorded <@USME0002>'s reply to conversation ${id} (https://social.example/r)`);
    expect(log).not.toContain('claimed');
    // Stats count the reply, but no claim and no times: those would be the admin's typing.
    const stats = JSON.stringify((await brief('stats')).blocks);
    expect(stats).toContain(
      '<@USME0002>: 1 conversation · 0 claimed · 1 replied (100% of the 1 that needed one) · 1 recorded by an admin · no claim timed · no reply timed (the 1 reply was recorded by an admin, and those are not timed)',
    );
    // Only an admin records someone else's reply; one held by another expert is refused.
    const other = await postedNudge('b', 'Initech sued over pricing');
    expect(
      (await brief(`nudge replied ${other} https://social.example/x <@USME0002>`, 'USME0001')).text,
    ).toMatch(/^Sorry, only Briefbot admins can record a reply for someone else\./);
    await claimNudge(deps, other, 'USME0001');
    // The hint names the expert, ready to send, and records it for the claimant only if they wrote it.
    expect((await brief(`nudge replied ${other} https://social.example/x <@USME0002>`)).text).toBe(
      `Conversation ${other} is claimed by <@USME0001>, not <@USME0002>, so nothing was recorded. If <@USME0002> wrote the reply, give it to them first: \`/brief nudge reassign ${other} @USME0002\`, then send this command again. Only if <@USME0001> wrote it, record it as theirs: \`/brief nudge replied ${other} https://social.example/x\`.`,
    );
    expect(nudgeRow(deps, other)).toMatchObject({ state: 'claimed', claimantId: 'USME0001', replyUrl: null });
    // How an expert replied with no link, recorded by an admin who names them, as a link is.
    const phoned = await postedNudge('c', 'Is per-seat pricing dead?');
    expect((await brief(`nudge replied ${phoned} by phone <@USME0002>`)).text).toBe(
      `Recorded <@USME0002>'s reply to conversation ${phoned} (by phone): nobody had claimed it, so it is theirs now, and they were told. Replied by a link after all, or said it wrong? Send the command again with the link or the right words.`,
    );
    expect(
      deps.db.sqlite
        .prepare('SELECT state, claimant_id AS who, reply_note AS note FROM nudges WHERE id = ?')
        .get(phoned),
    ).toEqual({ state: 'replied', who: 'USME0002', note: 'by phone' });
    expect((await nudgeAudit(deps)).at(-1)?.detail).toEqual({
      note: 'by phone',
      for: 'USME0002',
      claimedFor: true,
    });
  });

  it('an admin naming someone who is not an expert on the beat is refused; naming another expert moves the credit', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge replied ${id} https://social.example/r <@${member}>`)).text).toBe(
      `<@${member}> is not an expert on pricing, so nothing was recorded. Put them on its beat first: \`/brief sme add @${member} pricing\`, then send this command again.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null });
    await brief(`nudge replied ${id} https://social.example/r <@USME0001>`);
    deps.sent.length = 0;
    expect((await brief(`nudge replied ${id} https://social.example/r2 <@USME0002>`)).text).toBe(
      `Conversation ${id}'s reply is now credited to <@USME0002>, not <@USME0001> (https://social.example/r2); both were told.`,
    );
    expect(nudgeRow(deps, id)).toMatchObject({
      state: 'replied',
      claimantId: 'USME0002',
      replyUrl: 'https://social.example/r2',
    });
    expect(deps.sent.filter((sent) => sent.channel === 'USME0001').map((sent) => sent.message.text)).toEqual([
      `<@${admin}> credited the reply to "Customers slam Acme pricing" to <@USME0002> instead of you: nothing more to do.`,
    ]);
    expect(deps.sent.filter((sent) => sent.channel === 'USME0002').map((sent) => sent.message.text)).toEqual([
      `<@${admin}> recorded your reply to "Customers slam Acme pricing" (https://social.example/r2) for you, as yours: nothing more to do.`,
    ]);
    expect(JSON.stringify((await brief('changes nudges')).blocks)).toContain(
      `<@${admin}> credited the reply to conversation ${id} to <@USME0002> instead of <@USME0001> (https://social.example/r2)`,
    );
    expect(JSON.stringify((await brief('stats')).blocks)).toContain(
      '<@USME0002>: 1 conversation · 0 claimed · 1 replied',
    );
  });

  it.each([
    ['<https://social.example/abc>,', 'https://social.example/abc'],
    ['<https://social.example/abc>.', 'https://social.example/abc'],
    ['www.social.example/abc', 'https://www.social.example/abc'],
    ['<http://social.example/abc>', 'http://social.example/abc'],
    ['(<https://en.example.org/wiki/Acme_(company)>)', 'https://en.example.org/wiki/Acme_(company)'],
  ])('the reply link "%s" is recorded as %s', async (typed, stored) => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    expect((await brief(`nudge replied ${id} ${typed}`, 'USME0001')).text).toContain(`recorded (${stored})`);
    expect(nudgeRow(deps, id).replyUrl).toBe(stored);
  });

  it('a reassigned claimant: their old DM loses its buttons, and Mark replied there is refused', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    const dm = deps.sent.find((sent) => sent.channel === 'USME0001' && !sent.updates);
    const dmTs = `${1_700_000_000 + deps.sent.indexOf(dm as never) + 1}.000100`;
    expect(actionIdsOf(dm?.message ?? { text: '', blocks: [] })).toContain(Action.NudgeMarkReplied);
    deps.sent.length = 0;
    await brief(`nudge reassign ${id} <@USME0002>`);
    const closed = deps.sent.find((sent) => sent.channel === 'USME0001' && sent.updates);
    expect(closed?.updates).toBe(dmTs);
    expect(actionIdsOf(closed?.message ?? { text: '', blocks: [] })).toEqual([]);
    // One notification: the old DM keeps the story and points below; only the new DM says what happened.
    expect(shown(closed?.message)).toContain('Customers slam Acme pricing');
    expect(shown(closed?.message)).toContain('No longer yours to reply to: the message below says why.');
    expect(shown(closed?.message)).not.toContain('you no longer need to reply to it');
    const told = deps.sent.filter((sent) => sent.channel === 'USME0001' && !sent.updates);
    expect(told.map((sent) => sent.message.text)).toEqual([
      `<@${admin}> reassigned "Customers slam Acme pricing" to <@USME0002>: you no longer need to reply to it.`,
    ]);
  });

  it('a second person who asks for a response is told they will hear, and hears the outcome', async () => {
    const itemId = await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    await brief(`nudge item #${itemId}`, 'UEXEC001');
    const [nudge] = nudgeRows(deps);
    const id = nudge?.id as number;
    expect((await brief(`nudge item #${itemId}`, 'UEXEC002')).text).toContain(
      "You'll get a DM with the outcome (answered, dismissed or expired)",
    );
    await brief(`nudge item #${itemId}`, 'UEXEC002');
    await brief(`nudge claim ${id}`, 'USME0001');
    deps.sent.length = 0;
    await brief(`nudge replied ${id} <https://social.example/r1>`, 'USME0001');
    const told = deps.sent.filter((sent) => sent.channel.startsWith('UEXEC'));
    expect(told.map((sent) => sent.channel)).toEqual(['UEXEC001', 'UEXEC002']);
    expect(told[1]?.message.text).toBe(
      `<@USME0001> replied to "Acme publishes its pricing guide for 2027", the conversation you asked for (${id}): https://social.example/r1`,
    );
    expect((await brief(`nudge item #${itemId}`, 'UEXEC003')).text).toContain(
      `Conversation ${id} was already answered by <@USME0001>: nothing more to do. \`/brief nudge ${id}\` shows the reply.`,
    );
  });

  it('whoever asked hears a corrected reply link, and that an answered conversation was reopened', async () => {
    const itemId = await storeItem(deps, feedId, 'c2', 'Acme Desk suffers an outage');
    await brief(`nudge item #${itemId}`, 'UEXEC001');
    const [nudge] = nudgeRows(deps);
    const id = nudge?.id as number;
    await brief(`nudge replied ${id} https://social.example/one`, 'USME0001');
    deps.clock.advance(60_000);
    deps.sent.length = 0;
    await brief(`nudge replied ${id} https://social.example/two`, 'USME0001');
    expect(deps.sent.filter((sent) => sent.channel === 'UEXEC001').map((sent) => sent.message.text)).toEqual([
      `Corrected link: <@USME0001>'s reply to "Acme Desk suffers an outage", the conversation you asked for (${id}), is https://social.example/two (not the one sent before).`,
    ]);
    deps.sent.length = 0;
    await brief(`nudge reopen ${id} wrong story`);
    expect(deps.sent.filter((sent) => sent.channel === 'UEXEC001').map((sent) => sent.message.text)).toEqual([
      `<@${admin}> reopened "Acme Desk suffers an outage", the conversation you asked for (${id}) (wrong story): the reply (https://social.example/two) no longer stands. You'll get a DM with the new outcome.`,
    ]);
  });

  it('the claimant may dismiss their conversation; an admin may too, and the claimant is told, their DM closed', async () => {
    const mine = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${mine}`, 'USME0001');
    expect((await brief(`nudge dismiss ${mine} not our product, ignore`, 'USME0001')).text).toBe(
      `Conversation ${mine} is dismissed: not our product, ignore. Dismissed by mistake? \`/brief nudge reopen ${mine}\` brings it back (within a day; after that, ask <@UADMIN01> or a workspace admin).`,
    );
    expect(nudgeRow(deps, mine)).toMatchObject({ state: 'dismissed', claimantId: 'USME0001' });
    const theirs = await postedNudge('b', 'Initech sued over pricing');
    await brief(`nudge claim ${theirs}`, 'USME0002');
    expect((await brief(`nudge dismiss ${theirs} duplicate`, 'USME0001')).text).toBe(
      `Only <@USME0002>, who claimed this conversation, or an admin can dismiss it. Ask them in its thread; <@UADMIN01> or a workspace admin can also reassign it.`,
    );
    deps.sent.length = 0;
    await brief(`nudge dismiss ${theirs} covered by PR team already`);
    expect(nudgeRow(deps, theirs).state).toBe('dismissed');
    const told = deps.sent.filter((sent) => sent.channel === 'USME0002');
    expect(told.map((sent) => Boolean(sent.updates))).toEqual([true, false]);
    expect(told[1]?.message.text).toBe(
      `<@${admin}> dismissed "Initech sued over pricing", which you had claimed, as not relevant (covered by PR team already): you no longer need to reply.`,
    );
    expect(shown(deps.sent[0]?.message)).toContain(
      `Dismissed as not relevant by <@${admin}>: covered by PR team already.`,
    );
  });

  it('a refused claim after a dismissal says who dismissed it, why, and the next step', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge dismiss ${id} duplicate of 12`);
    expect((await brief(`nudge claim ${id}`, 'USME0001')).text).toBe(
      `Conversation ${id} was dismissed as not relevant by <@${admin}> (duplicate of 12). To ask the experts after all, ask <@UADMIN01> or a workspace admin to reopen it.`,
    );
    expect((await brief(`nudge ${id}`, 'USME0001')).text).toContain(
      `was dismissed as not relevant by <@${admin}> (duplicate of 12).`,
    );
    // Where it stands comes before the reason: no reason is asked for on a finished conversation.
    expect((await brief(`nudge dismiss ${id}`, 'USME0001')).text).toMatch(
      new RegExp(`^Conversation ${id} was dismissed as not relevant by`),
    );
  });

  it('a snooze ending on the weekend runs to Monday 09:00, when reminders count again, and says so; the reminder follows from then', async () => {
    deps.clock.set('2026-11-06T10:00:00Z'); // a Friday
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge snooze ${id} until saturday`, 'USME0001')).text).toBe(
      `Snoozed: no reminders about conversation ${id} until Mon 9 Nov 09:00 UTC. Reminders count working hours only (09:00-18:00, weekdays), so it runs to the first of them after the Sat 7 Nov 09:00 UTC you asked for. Snoozed by mistake? \`/brief nudge unsnooze ${id}\``,
    );
    expect(nudgeRow(deps, id).snoozedUntil).toBe(Date.parse('2026-11-09T09:00:00Z'));
    const where = shown((await brief(`nudge ${id}`)) as never);
    expect(where).toContain('Mon 9 Nov 09:00 UTC');
    expect(where).not.toContain('Sat 7 Nov');
    // A day's snooze on Friday (the button's, typed) lands on Saturday: Monday's start too.
    const other = await postedNudge('b', 'Initech sued over pricing');
    expect((await brief(`nudge snooze ${other}`, 'USME0001')).text).toContain(
      'until Mon 9 Nov 09:00 UTC. Reminders count working hours only (09:00-18:00, weekdays), so it runs to the first of them after the Sat 7 Nov 10:00 UTC you asked for.',
    );
    // The reminder comes NUDGE_REMIND_AFTER_HOURS (4) working hours after the snooze's end, not before.
    deps.clock.set('2026-11-09T12:59:00Z');
    expect((await followThrough(deps)).reminded).toBe(0);
    deps.clock.set('2026-11-09T13:00:00Z');
    expect((await followThrough(deps)).reminded).toBe(2);
  });

  it('a snooze moved to the team’s working hours names their time zone to an expert who reads another', async () => {
    deps.userTimeZones.set('USME0002', 'America/New_York');
    deps.clock.set('2026-11-26T19:01:00Z'); // Thursday 14:01 in New York, after 18:00 UTC
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    // A day ends Friday 19:01 UTC, after the team's 18:00: the snooze runs to Monday 09:00 UTC, 04:00 in New York.
    expect((await brief(`nudge snooze ${id} 1d`, 'USME0002')).text).toBe(
      `Snoozed: no reminders about conversation ${id} until Mon 30 Nov 04:00 GMT-5. Reminders count working hours only (09:00-18:00 UTC, weekdays), so it runs to the first of them after the Fri 27 Nov 14:01 GMT-5 you asked for. Snoozed by mistake? \`/brief nudge unsnooze ${id}\``,
    );
  });

  it('snooze takes a length up to a week, and unsnooze undoes it', async () => {
    deps.clock.set('2026-11-02T09:00:00Z'); // a Monday
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge snooze ${id} 2d`, 'USME0001')).text).toMatch(
      new RegExp(`^Snoozed: no reminders about conversation ${id} until Wed 4 Nov 09:00 UTC\\.`),
    );
    // A day: reminders resume when its working hours start (BUSINESS_HOURS, 09:00 here).
    expect((await brief(`nudge snooze ${id} until friday`, 'USME0001')).text).toContain(
      'until Fri 6 Nov 09:00 UTC',
    );
    expect((await brief(`nudge snooze ${id} tomorrow`, 'USME0001')).text).toContain(
      'until Tue 3 Nov 09:00 UTC',
    );
    expect((await brief(`nudge snooze ${id} 90m`, 'USME0001')).text).toContain('until Mon 2 Nov 10:30 UTC');
    // Units combine, as people write them.
    // Ending outside working hours, when no reminder can come, it runs to the next of them, and says what was asked.
    const evening = (await brief(`nudge snooze ${id} 1d12h`, 'USME0001')).text;
    expect(evening).toContain('until Wed 4 Nov 09:00 UTC');
    expect(evening).toContain(
      'Reminders count working hours only (09:00-18:00, weekdays), so it runs to the first of them after the Tue 3 Nov 21:00 UTC you asked for.',
    );
    expect((await brief(`nudge snooze ${id} 6d 20h`, 'USME0001')).text).toContain(
      'until Mon 9 Nov 05:00 UTC',
    );
    expect((await brief(`nudge snooze ${id} 0d0h`, 'USME0001')).text).toMatch(/^A snooze needs a length/);
    expect((await brief(`nudge snooze ${id} 1 week`, 'USME0001')).text).toContain(
      'until Mon 9 Nov 09:00 UTC',
    );
    expect((await brief(`nudge snooze ${id} 1w`, 'USME0001')).text).toContain('until Mon 9 Nov 09:00 UTC');
    // As people say it: "for", halves, "a", a weekday's start.
    expect((await brief(`nudge snooze ${id} for 2 days`, 'USME0001')).text).toContain(
      'until Wed 4 Nov 09:00 UTC',
    );
    await brief(`nudge unsnooze ${id}`, 'USME0001');
    expect((await brief(`nudge snooze ${id} 1.5d`, 'USME0001')).text).toContain(
      'after the Tue 3 Nov 21:00 UTC you asked for',
    );
    expect((await brief(`nudge snooze ${id} for a day`, 'USME0001')).text).toContain(
      'until Tue 3 Nov 09:00 UTC',
    );
    expect((await brief(`nudge snooze ${id} until fri`, 'USME0001')).text).toContain(
      'until Fri 6 Nov 09:00 UTC',
    );
    // 9am has begun today: tomorrow's.
    expect((await brief(`nudge snooze ${id} until 9am`, 'USME0001')).text).toContain(
      'until Tue 3 Nov 09:00 UTC',
    );
    expect((await brief(`nudge snooze ${id} until 2pm`, 'USME0001')).text).toContain(
      'until Mon 2 Nov 14:00 UTC',
    );
    expect((await brief(`nudge snooze ${id} until tomorrow 14:30`, 'USME0001')).text).toContain(
      'until Tue 3 Nov 14:30 UTC',
    );
    expect((await brief(`nudge snooze ${id} 12h`, 'USME0001')).text).toContain(
      'until Tue 3 Nov 09:00 UTC (was until Tue 3 Nov 14:30 UTC, by you). Reminders count working hours only (09:00-18:00, weekdays), so it runs to the first of them after the Mon 2 Nov 21:00 UTC you asked for.',
    );
    expect((await brief(`nudge snooze ${id} until monday`, 'USME0001')).text).toContain(
      'until Mon 9 Nov 09:00 UTC',
    );
    // "tomorrow morning", "friday morning": that day's working hours' start; "next week", Monday's.
    for (const [typed, until] of [
      ['tomorrow morning', 'Tue 3 Nov 09:00 UTC'],
      ['until friday morning', 'Fri 6 Nov 09:00 UTC'],
      ['next week', 'Mon 9 Nov 09:00 UTC'],
      ['until next week', 'Mon 9 Nov 09:00 UTC'],
    ])
      expect((await brief(`nudge snooze ${id} ${typed}`, 'USME0001')).text, typed).toContain(
        `until ${until}`,
      );
    expect((await brief(`nudge snooze ${id} 8d`, 'USME0001')).text).toMatch(/^A snooze lasts a week at most/);
    expect((await brief(`nudge snooze ${id} 30d`, 'USME0001')).text).toMatch(
      /^A snooze lasts a week at most/,
    );
    expect((await brief(`nudge snooze ${id} soonish`, 'USME0001')).text).toBe(
      `I can't read "soonish" as a snooze length. Try \`/brief nudge snooze ${id} 2d\`, \`12h\`, \`90m\`, \`1d12h\`, \`1w\`, \`until monday\` or \`until 9am\` (a day if you give none; a week at most).`,
    );
    expect(nudgeRow(deps, id).snoozedUntil).toBe(Date.parse('2026-11-09T09:00:00Z'));
    expect((await brief(`nudge unsnooze ${id}`, member)).text).toMatch(/^Sorry, only the experts on pricing/);
    const before = deps.sent.length;
    // Someone else's snooze: the reply says whose, and its author is told.
    expect((await brief(`nudge unsnooze ${id}`, 'USME0002')).text).toBe(
      `Conversation ${id} is no longer snoozed (it was snoozed until Mon 9 Nov 09:00 UTC by <@USME0001>, who was told): its reminders count from now.`,
    );
    expect(deps.sent.slice(before).find((sent) => sent.channel === 'USME0001')?.message.text).toBe(
      `<@USME0002> ended your snooze of conversation ${id} (it was until Mon 9 Nov 09:00 UTC): its reminders count from now. \`/brief nudge ${id}\` shows where it stands.`,
    );
    expect(nudgeRow(deps, id).snoozedUntil).toBe(deps.clock.now().getTime());
    // One's own: no DM, and no "whose".
    await brief(`nudge snooze ${id} 2d`, 'USME0002');
    const own = deps.sent.length;
    expect((await brief(`nudge unsnooze ${id}`, 'USME0002')).text).toBe(
      `Conversation ${id} is no longer snoozed: its reminders count from now.`,
    );
    expect(deps.sent.slice(own).filter((sent) => sent.channel === 'USME0002' && !sent.updates)).toEqual([]);
    expect((await brief(`nudge unsnooze ${id}`, 'USME0002')).text).toBe(
      `Conversation ${id} is not snoozed, so there is nothing to undo. \`/brief nudge ${id}\` shows where it stands.`,
    );
  });

  it('nudge list: claim hints only for who can claim, and only when one waits; filters are refused', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect(shown((await brief('nudge list', 'USME0001')) as never)).toContain(
      '`/brief nudge claim &lt;number&gt;` takes one on your beats',
    );
    const asMember = shown((await brief('nudge list', member)) as never);
    expect(asMember).not.toContain('nudge claim');
    expect(asMember).toContain('The experts on each beat claim these (`/brief sme list` shows who)');
    await claimNudge(deps, id, 'USME0001');
    expect(shown((await brief('nudge list', 'USME0002')) as never)).not.toContain('nudge claim');
    for (const filter of ['1', 'all'])
      expect((await brief(`claims ${filter}`, 'USME0001')).text).toBe(
        `\`/brief claims\` takes no filter ("${filter}"): it shows every conversation you hold. One conversation: \`/brief nudge &lt;number&gt;\`; the whole team's: \`/brief nudge list\`.`,
      );
    expect((await brief('nudge list mine', 'USME0001')).text).toBe(
      '`/brief nudge list` shows every conversation in progress, `/brief nudge list &lt;topic&gt;` those of one topic; `/brief nudge list closed` (or `replied`, `dismissed`, `expired`) those finished in the last 30 days. I can\'t filter by "mine". Yours: `/brief claims`; one conversation: `/brief nudge &lt;number&gt;`; who did what: `/brief changes nudges`.',
    );
  });

  it('the DM to an expert an admin marked away, and `sme add` putting them back, give the day in the expert’s own zone', async () => {
    deps.userTimeZones.set('USME0001', 'Asia/Singapore');
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    const dmsTo = (userId: string) =>
      deps.sent.filter((sent) => sent.channel === userId).map((sent) => sent.message.text);
    deps.sent.length = 0;
    await brief('sme away <@USME0001> until friday');
    // Friday read in Singapore, said so since the admin's zone (UTC) is another.
    expect(dmsTo('USME0001')[0]).toMatch(
      new RegExp(
        `^<@${admin}> marked you away until Fri 6 Nov \\(end of day, your time, GMT\\+8\\); you still hold`,
      ),
    );
    await brief('sme away <@USME0001> back');
    deps.userTimeZones.set(admin, 'Asia/Singapore');
    deps.sent.length = 0;
    await brief('sme away <@USME0001> until friday');
    // The admin's own zone too: no "your time".
    expect(dmsTo('USME0001')[0]).toMatch(
      new RegExp(`^<@${admin}> marked you away until Fri 6 Nov \\(end of day, GMT\\+8\\); you still hold`),
    );
    deps.userTimeZones.delete(admin);
    await brief(`nudge release ${id}`);
    await brief('sme remove <@USME0001>');
    expect((await brief('sme add <@USME0001> pricing')).text).toContain(
      'They are still away until Fri 6 Nov (end of day, their time, GMT+8), so no nudges until then',
    );
  });

  it('marking away the last expert in on a beat, by an admin in another zone, names the day once', async () => {
    deps.userTimeZones.set(admin, 'America/Los_Angeles');
    await brief('sme away <@USME0002> until friday');
    const reply = (await brief('sme away <@USME0001> until friday')).text;
    expect(reply).toContain('<@USME0001> is away until then');
    expect(reply).not.toContain('<@USME0001> is away until Fri 6 Nov 16:00');
  });

  it('an expert marked away, or taken off the beat, while holding a claim: the reply says so and how to hand it on', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    const handOn = `<@USME0001> still holds conversation ${id} (claimed just now) and was told by DM: \`/brief nudge reassign ${id} @someone\` gives it to another expert (<@USME0002> covers pricing), \`/brief nudge release ${id}\` opens it to all.`;
    deps.sent.length = 0;
    expect((await brief('sme away <@USME0001> until friday')).text).toContain(handOn);
    expect(deps.sent.filter((sent) => sent.channel === 'USME0001').map((sent) => sent.message.text)).toEqual([
      `<@${admin}> marked you away until Fri 6 Nov (end of day, UTC); you still hold conversation ${id} (claimed just now): reply as planned, or hand it back: \`/brief nudge release ${id}\`. <@USME0002> covers pricing and can take it once you release it.`,
    ]);
    expect((await brief('sme away <@USME0002> until friday')).text).not.toContain('still holds');
    deps.sent.length = 0;
    // Nobody else in on pricing now: no colleague named.
    expect((await brief('sme remove <@USME0001> pricing')).text).toContain(
      handOn.replace(' (<@USME0002> covers pricing)', ''),
    );
    // The DM names the beat taken; removing another beat later says nothing about this claim.
    expect(deps.sent.filter((sent) => sent.channel === 'USME0001').map((sent) => sent.message.text)).toEqual([
      `<@${admin}> took you off pricing; you still hold conversation ${id} (claimed just now): reply as planned, or hand it back: \`/brief nudge release ${id}\`.`,
    ]);
    deps.sent.length = 0;
    expect((await brief('sme remove <@USME0001>')).text).not.toContain('still holds');
    expect(deps.sent.filter((sent) => sent.channel === 'USME0001')).toEqual([]);
  });

  it('a claimant marked away is shown so in nudge list and nudge <id>, with the return day', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    expect(shown((await brief('nudge list')) as never)).not.toContain('away until');
    await brief('sme away <@USME0001> until friday');
    expect(shown((await brief('nudge list')) as never)).toContain(
      '<@USME0001> (away until Fri 6 Nov) claimed it',
    );
    expect(shown((await brief(`nudge ${id}`)) as never)).toContain(
      'is claimed by <@USME0001> (away until Fri 6 Nov), who will reply',
    );
    // Taken off every beat, still holding it: the admin views say so, keeping the away day.
    await brief('sme remove <@USME0001>');
    const holder = '<@USME0001> (no longer an expert; away until Fri 6 Nov)';
    expect(shown((await brief('nudge list')) as never)).toContain(`${holder} claimed it`);
    expect(shown((await brief(`nudge ${id}`)) as never)).toContain(
      `is claimed by ${holder}, who will reply; you can help them in its thread, or reassign it: \`/brief nudge reassign ${id} @`,
    );
    expect(JSON.stringify((await buildHome(deps, admin)).blocks)).toContain(holder);
    // An admin who claims without ever being an expert is not marked.
    await brief(`nudge release ${id}`);
    await brief(`nudge claim ${id}`);
    expect(shown((await brief('nudge list')) as never)).toContain(`<@${admin}> claimed it`);
  });

  it('an expert going away past the expiry of a claim they hold is told it expires before they are back, who could take it, and the admins are told in its thread', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    deps.sent.length = 0;
    expect((await brief('sme away me until in 10 days', 'USME0001')).text).toContain(
      `You still hold conversation ${id} (claimed just now): it expires Mon 9 Nov 09:00 UTC, before you are back. Reply before you go, or release it: \`/brief nudge release ${id}\`. <@USME0002> covers pricing and can take it once you release it. The admins were told in its thread.`,
    );
    const thread = deps.sent.filter((sent) => sent.threadTs);
    expect(thread.map((sent) => [sent.channel, sent.threadTs, sent.message.text])).toEqual([
      [
        'C0TALK',
        nudgeRow(deps, id).messageTs,
        `<@${admin}>: <@USME0001>, who has this conversation, is away until Thu 12 Nov (end of day, UTC), and the claim expires Mon 9 Nov 09:00 UTC, before they are back. Give it to someone else: \`/brief nudge reassign ${id} @USME0002\` (<@USME0002> covers pricing and is in).`,
      ],
    ]);
    // An admin asking where it stands is pointed to the same expert in, as the thread does.
    expect(shown((await brief(`nudge ${id}`)) as never)).toContain(
      `or reassign it: \`/brief nudge reassign ${id} @USME0002\` (<@USME0002> covers pricing and is in).`,
    );
    // Moving the return day of someone already away tells the thread nothing new.
    deps.sent.length = 0;
    await brief('sme away me until in 12 days', 'USME0001');
    expect(deps.sent.filter((sent) => sent.threadTs)).toEqual([]);
  });

  it('an expert going away while the claim outlasts the absence: the thread is not told', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0001');
    deps.sent.length = 0;
    expect((await brief('sme away me until tomorrow', 'USME0001')).text).toContain(
      `You still hold conversation ${id} (claimed just now): reply as planned, or hand it back: \`/brief nudge release ${id}\`. <@USME0002> covers pricing and can take it once you release it.`,
    );
    expect(deps.sent.filter((sent) => sent.threadTs)).toEqual([]);
  });

  it('holding several conversations: the hand-on commands take any of their numbers', async () => {
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech sued over pricing');
    await claimNudge(deps, first, 'USME0001');
    await claimNudge(deps, second, 'USME0001');
    expect((await brief('sme away <@USME0001> until friday')).text).toContain(
      `still holds conversations ${first} (claimed just now), ${second} (claimed just now) and was told by DM: \`/brief nudge reassign &lt;number&gt; @someone\` gives one to another expert (<@USME0002> covers pricing), \`/brief nudge release &lt;number&gt;\` opens one to all.`,
    );
  });

  it('an expert added to a beat, or back from away, is named on its waiting conversations and told by DM', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    const ts = nudgeRow(deps, id).messageTs;
    deps.sent.length = 0;
    const added = await brief('sme add <@USME0003> pricing');
    expect(added.text).toContain(
      `Waiting for a claim: conversation ${id} (pricing); its message now names <@USME0003>, who got a DM (\`/brief nudge reassign ${id} @USME0003\` gives it to them).`,
    );
    expect(deps.sent.map((sent) => [sent.channel, sent.updates])).toEqual([
      ['C0TALK', ts],
      ['USME0003', undefined],
    ]);
    expect(shown(deps.sent[0]?.message)).toContain('<@USME0003>');
    const dm = deps.sent[1]?.message;
    expect(JSON.stringify(dm?.blocks)).toContain(
      `"text":"*${id}* <https://news.example.com/a|Customers slam Acme pricing> · pricing"},"accessory":{"type":"button"`,
    );
    expect(JSON.stringify(dm?.blocks)).toContain(`"action_id":"${Action.NudgeClaim}","value":"${id}"`);
    await brief('sme away <@USME0003> until friday');
    deps.sent.length = 0;
    expect((await brief('sme away <@USME0003> back')).text).toContain(
      `Waiting for a claim: conversation ${id}`,
    );
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['C0TALK', 'USME0003']);
    // Not away: nothing to end.
    deps.sent.length = 0;
    expect((await brief('sme away <@USME0003> back')).text).toBe(
      '<@USME0003> was not marked away; nothing changed.',
    );
    expect(deps.sent).toEqual([]);
    // Said to the expert themselves, in the second person, as "Welcome back" is.
    expect((await brief('sme away me back', 'USME0003')).text).toBe(
      'You were not marked away; nothing changed.',
    );
  });

  it('"sme away … until yesterday" is a day that has passed, not an unreadable date', async () => {
    expect((await brief('sme away <@USME0001> until yesterday')).text).toBe(
      'That date has passed; give a day from today on.',
    );
  });

  it('removing a topic lists its conversations in progress, now on no topic, and redraws their messages', async () => {
    const claimed = await postedNudge('a', 'Customers slam Acme pricing');
    const waiting = await postedNudge('b', 'Initech sued over pricing');
    await claimNudge(deps, claimed, 'USME0001');
    // Asked first: the beats go, and the conversations with them.
    expect((await brief('topics remove pricing')).text).toContain(
      'the beat from 2 conversations in progress (they go to no topic, for the admins to give to someone)',
    );
    expect(await deps.db.prisma.topic.count({ where: { name: 'pricing' } })).toBe(1);
    deps.sent.length = 0;
    expect((await brief('topics remove pricing confirm')).text).toContain(
      `Its conversations in progress are on no topic now: their messages ask the admins to pick who answers (any expert may still claim one): ${claimed} (claimed by <@USME0001>), ${waiting} (waiting for a claim).`,
    );
    expect(deps.sent.filter((sent) => sent.updates).map((sent) => sent.channel)).toEqual([
      'C0TALK',
      'C0TALK',
    ]);
    expect(shown(deps.sent.filter((sent) => sent.updates).at(-1)?.message)).not.toMatch(
      /Experts? on this beat/,
    );
    // The experts who lose the beat are told, the claimant with the claim they still hold.
    expect(
      deps.sent
        .filter((sent) => sent.channel.startsWith('USME'))
        .map((sent) => [sent.channel, sent.message.text]),
    ).toEqual([
      [
        'USME0001',
        `<@${admin}> removed the topic pricing, so it is no longer your beat. You still hold conversation ${claimed} from it (now on no topic): reply as planned, or hand it back: \`/brief nudge release ${claimed}\`.`,
      ],
      ['USME0002', `<@${admin}> removed the topic pricing, so it is no longer your beat.`],
    ]);
  });

  it('a link with tracking parameters finds its item', async () => {
    await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
    expect(
      (await brief('nudge <https://news.example.com/c1?utm_source=x&utm_medium=social>', 'UEXEC001')).text,
    ).toMatch(/^Asked the experts in <#C0TALK> to respond/);
  });

  it.each(['nudge <http://news.example.com/c1>', 'nudge news.example.com/c1'])(
    '"/brief %s" (http, or no scheme) finds the item stored with https',
    async (text) => {
      await storeItem(deps, feedId, 'c1', 'Acme publishes its pricing guide for 2027');
      expect((await brief(text, 'UEXEC001')).text).toMatch(/^Asked the experts in <#C0TALK> to respond/);
    },
  );

  it('"nudge item #0" suggests no conversation 0', async () => {
    expect((await brief('nudge item #0', 'UEXEC001')).text).toBe(
      "There is no item with id 0 (`#0` is a story's own id), so nothing was asked. Ask first (`/brief pricing`) and use its *Request a response…* menu, or give the story's link: `/brief nudge item &lt;link&gt;`.",
    );
  });

  it.each([
    ['nudge claim one', '"one" is not a conversation number'],
    [
      'nudge claim 1 2',
      'One conversation at a time: `/brief nudge claim 1`, then `/brief nudge claim 2`. Nothing was done.',
    ],
    ['nudge release 1', 'Nobody has claimed conversation 1, so there is nothing to release.'],
  ])('"/brief %s" says what is wrong', async (text, expected) => {
    await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(text, 'USME0001')).text).toContain(expected);
    expect(nudgeRow(deps, 1)).toMatchObject({ state: 'open', claimantId: null });
  });

  it("an expert's App Home shows their beats and when they are away", async () => {
    await createBeat(deps, { name: 'outages', query: 'outage*', experts: [{ userId: 'USME0001' }] });
    await brief('sme away <@USME0001> until friday');
    const home = JSON.stringify(await buildHome(deps, 'USME0001'));
    expect(home).toContain('Your beats: *outages, pricing*.');
    expect(home).toContain('You are marked *away until Fri 6 Nov');
    // They can end it themselves, whoever marked them.
    expect(home).toContain('no nudges until then. Back sooner? `/brief sme away me back`.');
    expect(JSON.stringify(await buildHome(deps, 'USME0002'))).not.toContain('away until');
  });
});

describe('the nudge lifecycle and the expert commands (the third expert audit)', () => {
  let feedId: number;
  let pricing: number;
  let outages: number;

  beforeEach(async () => {
    pricing = await createBeat(deps, { experts: [{ userId: 'USME0001' }, { userId: 'USME0002' }] });
    outages = await createBeat(deps, {
      name: 'outages',
      query: 'outage*',
      experts: [{ userId: 'USME0001' }],
    });
    feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  });

  const postedNudge = (guid: string, title: string, topicId = pricing) =>
    postedNudgeAbout(deps, { feedId, guid, title, topicId });

  it('a conversation left with nobody to ask: marked in the admin views, and whoever asked for it is told by DM', async () => {
    const id = await postedNudge('a', 'Outage at Acme', outages);
    await brief(`nudge item #${nudgeRow(deps, id).itemId}`);
    await brief(`nudge item #${nudgeRow(deps, id).itemId}`, member);
    deps.sent.length = 0;
    await brief('sme away me until friday', 'USME0001');
    const dms = deps.sent.filter((sent) => sent.channel.startsWith('U'));
    const why = 'the expert on outages is away (<@USME0001> until Fri 6 Nov (end of day, UTC))';
    const nobody = `nobody to ask: ${why}`;
    expect(dms.map((sent) => [sent.channel, sent.message.text])).toEqual([
      [
        admin,
        `Conversation ${id}, <https://news.example.com/a|Outage at Acme> in <#C0TALK>, which you asked for, has nobody to ask now: ${why}. Give it to someone: \`/brief nudge reassign ${id} @someone\` (they join its beat), or pick with the menu on its message.`,
      ],
      [
        member,
        `Conversation ${id}, <https://news.example.com/a|Outage at Acme> in <#C0TALK>, which you asked for, has nobody to ask now: ${why}. The admins are asked to pick someone; \`/brief nudge ${id}\` shows where it stands.`,
      ],
    ]);
    expect((await brief(`nudge ${id}`)).text).toBe(
      `Conversation ${id}, <https://news.example.com/a|Outage at Acme> in <#C0TALK>, is waiting with ${nobody} (posted just now). Give it to someone: \`/brief nudge reassign ${id} @someone\` (they join its beat), or take it: \`/brief nudge claim ${id}\`.`,
    );
    const list = shown((await brief('nudge list')) as never);
    expect(list).toContain('Conversations in progress: 1 with nobody to ask');
    expect(list).toContain(`${nobody} · posted just now · \`/brief nudge reassign ${id} @someone\``);
    const home = JSON.stringify((await buildHome(deps, admin)).blocks);
    expect(home).toContain(`posted just now, ${nobody} · \`/brief nudge reassign ${id} @someone\``);
    // Its heading counts it as `nudge list` does, not as one waiting for a claim.
    expect(home).toContain('*Conversations in progress:* 1 with nobody to ask ·');
    // Back again: an ordinary waiting conversation, and nobody is told twice.
    await brief('sme away me back', 'USME0001');
    expect(shown((await brief('nudge list')) as never)).toContain('1 waiting for a claim');
    expect((await brief(`nudge ${id}`)).text).toContain('is waiting for a claim (posted just now)');
    expect(JSON.stringify((await buildHome(deps, admin)).blocks)).toContain(
      '*Conversations in progress:* 1 waiting for a claim ·',
    );
  });

  it('the only expert giving a conversation back leaves it with nobody to ask: flagged, and whoever asked is told', async () => {
    const id = await postedNudge('a', 'Outage at Acme', outages);
    await brief(`nudge item #${nudgeRow(deps, id).itemId}`);
    await claimNudge(deps, id, 'USME0001');
    deps.sent.length = 0;
    await brief(`nudge release ${id}`, 'USME0001');
    const why = '<@USME0001>, the only expert on outages, no longer has it';
    expect(deps.sent.filter((sent) => sent.channel === admin).map((sent) => sent.message.text)).toEqual([
      `Conversation ${id}, <https://news.example.com/a|Outage at Acme> in <#C0TALK>, which you asked for, has nobody to ask now: ${why}. Give it to someone: \`/brief nudge reassign ${id} @someone\` (they join its beat), or pick with the menu on its message.`,
    ]);
    expect((await brief(`nudge ${id}`)).text).toContain(
      `is waiting with nobody to ask: ${why} (posted just now)`,
    );
    const list = shown((await brief('nudge list')) as never);
    expect(list).toContain('Conversations in progress: 1 with nobody to ask');
    expect(list).toContain(`nobody to ask: ${why} · posted just now`);
    expect(JSON.stringify((await buildHome(deps, admin)).blocks)).toContain(
      `posted just now, nobody to ask: ${why}`,
    );
    // Taken back by that expert: the thread and whoever asked hear that nothing is needed any more.
    await brief(`nudge item #${nudgeRow(deps, id).itemId}`, member);
    deps.sent.length = 0;
    await brief(`nudge claim ${id}`, 'USME0001');
    expect(shown((await brief('nudge list')) as never)).toContain('1 claimed and awaiting a reply');
    expect(deps.sent.find((sent) => sent.threadTs)?.message.text).toBe(
      '<@USME0001> took this conversation; nothing more is needed from the admins.',
    );
    const taken = `Conversation ${id}, <https://news.example.com/a|Outage at Acme> in <#C0TALK>, which had nobody to ask, is now <@USME0001>'s: nothing is needed from you.`;
    expect(
      deps.sent
        .filter((sent) => [admin, member].includes(sent.channel))
        .map((sent) => [sent.channel, sent.message.text]),
    ).toEqual([
      [admin, taken],
      [member, taken],
    ]);
    // An ordinary claim given to someone else is no news to the admins.
    deps.sent.length = 0;
    await brief(`nudge reassign ${id} <@USME0002>`);
    expect(deps.sent.some((sent) => sent.message.text.includes('nothing more is needed'))).toBe(false);
    expect(deps.sent.some((sent) => sent.channel === member)).toBe(false);
  });

  it('an admin giving a conversation with nobody to ask to someone says so in its thread and to whoever asked', async () => {
    const id = await postedNudge('a', 'Outage at Acme', outages);
    await brief(`nudge item #${nudgeRow(deps, id).itemId}`, member);
    await brief('sme away me until friday', 'USME0001');
    deps.sent.length = 0;
    await brief(`nudge reassign ${id} <@USME0002>`);
    expect(deps.sent.find((sent) => sent.threadTs)?.message.text).toBe(
      `<@${admin}> gave this conversation to <@USME0002>; nothing more is needed from the admins.`,
    );
    expect(deps.sent.filter((sent) => sent.channel === member).map((sent) => sent.message.text)).toEqual([
      `Conversation ${id}, <https://news.example.com/a|Outage at Acme> in <#C0TALK>, which had nobody to ask, is now <@USME0002>'s: nothing is needed from you.`,
    ]);
  });

  it('an expert takes back their own dismissal within a day; anyone else, or later, asks an admin', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    const ts = nudgeRow(deps, id).messageTs;
    await brief(`nudge dismiss ${id} oops wrong one`, 'USME0001');
    expect((await brief(`nudge reopen ${id}`, 'USME0002')).text).toMatch(
      /^Sorry, only Briefbot admins can reopen conversations\./,
    );
    deps.sent.length = 0;
    expect((await brief(`nudge reopen ${id}`, 'USME0001')).text).toBe(
      `Conversation ${id} is open again, as before your dismissal: its message in <#C0TALK> offers *Claim*. Take it: \`/brief nudge claim ${id}\`.`,
    );
    expect(nudgeRow(deps, id).state).toBe('open');
    expect(deps.sent.find((sent) => sent.threadTs === ts)?.message.text).toBe(
      '<@USME0001> took back their dismissal of this conversation; it is open again. <@USME0001> <@USME0002>, can one of you take it? Press *Claim* above.',
    );
    // A day later it is the admins' call; the reply says what to ask for.
    await brief(`nudge dismiss ${id} not ours`, 'USME0001');
    deps.clock.set(new Date(deps.clock.now().getTime() + 25 * 3600_000));
    expect((await brief(`nudge reopen ${id}`, 'USME0001')).text).toBe(
      `You dismissed conversation ${id} more than a day ago, so only an admin can reopen it now: ask <@UADMIN01> or a workspace admin to send \`/brief nudge reopen ${id} &lt;why&gt;\`.`,
    );
    expect(nudgeRow(deps, id).state).toBe('dismissed');
  });

  it('/brief nudge list closed (replied, dismissed, expired) lists the conversations finished in the last 30 days', async () => {
    const replied = await postedNudge('a', 'Customers slam Acme pricing');
    const dismissed = await postedNudge('b', 'Initech raises prices');
    const old = await postedNudge('c', 'Globex prices leak');
    await brief(`nudge dismiss ${old} stale`, 'USME0001');
    deps.clock.set(new Date(deps.clock.now().getTime() + 31 * 24 * 3600_000));
    await brief(`nudge replied ${replied} https://social.example/1`, 'USME0001');
    await brief(`nudge dismiss ${dismissed} covered by PR`, 'USME0002');
    const closed = shown((await brief('nudge list closed')) as never);
    expect(closed).toContain('Conversations finished in the last 30 days (2)');
    expect(closed).toContain(
      `*${replied}* <https://news.example.com/a|Customers slam Acme pricing> in <#C0TALK> · pricing · replied by <@USME0001>: <https://social.example/1|the reply on social.example> just now · \`/brief nudge reopen ${replied}\``,
    );
    expect(closed).toContain(
      `dismissed by <@USME0002> (covered by PR) just now · \`/brief nudge reopen ${dismissed}\``,
    );
    expect(closed).not.toContain('Globex prices leak');
    const onlyDismissed = shown((await brief('nudge list dismissed', 'USME0002')) as never);
    expect(onlyDismissed).toContain('Conversations dismissed in the last 30 days (1)');
    expect(onlyDismissed).not.toContain('Customers slam Acme pricing');
    // Their own dismissal is theirs to undo: its reopen command is there for them, not for another expert.
    expect(onlyDismissed).toContain(`\`/brief nudge reopen ${dismissed}\``);
    expect(shown((await brief('nudge list dismissed', 'USME0001')) as never)).not.toContain('nudge reopen');
    expect((await brief('nudge list expired')).text).toBe(
      'No conversations expired in the last 30 days. In progress: `/brief nudge list`; older ones: `/brief changes nudges`.',
    );
  });

  it('a snooze never outlasts the conversation: it ends when the conversation expires, and the reply says so', async () => {
    deps.clock.set('2026-11-02T09:30:00Z');
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    deps.clock.set('2026-11-04T10:31:00Z');
    expect((await brief(`nudge snooze ${id} 1w`, 'USME0001')).text).toBe(
      `Snoozed: no reminders about conversation ${id} until Mon 9 Nov 09:30 UTC. The conversation expires then (7 days after the experts were asked), before the Wed 11 Nov 10:31 UTC you asked for: to keep it, claim it: \`/brief nudge claim ${id}\`. Snoozed by mistake? \`/brief nudge unsnooze ${id}\``,
    );
    expect(nudgeRow(deps, id).snoozedUntil).toEqual(new Date('2026-11-09T09:30:00Z').getTime());
    // The list does not promise it back: it expires then.
    expect(shown((await brief('nudge list')) as never)).toContain(
      '· snoozed until it expires Mon 9 Nov 09:30 UTC',
    );
    // Until Monday: reminders resume at 09:00, and it expires half an hour later: said.
    deps.clock.set('2026-11-03T10:00:00Z');
    expect((await brief(`nudge snooze ${id} until monday`, 'USME0001')).text).toContain(
      'until Mon 9 Nov 09:00 UTC (was until Mon 9 Nov 09:30 UTC, by you). The conversation expires Mon 9 Nov 09:30 UTC unless someone claims it.',
    );
    // Far from the expiry: nothing about it.
    expect((await brief(`nudge snooze ${id} 2d`, 'USME0001')).text).not.toContain('expires');
    // A week asked for a conversation found a moment ago is not "cut short" by seconds.
    deps.clock.set('2026-11-02T09:30:30Z');
    expect((await brief(`nudge snooze ${id} 1w`, 'USME0001')).text).toContain(
      'until Mon 9 Nov 09:30 UTC (was until Thu 5 Nov 10:00 UTC, by you). The conversation expires Mon 9 Nov 09:30 UTC unless someone claims it.',
    );
  });

  it('the claimant can snooze their reminder to reply; another expert is told only they or an admin can', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await claimNudge(deps, id, 'USME0002');
    expect((await brief(`nudge snooze ${id} until friday`, 'USME0002')).text).toBe(
      // Its 9 working hours end as Friday's do: the next reminder would be Monday 09:00, the expiry.
      `Snoozed: no reminder to reply to conversation ${id} until Fri 6 Nov 09:00 UTC. No reminder will come before the claim expires Mon 9 Nov 09:00 UTC: unless a reply is recorded by then, it ends unanswered. To be reminded first, snooze it for less: \`/brief nudge snooze ${id} 3d\`. Snoozed by mistake? \`/brief nudge unsnooze ${id}\``,
    );
    expect((await brief(`nudge snooze ${id} 2d`, 'USME0001')).text).toBe(
      `Conversation ${id} is claimed by <@USME0002>: reminders go to them, so only they (or an admin) can snooze it.`,
    );
    // Nor end it: the same rule both ways, so nobody restarts another's reply clock.
    expect((await brief(`nudge unsnooze ${id}`, 'USME0001')).text).toBe(
      `Conversation ${id} is claimed by <@USME0002>: its reminder to reply goes to them, so only they (or an admin) can end its snooze. Ask them in its thread.`,
    );
    // An admin ends it, so the refused unsnooze changed nothing: the claimant is told their reminder to reply counts from now.
    const before = deps.sent.length;
    expect((await brief(`nudge unsnooze ${id}`)).text).toBe(
      `Conversation ${id} is no longer snoozed (it was snoozed until Fri 6 Nov 09:00 UTC by <@USME0002>, who was told): its reminders count from now.`,
    );
    expect(deps.sent.slice(before).find((sent) => sent.channel === 'USME0002')?.message.text).toBe(
      `<@${admin}> ended your snooze of conversation ${id} (it was until Fri 6 Nov 09:00 UTC): your reminder to reply counts from now. \`/brief nudge ${id}\` shows where it stands.`,
    );
    // Near the claim's expiry: the claim is named, not "it", with what its expiry does.
    expect((await brief(`nudge snooze ${id} 1w`, 'USME0002')).text).toMatch(
      new RegExp(
        `\\. No reminder will come before the claim expires \\w{3} \\d+ Nov \\d\\d:\\d\\d UTC: unless a reply is recorded by then, it ends unanswered\\. To be reminded first, snooze it for less: \`/brief nudge snooze ${id} [1-5]d\`\\. Snoozed by mistake\\?`,
      ),
    );
  });

  it('removing the only expert redraws the waiting conversations and names those left without one', async () => {
    const id = await postedNudge('a', 'Outage at Acme', outages);
    const ts = nudgeRow(deps, id).messageTs;
    deps.sent.length = 0;
    expect((await brief('sme remove <@USME0001> outages')).text).toBe(
      `<@USME0001> no longer covers outages; still covers pricing. They were told by DM. No expert covers outages now. Left without an available expert: conversation ${id} (outages); its message now asks the admins to pick someone with the menu on it and its thread tells them so. Add one: \`/brief sme add @someone outages\`. To undo: \`/brief sme add @USME0001 outages\`.`,
    );
    expect(deps.sent.map((sent) => [sent.channel, sent.updates ?? sent.threadTs])).toEqual([
      ['USME0001', undefined],
      ['C0TALK', ts],
      ['C0TALK', ts],
    ]);
    deps.sent.shift();
    expect(shown(deps.sent[0]?.message)).toContain('No expert covers outages yet.');
    expect(shown(deps.sent[0]?.message)).not.toContain('<@USME0001>');
    expect(deps.sent[1]?.message.text).toBe(
      `<@${admin}>: this conversation has nobody to ask now: no expert covers outages. Pick someone with the menu above, or \`/brief nudge reassign ${id} @someone\`.`,
    );
  });

  it('taking an expert off a beat whose others are away says until when nobody is available', async () => {
    await brief('sme away <@USME0002> until friday');
    expect((await brief('sme remove <@USME0001> pricing')).text).toBe(
      '<@USME0001> no longer covers pricing; still covers outages. They were told by DM. No expert is available on pricing now: <@USME0002> is away until Fri 6 Nov (end of day, UTC). To undo: `/brief sme add @USME0001 pricing`.',
    );
  });

  it('taking an expert off a beat whose others are away gives their day in the admin’s own zone', async () => {
    deps.userTimeZones.set(admin, 'America/Los_Angeles');
    await brief('sme away <@USME0002> until friday');
    // The end of Friday in UTC is 16:00 in Los Angeles.
    expect((await brief('sme remove <@USME0001> pricing')).text).toContain(
      'No expert is available on pricing now: <@USME0002> is away until Fri 6 Nov 16:00 GMT-8.',
    );
  });

  it('an expert away by their own word: told in the second person, with no DM about themselves', async () => {
    const id = await postedNudge('a', 'Outage at Acme', outages);
    const held = await postedNudge('b', 'Customers slam Acme pricing');
    await claimNudge(deps, held, 'USME0001');
    deps.sent.length = 0;
    expect((await brief('sme away me until friday', 'USME0001')).text).toBe(
      `You are away until Fri 6 Nov (end of day, UTC): no nudges until then. Back sooner? \`/brief sme away me back\`. You still hold conversation ${held} (claimed just now): reply as planned, or hand it back: \`/brief nudge release ${held}\`. <@USME0002> covers pricing and can take it once you release it. Nobody else covers outages, so its new nudges ask the admins to pick someone until you are back; ask <@UADMIN01> or a workspace admin to add a cover: \`/brief sme add @someone outages\`. Left without an available expert: conversation ${id} (outages); its message now asks the admins to pick someone with the menu on it and its thread tells them so.`,
    );
    // The redrawn message notifies nobody: the admins are told in its thread.
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['C0TALK', 'C0TALK']);
    expect(shown(deps.sent[0]?.message)).toContain('The expert on outages is away');
    expect(deps.sent[1]?.message.text).toBe(
      `<@${admin}>: this conversation has nobody to ask now: the expert on outages is away: <@USME0001> until Fri 6 Nov (end of day, UTC). Pick someone with the menu above, or \`/brief nudge reassign ${id} @someone\`.`,
    );
    // Moving the return day strands nothing new: no second thread post.
    deps.sent.length = 0;
    expect((await brief('sme away me until saturday', 'USME0001')).text).not.toContain('its thread tells');
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['C0TALK']);
    deps.sent.length = 0;
    expect((await brief('sme away me back', 'USME0001')).text).toBe(
      `Welcome back: you get nudges again. Conversation ${id} (outages) is waiting: \`/brief nudge claim ${id}\` takes it.`,
    );
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['C0TALK']);
  });

  it('an expert marked away who claims is told so, and how to come back', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief('sme away <@USME0001> until friday');
    expect((await brief(`nudge claim ${id}`, 'USME0001')).text).toContain(
      '\nYou are marked away until Fri 6 Nov (end of day, UTC), so you get no other nudges until then. Back sooner? `/brief sme away me back`',
    );
    const other = await postedNudge('b', 'Initech sued over pricing');
    expect((await brief(`nudge claim ${other}`, 'USME0002')).text).not.toContain('away');
  });

  it('a claim on a topic no expert covers says so, and how an admin gives it', async () => {
    const globex = await createBeat(deps, { name: 'globex', query: 'globex' });
    const id = await postedNudge('a', 'Globex raises prices', globex);
    expect((await brief(`nudge claim ${id}`, 'USME0001')).text).toBe(
      `Sorry, no expert covers globex yet, so only an admin can claim conversation ${id}. Ask <@UADMIN01> or a workspace admin to put you on its beat: \`/brief sme add @USME0001 globex\`.`,
    );
  });
});

describe('/brief stats periods', () => {
  it.each([
    [
      'stats soon',
      'I can\'t read "soon" as a period. Try `/brief stats 7d`, `/brief stats 2w`, `/brief stats this week` or `/brief stats today` (any number of days up to 365).',
    ],
    ['stats yesterday', 'No conversations yesterday.'],
    ['stats last quarter', 'No conversations in Q3 2026.'],
    ['stats 1d', 'No conversations in the last 1 day.'],
    ['stats 2w', 'No conversations in the last 14 days.'],
    ['stats today', 'No conversations today.'],
    ['stats this week', 'No conversations this week (since Monday).'],
    ['stats 0d', 'No conversations in the last 1 day (you asked for 0; a day at least).'],
    ['stats 400d', 'No conversations in the last 365 days (you asked for 400; 365 at most).'],
    ['stats last week', 'No conversations in the last 7 days.'],
    ['stats last month', 'No conversations in October.'],
    ['stats past month', 'No conversations in the last 30 days.'],
    ['stats 14 days', 'No conversations in the last 14 days.'],
  ])('"/brief %s"', async (text, expected) => {
    expect((await brief(text)).text).toBe(expected);
  });
});

describe('claims, stats and the change log (the sixth expert audit)', () => {
  let feedId: number;
  let pricing: number;

  beforeEach(async () => {
    pricing = await createBeat(deps, { experts: [{ userId: 'USME0001' }, { userId: 'USME0002' }] });
    feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  });

  const postedNudge = (guid: string, title: string) =>
    postedNudgeAbout(deps, { feedId, guid, title, topicId: pricing });

  it("a claimant's snooze shows in nudge list, claims, nudge <n>, App Home and the channel message", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge snooze ${id} 3d`, 'USME0001');
    const until = 'Thu 5 Nov 09:00 UTC';
    const unsnooze = `(\`/brief nudge unsnooze ${id}\` ends it)`;
    expect(shown(deps.sent.at(-1)?.message)).toContain(
      `Claimed by <@USME0001>, who will reply. :zzz: Reminder to reply snoozed until ${until} by <@USME0001>.`,
    );
    expect(shown((await brief('nudge list')) as never)).toContain(
      '<@USME0001> claimed it just now · snoozed until Thu 5 Nov 09:00 UTC',
    );
    expect(shown((await brief('claims', 'USME0001')) as never)).toContain(
      `claimed just now, snoozed until ${until} ${unsnooze} — mark it replied`,
    );
    expect((await brief(`nudge ${id}`, 'USME0001')).text).toContain(
      `is yours (claimed just now; your reminder to reply is snoozed until ${until} ${unsnooze}).`,
    );
    expect((await brief(`nudge ${id}`, 'USME0002')).text).toContain(
      `is claimed by <@USME0001> (their reminder to reply is snoozed until ${until}), who will reply`,
    );
    expect(JSON.stringify(await buildHome(deps, 'USME0001'))).toContain(`snoozed until ${until} ${unsnooze}`);
    await brief(`nudge unsnooze ${id}`, 'USME0001');
    expect((await brief(`nudge ${id}`, 'USME0001')).text).not.toContain('snoozed');
    expect(shown(deps.sent.at(-1)?.message)).not.toContain('snoozed');
  });

  it("a claimant's snooze that runs into the claim's expiry says so in every view", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    expect((await brief(`nudge snooze ${id} 6d12h`, 'USME0001')).text).toContain(
      'No reminder will come before the claim expires Mon 9 Nov 09:00 UTC',
    );
    const lapses = ', so no reminder comes before the claim expires Mon 9 Nov 09:00 UTC';
    expect(shown((await brief('nudge list')) as never)).toContain(
      '<@USME0001> claimed it just now · snoozed until Sun 8 Nov 21:00 UTC, no reminder before the claim expires Mon 9 Nov 09:00 UTC',
    );
    expect(shown((await brief('claims', 'USME0001')) as never)).toContain(
      `snoozed until Sun 8 Nov 21:00 UTC${lapses} (\`/brief nudge unsnooze ${id}\` ends it)`,
    );
    expect((await brief(`nudge ${id}`, 'USME0001')).text).toContain(
      `your reminder to reply is snoozed until Sun 8 Nov 21:00 UTC${lapses}`,
    );
    expect((await brief(`nudge ${id}`, 'USME0002')).text).toContain(
      `their reminder to reply is snoozed until Sun 8 Nov 21:00 UTC${lapses}`,
    );
    expect(JSON.stringify(await buildHome(deps, 'USME0001'))).toContain(lapses);
    expect(JSON.stringify(await buildHome(deps, admin))).toContain('no reminder before the claim expires');
  });

  it('a snooze that ends before working hours start changes nothing, and says so', async () => {
    deps.clock.set('2026-11-03T04:56:00Z');
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge snooze ${id} until 9am`, 'USME0001')).text).toBe(
      `Reminders about conversation ${id} count working hours only (09:00-18:00, weekdays), and none come before Tue 3 Nov 09:00 UTC anyway: nothing changed. A longer snooze: \`/brief nudge snooze ${id} 1d\`.`,
    );
    expect(nudgeRow(deps, id).snoozedUntil).toBeNull();
    // One that reaches into working hours does hold reminders back.
    expect((await brief(`nudge snooze ${id} until 10am`, 'USME0001')).text).toMatch(
      /^Snoozed: no reminders about/,
    );
  });

  it('a snooze ending on a weekend that leaves no working hours for a reminder before the expiry is flagged', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    // Ends Sat 7 Nov, two days before the claim expires Mon 9 Nov 09:00, but reminders count
    // working hours only: the first 9 of them end Mon 18:00, after the expiry.
    const lapses = `No reminder will come before the claim expires Mon 9 Nov 09:00 UTC: unless a reply is recorded by then, it ends unanswered. To be reminded first, snooze it for less: \`/brief nudge snooze ${id} 3d\`.`;
    expect((await brief(`nudge snooze ${id} 5d`, 'USME0001')).text).toContain(lapses);
    expect(shown((await brief('nudge list')) as never)).toContain(
      'no reminder before the claim expires Mon 9 Nov',
    );
    // Until Fri 6 Nov 09:00: its 9 working hours end as Friday's do, and reminders go out in working
    // hours, so the next would be Monday 09:00, when the claim expires.
    expect((await brief(`nudge snooze ${id} 4d`, 'USME0001')).text).toContain(lapses);
    // The suggested length leaves a reminder (Fri 6 Nov 09:00): no warning.
    expect((await brief(`nudge snooze ${id} 3d`, 'USME0001')).text).not.toContain('No reminder');
    expect(shown((await brief('claims', 'USME0001')) as never)).not.toContain('no reminder comes');
  });

  it("a dismissal nobody claimed is on the dismissing expert's row and in their stats for me", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge dismiss ${id} covered by PR`, 'USME0001');
    expect(shown((await brief('stats')) as never)).toContain(
      '<@USME0001>: 1 conversation · 0 claimed · 0 replied · 1 dismissed as not relevant',
    );
    expect((await brief('stats for me', 'USME0001')).text).toContain('1 dismissed as not relevant');
    // A dismissal is finished: with another in progress, the row does not read "none finished yet".
    await brief(`nudge claim ${await postedNudge('b', 'Initech sued over pricing')}`, 'USME0001');
    expect((await brief('stats for me', 'USME0001')).text).toContain(
      '2 conversations · 1 claimed · 0 replied · 1 dismissed as not relevant · 1 in progress',
    );
  });

  it("a reply by command closes the claimant's DM, as a dismissal does", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    const dm = deps.sent.findLast((sent) => sent.channel === 'USME0001' && !sent.updates);
    const dmTs = `${1_700_000_000 + deps.sent.indexOf(dm as never) + 1}.000100`;
    await brief(`nudge replied ${id} https://social.example/a`, 'USME0001');
    const closed = deps.sent.find((sent) => sent.channel === 'USME0001' && sent.updates === dmTs);
    expect(shown(closed?.message)).toContain('You replied: https://social.example/a. A wrong link?');
    expect(actionIdsOf(closed?.message as never)).toEqual([]);
  });

  it("a release closes the claimant's DM, and a later credit redraws no DM the expert never got", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    const dm = deps.sent.findLast((sent) => sent.channel === 'USME0001' && !sent.updates);
    const dmTs = `${1_700_000_000 + deps.sent.indexOf(dm as never) + 1}.000100`;
    await brief(`nudge release ${id}`, 'USME0001');
    const closed = deps.sent.find((sent) => sent.channel === 'USME0001' && sent.updates === dmTs);
    expect(shown(closed?.message)).toContain(
      `You released conversation ${id}: it is open for the experts again`,
    );
    expect(actionIdsOf(closed?.message as never)).toEqual([]);
    const before = deps.sent.length;
    await brief(`nudge replied ${id} https://social.example/a @USME0001`);
    await brief(`nudge replied ${id} https://social.example/a @USME0002`);
    expect(deps.sent.slice(before).filter((sent) => sent.updates && sent.channel !== 'C0TALK')).toEqual([]);
  });

  it('"Earlier:" under a reopened conversation names who dismissed it, as /brief changes does', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge dismiss ${id} old news`, 'USME0001');
    await brief(`nudge reopen ${id} needs an answer`);
    expect((await brief(`nudge ${id}`, 'USME0002')).text).toContain(
      'Earlier: dismissed as not relevant by <@USME0001> (old news), reopened by <@UADMIN01>: “needs an answer”.',
    );
    expect(shown((await brief('changes nudges')) as never)).toContain(
      `reopened conversation ${id} (it was dismissed as not relevant by <@USME0001> (old news))`,
    );
  });

  it('a handed-on expert owes nothing: their row does not read "none finished yet"', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge reassign ${id} <@USME0002|sam>`);
    const text = shown((await brief('stats')) as never);
    expect(text).toContain(
      '<@USME0001>: 1 conversation · 1 claimed · 1 reassigned away by an admin · 0 replied · claim in',
    );
    expect(text).toContain(
      '<@USME0002>: 1 conversation · 1 reassigned to them by an admin · 0 replied (none finished yet)',
    );
  });

  it('a stats heading has one parenthesis at most: the period, or what was clamped', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    const headings = await Promise.all(
      ['stats 0d', 'stats 400d', 'stats this week'].map(async (text) => {
        const reply = await brief(text);
        return (reply.blocks[0] as { text: { text: string } }).text.text.split('\n')[0];
      }),
    );
    expect(headings).toEqual([
      '*Responses, last 1 day (you asked for 0; a day at least)*',
      '*Responses, last 365 days (you asked for 400; 365 at most)*',
      '*Responses, this week (since Monday)*',
    ]);
    expect(shown((await brief('stats')) as never)).toContain(
      'Times to claim and to reply are medians, wall-clock.',
    );
  });

  it('"nudge snooze 2 0h" asks for a length, and snoozes nothing', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    for (const length of ['0h', '0d', '0 minutes'])
      expect((await brief(`nudge snooze ${id} ${length}`, 'USME0001')).text).toBe(
        `A snooze needs a length: try \`/brief nudge snooze ${id} 2d\`, \`12h\`, \`90m\`, \`1d12h\`, \`1w\`, \`until monday\` or \`until 9am\` (a day if you give none; a week at most).`,
      );
    expect(nudgeRow(deps, id).snoozedUntil).toBeNull();
  });

  it('stats count a claim the expert released on their row, as /brief changes lists it', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge release ${id}`, 'USME0001');
    await brief(`nudge claim ${id}`);
    await brief(`nudge replied ${id} https://social.example/a`);
    expect(shown((await brief('stats')) as never)).toContain(
      '<@USME0001>: 1 conversation · 1 claimed · 1 released · 0 replied · claim in',
    );
    expect((await brief('stats 30d pricing @USME0001')).text).toMatch(
      /: 1 conversation · 1 claimed · 1 released/,
    );
  });

  it("stats say an admin's release of someone's claim was the admin's doing", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge release ${id}`);
    expect((await brief('stats @USME0001')).text).toContain(
      '1 conversation · 1 claimed · 1 released by an admin · 0 replied',
    );
    // Claimed again and given back: two claims against the two releases, so the figures add up.
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge release ${id}`, 'USME0001');
    const line = '1 conversation · 1 claimed (2 claims) · 1 released · 1 released by an admin · 0 replied';
    expect((await brief('stats me', 'USME0001')).text).toContain(line);
    expect(shown((await brief('stats')) as never)).toContain(`<@USME0001>: ${line}`);
    // Taken back from them twice: both counted, as their own releases are.
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge release ${id}`);
    expect((await brief('stats me', 'USME0001')).text).toContain(
      '1 claimed (3 claims) · 1 released · 1 released by an admin (2 times) · 0 replied',
    );
  });

  it('stats count the releases as they count the claims: two experts giving one conversation back make two releases', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    for (const expert of ['USME0002', 'USME0001']) {
      await brief(`nudge claim ${id}`, expert);
      await brief(`nudge release ${id}`, expert);
    }
    const stats = shown((await brief('stats')) as never);
    expect(stats).toContain('1 conversation · 1 claimed (2 claims) · 1 released (2 releases) · 0 replied');
    // Each expert's row has their one release: the two add up to the team's.
    expect(stats).toContain('<@USME0001>: 1 conversation · 1 claimed · 1 released · 0 replied');
    expect(stats).toContain('<@USME0002>: 1 conversation · 1 claimed · 1 released · 0 replied');
    // One expert giving it back twice: their own row counts both.
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge release ${id}`, 'USME0001');
    expect((await brief('stats me', 'USME0001')).text).toContain(
      '1 conversation · 1 claimed (2 claims) · 1 released (2 releases) · 0 replied',
    );
  });

  it("stats say an admin's dismissal of someone's claim was the admin's doing, and its reopening no reopen of theirs", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge dismiss ${id} handled by PR team`);
    expect((await brief('stats me', 'USME0001')).text).toContain(
      '1 conversation · 1 claimed · 1 dismissed by an admin · 0 replied · claim in',
    );
    // The admin is no expert: no row of theirs, and the expert rows add up to the total.
    const dismissed = shown((await brief('stats')) as never);
    expect(dismissed).toContain(
      '1 conversation · 1 claimed · 0 replied · 1 dismissed as not relevant by an admin',
    );
    expect(dismissed).toContain(
      '*By expert*\\n<@USME0001>: 1 conversation · 1 claimed · 1 dismissed by an admin · 0 replied · claim in 0 min · no reply timed"',
    );
    await brief(`nudge reopen ${id}`);
    const stats = shown((await brief('stats')) as never);
    // Reopened: in progress, not dismissed; the dismissal stays a trace that says it was taken back.
    expect(stats).toContain(
      '<@USME0001>: 1 conversation · 1 claimed · 1 dismissed by an admin, then reopened · 0 replied · 1 of these waiting on them again · claim in',
    );
    // As `nudge list` has it: waiting for a claim.
    expect(stats).toContain(
      '1 conversation · 1 claimed · 1 dismissed by an admin, then reopened · 0 replied (none finished yet) · 1 in progress (1 waiting for a claim)',
    );
    expect(stats).not.toContain('reopened by an admin');
    // Claimed and dismissed again: this dismissal stands, the earlier one is no longer "then reopened".
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge dismiss ${id} handled by PR team`);
    expect((await brief('stats me', 'USME0001')).text).toContain(
      '1 conversation · 1 claimed (2 claims) · 1 dismissed by an admin · 0 replied · claim in',
    );
  });

  it('stats say how many of an admin’s dismissals of an expert’s claims were reopened since', async () => {
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech sued over pricing');
    for (const id of [first, second]) {
      await brief(`nudge claim ${id}`, 'USME0001');
      await brief(`nudge dismiss ${id} handled by PR team`);
    }
    await brief(`nudge reopen ${first}`);
    expect((await brief('stats me', 'USME0001')).text).toContain(
      '2 conversations · 2 claimed · 2 dismissed by an admin (1 then reopened) · 0 replied',
    );
  });

  it('stats and App Home give an admin who dismissed an unclaimed conversation no expert row', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge dismiss ${id} not for us`);
    const stats = shown((await brief('stats')) as never);
    expect(stats).toContain(
      '1 conversation · 0 claimed · 0 replied · 1 dismissed as not relevant by an admin',
    );
    expect(stats).toContain('*By expert*\\nNone yet: no expert has claimed, replied to or dismissed one.');
    expect(JSON.stringify((await buildHome(deps, admin)).blocks)).not.toContain(`<@${admin}>:`);
  });
});

describe('stats built from what each expert did (the seventh expert audit)', () => {
  let pricing: number;
  let feedId: number;

  beforeEach(async () => {
    pricing = await createBeat(deps, { experts: [{ userId: 'USME0001' }, { userId: 'USME0002' }] });
    feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  });

  const postedNudge = (guid: string, title: string) =>
    postedNudgeAbout(deps, { feedId, guid, title, topicId: pricing });
  const homeText = async (userId: string) => JSON.stringify((await buildHome(deps, userId)).blocks);

  it('keeps the first expert\'s claim after a reassign and a release; the second is "reassigned to them" and "released"', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge reassign ${id} @USME0002`);
    await brief(`nudge release ${id}`, 'USME0002');
    const text = shown((await brief('stats')) as never);
    expect(text).toContain(
      '<@USME0001>: 1 conversation · 1 claimed · 1 reassigned away by an admin · 0 replied',
    );
    expect(text).toContain(
      '<@USME0002>: 1 conversation · 1 reassigned to them by an admin · 1 released · 0 replied',
    );
    // The headline counts the same conversations in the same words.
    expect(text).toContain('1 conversation · 1 claimed · 1 reassigned by an admin · 1 released');
    expect((await brief('stats me', 'USME0001')).text).toContain(
      'Responses for <@USME0001>, last 30 days: 1 conversation · 1 claimed · 1 reassigned away by an admin',
    );
    expect(await homeText('USME0001')).toContain(
      'You: 1 claimed · 1 reassigned away by an admin · 0 replied',
    );
  });

  it('keeps the claim and the reply of an expert whose reply an admin reopened, with the reopening', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    deps.clock.set(new Date(deps.clock.now().getTime() + 45 * 60_000));
    await brief(`nudge replied ${id} https://social.example/a`, 'USME0001');
    await brief(`nudge reopen ${id} need a better answer`);
    // The reply was made, as \`nudge ${id}\` says ("Earlier: replied by"): counted and timed.
    const line = '1 claimed · 1 replied (100% of the 1 that needed one) · 1 reopened by an admin';
    // Reopened, it waits for a claim again, on them as on anyone on the beat: one of their conversations.
    expect(shown((await brief('stats')) as never)).toContain(
      `<@USME0001>: 1 conversation · ${line} · 1 of these waiting on them again`,
    );
    const mine = (await brief('stats me', 'USME0001')).text;
    expect(mine).not.toContain('You have no conversations');
    expect(mine).toContain(
      `1 conversation · ${line} · 1 of these waiting on you again · claim in 0 min · reply in 45 min`,
    );
    // Home's line has no count of conversations to be one of.
    expect(await homeText('USME0001')).toContain(`You: ${line} · 1 waiting on you`);
  });

  it("says which of what waits on an expert is among their conversations and which is more, so an expert's row adds up", async () => {
    // One they hold, one reopened after their reply, and two on their beat nobody took.
    const held = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${held}`, 'USME0001');
    const reopened = await postedNudge('b', 'Initech sued over pricing');
    await brief(`nudge claim ${reopened}`, 'USME0001');
    await brief(`nudge replied ${reopened} https://social.example/b`, 'USME0001');
    await brief(`nudge reopen ${reopened} need a better answer`);
    const untaken = await postedNudge('c', 'Globex pricing backlash grows');
    const lapsed = await postedNudge('d', 'Acme price hike angers users');
    await expireNudge(deps, lapsed);
    const stats = shown((await brief('stats')) as never);
    expect(stats).toContain(
      '<@USME0001>: 2 conversations · 2 claimed · 1 replied (100% of the 1 that needed one) · 1 reopened by an admin · 1 in progress · 2 waiting on them (1 of these again, 1 more) · 1 more lapsed · claim in',
    );
    // With none of theirs waiting, what waits on them is all more.
    await brief(`nudge claim ${reopened}`, 'USME0002');
    expect((await brief('stats me', 'USME0001')).text).toContain('· 1 more waiting on you · 1 more lapsed ·');
    // With only theirs waiting, it is one of these.
    await brief(`nudge claim ${untaken}`, 'USME0002');
    await brief(`nudge release ${reopened}`, 'USME0002');
    expect((await brief('stats me', 'USME0001')).text).toContain(
      '· 1 of these waiting on you again · 1 more lapsed ·',
    );
  });

  it('keeps a release counted once the conversation moves on: replied by the expert or recorded by an admin', async () => {
    const recorded = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${recorded}`, 'USME0001');
    await brief(`nudge release ${recorded}`, 'USME0001');
    await brief(`nudge replied ${recorded} https://social.example/a @USME0001`);
    expect(shown((await brief('stats')) as never)).toContain(
      '<@USME0001>: 1 conversation · 1 claimed · 1 released · 1 replied (100% of the 1 that needed one) · 1 recorded by an admin',
    );
    const again = await postedNudge('b', 'Initech raises prices');
    await brief(`nudge claim ${again}`, 'USME0002');
    await brief(`nudge release ${again}`, 'USME0002');
    await brief(`nudge claim ${again}`, 'USME0002');
    await brief(`nudge replied ${again} https://social.example/b`, 'USME0002');
    expect(shown((await brief('stats')) as never)).toContain(
      '<@USME0002>: 1 conversation · 1 claimed (2 claims) · 1 released · 1 replied (100% of the 1 that needed one)',
    );
  });

  it("App Home's figures use the stats words, dismissals included", async () => {
    const released = await postedNudge('a', 'Customers slam Acme pricing');
    const dismissed = await postedNudge('b', 'Initech raises prices');
    await brief(`nudge claim ${released}`, 'USME0001');
    await brief(`nudge release ${released}`, 'USME0001');
    await brief(`nudge claim ${dismissed}`, 'USME0001');
    await brief(`nudge dismiss ${dismissed} off topic`, 'USME0001');
    const line = '2 claimed · 1 released · 0 replied · 1 dismissed as not relevant · no reply timed';
    expect((await brief('stats me', 'USME0001')).text).toContain(
      `2 conversations · ${line.replace(' · no reply timed', '')}`,
    );
    expect(await homeText('USME0001')).toContain(`You: ${line}`);
    expect(await homeText(admin)).toContain(`<@USME0001>: ${line}`);
  });

  it('says "given to you by @admin", not "claimed", for a conversation an admin gave, everywhere', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge reassign ${id} @USME0002`);
    expect((await brief(`nudge ${id}`, 'USME0002')).text).toContain(
      `is yours (given to you by <@${admin}> just now)`,
    );
    expect(shown((await brief('claims', 'USME0002')) as never)).toContain(
      `given to you by <@${admin}> just now`,
    );
    expect(shown((await brief('nudge list')) as never)).toContain(
      `<@USME0002> was given it by <@${admin}> just now`,
    );
    expect(await homeText(admin)).toContain(`<@USME0002> was given it by <@${admin}> just now`);
    expect(shown(deps.sent.findLast((sent) => sent.channel === 'C0TALK')?.message)).toContain(
      `Given to <@USME0002> (by <@${admin}>), who will reply.`,
    );
    expect((await brief('sme away @USME0002 until friday')).text).toContain(
      `conversation ${id} (given by <@${admin}> just now)`,
    );
    // Claimed by themselves: "claimed", as before.
    await brief(`nudge release ${id}`, 'USME0002');
    await brief(`nudge claim ${id}`, 'USME0001');
    expect((await brief(`nudge ${id}`, 'USME0001')).text).toContain('is yours (claimed just now)');
  });

  it('App Home shows snoozes as nudge list does: on a claim and on a conversation waiting', async () => {
    const claimed = await postedNudge('a', 'Customers slam Acme pricing');
    const waiting = await postedNudge('b', 'Initech raises prices');
    await brief(`nudge claim ${claimed}`, 'USME0001');
    await brief(`nudge snooze ${claimed} 2d`, 'USME0001');
    await brief(`nudge snooze ${waiting} 3d`, 'USME0001');
    const list = shown((await brief('nudge list')) as never);
    // The snooze's end, the same in every view, and never "due", which suggests a reminder then.
    expect(list).toContain('snoozed until Wed 4 Nov 09:00 UTC');
    expect(list).toContain('snoozed until Thu 5 Nov 09:00 UTC');
    expect(list).not.toContain('due again');
    const home = await homeText(admin);
    expect(home).toContain('<@USME0001> claimed it just now · snoozed until Wed 4 Nov 09:00 UTC');
    expect(home).toContain('waiting for a claim · snoozed until Thu 5 Nov 09:00 UTC');
    expect(await homeText('USME0002')).toContain(
      `snoozed until Thu 5 Nov 09:00 UTC · \`/brief nudge claim ${waiting}\``,
    );
  });

  it("a reassign entry names both experts, and is listed under both; a topic's changes include its conversations", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    await brief(`nudge reassign ${id} @USME0002`);
    const entry = `<@${admin}> reassigned conversation ${id} from <@USME0001> to <@USME0002>`;
    expect(shown((await brief('changes nudges')) as never)).toContain(entry);
    expect(shown((await brief('changes @USME0001')) as never)).toContain(entry);
    expect(shown((await brief('changes @USME0002')) as never)).toContain(entry);
    const topic = shown((await brief('changes pricing')) as never);
    expect(topic).toContain(entry);
    expect(topic).toContain(`<@USME0001> claimed conversation ${id}`);
  });

  it('a second snooze says which it replaced, and tells the one who set it', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge snooze ${id} 3d`, 'USME0002');
    const before = deps.sent.length;
    expect((await brief(`nudge snooze ${id} 1d`)).text).toContain(
      `until Tue 3 Nov 09:00 UTC (was until Thu 5 Nov 09:00 UTC, by <@USME0002>).`,
    );
    const told = deps.sent.slice(before).find((sent) => sent.channel === 'USME0002' && !sent.updates);
    expect(told?.message.text).toBe(
      `<@${admin}> changed your snooze of conversation ${id}: no reminders until Tue 3 Nov 09:00 UTC (was until Thu 5 Nov 09:00 UTC). \`/brief nudge ${id}\` shows where it stands.`,
    );
    // Typed with no length, it is the Snooze a day button: a longer snooze stays.
    await brief(`nudge snooze ${id} 3d`, 'USME0002');
    expect((await brief(`nudge snooze ${id}`)).text).toBe(
      `Already snoozed until Thu 5 Nov 09:00 UTC, by <@USME0002>: no reminders about it until then, so that snooze stays. A shorter one on purpose: \`/brief nudge snooze ${id} 1d\`.`,
    );
    await brief(`nudge snooze ${id} 1d`);
    // Their own snooze changed: said, with no DM.
    expect((await brief(`nudge snooze ${id} 2d`)).text).toContain(
      'until Wed 4 Nov 09:00 UTC (was until Tue 3 Nov 09:00 UTC, by you).',
    );
    // `changes` says which snooze each replaced or ended, and lists it under its author too.
    await brief(`nudge unsnooze ${id}`);
    const theirs = shown((await brief('changes @USME0002')) as never);
    expect(theirs).toContain(`<@USME0002> snoozed conversation ${id} until Thu 5 Nov 09:00 UTC`);
    expect(theirs).toContain(
      `<@${admin}> snoozed conversation ${id} until Tue 3 Nov 09:00 UTC (was until Thu 5 Nov 09:00 UTC, by <@USME0002>)`,
    );
    const mine = shown((await brief('changes nudges')) as never);
    expect(mine).toContain(
      `<@${admin}> snoozed conversation ${id} until Wed 4 Nov 09:00 UTC (was until Tue 3 Nov 09:00 UTC)`,
    );
    expect(mine).toContain(`<@${admin}> unsnoozed conversation ${id} (was until Wed 4 Nov 09:00 UTC)`);
  });

  it("an admin's snooze of a claimant's reminder to reply is told them by DM, with how to undo it", async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge claim ${id}`, 'USME0001');
    const before = deps.sent.length;
    expect((await brief(`nudge snooze ${id} 1d`)).text).toBe(
      `Snoozed: no reminder to reply to conversation ${id} until Tue 3 Nov 09:00 UTC. <@USME0001>, who has it, was told. Snoozed by mistake? \`/brief nudge unsnooze ${id}\``,
    );
    const told = deps.sent.slice(before).filter((sent) => sent.channel === 'USME0001' && !sent.updates);
    expect(told.map((sent) => sent.message.text)).toEqual([
      `<@${admin}> snoozed your reminder to reply to "Customers slam Acme pricing" (${id}) until Tue 3 Nov 09:00 UTC: no reminder to reply until then. To be reminded as before: \`/brief nudge unsnooze ${id}\`.`,
    ]);
    // The admin ends their snooze: the claimant hears that too.
    const ended = deps.sent.length;
    expect((await brief(`nudge unsnooze ${id}`)).text).toBe(
      `Conversation ${id} is no longer snoozed: its reminders count from now. <@USME0001>, who has it, was told.`,
    );
    expect(
      deps.sent
        .slice(ended)
        .filter((sent) => sent.channel === 'USME0001' && !sent.updates)
        .map((sent) => sent.message.text),
    ).toEqual([
      `<@${admin}> ended the snooze of your reminder to reply to conversation ${id} (it was until Tue 3 Nov 09:00 UTC): your reminder to reply counts from now. \`/brief nudge ${id}\` shows where it stands.`,
    ]);
    // Their own snooze, changed by the admin: one DM, the one saying it changed.
    await brief(`nudge snooze ${id} 2d`, 'USME0001');
    const again = deps.sent.length;
    await brief(`nudge snooze ${id} 3d`);
    expect(
      deps.sent.slice(again).filter((sent) => sent.channel === 'USME0001' && !sent.updates),
    ).toHaveLength(1);
    // The claimant snoozing their own reminder is told nothing more.
    const own = deps.sent.length;
    expect((await brief(`nudge snooze ${id} 1d`, 'USME0001')).text).not.toContain('was told');
    expect(deps.sent.slice(own).filter((sent) => sent.channel === 'USME0001' && !sent.updates)).toEqual([]);
  });

  it('a snooze to the same end, typed another way, changes nothing and is not recorded', async () => {
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    await brief(`nudge snooze ${id} 1d12h`, 'USME0001');
    const recorded = await deps.db.prisma.auditEvent.count({ where: { action: 'nudge.snooze' } });
    expect((await brief(`nudge snooze ${id} 36h`, 'USME0001')).text).toBe(
      `Already snoozed until Wed 4 Nov 09:00 UTC: nothing changed. \`/brief nudge unsnooze ${id}\` ends it.`,
    );
    expect((await brief(`nudge snooze ${id} 36h`, 'USME0002')).text).toBe(
      `Already snoozed until Wed 4 Nov 09:00 UTC, by <@USME0001>: nothing changed. \`/brief nudge unsnooze ${id}\` ends it.`,
    );
    expect(await deps.db.prisma.auditEvent.count({ where: { action: 'nudge.snooze' } })).toBe(recorded);
  });

  it('changes says an expert marked themselves away, not their own name twice', async () => {
    await brief('sme away me until friday', 'USME0001');
    expect(shown((await brief('changes')) as never)).toContain(
      '<@USME0001> marked themselves away until Fri 6 Nov (end of day, UTC)',
    );
  });

  it('marking an expert away warns about their snoozes on conversations waiting, with unsnooze', async () => {
    const first = await postedNudge('a', 'Customers slam Acme pricing');
    const second = await postedNudge('b', 'Initech raises prices');
    await brief(`nudge snooze ${first} 3d`, 'USME0001');
    await brief(`nudge snooze ${second} 2d`, 'USME0001');
    expect((await brief('sme away @USME0001 until friday')).text).toContain(
      `<@USME0001>'s snoozes on conversations ${first}, ${second} keep <@USME0002> from being reminded: \`/brief nudge unsnooze &lt;number&gt;\` ends one.`,
    );
    await brief(`nudge unsnooze ${second}`);
    expect((await brief('sme away me until saturday', 'USME0001')).text).toContain(
      `Your snooze on conversation ${first} keeps <@USME0002> from being reminded: \`/brief nudge unsnooze ${first}\` ends it.`,
    );
    // Someone else's snooze is not theirs to answer for.
    expect((await brief('sme away @USME0002 until friday')).text).not.toContain('snooze');
  });

  it('a bare user id names a person as a mention does, in every command', async () => {
    await brief('sme add UEXPERT03 pricing');
    expect(shown((await brief('sme list')) as never)).toContain('<@UEXPERT03>');
    const id = await postedNudge('a', 'Customers slam Acme pricing');
    expect((await brief(`nudge replied ${id} https://social.example/a UEXPERT03`)).text).toContain(
      "Recorded <@UEXPERT03>'s reply",
    );
    expect((await brief('stats UEXPERT03')).text).toMatch(
      /^Responses for <@UEXPERT03>, last 30 days: 1 conversation/,
    );
    expect(shown((await brief('changes UEXPERT03')) as never)).toContain('by or about <@UEXPERT03>');
    // The stats hint shows how to look up a colleague.
    expect((await brief('stats xyz')).text).toContain('`/brief stats @someone`');
  });
});
