import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemDetails } from '../../src/briefing/digest.ts';
import { runCommand } from '../../src/commands/index.ts';
import { digestParentMessage, digestThreadMessages } from '../../src/slack/blocks/digest.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { watchIntlFeed, watchRssItems } from '../helpers/fixtures.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ now: '2026-11-02T09:00:00Z' });
});
afterEach(async () => {
  await deps.cleanup();
});

/** Watches a fixture feed of test/fixtures/feeds/intl, served as its bytes. */
const watch = (file: string): Promise<void> => watchIntlFeed(deps, file);

async function brief(text: string): Promise<string> {
  const reply = await runCommand(deps, { userId: 'UEXEC01', channelId: 'C0CHANNEL', text });
  return JSON.stringify(reply.blocks);
}

/** A Greek wire's story about Société Générale's leak: Greek tone is not read. */
async function watchGreekWire(): Promise<void> {
  const host = 'https://eidiseis.example.gr';
  await watchRssItems(
    deps,
    host,
    `<item><guid>el</guid><title>Société Générale: ανησυχία των πελατών για τη διαρροή δεδομένων</title><link>${host}/diarroi</link>
    <pubDate>Mon, 02 Nov 2026 07:30:00 GMT</pubDate>
    <description>Η τράπεζα επιβεβαίωσε διαρροή δεδομένων που αφορά χιλιάδες πελάτες. Σύμφωνα με την εποπτική αρχή, τα στοιχεία τους κινδυνεύουν.</description></item>`,
    'Ειδήσεις',
  );
}

/** A Finnish wire's story about the same leak: Finnish tone is read. */
async function watchFinnishWire(): Promise<void> {
  const host = 'https://uutiset.example.fi';
  await watchRssItems(
    deps,
    host,
    `<item><guid>fi</guid><title>Société Générale: asiakkaat ovat huolissaan tietovuodosta</title><link>${host}/vuoto</link>
    <pubDate>Mon, 02 Nov 2026 07:30:00 GMT</pubDate>
    <description>Pankki vahvisti tietovuodon, joka koskee tuhansia asiakkaita. Valvojan mukaan heidän tietonsa ovat vaarassa.</description></item>`,
    'Uutiset',
  );
}

/** A Czech wire's story about the same leak: Czech tone is read. */
async function watchCzechWire(): Promise<void> {
  const host = 'https://zpravy.example.cz';
  await watchRssItems(
    deps,
    host,
    `<item><guid>cs</guid><title>Société Générale: klienti mají obavy kvůli úniku dat</title><link>${host}/unik</link>
    <pubDate>Mon, 02 Nov 2026 07:30:00 GMT</pubDate>
    <description>Banka potvrdila únik dat, který se týká tisíců klientů. Podle dozoru jsou jejich údaje v ohrožení.</description></item>`,
    'Zprávy',
  );
}

