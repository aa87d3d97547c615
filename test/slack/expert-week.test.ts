import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { storeItems } from '../../src/db/items.ts';
import { beatExperts, nudgeNewItems } from '../../src/engage/nudges.ts';
import { runMinuteJobs } from '../../src/jobs/background.ts';
import { analyzeFeedBody } from '../../src/monitor/analyze.ts';
import { Action } from '../../src/slack/ids.ts';
import {
  answerSlackApi,
  commandReplyAt,
  type HookReplies,
  type HttpApp,
  hooks,
  interactionBody,
  interactionFrom,
  postToSlack,
  recordHookReplies,
  type SlackCall,
  slashCommandBody,
  startHttpApp,
  waitFor,
} from '../helpers/slack-http.ts';

/**
 * An expert's week of nudges, in Slack's HTTP mode: signed requests to Bolt's receiver, Slack's
 * Web API and response URLs answered at the HTTP boundary, real SQLite, real feed bytes, and the
 * minute job run on an injected clock. The marketer works in New York (DEFAULT_TIMEZONE); the
 * security engineer in Singapore, 13 hours ahead; the pricing lead in London, with a colleague in
 * New York. It asserts what each of them sees, and when.
 */

const marketer = 'UMKT0001';
const security = 'USEC0001';
const pricingLead = 'UPRC0001';
const colleague = 'UPRC0002';
const zones: Record<string, string> = {
  [marketer]: 'America/New_York',
  [security]: 'Asia/Singapore',
  [pricingLead]: 'Europe/London',
  [colleague]: 'America/New_York',
};
/** Accounts Slack reports as deactivated (users.info `deleted: true`), as when someone leaves. */
const deactivated = new Set<string>();

const clock = createManualClock('2026-11-23T13:30:00Z');
let app: HttpApp;
let calls: SlackCall[] = [];
const hookReplies: HookReplies = new Map();
let hookCount = 0;

beforeAll(async () => {
  app = await startHttpApp(
    {
      BRIEFBOT_ADMINS: marketer,
      DEFAULT_TIMEZONE: 'America/New_York',
      SOCIAL_POLICY_URL: 'https://intranet.example.com/policy',
    },
    { backgroundJobs: false },
  );
  app.running.deps.clock = clock;
}, 60_000);

afterAll(async () => {
  await app.stop();
});

// test/setup.ts clears nock after each test: Slack is answered again for each.
beforeEach(() => {
  calls = [];
  recordHookReplies(hookReplies);
  answerSlackApi(calls, ({ method, body }) => {
    if (method === 'users.info')
      return {
        ok: true,
        user: {
          id: body.user,
          tz: zones[body.user ?? ''] ?? 'UTC',
          deleted: deactivated.has(body.user ?? ''),
        },
      };
    // Slack refuses to open a DM with a deactivated account.
    if (method === 'conversations.open' && deactivated.has(body.users ?? ''))
      return { ok: false, error: 'user_disabled' };
    return undefined;
  });
});

/** `/brief <text>` as `userId` types it: the reply Slack shows (its last response-URL message). */
async function command(text: string, userId: string = marketer): Promise<string> {
  const path = `/commands/${++hookCount}`;
  const response = await postToSlack(app, slashCommandBody(text, userId, `${hooks}${path}`));
  expect(response.status).toBe(200);
  const reply = await commandReplyAt(hookReplies, path, `a reply to /brief ${text}`);
  return String(reply.text);
}

/** All the last reply showed (its text and blocks): a list or help reply says most in its blocks. */
function lastReplyShown(): string {
  const reply = hookReplies.get(`/commands/${hookCount}`)?.at(-1);
  return `${reply?.text ?? ''}\n${JSON.stringify(reply?.blocks ?? [])}`;
}

/** A button pressed on a message (a phone's tap): what the presser is told, by response URL. */
async function press(
  userId: string,
  actionId: string,
  nudgeId: number,
  where: { channel: string; ts: string },
  done?: () => SlackCall | undefined,
): Promise<string> {
  const path = `/actions/${++hookCount}`;
  const payload = {
    type: 'block_actions',
    user: { id: userId, name: userId.toLowerCase() },
    team: { id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    container: { type: 'message', message_ts: where.ts, channel_id: where.channel },
    channel: { id: where.channel, name: where.channel.toLowerCase() },
    message: { type: 'message', ts: where.ts, text: 'A conversation to join' },
    trigger_id: '1.2.3',
    response_url: `${hooks}${path}`,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: `nudge_${nudgeId}`,
        value: String(nudgeId),
        action_ts: '1',
      },
    ],
  };
  expect((await postToSlack(app, interactionBody(payload))).status).toBe(200);
  // A press that works answers with what it changed (`done`), not with a reply of its own.
  if (done) return shownIn(await waitFor(done, `what ${actionId} changed`));
  const reply = await waitFor(() => hookReplies.get(path)?.at(-1), `a reply to ${actionId}`);
  return String(reply.text);
}

/** One story from a real RSS body, stored as the poller stores it; the nudges the minute job makes of it. */
async function storyArrives(guid: string, title: string, text: string): Promise<number[]> {
  const { sqlite, prisma } = app.running.deps.db;
  const feedUrl = 'https://news.example.com/rss';
  const feed =
    (sqlite.prepare('SELECT id FROM feeds WHERE url = ?').get(feedUrl) as { id: number | bigint } | undefined)
      ?.id ??
    sqlite
      .prepare(
        "INSERT INTO feeds (url, title, kind, next_poll_at, created_at, updated_at) VALUES (?, 'Example News', 'news', ?, 0, 0)",
      )
      .run(feedUrl, Date.parse('2027-01-01T00:00:00Z')).lastInsertRowid;
  const topics = await prisma.topic.findMany({ select: { id: true, query: true } });
  const parsed = await analyzeFeedBody(
    `<rss version="2.0"><channel><title>Example News</title><item><guid>${guid}</guid><title>${title}</title><link>https://news.example.com/${guid}</link><pubDate>${clock.now().toUTCString()}</pubDate><description>${text}</description></item></channel></rss>`,
    feedUrl,
    topics,
  );
  const stored = sqlite.transaction(() =>
    storeItems(sqlite, parsed.items, { feedId: Number(feed), backlog: false, now: clock.now() }),
  )();
  return nudgeNewItems(app.running.deps, stored.inserted);
}

