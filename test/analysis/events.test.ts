import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventKindsOf, eventWindowMs, groupEvents } from '../../src/analysis/events.ts';
import { type Event, groupByEvent } from '../../src/briefing/stories.ts';
import { fillDates } from '../../src/console/demo.ts';
import { addFeed, FeedKind } from '../../src/monitor/feeds.ts';
import { euOutageUrls, loadDemoCorpus } from '../briefing/corpus.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { startFeedServer } from '../helpers/feed-server.ts';

/** A feed of test/fixtures/events, its dates filled relative to `now`. */
const fixture = (file: string, now: Date): string =>
  fillDates(readFileSync(new URL(`../fixtures/events/${file}`, import.meta.url), 'utf8'), now);

/**
 * The demo corpus and the fixture feeds given, each added as a news feed in its own bytes, read
 * back as groupEvents reads them (the best ranked first is not needed: newest first).
 */
async function loadCorpus(deps: TestDeps, files: readonly string[]): Promise<Row[]> {
  await loadDemoCorpus(deps);
  const server = await startFeedServer(
    Object.fromEntries(files.map((file) => [`/${file}`, { body: fixture(file, deps.clock.now()) }])),
  );
  try {
    for (const file of files)
      await addFeed(
        { ...deps, http: { ...deps.http, allowPrivate: true } },
        { url: server.url(`/${file}`), kind: FeedKind.News, actorId: 'USEED' },
      );
  } finally {
    await server.close();
  }
  return deps.db.sqlite
    .prepare(
      `SELECT i.url, i.title, i.text, i.published_at AS publishedAt, i.cluster_id AS clusterId,
         f.title AS source
       FROM items i JOIN feeds f ON f.id = i.feed_id ORDER BY i.published_at DESC, i.id`,
    )
    .safeIntegers(false)
    .all() as Row[];
}

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
    // A wire service's feed, in its own bytes: an earlier Acme outage and a Globex one the same morning.
    rows = await loadCorpus(deps, ['helpdesk-wire.xml']);
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

