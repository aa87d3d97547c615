import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { watchIntlFeed, watchRssItems } from '../helpers/fixtures.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ now: '2026-11-02T09:00:00Z', env: { BRIEFBOT_ADMINS: 'UEXEC01' } });
});
afterEach(async () => {
  await deps.cleanup();
});

/** Watches a fixture feed of test/fixtures/feeds/intl, served as its bytes. */
const watch = (file: string): Promise<void> => watchIntlFeed(deps, file);

/** An English feed with one story about Nestlé and one about Société Générale. */
async function watchEnglish(): Promise<void> {
  const host = 'https://wire.example.org';
  await watchRssItems(
    deps,
    host,
    `<item><guid>a</guid><title>Nestlé opens a new coffee plant in Ohio</title><link>${host}/a</link>
    <pubDate>Mon, 02 Nov 2026 07:00:00 GMT</pubDate>
    <description>The company said the plant will employ 300 people and supply the whole region.</description></item>
    <item><guid>b</guid><title>Société Générale is reviewing the data leak with the regulator</title><link>${host}/b</link>
    <pubDate>Mon, 02 Nov 2026 06:00:00 GMT</pubDate>
    <description>The bank said the review of the leak is under way and that it is working with the regulator.</description></item>`,
  );
}

async function brief(text: string): Promise<string> {
  const reply = await runCommand(deps, { userId: 'UEXEC01', channelId: 'C0CHANNEL', text });
  return JSON.stringify(reply.blocks);
}

/** The titles an answer lists. */
function titles(blocks: string): string[] {
  return [...blocks.matchAll(/\|([^>|]+)>\\n/g)].map((match) => match[1] ?? '');
}

describe('a question asked in one language', () => {
  beforeEach(async () => {
    await watch('de.xml');
    await watch('fr.xml');
    await watchEnglish();
  });

  it('lists only the sources in that language, and says so by its period', async () => {
    const german = await brief('société générale in German');
    expect(titles(german)).toEqual(['Datenleck bei Société Générale: Kunden sind besorgt']);
    expect(german).toContain('last 7 days · in German sources');
    const english = await brief('société générale only English');
    expect(titles(english)).toEqual(['Société Générale is reviewing the data leak with the regulator']);
    expect(english).toContain('in English sources');
    const everyLanguage = await brief('société générale');
    expect(titles(everyLanguage)).toHaveLength(3);
    expect(everyLanguage).not.toContain('sources ·');
  });

  it('reads "what is the French press saying about nestle" as the French press on nestle', async () => {
    const blocks = await brief('what is the French press saying about nestle');
    expect(titles(blocks)).toEqual(["Nestlé : grève à l'usine de Vevey"]);
    expect(blocks).toContain('in French sources');
  });

  it('counts an item of unknown language as English', async () => {
    // Too short to tell: a headline alone, with no body.
    const host = 'https://short.example.org';
    await watchRssItems(
      deps,
      host,
      `<item><guid>s</guid><title>Nestlé results</title><link>${host}/s</link>
      <pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate></item>`,
      'Short',
    );
    const language = deps.db.sqlite
      .prepare("SELECT language FROM items WHERE title = 'Nestlé results'")
      .pluck()
      .get();
    expect(language).toBeNull();
    const blocks = await brief('nestle in english');
    expect(titles(blocks).sort()).toEqual(['Nestlé opens a new coffee plant in Ohio', 'Nestlé results']);
  });

  it('says what the other languages hold when the one asked has nothing', async () => {
    const blocks = await brief('nestle in Spanish');
    expect(blocks).toContain(
      'No Spanish sources about nestle in the last 7 days; 1 in English, 1 in French, 1 in German.',
    );
    expect(blocks).toContain('/brief nestle');
    expect(titles(blocks)).toEqual([]);
  });

  it('reads "German news" and "French press about nestle" as the sources in that language, not a subject', async () => {
    const german = await brief('german news');
    expect(german).toContain('in German sources');
    // Every German story, and none of the French or English ones.
    expect(titles(german)).toContain('Datenleck bei Société Générale: Kunden sind besorgt');
    expect(titles(german)).toHaveLength(4);
    expect(titles(german).join(' ')).not.toMatch(/Nestlé :|Société Générale is|coffee plant/);
    expect(german).not.toContain('Nothing about german');
    // After a question, "German news" is still everything in German, not that question in German.
    await brief('nestle');
    expect(titles(await brief('german news'))).toEqual(titles(german));
    const french = await brief('french coverage of nestle');
    expect(titles(french)).toEqual(["Nestlé : grève à l'usine de Vevey"]);
  });

  it('is kept by follow-ups, and narrows the last question when asked alone', async () => {
    await brief('société générale in German');
    const later = await brief('last 30 days');
    expect(later).toContain('last 30 days · in German sources');
    expect(titles(later)).toEqual(['Datenleck bei Société Générale: Kunden sind besorgt']);
    await brief('nestle');
    const french = await brief('only French');
    expect(titles(french)).toEqual(["Nestlé : grève à l'usine de Vevey"]);
    const every = await brief('in all languages');
    expect(titles(every)).toHaveLength(3);
  });

  it('takes a topic named as the language for that topic, unless the sources or press are named', async () => {
    await brief('topics add german "data leak" OR datenleck kind=theme');
    const topic = await brief('what’s new in german');
    expect(topic).toContain('german is a topic, so this is about it');
    expect(topic).not.toContain('in German sources ·');
    expect(titles(topic).sort()).toEqual([
      'Datenleck bei Société Générale: Kunden sind besorgt',
      'Société Générale is reviewing the data leak with the regulator',
    ]);
    // "German news" names the language as "German sources" does, topic or not.
    const news = await brief('german news');
    expect(news).toContain('in German sources');
    expect(news).not.toContain('is a topic');
    const sources = await brief('what’s new from German sources');
    expect(sources).toContain('in German sources');
    expect(sources).not.toContain('is a topic');
  });
});

