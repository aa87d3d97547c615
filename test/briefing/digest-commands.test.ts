import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { FeedbackKind, feedbackByChannel, recordFeedback } from '../../src/briefing/feedback.ts';
import { parseWeekday } from '../../src/briefing/schedules.ts';
import { parseDigestSpec } from '../../src/commands/digest.ts';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { createNudge, postPendingNudges } from '../../src/engage/nudges.ts';
import { formatDateTime } from '../../src/format.ts';
import { PostError } from '../../src/outbox.ts';
import { buildHome } from '../../src/slack/home.ts';
import { read } from '../helpers/commands.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { channelPosts, createFeed, createTopic, digestRuns, storeFeedItems } from '../helpers/digest.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
let deps: TestDeps;
let items: Record<string, number>;

beforeEach(async () => {
  // Monday 2 Nov 2026, 09:00 UTC.
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
  await createTopic(deps, 'pricing', 'pricing OR price*');
  await createTopic(deps, 'outages', 'outage*');
  const feed = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  deps.clock.set('2026-11-02T08:30:00Z');
  items = await storeFeedItems(deps, feed, [
    { guid: 'p1', title: 'Acme pricing goes up' },
    { guid: 'o1', title: 'Acme outage in Europe' },
  ]);
  deps.clock.set('2026-11-02T09:00:00Z');
});
afterEach(async () => {
  await deps.cleanup();
});

function brief(text: string, userId = admin): Promise<Reply> {
  return runCommand(deps, { userId, channelId: 'C0CHANNEL', text });
}

const run = () => runDueDigests(deps, { owner: 'test', catchUpHours: 6 });

describe('a digest or follow before there is anything to post', () => {
  it('warns when it is saved, and digest now gives the reason rather than promising the next one', async () => {
    const fresh = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
    try {
      const on = (text: string, userId = admin) =>
        runCommand(fresh, { userId, channelId: 'C0CHANNEL', text }).then((reply) => reply.text);
      const added = await on('digest add <#C0123ABCD|exec> daily 09:00');
      expect(added).toContain(
        'Briefbot reads no feeds and follows no topics yet, so this digest has nothing to post until you set them up: `/brief feeds add &lt;url&gt;`, then `/brief topics add &lt;name&gt; &lt;query&gt;`.',
      );
      const now = await on('digest now 1');
      expect(now).toBe(
        'Nothing was posted to <#C0123ABCD>. Briefbot reads no feeds and follows no topics yet, so it has nothing to post until you set them up: `/brief feeds add &lt;url&gt;`, then `/brief topics add &lt;name&gt; &lt;query&gt;`.',
      );
      await createTopic(fresh, 'acme', 'acme');
      expect(await on('follow everything', member)).toContain(
        `Briefbot reads no feeds yet, so it has nothing to post yet: ask <@${admin}> or a workspace admin to set up feeds.`,
      );
      // Once both are there, no warning.
      await createFeed(fresh, { host: 'https://news.example.com' });
      expect(await on('digest add <#C0OTHER|other> daily 10:00')).not.toContain('nothing to post');
    } finally {
      await fresh.cleanup();
    }
  });
});

describe('/brief digest add', () => {
  it('says a bare number is read as an hour, with the size it might have meant, as follow does', async () => {
    expect((await brief('digest add <#C0NEWS|news> daily 7 topics: pricing')).text).toMatch(
      /up to 8 items\. "7" is read as 07:00 \(for 7 items: `max 7`\)\. Make sure/,
    );
    expect((await brief('digest add <#C0NEWS|news> daily 9:30 topics: outages')).text).not.toMatch(
      /is read as/,
    );
    expect((await brief('follow pricing weekdays 8', member)).text).toMatch(
      /weekdays at 08:00 UTC.*\. "8" is read as 08:00 \(for 8 items: `max 8`\)\. It is digest/,
    );
    // With a size typed, the number is the hour: no size suggested over the one given.
    expect((await brief('follow pricing weekdays 8 max 3', member)).text).toMatch(
      /up to 3 items \(was up to 8 items\)\. "8" is read as 08:00\. It is digest/,
    );
  });

  it('creates the schedule the text describes', async () => {
    const reply = await brief(
      'digest add <#C0NEWS|news> weekly mon 09:00 Europe/Berlin topics: pricing, outages max 5 quiet: skip',
    );
    expect(reply.text).toBe(
      'Digest 1 for <#C0NEWS>: every Monday at 09:00 Europe/Berlin (next: Mon 9 Nov 09:00), pricing, outages, up to 5 items. Make sure I am in the channel (`/invite @Briefbot`).',
    );
    const schedule = await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id: 1 } });
    expect(schedule).toMatchObject({
      channelId: 'C0NEWS',
      userId: null,
      cadence: 'weekly',
      weekday: 1,
      timeOfDay: '09:00',
      timezone: 'Europe/Berlin',
      topics: '["pricing","outages"]',
      maxItems: 5,
      quietDay: 'skip',
      status: 'active',
      createdBy: admin,
    });
    expect(await deps.db.prisma.auditEvent.findMany()).toMatchObject([
      { actorId: admin, action: 'digest.add', subjectType: 'digest', subjectId: '1' },
    ]);
  });

  it('is not confused by a channel named like a keyword, or a topic that starts like one', async () => {
    await createTopic(deps, 'quiet-hours', 'quiet');
    await createTopic(deps, 'max-plan', 'max');
    const reply = await brief(
      'digest add <#C0NEWS|market-topics> daily 08:00 topics: pricing, quiet-hours, max-plan max 3 quiet: skip',
    );
    expect(reply.text).toMatch(
      /^Digest 1 for <#C0NEWS>: daily at 08:00 UTC \(next: Tue 3 Nov 08:00\), pricing, quiet-hours, max-plan, up to 3 items/,
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({
      topics: '["pricing","quiet-hours","max-plan"]',
      maxItems: 3,
      quietDay: 'skip',
    });
  });

  it.each([
    ['<#C0NEWS|news> daily 8am', { cadence: 'daily', timeOfDay: '08:00', timezone: 'UTC', weekday: null }],
    [
      '<#C0NEWS> weekdays 5:30pm America/New_York',
      { cadence: 'weekdays', timeOfDay: '17:30', timezone: 'America/New_York' },
    ],
    [
      '#C0NEWS weekly fri 07:00 utc quiet:skip',
      { cadence: 'weekly', weekday: 5, timezone: 'UTC', quietDay: 'skip' },
    ],
    ['<#C0NEWS|news> daily 08:00 topic: pricing', { topics: ['pricing'], maxItems: 8, quietDay: 'note' }],
    // key=value, as other commands take it (kind=, channel=, threshold=).
    [
      '<#C0NEWS> daily 09:00 topics=acme,globex max=5 quiet=skip',
      { topics: ['acme', 'globex'], maxItems: 5, quietDay: 'skip' },
    ],
  ])('reads "%s"', (text, expected) => {
    expect(parseDigestSpec(text, 'UTC')).toMatchObject({ channelId: 'C0NEWS', ...expected });
  });

  it.each([
    ['daily 8:00 pm', '20:00', 'UTC'],
    ['daily at 8pm', '20:00', 'UTC'],
    ['daily 8.30am', '08:30', 'UTC'],
    ['daily 8.30 am CET', '08:30', 'Europe/Paris'],
    ['daily 12am', '00:00', 'UTC'],
    ['daily 12 pm', '12:00', 'UTC'],
    ['daily 20:00 GMT', '20:00', 'UTC'],
    ['daily 20:00 utc', '20:00', 'UTC'],
    ['daily 07:00 CEST', '07:00', 'Europe/Paris'],
    ['daily 07:00 est', '07:00', 'America/New_York'],
    ['daily 07:00 EDT', '07:00', 'America/New_York'],
    ['daily 07:00 PDT', '07:00', 'America/Los_Angeles'],
    ['daily 07:00 BST', '07:00', 'Europe/London'],
    ['daily 07:00 IST', '07:00', 'Asia/Kolkata'],
    ['daily 07:00 UTC+2', '07:00', 'Etc/GMT-2'],
    ['daily 07:00 GMT-5', '07:00', 'Etc/GMT+5'],
    ['daily 07:00 +05:30', '07:00', 'Asia/Kolkata'],
    ['daily 07:00 europe/paris', '07:00', 'Europe/Paris'],
  ])('reads the time and zone of "%s"', (text, timeOfDay, timezone) => {
    expect(parseDigestSpec(`<#C0NEWS|news> ${text}`, 'UTC')).toMatchObject({ timeOfDay, timezone });
  });

  it.each([
    ['weekly monday,thursday 09:00', [1, 4]],
    ['weekly mon/thu 09:00', [1, 4]],
    ['weekly monday and thursday 09:00', [1, 4]],
    ['weekly mon thu 09:00', [1, 4]],
    ['weekly tue & fri 09:00', [2, 5]],
  ])('reads the days of "%s"', (text, days) => {
    expect(parseDigestSpec(`<#C0NEWS|news> ${text}`, 'UTC')).toMatchObject({ cadence: 'weekly', days });
  });

  it.each([
    ['every monday 9am', { cadence: 'weekly', weekday: 1, timeOfDay: '09:00' }],
    ['every day at 9am', { cadence: 'daily', timeOfDay: '09:00' }],
    ['everyday 07:30', { cadence: 'daily', timeOfDay: '07:30' }],
    ['every weekday 8am', { cadence: 'weekdays', timeOfDay: '08:00' }],
    ['weekly on monday at 9am', { cadence: 'weekly', weekday: 1, timeOfDay: '09:00' }],
    ['on thursday 9am', { cadence: 'weekly', weekday: 4, timeOfDay: '09:00' }],
    ['9am daily', { cadence: 'daily', timeOfDay: '09:00' }],
    ['9am weekly mon', { cadence: 'weekly', weekday: 1, timeOfDay: '09:00' }],
    ['mon,wed,fri 09:00', { cadence: 'weekly', weekday: 1, days: '1,3,5', timeOfDay: '09:00' }],
    ['monday 9am', { cadence: 'weekly', weekday: 1, timeOfDay: '09:00' }],
    ['weekends 10:00', { cadence: 'weekly', weekday: 6, days: '6,0', timeOfDay: '10:00' }],
    ['every weekend 10am', { cadence: 'weekly', days: '6,0', timeOfDay: '10:00' }],
    ['daily 0800', { cadence: 'daily', timeOfDay: '08:00' }],
    ['mon-fri 08:00', { cadence: 'weekdays', timeOfDay: '08:00' }],
    ['monday–friday 8am', { cadence: 'weekdays', timeOfDay: '08:00' }],
    ['tue-thu 09:00', { cadence: 'weekly', weekday: 2, days: '2,3,4', timeOfDay: '09:00' }],
    ['daily at 08:00 in Europe/London', { cadence: 'daily', timeOfDay: '08:00', timezone: 'Europe/London' }],
  ])('reads the everyday wording "%s"', async (timing, expected) => {
    expect((await brief(`digest add <#C0NEWS|news> ${timing} topics: pricing`)).text).toMatch(
      /^Digest 1 for/,
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject(expected);
  });

  it('edits with everyday wording too', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest edit 1 every friday at 10am')).text).toMatch(
      /now: every Friday at 10:00 UTC/,
    );
  });

  it('a weekly digest on several days comes on each, and says so in words', async () => {
    const reply = await brief('digest add <#C0NEWS|news> weekly thursday,monday 09:00 topics: pricing');
    expect(reply.text).toMatch(
      /^Digest 1 for <#C0NEWS>: every Monday and Thursday at 09:00 UTC \(next: Thu 5 Nov 09:00\), pricing,/,
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({ weekday: 1, days: '1,4' });
    expect((await brief('digest add <#C0NEWS|news> weekly mon,thu 09:00 topics: pricing')).text).toMatch(
      /already has this digest: digest 1, every Monday and Thursday at 09:00 UTC/,
    );
    for (const [day, due] of [
      ['2026-11-03T09:00:00Z', false],
      ['2026-11-05T09:00:00Z', true],
      ['2026-11-07T09:00:00Z', false],
      ['2026-11-09T09:00:00Z', true],
    ] as const) {
      deps.clock.set(day);
      const reports = (await run()).filter((report) => report.status !== 'skipped');
      expect(reports.length).toBe(due ? 1 : 0);
    }
    // An edit to one day leaves one day.
    expect((await brief('digest edit 1 weekly fri')).text).toMatch(/now: every Friday at 09:00 UTC/);
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({ weekday: 5, days: null });
  });

  it('runs a fixed offset at that offset, and says how an abbreviation was read', async () => {
    const reply = await brief('digest add <#C0NEWS|news> daily 8pm UTC+2 topics: pricing');
    expect(reply.text).toMatch(/^Digest 1 for <#C0NEWS>: daily at 20:00 UTC\+2 \(next: Mon 2 Nov 20:00\),/);
    expect(reply.text).not.toMatch(/Time zone:/);
    const cst = await brief('digest add <#C0OPS|ops> weekdays 7am CST topics: pricing');
    expect(cst.text).toMatch(
      /Time zone: CST is read as America\/Chicago: local time there, moving with its summer time \(for a fixed offset, say UTC-6\); for China: Asia\/Shanghai\.$/,
    );
    expect((await brief('digest edit 2 IST')).text).toMatch(
      /Time zone: IST is read as Asia\/Kolkata: UTC\+5:30; for Ireland: Europe\/Dublin; Israel: Asia\/Jerusalem\.$/,
    );
    // 20:00 at UTC+2 is 18:00 UTC.
    deps.clock.set('2026-11-02T18:00:00Z');
    expect(await run()).toMatchObject([{ scheduleId: 1, status: 'posted' }]);
  });

  it.each([
    [
      'digest add',
      /`\/brief digest add` alone opens a form\. Here, type it out: \/brief digest add &lt;#channel&gt; daily 08:00/,
    ],
    [
      'digest add daily 08:00',
      /:warning: Start with the channel\. Usage: \/brief digest add &lt;#channel&gt;/,
    ],
    [
      'digest add #market daily 08:00',
      // The channel came first, as asked: no "Start with the channel", no usage line.
      /:warning: Slack did not recognise #market as a channel: pick it from the list Slack shows as you type # \(in the console, type the channel id, e\.g\. #C0123ABCD\)\."\}\}\]/,
    ],
    [
      'digest add <#C0NEWS|news> hourly 08:00',
      /:warning: “hourly”: a digest comes daily, on weekdays, or weekly on the days you choose/,
    ],
    [
      'digest add <#C0NEWS|news> weekly 09:00',
      /Say which day for a weekly digest, e\.g\. `weekly mon 09:00`/,
    ],
    [
      'digest add <#C0NEWS|news> weekly month 09:00',
      /Say which day for a weekly digest, e\.g\. `weekly mon 09:00`/,
    ],
    ['digest add <#C0NEWS|news> weekly mon,someday 09:00', /Say which day for a weekly digest/],
    // No usage dump: the command to send, with what was typed kept and a default for what was missing or wrong.
    [
      'digest add <#C0NEWS|news>',
      /:warning: When should <#C0NEWS> get its digest\? Say how often and at what time: \/brief digest add <#C0NEWS> daily 08:00 \(or `weekdays 07:30`, `weekly mon 09:00`; every form: `\/brief digest help`\)\. Nothing was added\./,
    ],
    [
      'digest add <#C0NEWS|news> daily topics: pricing max 5',
      /:warning: Give a time like 08:00 or 17:30: \/brief digest add <#C0NEWS> daily 08:00 topics: pricing max 5 \(or/,
    ],
    [
      'digest add <#C0NEWS|news> daily 25:00',
      /:warning: “25:00”: give a time like 08:00 or 17:30: \/brief digest add <#C0NEWS> daily 08:00 \(or/,
    ],
    [
      'digest add <#C0NEWS|news> weekly mon,thu 13pm Europe/Berlin',
      /“13pm”: give a time like 08:00 or 17:30: \/brief digest add <#C0NEWS> weekly mon,thu 08:00 Europe\/Berlin \(or/,
    ],
    [
      'digest add <#C0NEWS|news> every morning',
      /“every”: say daily, weekdays or weekly: \/brief digest add <#C0NEWS> daily 08:00 \(or/,
    ],
    [
      'digest add <#C0NEWS|news> daily 08:00 Mars/Olympus',
      /:warning: “Mars\/Olympus” is not a time zone I know: give a zone like Europe\/Paris or America\/New_York, CET or PST, pacific time or london time, or UTC\+2\. Nothing was added\."/,
    ],
    [
      'digest add <#C0NEWS|news> daily 13pm',
      /:warning: “13pm”: give a time like 08:00 or 17:30: \/brief digest add <#C0NEWS> daily 08:00/,
    ],
    [
      'digest add <#C0NEWS|news> daily 08:00 XYZT',
      /“XYZT” is not a time zone I know: give a zone like Europe\/Paris/,
    ],
    [
      'digest add <#C0NEWS|news> daily 08:00 Europe/Berln',
      /:warning: “Europe\/Berln” is not a time zone I know\. Did you mean \/brief digest add <#C0NEWS\|news> daily 08:00 Europe\/Berlin\? Nothing was changed\./,
    ],
    [
      'digest add <#C0EXEC|exec> weekly mon 9am America/New_Yrok topics: all',
      /Did you mean \/brief digest add <#C0EXEC\|exec> weekly mon 9am America\/New_York topics: all\?/,
    ],
    ['digest add <#C0NEWS|news> daily 08:00 UTC+15', /“UTC\+15” is not a time zone I know/],
    ['digest add <#C0NEWS|news> daily 08:00 +05:15', /“\+05:15” is not a time zone I know/],
    [
      'digest add <#C0NEWS|news> daily 08:00 max 0 topics: pricing',
      /:warning: “0”: between 1 and 50 items: \/brief digest add <#C0NEWS> daily 08:00 topics: pricing\. Nothing was added\./,
    ],
    [
      'digest add <#C0NEWS|news> daily 08:00 max lots',
      /:warning: “lots”: between 1 and 50 items: \/brief digest add/,
    ],
    [
      'digest add <#C0NEWS|news> daily 08:00 quiet: maybe',
      /:warning: “maybe”: say quiet: note \(a line saying nothing is new\) or quiet: skip \(no post at all\): \/brief digest add <#C0NEWS> daily 08:00\. Nothing was added\./,
    ],
    [
      'digest add <#C0NEWS|news> daily 08:00 sometimes',
      /I don't understand "sometimes"\. If it is a topic, write `topics: sometimes`: \/brief digest add <#C0NEWS\|news> daily 08:00 topics: sometimes\. Nothing was added\./,
    ],
    [
      'digest add <#C0NEWS|news> daily 09:00 Europe/Berlin America/New_York',
      /Two time zones given \(Europe\/Berlin, America\/New_York\): which one\? Usage:/,
    ],
    ['digest add <#C0NEWS|news> daily 09:00 max 8 max 3', /Two sizes given \(8, 3\): which one\?/],
    [
      'digest add <#C0NEWS|news> daily 08:00 quiet: skip quiet: note',
      /Two quiet-day settings given \(skip, note\): which one\?/,
    ],
    [
      'digest add <#C0NEWS|news> daily 08:00 topics: gossip',
      /No topic "gossip"\. The topics are: outages, pricing\./,
    ],
    ['digest pause', /Which digest\? Usage: \/brief digest pause &lt;id or #channel&gt;/],
    ['digest remove 99', /No digest "99"\. See the numbers with \/brief digest list\./],
    ['digest now', /There is no digest to post yet\. Add one with \/brief digest add/],
    ['digest preview', /There is no digest to preview yet\. Add one with \/brief digest add/],
    [
      'digest now <#C0NONE|none>',
      /<#C0NONE> has no digest\. Add one with \/brief digest add <#C0NONE> daily 08:00, or see them all/,
    ],
    [
      'digest pause #market',
      /Slack did not recognise #market as a channel.*There is no channel digest yet: add one with \/brief digest add\./,
    ],
    [
      'digest frobnicate',
      /I don't know "\/brief digest frobnicate"\. The digest commands are add, edit, list, pause, resume, remove, preview, now, mute, unmute; `\/brief digest help` shows how to type them\.$/,
    ],
    ['digest preview 42', /No digest "42"/],
    [
      'follow',
      /"Follow which topic\? The topics are: outages, pricing\. `\/brief follow outages daily 07:00` sends its digest to your DMs \(`\/brief follow everything`: every topic’s\)\./,
    ],
    // An executive's word for a follow: the same answer, never a search for "subscribe".
    ['subscribe', /"Follow which topic\? The topics are: outages, pricing\./],
    ['follow gossip', /No topic "gossip"/],
    [
      'follow pricing daily 25:00',
      /:warning: “25:00”: give a time like 08:00 or 17:30\. Nothing was changed\./,
    ],
    [
      'follow pricing weekly 08:00',
      /Say which day for a weekly digest: \/brief follow pricing weekly mon 08:00$/,
    ],
    ['follow pricing hourly', /“hourly”: a follow comes daily, on weekdays, or weekly on the day you choose/],
    [
      'digest add <#C0NEWS|news> daily 08:00 and 17:00 topics: pricing',
      /A digest comes at one time: give 08:00 here, and add a second digest for 17:00: \/brief digest add <#C0NEWS\|news> daily 17:00 topics: pricing\. Nothing was changed\./,
    ],
    [
      'digest add #C0NEWS daily 8am & 5pm',
      /give 8am here, and add a second digest for 5pm: `\/brief digest add #C0NEWS daily 5pm`\./,
    ],
    [
      'digest add <#C0NEWS|news> twice a day',
      /A digest comes once at its time \(daily, weekdays or weekly\)\. For two a day, add two digests/,
    ],
    ['unfollow', /You follow nothing, so there is nothing to stop\. `\/brief follow outages daily 07:00`/],
    [
      'unfollow pricing',
      /You don't follow pricing\. You follow nothing, so there is nothing to stop\. `\/brief follow outages daily 07:00`/,
    ],
    ["unfollow what's new", /“what's new” isn't a topic\. You follow nothing, so there is nothing to stop\./],
  ])('"%s" says what to type', async (text, expected) => {
    const reply = await brief(text);
    expect(reply.visibility).toBe('ephemeral');
    expect(read(reply)).toMatch(expected);
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    expect(deps.sent).toEqual([]);
  });
});

describe('who may do what', () => {
  it.each([
    'digest add <#C0NEWS|news> daily 08:00',
    'digest edit 1 09:00',
    'digest pause 1',
    'digest resume 1',
    'digest remove 1',
    'digest now <#C0NEWS|news>',
  ])('refuses "%s" to a non-admin', async (text) => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const reply = await brief(text, member);
    expect(read(reply)).toMatch(
      /Sorry, only Briefbot admins can .*digests\. Ask <@UADMIN01> or a workspace admin/,
    );
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([{ id: 1, status: 'active' }]);
    expect(deps.sent).toEqual([]);
  });

  it('names only admins to ask, never a member who changed their own follow', async () => {
    const own = await createTestDeps();
    try {
      own.workspaceAdmins.add('UWSADMIN1');
      await createTopic(own, 'pricing', 'pricing');
      const as = (userId: string, text: string) => runCommand(own, { userId, channelId: 'C0CHANNEL', text });
      await as('UWSADMIN1', 'digest add <#C0NEWS|news> daily 08:00 topics: pricing');
      await as(member, 'follow pricing daily 7');
      await as(member, 'follow pricing daily 7 max 3');
      for (const userId of ['UOTHER99', member])
        expect((await as(userId, 'feeds add http://x.example/feed.xml')).text).toBe(
          'Sorry, only Briefbot admins can add feeds. Ask <@UWSADMIN1> or a workspace admin.',
        );
    } finally {
      await own.cleanup();
    }
  });

  it('lets a workspace admin in', async () => {
    deps.workspaceAdmins.add('UOWNER01');
    expect(read(await brief('digest add <#C0NEWS|news> daily 08:00', 'UOWNER01'))).toMatch(
      /^.*Digest 1 for <#C0NEWS>/,
    );
  });

  it('lets anyone preview and list, and posts nothing', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    const preview = await brief('digest preview <#C0NEWS|news>', member);
    expect(preview.visibility).toBe('ephemeral');
    expect(read(preview)).toMatch(/Preview of digest 1 \(daily at 08:00 UTC\)/);
    expect(read(preview)).toMatch(/Acme pricing goes up/);
    expect(read(preview)).toMatch(/Acme outage in Europe/);
    // The post says its items are "in the thread": in the one preview message, a line marks where that starts.
    const blocks = preview.blocks as Array<{ type: string; elements?: Array<{ text?: string }> }>;
    const start = blocks.findIndex((block) => block.elements?.[0]?.text === '*The thread under the post:*');
    expect(blocks[start - 1]?.type).toBe('divider');
    expect(JSON.stringify(blocks.slice(0, start))).toContain('are in the thread');
    expect(JSON.stringify(blocks.slice(start))).toMatch(
      /\*outages\*[\s\S]*Acme outage in Europe[\s\S]*Request a response/,
    );
    expect(read(await brief('digest preview 1', member))).toMatch(/Preview of digest 1/);
    expect(read(await brief('digest preview', member))).toMatch(/Preview of digest 1/);
    deps.clock.set('2026-11-04T09:00:00Z');
    expect((await brief('digest preview 1', member)).text).toMatch(
      /nothing new since Tue 3 Nov 09:00 UTC for pricing, outages: its first digest looks back one period of its schedule \(a day\); later ones read since the one before\. Check again later with \/brief digest preview 1\.$/,
    );
    deps.clock.set('2026-11-02T09:00:00Z');
    expect(read(await brief('digest list', member))).toMatch(
      /\*1\* <#C0NEWS> daily at 08:00 UTC \(next: Tue 3 Nov 08:00\)/,
    );
    expect(deps.sent).toEqual([]);
    expect(channelPosts(deps)).toEqual([]);
    expect(digestRuns(deps)).toEqual([]);
    // Nothing was reserved: the real digest still has both items.
    deps.clock.set('2026-11-03T08:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
  });
});

describe('/brief digest list, pause, resume, remove', () => {
  it('lists 120 digests within Slack limits, every one of them, and narrows by channel or word', async () => {
    for (let index = 1; index <= 120; index++)
      await brief(
        `digest add <#C0CH${index}> ${index % 2 ? 'daily' : 'weekly mon,thu'} 08:00 Europe/Berlin max 5`,
      );
    const reply = await brief('digest list', member);
    expect(reply.text).toBe('120 digests');
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    for (const block of reply.blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    const body = read(reply);
    for (const id of [1, 60, 120]) expect(body).toContain(`*${id}* <#C0CH${id}>`);
    expect(body).not.toMatch(/…/);

    expect((await brief('digest list <#C0CH12|news-12>', member)).text).toBe(
      '2 digests matching "#C0CH12" (of 120)',
    );
    expect((await brief('digest list daily', member)).text).toBe('60 digests matching "daily" (of 120)');
    expect(read(await brief('digest list <#C0NONE>', member))).toMatch(
      /No digest matches "#C0NONE" among 120 digests\. `\/brief digest list` shows them all\./,
    );
  });

  it('lists each schedule with its next and last run', async () => {
    expect(read(await brief('digest list'))).toMatch(/No digests yet\. Add one: `\/brief digest add /);
    expect((await brief('digest list', member)).text).toBe(
      'No digests yet. Ask <@UADMIN01> or a workspace admin to add one.',
    );
    await brief('digest add <#C0NEWS|news> daily 08:00 Europe/Berlin topics: pricing');
    await brief('digest add <#C0OPS|ops> weekdays 10:00 topics: outages max 3');
    let list = read(await brief('digest list'));
    expect(list).toMatch(/2 digests/);
    expect(list).toMatch(
      /\*1\* <#C0NEWS> daily at 08:00 Europe\/Berlin \(next: Tue 3 Nov 08:00\) · pricing · max 8 · not run yet/,
    );
    expect(list).toMatch(
      /\*2\* <#C0OPS> weekdays at 10:00 UTC \(next: Mon 2 Nov 10:00\) · outages · max 3 · not run yet/,
    );
    deps.clock.set('2026-11-02T10:00:00Z');
    await run();
    deps.clock.set('2026-11-03T07:00:00Z');
    await run();
    list = read(await brief('digest list'));
    expect(list).toMatch(
      /\(next: Wed 4 Nov 08:00\) · pricing · max 8 · last: posted, 1 item, Tue 3 Nov 08:00 Europe\/Berlin/,
    );
    expect(list).toMatch(
      /\(next: Tue 3 Nov 10:00\) · outages · max 3 · last: posted, 1 item, Mon 2 Nov 10:00 UTC/,
    );
  });

  it('shows a failed run with its reason', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    deps.clock.set('2026-11-03T08:00:00Z');
    await runDueDigests(
      {
        ...deps,
        outbox: {
          post: async (channel, message, options) => {
            if (channel === 'C0NEWS') throw new PostError('not_in_channel', true);
            return deps.outbox.post(channel, message, options);
          },
          update: deps.outbox.update,
        },
      },
      { owner: 'test', catchUpHours: 6 },
    );
    expect(read(await brief('digest list'))).toMatch(
      /last: failed \(not_in_channel\), 0 items, Tue 3 Nov 08:00 UTC/,
    );
  });

  it('pause stops the runs, resume restarts them, remove deletes the schedule', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest pause 1')).text).toBe(
      'Digest 1 for <#C0NEWS> is paused. Resume it with /brief digest resume 1.',
    );
    expect(read(await brief('digest list'))).toMatch(
      /daily at 08:00 UTC \(paused\) · pricing · max 8 · not run yet/,
    );
    deps.clock.set('2026-11-03T08:00:00Z');
    expect(await run()).toEqual([]);
    expect((await brief('digest resume #1')).text).toBe(
      'Digest 1 for <#C0NEWS> is active. Pause it again with /brief digest pause 1.',
    );
    deps.clock.set('2026-11-03T12:00:00Z');
    const later = await storeFeedItems(deps, 1, [{ guid: 'p2', title: 'Globex price cut' }]);
    deps.clock.set('2026-11-04T08:00:00Z');
    expect(await run()).toMatchObject([{ scheduleId: 1, status: 'posted', items: 1 }]);
    const before = await deps.db.prisma.digestSchedule.findFirstOrThrow();
    const removed = (await brief('digest remove 1 confirm')).text;
    expect(removed).toBe(
      'Digest 1 for <#C0NEWS> is removed. To bring it back: /brief digest add <#C0NEWS> daily 08:00 UTC topics: pricing max 8 quiet: note',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    // The command given brings back the same digest (under a new number), then it goes again.
    expect((await brief(removed.slice(removed.indexOf('digest add')))).text).toMatch(
      /^Digest 2 for <#C0NEWS>/,
    );
    const again = await deps.db.prisma.digestSchedule.findFirstOrThrow();
    const kept = [
      'channelId',
      'cadence',
      'timeOfDay',
      'weekday',
      'days',
      'timezone',
      'topics',
      'maxItems',
      'quietDay',
    ];
    const spec = (schedule: typeof before) =>
      Object.fromEntries(kept.map((key) => [key, schedule[key as keyof typeof before]]));
    expect(spec(again)).toEqual(spec(before));
    await brief('digest remove 2 confirm');
    deps.clock.set('2026-11-05T08:00:00Z');
    expect(await run()).toEqual([]);
    // What it posted stays posted: never again to that channel.
    expect(channelPosts(deps).map((post) => post.itemId)).toEqual([later.p2]);
    expect((await deps.db.prisma.auditEvent.findMany()).map((event) => event.action)).toEqual([
      'digest.add',
      'digest.pause',
      'digest.resume',
      'digest.remove',
      'digest.add',
      'digest.remove',
    ]);
  });

  it('a paused digest’s preview says it is paused and how to resume it, with items or without', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('digest pause 1');
    // One set of brackets, and no code marks inside the bold title.
    const paused = '(daily at 08:00 UTC; paused: nothing is posted until /brief digest resume 1)';
    expect((await brief('digest preview 1')).text).toContain(`Preview of digest 1 ${paused}`);
    await brief('digest now 1');
    deps.clock.set('2026-11-02T09:05:00Z');
    expect((await brief('digest preview 1')).text).toContain(`${paused} for <#C0NEWS>: nothing new`);
    await brief('digest resume 1');
    expect((await brief('digest preview 1')).text).not.toContain('paused');
  });

  it('pausing a paused digest, or resuming an active one, says nothing changed and records nothing', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest resume 1')).text).toBe(
      'Digest 1 for <#C0NEWS> is not paused, so there was nothing to resume; it comes daily at 08:00 UTC.',
    );
    await brief('digest pause 1');
    expect((await brief('digest pause 1')).text).toBe(
      'Digest 1 for <#C0NEWS> was already paused; nothing changed. Resume it with /brief digest resume 1.',
    );
    expect((await deps.db.prisma.auditEvent.findMany()).map((event) => event.action)).toEqual([
      'digest.add',
      'digest.pause',
    ]);
  });
});

describe('the same digest twice', () => {
  it('is refused, naming the digest there and how to change it; another time or topic is not a twin', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    const reply = await brief('digest add <#C0NEWS|news> daily 8am topics: outages, pricing max 3');
    expect(reply.text).toBe(
      '<#C0NEWS> already has this digest: digest 1, daily at 08:00 UTC, outages, pricing. To change it: /brief digest edit 1 &lt;new time or options&gt;; to see them all: /brief digest list.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
    await brief('digest pause 1');
    expect((await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages')).text).toMatch(
      /It is paused: \/brief digest resume 1\. To change it: \/brief digest edit 1/,
    );
    await brief('digest add <#C0NEWS|news> daily 09:00 topics: pricing, outages');
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('digest add <#C0OPS|ops> daily 08:00 topics: pricing, outages');
    expect(await deps.db.prisma.digestSchedule.count()).toBe(4);
    // An edit that would make one digest another's twin is refused too, and changes nothing.
    expect((await brief('digest edit 2 08:00')).text).toMatch(/^<#C0NEWS> already has this digest: digest 1/);
    expect(await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id: 2 } })).toMatchObject({
      timeOfDay: '09:00',
    });
  });
});

