import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventWindowMs, groupEvents } from '../../src/analysis/events.ts';
import { fillDates } from '../../src/console/demo.ts';
import { addFeed, FeedKind } from '../../src/monitor/feeds.ts';
import { euOutageUrls, loadDemoCorpus } from '../briefing/corpus.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { startFeedServer } from '../helpers/feed-server.ts';

const wire = readFileSync(new URL('../fixtures/events/helpdesk-wire.xml', import.meta.url), 'utf8');

type Row = {
  url: string;
  title: string;
  text: string;
  publishedAt: number;
  clusterId: number | null;
  source: string;
};

describe('one event told in different words', () => {
  let deps: TestDeps;
  let rows: Row[];
  let lead: number[];
  /** The items grouped with the item at `url`, by address. */
  const eventOf = (url: string): string[] => {
    const at = rows.findIndex((row) => row.url === url);
    expect(at, url).toBeGreaterThanOrEqual(0);
    return rows.filter((_, index) => lead[index] === lead[at]).map((row) => row.url);
  };

  beforeAll(async () => {
    deps = await createTestDeps({ now: '2026-11-02T09:00:00Z' });
    await loadDemoCorpus(deps);
    // A wire service's feed, in its own bytes: an earlier Acme outage and a Globex one the same morning.
    const server = await startFeedServer({ '/wire.xml': { body: fillDates(wire, deps.clock.now()) } });
    try {
      await addFeed(
        { ...deps, http: { ...deps.http, allowPrivate: true } },
        { url: server.url('/wire.xml'), kind: FeedKind.News, actorId: 'USEED' },
      );
    } finally {
      await server.close();
    }
    rows = deps.db.sqlite
      .prepare(
        `SELECT i.url, i.title, i.text, i.published_at AS publishedAt, i.cluster_id AS clusterId,
           f.title AS source
         FROM items i JOIN feeds f ON f.id = i.feed_id ORDER BY i.published_at DESC, i.id`,
      )
      .safeIntegers(false)
      .all() as Row[];
    lead = groupEvents(rows);
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it('groups the EU outage’s news story, forum threads, reviews and post-incident report', () => {
    expect(eventOf(euOutageUrls[0]).sort()).toEqual([...euOutageUrls].sort());
  });

  it('keeps Acme’s price rise apart from its outage the same day, with the reviews and threads of each', () => {
    const rise = eventOf('https://saasledger.example/2026/acme-desk-pricing-usage-tiers');
    expect(rise).not.toContain('https://saasledger.example/2026/acme-desk-eu-outage');
    expect(rise).toEqual(
      expect.arrayContaining([
        'https://community.supportops.example/t/acme-price-increase-renegotiating-or-switching/8841',
        'https://www.stackrank.example/products/acme-desk/reviews/91207',
      ]),
    );
    // Globex's discount for teams leaving Acme is Globex's move, another story than Acme's rise.
    expect(rise).not.toContain('https://saasledger.example/2026/globex-switching-discount');
  });

  it('keeps two Acme outages a week apart apart, however alike their words', () => {
    const earlier = eventOf('https://helpdeskwire.example/2026/acme-desk-us-east-outage');
    expect(earlier.sort()).toEqual([
      'https://helpdeskwire.example/2026/acme-desk-us-east-outage',
      'https://helpdeskwire.example/2026/acme-desk-us-east-outage-reactions',
    ]);
    expect(eventOf('https://saasledger.example/2026/acme-desk-eu-outage')).not.toContain(earlier[0]);
  });

  it('keeps another company’s outage the same morning apart, though it names Acme', () => {
    const globex = eventOf('https://helpdeskwire.example/2026/globex-assist-outage');
    expect(globex).not.toContain('https://saasledger.example/2026/acme-desk-eu-outage');
    expect(globex.filter((url) => /acme/.test(url))).toEqual([]);
  });

  it('keeps two pieces on one theme apart: an analysis of usage pricing and a webinar on per-seat pricing', () => {
    // Both are about pricing models in customer service, two days apart, and neither names whose
    // move it is: a shared theme, not one event.
    const analysis = eventOf('https://saasledger.example/2026/usage-based-pricing-analysis');
    expect(analysis).not.toContain('https://blog.globex.example/webinar-per-seat');
    expect(eventOf('https://blog.globex.example/webinar-per-seat')).toEqual([
      'https://blog.globex.example/webinar-per-seat',
    ]);
  });

  it('never groups items published further apart than the window, nor two items that tell of no event', () => {
    const told = rows.find((row) => row.url === 'https://saasledger.example/2026/acme-desk-eu-outage') as Row;
    const later = { ...told, clusterId: null, publishedAt: told.publishedAt + eventWindowMs + 1 };
    expect(groupEvents([told, later])).toEqual([0, 1]);
    expect(groupEvents([told, { ...later, publishedAt: told.publishedAt + 3600_000 }])).toEqual([0, 0]);
    // Two reviews praising the product share words, but no event.
    const praise = rows.filter((row) => /Best macros|Easy onboarding/.test(row.title));
    expect(praise).toHaveLength(2);
    expect(groupEvents(praise)).toEqual([0, 1]);
  });
});