/** A story that arrives at `at` and is posted in `channel`: its conversation, the post Slack got, and its ts. */
async function storyPosted(
  at: string,
  channel: string,
  story: { guid: string; title: string; text: string },
): Promise<{ id: number; post: SlackCall | undefined; ts: string }> {
  clock.set(at);
  const before = calls.length;
  const created = await storyArrives(story.guid, story.title, story.text);
  expect(created, story.guid).toHaveLength(1);
  const id = created[0] as number;
  const post = calls
    .slice(before)
    // Its post, not a thread reminder the background job may post meanwhile.
    .find(
      (call) => call.method === 'chat.postMessage' && call.body.channel === channel && !call.body.thread_ts,
    );
  const { messageTs } = await app.running.deps.db.prisma.nudge.findUniqueOrThrow({ where: { id } });
  return { id, post, ts: String(messageTs) };
}

/** The minute job at each of these times (UTC); the Web API calls it made. */
async function minuteJobsAt(...times: string[]): Promise<SlackCall[]> {
  const before = calls.length;
  for (const at of times) {
    clock.set(at);
    await runMinuteJobs(app.running.deps);
  }
  return calls.slice(before);
}

/** Every 15 minutes from `from` to `to` (UTC), both included. */
function every15Minutes(from: string, to: string): string[] {
  const times: string[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to); at += 15 * 60_000)
    times.push(new Date(at).toISOString());
  return times;
}

/** What a call showed: its fallback text and blocks. */
function shownIn(call: SlackCall | undefined): string {
  return call ? `${call.body.text}\n${call.body.blocks ?? ''}` : '';
}

/** The security topic's id. */
const securityTopic = () =>
  Number(app.running.deps.db.sqlite.prepare("SELECT id FROM topics WHERE name = 'security'").pluck().get());

const threadPosts = (seen: SlackCall[], ts: string) =>
  seen.filter((call) => call.method === 'chat.postMessage' && call.body.thread_ts === ts);

