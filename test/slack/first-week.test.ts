import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.ts';
import { runMinuteJobs } from '../../src/jobs/background.ts';
import { type FeedItem, rssFeed } from '../helpers/digest.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { sharedFeed } from '../helpers/fixtures.ts';
import {
  answerSlackApi,
  blockActionsBody,
  type HttpApp,
  homeOpenedBody,
  hooks,
  postToSlack,
  type SlackCall,
  sign,
  slashCommandBody,
  startHttpApp,
  waitFor,
} from '../helpers/slack-http.ts';

/**
 * A marketer's first week with Briefbot in Slack's HTTP mode: signed requests to Bolt's receiver,
 * Slack's Web API and response URLs faked at the HTTP boundary, real SQLite, 50 feeds from a real
 * local server (real fixtures, synthetic feeds in four languages, dead and broken ones), and the
 * minute job run on an injected clock through the week. It asserts what people see.
 */

const hourMs = 3_600_000;
const marketer = 'UMKT0001';
const exec = 'UEXEC001';
const experts = ['USME0001', 'USME0002'] as const;
const synthFeeds = 40;

type Reply = { ackMs: number; text: string; blocks: string };

let app: HttpApp;
let server: Awaited<ReturnType<typeof startFeedServer>>;
const clock = createManualClock('2026-11-23T13:05:00Z');
const slackCalls: SlackCall[] = [];
const hookReplies = new Map<string, Record<string, unknown>[]>();
const acks: number[] = [];
let hookCount = 0;

const vocabularies = [
  ['pricing', 'outage', 'renewal', 'customers', 'support', 'Globex', 'Acme', 'roadmap'],
  ['Preise', 'Ausfall', 'Kunden', 'Verlängerung', 'Globex', 'Acme', 'Support', 'Zürich'],
  ['tarifs', 'panne', 'clients', 'renouvellement', 'Globex', 'Acme', 'Société', 'équipe'],
  ['precios', 'caída', 'clientes', 'renovación', 'Globex', 'Acme', 'soporte', 'año'],
];
const words =
  'alpha bravo cobalt delta ember falcon garnet harbor indigo juniper kestrel lagoon meadow nebula orchid pepper quartz raven saffron tundra umber velvet willow xenon yarrow zephyr acorn basalt cedar dune'.split(
    ' ',
  );
const word = (k: number) => words[k % words.length] as string;

/** Feed n's items: one every 3 hours from Fri 20 Nov, each a story of its own, in one of four languages. */
function synthItems(n: number): FeedItem[] {
  const vocabulary = vocabularies[n % vocabularies.length] as string[];
  const term = (k: number) => vocabulary[k % vocabulary.length] as string;
  return Array.from({ length: 80 }, (_, k) => {
    const title = `${term(k)} ${word(n * 61 + k)} ${word(n * 7 + k * 3 + 1)} ${word(k * 13 + n + 5)} ${n}-${k}`;
    return {
      guid: `s${n}-${k}`,
      title,
      text: `${title}: ${word(k + n)} ${word(k * 5 + 2)} ${term(k + 3)}.`,
      publishedAt: new Date(Date.parse('2026-11-20T00:00:00Z') + k * 3 * hourMs + n * 60_000),
    };
  });
}

/** Wednesday and Thursday, pricing turns controversial: three stories in three feeds. */
const controversial: Record<number, FeedItem> = {
  3: {
    guid: 'hot-1',
    title: 'Customers slam Acme pricing in backlash over price increase',
    text: 'Customers slam the pricing change: a backlash over the price increase, with angry threads and cancellations.',
    publishedAt: new Date('2026-11-25T15:00:00Z'),
  },
  7: {
    guid: 'hot-2',
    title: 'Is the Acme price increase a betrayal of loyal customers? Users revolt',
    text: 'Users revolt over the price increase and call the pricing a betrayal; outrage grows.',
    publishedAt: new Date('2026-11-25T17:00:00Z'),
  },
  11: {
    guid: 'hot-3',
    title: 'Outrage as Acme pricing doubles overnight: customers threaten to leave',
    text: 'Outrage over pricing: customers threaten to leave after the price increase, critics slam the move.',
    publishedAt: new Date('2026-11-26T14:00:00Z'),
  },
};
const hotTitles = Object.values(controversial).map((item) => item.title);

/** Two feeds whose server fails (HTTP 500) from Tuesday noon to Thursday noon, UTC. */
const flaky = new Set([20, 21]);

