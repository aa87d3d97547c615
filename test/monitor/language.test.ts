import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFeed } from '../../src/monitor/feeds.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';

const fixtures = new URL('../fixtures/feeds/intl/', import.meta.url);

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

/** Watches a fixture feed of test/fixtures/feeds/intl, served as its bytes. */
async function watch(file: string): Promise<void> {
  const host = `https://${file.replace('.xml', '')}.example.org`;
  nock(host)
    .get('/feed')
    .reply(200, readFileSync(new URL(file, fixtures)), { 'content-type': 'application/rss+xml' });
  await addFeed(deps, { url: `${host}/feed`, kind: 'news', actorId: 'U1' });
}

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