describe("an expert's week of nudges, on a phone", () => {
  let securityNudge: number;
  let securityTs: string;
  let pricingNudge: number;
  let pricingTs: string;

  it('Monday, New York morning: the marketer sets up two beats, one expert in Singapore, two on pricing', async () => {
    clock.set('2026-11-23T13:30:00Z');
    expect(await command('topics add security security OR vulnerability OR breach')).toMatch(
      /^Added topic \*security\*/,
    );
    expect(await command('topics add pricing pricing OR "price increase" -job')).toMatch(
      /^Added topic \*pricing\*/,
    );
    expect(await command('topics set security channel=<#C0SEC|security> threshold=0.3')).toContain(
      'nudges go to <#C0SEC>',
    );
    expect(await command('topics set pricing channel=<#C0TALK|talk> threshold=0.3')).toContain(
      'nudges go to <#C0TALK>',
    );
    expect(await command(`sme add <@${security}|wei> security`)).toContain(
      `<@${security}> now covers security`,
    );
    expect(await command(`sme add <@${pricingLead}|ana> pricing`)).toContain(
      `<@${pricingLead}> now covers pricing`,
    );
    expect(await command(`sme add <@${colleague}|sam> pricing`)).toContain(
      `<@${colleague}> now covers pricing`,
    );
    // Each expert's time zone is read from their Slack profile, for their working hours.
    const smes = await app.running.deps.db.prisma.sme.findMany({ orderBy: { userId: 'asc' } });
    expect(smes.map((sme) => [sme.userId, sme.timezone])).toEqual([
      [pricingLead, 'Europe/London'],
      [colleague, 'America/New_York'],
      [security, 'Asia/Singapore'],
    ]);
  });

  it('09:00 in New York (22:00 in Singapore): a security story is posted in #security, naming its expert without waking them', async () => {
    const before = calls.length;
    const posted = await storyPosted('2026-11-23T14:00:00Z', 'C0SEC', {
      guid: 'sec-1',
      title: 'Critical vulnerability in Acme SSO lets attackers bypass login, researchers warn of breach',
      text: 'Researchers slam Acme over a critical vulnerability: attackers can bypass login, and customers fear a breach.',
    });
    ({ id: securityNudge, ts: securityTs } = posted);
    const { post } = posted;
    // 22:00 in Singapore: the post @-mentions nobody; an edit (which notifies nobody) then names them.
    expect(shownIn(post)).not.toContain(`<@${security}>`);
    expect(shownIn(post)).toContain(
      '*The expert on this beat is outside their working hours now*, so nobody is pinged: they get a DM when their own working day starts, if nobody has claimed it by then.',
    );
    expect(shownIn(post)).toContain(Action.NudgeClaim);
    const named = calls
      .slice(before)
      .find((call) => call.method === 'chat.update' && call.body.ts === securityTs);
    // The redraw keeps what the post said: not pinged, and when their DM comes (09:00 in Singapore).
    expect(shownIn(named)).toContain(
      `*Expert on this beat*: <@${security}> — can you take it? _Outside working hours now, so not pinged: a DM comes at 09:00 their time (Mon 23 Nov 20:00 GMT-5) if nobody has claimed it by then._`,
    );
    // On a phone, what happens if nobody acts, and by when, in one line.
    expect(shownIn(post)).toContain(
      'If nobody claims it, the experts are reminded here after 4 working hours and the admins are told after 9; it expires Mon 30 Nov 09:00 GMT-5.',
    );
  });

  it('its reminder waits for the Singapore morning: no @-mention at 02:00 their time, and the admins hear only after it', async () => {
    // Four New York working hours later is 02:00 in Singapore: nobody is pinged through that night.
    const night = await minuteJobsAt(...every15Minutes('2026-11-23T18:00:00Z', '2026-11-24T00:45:00Z'));
    expect(threadPosts(night, securityTs)).toEqual([]);
    expect(
      night.filter((call) => call.method === 'chat.postMessage' && call.body.channel === `D${marketer}`),
    ).toEqual([]);
    expect(
      night.filter((call) => call.method === 'chat.postMessage' && call.body.channel === `D${security}`),
    ).toEqual([]);
    // 09:00 in Singapore: the reminder falls due as their DM owed since the post goes out. One message
    // reaches them, the DM: the reminder in the thread says so and pings nobody, and later passes send neither again.
    const morning = await minuteJobsAt(
      '2026-11-24T01:00:00Z',
      '2026-11-24T01:01:00Z',
      '2026-11-24T01:30:00Z',
    );
    const reminders = threadPosts(morning, securityTs);
    expect(reminders).toHaveLength(1);
    expect(shownIn(reminders[0])).toContain(
      'This conversation is still waiting for someone to take it: the expert on this beat was sent a DM about it at 09:00 their time (Mon 23 Nov 20:00 GMT-5), so is not pinged again. Press *Claim* above.',
    );
    expect(shownIn(reminders[0])).not.toContain(`<@${security}>`);
    const dms = morning.filter(
      (call) => call.method === 'chat.postMessage' && call.body.channel === `D${security}`,
    );
    expect(dms).toHaveLength(1);
    expect(shownIn(dms[0])).toContain(
      ':sunrise: While you were off, a conversation on your beat was posted in <#C0SEC> (you were not pinged then), and nobody has claimed it yet.',
    );
    expect(shownIn(dms[0])).toContain(Action.NudgeClaim);
  });

  it('10:00 in New York: a pricing story; the pricing lead claims it from their phone, the colleague loses the race', async () => {
    const posted = await storyPosted('2026-11-23T15:00:00Z', 'C0TALK', {
      guid: 'price-1',
      title: 'Customers slam Acme pricing in backlash over price increase',
      text: 'Customers slam the pricing change: a backlash over the price increase, with angry threads and cancellations.',
    });
    ({ id: pricingNudge, ts: pricingTs } = posted);
    expect(shownIn(posted.post)).toContain(`<@${pricingLead}> <@${colleague}> — can one of you take it?`);
    clock.set('2026-11-23T15:05:00Z');
    const dm = await press(
      pricingLead,
      Action.NudgeClaim,
      pricingNudge,
      { channel: 'C0TALK', ts: pricingTs },
      () =>
        calls.find((call) => call.method === 'chat.postMessage' && call.body.channel === `D${pricingLead}`),
    );
    expect(dm).toContain(`You claimed conversation ${pricingNudge} just now.`);
    expect(dm).toContain(Action.NudgeMarkReplied);
    // The claimant knows by when: their reminder, the admins after it, the claim's expiry.
    expect(dm).toContain(
      '*By when:* with no reply recorded, you get a reminder after 9 of your working hours, and the admins are told a working day later; the claim expires Mon 30 Nov 15:05 GMT, and the conversation with it.',
    );
    expect(
      await press(colleague, Action.NudgeClaim, pricingNudge, { channel: 'C0TALK', ts: pricingTs }),
    ).toMatch(new RegExp(`^Already claimed by <@${pricingLead}>`));
  });

  it('Tuesday, the pricing lead leaves mid-claim: when their reminder would come, the admins are told at once, naming the colleague', async () => {
    deactivated.add(pricingLead);
    // Nine of London's working hours after the claim (Monday 15:05): Tuesday 15:05 UTC. Nothing before.
    const before = await minuteJobsAt('2026-11-24T15:00:00Z');
    expect(before.filter((call) => call.method === 'conversations.open')).toEqual([]);
    const due = await minuteJobsAt('2026-11-24T15:05:00Z');
    // No reminder is sent to an account Slack has deactivated.
    expect(
      due.filter((call) => call.method === 'conversations.open' && call.body.users === pricingLead),
    ).toEqual([]);
    const alert = due.find(
      (call) => call.method === 'chat.postMessage' && call.body.channel === `D${marketer}`,
    );
    expect(shownIn(alert)).toContain(
      `<@${pricingLead}> claimed "Customers slam Acme pricing in backlash over price increase" (conversation ${pricingNudge}) in <#C0TALK> 24 h ago and has recorded no reply, and their Slack account is deactivated (they may have left), so they were not reminded and will not reply.`,
    );
    expect(shownIn(alert)).toContain(
      `\`/brief nudge reassign ${pricingNudge} @${colleague}\` (<@${colleague}> covers pricing and is in)`,
    );
    // Told once.
    const later = await minuteJobsAt('2026-11-24T16:00:00Z', '2026-11-25T15:00:00Z');
    expect(
      later.filter(
        (call) =>
          call.method === 'chat.postMessage' &&
          call.body.channel === `D${marketer}` &&
          String(call.body.text).includes(`conversation ${pricingNudge}`),
      ),
    ).toEqual([]);
  });

  it('the marketer hands it to the colleague, who gets the DM with Mark replied, and the message names them', async () => {
    clock.set('2026-11-25T15:10:00Z');
    const reply = await command(`nudge reassign ${pricingNudge} <@${colleague}|sam>`);
    expect(reply).toContain(`Conversation ${pricingNudge} is now <@${colleague}>'s`);
    const dm = calls.find(
      (call) => call.method === 'chat.postMessage' && call.body.channel === `D${colleague}`,
    );
    expect(shownIn(dm)).toContain(Action.NudgeMarkReplied);
    const redraw = calls.find((call) => call.method === 'chat.update' && call.body.ts === pricingTs);
    expect(shownIn(redraw)).toContain(`Given to <@${colleague}> (by <@${marketer}>), who will reply`);
  });

  it('Tuesday morning in Singapore: the security engineer claims on their phone, hands it back from the DM; old buttons answer with where it stands', async () => {
    clock.set('2026-11-24T01:30:00Z');
    const dm = await press(
      security,
      Action.NudgeClaim,
      securityNudge,
      { channel: 'C0SEC', ts: securityTs },
      () => calls.find((call) => call.method === 'chat.postMessage' && call.body.channel === `D${security}`),
    );
    expect(dm).toContain('*By when:*');
    clock.set('2026-11-24T02:00:00Z');
    const thread = await press(
      security,
      Action.NudgeRelease,
      securityNudge,
      { channel: `D${security}`, ts: '1.1' },
      () =>
        calls.find(
          (call) =>
            call.method === 'chat.postMessage' &&
            call.body.thread_ts === securityTs &&
            /released/.test(call.body.text ?? ''),
        ),
    );
    // The only expert on security gave it back: the thread asks the marketer, not them again.
    expect(thread).toContain(
      `<@${security}> released this conversation; it is open again. <@${marketer}>: <@${security}> is the only expert available on security, so reassign it`,
    );
    // The old DM's buttons, tapped after the change, answer with where the conversation stands.
    expect(
      await press(security, Action.NudgeMarkReplied, securityNudge, { channel: `D${security}`, ts: '1.1' }),
    ).toBe(
      `Conversation ${securityNudge} is not waiting for your reply. \`/brief claims\` lists the ones that are.`,
    );
    expect(
      await press(security, Action.NudgeRelease, securityNudge, { channel: `D${security}`, ts: '1.1' }),
    ).toBe(`Nobody has claimed conversation ${securityNudge}, so there is nothing to release.`);
  });

  it('Wednesday: the colleague, already holding conversation 2, claims two more; each DM says what else is theirs', async () => {
    const stories = [
      [
        'price-2',
        'Is per-seat pricing dead? Analysts slam the Acme price increase',
        'Analysts slam the price increase and ask whether per-seat pricing is dead.',
      ],
      [
        'price-3',
        'Acme customers threaten to cancel over surprise pricing backlash',
        'A backlash over surprise pricing: customers threaten to cancel and criticise the price increase.',
      ],
    ] as const;
    const claimed: number[] = [];
    for (const [i, [guid, title, text]] of stories.entries()) {
      const { id, ts } = await storyPosted(`2026-11-25T15:${20 + i * 10}:00Z`, 'C0TALK', {
        guid,
        title,
        text,
      });
      const before = calls.length;
      const dm = await press(colleague, Action.NudgeClaim, id, { channel: 'C0TALK', ts }, () =>
        calls
          .slice(before)
          .find((call) => call.method === 'chat.postMessage' && call.body.channel === `D${colleague}`),
      );
      claimed.push(id);
      expect(dm, guid).toContain(
        i === 0
          ? `You also hold conversation ${pricingNudge}: \`/brief claims\` lists it`
          : `You also hold conversations ${pricingNudge} and ${claimed[0]}: \`/brief claims\` lists them`,
      );
    }
    expect(await command(`nudge claim ${claimed[1]}`, colleague)).toContain('You already claimed');
  });

  it('the colleague replies with a link; a late tap on the old Claim button answers with the reply, and the marketer reads the stats', async () => {
    clock.set('2026-11-25T16:00:00Z');
    const link = 'https://www.linkedin.com/feed/update/urn:li:activity:42/';
    expect(await command(`nudge replied ${pricingNudge} ${link}`, colleague)).toBe(
      `Thank you: your reply to conversation ${pricingNudge} is recorded (${link}). To correct the link, send the command again with the right one.`,
    );
    expect(
      await press(pricingLead, Action.NudgeClaim, pricingNudge, { channel: 'C0TALK', ts: pricingTs }),
    ).toBe(
      `Conversation ${pricingNudge} was already answered by <@${colleague}>: nothing more to do. \`/brief nudge ${pricingNudge}\` shows the reply.`,
    );
    expect(await command('nudge stats')).toBe(
      'I don\'t know "/brief nudge stats". Did you mean `/brief stats 30d`?',
    );
    expect(await command('stats 7d')).toMatch(
      /^Responses, last 7 days: 4 conversations · 4 claimed · 1 reassigned by an admin · 1 released · 1 replied \(100% of the 1 that needed one\) · 3 in progress/,
    );
  });

  it('Thursday: the security engineer goes on holiday, the colleague snoozes one claim; reminders follow who is in', async () => {
    clock.set('2026-11-26T02:00:00Z');
    // Thursday 10:00 in Singapore: "monday" is read as the engineer's own Monday, and shown so.
    const away = await command('sme away me until monday', security);
    expect(away).toMatch(
      /^You are away until Mon 30 Nov \(end of day, your time, GMT\+8\): no nudges until then\./,
    );
    expect(away).toContain(
      'Nobody else covers security, so its new nudges ask the admins to pick someone until you are back',
    );
    // The marketer, in New York, reads when that is in their own time: the end of Monday in Singapore.
    await command('sme list');
    expect(lastReplyShown()).toContain(`<@${security}> — security · _away until Mon 30 Nov 11:00 GMT-5_`);
    const { id: breach, post } = await storyPosted('2026-11-26T14:00:00Z', 'C0SEC', {
      guid: 'sec-2',
      title: 'Acme admits data breach exposed customer records, critics slam response',
      text: 'A data breach: critics slam Acme over the exposed records and a slow response.',
    });
    expect(shownIn(post)).toContain(`*The expert on security is away:* <@${security}> until Mon 30 Nov`);
    expect(shownIn(post)).toContain(Action.NudgeAssignSme);
    const [, third, fourth] = (
      await app.running.deps.db.prisma.nudge.findMany({
        where: { claimantId: colleague },
        orderBy: { id: 'asc' },
        select: { id: true },
      })
    ).map((nudge) => nudge.id);
    expect(await command(`nudge snooze ${fourth} until monday`, colleague)).toBe(
      `Snoozed: no reminder to reply to conversation ${fourth} until Mon 30 Nov 09:00 GMT-5. Snoozed by mistake? \`/brief nudge unsnooze ${fourth}\``,
    );
    const later = await minuteJobsAt(...every15Minutes('2026-11-26T14:15:00Z', '2026-11-27T23:45:00Z'));
    // The reminders the colleague got (a DM of the days before that Slack's answer brought in late,
    // under a loaded machine, is no reminder and not counted).
    const dms = later.filter(
      (call) =>
        call.method === 'chat.postMessage' &&
        call.body.channel === `D${colleague}` &&
        call.body.text?.startsWith('A reminder:'),
    );
    // The snoozed claim sends no reminder; the other one does, once.
    expect(
      dms.map((call) => call.body.text?.match(/conversation (\d+)/)?.[1]),
      JSON.stringify(dms.map((call) => [call.body.text?.slice(0, 160), call.ts])),
    ).toEqual([String(third)]);
    // The reminder's by-when speaks of what comes after it, not of itself.
    expect(shownIn(dms[0])).toContain(
      '*By when:* with still no reply, the admins are told 9 of your working hours after this reminder; the claim expires Wed 2 Dec 10:20 GMT-5',
    );
    expect(shownIn(dms[0])).not.toContain('you get a reminder after');
    // Nobody @-mentions the engineer on holiday: the admins are asked about the breach instead.
    expect(later.filter((call) => JSON.stringify(call.body).includes(`<@${security}>:`))).toEqual([]);
    const alerts = later.filter(
      (call) => call.method === 'chat.postMessage' && call.body.channel === `D${marketer}`,
    );
    expect(
      alerts.some((call) => call.body.text?.startsWith(`Nobody has claimed conversation ${breach}`)),
    ).toBe(true);
  });

  it('Monday: "not mine, wrong beat": the colleague moves a pricing story to security, whose expert is asked and claims it from the DM', async () => {
    // Away ends with Monday in Singapore (16:00 UTC), not with Monday in New York.
    clock.set('2026-11-30T16:00:00Z');
    expect((await beatExperts(app.running.deps, securityTopic())).smes).toEqual([security]);
    clock.set('2026-11-30T13:55:00Z');
    expect(await command('sme away me back', security)).toMatch(/^Welcome back: you get nudges again\./);
    // The expert's help names the way to send a story to another beat.
    await command('nudge help', colleague);
    expect(lastReplyShown()).toContain('`/brief nudge move 12 security` — for another beat');
    const { id, ts } = await storyPosted('2026-11-30T14:00:00Z', 'C0TALK', {
      guid: 'price-4',
      title: 'Acme price increase email exposed customer list, critics slam pricing team',
      text: 'The pricing email went to every customer with the full list attached: critics slam the price increase and the leak.',
    });
    // One they hold is given back as it moves: see nudge-draft.test.ts, "typed by its holder".
    clock.set('2026-11-30T14:10:00Z');
    const before = calls.length;
    expect(await command(`nudge move ${id} security a data leak, not pricing`, colleague)).toBe(
      `Conversation ${id} is now on security (was pricing): its message and thread now ask <@${security}>, who got a DM with *Claim*. It stays in <#C0TALK>; its reminders count from now.`,
    );
    const moved = calls.slice(before);
    const redraw = moved.find((call) => call.method === 'chat.update' && call.body.ts === ts);
    expect(shownIn(redraw)).toContain('*A conversation to join* on *security*');
    expect(shownIn(redraw)).toContain(`*Expert on this beat*: <@${security}> — can you take it?`);
    expect(shownIn(threadPosts(moved, ts)[0])).toContain(
      `<@${colleague}> moved this conversation from pricing to security (“a data leak, not pricing”). <@${security}>, can you take it? Press *Claim* above.`,
    );
    const dm = moved.find(
      (call) => call.method === 'chat.postMessage' && call.body.channel === `D${security}`,
    );
    expect(shownIn(dm)).toContain(Action.NudgeClaim);
    // From the DM, on a phone: Claim.
    const claimed = await press(security, Action.NudgeClaim, id, { channel: `D${security}`, ts: '2.2' }, () =>
      calls.slice(before + moved.length).find((call) => call.method === 'chat.update' && call.body.ts === ts),
    );
    expect(claimed).toContain(`Claimed by <@${security}>, who will reply.`);
    await command('changes nudges');
    expect(lastReplyShown()).toContain(
      `<@${colleague}> moved conversation ${id} from pricing to security: “a data leak, not pricing”`,
    );
  });
});