/** Every synthetic feed as its server serves it now: the items published by the clock's now. */
function serveFeeds(): void {
  const now = clock.now();
  for (let n = 0; n < synthFeeds; n++) {
    const hot = controversial[n];
    const items = [...synthItems(n), ...(hot ? [hot] : [])];
    const down =
      flaky.has(n) && now >= new Date('2026-11-24T12:00:00Z') && now < new Date('2026-11-26T12:00:00Z');
    server.routes[`/s/${n}.xml`] = {
      ...(down ? { status: 500 } : {}),
      body: rssFeed(
        server.base,
        items.filter((item) => (item.publishedAt as Date) <= now),
        now,
        `Synth ${n}`,
      ),
    };
  }
}

function opml(urls: string[]): string {
  const outlines = urls.map((url, i) => `<outline type="rss" text="Feed ${i}" xmlUrl="${url}"/>`).join('\n');
  return `<?xml version="1.0"?><opml version="2.0"><head><title>Team</title></head><body><outline text="News">${outlines}</outline></body></opml>`;
}

/** The reply Slack shows for `/brief <text>`: its last response-URL message (an answer replaces "Looking at…"). */
async function command(text: string, userId: string = marketer): Promise<Reply> {
  const path = `/commands/${++hookCount}`;
  const body = slashCommandBody(text, userId, `${hooks}${path}`);
  const started = performance.now();
  const response = await postToSlack(app, body, sign(body));
  const ackMs = performance.now() - started;
  acks.push(ackMs);
  expect(response.status).toBe(200);
  const last = await waitFor(() => {
    const replies = hookReplies.get(path) ?? [];
    const reply = replies[replies.length - 1];
    return reply && !/^Looking at/.test(String(reply.text)) ? reply : undefined;
  }, `a reply to /brief ${text}`);
  return { ackMs, text: String(last.text), blocks: JSON.stringify(last.blocks) };
}

/** What was posted to `channel` (chat.postMessage), in order. */
function postedTo(channel: string): string[] {
  return slackCalls
    .filter((call) => call.method === 'chat.postMessage' && call.body.channel === channel)
    .map((call) => call.body.text as string);
}

/** The minute job, as the scheduler runs it, at each of these times. */
async function runJobsAt(...times: string[]): Promise<void> {
  for (const at of times) {
    clock.set(at);
    serveFeeds();
    await runMinuteJobs(app.running.deps);
  }
}

/** Every 6 hours from `from` (UTC) to `to`, at 01 past: the daily digest's 13:01 UTC among them. */
function everySixHours(from: string, to: string): string[] {
  const times: string[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to); at += 6 * hourMs)
    times.push(new Date(at).toISOString());
  return times;
}

beforeAll(async () => {
  server = await startFeedServer({});
  app = await startHttpApp(
    {
      BRIEFBOT_ADMINS: marketer,
      FEED_ALLOW_PRIVATE_ADDRESSES: 'true',
      DEFAULT_TIMEZONE: 'UTC',
    },
    { backgroundJobs: false },
  );
  app.running.deps.clock = clock;
  serveFeeds();
  const fixtures = [
    'rss-parser/guardian.rss',
    'rss-parser/heise.atom',
    'rss-parser/reddit.rss',
    'rss-parser/uolNoticias.rss',
    'rss-parser/narro.rss',
    'node-feedparser/rss2sample.xml',
    'node-feedparser/intertwingly.atom',
    'feed-extractor/atom-feed-standard-realworld.xml',
  ];
  for (const [i, file] of fixtures.entries()) server.routes[`/fx/${i}.xml`] = { body: sharedFeed(file) };
  server.routes['/broken/notafeed'] = {
    body: sharedFeed('node-feedparser/notafeed.html'),
    headers: { 'content-type': 'text/html' },
  };
  server.routes['/broken/sax.xml'] = { body: sharedFeed('node-feedparser/saxerror.xml') };
  const urls = [
    ...Array.from({ length: synthFeeds }, (_, n) => server.url(`/s/${n}.xml`)),
    ...fixtures.map((_, i) => server.url(`/fx/${i}.xml`)),
    server.url('/dead/1.xml'),
    server.url('/dead/2.xml'),
    server.url('/broken/notafeed'),
    server.url('/broken/sax.xml'),
    // The same feeds again, one under a newsletter's tracking parameter.
    server.url('/s/3.xml'),
    server.url('/s/4.xml?utm_source=newsletter'),
  ];
  server.routes['/team.opml'] = { body: opml(urls), headers: { 'content-type': 'text/x-opml' } };
}, 60_000);

// test/setup.ts clears nock after each test: Slack is faked again for each.
beforeEach(() => {
  nock(hooks)
    .persist()
    .post(/.*/)
    .reply(200, (uri, body) => {
      hookReplies.set(uri, [...(hookReplies.get(uri) ?? []), body as Record<string, unknown>]);
      return { ok: true };
    });
  // The people read New York time in their Slack profiles; the week's review makes no Web API call.
  answerSlackApi(
    slackCalls,
    ({ method, body }) =>
      method === 'users.info'
        ? { ok: true, user: { id: body.user, is_admin: false, tz: 'America/New_York' } }
        : undefined,
    { optionally: true },
  );
});

