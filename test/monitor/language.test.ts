import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreControversy } from '../../src/engage/nudges.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { watchIntlFeed, watchRssItems } from '../helpers/fixtures.ts';
import { createBeat } from '../helpers/nudges.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

/** Watches a fixture feed of test/fixtures/feeds/intl, served as its bytes. */
const watch = (file: string): Promise<void> => watchIntlFeed(deps, file);

function rows(): Array<{ title: string; language: string | null; sentiment: string; score: number }> {
  return deps.db.sqlite
    .prepare('SELECT title, language, sentiment, sentiment_score AS score FROM items ORDER BY id')
    .all() as Array<{ title: string; language: string | null; sentiment: string; score: number }>;
}

describe('the language of each item', () => {
  it('is told at ingest and stored with it, whatever the feed’s encoding', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    await watch('ja.xml');
    const languages = new Map(rows().map((row) => [row.title, row.language]));
    expect(languages.get('Nestlé: Mitarbeiter feiern die Auszeichnung')).toBe('de');
    expect(languages.get('Société Générale annonce une fuite massive de données')).toBe('fr');
    expect(languages.get('ソシエテ・ジェネラルで顧客から不満の声')).toBe('ja');
    expect([...languages.values()].filter((language) => language === 'de')).toHaveLength(4);
  });
});

describe('the tone of items in other languages', () => {
  it('is not read: German praise is not scored as the English words "die" and "loben"', async () => {
    await watch('de.xml');
    const praise = rows().find((row) => row.title === 'Nestlé: Mitarbeiter feiern die Auszeichnung');
    expect(praise).toMatchObject({ language: 'de', sentiment: 'unread', score: 0 });
    expect(rows().every((row) => row.sentiment === 'unread')).toBe(true);
  });

  it('never makes a German story controversial on an English reading of its words', async () => {
    await createBeat(deps, { name: 'nestle', query: 'nestle OR zurich', kind: 'company', threshold: 0.3 });
    await watch('de.xml');
    const ids = (deps.db.sqlite.prepare('SELECT id FROM items').pluck().all() as number[]).map(Number);
    const scores = await scoreControversy(deps, ids);
    for (const { score, reasons } of scores.values()) {
      expect(reasons.join(' ')).not.toMatch(/tone|negative|criticism/i);
      expect(score).toBeLessThan(0.3);
    }
  });

  it('is read as before for English and for a text too short to tell', async () => {
    const host = 'https://english.example.org';
    await watchRssItems(
      deps,
      host,
      `<item><guid>a</guid><title>Customers die waiting: Acme support is a disaster</title><link>${host}/a</link>
      <description>The support queue is awful and customers are furious about the delays.</description></item>
      <item><guid>b</guid><title>Acme outage ruins launch</title><link>${host}/b</link></item>`,
    );
    expect(rows().map((row) => [row.language, row.sentiment])).toEqual([
      ['en', 'negative'],
      [null, 'negative'],
    ]);
  });
});