describe("an expert's Slack account, looked up before a nudge names them", () => {
  const lee = 'UOPS0001';
  const kim = 'UOPS0002';
  const usersInfo = (seen: SlackCall[], user: string) =>
    seen.filter((call) => call.method === 'users.info' && call.body.user === user);
  const toMarketer = (seen: SlackCall[]) =>
    seen.filter((call) => call.method === 'chat.postMessage' && call.body.channel === `D${marketer}`);

  it('Tuesday: two experts on outages; the first outage story names both', async () => {
    zones[lee] = 'Europe/London';
    zones[kim] = 'America/New_York';
    clock.set('2026-12-01T14:00:00Z');
    await command('topics add outages outage OR downtime');
    await command('topics set outages channel=<#C0OPS|ops> threshold=0.3');
    await command(`sme add <@${lee}|lee> outages`);
    await command(`sme add <@${kim}|kim> outages`);
    const { post } = await storyPosted('2026-12-01T15:00:00Z', 'C0OPS', {
      guid: 'ops-1',
      title: 'Acme outage: customers slam hours of downtime, critics blast response',
      text: 'A major outage: customers slam the downtime and critics blast the slow response.',
    });
    expect(shownIn(post)).toContain(`*Experts on this beat*: <@${lee}> <@${kim}> — can one of you take it?`);
  });

  it('Lee leaves: the next day, a new story names only Kim, and the admins are told once, with what to do', async () => {
    deactivated.add(lee);
    const before = calls.length;
    const { post } = await storyPosted('2026-12-02T15:10:00Z', 'C0OPS', {
      guid: 'ops-2',
      title: 'Second Acme outage in a week: customers slam downtime again',
      text: 'Another outage: customers slam the downtime and ask whether Acme can be trusted.',
    });
    expect(shownIn(post)).toContain(`*Expert on this beat*: <@${kim}> — can you take it?`);
    expect(shownIn(post)).not.toContain(`<@${lee}>`);
    const [told, ...more] = toMarketer(calls.slice(before));
    expect(more).toEqual([]);
    expect(shownIn(told)).toContain(
      `<@${lee}>'s Slack account is deactivated (they may have left), so new nudges no longer name them. \`/brief sme remove @${lee}\` takes them off, or hand their beat to someone: \`/brief sme add @someone outages\` (<@${kim}> covers outages).`,
    );
  });

  it('a third story the same day: Slack is not asked again (once in 6 hours per expert), and the admins are not told twice', async () => {
    const before = calls.length;
    const { post } = await storyPosted('2026-12-02T16:30:00Z', 'C0OPS', {
      guid: 'ops-3',
      title: 'Acme outage postmortem slammed by critics as vague',
      text: 'Critics slam the outage postmortem as vague; customers want answers about the downtime.',
    });
    expect(shownIn(post)).toContain(`*Expert on this beat*: <@${kim}> — can you take it?`);
    const seen = calls.slice(before);
    expect(usersInfo(seen, lee)).toEqual([]);
    expect(usersInfo(seen, kim)).toEqual([]);
    expect(toMarketer(seen)).toEqual([]);
  });

  it('with Kim off the beat, the message says Lee has left and asks the admins; when Slack cannot say, an expert is named as before', async () => {
    clock.set('2026-12-03T15:00:00Z');
    await command(`sme remove <@${kim}|kim> outages`);
    const { post } = await storyPosted('2026-12-03T15:10:00Z', 'C0OPS', {
      guid: 'ops-4',
      title: 'Acme outage hits payments, customers slam downtime',
      text: 'The outage hit payments; customers slam the downtime.',
    });
    expect(shownIn(post)).toContain(
      `*The expert on outages, <@${lee}>, has left Slack (account deactivated).* Admins, pick someone for this one`,
    );
    expect(shownIn(post)).toContain(Action.NudgeAssignSme);
    await command(`sme add <@${kim}|kim> outages`);
    // Slack fails the look-up of a new expert: they are named, and looked up again at the next post.
    const ray = 'UOPS0003';
    await command(`sme add <@${ray}|ray> outages`);
    calls.length = 0;
    nock.cleanAll();
    answerSlackApi(calls, ({ method, body }) => {
      if (method === 'users.info' && body.user === ray) return { ok: false, error: 'missing_scope' };
      if (method === 'users.info')
        return {
          ok: true,
          user: {
            id: body.user,
            tz: zones[body.user ?? ''] ?? 'UTC',
            deleted: deactivated.has(body.user ?? ''),
          },
        };
      return undefined;
    });
    nock(hooks).persist().post(/.*/).optionally().reply(200, { ok: true });
    const { post: next } = await storyPosted('2026-12-03T15:20:00Z', 'C0OPS', {
      guid: 'ops-5',
      title: 'Acme outage report slammed: customers angry over downtime',
      text: 'Customers slam the outage report and the downtime.',
    });
    expect(shownIn(next)).toContain(`<@${kim}> <@${ray}> — can one of you take it?`);
    expect(usersInfo(calls, ray).length).toBeGreaterThan(0);
  });

  it('Kim leaves that afternoon: a story over 6 hours after their last look-up, the same day, no longer names them', async () => {
    // Kim was last looked up at the 15:20 story; Slack now says the account is deactivated.
    deactivated.add(kim);
    const before = calls.length;
    const { post } = await storyPosted('2026-12-03T21:30:00Z', 'C0OPS', {
      guid: 'ops-6',
      title: 'Acme outage again tonight: customers slam the downtime',
      text: 'Another outage tonight; customers slam the downtime and the silence.',
    });
    const seen = calls.slice(before);
    expect(usersInfo(seen, kim)).toHaveLength(1);
    expect(shownIn(post)).not.toContain(`<@${kim}>`);
    expect(shownIn(toMarketer(seen)[0])).toContain(
      `<@${kim}>'s Slack account is deactivated (they may have left)`,
    );
  });
});