describe('time zones in words', () => {
  it.each([
    [
      '9am pacific time',
      'America/Los_Angeles',
      '“pacific time” is read as America/Los_Angeles: local time there, moving with its summer time (for a fixed offset, say UTC-8)',
    ],
    [
      '9am Eastern Time',
      'America/New_York',
      '“Eastern Time” is read as America/New_York: local time there, moving with its summer time (for a fixed offset, say UTC-5)',
    ],
    [
      '09:00 central european time',
      'Europe/Paris',
      '“central european time” is read as Europe/Paris: local time there, moving with its summer time (for a fixed offset, say UTC+1)',
    ],
    [
      '9am london time',
      'Europe/London',
      '“london time” is read as Europe/London: local time there, moving with its summer time (for a fixed offset, say UTC+0)',
    ],
    [
      '9am uk time',
      'Europe/London',
      '“uk time” is read as Europe/London: local time there, moving with its summer time (for a fixed offset, say UTC+0)',
    ],
    ['9am india time', 'Asia/Kolkata', '“india time” is read as Asia/Kolkata: UTC+5:30'],
    [
      '9am new york time',
      'America/New_York',
      '“new york time” is read as America/New_York: local time there, moving with its summer time (for a fixed offset, say UTC-5)',
    ],
    [
      '9am pacific',
      'America/Los_Angeles',
      '“pacific” is read as America/Los_Angeles: local time there, moving with its summer time (for a fixed offset, say UTC-8)',
    ],
  ])('"digest add #news daily %s" is %s, and the reply says how it was read', async (when, zone, note) => {
    const reply = await brief(`digest add <#C0NEWS|news> daily ${when} max 3`);
    expect(reply.text).toMatch(new RegExp(` Time zone: ${note.replace(/[()+.]/g, '\\$&')}\\.$`));
    expect(await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      timezone: zone,
      timeOfDay: '09:00',
      maxItems: 3,
    });
  });

  it('reads them in edits and follows too, and refuses words that name no zone', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00');
    expect((await brief('digest edit 1 tokyo time')).text).toMatch(
      /now: daily at 08:00 Asia\/Tokyo .* Time zone: “tokyo time” is read as Asia\/Tokyo: UTC\+9\.$/,
    );
    expect((await brief('follow pricing weekdays 7am eastern time', member)).text).toMatch(
      /a digest in your DMs on weekdays at 07:00 America\/New_York .*Time zone: “eastern time” is read as America\/New_York/,
    );
    expect((await brief('digest edit 1 9am mars time')).text).toMatch(/I don't understand "mars"/);
  });
});

