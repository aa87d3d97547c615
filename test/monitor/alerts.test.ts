import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { runPollCycle } from '../../src/jobs/background.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { sharedFeed } from '../helpers/fixtures.ts';
import {
  answerHistory,
  createNockedOutbox,
  markedMessage,
  markerOf,
  slackApi,
  watchUnmatched,
} from '../helpers/slack-http.ts';

let deps: TestDeps;
afterEach(async () => {
  await deps.cleanup();
});

const host = 'https://flaky.example.com';

async function failTimes(times: number): Promise<void> {
  for (let attempt = 0; attempt < times; attempt++) {
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(503, 'down');
    await runPollCycle(deps);
  }
}

/** A fresh install with `env`, watching the feed at `${host}/feed` (Liftoff News), added by UADMIN01. */
async function watchFeed(env: Record<string, string>): Promise<void> {
  deps = await createTestDeps({ env });
  nock(host).get('/feed').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
  await addFeed(deps, { url: `${host}/feed`, actorId: 'UADMIN01' });
}

describe('failing feed alerts', () => {
  it('tells each admin once, with the reason and the fix, and again only after a recovery', async () => {
    await watchFeed({ BRIEFBOT_ADMINS: 'UADMIN01,UADMIN02' });
    await failTimes(2);
    expect(deps.sent).toEqual([]);
    await failTimes(3);
    expect(deps.sent.map((entry) => entry.channel)).toEqual(['UADMIN01', 'UADMIN02']);
    const alert = deps.sent[0]?.message;
    expect(alert?.text).toMatch(/^Feed 1 \(Liftoff News\) is failing since .*The server answered HTTP 503/);
    expect(alert?.text).toMatch(/\/brief feeds resume 1.*\/brief feeds pause 1/);
    expect(JSON.stringify(alert?.blocks)).toMatch(/"value":"feeds pause 1"/);

    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    await runPollCycle(deps);
    // Whoever was told it failed is told, once, that it works again: nothing is left to do.
    expect(deps.sent.slice(2).map((entry) => entry.channel)).toEqual(['UADMIN01', 'UADMIN02']);
    expect(deps.sent[2]?.message.text).toMatch(
      /^Feed 1 \(Liftoff News\) works again \(read .*\), after failing since .*\. Nothing to do: its new items are read as usual\.$/,
    );
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    await runPollCycle(deps);
    expect(deps.sent).toHaveLength(4);
    await failTimes(3);
    expect(deps.sent).toHaveLength(6);
    expect(deps.sent[4]?.message.text).toMatch(/^Feed 1 \(Liftoff News\) is failing since/);
  });

  it('many feeds failing at once: one message listing them, not one message each', async () => {
    deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' } });
    const paths = Array.from({ length: 13 }, (_, index) => `/feed${index}`);
    for (const path of paths) {
      nock(host).get(path).reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
      // The same feed thirteen times: added anyway, as a look-alike of the first.
      await addFeed(deps, { url: `${host}${path}`, actorId: 'UADMIN01', anyway: true });
    }
    // One feed keeps working, twelve fail together three times: one message for the twelve.
    for (let attempt = 0; attempt < 3; attempt++) {
      deps.clock.advance(25 * 3600_000);
      nock(host).get('/feed0').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
      for (const path of paths.slice(1)) nock(host).get(path).reply(503, 'down');
      await runPollCycle(deps);
    }
    expect(deps.sent.map((entry) => entry.channel)).toEqual(['UADMIN01']);
    const alert = deps.sent[0]?.message;
    expect(alert?.text).toMatch(/^12 feeds have started failing\. \/brief feeds list shows each one/);
    const shown = JSON.stringify(alert?.blocks);
    expect(shown).toContain('The server answered HTTP 503');
    expect(shown).toContain('…and 2 more: `/brief feeds list failing` shows them all.');
    expect(shown).toContain('"value":"feeds list"');
    expect((shown.match(/• \*/g) ?? []).length).toBe(10);
    // Told once: the next failures of the same feeds say nothing.
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed0').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    for (const path of paths.slice(1)) nock(host).get(path).reply(503, 'down');
    await runPollCycle(deps);
    expect(deps.sent).toHaveLength(1);
  });

  it('an upgrade settles the alerts sent before it: no "works again" for an old recovery', async () => {
    await watchFeed({ BRIEFBOT_ADMINS: 'UADMIN01' });
    await failTimes(3);
    expect(deps.sent).toHaveLength(1);
    // As if the alert had been sent by the version before, then the migration ran.
    deps.db.sqlite.prepare("DELETE FROM deliveries WHERE kind = 'feed-recovered'").run();
    deps.db.sqlite.exec(
      readFileSync(
        new URL(
          '../../prisma/migrations/20261128010000_feed_recovered_notices/migration.sql',
          import.meta.url,
        ),
        'utf8',
      ),
    );
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    await runPollCycle(deps);
    expect(deps.sent).toHaveLength(1);
  });

  it('posts to the alert channel when one is set', async () => {
    await watchFeed({ BRIEFBOT_ADMINS: 'UADMIN01', BRIEFBOT_ALERT_CHANNEL: 'C0ALERTS' });
    await failTimes(3);
    expect(deps.sent.map((entry) => entry.channel)).toEqual(['C0ALERTS']);
  });

  it('retries an alert that could not be delivered, at the next cycle', async () => {
    await watchFeed({ BRIEFBOT_ADMINS: 'UADMIN01' });
    const post = deps.outbox.post;
    deps.outbox.post = async () => {
      throw new Error('slack is down');
    };
    await failTimes(3);
    deps.outbox.post = post;
    await failTimes(1);
    expect(deps.sent.map((entry) => entry.channel)).toEqual(['UADMIN01']);
  });

  it('one admin Slack refuses for now: the other is told once, and only the first again at the next cycle', async () => {
    await watchFeed({ BRIEFBOT_ADMINS: 'UADMIN01,UADMIN02' });
    await failTimes(2);
    deps.outbox = createNockedOutbox();
    const unmatched = watchUnmatched();
    nock(slackApi)
      .post('/api/conversations.open', /UADMIN01/)
      .reply(200, { ok: true, channel: { id: 'D0ADMIN01' } })
      .post('/api/chat.postMessage', /D0ADMIN01/)
      .reply(500, 'upstream error')
      .post('/api/conversations.open', /UADMIN02/)
      .reply(200, { ok: true, channel: { id: 'D0ADMIN02' } })
      .post('/api/chat.postMessage', /D0ADMIN02/)
      .reply(200, { ok: true, ts: '1.000100' });
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    // The next cycle reads the DM of the admin who lacks it (already open; the 500's answer was lost):
    // the alert is not there, so it is sent to them, and nobody else.
    answerHistory('conversations.history', [], { channel: /D0ADMIN01/ });
    let text = '';
    nock(slackApi)
      .post('/api/chat.postMessage', /D0ADMIN01/)
      .reply(200, (_uri, body) => {
        text = new URLSearchParams(String(body)).get('text') ?? '';
        return { ok: true, ts: '2.000100' };
      });
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    expect(text).toMatch(/^Feed 1 \(Liftoff News\) is failing since/);
    // Both told: the next failure posts nothing (no Slack call is mocked).
    await failTimes(1);
    expect(unmatched.stop()).toEqual([]);
  });

  /** The alert to UADMIN01 answered with a 500 after Slack took it in: the form it was posted with. */
  async function alertAnswerLost(): Promise<Record<string, string>> {
    await watchFeed({ BRIEFBOT_ADMINS: 'UADMIN01' });
    await failTimes(2);
    deps.outbox = createNockedOutbox();
    let form: Record<string, string> = {};
    nock(slackApi)
      .post('/api/conversations.open', /UADMIN01/)
      .reply(200, { ok: true, channel: { id: 'D0ADMIN01' } })
      .post('/api/chat.postMessage', /D0ADMIN01/)
      .reply(500, (_uri, body) => {
        form = Object.fromEntries(new URLSearchParams(String(body)));
        return 'upstream error';
      });
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    expect(markerOf(form)).toMatch(/^delivery:\d+$/);
    return form;
  }

  it("an alert whose answer was lost (a 500 after Slack took it) is found in the admin's DM at the next cycle: not sent twice", async () => {
    const form = await alertAnswerLost();
    const unmatched = watchUnmatched();
    const reads: Array<Record<string, string>> = [];
    answerHistory('conversations.history', [markedMessage('1.000100', markerOf(form) as string)], { reads });
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    expect(reads).toEqual([expect.objectContaining({ channel: 'D0ADMIN01', include_all_metadata: 'true' })]);
    // Recorded as told: no further read or post (none is mocked), and its recovery notice goes to them.
    await failTimes(1);
    expect(unmatched.stop()).toEqual([]);
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    let recovered = '';
    nock(slackApi)
      .post('/api/chat.postMessage', /D0ADMIN01/)
      .reply(200, (_uri, body) => {
        recovered = new URLSearchParams(String(body)).get('text') ?? '';
        return { ok: true, ts: '2.000100' };
      });
    await runPollCycle(deps);
    expect(recovered).toMatch(/^Feed 1 \(Liftoff News\) works again/);
  });

  it('while the DM cannot be read for now (a 500, then a 429), nothing is sent; a later cycle finds it there', async () => {
    const form = await alertAnswerLost();
    const unmatched = watchUnmatched();
    nock(slackApi)
      .post('/api/conversations.history')
      .reply(500, 'upstream error')
      .post('/api/conversations.history')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '0' });
    await failTimes(1);
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    // No chat.postMessage is mocked: posting now could have been a second copy.
    expect(unmatched.stop()).toEqual([]);
    const again = watchUnmatched();
    answerHistory('conversations.history', [markedMessage('1.000100', markerOf(form) as string)]);
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    await failTimes(1);
    expect(again.stop()).toEqual([]);
  });

  it('without the history scope the DM cannot be read: the alert is sent again, as before', async () => {
    const form = await alertAnswerLost();
    const unmatched = watchUnmatched();
    let text = '';
    nock(slackApi)
      .post('/api/conversations.history')
      .reply(200, { ok: false, error: 'missing_scope', needed: 'im:history' })
      .post('/api/chat.postMessage', /D0ADMIN01/)
      .reply(200, (_uri, body) => {
        text = new URLSearchParams(String(body)).get('text') ?? '';
        return { ok: true, ts: '2.000100' };
      });
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    expect(text).toBe(form.text);
    expect(unmatched.stop()).toEqual([]);
  });

  it('an alert Slack refuses for good (a deactivated admin) is not retried; one still owed is dropped when the feed recovers', async () => {
    await watchFeed({ BRIEFBOT_ADMINS: 'UADMIN01,UADMIN02' });
    await failTimes(2);
    deps.outbox = createNockedOutbox();
    const unmatched = watchUnmatched();
    nock(slackApi)
      .post('/api/conversations.open', /UADMIN01/)
      .reply(200, { ok: false, error: 'user_disabled' })
      .post('/api/conversations.open', /UADMIN02/)
      .reply(200, { ok: true, channel: { id: 'D0ADMIN02' } })
      .post('/api/chat.postMessage', /D0ADMIN02/)
      .reply(500, 'upstream error');
    await failTimes(1);
    expect(nock.isDone()).toBe(true);
    // The feed recovers before the retry: nobody is told it is failing.
    deps.clock.advance(25 * 3600_000);
    nock(host).get('/feed').reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    await runPollCycle(deps);
    deps.clock.advance(3600_000);
    await runPollCycle(deps);
    expect(unmatched.stop()).toEqual([]);
  });
});