describe('one event told in other languages', () => {
  let deps: TestDeps;
  let rows: Row[];
  let events: Array<Event<Row>>;
  /** The event of the item at `url`. */
  const eventOf = (url: string): Event<Row> => {
    const found = events.find((event) => event.items.some((row) => row.url === url));
    expect(found, url).toBeDefined();
    return found as Event<Row>;
  };
  const urls = (event: Event<Row>): string[] => event.items.map((row) => row.url).sort();

  beforeAll(async () => {
    deps = await createTestDeps({ now: '2026-11-02T09:00:00Z' });
    // The demo's EU outage and price rise told by German, French, Spanish, Dutch and Italian trade
    // press and an English news brief in words of their own, and a layoff at Globex told in four.
    rows = await loadCorpus(deps, [
      'helpdesk-wire.xml',
      'it-ticker-de.xml',
      'journal-saas-fr.xml',
      'diario-nube-es.xml',
      'servicedesk-nieuws-nl.xml',
      'blog-supporto-it.xml',
      'ops-briefs-en.xml',
    ]);
    events = groupByEvent(rows, (row) => ({ ...row, feed: row.source, sourceCount: 1 }));
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it('tells the EU outage as one story in six languages, counted with every source', () => {
    const outage = eventOf(euOutageUrls[0]);
    expect(urls(outage)).toEqual(
      [
        ...euOutageUrls,
        'https://it-ticker.example/meldung/acme-desk-ausfall-frankfurt',
        'https://journal-saas.example/2026/panne-acme-desk-europe',
        'https://diariodelanube.example/noticias/caida-acme-desk-europa',
        'https://servicedesknieuws.example/artikel/storing-acme-desk',
        'https://blogdelsupporto.example/acme-desk-interruzione-europa',
        'https://opsbriefs.example/acme-desk-goes-dark',
        'https://opsbriefs.example/acme-down-for-hours',
      ].sort(),
    );
    // SaaS Ledger, the forum, StackRank, the five European sites and Ops Briefs.
    expect(outage.sources).toBe(9);
  });

  it('tells Acme’s price rise as one story in six languages, apart from its outage', () => {
    // The German title opens with a noun (“Kunden von Acme Desk zahlen…”): German writes every noun
    // with a capital, so whose story it is is told by its name, Acme, not by “Kunden”.
    const rise = eventOf('https://saasledger.example/2026/acme-desk-pricing-usage-tiers');
    expect(urls(rise)).toEqual(
      expect.arrayContaining([
        'https://it-ticker.example/meldung/acme-desk-preiserhoehung',
        'https://journal-saas.example/2026/acme-desk-hausse-des-prix',
        'https://diariodelanube.example/noticias/subida-de-precios-acme-desk',
        'https://servicedesknieuws.example/artikel/prijsverhoging-acme-desk',
        'https://blogdelsupporto.example/acme-desk-aumento-prezzi',
        'https://opsbriefs.example/acme-hikes-list-prices',
      ]),
    );
    expect(
      urls(rise).filter((url) => /outage|ausfall|panne|caida|storing|interruzione|dark/.test(url)),
    ).toEqual([]);
    // SaaS Ledger, the forum, StackRank, the five European sites and Ops Briefs.
    expect(rise.sources).toBe(9);
  });

  it('tells Globex’s layoffs in four languages as one story', () => {
    const layoffs = eventOf('https://opsbriefs.example/globex-trims-headcount');
    expect(urls(layoffs)).toEqual(
      [
        'https://diariodelanube.example/noticias/despidos-globex',
        'https://it-ticker.example/meldung/globex-stellenabbau',
        'https://journal-saas.example/2026/globex-suppressions-postes',
        'https://opsbriefs.example/globex-trims-headcount',
      ].sort(),
    );
    expect(layoffs.sources).toBe(4);
  });

  it('keeps the rules across languages: another company, another week, no name in common', () => {
    // Globex's outage the same morning, told in German, is Globex's story, not Acme's.
    const globex = urls(eventOf('https://it-ticker.example/meldung/globex-assist-stoerung'));
    expect(globex).toContain('https://helpdeskwire.example/2026/globex-assist-outage');
    expect(globex.filter((url) => /acme/.test(url))).toEqual([]);
    // Acme's outage a week earlier, in German, joins that week's English tellings only.
    expect(urls(eventOf('https://it-ticker.example/meldung/acme-desk-us-east-ausfall'))).toEqual(
      [
        'https://helpdeskwire.example/2026/acme-desk-us-east-outage',
        'https://helpdeskwire.example/2026/acme-desk-us-east-outage-reactions',
        'https://it-ticker.example/meldung/acme-desk-us-east-ausfall',
      ].sort(),
    );
    // Tips for when a help desk goes down name no one: a theme, not the EU outage, though German
    // writes every noun with a capital ("Ausfall", "Kunden", "Statusseite").
    expect(urls(eventOf('https://it-ticker.example/ratgeber/helpdesk-ausfall-tipps'))).toEqual([
      'https://it-ticker.example/ratgeber/helpdesk-ausfall-tipps',
    ]);
  });

  it('joins a telling written partly in English, partly in German', () => {
    const german = rows.find((row) => row.url.endsWith('acme-desk-ausfall-frankfurt')) as Row;
    const english = rows.find((row) => row.url === euOutageUrls[0]) as Row;
    const mixed = {
      ...german,
      url: 'https://it-ticker.example/en/acme-desk-outage',
      title: 'Acme Desk outage: Kunden in Frankfurt stundenlang ohne Tickets',
      text: 'Die Störung traf die EU-Region von Acme Desk; the status page said all systems operational.',
      clusterId: null,
    };
    expect(groupEvents([english, mixed, german])).toEqual([0, 0, 0]);
  });

  it('never groups tellings in two languages further apart than the window, nor of two kinds', () => {
    const german = rows.find((row) => row.url.endsWith('acme-desk-ausfall-frankfurt')) as Row;
    const french = rows.find((row) => row.url.endsWith('panne-acme-desk-europe')) as Row;
    expect(groupEvents([german, french])).toEqual([0, 0]);
    expect(groupEvents([german, { ...french, publishedAt: german.publishedAt + eventWindowMs + 1 }])).toEqual(
      [0, 1],
    );
    const rise = rows.find((row) => row.url.endsWith('acme-desk-hausse-des-prix')) as Row;
    expect(groupEvents([german, { ...rise, publishedAt: german.publishedAt }])).toEqual([0, 1]);
  });

  it('reads English phrasings of two words as their kind: “laid off” is people, not an offer', () => {
    const at = Date.parse('2026-11-01T09:00:00Z');
    const item = (title: string, text: string) => ({
      title,
      text,
      publishedAt: at,
      clusterId: null,
      source: null,
    });
    const laidOff = item(
      'Globex laid off 120 sales staff in Toronto and London',
      'Sales teams at Globex in Toronto and London heard on Monday that 120 roles are gone.',
    );
    const trims = item(
      'Globex trims headcount: 120 sales roles cut',
      'The cuts at Globex hit sales teams in Toronto and London.',
    );
    const offer = item(
      'Globex takes 40% off for sales teams in Toronto and London',
      'Globex is taking 40% off the first year for 120 sales teams in Toronto and London.',
    );
    expect(groupEvents([laidOff, trims, offer])).toEqual([0, 0, 2]);
  });
});

describe('one event told in Portuguese, Polish, and in German alone', () => {
  let deps: TestDeps;
  let rows: Row[];
  let events: Array<Event<Row>>;
  const row = (url: string): Row => {
    const found = rows.find((entry) => entry.url.endsWith(url));
    expect(found, url).toBeDefined();
    return found as Row;
  };
  const urlsOf = (url: string): string[] =>
    (events.find((event) => event.items.some((entry) => entry.url.endsWith(url)))?.items ?? [])
      .map((entry) => entry.url)
      .sort();

  beforeAll(async () => {
    deps = await createTestDeps({ now: '2026-11-02T09:00:00Z' });
    rows = await loadCorpus(deps, [
      'helpdesk-wire.xml',
      'journal-saas-fr.xml',
      'nuvem-negocios-pt.xml',
      'chmura-biznes-pl.xml',
      'it-ticker-de.xml',
      'cloud-magazin-de.xml',
    ]);
    events = groupByEvent(rows, (entry) => ({ ...entry, feed: entry.source, sourceCount: 1 }));
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it('tells the EU outage, the price rise and Globex’s layoffs in Portuguese and Polish with the others', () => {
    expect(urlsOf('/panne-acme-desk-europe')).toEqual(
      expect.arrayContaining([
        euOutageUrls[0],
        'https://nuvemnegocios.example/noticias/interrupcao-acme-desk-europa',
        'https://chmurabiznes.example/wiadomosci/awaria-acme-desk-europa',
      ]),
    );
    expect(urlsOf('/acme-desk-hausse-des-prix')).toEqual(
      expect.arrayContaining([
        'https://saasledger.example/2026/acme-desk-pricing-usage-tiers',
        'https://nuvemnegocios.example/noticias/aumento-precos-acme-desk',
        'https://chmurabiznes.example/wiadomosci/podwyzka-cen-acme-desk',
      ]),
    );
    expect(urlsOf('/globex-suppressions-postes')).toEqual(
      [
        'https://chmurabiznes.example/wiadomosci/zwolnienia-globex',
        'https://it-ticker.example/meldung/globex-stellenabbau',
        'https://journal-saas.example/2026/globex-suppressions-postes',
        'https://nuvemnegocios.example/noticias/demissoes-globex',
      ].sort(),
    );
  });

  it('groups two Portuguese, or two Polish, tellings told alone by their kind, not only as near-duplicates', () => {
    const outage = row('/interrupcao-acme-desk-europa');
    const polish = row('/awaria-acme-desk-europa');
    expect(groupEvents([outage, polish])).toEqual([0, 0]);
    // The price rise the same week is another story, in either language.
    expect(
      groupEvents([outage, { ...row('/podwyzka-cen-acme-desk'), publishedAt: outage.publishedAt }]),
    ).toEqual([0, 1]);
  });

  it('groups an event told only in German: its names are read though German writes every noun with a capital', () => {
    const itTicker = row('/acme-desk-ausfall-frankfurt');
    const magazin = row('/stoerung-acme-desk-eu');
    expect(groupEvents([itTicker, magazin])).toEqual([0, 0]);
    expect(groupEvents([row('/acme-desk-preiserhoehung'), row('/acme-desk-teurer')])).toEqual([0, 0]);
    // Globex's outage is Globex's, and tips for when a help desk goes down name no one.
    expect(groupEvents([magazin, row('/globex-assist-stoerung')])).toEqual([0, 1]);
    expect(groupEvents([magazin, row('/helpdesk-ausfall-tipps')])).toEqual([0, 1]);
    // The outage and the price rise of one company the same week are two stories.
    expect(groupEvents([magazin, row('/acme-desk-teurer')])).toEqual([0, 1]);
  });
});

/** A telling published at one hour, in the language it was stored in (null: none told). */
const item = (title: string, text: string, language?: string | null) => ({
  title,
  text,
  publishedAt: Date.parse('2026-11-01T09:00:00Z'),
  clusterId: null,
  source: null,
  language,
});

describe('the language each telling was stored in', () => {
  it('reads a short German headline the guess takes for English in German: one outage, one story', () => {
    // "in", "am", "will": three English words, so the guess reads no "Ausfall" and no outage.
    const headline = 'Acme Desk in Frankfurt: Ausfall am Montag, Support will helfen';
    const report = item(
      'Acme Desk: Stundenlange Störung in Frankfurt',
      'Kunden von Acme Desk hatten am Montag keinen Zugriff auf ihre Tickets, wie das Unternehmen mitteilte.',
      'de',
    );
    expect(groupEvents([report, item(headline, '', 'de')])).toEqual([0, 0]);
    expect(groupEvents([report, item(headline, '', null)])).toEqual([0, 1]);
  });

  it('reads an English headline in English: “storing” is no Dutch outage', () => {
    const outage = item(
      'Acme Desk outage: EU customers without tickets for four hours',
      'Acme Desk customers in Frankfurt could not open tickets from 9:00 to 13:00.',
      'en',
    );
    const residency = 'Acme Desk now storing EU customer tickets in Frankfurt';
    expect(groupEvents([outage, item(residency, '', 'en')])).toEqual([0, 1]);
    // Too short to tell, the guess reads every language's words: Dutch "storing" (outage).
    expect(groupEvents([outage, item(residency, '')])).toEqual([0, 0]);
  });
});

/** The EU outage as the English news tells it, told again in each language below. */
const englishOutage = item(
  'Acme Desk outage leaves European customers without tickets for four hours',
  'Customers of Acme Desk in the EU region could not open tickets for about four hours on Monday.',
  'en',
);

describe('events told in Swedish, Danish, Norwegian and Czech', () => {
  const outage = [
    englishOutage,
    item(
      'Timslångt avbrott hos Acme Desk: kunder i Europa utan ärenden',
      'Kunder till Acme Desk i EU-regionen kunde inte öppna ärenden under fyra timmar i måndags.',
      'sv',
    ),
    item(
      'Nedbrud hos Acme Desk: kunder i Europa uden adgang i fire timer',
      'Kunderne hos Acme Desk i EU-regionen kunne ikke åbne sager i omkring fire timer mandag.',
      'da',
    ),
    item(
      'Driftsforstyrrelse hos Acme Desk: kunder i Europa uten tilgang i fire timer',
      'Kundene til Acme Desk i EU-regionen kunne ikke åpne saker i omtrent fire timer mandag.',
      'no',
    ),
    item(
      'Výpadek Acme Desk: zákazníci v Evropě čtyři hodiny bez přístupu',
      'Zákazníci Acme Desk v regionu EU nemohli v pondělí asi čtyři hodiny otevírat požadavky.',
      'cs',
    ),
  ];
  const priceRise = [
    item(
      'Acme Desk höjer priserna med upp till 18 procent',
      'Acme Desk ersätter priset per licens med tre nivåer.',
      'sv',
    ),
    item(
      'Acme Desk hæver priserne med op til 18 procent',
      'Acme Desk erstatter prisen per licens med tre niveauer.',
      'da',
    ),
    item('Acme Desk zdražuje až o 18 procent', 'Acme Desk nahrazuje cenu za licenci třemi úrovněmi.', 'cs'),
  ];

  it('tells one outage in five languages as one story', () => {
    expect(groupEvents(outage)).toEqual([0, 0, 0, 0, 0]);
  });

  it('tells the same company’s price rise the same day as another story, in each language', () => {
    expect(groupEvents([...outage, ...priceRise])).toEqual([0, 0, 0, 0, 0, 5, 5, 5]);
  });
});

describe('events told in Slovak and Romanian', () => {
  const outage = [
    englishOutage,
    item(
      'Výpadok Acme Desk: zákazníci v Európe štyri hodiny bez prístupu',
      'Zákazníci Acme Desk v regióne EU nemohli v pondelok asi štyri hodiny otvárať požiadavky.',
      'sk',
    ),
    item(
      'Întrerupere la Acme Desk: clienții din Europa fără acces timp de patru ore',
      'Clienții Acme Desk din regiunea UE nu au putut deschide tichete timp de aproximativ patru ore luni.',
      'ro',
    ),
  ];
  const priceRise = [
    item(
      'Acme Desk zvyšuje ceny až o 18 percent',
      'Acme Desk nahrádza cenu za licenciu tromi úrovňami.',
      'sk',
    ),
    item(
      'Acme Desk majorează prețurile cu până la 18 la sută',
      'Acme Desk înlocuiește prețul per licență cu trei niveluri.',
      'ro',
    ),
  ];

  it('tells one outage in three languages as one story', () => {
    expect(groupEvents(outage)).toEqual([0, 0, 0]);
  });

  it('tells the same company’s price rise the same day as another story, in each language', () => {
    expect(groupEvents([...outage, ...priceRise])).toEqual([0, 0, 0, 3, 3]);
  });

  it('reads launches, layoffs, takeovers, leaks and fines in each', () => {
    const kinds = (title: string, language: string) => [...eventKindsOf({ title, text: '', language })];
    expect(kinds('Globex spúšťa Assist, novú funkciu pre zákaznícku podporu', 'sk')).toContain('launch');
    expect(kinds('Globex lansează Assist, o nouă funcție pentru asistență', 'ro')).toContain('launch');
    expect(kinds('Globex prepúšťa 200 zamestnancov', 'sk')).toContain('people');
    expect(kinds('Globex anunță concedieri: 200 de angajați', 'ro')).toContain('people');
    expect(kinds('Acme prevezme Initech za 2 miliardy', 'sk')).toContain('merger');
    expect(kinds('Acme cumpără Initech: achiziție de 2 miliarde', 'ro')).toContain('merger');
    expect(kinds('Únik dát v Acme Desk', 'sk')).toContain('security');
    expect(kinds('Scurgere de date la Acme Desk', 'ro')).toContain('security');
    expect(kinds('Acme dostala pokutu 5 miliónov', 'sk')).toContain('legal');
    expect(kinds('Acme primește o amendă de 5 milioane', 'ro')).toContain('legal');
  });
});

describe('events told in Finnish, Turkish and Russian', () => {
  const outage = [
    englishOutage,
    item(
      'Häiriö Acme Deskissä: asiakkaat Euroopassa neljä tuntia ilman pääsyä',
      'Acme Deskin asiakkaat EU-alueella eivät voineet avata tikettejä noin neljään tuntiin maanantaina.',
      'fi',
    ),
    item(
      'Acme Desk kesinti: Avrupa’daki müşteriler dört saat erişemedi',
      'Acme Desk müşterileri EU bölgesinde pazartesi günü yaklaşık dört saat boyunca talep açamadı.',
      'tr',
    ),
    item(
      'Сбой в Acme Desk: клиенты в Европе четыре часа без доступа',
      'Клиенты Acme Desk в регионе EU в понедельник около четырёх часов не могли открывать заявки.',
      'ru',
    ),
  ];
  const priceRise = [
    item(
      'Acme Desk korottaa hintoja jopa 18 prosenttia',
      'Acme Desk korvaa lisenssin hinnan kolmella tasolla.',
      'fi',
    ),
    item(
      'Acme Desk fiyatlarına yüzde 18’e varan zam',
      'Acme Desk lisans başına fiyatı üç seviyeyle değiştiriyor.',
      'tr',
    ),
    item(
      'Acme Desk повышает цены до 18 процентов',
      'Acme Desk заменяет цену за лицензию тремя уровнями.',
      'ru',
    ),
  ];

  it('tells one outage in four languages as one story', () => {
    expect(groupEvents(outage)).toEqual([0, 0, 0, 0]);
  });

  it('tells the same company’s price rise the same day as another story, in each language', () => {
    expect(groupEvents([...outage, ...priceRise])).toEqual([0, 0, 0, 0, 4, 4, 4]);
  });

  it('reads launches, layoffs, takeovers, leaks and fines in each', () => {
    const kinds = (title: string, language: string) => [...eventKindsOf({ title, text: '', language })];
    expect(kinds('Globex lanseeraa Assistin, uuden asiakastuen toiminnon', 'fi')).toContain('launch');
    expect(kinds('Globex, müşteri desteği için yeni Assist özelliğini tanıttı', 'tr')).toContain('launch');
    expect(kinds('Globex запускает Assist, новую функцию для поддержки', 'ru')).toContain('launch');
    expect(kinds('Globex irtisanoo 200 työntekijää', 'fi')).toContain('people');
    expect(kinds('Globex 200 çalışanı işten çıkarıyor', 'tr')).toContain('people');
    expect(kinds('Globex объявила об увольнении 200 сотрудников', 'ru')).toContain('people');
    expect(kinds('Acme ostaa Initechin 2 miljardilla', 'fi')).toContain('merger');
    expect(kinds('Acme, Initech’i 2 milyara satın alıyor', 'tr')).toContain('merger');
    expect(kinds('Acme покупает Initech за 2 миллиарда', 'ru')).toContain('merger');
    expect(kinds('Tietovuoto Acme Deskissä', 'fi')).toContain('security');
    expect(kinds('Acme Desk’te veri sızıntısı', 'tr')).toContain('security');
    expect(kinds('Утечка данных в Acme Desk', 'ru')).toContain('security');
    expect(kinds('Acme sai 5 miljoonan sakon', 'fi')).toContain('legal');
    expect(kinds('Acme’ye 5 milyon para cezası', 'tr')).toContain('legal');
    expect(kinds('Acme получила штраф в 5 миллионов', 'ru')).toContain('legal');
  });
});

describe('events told in Japanese', () => {
  const outage = [
    englishOutage,
    item(
      'Acme Deskで大規模障害、欧州の顧客が4時間利用できず',
      'EU地域のAcme Deskの顧客は月曜日、約4時間にわたりチケットを開けなかった。',
      'ja',
    ),
  ];
  const priceRise = [
    item('Acme Deskが最大18%の値上げ', 'Acme Deskはライセンス単位の料金を3段階に置き換える。', 'ja'),
  ];

  it('tells one outage in English and Japanese as one story, the same company’s price rise as another', () => {
    expect(groupEvents(outage)).toEqual([0, 0]);
    expect(groupEvents([...outage, ...priceRise])).toEqual([0, 0, 2]);
  });

  it('reads launches, layoffs, takeovers, leaks and fines', () => {
    const kinds = (title: string) => [...eventKindsOf({ title, text: '', language: 'ja' })];
    expect(kinds('GlobexがAssistを発売、サポート向けの新機能')).toContain('launch');
    expect(kinds('Globexが200人の人員削減を発表')).toContain('people');
    expect(kinds('AcmeがInitechを20億ドルで買収')).toContain('merger');
    expect(kinds('Acme Deskで情報漏えい')).toContain('security');
    expect(kinds('Acmeに500万ドルの罰金')).toContain('legal');
  });
});