describe('a story that comes in the night of some experts on its beat', () => {
  const yui = 'UBIL0001';
  const dan = 'UBIL0002';
  const dmsTo = (seen: SlackCall[], user: string) =>
    seen.filter((call) => call.method === 'chat.postMessage' && call.body.channel === `D${user}`);
  const morningDms = () =>
    app.running.deps.db.sqlite
      .prepare(
        "SELECT subject, recipient, due_at AS dueAt FROM deliveries WHERE kind = 'nudge-morning' AND recipient LIKE 'UBIL%' ORDER BY id",
      )
      .safeIntegers(false)
      .all() as Array<{ subject: string; recipient: string; dueAt: number | null }>;
  let first: number;
  let second: number;

  it('10:00 in New York, midnight in Tokyo: only the New York expert is pinged; the Tokyo one is owed a DM for 09:00 their time', async () => {
    zones[yui] = 'Asia/Tokyo';
    zones[dan] = 'America/New_York';
    clock.set('2026-12-03T15:30:00Z');
    await command('topics add billing billing OR invoice');
    await command('topics set billing channel=<#C0BILL|billing> threshold=0.3');
    await command(`sme add <@${yui}|yui> billing`);
    await command(`sme add <@${dan}|dan> billing`);
    const posted = await storyPosted('2026-12-03T15:40:00Z', 'C0BILL', {
      guid: 'bill-1',
      title: 'Customers slam Acme billing errors: invoice chaos and backlash',
      text: 'A backlash over billing errors: customers slam the invoice chaos and threaten to leave.',
    });
    first = posted.id;
    expect(shownIn(posted.post)).toContain(
      `*Expert on this beat*: <@${dan}> — can you take it? (One other expert on this beat is outside their working hours: not pinged now, they get a DM when their day starts if nobody has claimed it.)`,
    );
    expect(shownIn(posted.post)).not.toContain(`<@${yui}>`);
    // Recorded in the database before the post: a process killed now still sends it, once.
    expect(morningDms()).toEqual([
      { subject: String(first), recipient: yui, dueAt: Date.parse('2026-12-04T00:00:00Z') },
    ]);
  });

  it('a second story, claimed before Tokyo wakes: no DM about it; the first one is DMed once at 09:00 in Tokyo', async () => {
    const posted = await storyPosted('2026-12-03T16:00:00Z', 'C0BILL', {
      guid: 'bill-2',
      title: 'Acme invoice backlash grows as critics slam billing portal',
      text: 'Critics slam the billing portal; the invoice backlash grows.',
    });
    second = posted.id;
    clock.set('2026-12-03T16:05:00Z');
    await press(dan, Action.NudgeClaim, second, { channel: 'C0BILL', ts: posted.ts }, () =>
      calls.find((call) => call.method === 'chat.postMessage' && call.body.channel === `D${dan}`),
    );
    const night = await minuteJobsAt('2026-12-03T23:45:00Z');
    expect(dmsTo(night, yui)).toEqual([]);
    const morning = await minuteJobsAt(
      '2026-12-04T00:00:00Z',
      '2026-12-04T00:01:00Z',
      '2026-12-04T00:30:00Z',
    );
    const [dm, ...more] = dmsTo(morning, yui);
    expect(more).toEqual([]);
    expect(shownIn(dm)).toContain(`${first}: `);
    expect(shownIn(dm)).not.toContain(`${second}: `);
    expect(morningDms().map((row) => [row.subject, row.recipient, row.dueAt])).toEqual([
      [String(first), yui, null],
      [String(second), yui, null],
    ]);
  });

  it('Friday 18:30 in New York, Saturday in Tokyo: nobody on the beat is working, so the post pings nobody and each hears at the start of their Monday', async () => {
    const posted = await storyPosted('2026-12-04T23:30:00Z', 'C0BILL', {
      guid: 'bill-3',
      title: 'Acme billing fiasco: customers slam double-charged invoices',
      text: 'Customers slam Acme over double-charged invoices and a billing fiasco.',
    });
    expect(shownIn(posted.post)).toContain(
      '*The 2 experts on this beat are outside their working hours now*, so nobody is pinged: each gets a DM when their own working day starts',
    );
    expect(shownIn(posted.post)).not.toMatch(/<@UBIL/);
    expect(morningDms().filter((row) => row.subject === String(posted.id))).toEqual([
      { subject: String(posted.id), recipient: yui, dueAt: Date.parse('2026-12-07T00:00:00Z') },
      { subject: String(posted.id), recipient: dan, dueAt: Date.parse('2026-12-07T14:00:00Z') },
    ]);
  });

  it('Monday: "Not mine" on the message opens a form of the other beats; submitted, the story goes to security, as `nudge move` does', async () => {
    clock.set('2026-12-07T15:00:00Z');
    const story = await app.running.deps.db.prisma.nudge.findFirstOrThrow({
      where: { channelId: 'C0BILL', state: 'open', item: { title: { contains: 'fiasco' } } },
    });
    const where = { channel: 'C0BILL', ts: String(story.messageTs) };
    // Someone off the beat is refused at once, before any form.
    expect(await press('UOPS0002', Action.NudgeNotMine, story.id, where)).toBe(
      `Sorry, only the experts on billing (<@${yui}>, <@${dan}>) or an admin can move conversation ${story.id}. Ask <@${marketer}> or a workspace admin to put you on the beat: \`/brief sme add @UOPS0002 billing\`; or ask <@${yui}>, <@${dan}> in its thread.`,
    );
    const before = calls.length;
    await press(dan, Action.NudgeNotMine, story.id, where, () =>
      calls.slice(before).find((call) => call.method === 'views.open'),
    );
    const form = JSON.parse(
      String(calls.slice(before).find((call) => call.method === 'views.open')?.body.view),
    ) as { callback_id: string; blocks: Array<{ element?: { options?: Array<{ value: string }> } }> };
    expect(form.callback_id).toBe('nudge_move');
    const options = form.blocks
      .flatMap((block) => block.element?.options ?? [])
      .map((option) => option.value);
    expect(options).toEqual(['outages', 'pricing', 'security']);
    const submitted = calls.length;
    const response = await postToSlack(
      app,
      interactionFrom(dan, {
        type: 'view_submission',
        trigger_id: '1.2.3',
        view: {
          id: 'V0MOVE',
          type: 'modal',
          callback_id: 'nudge_move',
          private_metadata: String(story.id),
          state: {
            values: {
              topic: { value: { type: 'static_select', selected_option: { value: 'security' } } },
              reason: { value: { type: 'plain_text_input', value: 'a breach, not billing' } },
            },
          },
        },
      }),
    );
    expect(response.status).toBe(200);
    const told = await waitFor(
      () =>
        calls
          .slice(submitted)
          .find((call) => call.method === 'chat.postMessage' && call.body.channel === `D${dan}`),
      'the move told to its mover',
    );
    expect(shownIn(told)).toContain(
      `Conversation ${story.id} is now on security (was billing): its message and thread now ask <@${security}>, who got a DM with *Claim*.`,
    );
    const thread = threadPosts(calls.slice(submitted), String(story.messageTs));
    expect(shownIn(thread[0])).toContain(
      `<@${dan}> moved this conversation from billing to security (“a breach, not billing”).`,
    );
  });

  it('an expert in Tokyo who holds one goes away until Friday, their time: the admins’ list says when that is in New York', async () => {
    clock.set('2026-12-08T01:00:00Z');
    const first = await app.running.deps.db.prisma.nudge.findFirstOrThrow({
      where: { channelId: 'C0BILL', state: 'open' },
      orderBy: { id: 'asc' },
    });
    expect(await command(`nudge claim ${first.id}`, yui)).toContain(`You claimed conversation ${first.id}`);
    expect(await command('sme away me until friday', yui)).toMatch(
      /^You are away until Fri 11 Dec \(end of day, your time, GMT\+9\)/,
    );
    // The end of Friday in Tokyo is 10:00 on Friday in New York, where the marketer reads the list.
    await command('nudge list');
    expect(lastReplyShown()).toContain(`<@${yui}> (away until Fri 11 Dec 10:00 GMT-5)`);
  });
});