describe('Polish, a language and an English word', () => {
  beforeEach(async () => {
    const host = 'https://blog.example.pl';
    // Sentences of a real Polish Medium feed (test/fixtures/feeds/feed-extractor/medium-feed.xml).
    await watchRssItems(
      deps,
      host,
      `<item><guid>a</guid><title>Koszty tranzycji medycznej</title><link>${host}/a</link>
      <pubDate>Mon, 02 Nov 2026 07:00:00 GMT</pubDate>
      <description>Jak można się domyślić większość osób opiniuje się prywatnie. Nie dość, że mało jest specjalistów, to większość z nich nie przyjmuje na NFZ.</description></item>
      <item><guid>b</guid><title>Historia transpłciości</title><link>${host}/b</link>
      <pubDate>Mon, 02 Nov 2026 06:00:00 GMT</pubDate>
      <description>Opinia psychologiczna wraz z diagnozą medyczną jest konieczna, aby móc myśleć o jakiejkolwiek operacji.</description></item>`,
      'Blog',
    );
    const wire = 'https://cars.example.org';
    await watchRssItems(
      deps,
      wire,
      `<item><guid>c</guid><title>Acme car polish is back in stores</title><link>${wire}/c</link>
      <pubDate>Mon, 02 Nov 2026 05:00:00 GMT</pubDate>
      <description>The company said the car polish sold out in a week and that more is on the way.</description></item>`,
    );
  });

  it('reads "polish news" as the Polish sources, and "car polish" as the words it is', async () => {
    const polish = await brief('polish news');
    expect(polish).toContain('in Polish sources');
    expect(titles(polish).sort()).toEqual(['Historia transpłciości', 'Koszty tranzycji medycznej']);
    const car = await brief('what are people saying about car polish');
    expect(titles(car)).toEqual(['Acme car polish is back in stores']);
    expect(car).not.toContain('Polish sources');
  });
});

describe('Danish and Norwegian, once read as English', () => {
  beforeEach(async () => {
    const dk = 'https://avis.example.dk';
    await watchRssItems(
      deps,
      dk,
      `<item><guid>a</guid><title>Operatøren hæver priserne</title><link>${dk}/a</link>
      <pubDate>Mon, 02 Nov 2026 07:00:00 GMT</pubDate>
      <description>Virksomheden meddelte mandag, at priserne stiger med ti procent fra næste måned. Ifølge selskabet skyldes det højere energiomkostninger, og kunderne har ikke fået nogen varsel.</description></item>`,
      'Avisen',
    );
    const no = 'https://avis.example.no';
    await watchRssItems(
      deps,
      no,
      `<item><guid>b</guid><title>Operatøren øker prisene</title><link>${no}/b</link>
      <pubDate>Mon, 02 Nov 2026 06:00:00 GMT</pubDate>
      <description>Selskapet opplyste mandag at prisene øker med ti prosent fra neste måned. Ifølge selskapet skyldes det høyere energikostnader, og kundene har ikke fått noe varsel.</description></item>`,
      'Avisa',
    );
    await watchEnglish();
  });

  it('reads "danish news" and "norwegian press" as the sources in that language', async () => {
    const danish = await brief('danish news');
    expect(danish).toContain('in Danish sources');
    expect(titles(danish)).toEqual(['Operatøren hæver priserne']);
    const norwegian = await brief('what is the norwegian press saying');
    expect(norwegian).toContain('in Norwegian sources');
    expect(titles(norwegian)).toEqual(['Operatøren øker prisene']);
  });

  it('reads both tones, each by its own lexicon, not the English one', async () => {
    const both = await brief('operatøren');
    // Both raise their prices ("hæver priserne", "øker prisene"): bad news for customers.
    expect(both).toContain(':white_circle: 0% · :red_circle: 100% negative');
    expect(both).not.toContain('Tone not read');
    // Their function words are no theme: "og", "ikke", "det", "har", "med" (once "med ti, skyldes det, har").
    expect(both).not.toMatch(/Themes\*\\n[^"]*\b(og|ikke|det|har|med)\b/);
  });
});