describe('/brief digest edit', () => {
  it('changes a digest in place, keeping its id, last run and posted items, and records it', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    deps.clock.set('2026-11-03T08:00:00Z');
    expect(await run()).toMatchObject([{ scheduleId: 1, status: 'posted', items: 1 }]);
    const reply = await brief('digest edit 1 weekly thu 09:30 Europe/Berlin topics: pricing, outages max 3');
    expect(reply.text).toBe(
      'Digest 1 for <#C0NEWS> now: every Thursday at 09:30 Europe/Berlin (next: Thu 5 Nov 09:30), was daily at 08:00 UTC, pricing, outages (was pricing), up to 3 items (was 8), quiet days: note. To undo: `/brief digest edit 1 daily 08:00 UTC topics: pricing max 8`. See all with /brief digest list.',
    );
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      { id: 1, cadence: 'weekly', weekday: 4, timeOfDay: '09:30', timezone: 'Europe/Berlin', maxItems: 3 },
    ]);
    expect(read(await brief('digest list'))).toMatch(/last: posted, 1 item, Tue 3 Nov 09:00 Europe\/Berlin/);
    // Only what is given changes.
    expect((await brief('digest edit 1 max 5 quiet: skip')).text).toMatch(
      /^Digest 1 for <#C0NEWS> now: every Thursday at 09:30 Europe\/Berlin \(next: Thu 5 Nov 09:30\), pricing, outages, up to 5 items \(was 3\), quiet days: skip \(was note\)\./,
    );
    expect((await brief('digest edit 1 topics: all')).text).toMatch(
      /, all topics \(was pricing, outages\), up to 5 items/,
    );
    expect((await deps.db.prisma.auditEvent.findMany()).map((event) => event.action)).toEqual([
      'digest.add',
      'digest.edit',
      'digest.edit',
      'digest.edit',
    ]);
    // The edited digest goes on from its last run: what came since, nothing posted twice.
    deps.clock.set('2026-11-04T12:00:00Z');
    const later = await storeFeedItems(deps, 1, [{ guid: 'o2', title: 'Globex outage' }]);
    deps.clock.set('2026-11-05T08:30:00Z');
    expect(await run()).toMatchObject([{ scheduleId: 1, status: 'posted', items: 1 }]);
    expect(channelPosts(deps).map((post) => post.itemId)).toEqual([items.p1, later.o2]);
  });

  it('moving a digest to another channel names the one it left and asks to invite Briefbot', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest edit 1 <#C0SALES|sales>')).text).toMatch(
      /^Digest 1 for <#C0SALES> \(was <#C0NEWS>; make sure I am in <#C0SALES>: `\/invite @Briefbot`\) now: daily at 08:00 UTC/,
    );
    expect((await brief('digest edit 1 max 3')).text).toMatch(/^Digest 1 for <#C0SALES> now:/);
  });

  it('a moved digest takes its channel’s mutes along; the old channel keeps them while it has a digest', async () => {
    const other = await createFeed(deps, { host: 'https://forum.example.com', title: 'Support Forum' });
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('digest add <#C0NEWS|news> weekly mon 09:00 topics: outages');
    await recordFeedback(
      deps,
      { c: 'C0NEWS', i: items.p1 as number, f: other },
      FeedbackKind.MuteSource,
      admin,
    );
    expect((await brief('digest edit 1 <#C0SALES|sales>')).text).toMatch(
      /pricing, up to 8 items, quiet days: note\. <#C0NEWS>'s feedback came along: Support Forum \(feed 2\) muted \(undo: `\/brief digest unmute 1 2`\)\. To undo the edit: `\/brief digest edit 1 #C0NEWS`\. See all/,
    );
    const feedback = await feedbackByChannel(deps);
    expect(feedback.get('C0SALES')).toMatchObject([{ feedId: other, muted: true }]);
    expect(feedback.get('C0NEWS')).toMatchObject([{ feedId: other, muted: true }]);
    // The last digest leaving a channel leaves no mute behind it.
    expect((await brief('digest edit 2 <#C0EXEC|exec>')).text).toMatch(/<#C0NEWS>'s feedback came along/);
    expect([...(await feedbackByChannel(deps)).keys()].sort()).toEqual(['C0EXEC', 'C0SALES']);
  });

  it('says when the mutes a moved digest brings along now also silence the other digests of its new channel', async () => {
    const other = await createFeed(deps, { host: 'https://forum.example.com', title: 'Support Forum' });
    await brief('digest add <#C0MKT|mkt> daily 08:00 topics: outages');
    await brief('digest add <#C0MKT|mkt> weekly mon 09:00 topics: pricing');
    await brief('digest edit 1 <#C0EXEC|exec>');
    await brief(`digest mute 1 ${other}`);
    expect((await brief('digest edit 1 <#C0MKT|mkt>')).text).toMatch(
      /<#C0EXEC>'s feedback came along: Support Forum \(feed 2\) muted \(undo: `\/brief digest unmute 1 2`\)\. It now applies to <#C0MKT>'s other digest too \(digest 2, pricing\)/,
    );
    // Alone in its new channel, nothing else is silenced: no such note.
    expect((await brief('digest edit 1 <#C0NEW|new>')).text).not.toMatch(/It now applies/);
  });

  it('a digest moved where another already posts its topics at that time gets the note add gives', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest add <#C0MKT|mkt> daily 08:00 topics: outages');
    expect((await brief('digest edit 2 <#C0NEWS|news>')).text).toContain(
      'Note: <#C0NEWS> already gets pricing, outages (digest 1) at this time; an item goes out once, in whichever digest posts it first, so these two split the items they share.',
    );
    expect((await brief('digest edit 2 max 3')).text).not.toContain('Note:');
  });

  it('an edit that changes nothing says so and records nothing', async () => {
    await brief(
      'digest add <#C0NEWS|news> weekly mon,thu 08:00 Europe/Berlin topics: pricing, outages max 5',
    );
    expect((await brief('digest edit 1 weekly thu/mon max 5 topics: Outages, pricing')).text).toBe(
      'Digest 1 for <#C0NEWS> is already every Monday and Thursday at 08:00 Europe/Berlin, pricing, outages, up to 5 items, quiet days: note: nothing changed. See all with /brief digest list.',
    );
    expect((await deps.db.prisma.auditEvent.findMany()).map((event) => event.action)).toEqual(['digest.add']);
  });

  it.each([
    'digest edit 1 topics:',
    'digest edit 1 topics=',
    'digest edit 1 topics: max 3',
    'digest add <#C0NEWS|news> daily 09:00 topics:',
  ])('"%s" names no topic: it asks for them (or topics: all) and changes nothing', async (text) => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const reply = await brief(text);
    expect(reply.text).toMatch(
      /^Nothing after "topics[:=]": name the topics \(`topics: pricing, globex`; `\/brief topics list` shows them\), or write `topics: all` for every topic\. Nothing was changed\.$/,
    );
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([{ id: 1, topics: '["pricing"]' }]);
  });

  it('an earlier time today does not post at once: the next slot is tomorrow', async () => {
    await brief('digest add <#C0NEWS|news> daily 12:00 topics: pricing');
    expect((await brief('digest edit 1 07:00')).text).toMatch(
      /now: daily at 07:00 UTC \(next: Tue 3 Nov 07:00\), was daily at 12:00 UTC,/,
    );
    expect(await run()).toEqual([]);
    deps.clock.set('2026-11-03T07:00:00Z');
    expect(await run()).toMatchObject([{ scheduleId: 1, status: 'posted' }]);
  });

  it.each([
    ['digest edit', /Which digest\? Usage: \/brief digest edit &lt;id or #channel&gt;/],
    [
      'digest edit 1',
      /Say what to change in digest 1 \(the rest stays\): its time \(`\/brief digest edit 1 07:30`\), days \(`weekly mon,thu`\), topics \(`topics: pricing`\) or size \(`max 5`\)\. Every form: `\/brief digest help`\./,
    ],
    [
      'digest edit 1 sometimes',
      /I don't understand "sometimes"\. If it is a topic, write `topics: sometimes`: `\/brief digest edit 1 topics: sometimes`\. Nothing was changed\./,
    ],
    ['digest edit 1 25:00', /“25:00”: give a time like 08:00 or 17:30\. Nothing was changed\./],
    ['digest edit 1 weekly 09:00', /Say which day for a weekly digest/],
    [
      'digest edit 1 max 0',
      /“0”: between 1 and 50 items\. Nothing was changed; every form: `\/brief digest help`\./,
    ],
    ['digest edit 99 max 3', /No digest "99"\. See the numbers with \/brief digest list\./],
  ])('"%s" says what to type and changes nothing', async (text, expected) => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect(read(await brief(text))).toMatch(expected);
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      { id: 1, cadence: 'daily', timeOfDay: '08:00', maxItems: 8, topics: '["pricing"]' },
    ]);
  });
});

describe('a digest named by its channel', () => {
  it('pause, resume, now, preview, edit and remove take the channel when it has one digest', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest pause <#C0NEWS|news>')).text).toMatch(/^Digest 1 for <#C0NEWS> is paused\./);
    expect((await brief('digest resume #C0NEWS')).text).toMatch(/^Digest 1 for <#C0NEWS> is active\./);
    expect(read(await brief('digest preview <#C0NEWS|news>'))).toMatch(/Preview of digest 1/);
    expect((await brief('digest edit <#C0NEWS|news> max 4')).text).toMatch(/up to 4 items/);
    expect((await brief('digest now <#C0NEWS|news>')).text).toBe('Posted 1 item to <#C0NEWS>.');
    expect((await brief('digest remove <#C0NEWS|news> confirm')).text).toMatch(
      /^Digest 1 for <#C0NEWS> is removed\./,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('with several digests in the channel, lists them and asks for the number, changing nothing', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('digest add <#C0NEWS|news> weekly fri 16:00 topics: outages');
    for (const verb of ['pause', 'now', 'edit', 'remove']) {
      const reply = await brief(`digest ${verb} <#C0NEWS|news>${verb === 'edit' ? ' max 3' : ''}`);
      expect(reply.text).toBe(
        `<#C0NEWS> has 2 digests (1: daily at 08:00 UTC, pricing · 2: every Friday at 16:00 UTC, outages). Say which by number, e.g. /brief digest ${verb} 1${verb === 'edit' ? ' max 3' : ''}.`,
      );
    }
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      { id: 1, status: 'active', maxItems: 8 },
      { id: 2, status: 'active', maxItems: 8 },
    ]);
    expect(deps.sent).toEqual([]);
    expect((await brief('digest pause 2')).text).toMatch(/^Digest 2 for <#C0NEWS> is paused\./);
  });
});

describe('/brief digest now', () => {
  /** Stores an item in `feed` for each title, their guids `<prefix>-0`, `<prefix>-1`, … */
  function storeTitled(feed: number, prefix: string, titles: string[]) {
    return storeFeedItems(
      deps,
      feed,
      titles.map((title, index) => ({ guid: `${prefix}-${index}`, title })),
    );
  }

  /** Four more pricing stories, 20 minutes old, in a feed of their own. Returns the feed id. */
  async function storeMorePricingNews(): Promise<number> {
    const feed = await createFeed(deps, { host: 'https://more.example.com', title: 'More News' });
    deps.clock.set('2026-11-02T08:40:00Z');
    await storeTitled(feed, 'm', [
      'Globex raises prices in Asia',
      'Initech cuts pricing for startups',
      'Umbrella price war heats up',
      'Hooli redesigns its pricing page',
    ]);
    deps.clock.set('2026-11-02T09:00:00Z');
    return feed;
  }

  it('offers a story already asked about its conversation, in the thread and the preview, not a second request', async () => {
    const conversation = createNudge(deps, {
      itemId: items.p1 as number,
      topicId: null,
      channelId: 'C0TALK',
      reasons: [],
      angle: null,
      requestedBy: admin,
    });
    await postPendingNudges(deps);
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    const buttons = (text: string) =>
      [...text.matchAll(/"text":"(Request a response|See conversation \d+)"/g)].map((m) => m[1]);
    const preview = read(await brief('digest preview 1'));
    expect(buttons(preview)).toEqual(
      expect.arrayContaining([`See conversation ${conversation}`, 'Request a response']),
    );
    await brief('digest now <#C0NEWS|news>');
    const thread = deps.sent.filter((sent) => sent.channel === 'C0NEWS' && sent.threadTs);
    const shown = buttons(JSON.stringify(thread.map((sent) => sent.message.blocks)));
    expect(shown.filter((text) => text === `See conversation ${conversation}`)).toHaveLength(1);
    expect(shown.filter((text) => text === 'Request a response')).toHaveLength(1);
  });

  it('posts the channel’s digest at once', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    expect((await brief('digest now <#C0NEWS|news>')).text).toBe('Posted 2 items to <#C0NEWS>.');
    expect(deps.sent.filter((sent) => sent.channel === 'C0NEWS' && !sent.threadTs)).toHaveLength(1);
    expect(
      channelPosts(deps)
        .map((post) => post.itemId)
        .sort(),
    ).toEqual([items.p1, items.o1].sort());
    // Within the same minute it is the same run; nothing is posted twice, and the reply says why.
    expect((await brief('digest now 1')).text).toBe(
      'Digest 1 went out to <#C0NEWS> less than a minute ago; anything newer comes with the next one (`/brief digest preview 1` shows it).',
    );
    expect(deps.sent.filter((sent) => !sent.threadTs)).toHaveLength(1);
    const posted = deps.sent.length;
    // A minute later nothing is new: nothing goes to the channel (the quiet-day note is the scheduled digest's).
    deps.clock.set('2026-11-02T09:01:00Z');
    const quiet =
      'Nothing new for <#C0NEWS> since digest 1 went out 1 min ago (2 items), so nothing was posted (quiet-day notes come with scheduled digests only). The next digest comes at its time; see /brief digest list.';
    expect((await brief('digest now 1')).text).toBe(quiet);
    expect(deps.sent).toHaveLength(posted);
    // Pressed again within that minute: the same, never "went out".
    expect((await brief('digest now 1')).text).toBe(quiet);
    // The list still shows the digest that posted, not the check that found nothing.
    expect(read(await brief('digest list'))).toMatch(/last: posted, 2 items, Mon 2 Nov 09:00 UTC/);
    await brief('digest edit 1 quiet: skip');
    deps.clock.set('2026-11-02T09:02:00Z');
    expect((await brief('digest now 1')).text).toBe(
      'Nothing new for <#C0NEWS> since digest 1 went out 2 min ago (2 items), so nothing was posted. The next digest comes at its time; see /brief digest list.',
    );
    expect(deps.sent).toHaveLength(posted);
  });

  it('a digest now right after a scheduled run posts nothing, and the list keeps the digest that posted', async () => {
    await brief('digest add <#C0NEWS|news> daily 09:30 topics: pricing, outages');
    deps.clock.set('2026-11-02T09:30:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 2 }]);
    const posted = deps.sent.length;
    deps.clock.set('2026-11-02T09:35:00Z');
    expect((await brief('digest now 1')).text).toMatch(
      /^Nothing new for <#C0NEWS> since digest 1 went out 5 min ago \(2 items\), so nothing was posted/,
    );
    expect(deps.sent).toHaveLength(posted);
    // The next scheduled run finds nothing new either: its quiet-day note goes out, and the list says since when.
    deps.clock.set('2026-11-03T09:30:00Z');
    expect(await run()).toMatchObject([{ status: 'quiet', noted: true }]);
    expect(deps.sent.at(-1)?.message.text).toBe(
      'Digest: pricing, outages: nothing new since Mon 2 Nov 09:30 UTC.',
    );
    expect(read(await brief('digest list'))).toMatch(
      /last: posted, 2 items, Mon 2 Nov 09:30 UTC; quiet since Tue 3 Nov 09:30 UTC/,
    );
    deps.clock.set('2026-11-03T10:30:00Z');
    expect((await brief('digest now 1')).text).toMatch(
      /^Nothing new for <#C0NEWS> since digest 1 last ran, 1 h ago \(nothing new then either\), so nothing was posted/,
    );
  });

  it('a digest now that found nothing never says a digest went out, and says why nothing comes', async () => {
    await createTopic(deps, 'zzz', 'zzzqqqxx');
    await brief('digest add <#C0EMPTY|empty> daily 09:00 topics: zzz');
    const first =
      "Nothing new for <#C0EMPTY> yet, and no digest has gone out there, so nothing was posted. Topic zzz's query `zzzqqqxx` matches nothing from the last 7 days, so nothing new will come until it changes: `/brief topics edit zzz &lt;query&gt;` changes it (`/brief changes zzz` shows who changed it last). The next digest comes at its time; see /brief digest list.";
    expect((await brief('digest now 1')).text).toBe(first);
    expect((await brief('digest now 1')).text).toBe(first);
    expect(deps.sent).toEqual([]);
    expect(read(await brief('digest list'))).toMatch(/· not run yet/);
  });

  it('a number typed after a digest opens its numbered story, not a source of an older answer', async () => {
    const inNews = (text: string, userId: string) => runCommand(deps, { userId, channelId: 'C0NEWS', text });
    await inNews('what are customers saying about acme', 'UEXEC001');
    await brief('what are customers saying about acme');
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest now <#C0NEWS|news>');
    const parent = JSON.stringify(deps.sent.find((sent) => sent.channel === 'C0NEWS' && !sent.threadTs));
    const second = /\\n2\. <([^|>]+)\|/.exec(parent)?.[1];
    expect(second).toMatch(/^https:\/\/news\.example\.com\//);
    const opened = read(await inNews('2', 'UEXEC001'));
    expect(opened).toContain(`*[2]* <${second}|`);
    expect(opened).toContain('Source 2 in the digest (“Digest: pricing, outages”).');
    // Who posted it, typing in another channel, has just read it too.
    expect(read(await brief('2'))).toContain('Source 2 in the digest (“Digest: pricing, outages”).');
    expect((await inNews('tell me more about 4', 'UEXEC001')).text).toBe(
      'The digest (“Digest: pricing, outages”) lists sources 1–2: there is no [4]. Open one with `/brief tell me more about 1`.',
    );
    // A follow's preview is the asker's own: its 1. opens for them.
    await brief('follow outages weekly mon 08:00', member);
    const preview = read(await brief('digest preview 2', member));
    const first = /"1\. <([^|>]+)\|/.exec(preview)?.[1];
    expect(first).toBe('https://news.example.com/o1');
    expect(read(await brief('1', member))).toContain(`*[1]* <${first}|`);
  });

  it("numbers every story of the thread as ranked, and a number past the heading's three opens it", async () => {
    await storeMorePricingNews();
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const preview = read(await brief('digest preview 1'));
    const pairs = [...preview.matchAll(/(?:"|\\n)(\d+)\. (?::\w+: \w+ · )?<([^|>]+)\|/g)].map(
      (match) => [match[2] as string, Number(match[1])] as const,
    );
    // The heading's three and the thread's five: the same link, the same number, 1 to 5.
    expect(pairs).toHaveLength(8);
    const numbered = new Map(pairs);
    expect(pairs.every(([url, number]) => numbered.get(url) === number)).toBe(true);
    expect([...numbered.values()].sort()).toEqual([1, 2, 3, 4, 5]);
    const fourth = [...numbered].find(([, number]) => number === 4)?.[0];
    const opened = read(await brief('4'));
    expect(opened).toContain(`*[4]* <${fourth}|`);
    expect(opened).toContain('Source 4 in the digest');
  });

  it('says the window held more than fit, and how to make room', async () => {
    const feed = await storeMorePricingNews();
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing max 2');
    const preview = read(await brief('digest preview 1'));
    expect(preview).toMatch(/5 new since Sun 1 Nov 09:00 UTC; 2 shown/);
    expect(preview).toMatch(
      /The other 3 of the 5 that came in are left out \(all new\), and no later digest brings them back; to take 4 of the 5 each time: `\/brief digest edit 1 max 4`\./,
    );
    // A member cannot edit it: the follow that gets them more, or the admin to ask.
    expect(read(await brief('digest preview 1', member))).toMatch(
      /to take 4 of the 5 each time: `\/brief follow pricing daily 07:00 max 4` in your DMs, or ask <@UADMIN01> or a workspace admin to run `\/brief digest edit 1 max 4`\./,
    );
    expect((await brief('digest now 1')).text).toBe('Posted 2 items to <#C0NEWS>.');
    const parent = deps.sent.find((sent) => sent.channel === 'C0NEWS' && !sent.threadTs);
    expect(parent?.message.text).toMatch(/^Digest: pricing: 5 new since Sun 1 Nov 09:00 UTC; 2 shown\./);
    expect(JSON.stringify(parent?.message.blocks)).toMatch(/The other 3 of the 5 that came in are left out/);
    // One left out is "the other 1 is".
    await brief('digest edit 1 max 4');
    deps.clock.set('2026-11-02T09:30:00Z');
    await storeTitled(feed, 'one', [
      'Soylent raises prices in Europe',
      'Vandelay cuts pricing for schools',
      'Stark pricing tiers leak',
      'Wayne price hike draws complaints',
      'Tyrell discounts its pricing plans',
    ]);
    deps.clock.set('2026-11-02T09:31:00Z');
    expect(read(await brief('digest preview 1'))).toMatch(
      /The other 1 of the 5 that came in is left out \(a new story\), and no later digest brings it back;/,
    );
  });

  it('on a new setup, says the items already in the feeds are not announced, and posts no "nothing new"', async () => {
    await createTopic(deps, 'globex', 'globex');
    const feed = await createFeed(deps, { host: 'https://old.example.com', title: 'Old News' });
    deps.clock.set('2026-11-02T08:50:00Z');
    await storeFeedItems(
      deps,
      feed,
      [
        { guid: 'g-1', title: 'Globex opens an office' },
        { guid: 'g-2', title: 'Globex hires a CFO' },
      ],
      { backlog: true },
    );
    deps.clock.set('2026-11-02T09:00:00Z');
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: globex');
    expect((await brief('digest preview 1')).text).toContain(
      '2 items from before the feeds were added are not announced (answers count them); the first digest will carry what arrives from now on.',
    );
    const reply = (await brief('digest now 1')).text;
    expect(reply).toContain('no digest has gone out there, so nothing was posted');
    expect(reply).toContain('2 items from before the feeds were added are not announced');
    expect(deps.sent).toEqual([]);
  });

  it('compares the window with the previous digest’s window, not the items its size let it show', async () => {
    const feed = await createFeed(deps, { host: 'https://trend.example.com', title: 'Trend News' });
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing max 2');
    deps.clock.set('2026-11-02T09:03:00Z');
    await storeFeedItems(deps, feed, [
      { guid: 't-1', title: 'Globex raises prices in Asia' },
      { guid: 't-2', title: 'Initech cuts pricing for startups' },
    ]);
    deps.clock.set('2026-11-02T09:05:00Z');
    expect((await brief('digest now 1')).text).toBe('Posted 2 items to <#C0NEWS>.');
    deps.sent.length = 0;
    deps.clock.set('2026-11-02T09:10:00Z');
    await storeFeedItems(
      deps,
      feed,
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((letter) => ({
        guid: `t-${letter}`,
        title: `Pricing news ${letter}`,
      })),
    );
    deps.clock.set('2026-11-02T09:12:00Z');
    await brief('digest now 1');
    const parent = deps.sent.find((sent) => sent.channel === 'C0NEWS' && !sent.threadTs);
    expect(parent?.message.text).toMatch(/7 new since .*; 2 shown/);
    expect(JSON.stringify(parent?.message.blocks)).toMatch(/▲ up from 3 in the previous digest/);
  });

  it('a channel Slack did not recognise gets the real digests as examples, never a made-up number', async () => {
    expect((await brief('digest now #CQ')).text).toMatch(
      /There is no channel digest yet: add one with \/brief digest add\.$/,
    );
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest now #CQ')).text).toBe(
      'Slack did not recognise #CQ as a channel: pick it from the list Slack shows as you type # (in the console, type the channel id, e.g. #C0123ABCD). Say which digest, by number or channel: /brief digest now 1. The digests: 1 (<#C0NEWS>) (all in /brief digest list).',
    );
  });

  it('posts a paused digest once, saying it stays paused', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest pause 1');
    expect((await brief('digest now 1')).text).toBe(
      'Posted 2 items to <#C0NEWS>. Digest 1 is paused: this was a one-off, and it stays paused (resume it with /brief digest resume 1).',
    );
    expect((await deps.db.prisma.digestSchedule.findFirstOrThrow()).status).toBe('paused');
    // Again within the minute: nothing went out, so no one-off, and a paused digest has no next one.
    expect((await brief('digest now 1')).text).toBe(
      'Digest 1 went out to <#C0NEWS> less than a minute ago; it is paused, so nothing more goes out until `/brief digest resume 1`.',
    );
    deps.clock.set('2026-11-02T09:01:00Z');
    expect((await brief('digest now 1')).text).toBe(
      'Nothing new for <#C0NEWS> since digest 1 went out 1 min ago (2 items), so nothing was posted (quiet-day notes come with scheduled digests only). Digest 1 is paused, so nothing goes out until `/brief digest resume 1`.',
    );
  });

  it('a paused digest with nothing new and quiet days skipped says it posted nothing and waits for resume', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages quiet: skip');
    await brief('digest now 1');
    await brief('digest pause 1');
    deps.clock.set('2026-11-02T09:01:00Z');
    expect((await brief('digest now 1')).text).toBe(
      'Nothing new for <#C0NEWS> since digest 1 went out 1 min ago (2 items), so nothing was posted. Digest 1 is paused, so nothing goes out until `/brief digest resume 1`.',
    );
  });

  it('says when Slack refused it', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const working = deps.outbox;
    deps.outbox = {
      post: async (channel, message, options) => {
        if (channel === 'C0NEWS') throw new PostError('not_in_channel', true);
        return working.post(channel, message, options);
      },
      update: working.update,
    };
    expect((await brief('digest now <#C0NEWS|news>')).text).toBe(
      'The digest could not be posted (not_in_channel); details in your DMs.',
    );
    expect(deps.sent.map((sent) => sent.channel)).toEqual([admin]);
  });
});

