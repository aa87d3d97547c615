import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreControversy } from '../../src/engage/nudges.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { pollDueFeeds } from '../../src/monitor/poll.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { sharedFeed, watchIntlFeed, watchRssItems } from '../helpers/fixtures.ts';
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

  it('tells a real Polish blog Polish at ingest, and reads its tone in Polish, not English', async () => {
    // Amelia Kusiak's Medium feed: its posts were stored as Portuguese, English and no language.
    await watchBody('medium', sharedFeed('feed-extractor/medium-feed.xml'));
    expect(rows().map((row) => row.language)).toEqual(['pl', 'pl', 'pl']);
    // An explainer, a list of doctors and a personal story of hope: none is bad news. The first two
    // would better read neutral: the explainer reads positive on the "euforia" it names as the aim,
    // the list on its clinic's name, "Centrum Dobrej Terapii" (a name that is a word counts).
    expect(rows().map((row) => row.sentiment)).toEqual(['positive', 'positive', 'positive']);
  });
});

describe('the tone of items in other languages', () => {
  it('is read in German: German praise is praise, never the English words "die" and "loben"', async () => {
    await watch('de.xml');
    const praise = rows().find((row) => row.title === 'Nestlé: Mitarbeiter feiern die Auszeichnung');
    expect(praise).toMatchObject({ language: 'de', sentiment: 'positive' });
    expect(rows().map((row) => [row.language, row.sentiment])).toEqual([
      ['de', 'positive'],
      ['de', 'positive'],
      ['de', 'negative'],
      ['de', 'positive'],
    ]);
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

/** Serves `body` at https://<name>.example.org/feed and watches it as news. */
async function watchBody(name: string, body: string | Buffer): Promise<void> {
  const host = `https://${name}.example.org`;
  nock(host).get('/feed').reply(200, body, { 'content-type': 'application/rss+xml' });
  await addFeed(deps, { url: `${host}/feed`, kind: 'news', actorId: 'U1' });
}

function rssOf(name: string, language: string | null, items: Array<[string, string?]>): string {
  const host = `https://${name}.example.org`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${name}</title><link>${host}/</link>
    ${language ? `<language>${language}</language>` : ''}
    ${items
      .map(
        ([title, text], index) =>
          `<item><guid>${host}/${index}</guid><title>${title}</title><link>${host}/${index}</link>${text ? `<description>${text}</description>` : ''}</item>`,
      )
      .join('\n')}
    </channel></rss>`;
}

describe('Danish or Norwegian, when a text is written alike in both', () => {
  // "Hun", "vil", "ikke", "være", "fordi", "og": every word both write, none only one of them does
  // (not Danish "siger", "kunderne", "selskabet": Norwegian writes "sier", "kundene", "selskapet").
  const alike: Array<[string, string]> = [
    ['Hun vil ikke være med', 'Hun vil ikke være med, fordi hun og han ikke er enige.'],
  ];

  // Its tone is read by the language's own lexicon: none of its words is praise or blame there.
  it('is the Norwegian a feed declares as Bokmål, its tone read in Norwegian', async () => {
    await watchBody('avisa', rssOf('avisa', 'nb-NO', alike));
    expect(rows().map((row) => [row.language, row.sentiment])).toEqual([['no', 'neutral']]);
  });

  it('is Danish when nothing says which', async () => {
    await watchBody('avisen', rssOf('avisen', null, alike));
    expect(rows().map((row) => [row.language, row.sentiment])).toEqual([['da', 'neutral']]);
  });
});

describe('the language of an item too short to tell by itself', () => {
  // Three items long enough to tell as German.
  const longGerman: Array<[string, string]> = [
    'Zürich Versicherung: Kunden loben den Service',
    'Nestlé: Mitarbeiter feiern die Auszeichnung',
    'Société Générale: Kunden sind besorgt',
  ].map((title) => [
    title,
    'Die Kunden loben den neuen Service, und die Beratung ist für viele besser als früher.',
  ]);

  it('is the language its feed declares: German headlines with no body are German, their tone read in German', async () => {
    await watchBody(
      'schlagzeilen',
      rssOf('schlagzeilen', 'de-DE', [
        // Read as English, "Bad" was negative and "Gift" (poison) positive.
        ['Bad Homburg: Kurhaus öffnet wieder'],
        ['Gift im Trinkwasser entdeckt'],
        ['Nestlé meldet Rekordgewinn'],
        // Its own words say English, whatever the feed declares.
        ['Nestlé raises the price of coffee in Germany'],
      ]),
    );
    expect(rows().map((row) => [row.title, row.language, row.sentiment])).toEqual([
      // Read as English, "Bad" was negative and "Gift" (poison) positive; in German, the other way round.
      ['Bad Homburg: Kurhaus öffnet wieder', 'de', 'neutral'],
      ['Gift im Trinkwasser entdeckt', 'de', 'negative'],
      ['Nestlé meldet Rekordgewinn', 'de', 'positive'],
      // Read, as English: a price rise.
      ['Nestlé raises the price of coffee in Germany', 'en', 'negative'],
    ]);
  });

  it('is the language most of the feed’s other items are in, over a default "en-us" it declares', async () => {
    await watchBody(
      'wirtschaft',
      rssOf('wirtschaft', 'en-us', [
        ...longGerman,
        ['Bad Homburg: Kurhaus öffnet wieder'],
        ['Gift im Trinkwasser entdeckt'],
      ]),
    );
    expect(rows().map((row) => row.language)).toEqual(['de', 'de', 'de', 'de', 'de']);
    expect(rows().map((row) => row.sentiment)).toEqual([
      'positive',
      'positive',
      'positive',
      'neutral',
      'negative',
    ]);
  });

  it('is the language the feed’s stored items are in, when a later fetch holds only a new headline', async () => {
    await watchBody('boerse', rssOf('boerse', null, longGerman));
    // The next fetch: one new headline alone, no declaration, nothing else to go by.
    nock('https://boerse.example.org')
      .get('/feed')
      .reply(200, rssOf('boerse', null, [['Gift im Trinkwasser entdeckt']]), {
        'content-type': 'application/rss+xml',
      });
    deps.clock.advance(25 * 3600_000);
    await pollDueFeeds(deps);
    // Scored as English first (too short to tell), then read again in German once the feed told it.
    expect(rows().find((row) => row.title === 'Gift im Trinkwasser entdeckt')).toMatchObject({
      language: 'de',
      sentiment: 'negative',
    });
  });

  it('on real feeds: a Portuguese paper’s headlines with no body are Portuguese; a news site declaring Kannada stays English', async () => {
    // Jornal de Notícias declares pt-pt; five of its items are a headline alone.
    await watchBody('jn', sharedFeed('rss-parser/encoding.rss'));
    const headline = rows().find((row) => row.title.startsWith('Primeira página em 60 segundos'));
    // "Primeira página em 60 segundos: Erros levam EDP a cobrar a mais": errors make EDP overcharge.
    expect(headline).toMatchObject({ language: 'pt', sentiment: 'negative' });
    const tone = (title: string) => rows().find((row) => row.title === title)?.sentiment;
    expect(tone('Acidente na A1 causa um morto e dois feridos graves')).toBe('negative');
    expect(tone('Já foram publicadas as novas tabelas de retenção de IRS')).toBe('neutral');
    expect(rows().filter((row) => row.language !== 'pt')).toEqual([]);
    // An English news site whose feed declares <language>kn</language>: its items say English.
    await deps.db.sqlite.prepare('DELETE FROM items').run();
    await watchBody('mangalorean', sharedFeed('rss-parser/customfields.rss'));
    expect(new Set(rows().map((row) => row.language))).toEqual(new Set(['en']));
  });
});