afterAll(async () => {
  await app.stop();
  await server.close();
});

describe("a marketer's first week, in Slack's HTTP mode, at real size", () => {
  it('day 1: Home, help, an OPML import with dead and twice-listed feeds, topics, experts, digests', async () => {
    const event = homeOpenedBody(marketer, 'Ev1');
    expect((await postToSlack(app, event, sign(event), 'application/json')).status).toBe(200);
    const home = await waitFor(
      () => slackCalls.find((call) => call.method === 'views.publish'),
      'App Home published',
    );
    expect(home.body.view).toContain('Get started');

    const help = await command('help');
    expect(help.text).toMatch(/^Briefbot help/);
    expect(help.blocks).toContain('/brief feeds import https://example.com/feeds.opml');

    const imported = await command(`feeds import ${server.url('/team.opml')}`);
    expect(imported.text).toBe(
      'Imported 49 feeds; 0 already watched; 3 could not be added; 2 listed twice in the file, read once. To undo the import: `/brief feeds remove 1-49`.',
    );
    expect(imported.blocks).toContain(
      '/dead/1.xml: The server answered HTTP 404: nothing is at this address (a mistyped URL, or a feed or list that has moved); check the URL.',
    );
    expect(imported.blocks).toContain('This is not a feed: it is a web page (HTML), and it names no feed.');
    expect(imported.blocks).toContain('listed twice in the file; read once, as listed first');

    const typo = await command('topics add pricing pricng OR "price increase"');
    expect(typo.text).toContain(
      'Nothing matches yet: no item of the last 30 days says “pricng”. Did you mean “pricing”? `/brief topics edit pricing pricing OR "price increase"` changes it',
    );
    const fixed = await command('topics edit pricing pricing OR "price increase"');
    expect(fixed.text).toMatch(/it matched 0 items and now matches [1-9]\d*;/);
    expect((await command('topics add société société OR zürich')).text).toContain(
      'Accents are optional: `societe` names it too.',
    );
    expect((await command('topics add globex globex kind=competitor')).text).toMatch(
      /^Added topic \*globex\* \(competitor\)/,
    );
    expect((await command(`sme add <@${experts[0]}> pricing, globex`)).text).toContain(
      `<@${experts[0]}> now covers globex, pricing.`,
    );
    await command(`sme add <@${experts[1]}> pricing`);
    expect((await command('topics set pricing channel=<#C0PRICING|pricing>')).text).toBe(
      'Topic *pricing*: nudges go to <#C0PRICING> when an item scores 0.5 or more for controversy.',
    );
    expect((await command('digest add <#C0NEWS|market-news> daily 08:00 America/New_York')).text).toContain(
      'daily at 08:00 America/New_York (next: Tue 24 Nov 08:00)',
    );
    expect(
      (await command('digest add <#C0EXEC|exec> weekly mon 09:00 America/New_York topics: pricing, globex'))
        .text,
    ).toContain('every Monday at 09:00 America/New_York (next: Mon 23 Nov 09:00)');

    // The weekly digest is due an hour after set-up: the feeds' items were kept, not announced.
    await runJobsAt('2026-11-23T14:01:00Z');
    expect(postedTo('C0EXEC')).toEqual([
      'Digest: pricing, globex: nothing new since Briefbot began reading its feeds (Mon 23 Nov 08:05 America/New_York). What they held before is not posted as news; `/brief what’s new` sums it up.',
    ]);
  }, 60_000);

  it('days 2 to 7: feeds fail and recover, pricing turns controversial, one claimed, one snoozed, one escalated', async () => {
    await runJobsAt(...everySixHours('2026-11-23T19:01:00Z', '2026-11-26T19:01:00Z'));

    // Two feeds failed on Tuesday: the marketer is told once each, and that Briefbot keeps trying.
    const alerts = postedTo(`D${marketer}`).filter((text) => text.includes('is failing since'));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatch(
      /^Feed 21 \(Synth 20\) is failing since 2[45] Nov 2026 \d\d:01 UTC: The server answered HTTP 500/,
    );
    for (const alert of alerts) {
      expect(alert).toContain('Nothing to fix on your side: Briefbot keeps checking it.');
      expect(alert).not.toContain('Fix the address');
    }

    // Each controversial story asks the pricing experts once, in the topic's channel.
    const asked = postedTo('C0PRICING').filter((text) => text.startsWith('A conversation to join'));
    expect(asked).toEqual(
      hotTitles.map((title, i) => `A conversation to join on pricing: ${title} (Synth ${[3, 7, 11][i]})`),
    );

    const answer = await command('what are customers saying about pricing', exec);
    expect(answer.text).toMatch(
      /^What customers are saying about pricing \(last 7 days\): \d+ mentions, none a customer's\./,
    );
    expect(answer.blocks).toContain('See conversation 1');

    // An expert claims the first with its button; the other expert snoozes the second.
    const first = slackCalls.find(
      (call) => call.method === 'chat.postMessage' && call.body.text?.includes(hotTitles[0] as string),
    );
    const claim = blockActionsBody(experts[0], {
      container: { type: 'message', message_ts: first?.ts, channel_id: 'C0PRICING' },
      channel: { id: 'C0PRICING', name: 'pricing' },
      message: { type: 'message', ts: first?.ts, text: 'A conversation to join' },
      trigger_id: '1.2.3',
      response_url: `${hooks}/actions/claim`,
      actions: [
        { type: 'button', action_id: 'nudge_claim', block_id: 'nudge_1', value: '1', action_ts: '1' },
      ],
    });
    const started = performance.now();
    expect((await postToSlack(app, claim, sign(claim))).status).toBe(200);
    acks.push(performance.now() - started);
    await waitFor(
      () => postedTo(`D${experts[0]}`).find((text) => text.startsWith('You claimed conversation 1')),
      'the claimant’s DM',
    );
    expect((await command('claims', experts[0])).text).toBe('You have 1 open conversation');
    // Friday 19:01 UTC is past the team's working hours (UTC here): named, as the expert reads New York time.
    expect((await command('nudge snooze 2 1d', experts[1])).text).toMatch(
      /^Snoozed: no reminders about conversation 2 until Mon 30 Nov 04:00 GMT-5\. Reminders count working hours only \(09:00-18:00 UTC, weekdays\)/,
    );

    // Friday 14:31 UTC too: the experts' morning in New York, when the thread reminder can @-mention them.
    await runJobsAt(
      ...[...everySixHours('2026-11-27T01:01:00Z', '2026-11-30T19:01:00Z'), '2026-11-27T14:31:00Z'].sort(),
    );
    // The failing feeds came back on Thursday: the marketer is told, once each.
    expect(postedTo(`D${marketer}`).filter((text) => text.includes(' works again '))).toEqual([
      expect.stringMatching(
        /^Feed 21 \(Synth 20\) works again \(read 26 Nov 2026 \d\d:01 UTC\), after failing since/,
      ),
      expect.stringMatching(/^Feed 22 \(Synth 21\) works again/),
    ]);
    // The third was never claimed: the admins are asked to give it to someone.
    expect(
      postedTo(`D${marketer}`).some((text) => text.startsWith('Nobody has claimed conversation 3,')),
    ).toBe(true);
    // One daily digest a day, Tuesday to Monday; the weekly one on each Monday.
    expect(postedTo('C0NEWS').filter((text) => text.startsWith('Digest: the market:'))).toHaveLength(7);
    expect(postedTo('C0EXEC').filter((text) => text.startsWith('Digest: pricing, globex:'))).toHaveLength(2);
  }, 120_000);

  it('the week reviewed: stats, feeds, changes; a digest edited, a source muted, a feed removed and added back', async () => {
    expect((await command('stats')).text).toMatch(/^Responses, last 30 days: 3 conversations · 1 claimed/);
    expect((await command('feeds list')).text).toBe('49 feeds: 41 ok, 8 stale, 0 failing, 0 paused');
    const changes = await command('changes');
    expect(changes.blocks).toContain(`<@${experts[1]}> snoozed conversation 2 until Mon 30 Nov 09:00 UTC`);
    expect(changes.blocks).toContain(`<@${experts[0]}> claimed conversation 1`);

    expect((await command('digest edit 1 max 5')).text).toContain('up to 5 items (was 8)');
    expect((await command('digest mute <#C0NEWS|market-news> 8')).text).toBe(
      ":mute: <@UMKT0001> muted Synth 7 for <#C0NEWS>'s digests. Undo: /brief digest unmute <#C0NEWS> 8",
    );
    expect((await command('feeds remove 9')).text).toContain(
      'To remove anyway: `/brief feeds remove 9 confirm`.',
    );
    expect((await command('feeds remove 9 confirm')).text).toContain(
      `to watch it again: \`/brief feeds add ${server.url('/s/8.xml')}\``,
    );
    expect((await command(`feeds add ${server.url('/s/8.xml')}`)).text).toMatch(
      /^Added feed 50: Synth 8\. Its 80 items already in the feed: kept, not announced/,
    );
    // Every command and button was acknowledged well within Slack's 3 seconds.
    expect(Math.max(...acks)).toBeLessThan(3_000);
  }, 60_000);
});