describe('/brief follow and unfollow', () => {
  it('takes "subscribe to pricing" as the follow it means, never a search for "subscribe"', async () => {
    expect((await brief('subscribe to pricing weekdays 08:00', member)).text).toMatch(
      /^You follow pricing: a digest in your DMs on weekdays at 08:00 UTC/,
    );
    expect((await brief('sign me up for outages', member)).text).toMatch(/^You follow outages:/);
    expect(
      await deps.db.prisma.digestSchedule.findMany({
        select: { userId: true, topics: true },
        orderBy: { id: 'asc' },
      }),
    ).toEqual([
      { userId: member, topics: '["pricing"]' },
      { userId: member, topics: '["outages"]' },
    ]);
  });

  it('a follow is never reached as a channel digest by its number', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: outages');
    await brief('follow pricing daily 07:00', member);
    const refusal =
      "Digest 2 is not a channel digest: it is <@UMEMBER1>'s personal follow of pricing, in their DMs, and only they can change it. If it must change, ask <@UMEMBER1> (they stop it with `/brief unfollow pricing`); an admin may preview it, or end it when they have left (`/brief digest remove 2`; they are told). The channel digests: `/brief digest list`.";
    for (const command of [
      'digest edit 2 <#C0EXEC|exec>',
      'digest edit 2 weekly mon 08:00',
      'digest pause 2',
      'digest now 2',
      'digest unmute 2',
    ])
      expect((await brief(command)).text, command).toBe(refusal);
    expect(await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id: 2 } })).toMatchObject({
      channelId: member,
      userId: member,
      cadence: 'daily',
      status: 'active',
    });
    expect(deps.sent).toEqual([]);
    // `digest now` alone means the channel digest, never someone's follow.
    expect((await brief('digest now')).text).toBe('Posted 1 item to <#C0NEWS>.');
    // Its owner previews it, and is told how to change it.
    expect(read(await brief('digest preview 2', member))).toMatch(
      /Preview of your pricing follow \(digest 2, daily at 07:00 UTC\)/,
    );
    expect((await brief('digest unmute 2', member)).text).toMatch(
      /^Digest 2 is your follow of pricing, in your DMs, not a channel digest\. To see what it would send now: `\/brief digest preview 2`\. Change its time with `\/brief follow pricing weekly mon 08:00`/,
    );
    // An admin's own follow: `digest now` points to its preview.
    await brief('follow outages daily 07:00');
    expect((await brief('digest now 3')).text).toContain(
      'To see what it would send now: `/brief digest preview 3`.',
    );
  });

  it('its owner pauses and resumes a follow, keeping its schedule and size', async () => {
    await brief('follow pricing weekdays 07:30 max 3', member);
    const paused = (await brief('digest pause 1', member)).text;
    expect(paused).toBe(
      'Your follow of pricing (digest 1) is paused: nothing comes to your DMs until `/brief digest resume 1`, which keeps its schedule (weekdays at 07:30 UTC) and size.',
    );
    expect(await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      status: 'paused',
      cadence: 'weekdays',
      maxItems: 3,
    });
    expect((await brief('my follows', member)).text).toContain(
      '• pricing (digest 1): weekdays at 07:30 UTC (paused) · up to 3 items · stop `/brief unfollow pricing` · resume `/brief digest resume 1`',
    );
    expect((await brief('digest pause 1', member)).text).toMatch(/was already paused; nothing changed/);
    expect((await brief('digest resume 1', member)).text).toMatch(
      /^Your follow of pricing \(digest 1\) is back: it comes weekdays at 07:30 UTC, starting with the next one/,
    );
    expect(await deps.db.prisma.digestSchedule.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      status: 'active',
    });
    // Someone else's follow is not theirs to pause.
    await brief('follow outages daily 07:00', 'UOTHER01');
    expect((await brief('digest pause 2', member)).text).toMatch(/^Sorry, only Briefbot admins/);
  });

  it('follow creates a personal daily digest in DMs; unfollow removes it', async () => {
    const reply = await brief('follow pricing daily 07:00', member);
    expect(reply.text).toBe(
      'You follow pricing: a digest in your DMs daily at 07:00 UTC (next: Tue 3 Nov 07:00). It is digest 1; what it would send now: `/brief digest preview 1`. Stop with /brief unfollow pricing.',
    );
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      {
        channelId: member,
        userId: member,
        cadence: 'daily',
        timeOfDay: '07:00',
        timezone: 'UTC',
        topics: '["pricing"]',
        quietDay: 'skip',
        createdBy: member,
      },
    ]);
    expect((await brief('follow pricing', member)).text).toBe(
      'You already follow pricing, daily at 07:00 UTC (next: Tue 3 Nov 07:00): nothing changed. Stop with /brief unfollow pricing.',
    );
    expect(read(await brief('digest list', member))).toMatch(
      /\*1\* your follow \(DMs\) daily at 07:00 UTC \(next: Tue 3 Nov 07:00\) · pricing/,
    );

    deps.clock.set('2026-11-03T07:00:00Z');
    expect(await run()).toMatchObject([{ status: 'posted', items: 1 }]);
    expect(deps.sent[0]?.channel).toBe(member);
    expect(deps.sent[0]?.message.text).toMatch(/^Your pricing digest: 1 new since /);

    expect((await brief('unfollow pricing', member)).text).toBe(
      'You no longer get the pricing digest. Follow it again with `/brief follow pricing daily 07:00 UTC`; `/brief my follows` shows what you still follow.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    deps.clock.set('2026-11-04T07:00:00Z');
    expect(await run()).toEqual([]);
  });

  it('"stop following pricing" stops the follow, as unfollow does, never a search', async () => {
    await brief('follow pricing daily 07:00', member);
    expect((await brief('stop following pricing', member)).text).toBe(
      'You no longer get the pricing digest. Follow it again with `/brief follow pricing daily 07:00 UTC`; `/brief my follows` shows what you still follow.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('"unfollow pricing outages" stops both, and names a topic named that is not followed', async () => {
    await createTopic(deps, 'globex', 'globex');
    await brief('follow pricing daily 07:00', member);
    await brief('follow outages weekdays 07:30', member);
    expect((await brief('unfollow pricing outages', member)).text).toBe(
      'You no longer get the pricing and outages digests. To follow one again: `/brief follow pricing daily 07:00 UTC` · `/brief follow outages weekdays 07:30 UTC`; `/brief my follows` shows what you still follow.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    await brief('follow pricing daily 07:00', member);
    expect((await brief('unfollow pricing, globex', member)).text).toBe(
      "You no longer get the pricing digest. You don't follow globex, so nothing changed there. To follow it again: `/brief follow pricing daily 07:00 UTC`; `/brief my follows` shows what you still follow.",
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('previews a follow named in words ("my pricing digest"), and lists the asker\'s follows when none fits', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: outages');
    await brief('follow pricing daily 07:00', member);
    expect(read(await brief('digest preview my pricing digest', member))).toMatch(
      /Preview of your pricing follow \(digest 2/,
    );
    expect(read(await brief('digest preview outages', member))).toMatch(/Preview of digest 1 /);
    expect((await brief('digest preview my acme digest', member)).text).toBe(
      'No single digest is "my acme digest". Which digest? There are 2 (1: <#C0NEWS> daily at 08:00 UTC, outages · 2: your follow of pricing (DMs) daily at 07:00 UTC). Say which by number or channel: /brief digest preview 2.',
    );
  });

  it('previews a member\'s own follow for "preview my digest" and a bare digest preview, and offers their own number', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: outages');
    await brief('follow pricing daily 07:00', member);
    for (const text of ['preview my digest', 'show me my digest', 'digest preview'])
      expect(read(await brief(text, member)), text).toMatch(/Preview of your pricing follow \(digest 2/);
    // An admin's bare preview is of the channel digests, not a member's follow.
    expect(read(await brief('digest preview'))).toMatch(/Preview of digest 1 /);
    await brief('follow outages weekly mon 08:00', member);
    expect((await brief('preview my digest', member)).text).toContain(
      'pricing (digest 2, daily at 07:00 UTC): preview `/brief digest preview 2`',
    );
    expect((await brief('digest preview', member)).text).toContain('/brief digest preview 2.');
  });

  it('a follow changed by its time, zone or size alone keeps its days, and says how to make it daily', async () => {
    await brief('follow pricing weekly fri 5pm', member);
    expect((await brief('follow pricing 8am london', member)).text).toContain(
      'every Friday at 08:00 Europe/London (next: Fri 6 Nov 08:00) (was every Friday at 17:00 UTC). It still comes every Friday, as before; to have it every day: `/brief follow pricing daily 08:00 Europe/London`.',
    );
    expect((await brief('follow pricing max 3', member)).text).toContain(
      'every Friday at 08:00 Europe/London (next: Fri 6 Nov 08:00), up to 3 items (was up to 8 items).',
    );
    await brief('follow outages weekdays 07:30', member);
    expect((await brief('follow outages 9am', member)).text).toContain(
      'weekdays at 09:00 UTC (next: Tue 3 Nov 09:00) (was weekdays at 07:30 UTC). It still comes on weekdays, as before;',
    );
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      { cadence: 'weekly', weekday: 5, timeOfDay: '08:00', timezone: 'Europe/London', maxItems: 3 },
      { cadence: 'weekdays', timeOfDay: '09:00' },
    ]);
    // A cadence named is taken.
    expect((await brief('follow pricing daily', member)).text).toContain(
      'daily at 08:00 Europe/London (next: Tue 3 Nov 08:00), up to 3 items (was every Friday at 08:00 Europe/London).',
    );
  });

  it('following a topic again changes its schedule; several topics get a command each', async () => {
    await brief('follow pricing daily 07:00', member);
    expect((await brief('follow pricing weekly mon 08:00', member)).text).toBe(
      'You follow pricing: a digest in your DMs every Monday at 08:00 UTC (next: Mon 9 Nov 08:00) (was daily at 07:00 UTC). It is digest 1; what it would send now: `/brief digest preview 1`. Stop with /brief unfollow pricing.',
    );
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      { id: 1, userId: member, cadence: 'weekly', weekday: 1, timeOfDay: '08:00' },
    ]);
    for (const text of [
      'follow pricing, outages daily 07:00',
      'follow pricing outages daily 07:00',
      'follow pricing and outages daily 07:00',
    ])
      expect((await brief(text, member)).text, text).toBe(
        'Follow one topic at a time: `/brief follow pricing daily 07:00`, then `/brief follow outages daily 07:00`; or every topic in one digest: `/brief follow everything daily 07:00`. Nothing was followed yet.',
      );
    // A side by side is no follow, and its time is no mistake.
    for (const text of [
      'follow pricing vs outages weekly mon 08:00',
      'follow pricing versus outages weekly mon 08:00',
    ])
      expect((await brief(text, member)).text, text).toBe(
        "A side by side can't be followed: a follow is one topic's digest. Follow each side, `/brief follow pricing weekly mon 08:00`, then `/brief follow outages weekly mon 08:00`; `/brief pricing vs outages` compares them any time. Nothing was followed yet.",
      );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
  });

  it("follow runs in the person's own time zone, or the one they name", async () => {
    deps.userTimeZones.set(member, 'America/New_York');
    expect((await brief('follow pricing daily 07:00', member)).text).toBe(
      'You follow pricing: a digest in your DMs daily at 07:00 America/New_York (next: Mon 2 Nov 07:00). It is digest 1; what it would send now: `/brief digest preview 1`. Stop with /brief unfollow pricing.',
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({
      timeOfDay: '07:00',
      timezone: 'America/New_York',
    });
    expect((await brief('follow outages 08:30 Europe/Berlin', member)).text).toMatch(
      /^You follow outages: a digest in your DMs daily at 08:30 Europe\/Berlin \(next: Tue 3 Nov 08:30\)\./,
    );
    expect((await brief('follow outages 08:30 Mars/Olympus', 'UMEMBER2')).text).toBe(
      '"Mars/Olympus" is not a time zone I know. Use a zone like Europe/Paris or America/New_York, CET or PST, pacific time or london time, or UTC+2, or leave it out to use yours.',
    );
    expect((await brief('follow outages 08:30 America/New_Yrok', 'UMEMBER2')).text).toMatch(
      /^"America\/New_Yrok" is not a time zone I know\. Did you mean `\/brief follow outages 08:30 America\/New_York`\?$/,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(2);
  });

  it('follow on weekdays, or weekly on a day, however the day is written', async () => {
    // Monday 2 November 2026, after 07:30 UTC: the first weekday digest is on Tuesday.
    expect((await brief('follow pricing weekdays 07:30', member)).text).toMatch(
      /^You follow pricing: a digest in your DMs on weekdays at 07:30 UTC \(next: Tue 3 Nov 07:30\)\./,
    );
    expect((await brief('follow outages every friday at 9am', member)).text).toMatch(
      /^You follow outages: a digest in your DMs every Friday at 09:00 UTC \(next: Fri 6 Nov 09:00\)\./,
    );
    expect((await brief('follow pricing weekly wed', 'UMEMBER2')).text).toMatch(
      /^You follow pricing: a digest in your DMs every Wednesday at 07:00 UTC \(next: Wed 4 Nov 07:00\)\./,
    );
    const schedules = await deps.db.prisma.digestSchedule.findMany({ orderBy: { id: 'asc' } });
    expect(schedules.map((schedule) => [schedule.cadence, schedule.weekday, schedule.timeOfDay])).toEqual([
      ['weekdays', null, '07:30'],
      ['weekly', 5, '09:00'],
      ['weekly', 3, '07:00'],
    ]);
  });

  it('follow takes times like 8 pm and zones like CET or UTC+2', async () => {
    expect((await brief('follow pricing daily 8 pm CET', member)).text).toMatch(
      /^You follow pricing: a digest in your DMs daily at 20:00 Europe\/Paris \(next: Mon 2 Nov 20:00\)\. .*Time zone: CET is read as Europe\/Paris/,
    );
    expect((await brief('follow outages 8.30am UTC+2', member)).text).toMatch(
      /^You follow outages: a digest in your DMs daily at 08:30 UTC\+2 \(next: Tue 3 Nov 08:30\)\. /,
    );
  });

  it('follow without a time means 07:00', async () => {
    await brief('follow outages', member);
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({ timeOfDay: '07:00' });
  });
});

describe('digest list and personal digests', () => {
  it('shows a personal digest to its owner only', async () => {
    const local = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' } });
    try {
      await local.db.prisma.topic.create({ data: { name: 'pricing', query: 'pricing' } });
      await runCommand(local, {
        userId: 'UFOLLOW1',
        channelId: 'C0NEWS',
        text: 'follow pricing daily 07:00',
      });
      const owner = await runCommand(local, { userId: 'UFOLLOW1', channelId: 'C0NEWS', text: 'digest list' });
      const other = await runCommand(local, { userId: 'UOTHER01', channelId: 'C0NEWS', text: 'digest list' });
      expect(JSON.stringify(owner.blocks)).toMatch(/\*1\* your follow \(DMs\) daily at 07:00/);
      expect(JSON.stringify(other.blocks)).not.toMatch(/UFOLLOW1|your follow|personal follow/);
      // An admin is told how many follows there are, by topic (as App Home lists them), never whose.
      const admin = JSON.stringify(
        (await runCommand(local, { userId: 'UADMIN01', channelId: 'C0NEWS', text: 'digest list' })).blocks,
      );
      expect(admin).toMatch(
        /No digests yet\. .* Also 1 personal follow, in their followers' DMs \(each changed only by its follower\): pricing 1\./,
      );
      expect(admin).not.toMatch(/UFOLLOW1/);
    } finally {
      await local.cleanup();
    }
  });
});

describe('parseWeekday', () => {
  it.each([
    ['mon', 1],
    ['Tues', 2],
    ['wednesday', 3],
    ['thursdays', 4],
    ['SAT', 6],
  ])('reads "%s" as day %i', (word, day) => {
    expect(parseWeekday(word)).toBe(day);
  });
  it.each(['month', 'mo', 'thu,fri', 'someday', ''])('reads "%s" as no day', (word) => {
    expect(parseWeekday(word)).toBeUndefined();
  });
});

describe('removing a topic a digest names', () => {
  it('takes it out of each digest, stops one left with no topic, and says who and what lost it', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest add <#C0SALES|sales> daily 08:00 topics: pricing');
    await brief('sme add <@U0MARIA1|maria> pricing, outages');
    expect(read(await brief('topics remove pricing'))).toMatch(
      /To remove anyway: `\/brief topics remove pricing confirm`/,
    );
    const reply = read(await brief('topics remove pricing confirm'));
    expect(reply).toMatch(/Removed topic \*pricing\*\./);
    expect(reply).toMatch(/<@U0MARIA1> no longer has it as a beat, and was told in a DM\./);
    expect(reply).toMatch(/Digest 1 \(<#C0NEWS>\) no longer includes it\./);
    expect(reply).toMatch(
      /Digest 2 \(<#C0SALES>\) had no other topic and is stopped with no topics \(not turned into "all topics"\)/,
    );
    expect(reply).toMatch(/`\/brief topics edit pricing &lt;query&gt;` keeps its experts and digests/);
    const schedules = await deps.db.prisma.digestSchedule.findMany({ orderBy: { id: 'asc' } });
    expect(schedules.map((schedule) => [JSON.parse(schedule.topics), schedule.status])).toEqual([
      [['outages'], 'active'],
      [[], 'no_topics'],
    ]);
    expect(read(await brief('digest list'))).not.toMatch(/pricing/);
  });

  it('a digest left with no topic stays "no topics": never run, previewed or resumed as "all topics"', async () => {
    await brief('digest add <#C0SALES|sales> daily 08:00 topics: pricing max 3');
    await brief('topics remove pricing confirm');
    const list = read(await brief('digest list'));
    expect(list).toMatch(/\*1\* <#C0SALES> daily at 08:00 UTC \(paused: no topics\) · no topics · max 3/);
    expect(list).not.toMatch(/all topics/);
    // The way out names a topic there is, never the one just removed.
    const refusal =
      /Digest 1 for <#C0SALES> has no topics left \(its last one was removed\), so there is nothing to (preview|resume|post)\. Give it topics first: `\/brief digest edit 1 topics: outages` \(the topics are outages; or `topics: all` for every topic\), then `\/brief digest resume 1`\./;
    for (const text of ['digest preview 1', 'digest resume 1', 'digest now 1', 'digest preview']) {
      const reply = read(await brief(text));
      expect(reply).toMatch(refusal);
      expect(reply).not.toMatch(/Acme (pricing goes up|outage in Europe)/);
    }
    expect(read(await brief('digest pause 1'))).toMatch(
      /Digest 1 for <#C0SALES> is already stopped: it has no topics left/,
    );
    expect(read(await brief('digest edit 1 max 5'))).toMatch(
      /\(paused: no topics\), no topics, up to 5 items.*Give it topics \(`\/brief digest edit 1 topics: …`\) before resuming it\./,
    );
    deps.clock.set('2026-11-03T08:00:00Z');
    expect(await run()).toEqual([]);
    expect(deps.sent).toEqual([]);
    // A new "all topics" digest there is no twin of one with no topics.
    expect(read(await brief('digest add <#C0SALES|sales> daily 08:00 max 5'))).toMatch(
      /Digest 2 for <#C0SALES>/,
    );
    expect(read(await brief('digest edit 1 topics: outages'))).toMatch(
      /Digest 1 for <#C0SALES> now: daily at 08:00 UTC \(paused\), outages \(was no topics\), up to 5 items.*Resume it with \/brief digest resume 1\./,
    );
    expect(read(await brief('digest resume 1'))).toMatch(/Digest 1 for <#C0SALES> is active/);
  });

  it('with no topic left at all, the way out of "no topics" and the follow hint say to add one first', async () => {
    await brief('digest add <#C0SALES|sales> daily 08:00 topics: pricing, outages');
    await brief('topics remove pricing confirm');
    await brief('topics remove outages confirm');
    expect(read(await brief('digest preview 1'))).toMatch(
      /nothing to preview\. There are no topics now: add one \(`\/brief topics add &lt;name&gt; &lt;query&gt;`\), give it to the digest \(`\/brief digest edit 1 topics: &lt;name&gt;`\), then `\/brief digest resume 1`\./,
    );
    expect((await brief('my follows', member)).text).toBe(
      'You follow nothing yet. There are no topics to follow yet: an admin adds them (`/brief topics add &lt;name&gt; &lt;query&gt;`).',
    );
  });

  it('points an existing topic name to topics edit, not to removing it', async () => {
    expect(read(await brief('topics add pricing price OR cost'))).toMatch(
      /already a topic "pricing".*`\/brief topics edit pricing &lt;query&gt;`.*keeps experts, channel and digests/,
    );
    expect(read(await brief('topics add pricing price OR cost'))).not.toMatch(/Remove it first/);
  });
});

describe('/brief digest preview and now with no digest named', () => {
  it('take the only digest, naming its channel, and ask which when there are several', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect(read(await brief('digest preview'))).toMatch(
      /\*Preview of digest 1 \(daily at 08:00 UTC\)\* for <#C0NEWS> — 1 new since /,
    );
    await brief('digest add <#C0SALES|sales> weekly mon 09:00 topics: outages');
    for (const verb of ['preview', 'now']) {
      expect(read(await brief(`digest ${verb}`))).toMatch(
        new RegExp(
          `Which digest\\? There are 2 \\(1: <#C0NEWS> daily at 08:00 UTC, pricing · 2: <#C0SALES> every Monday at 09:00 UTC, outages\\)\\. Say which by number or channel: /brief digest ${verb} 1\\.`,
        ),
      );
    }
    expect(deps.sent).toEqual([]);
  });
});

describe('digest preview buttons', () => {
  it('a member sees no Not relevant or Mute source in a preview; an admin does, told they are real', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const preview = (await brief('digest preview 1', member)).blocks;
    const actionIds = JSON.stringify(preview).match(/"action_id":"[a-z_]+"/g) ?? [];
    expect(actionIds).toEqual(['"action_id":"run_command"']);
    expect(JSON.stringify(preview)).toMatch(/Not relevant and Mute source come with the posted digest\./);
    const asAdmin = JSON.stringify((await brief('digest preview 1')).blocks);
    expect(asAdmin).toMatch(/"action_id":"digest_mute_source"/);
    expect(asAdmin).toMatch(
      /Not relevant and Mute source here apply to <#C0NEWS>'s real digests; `\/brief digest unmute 1 &lt;feed number&gt;` \(or `… all`\) undoes them, and `\/brief digest unmute 1` lists them\./,
    );
  });
});

describe('digest list by cadence', () => {
  it('finds weekly digests by the word "weekly", as the README shows', async () => {
    await brief('digest add <#C0NEWS|news> weekly mon/thu 9am topics: pricing');
    await brief('digest add <#C0SALES|sales> daily 08:00 topics: pricing');
    const reply = read(await brief('digest list weekly'));
    expect(reply).toMatch(/1 digest matching "weekly" \(of 2\)/);
    expect(reply).toMatch(/every Monday and Thursday at 09:00 UTC/);
    expect(reply).not.toMatch(/C0SALES/);
  });
});

describe('/brief digest preview after a digest went out', () => {
  it('shows what the next run would post: nothing already posted, nothing before the last digest', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages max 1');
    expect((await brief('digest now 1')).text).toBe('Posted 1 item to <#C0NEWS>.');
    deps.clock.set('2026-11-02T09:10:00Z');
    const empty = read(await brief('digest preview 1'));
    expect(empty).toMatch(/nothing new since the last digest \(Mon 2 Nov 09:00 UTC\) for pricing, outages/);
    expect(empty).not.toMatch(/Acme (pricing goes up|outage in Europe)/);
    const feed = await deps.db.prisma.feed.findFirstOrThrow();
    await storeFeedItems(deps, feed.id, [{ guid: 'p2', title: 'Globex pricing cut' }]);
    deps.clock.set('2026-11-02T09:20:00Z');
    const preview = read(await brief('digest preview 1'));
    expect(preview).toMatch(/Globex pricing cut/);
    expect(preview).not.toMatch(/Acme (pricing goes up|outage in Europe)/);
    expect((await brief('digest now 1')).text).toBe('Posted 1 item to <#C0NEWS>.');
    // The one posted first, and the new one: the item the first digest left out stays out, as previewed.
    expect(channelPosts(deps)).toHaveLength(2);
  });

  it('right after digest now, says nothing is new, even for items found earlier in the same minute', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages max 1');
    const feed = await deps.db.prisma.feed.findFirstOrThrow();
    // Found at 09:00:20; the run of 09:00:40 reads it (its slot is 09:00).
    deps.clock.set('2026-11-02T09:00:20Z');
    await storeFeedItems(deps, feed.id, [{ guid: 'p2', title: 'Globex pricing cut' }]);
    deps.clock.set('2026-11-02T09:00:40Z');
    expect((await brief('digest now 1')).text).toBe('Posted 1 item to <#C0NEWS>.');
    deps.clock.set('2026-11-02T09:00:53Z');
    const preview = read(await brief('digest preview 1'));
    expect(preview).toMatch(/nothing new since the last digest \(Mon 2 Nov 09:00 UTC\)/);
    expect(preview).not.toMatch(/that came in since/);
    deps.clock.set('2026-11-02T09:02:00Z');
    expect((await brief('digest now 1')).text).toMatch(
      /^Nothing new for <#C0NEWS> since digest 1 went out 1 min ago \(1 item\), so nothing was posted/,
    );
  });

  it('leads with what is new, and says the older stories that arrived late apart', async () => {
    const feed = await deps.db.prisma.feed.findFirstOrThrow();
    deps.clock.set('2026-11-02T08:45:00Z');
    await storeFeedItems(deps, feed.id, [
      { guid: 'p3', title: 'Old pricing story, found today', publishedAt: new Date('2026-10-30T09:00:00Z') },
      {
        guid: 'p4',
        title: 'Older pricing story, found today',
        publishedAt: new Date('2026-10-29T09:00:00Z'),
      },
    ]);
    deps.clock.set('2026-11-02T09:00:00Z');
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const preview = read(await brief('digest preview 1'));
    expect(preview).toMatch(
      /1 new since Sun 1 Nov 09:00 UTC; 3 shown, 2 of them older stories that arrived late/,
    );
    // The items published before the window are marked so in the thread; the one within it is not.
    expect(preview).toMatch(/3 days ago · older, arrived late/);
    expect(preview).toMatch(/4 days ago · older, arrived late/);
    expect(preview.match(/older, arrived late/g)).toHaveLength(2);
    // With a smaller size, the count is of the whole window, not of the items shown.
    await brief('digest edit 1 max 1');
    const smaller = read(await brief('digest preview 1'));
    expect(smaller).toMatch(/1 new since Sun 1 Nov 09:00 UTC; 1 shown/);
    expect(smaller).toMatch(
      /The other 2 of the 3 that came in are left out \(older stories that arrived late\),/,
    );
  });
});

describe('a removed topic ends its follows', () => {
  it('counts them before, ends them, DMs each follower, and offers no command that would be refused', async () => {
    await brief('follow pricing weekdays 7:30am Europe/Berlin', member);
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    expect(read(await brief('topics remove pricing'))).toMatch(
      /takes the topic from digest 2 \(<#C0NEWS>\) and 1 personal follow \(<@UMEMBER1>'s\), which would end \(its follower is told in a DM\)/,
    );
    const removed = read(await brief('topics remove pricing confirm'));
    expect(removed).toMatch(/1 personal follow \(<@UMEMBER1>'s\) ended; its follower was told in a DM\./);
    expect(removed).not.toMatch(/digest edit 2 topics: …|digest resume 2|stopped with no topics/);
    // The way back: the topic as it was, then its place in the channel digest; the follow is its follower's to redo, as it was.
    expect(removed).toMatch(
      /To bring it back: `\/brief topics add pricing pricing OR price\*`, then `\/brief digest edit 2 topics: \+pricing`, and ask <@UMEMBER1> to `\/brief follow pricing weekdays 07:30 Europe\/Berlin` again\. /,
    );
    expect(await deps.db.prisma.digestSchedule.count({ where: { userId: member } })).toBe(0);
    const dm = deps.sent.find((sent) => sent.channel === member);
    expect(dm?.message.text).toBe(
      'Your follow of pricing (weekdays at 07:30 Europe/Berlin, in your DMs) has ended: <@UADMIN01> removed the topic pricing from Briefbot. `/brief topics list` shows the topics you can follow; `/brief my follows` what you still follow.',
    );
    // Not "yet": the follow ended with its topic, and said so; its next step names a topic there is.
    const when = formatDateTime(deps.clock.now());
    expect((await brief('my follows', member)).text).toBe(
      `You follow nothing now. Your pricing follow ended on ${when} when <@UADMIN01> removed the topic. \`/brief follow outages daily 07:00\` sends a topic’s digest to your DMs; \`/brief topics list\` shows the topics.`,
    );
    // An old "Stop with /brief unfollow pricing": what happened to it, not "isn't a topic".
    expect((await brief('unfollow pricing', member)).text).toBe(
      `Your pricing follow ended on ${when} when <@UADMIN01> removed the topic. Nothing to stop.`,
    );
    // The topic back: the follow as it was, to start again.
    await brief('topics add pricing pricing OR price*');
    expect((await brief('my follows', member)).text).toContain(
      `Your pricing follow ended on ${when} when <@UADMIN01> removed the topic; pricing is back, so follow it again with \`/brief follow pricing weekdays 07:30 Europe/Berlin\`.`,
    );
    await brief('follow pricing weekdays 07:30 Europe/Berlin', member);
    expect((await brief('my follows', member)).text).not.toContain('ended');
    expect(await deps.db.prisma.auditEvent.findFirst({ where: { action: 'topic.remove' } })).toMatchObject({
      detail: expect.stringContaining(
        '"followsEnded":[{"id":1,"userId":"UMEMBER1","again":"weekdays 07:30 Europe/Berlin"}]',
      ),
    });
  });

  it('does not list a follow an earlier version left with no topic', async () => {
    await deps.db.prisma.digestSchedule.create({
      data: {
        channelId: member,
        userId: member,
        cadence: 'weekdays',
        timeOfDay: '07:30',
        timezone: 'Europe/Berlin',
        topics: '[]',
        maxItems: 8,
        quietDay: 'skip',
        status: 'no_topics',
        createdBy: member,
        createdAt: deps.clock.now(),
      },
    });
    expect((await brief('my follows', member)).text).toMatch(/^You follow nothing yet/);
    expect((await brief('unfollow', member)).text).toMatch(
      /^You follow nothing, so there is nothing to stop/,
    );
    expect(read(await brief('digest list', member))).not.toMatch(/all topics|your follow/);
  });
});

describe('preview and post group alike', () => {
  it('files an item under the topic its title names first, in the preview and in the posted digest', async () => {
    await createTopic(deps, 'acme', 'acme');
    await createTopic(deps, 'globex', 'globex');
    const feed = await createFeed(deps, { host: 'https://saas.example.com', title: 'SaaS News' });
    deps.clock.set('2026-11-02T08:40:00Z');
    await storeFeedItems(deps, feed, [
      { guid: 'g1', title: 'Globex launches Assist AI for teams leaving Acme' },
      { guid: 'a1', title: 'Acme raises renewal quotes' },
    ]);
    deps.clock.set('2026-11-02T09:00:00Z');
    await brief('digest add <#C0EXEC|exec> daily 07:30 topics: acme, globex');
    const headings = (blocks: string) =>
      [...blocks.matchAll(/"text":"\*(acme|globex)\*"/g)].map((match) => match[1]);
    const preview = JSON.stringify((await brief('digest preview 1')).blocks);
    await brief('digest now 1');
    const posted = JSON.stringify(
      deps.sent.filter((sent) => sent.threadTs).map((sent) => sent.message.blocks),
    );
    expect(headings(preview)).toEqual(['globex', 'acme']);
    expect(headings(posted)).toEqual(headings(preview));
    expect(posted).toMatch(/"\*globex\*".*Globex launches Assist AI/);
    const parent = deps.sent.find((sent) => !sent.threadTs && sent.channel === 'C0EXEC');
    expect(JSON.stringify(parent?.message.blocks)).toMatch(/globex 1, acme 1|acme 1, globex 1/);
    expect(preview).toMatch(/globex 1, acme 1|acme 1, globex 1/);
  });
});

describe('follows: who, how big, and the slips', () => {
  it('names a topic typed in capitals as it is stored, lowercase, in every reply', async () => {
    expect((await brief('follow OUTAGES weekly mon 08:00', member)).text).toMatch(
      /^You follow outages: a digest in your DMs every Monday at 08:00 UTC .* Stop with \/brief unfollow outages\.$/,
    );
    expect((await brief('follow Outages weekly mon 08:00', member)).text).toMatch(
      /^You already follow outages, every Monday at 08:00 UTC .*: nothing changed\. Stop with \/brief unfollow outages\.$/,
    );
    expect((await brief('unfollow Outages', member)).text).toBe(
      'You no longer get the outages digest. Follow it again with `/brief follow outages weekly mon 08:00 UTC`; `/brief my follows` shows what you still follow.',
    );
    expect((await brief('unfollow PRICING', member)).text).toMatch(/^You don't follow pricing\./);
    expect((await brief('follow Pricing, OUTAGES daily 07:00', member)).text).toBe(
      'Follow one topic at a time: `/brief follow pricing daily 07:00`, then `/brief follow outages daily 07:00`; or every topic in one digest: `/brief follow everything daily 07:00`. Nothing was followed yet.',
    );
  });

  it('answers an unfollow of words that are no follow with the words as typed and the follows to stop', async () => {
    await brief('follow pricing weekdays 07:30', member);
    for (const [text, said] of [
      ['unfollow anything I should worry about', "“anything I should worry about” isn't a topic"],
      ["unfollow what's new", "“what's new” isn't a topic"],
      ['unfollow outages', "You don't follow outages"],
    ])
      expect((await brief(text as string, member)).text).toBe(
        `${said}; you follow pricing (stop it with \`/brief unfollow pricing\`). Nothing was stopped.`,
      );
    // A follow named among other words is the one offered.
    expect((await brief('unfollow the pricing digest', member)).text).toBe(
      "“the pricing digest” isn't a topic. Did you mean `/brief unfollow pricing`? Nothing was stopped.",
    );
    await brief('follow outages daily 07:00', member);
    expect((await brief('unfollow nonsense', member)).text).toBe(
      "“nonsense” isn't a topic; you follow 2 topics: `/brief unfollow pricing` (weekdays at 07:30 UTC) · `/brief unfollow outages` (daily at 07:00 UTC). Nothing was stopped.",
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(2);
  });

  it('nobody sets a follow for someone else, and says what can be done', async () => {
    expect((await brief('follow pricing for <@UMEMBER1> daily 07:00')).text).toMatch(
      /^A follow is its owner's own: .* nobody can follow a topic for <@UMEMBER1>\. Ask <@UMEMBER1> to type `\/brief follow &lt;topic&gt; daily 07:00`/,
    );
    expect((await brief('digest add <@UMEMBER1> daily 07:00 topics: pricing')).text).toMatch(
      /^A digest goes to a channel\. One in <@UMEMBER1>'s DMs is a personal follow, which only they start/,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('takes a size and a quiet-day setting, and quotes only the words it did not understand', async () => {
    expect((await brief('follow pricing daily 07:00 max 3 quiet: note', member)).text).toBe(
      'You follow pricing: a digest in your DMs daily at 07:00 UTC (next: Tue 3 Nov 07:00), up to 3 items. It is digest 1; what it would send now: `/brief digest preview 1`. Stop with /brief unfollow pricing.',
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({
      maxItems: 3,
      quietDay: 'note',
    });
    expect((await brief('follow outages daily 07:00 at noon sharp', member)).text).toMatch(
      /^I don't understand "sharp"\. Give a time like 08:00 or 17:30, and a day if you like/,
    );
    expect((await brief('follow outages daily 07:00 max 99', member)).text).toMatch(
      /^“max 99”: a follow takes between 1 and 50 items\./,
    );
  });

  it('suggests the topic meant, lists the follows for a bare unfollow, and re-follows on the old schedule', async () => {
    expect((await brief('follow pricng weekdays 07:30', member)).text).toBe(
      'No topic "pricng". Did you mean `/brief follow pricing weekdays 07:30`? The topics are: outages, pricing.',
    );
    await brief('follow pricing weekdays 07:30 Europe/Berlin max 5', member);
    expect((await brief('unfollow', member)).text).toBe(
      'Which follow? You follow 1 topic: `/brief unfollow pricing` (weekdays at 07:30 Europe/Berlin).',
    );
    const again = (await brief('unfollow pricing', member)).text;
    expect(again).toMatch(
      /Follow it again with `\/brief follow pricing weekdays 07:30 Europe\/Berlin max 5`/,
    );
    await brief(again.slice(again.indexOf('follow pricing'), again.indexOf('`;')), member);
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({
      cadence: 'weekdays',
      timeOfDay: '07:30',
      timezone: 'Europe/Berlin',
      maxItems: 5,
    });
  });

  it('names a follow as the asker’s own in "Which digest?", and its preview offers a bigger size as a follow', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: outages');
    await brief('follow pricing weekly mon 08:00 max 1', member);
    // A bare preview is of the one follow; a digest named that is none lists them.
    expect((await brief('digest preview my acme digest', member)).text).toMatch(
      /Which digest\? There are 2 \(1: <#C0NEWS> daily at 08:00 UTC, outages · 2: your follow of pricing \(DMs\) every Monday at 08:00 UTC\)/,
    );
    deps.clock.set('2026-11-02T09:10:00Z');
    await storeFeedItems(deps, 1, [{ guid: 'p9', title: 'Globex pricing cut' }]);
    deps.clock.set('2026-11-02T09:20:00Z');
    expect(read(await brief('digest preview 2', member))).toMatch(
      /The other 1 of the 2 that came in is left out \(a new story\), and no later digest brings it back; to take them all each time: `\/brief follow pricing weekly mon 08:00 UTC max 2`/,
    );
  });
});

describe('digest list, add and remove: what else a marketer needs to see', () => {
  it('shows a quiet-day setting that is not the default, and finds all-topics digests by a topic', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing quiet: skip');
    await brief('digest add <#C0XRAY|xray> daily 09:00');
    const list = read(await brief('digest list'));
    expect(list).toMatch(/\*1\* <#C0NEWS> .* · pricing · max 8 · quiet: skip · not run yet/);
    expect(list).toMatch(/\*2\* <#C0XRAY> .* · all topics · max 8 · not run yet/);
    expect(list).not.toMatch(/\*2\*[^*]*quiet:/);
    const pricing = read(await brief('digest list pricing'));
    expect(pricing).toMatch(/2 digests matching "pricing" \(of 2\)/);
    expect(pricing).toMatch(/<#C0XRAY> .* · all topics/);
  });

  it('warns when a channel already gets overlapping topics at the same time', async () => {
    await brief('digest add <#C0XRAY|xray> daily 8am');
    expect((await brief('digest add <#C0XRAY|xray> daily 8am topics: pricing')).text).toMatch(
      /Note: <#C0XRAY> already gets all topics \(digest 1\) at this time; an item goes out once, in whichever digest posts it first.*`\/brief digest edit 1 topics: …`.*`\/brief digest remove 2`/,
    );
    expect((await brief('digest add <#C0XRAY|xray> daily 9am topics: pricing')).text).not.toMatch(/Note:/);
  });

  it('names every overlapping digest, and its advice leaves one digest', async () => {
    await brief('digest add <#C0XRAY|xray> daily 07:00 topics: outages');
    await brief('digest add <#C0XRAY|xray> daily 07:00 topics: pricing');
    expect((await brief('digest add <#C0XRAY|xray> daily 07:00')).text).toMatch(
      /Note: <#C0XRAY> already gets outages \(digest 1\) and pricing \(digest 2\) at this time; an item goes out once, in whichever digest posts it first, so these 3 split the items they share\. For one digest, change digest 1 instead \(`\/brief digest edit 1 topics: …`\) and remove the others \(`\/brief digest remove 2 3`\)\./,
    );
  });

  it("remove's confirmation offers to pause only the digests still running", async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    await brief('digest add <#C0MKT|mkt> daily 08:00 topics: outages');
    expect((await brief('digest remove 1 2 3')).text).toContain('instead: `/brief digest pause 1 2 3`.');
    await brief('digest pause 1 2');
    expect((await brief('digest remove 1 2 3')).text).toContain('instead: `/brief digest pause 3`.');
    await brief('digest pause 3');
    expect((await brief('digest remove 1 2 3')).text).not.toMatch(/pause/);
  });

  it('removing a paused digest says to pause it again after adding it back', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('digest pause 1');
    expect((await brief('digest remove 1 confirm')).text).toBe(
      'Digest 1 for <#C0NEWS> is removed. To bring it back: /brief digest add <#C0NEWS> daily 08:00 UTC topics: pricing max 8 quiet: note, then pause it again with `/brief digest pause &lt;its new number&gt;` (it was paused; added again it would run)',
    );
  });

  it('a second Mute source says it is muted already; unmute of a feed that does not exist says so', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const value = { c: 'C0NEWS', i: items.p1 as number, f: 1 };
    expect(await recordFeedback(deps, value, FeedbackKind.MuteSource, admin)).toMatch(/muted Example News/);
    expect(await recordFeedback(deps, value, FeedbackKind.MuteSource, admin)).toBe(
      ':mute: Example News is already muted here (by <@UADMIN01>); nothing changed. Undo: /brief digest unmute <#C0NEWS> 1',
    );
    expect(await deps.db.prisma.channelFeedback.count()).toBe(1);
    expect((await brief('digest unmute 1 9')).text).toMatch(
      /^There is no feed 9\. <#C0NEWS>'s digests have 1 source muted or marked: Example News \(feed 1\) muted\. To bring it back: `\/brief digest unmute 1 1`/,
    );
    // A source only marked "not relevant" was never taken away: its marks are cleared, not brought back.
    await brief('digest unmute 1 1');
    await recordFeedback(deps, value, FeedbackKind.NotRelevant, member);
    expect((await brief('digest unmute 1')).text).toMatch(
      /Example News \(feed 1\) 1× not relevant\. To clear its marks: `\/brief digest unmute 1 1`$/,
    );
  });

  it('removing a feed names the channels whose mutes went with it', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await recordFeedback(deps, { c: 'C0NEWS', i: items.p1 as number, f: 1 }, FeedbackKind.MuteSource, admin);
    expect((await brief('feeds remove 1')).text).toContain(
      "It also clears the digests' feedback on it: <#C0NEWS> (muted); a feed added again is not muted.",
    );
    // Said as what was undone: "(muted)" would read as the channel's mute still standing.
    expect((await brief('feeds remove 1 confirm')).text).toMatch(
      /they won't be posted in digests\. <#C0NEWS>'s mute of this feed was removed; mute it again after re-adding if needed\.$/,
    );
  });
});

describe('digest edit: a bare number is never an hour', () => {
  it('asks whether a bare number is a size or a time, and refuses a second digest number', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const asked = await brief('digest edit 1 5');
    expect(asked.text).toContain('did you mean `max 5` (up to 5 items), or 05:00');
    const second = await brief('digest edit 1 2 max 3');
    expect(second.text).toContain(
      '`digest edit` takes one digest; "2" reads as a second one. Edit each on its own: `/brief digest edit 1 max 3`, then `/brief digest edit 2 max 3`.',
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({
      timeOfDay: '08:00',
      maxItems: 8,
    });
    // A time that is no time is named as add names it.
    expect((await brief('digest edit 1 daily 25:00')).text).toBe(
      '“25:00”: give a time like 08:00 or 17:30. Nothing was changed.',
    );
    // With `at`, a colon or am/pm it is a time.
    expect((await brief('digest edit 1 at 5')).text).toContain('now: daily at 05:00 UTC');
    expect((await brief('digest edit 1 6pm')).text).toContain('now: daily at 18:00 UTC');
  });
});

describe('digest edit: settings in any order', () => {
  it('reads a schedule after the topics, and after max or quiet, as the schedule', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest edit 1 topics: pricing, outages weekly mon 09:00')).text).toMatch(
      /^Digest 1 for <#C0NEWS> now: every Monday at 09:00 UTC \(next: Mon 9 Nov 09:00\), was daily at 08:00 UTC, pricing, outages \(was pricing\),/,
    );
    expect((await brief('digest edit 1 topics: outages max 5 daily 8am Europe/Berlin')).text).toMatch(
      /now: daily at 08:00 Europe\/Berlin .*outages \(was pricing, outages\), up to 5 items \(was 8\)/,
    );
    expect(
      (await brief('digest add <#C0SALES|sales> topics: pricing and outages quiet: skip weekdays 07:00'))
        .text,
    ).toMatch(
      /^Digest 2 for <#C0SALES>: weekdays at 07:00 UTC \(next: Tue 3 Nov 07:00\), pricing, outages, up to 8 items\./,
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow({ where: { id: 2 } })).toMatchObject({
      quietDay: 'skip',
    });
  });
});

describe('digest pause, resume and remove of several digests', () => {
  it('acts on each digest named, a line each, and asks before removing', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: outages');
    expect((await brief('digest pause 1 2')).text).toBe(
      'Digest 1 for <#C0NEWS> is paused. Resume it with /brief digest resume 1.\nDigest 2 for <#C0EXEC> is paused. Resume it with /brief digest resume 2.',
    );
    expect((await brief('digest resume 2 9')).text).toBe(
      'Digest 2 for <#C0EXEC> is active. Pause it again with /brief digest pause 2.\n9: No digest "9". See the numbers with /brief digest list.',
    );
    const asked = await brief('digest remove 2 1');
    expect(asked.text).toContain('To remove: `/brief digest remove 2 1 confirm`.');
    expect(await deps.db.prisma.digestSchedule.count()).toBe(2);
    const removed = await brief('digest remove 2 1 confirm');
    expect(removed.text).toMatch(
      /^Digest 2 for <#C0EXEC> is removed\..*\nDigest 1 for <#C0NEWS> is removed\./s,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });
});

describe('the undo of feedback, as given', () => {
  it('digest list gives an unmute per source that works as typed, and a bare unmute lists one line each', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    const other = await createFeed(deps, { host: 'https://blog.example.com', title: 'Beta Blog' });
    const beta = await storeFeedItems(deps, other, [{ guid: 'b1', title: 'Beta pricing' }]);
    await recordFeedback(deps, { c: 'C0NEWS', i: items.p1 as number, f: 1 }, FeedbackKind.MuteSource, admin);
    await recordFeedback(
      deps,
      { c: 'C0NEWS', i: beta.b1 as number, f: other },
      FeedbackKind.NotRelevant,
      member,
    );
    const list = read(await brief('digest list'));
    expect(list).toContain(
      '(undo: `/brief digest unmute 1 1`, `/brief digest unmute 1 2` or `/brief digest unmute 1 all`; unmute clears \\"not relevant\\" marks too)',
    );
    const bare = await brief('digest unmute 1');
    expect(bare.text).toBe(
      "<#C0NEWS>'s digests have 2 sources muted or marked; say which to bring back:\n• Example News (feed 1) muted: `/brief digest unmute 1 1`\n• Beta Blog (feed 2) 1× not relevant: `/brief digest unmute 1 2`\n• every one: `/brief digest unmute 1 all`",
    );
    expect((await brief('digest unmute 1 2')).text).toBe(
      "Beta Blog (feed 2) is back in <#C0NEWS>'s digests, ranked as before.",
    );
  });
});

describe('a first digest looks back one period of its schedule', () => {
  it('a weekly digest reads the week, a weekdays one on a Monday since Friday, and the preview says so', async () => {
    deps.clock.set('2026-10-28T10:00:00Z');
    const older = await storeFeedItems(deps, 1, [{ guid: 'p0', title: 'Acme pricing last Wednesday' }]);
    deps.clock.set('2026-10-30T10:00:00Z');
    const friday = await storeFeedItems(deps, 1, [{ guid: 'p5', title: 'Acme pricing on Friday' }]);
    deps.clock.set('2026-11-02T08:00:00Z');
    await brief('digest add <#C0WEEK|week> weekly mon 09:00 topics: pricing');
    await brief('digest add <#C0DAYS|days> weekdays 09:00 topics: pricing');
    const preview = read(await brief('digest preview 1'));
    expect(preview).toContain('its first digest looks back one period of its schedule (a week)');
    deps.clock.set('2026-11-02T09:00:00Z');
    expect(await run()).toMatchObject([
      { scheduleId: 1, status: 'posted', items: 3 },
      { scheduleId: 2, status: 'posted', items: 2 },
    ]);
    // Each item goes out once per channel: the weekly one has the week; the weekdays one since Friday 09:00.
    const posted = (channel: string) =>
      channelPosts(deps)
        .filter((post) => post.channelId === channel)
        .map((post) => post.itemId);
    expect(posted('C0WEEK')).toEqual(expect.arrayContaining([older.p0, friday.p5, items.p1]));
    expect(posted('C0DAYS')).toEqual(expect.arrayContaining([friday.p5, items.p1]));
    expect(posted('C0DAYS')).not.toContain(older.p0);
  });
});

describe('an item goes under its most specific topic', () => {
  it("a competitor's own feed and a headline naming a competitor or the company first file under it; themes take the rest", async () => {
    await deps.db.prisma.topic.create({ data: { name: 'acme', query: 'acme', kind: 'company' } });
    await deps.db.prisma.topic.create({ data: { name: 'globex', query: 'globex', kind: 'competitor' } });
    const feed = await createFeed(deps, { host: 'https://saas.example.com', title: 'SaaS News' });
    const globexBlog = await createFeed(deps, {
      host: 'https://globex.example.com',
      title: 'Globex Blog',
      kind: 'competitor',
    });
    deps.clock.set('2026-11-02T08:40:00Z');
    await storeFeedItems(deps, feed, [
      { guid: 'r1', title: 'EU outage: the status page lagged for four hours at Acme' },
      { guid: 'g2', title: 'Globex offers a 40% discount on pricing plans' },
      { guid: 'a3', title: 'Acme customers courted by Globex' },
    ]);
    await storeFeedItems(deps, globexBlog, [
      { guid: 'b1', title: 'Switching from Acme? Our migration program, and 40% off pricing' },
    ]);
    deps.clock.set('2026-11-02T09:00:00Z');
    await brief('digest add <#C0ALL|all> daily 10:00');
    const preview = JSON.stringify((await brief('digest preview 1')).blocks);
    await brief('digest now 1');
    const thread = JSON.stringify(
      deps.sent.filter((sent) => sent.threadTs).map((sent) => sent.message.blocks),
    );
    // The heading an item sits under: the last one before its title (in the thread, after the top list).
    const under = (text: string, title: string) =>
      [...text.slice(0, text.lastIndexOf(title)).matchAll(/"text":"\*(\w+)\*"/g)].at(-1)?.[1];
    // The preview files each item as the posted digest does: one shared ordering.
    for (const text of [thread, preview]) {
      expect(under(text, 'EU outage: the status page lagged')).toBe('outages');
      expect(under(text, 'Globex offers a 40% discount')).toBe('globex');
      expect(under(text, 'Switching from Acme? Our migration program')).toBe('globex');
      expect(under(text, 'Acme customers courted by Globex')).toBe('acme');
    }
    expect(preview).toContain('globex 2, outages 2, acme 1, pricing 1');
  });
});

describe("an admin and members' follows", () => {
  it('an admin previews any follow, and ends one with confirm, its owner told in a DM; the log has it', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: outages');
    await brief('follow pricing weekdays 7:30am Europe/Berlin', member);
    expect(read(await brief('digest preview 2'))).toMatch(
      /Preview of a member's pricing follow \(digest 2.*<@UMEMBER1>'s follow, in their DMs; only they change it\./,
    );
    // Its times are on the follow's own clock, the zone named, not the channel's UTC.
    expect(read(await brief('digest preview 2'))).toMatch(
      /[Ss]ince \w{3} \d+ \w{3} \d\d:\d\d Europe\/Berlin/,
    );
    // The confirmation says what the reply does, and that the member is still about.
    deps.clock.set('2026-11-02T11:00:00Z');
    expect((await brief('digest remove 2')).text).toBe(
      "Removing digest 2 (<@UMEMBER1>'s personal follow of pricing, weekdays at 07:30 Europe/Berlin; they are told in a DM) stops it for good; its follower is sent the command to follow it again. <@UMEMBER1> used Briefbot 2 h ago: a follow is its owner's, so end it only when they have left (otherwise ask them to `/brief unfollow` it). To remove: `/brief digest remove 2 confirm`.",
    );
    expect((await brief('digest remove 1 2')).text).toMatch(
      /stops them for good; the reply gives the command that makes the channel digest again; its follower is sent the command to follow it again\. <@UMEMBER1> used/,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(2);
    expect((await brief('digest remove 2 confirm')).text).toBe(
      "Ended <@UMEMBER1>'s follow of pricing (digest 2); they were told in a DM, with the command to follow it again.",
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
    expect(deps.sent.map((sent) => [sent.channel, sent.message.text])).toEqual([
      [
        member,
        'Your follow of pricing (weekdays at 07:30 Europe/Berlin, in your DMs) was ended by <@UADMIN01>, a Briefbot admin. To get it again: `/brief follow pricing weekdays 07:30 Europe/Berlin`.',
      ],
    ]);
    expect(await deps.db.prisma.auditEvent.findMany({ where: { action: 'digest.remove' } })).toMatchObject([
      { actorId: admin, subjectId: '2' },
    ]);
    // A member still cannot end someone else's follow.
    await brief('follow acme daily 07:00', 'UOTHER01');
    expect((await brief('digest remove 3 confirm', member)).text).toMatch(/only Briefbot admins/);
  });
});

describe('follows: zone kept, what changed, size shown, all at once', () => {
  it('tells a member whose followed topic never matched whom to ask, and claims no change nobody made', async () => {
    await createTopic(deps, 'zork', 'zork');
    await brief('follow zork daily 07:00', member);
    const line = (await brief('my follows', member)).text
      .split('\n')
      .find((each) => each.startsWith('• zork'));
    expect(line).toContain(
      'zork matched nothing in the last 7 days; to have it widened, ask <@UADMIN01> or a workspace admin, or follow another topic',
    );
    expect(line).not.toContain('changed');
  });

  it('notes a follow whose topic now matches nothing in the last 7 days, in my follows and on Home, for members and admins', async () => {
    const notes: Record<string, string> = {
      [member]:
        'outages matched nothing in the last 7 days; an admin changed its query since — ask <@UADMIN01> or a workspace admin, or follow another topic',
      [admin]:
        'outages matched nothing in the last 7 days; what changed it: `/brief changes outages`, or follow another topic',
    };
    for (const userId of [member, admin]) {
      await brief('follow pricing daily 07:00', userId);
      await brief('follow outages daily 07:00', userId);
    }
    for (const userId of [member, admin]) {
      expect((await brief('my follows', userId)).text).not.toContain('matched nothing');
      expect(JSON.stringify(await buildHome(deps, userId))).not.toContain('matched nothing');
    }
    await brief('topics edit outages zzzqqq');
    for (const userId of [member, admin]) {
      const note = notes[userId] ?? '';
      const lines = (await brief('my follows', userId)).text.split('\n');
      expect(lines.find((line) => line.startsWith('• outages'))).toMatch(
        new RegExp(`· pause \`/brief digest pause \\d+\` · ${note}$`),
      );
      expect(lines.find((line) => line.startsWith('• pricing'))).not.toContain('matched nothing');
      const home = JSON.stringify(await buildHome(deps, userId));
      expect(home).toMatch(
        new RegExp(`\\*outages\\* \\(digest \\d+\\): [^"]*preview: \`/brief digest preview \\d+\` · ${note}`),
      );
      expect(home.match(/matched nothing/g)).toHaveLength(1);
    }
  });

  it('keeps the zone, names what changed, shows size in my follows and Home, and counts others on Home', async () => {
    await brief('follow pricing weekdays 7:30am Europe/Berlin', member);
    expect((await brief('follow pricing daily 06:00', member)).text).toContain(
      'daily at 06:00 Europe/Berlin (next: Tue 3 Nov 06:00) (was weekdays at 07:30 Europe/Berlin)',
    );
    expect((await brief('follow pricing daily 06:00 max 20', member)).text).toContain(
      'up to 20 items (was up to 8 items)',
    );
    expect((await brief('my follows', member)).text).toContain(
      '• pricing (digest 1): daily at 06:00 Europe/Berlin (next: Tue 3 Nov 06:00) · up to 20 items · stop `/brief unfollow pricing` · pause `/brief digest pause 1`',
    );
    const home = JSON.stringify(await buildHome(deps, member));
    expect(home).toContain('daily at 06:00 Europe/Berlin (next: Tue 3 Nov 06:00) · up to 20 items');
    // An admin's Home counts the follows by topic, never whose.
    const adminHome = JSON.stringify(await buildHome(deps, admin));
    expect(adminHome).toContain('Also 1 personal follow, in their followers');
    expect(adminHome).not.toContain('UMEMBER1');
    expect((await brief('unfollow all', member)).text).toBe(
      'That stops your one follow, pricing. To stop it: `/brief unfollow all confirm` (or `/brief unfollow pricing`).',
    );
    await brief('follow outages daily 07:00', member);
    expect((await brief('unfollow all', member)).text).toBe(
      'That stops all 2 follows of yours: pricing, outages. To stop them: `/brief unfollow all confirm`; to stop one: `/brief unfollow pricing`.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(2);
    expect((await brief('unfollow all confirm', member)).text).toBe(
      'You no longer follow pricing, outages. To follow one again: `/brief follow pricing daily 06:00 Europe/Berlin max 20` · `/brief follow outages daily 07:00 UTC`.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });
});

describe('digest mute', () => {
  it('mutes a source for a channel before anything of it is posted, audited, undone by unmute', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    expect((await brief('digest mute 1 1')).text).toBe(
      ":mute: <@UADMIN01> muted Example News for <#C0NEWS>'s digests. Undo: /brief digest unmute <#C0NEWS> 1",
    );
    expect((await brief('digest mute 1 9')).text).toMatch(/^There is no feed 9\./);
    expect((await brief('digest mute 1 1', member)).text).toMatch(/only Briefbot admins/);
    expect(read(await brief('digest preview 1'))).toMatch(/nothing new/);
    expect(await deps.db.prisma.auditEvent.count({ where: { action: 'digest.mute_source' } })).toBe(1);
    expect((await brief('digest unmute 1 1')).text).toMatch(/Example News \(feed 1\) is back/);
  });

  it('answers a feed named by its title with the feeds it names and the command for each; mutes nothing', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await createFeed(deps, { host: 'https://globex.example.com', title: 'The Globex Blog' });
    for (const named of ['The Globex Blog', 'globex'])
      expect((await brief(`digest mute 1 ${named}`)).text).toBe(
        'Feeds are named by number or address: did you mean feed 2 (The Globex Blog): `/brief digest mute 1 2`? Nothing was muted.',
      );
    expect((await brief('digest mute <#C0NEWS|news> news')).text).toBe(
      'Feeds are named by number or address: did you mean feed 1 (Example News): `/brief digest mute <#C0NEWS|news> 1`? Nothing was muted.',
    );
    expect((await brief('digest mute 1 initech')).text).toMatch(/^No feed is named "initech"\. Usage: /);
    // By its address, as the feeds commands take it.
    expect((await brief('digest mute 1 https://globex.example.com/feed.xml')).text).toMatch(
      /muted The Globex Blog for <#C0NEWS>'s digests/,
    );
    expect(await deps.db.prisma.auditEvent.count({ where: { action: 'digest.mute_source' } })).toBe(1);
  });

  it("answers the address of a feed's web site with that feed and the command; mutes nothing", async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const blog = await createFeed(deps, { host: 'https://feeds.globex.example', title: 'The Globex Blog' });
    await deps.db.prisma.feed.update({
      where: { id: blog },
      data: { siteUrl: 'https://blog.globex.example/' },
    });
    const suggestion =
      'No feed reads {typed}, but it is the web site of a feed: did you mean feed 2 (The Globex Blog): `/brief digest mute 1 2`? Nothing was muted.';
    for (const typed of ['http://blog.globex.example/', 'www.blog.globex.example'])
      expect((await brief(`digest mute 1 ${typed}`)).text).toBe(suggestion.replace('{typed}', typed));
    // The host of a feed's own address, or of its items' links, is its site too.
    await storeFeedItems(deps, 1, [{ guid: 'n1', title: 'Pricing news' }]);
    expect((await brief('digest mute 1 https://news.example.com/')).text).toMatch(
      /it is the web site of a feed: did you mean feed 1 \(Example News\): `\/brief digest mute 1 1`\?/,
    );
    expect((await brief('digest mute 1 https://nothing.example/')).text).toBe(
      "No feed reads https://nothing.example/, and no feed's web site is there. The feeds and their numbers: `/brief feeds list`. Nothing was muted.",
    );
    expect(await deps.db.prisma.channelFeedback.count()).toBe(0);
  });
});

describe('digest numbers shared with follows', () => {
  it('says the numbers missing from the list are personal follows', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    await brief('follow pricing daily 07:00', member);
    await brief('follow outages daily 07:00', member);
    await brief('digest add <#C0NEW2|new> daily 09:00 topics: outages');
    expect(read(await brief('digest list', 'UOTHER01'))).toContain(
      'Digest numbers 2, 3 are personal follows, not listed.',
    );
  });
});

describe('follow with a story instead of a topic', () => {
  it('offers the topic named among the words', async () => {
    expect((await brief('follow the outage story', member)).text).toBe(
      'No topic "the": a follow starts with the topic. Did you mean `/brief follow outages daily 07:00`? The topics are: outages, pricing.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('a question instead of a topic: a follow is one topic, the topics are named and the question offered to ask', async () => {
    const reply = (await brief('follow anything I should worry about daily 07:00', member)).text;
    expect(reply).toBe(
      "A follow is one topic's digest, not a question: “anything I should worry about”. Follow one of the topics (outages, pricing), e.g. `/brief follow outages daily 07:00`; to ask it now: `/brief anything I should worry about`. Nothing was followed.",
    );
    // The schedule typed is kept in the example; none typed, the default.
    expect((await brief('follow anything new weekdays 08:00', member)).text).toContain(
      '`/brief follow outages weekdays 08:00`',
    );
    expect((await brief('follow what should I know?', member)).text).toContain(
      '`/brief follow outages daily 07:00`; to ask it now: `/brief what should I know?`',
    );
    // A topic or schedule mistyped is answered as before, not as a question.
    expect((await brief('follow pricng 07:00', member)).text).toMatch(/^No topic "pricng"\. Did you mean/);
    expect((await brief('follow pricing dailly 07:00', member)).text).toMatch(/^I don't understand "dailly"/);
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });
});

describe('removing a topic', () => {
  it('warns, before and after, when a digest would then be the same as another of its channel', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: outages');
    const twin =
      'Digest 1 would then be the same as digest 2 (<#C0NEWS>, outages, daily at 08:00 UTC): one of them can go, e.g. `/brief digest remove 2`.';
    expect((await brief('topics remove pricing')).text).toContain(twin);
    expect((await brief('topics remove pricing confirm')).text).toContain(
      twin.replace('would then be', 'is now'),
    );
  });
});

describe('topics: +x -y over a digest’s topics', () => {
  it('refuses to drop the last topic, saying what to type, and never turns the digest into all topics', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing, outages');
    await brief('digest edit 1 topics: -pricing');
    const reply = (await brief('digest edit 1 topics: -outages')).text;
    expect(reply).toContain('That would leave digest 1 with no topics.');
    expect(reply).toContain('`topics: all`');
    expect(reply).toContain('`/brief digest pause 1`');
    expect((await brief('digest edit 1 topics: -outages, -pricing')).text).toContain('with no topics');
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({ topics: '["outages"]' });
  });
});

describe('topics: +x -y over an all-topics digest', () => {
  it('+x keeps every topic, and -x leaves the others by name', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: all');
    expect((await brief('digest edit 1 topics: +pricing')).text).toMatch(
      /^All topics already includes pricing. Digest 1/,
    );
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({ topics: '[]' });
    expect((await brief('digest edit 1 topics: -pricing')).text).toContain('outages (was all topics)');
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({ topics: '["outages"]' });
    await brief('digest edit 1 topics: all');
    expect((await brief('digest edit 1 topics: -pricing, -outages')).text).toContain('with no topics');
  });
});

describe('quiet hours and weekends', () => {
  it('says digests have no quiet hours, and gives the weekdays command for no weekends', async () => {
    const noHours =
      'Digests come at one time, so they have no quiet hours; `quiet:` is what a day with nothing new posts: `quiet: note` (a line saying so) or `quiet: skip` (nothing). For no weekend posts, use `weekdays 08:00`. Nothing was changed.';
    expect((await brief('digest add <#C0MKT|mkt> daily 08:00 quiet hours 22:00-07:00')).text).toBe(noHours);
    await brief('digest add <#C0MKT|mkt> daily 08:00 topics: pricing');
    expect((await brief('digest edit 1 quiet 22:00-07:00')).text).toBe(noHours);
    expect((await brief('digest add <#C0MKT|mkt> daily 8am skip weekends')).text).toBe(
      'For no weekend posts, a digest comes on weekdays: /brief digest add <#C0MKT|mkt> weekdays 8am. Nothing was changed.',
    );
    expect((await brief('digest edit 1 skip weekends')).text).toBe(
      'For no weekend posts, a digest comes on weekdays: `/brief digest edit 1 weekdays`. Nothing was changed.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
  });
});

describe('schedule wording', () => {
  it('says when the next run moves because its time does not exist that night (clocks going forward)', async () => {
    deps.clock.set('2027-03-27T20:00:00Z');
    const note = 'next: Sun 28 Mar 02:30, as 01:30 is skipped that night when clocks go forward';
    expect(
      (await brief('digest add <#C0NEWS|news> weekly sun 01:30 Europe/London topics: pricing')).text,
    ).toContain(`every Sunday at 01:30 Europe/London (${note})`);
    expect((await brief('follow outages daily 01:30 Europe/London', member)).text).toContain(
      `daily at 01:30 Europe/London (${note})`,
    );
    expect(read(await brief('digest list'))).toContain(note);
    expect((await brief('my follows', member)).text).toContain(note);
    // The night after, 01:30 exists again: no note.
    deps.clock.set('2027-03-28T12:00:00Z');
    expect((await brief('my follows', member)).text).toContain('(next: Mon 29 Mar 01:30)');
  });

  it('follow names a wrong time and two times a day as digest add and edit do', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    for (const [digest, follow] of [
      ['digest add <#C0TEST|t> daily 25:00', 'follow pricing 25:00'],
      ['digest edit 1 25:00', 'follow pricing daily 25:00'],
      ['digest edit 1 13pm', 'follow pricing 13pm'],
    ]) {
      expect((await brief(digest as string)).text).toMatch(
        /^“(?:25:00|13pm)”: give a time like 08:00 or 17:30[.:]/,
      );
      expect((await brief(follow as string, member)).text).toMatch(
        /^“(?:25:00|13pm)”: give a time like 08:00 or 17:30\. Nothing was changed\.$/,
      );
    }
    expect((await brief('digest add <#C0TEST|t> twice a day')).text).toMatch(
      /^A digest comes once at its time/,
    );
    for (const follow of ['follow pricing twice a day', 'follow pricing daily 08:00 and 17:00'])
      expect((await brief(follow, member)).text).toBe(
        'A follow comes once at its time (daily, weekdays or weekly), one per topic: pick its time, e.g. `/brief follow pricing daily 08:00`. Nothing was changed.',
      );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
  });

  it('refuses any other interval in one reply, quoting it whole, never blaming a day or offering a topic', async () => {
    await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing');
    const cases: Array<[string, string]> = [
      ['digest add <#C0TEST|t> every 2 hours', 'every 2 hours'],
      ['digest add <#C0TEST|t> every other week fri 9am', 'every other week'],
      ['digest add <#C0TEST|t> biweekly fri 9am', 'biweekly'],
      ['digest add <#C0TEST|t> every 2 weeks 09:00', 'every 2 weeks'],
      ['digest add <#C0TEST|t> every other day 09:00', 'every other day'],
      ['digest add <#C0TEST|t> every blue moon', 'every blue moon'],
      ['digest add <#C0TEST|t> fortnightly 09:00', 'fortnightly'],
      ['digest add <#C0TEST|t> twice a week 09:00', 'twice a week'],
      ['digest edit 1 every 2 hours', 'every 2 hours'],
      ['digest edit 1 every blue moon', 'every blue moon'],
      ['digest edit 1 biweekly', 'biweekly'],
    ];
    for (const [command, phrase] of cases)
      expect((await brief(command)).text, command).toBe(
        `“${phrase}”: a digest comes daily, on weekdays, or weekly on the days you choose (\`weekly mon 09:00\`, or \`weekly mon,thu 09:00\`); for two a day, add two digests. Nothing was changed.`,
      );
    for (const [command, phrase] of [
      ['follow pricing every 2 hours', 'every 2 hours'],
      ['follow pricing every other week fri', 'every other week'],
      ['follow pricing biweekly fri 9am', 'biweekly'],
    ])
      expect((await brief(command as string, member)).text, command).toBe(
        `“${phrase}”: a follow comes daily, on weekdays, or weekly on the day you choose: \`/brief follow pricing weekly mon 08:00\`. Nothing was changed.`,
      );
    expect((await brief('digest edit 1 daily 08:00 hours')).text).not.toMatch(/topics: hours/);
    expect((await brief('digest add <#C0TEST|t> daily fri 9am')).text).toBe(
      '“fri” is a day: a digest on chosen days is weekly (`weekly fri 09:00`). Nothing was changed.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
  });

  it('refuses monthly by name, hints topics:, reads "and" in topics, and edits topics with + and -', async () => {
    expect((await brief('digest add <#C0NEWS|news> monthly 1 09:00 topics: pricing')).text).toMatch(
      /^“monthly”: a digest comes daily, on weekdays, or weekly/,
    );
    // The command as meant, to copy, rather than the whole usage after the hint.
    expect((await brief('digest add <#C0NEWS|news> daily 08:00 pricing max 5')).text).toBe(
      'I don\'t understand "pricing". If it is a topic, write `topics: pricing`: /brief digest add <#C0NEWS|news> daily 08:00 max 5 topics: pricing. Nothing was added.',
    );
    // Two bare words are two topics, in one command to copy.
    expect((await brief('digest add <#C0NEWS|news> daily 08:00 pricing, globex')).text).toBe(
      'I don\'t understand "pricing, globex". If these are topics, write `topics: pricing, globex`: /brief digest add <#C0NEWS|news> daily 08:00 topics: pricing, globex. Nothing was added.',
    );
    // With topics: typed already, the hint alone, and the usage.
    expect((await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing max 5 globex')).text).toMatch(
      /^I don't understand "globex"\. If it is a topic, write `topics: globex`\. Usage: /,
    );
    expect((await brief('digest add <#C0NEWS|news> daily 08:00 topics: pricing and outages')).text).toContain(
      'pricing, outages, up to 8 items',
    );
    expect((await brief('digest edit 1 topics: -pricing')).text).toContain('now: daily at 08:00 UTC');
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({ topics: '["outages"]' });
    await brief('digest edit 1 topics: +pricing');
    expect(await deps.db.prisma.digestSchedule.findFirstOrThrow()).toMatchObject({
      topics: '["outages","pricing"]',
    });
  });
});

describe('follow everything', () => {
  const everyTopic = () =>
    deps.db.prisma.digestSchedule.findMany({ where: { userId: member, topics: '[]' } });

  it('however it is said, makes one follow of every topic at the time said, and changes it when said again', async () => {
    expect((await brief('follow everything weekdays 08:00', member)).text).toBe(
      'You follow every topic: a digest in your DMs on weekdays at 08:00 UTC (next: Tue 3 Nov 08:00), with the top stories of all the topics Briefbot follows (outages and pricing) and of any topic added later. It is digest 1; what it would send now: `/brief digest preview 1`. Stop with `/brief unfollow everything`.',
    );
    expect(await everyTopic()).toMatchObject([
      { channelId: member, cadence: 'weekdays', timeOfDay: '08:00', status: 'active', maxItems: 8 },
    ]);
    expect((await brief('follow all topics weekdays at 8am', member)).text).toBe(
      'You already follow every topic, weekdays at 08:00 UTC (next: Tue 3 Nov 08:00): nothing changed. Stop with `/brief unfollow everything`.',
    );
    expect((await brief('send me a daily digest of everything at 7am', member)).text).toContain(
      'You follow every topic: a digest in your DMs daily at 07:00 UTC (next: Tue 3 Nov 07:00) (was weekdays at 08:00 UTC),',
    );
    expect((await brief("follow what's new every monday at 9am", member)).text).toContain(
      'every Monday at 09:00 UTC (next: Mon 9 Nov 09:00) (was daily at 07:00 UTC)',
    );
    expect((await brief('follow all weekly tue 17:30 max 1', member)).text).toContain(
      'every Tuesday at 17:30 UTC (next: Tue 3 Nov 17:30), up to 1 items (was every Monday at 09:00 UTC, up to 8 items)',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
    expect(await everyTopic()).toMatchObject([
      { cadence: 'weekly', weekday: 2, timeOfDay: '17:30', maxItems: 1 },
    ]);
    // Its preview covers every topic, and a bigger size is offered as this follow again.
    const preview = read(await brief('digest preview 1', member));
    expect(preview).toContain('Preview of your follow of every topic (digest 1, every Tuesday at 17:30 UTC)');
    expect(preview).toContain(
      'to take them all each time: `/brief follow everything weekly tue 17:30 UTC max 2`',
    );
    // "weekly" alone keeps the day a weekly follow has; a daily one is asked which day.
    expect((await brief('follow everything weekly', member)).text).toMatch(
      /^You already follow every topic, every Tuesday at 17:30 UTC .*nothing changed/,
    );
    await brief('follow everything daily 07:00', member);
    expect((await brief('follow everything weekly', member)).text).toBe(
      'Say which day for a weekly digest: /brief follow everything weekly mon 07:00 UTC',
    );
  });

  it('a mistyped "everything" is offered as the follow of every topic, to follow and to stop', async () => {
    expect((await brief('follow everythng daily 07:00 max 5', member)).text).toBe(
      'No topic "everythng". Did you mean `/brief follow everything daily 07:00 max 5`? The topics are: outages, pricing.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    await brief('follow everything daily 07:00 max 5', member);
    expect((await brief('unfollow evrything', member)).text).toBe(
      "“evrything” isn't a topic. Did you mean `/brief unfollow everything`? Nothing was stopped.",
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
  });

  it('"everything except pricing" follows nothing, and gives the follows of the others and of every topic', async () => {
    expect((await brief('follow all topics except pricing weekdays 8am', member)).text).toBe(
      "A follow is of one topic or of every topic, so it can't leave pricing out. Follow the topics you want instead: `/brief follow outages weekdays 8am`; or every topic: `/brief follow everything weekdays 8am`. Nothing was followed.",
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('is among the digests its follower may preview, and is named in words', async () => {
    await brief('follow everything', member);
    expect((await brief('digest preview my digest', member)).text).toContain(
      '1: your follow of all topics (DMs) daily at 07:00 UTC',
    );
    expect(read(await brief('digest preview my everything digest', member))).toContain(
      'Preview of your follow of every topic (digest 1, daily at 07:00 UTC)',
    );
  });

  it('is refused, saying what to do, when there is no topic yet', async () => {
    await brief('topics remove pricing confirm');
    await brief('topics remove outages confirm');
    expect((await brief('follow everything', member)).text).toBe(
      "There are no topics to follow yet. Ask <@UADMIN01> or a workspace admin to add one. What's new, any time: `/brief what's new`. Nothing was followed.",
    );
    expect((await brief('follow everything')).text).toMatch(
      /^There are no topics to follow yet\. Add one: `\/brief topics add &lt;name&gt; &lt;query&gt;`/,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('a topic is not followed apart while every topic is, nor unfollowed out of it; unfollow everything stops it', async () => {
    await brief('follow everything', member);
    expect((await brief('follow pricing weekly mon 09:00', member)).text).toBe(
      'You already follow every topic, pricing included: digest 1, in your DMs daily at 07:00 UTC (next: Tue 3 Nov 07:00). Nothing changed. To get pricing on its own instead, stop that follow first: `/brief unfollow everything`, then `/brief follow pricing weekly mon 09:00`.',
    );
    expect((await brief('unfollow pricing', member)).text).toBe(
      "You follow every topic (digest 1, daily at 07:00 UTC), so pricing comes in it: a follow is of one topic or of all of them, so it can't leave one out. To drop pricing, follow the topics you want instead: `/brief unfollow everything`, then `/brief follow outages daily 07:00 UTC`. Nothing was stopped.",
    );
    expect((await brief('unfollow nonsense', member)).text).toBe(
      "“nonsense” isn't a topic; you follow every topic (stop it with `/brief unfollow everything`). Nothing was stopped.",
    );
    expect((await brief('unfollow pricing and outages', member)).text).toMatch(
      /^You follow every topic \(digest 1, daily at 07:00 UTC\), so pricing and outages come in it: .* To stop it: `\/brief unfollow everything`\. Nothing was stopped\.$/,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(1);
    const stopped = (await brief('unfollow everything', member)).text;
    expect(stopped).toBe(
      'You no longer get the digest of every topic. Follow it again with `/brief follow everything daily 07:00 UTC`.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    // The command it gives makes it again, as it was.
    await brief(stopped.slice(stopped.indexOf('follow everything'), stopped.lastIndexOf('`')), member);
    expect(await everyTopic()).toMatchObject([{ cadence: 'daily', timeOfDay: '07:00', timezone: 'UTC' }]);
  });

  it('topic follows stay beside it, and every list names it "all topics" with the command that stops it', async () => {
    await brief('follow pricing weekly mon 09:00', member);
    expect((await brief('follow everything', member)).text).toContain(
      'Stop with `/brief unfollow everything`. Your follow of pricing stays too: a story comes to your DMs once, in whichever digest comes first. To keep only this one: `/brief unfollow pricing`.',
    );
    // Each follow has its own stop and pause, and the overlap with the follow of every topic is said.
    expect((await brief('my follows', member)).text).toMatch(
      /^You follow:\n• pricing \(digest 1\): every Monday at 09:00 UTC .* · stop `\/brief unfollow pricing` · pause `\/brief digest pause 1`\n• all topics \(digest 2\): daily at 07:00 UTC \(next: Tue 3 Nov 07:00\) · stop `\/brief unfollow everything` · pause `\/brief digest pause 2`\nYour follow of every topic brings pricing too: a story comes once, in whichever digest comes first\. To keep only the one of every topic: `\/brief unfollow pricing`\.\nTo change one, follow it again with another schedule, e\.g\. `\/brief follow pricing weekly mon 08:00` \(what you leave out stays as it is\)\.$/,
    );
    expect((await brief('unfollow', member)).text).toBe(
      'Which follow? You follow every topic, and 1 topic on its own: `/brief unfollow pricing` (every Monday at 09:00 UTC) · `/brief unfollow everything` (daily at 07:00 UTC).',
    );
    expect(read(await brief('digest list', member))).toContain(
      '*2* your follow (DMs) daily at 07:00 UTC (next: Tue 3 Nov 07:00) · all topics · max 8',
    );
    expect(read(await brief('digest list'))).toContain(
      "Also 2 personal follows, in their followers' DMs (each changed only by its follower): all topics 1, pricing 1.",
    );
    // Asked about one topic, the follows of every topic are counted too: they bring it.
    expect(read(await brief('digest list outages'))).toContain('Also 1 personal follow');
    const home = JSON.stringify(await buildHome(deps, member));
    expect(home).toContain('• *all topics* (digest 2): in your DMs daily at 07:00 UTC');
    expect(JSON.stringify(await buildHome(deps, admin))).toContain('all topics 1, pricing 1');
    expect((await brief('unfollow pricing', member)).text).toBe(
      'You no longer get the pricing digest. You still get pricing in your follow of every topic (digest 2, daily at 07:00 UTC).',
    );
    expect((await brief('unfollow all', member)).text).toBe(
      'That stops your one follow, every topic. To stop it: `/brief unfollow all confirm` (or `/brief unfollow everything`).',
    );
    expect((await brief('unfollow all confirm', member)).text).toBe(
      'You no longer follow every topic. To follow one again: `/brief follow everything daily 07:00 UTC`.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
  });

  it('unfollowing topics while following every topic stops their own follows and says they still come', async () => {
    await brief('follow pricing weekly mon 09:00', member);
    await brief('follow everything', member);
    expect((await brief('unfollow pricing outages', member)).text).toBe(
      'You no longer get the pricing digest. You still get pricing and outages in your follow of every topic (digest 2, daily at 07:00 UTC).',
    );
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([{ id: 2, topics: '[]' }]);
  });

  it('Home offers the command for a follow of every topic when it is the first', async () => {
    await brief('follow everything', member);
    expect(JSON.stringify(await buildHome(deps, member))).toContain(
      'Stop one: `/brief unfollow everything` · another time: `/brief follow everything weekly mon 08:00`',
    );
  });

  it('removing a topic never ends a follow of every topic, and still ends a follow left with no topic', async () => {
    await brief('follow everything', member);
    await brief('follow pricing', 'UMEMBER2');
    await brief('topics remove pricing confirm');
    expect(await deps.db.prisma.digestSchedule.findMany()).toMatchObject([
      { userId: member, topics: '[]', status: 'active' },
    ]);
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['UMEMBER2']);
    expect((await brief('my follows', member)).text).toContain('• all topics (digest 1): daily at 07:00 UTC');
  });

  it("an admin's ending of it tells its follower how to follow it again, and the log names it", async () => {
    await brief('follow everything weekdays 08:00', member);
    expect((await brief('digest remove 1 confirm')).text).toContain(
      "Ended <@UMEMBER1>'s follow of all topics (digest 1)",
    );
    expect(deps.sent.find((sent) => sent.channel === member)?.message.text).toBe(
      'Your follow of every topic (weekdays at 08:00 UTC, in your DMs) was ended by <@UADMIN01>, a Briefbot admin. To get it again: `/brief follow everything weekdays 08:00 UTC`.',
    );
    const changes = read(await brief('changes follows'));
    expect(changes).toContain('followed every topic (digest 1)');
    expect(changes).toContain("ended <@UMEMBER1>'s follow of every topic (digest 1)");
    expect(read(await brief('undo'))).toContain(
      "It is <@UMEMBER1>'s follow of every topic: ask them to `/brief follow everything weekdays 08:00 UTC` if it should be as it was.",
    );
  });
});

describe('"stop my digest" and other plain words about your own digest', () => {
  it('acts on your one follow: stop, pause, resume, a new time or cadence, never a search of the news', async () => {
    await brief('follow everything weekdays 8am', member);
    for (const text of ['pause my digest', 'put my briefing on hold', 'snooze the digest please'])
      expect((await brief(text, member)).text, text).toMatch(
        /^Your follow of all topics \(digest 1\) (?:is paused|was already paused)/,
      );
    expect((await brief('turn my digest back on', member)).text).toMatch(
      /^Your follow of all topics \(digest 1\) is back/,
    );
    expect((await brief('send it at 9am instead', member)).text).toContain(
      'weekdays at 09:00 UTC (next: Tue 3 Nov 09:00) (was weekdays at 08:00 UTC)',
    );
    expect((await brief('make it weekly', member)).text).toBe(
      'Your follow of every topic (digest 1) comes weekdays at 09:00 UTC. Which day for a weekly one? `/brief follow everything weekly mon 09:00 UTC` (or tue, wed, thu, fri, sat, sun). Nothing changed yet.',
    );
    expect((await brief('less often please', member)).text).toBe(
      'Your follow of every topic (digest 1, weekdays at 09:00 UTC); less often: `/brief follow everything weekly mon 09:00 UTC`',
    );
    expect((await brief('make my digest weekly on fridays', member)).text).toContain(
      'every Friday at 09:00 UTC (next: Fri 6 Nov 09:00) (was weekdays at 09:00 UTC)',
    );
    expect((await brief('stop my digest', member)).text).toBe(
      'You no longer get the digest of every topic. Follow it again with `/brief follow everything weekly fri 09:00 UTC`.',
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(0);
    for (const text of ['stop sending me digests', 'turn off my digest', 'cancel my follow', 'no more DMs'])
      expect((await brief(text, member)).text, text).toMatch(
        /^You follow nothing, so no digest of yours comes to your DMs\. A digest in a channel is the channel's: `\/brief digest list` shows them/,
      );
  });

  it('with several follows, each command offered for a new schedule works as given, its time and zone kept', async () => {
    await brief('follow pricing daily 07:00', member);
    await brief('follow outages weekdays 7pm Asia/Kolkata', member);
    expect((await brief('make it weekly', member)).text).toBe(
      'Which one? You follow 2:\n• pricing (digest 1, daily at 07:00 UTC): `/brief follow pricing weekly mon 07:00 UTC`\n• outages (digest 2, weekdays at 19:00 Asia/Kolkata): `/brief follow outages weekly mon 19:00 Asia/Kolkata`\nMonday is only a pick: any other day works in its place (tue, wed, thu, fri, sat, sun).',
    );
    for (const said of [
      'make it weekly',
      'make it every day',
      'send it on fridays at 8',
      'make it every week',
    ])
      for (const [, command] of (await brief(said, member)).text.matchAll(/`\/brief (follow [^`]+)`/g))
        expect((await brief(command as string, member)).text, `${said}: ${command}`).toMatch(
          /^You (?:already )?follow (?:pricing|outages)/,
        );
  });

  it('with several follows, asks which, with the command for each; a named one is acted on', async () => {
    await brief('follow pricing daily 09:00', member);
    await brief('follow outages weekly fri 17:00', member);
    expect((await brief('stop sending me digests', member)).text).toBe(
      'Which one? You follow 2:\n• pricing (digest 1, daily at 09:00 UTC): stop `/brief unfollow pricing`\n• outages (digest 2, every Friday at 17:00 UTC): stop `/brief unfollow outages`\nAll of them: `/brief unfollow all confirm`.',
    );
    expect((await brief('less often', member)).text).toBe(
      'Which one? You follow 2:\n• pricing (digest 1, daily at 09:00 UTC); less often: `/brief follow pricing weekdays 09:00 UTC` or `/brief follow pricing weekly mon 09:00 UTC`\n• outages (digest 2, every Friday at 17:00 UTC); less often: it already comes once a week, the least often a follow comes; a break: `/brief digest pause 2`, or stop it: `/brief unfollow outages`',
    );
    expect((await brief('pause my pricing digest', member)).text).toMatch(
      /^Your follow of pricing \(digest 1\) is paused/,
    );
    // The list marks the paused follow, and offers no change to one that has it already.
    expect((await brief('make it weekly', member)).text).toBe(
      'Which one? You follow 2:\n• pricing (digest 1, daily at 09:00 UTC; paused): `/brief follow pricing weekly mon 09:00 UTC`\n• outages (digest 2, every Friday at 17:00 UTC): already weekly\nMonday is only a pick: any other day works in its place (tue, wed, thu, fri, sat, sun).',
    );
    expect((await brief('follow pricing weekdays 09:00', member)).text).toContain(
      'It is paused, so nothing comes until `/brief digest resume 1`; then it comes on this schedule.',
    );
    // A digest named that is none of theirs is never taken for another one of theirs.
    await brief('unfollow outages', member);
    await brief('unfollow pricing', member);
    await brief('follow everything daily 07:00', member);
    expect((await brief('stop my pricing digest', member)).text).toMatch(
      /^You follow every topic \(digest 3, daily at 07:00 UTC\), so pricing comes in it: .* Nothing was stopped\.$/,
    );
    expect((await brief('pause my pricing digest', member)).text).toBe(
      '“my pricing digest” names none of your follows. Yours: `/brief digest pause 3` (every topic, daily at 07:00 UTC).',
    );
    expect((await brief('make my pricing digest weekly on fridays', member)).text).toMatch(
      /^You already follow every topic, pricing included: digest 3, .* Nothing changed\./,
    );
    await brief('unfollow everything', member);
    await brief('follow pricing daily 09:00', member);
    await brief('follow outages weekly fri 17:00', member);
    await brief('pause my pricing digest', member);
    // With one paused, "resume my digest" is that one.
    expect((await brief('resume my digest', member)).text).toMatch(
      /^Your follow of pricing \(digest 4\) is back/,
    );
    expect(await deps.db.prisma.digestSchedule.count()).toBe(2);
  });

  it('a member pauses their own follow named in words, never told pausing is for admins', async () => {
    expect((await brief('digest pause my digest', member)).text).toMatch(
      /^You follow nothing, so there is nothing to pause\./,
    );
    await brief('follow pricing daily 09:00', member);
    await brief('follow outages daily 10:00', member);
    expect((await brief('digest pause my outages follow', member)).text).toMatch(
      /^Your follow of outages \(digest 2\) is paused/,
    );
    expect((await brief('digest pause', member)).text).toBe(
      'Which follow? Yours: `/brief digest pause 1` (pricing, daily at 09:00 UTC) · `/brief digest pause 2` (outages, daily at 10:00 UTC).',
    );
    expect((await brief('digest pause my digest', member)).text).toMatch(
      /^“my digest” names none of your follows\./,
    );
    // An admin's words name a channel digest, unless "my" says it is their own.
    await brief('follow pricing daily 09:00');
    expect((await brief('digest pause my digest')).text).toMatch(
      /^Your follow of pricing \(digest 3\) is paused/,
    );
  });
});