describe('answers about items in other languages', () => {
  it('reads the tone of German and French items, counting them in the split', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    // "Datenleck bei Société Générale: Kunden sind besorgt", "Société Générale annonce une fuite massive de données".
    const blocks = await brief('complaints about société générale');
    expect(blocks).toContain(':white_circle: 0% · :red_circle: 100% negative');
    expect(blocks).toContain('Negative first: 2 of the 2 mentions');
    expect(blocks).not.toContain('Tone not read');
    // Nestlé: the German staff celebrating an award, the French strike at Vevey.
    const nestle = await brief('nestle');
    expect(nestle).toContain(
      ':large_green_circle: 50% positive · :white_circle: 0% · :red_circle: 50% negative',
    );
  });

  it('reads the tone of a Czech item, counting it in the split', async () => {
    await watchCzechWire();
    const blocks = await brief('complaints about société générale');
    expect(blocks).toContain(':white_circle: 0% · :red_circle: 100% negative');
    expect(blocks).not.toContain('Tone not read');
  });

  it('reads the tone of a Finnish item, counting it in the split', async () => {
    await watchFinnishWire();
    const blocks = await brief('complaints about société générale');
    expect(blocks).toContain(':white_circle: 0% · :red_circle: 100% negative');
    expect(blocks).not.toContain('Tone not read');
  });

  it('never says none reads as negative when none was read, nor counts them neutral', async () => {
    await watchGreekWire();
    const blocks = await brief('complaints about société générale');
    expect(blocks).not.toMatch(/reads as negative/);
    expect(blocks).not.toMatch(/:white_circle: (?:neutral )?\d+%/);
    // Short enough for a phone: the count, and where the list is.
    expect(blocks).toContain(
      'Briefbot reads tone in English and 17 other languages (`/brief help languages` lists them), and none of the 1 mention is in one of them',
    );
    expect(blocks).toContain(
      'Tone not read for 1 of the 1 mention, in Greek (Briefbot reads tone in English and 17 other languages (`/brief help languages` lists them))',
    );
    expect(blocks).not.toContain('Czech, Slovak');
    // The list pointed to is there.
    expect(await brief('help languages')).toContain(
      'Tone is read in English, German, French, Spanish, Italian, Dutch, Portuguese, Polish, Swedish, Danish, Norwegian, Czech, Slovak, Romanian, Finnish, Turkish, Russian and Japanese',
    );
    expect(blocks).toContain(':globe_with_meridians: tone not read · Ειδήσεις · EL (_news_)');
  });

  it('names the languages whose tone was not read, and counts the rest', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    await watchGreekWire();
    const blocks = await brief('société générale');
    expect(blocks).toContain(':white_circle: 0% · :red_circle: 100% negative');
    expect(blocks).toContain('Tone not read for 1 of the 3 mentions, in Greek (');
    const counted = await runCommand(deps, {
      userId: 'UEXEC01',
      channelId: 'C0CHANNEL',
      text: 'how many are negative',
    });
    expect(JSON.stringify(counted.blocks)).toContain('tone not read for 1 (in Greek)');
  });

  it('counts the English mentions’ tone with the German ones', async () => {
    await watch('de.xml');
    const host = 'https://wire.example.org';
    await watchRssItems(
      deps,
      host,
      `<item><guid>a</guid><title>Zürich Versicherung praised for excellent service</title><link>${host}/a</link>
      <pubDate>Mon, 02 Nov 2026 07:00:00 GMT</pubDate>
      <description>Customers say the insurer is great and the new app is a delight to use.</description></item>`,
    );
    const blocks = await brief('zurich');
    // The English praise, the German customers' praise and the German "großer Erfolg" of a big order.
    expect(blocks).toContain(
      ':large_green_circle: 100% positive · :white_circle: 0% · :red_circle: 0% negative',
    );
    expect(blocks).not.toContain('Tone not read');
    const praise = await brief('any good news about zurich');
    expect(praise).toContain('Positive first: 3 of the 3 mentions');
  });
});

describe('digests with items in other languages', () => {
  it('count the German and French items’ tone, and say apart only those in a language not read', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    await watchGreekWire();
    const ids = deps.db.sqlite.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    const items = itemDetails(
      deps.db.sqlite,
      ids.map((id) => ({ id: Number(id), score: 1, otherSources: 0, topics: [] })),
    );
    const parent = digestParentMessage(
      { title: 'Digest', since: new Date('2026-11-01T09:00:00Z'), timeZone: 'UTC', previousCount: null },
      items,
    );
    const text = JSON.stringify(parent.blocks);
    // German: the award and the big order praised, the leak negative; French: the leak and the strike.
    expect(text).toContain(':red_circle: 3 negative · :large_green_circle: 3 positive');
    expect(text).toContain('Tone not read for 1 of the 7 items, in Greek (');
  });
});

describe('the language of a source', () => {
  it('is tagged in answers and digests when it is not English', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    const blocks = await brief('société générale');
    expect(blocks).toContain('Wirtschaftsblatt · DE (_news_)');
    expect(blocks).toContain('Le Quotidien Économique · FR (_news_)');
    const ids = deps.db.sqlite.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    const items = itemDetails(
      deps.db.sqlite,
      ids.map((id) => ({ id: Number(id), score: 1, otherSources: 0, topics: [] })),
    );
    const thread = JSON.stringify(
      digestThreadMessages('C0NEWS', items, new Date('2026-11-02T09:00:00Z')).map(
        ({ message }) => message.blocks,
      ),
    );
    expect(thread).toContain('_Wirtschaftsblatt · DE · ');
    expect(thread).toContain('_Le Quotidien Économique · FR · ');
  });
});

describe('the tone towards a subject a German story names in passing', () => {
  it('is read in German: Globex customers angry in an Acme story are a complaint about Globex', async () => {
    const host = 'https://cloud-magazin.example';
    await watchRssItems(
      deps,
      host,
      `<item><guid>de-1</guid><title>Acme Desk: Kunden verärgert über stundenlange Störung</title><link>${host}/acme</link>
      <pubDate>Mon, 02 Nov 2026 07:00:00 GMT</pubDate>
      <description>Die Störung traf viele Kunden in der EU. Auch Kunden von Globex sind verärgert über Ausfälle und kritisieren den schlechten Service.</description></item>`,
      'Cloud-Magazin',
    );
    const blocks = await brief('complaints about globex');
    // Read as English, the sentence naming Globex has no tone ("none … is negative about globex itself").
    expect(blocks).toContain('Negative first: 1 of the 1 mention');
    expect(blocks).not.toContain('about globex itself');
  });
});