describe('away days and morning DMs, each in the words of whoever reads them', () => {
  const mei = 'USUP0001';
  const ray = 'USUP0002';
  const adminInSingapore = 'UADMSG01';
  const asker = 'UEXE0LDN';
  const dmsTo = (seen: SlackCall[], user: string) =>
    seen.filter((call) => call.method === 'chat.postMessage' && call.body.channel === `D${user}`);
  let conversation: number;
  let config: typeof app.running.deps.config;

  beforeAll(() => {
    zones[mei] = 'Asia/Singapore';
    zones[ray] = 'America/New_York';
    zones[adminInSingapore] = 'Asia/Singapore';
    zones[asker] = 'Europe/London';
    // A second admin, in Singapore: the marketer's New York is DEFAULT_TIMEZONE.
    config = app.running.deps.config;
    app.running.deps.config = { ...config, BRIEFBOT_ADMINS: [marketer, adminInSingapore] };
  });

  afterAll(() => {
    app.running.deps.config = config;
  });

  it('10:00 in New York, 23:00 in Singapore: whoever asks for a response is told who gets it in their morning, and when', async () => {
    clock.set('2026-12-14T15:00:00Z');
    await command('topics add support support OR helpdesk');
    await command('topics set support channel=<#C0SUP|support> threshold=0.3');
    await command(`sme add <@${mei}|mei> support`);
    await command(`sme add <@${ray}|ray> support`);
    // A calm story: nobody is asked until someone asks.
    expect(
      await storyArrives(
        'sup-1',
        'Acme support adds a helpdesk chat',
        'Acme support now offers a helpdesk chat.',
      ),
    ).toEqual([]);
    const reply = await command('nudge https://news.example.com/sup-1', asker);
    conversation = Number(/conversation (\d+)/.exec(reply)?.[1]);
    // Who was pinged first, in the line that says what happened; when the other is asked, below.
    expect(reply).toContain(
      `to respond (conversation ${conversation}): <@${ray}> pinged now; the others are outside their working hours.`,
    );
    expect(reply).toContain(
      `\n<@${mei}> in Singapore gets a DM at 09:00 their time on Tue 15 Dec (Tue 15 Dec 01:00 GMT your time), unless someone claims it first.`,
    );
  });

  it('the expert in Singapore claims it and goes away until Wednesday, their time: `nudge list` says that day in each viewer’s zone', async () => {
    clock.set('2026-12-14T15:05:00Z');
    expect(await command(`nudge claim ${conversation}`, mei)).toContain(
      `You claimed conversation ${conversation}`,
    );
    expect(await command('sme away me until wednesday', mei)).toMatch(
      /^You are away until Wed 16 Dec \(end of day, your time, GMT\+8\)/,
    );
    // Another story asked about while she is away: taking it, she is told her away day, in her time.
    await storyArrives('sup-2', 'Acme helpdesk hours extended', 'The Acme helpdesk now opens on weekends.');
    const second = Number(
      /conversation (\d+)/.exec(await command('nudge https://news.example.com/sup-2', asker))?.[1],
    );
    expect(await command(`nudge claim ${second}`, mei)).toContain(
      'You are marked away until Wed 16 Dec (end of day, GMT+8), so you get no other nudges until then.',
    );
    await command('nudge list', adminInSingapore);
    expect(lastReplyShown()).toContain(`<@${mei}> (away until Wed 16 Dec)`);
    // The end of Wednesday in Singapore is 11:00 that day in New York.
    await command('nudge list', marketer);
    expect(lastReplyShown()).toContain(`<@${mei}> (away until Wed 16 Dec 11:00 GMT-5)`);
  });

  it('when her reminder would come, each admin is told in their own zone that she is away, and when the claim expires', async () => {
    // 9 of her working hours after the claim: Wednesday 09:00 in Singapore, still away.
    const seen = await minuteJobsAt(...every15Minutes('2026-12-15T09:00:00Z', '2026-12-16T01:30:00Z'));
    // One DM each about each conversation she holds: the first one's.
    const about = (user: string) =>
      dmsTo(seen, user).filter((call) => shownIn(call).includes(`(conversation ${conversation})`));
    const [inSingapore, ...moreSg] = about(adminInSingapore);
    const [inNewYork, ...moreNy] = about(marketer);
    expect([moreSg, moreNy]).toEqual([[], []]);
    expect(shownIn(inSingapore)).toContain(`<@${mei}> (away until Wed 16 Dec) claimed`);
    expect(shownIn(inSingapore)).toMatch(/Their claim expires \w{3} \d+ Dec \d\d:\d\d GMT\+8/);
    expect(shownIn(inNewYork)).toContain(`<@${mei}> (away until Wed 16 Dec 11:00 GMT-5) claimed`);
    expect(shownIn(inNewYork)).toMatch(/Their claim expires \w{3} \d+ Dec \d\d:\d\d GMT-5/);
  });

  it('a story nobody claims while she is away: the escalation names her away day in each admin’s zone', async () => {
    // Quick follow-through, so it escalates before she is back (the end of Wednesday in Singapore).
    app.running.deps.config = {
      ...app.running.deps.config,
      NUDGE_REMIND_AFTER_HOURS: 1,
      NUDGE_ESCALATE_AFTER_HOURS: 1,
    };
    clock.set('2026-12-16T13:30:00Z');
    await storyArrives('sup-3', 'Acme helpdesk adds French', 'The Acme helpdesk now answers in French.');
    const third = Number(
      /conversation (\d+)/.exec(await command('nudge https://news.example.com/sup-3', asker))?.[1],
    );
    const seen = await minuteJobsAt(...every15Minutes('2026-12-16T14:00:00Z', '2026-12-16T15:30:00Z'));
    const about = (user: string) =>
      dmsTo(seen, user).filter((call) => shownIn(call).includes(`Nobody has claimed conversation ${third}`));
    const [inSingapore] = about(adminInSingapore);
    const [inNewYork] = about(marketer);
    expect(shownIn(inSingapore)).toContain(
      `Asked: <@${ray}>; away: <@${mei}> until Wed 16 Dec (end of day, GMT+8).`,
    );
    expect(shownIn(inNewYork)).toContain(`Asked: <@${ray}>; away: <@${mei}> until Wed 16 Dec 11:00 GMT-5.`);
  });
});
