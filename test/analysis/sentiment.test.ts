import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/analysis/language.ts';
import { reviewRating, SentimentLabel, scoreSentiment } from '../../src/analysis/sentiment.ts';
import { decodeBody } from '../../src/monitor/charset.ts';
import { parseFeed } from '../../src/monitor/parse.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

/** The label of a headline read alone, without a body. */
function labelOf(title: string): string {
  return scoreSentiment(title, '').label;
}

describe('scoreSentiment', () => {
  it.each([
    [
      'Acme wins Best Workplace award as customers praise new app',
      'Reviewers called the redesign excellent and said they love how easy it is to use.',
    ],
    [
      'Amazing launch thrills happy fans',
      'Early users describe the new phone as brilliant and a great step forward.',
    ],
  ])('calls "%s" positive', (title, text) => {
    const result = scoreSentiment(title, text);
    expect(result.label).toBe(SentimentLabel.Positive);
    expect(result.score).toBeGreaterThanOrEqual(0.3);
  });

  it.each([
    [
      'Acme shares plunge after data breach exposes customer records',
      'Angry customers filed lawsuits and regulators warned of fines after the hack, a serious failure.',
    ],
    ['Catastrophic outage leaves furious users without service', 'Customers called it a disaster.'],
  ])('calls "%s" negative', (title, text) => {
    const result = scoreSentiment(title, text);
    expect(result.label).toBe(SentimentLabel.Negative);
    expect(result.score).toBeLessThanOrEqual(-0.3);
  });

  it.each([
    [
      'Acme to hold annual shareholder meeting on May 12',
      'The meeting will take place at the company headquarters in Denver. Shareholders of record as of April 1 may vote.',
    ],
    [
      'Acme appoints Jane Smith as chief financial officer',
      'Smith joins from Globex, where she led the finance team. She will report to the chief executive.',
    ],
    ['Acme releases version 4.2 of its billing software', 'The release includes changes to invoice exports.'],
  ])('calls the corporate announcement "%s" neutral', (title, text) => {
    expect(scoreSentiment(title, text)).toEqual({ label: SentimentLabel.Neutral, score: 0 });
  });

  it('reads "not good" as not positive', () => {
    expect(labelOf('Reviewers say the new dashboard is good')).toBe(SentimentLabel.Positive);
    const negated = scoreSentiment('Reviewers say the new dashboard is not good', '');
    expect(negated.label).not.toBe(SentimentLabel.Positive);
    expect(negated.score).toBeLessThan(0);
  });

  it('reads "not bad at all" as not negative, in the title or the text', () => {
    expect(labelOf('The update is bad')).toBe(SentimentLabel.Negative);
    expect(labelOf('The update is not bad at all')).not.toBe(SentimentLabel.Negative);
    expect(scoreSentiment('Acme ships an update', 'The update is not bad at all.').label).not.toBe(
      SentimentLabel.Negative,
    );
  });

  it('weighs the headline above the same words in the text', () => {
    const inTitle = scoreSentiment('Customers love the new app', '');
    const inText = scoreSentiment('', 'Customers love the new app');
    expect(inTitle.score).toBeGreaterThan(inText.score);
    expect(inText.score).toBeGreaterThan(0);
  });

  it('judges the tone from the start of a long article, not its far end', () => {
    const filler = 'The company reported quarterly results to investors on Tuesday. '.repeat(10);
    const result = scoreSentiment(
      'Acme reports quarterly results',
      `${filler}It was a terrible, awful disaster.`,
    );
    expect(result).toEqual({ label: SentimentLabel.Neutral, score: 0 });
    const early = scoreSentiment(
      'Acme reports quarterly results',
      `It was a terrible, awful disaster. ${filler}`,
    );
    expect(early.label).toBe(SentimentLabel.Negative);
  });

  it('judges a review that gives its score mostly by that score', () => {
    // Praise words, a middling score: mixed, not positive.
    expect(
      scoreSentiment('Acme Desk review: "Solid ticketing, but the new pricing stings" (3/5 stars)', ''),
    ).toMatchObject({
      label: 'neutral',
    });
    // Calm words, a bad score: negative.
    expect(
      scoreSentiment('Review of Acme Desk', 'Rating: 2 out of 5. The renewal quote came in higher.').label,
    ).toBe('negative');
    expect(scoreSentiment('Globex Assist review', '★★★★★ Closes tickets on its own.').label).toBe('positive');
    expect(scoreSentiment('Acme Desk', 'Rated 1/5, the worst release yet').score).toBeLessThan(-0.7);
  });

  it('reads a review score only where one is given', () => {
    expect(reviewRating('Acme Desk review (4/5 stars)', '')).toBeCloseTo(0.5);
    expect(reviewRating('Rated 8/10', '')).toBeCloseTo(0.5);
    expect(reviewRating('"Great tool" — 4.5 out of 5 stars', '')).toBeCloseTo(0.75);
    expect(reviewRating('★★☆☆☆ too slow', '')).toBeCloseTo(-0.5);
    // Fractions that are not scores.
    expect(reviewRating('3/5 of support teams plan to switch', '')).toBeNull();
    expect(reviewRating('Acme stock up 4 out of 5 days this week', '')).toBeNull();
    expect(reviewRating('Rated 7/5 stars', '')).toBeNull();
  });

  it('keeps the score within -1..1 however loaded the text', () => {
    const glowing = 'Amazing, wonderful, fantastic, brilliant, superb, excellent, outstanding. '.repeat(10);
    const furious = 'Terrible, awful, horrible, catastrophic, disgusting, hateful disaster. '.repeat(10);
    const cases = [
      scoreSentiment(glowing, glowing),
      scoreSentiment(furious, furious),
      scoreSentiment('', ''),
      scoreSentiment('Good', ''),
    ];
    for (const { score } of cases) {
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(cases[0]?.score).toBeGreaterThan(0.99);
    expect(cases[1]?.score).toBeLessThan(-0.99);
    expect(cases[2]).toEqual({ label: SentimentLabel.Neutral, score: 0 });
  });
});

describe('negation as publishers write it', () => {
  it.each([
    'The update isn’t good',
    'Customers don’t like the update',
    'The release was not very good',
    'Support was never good',
  ])('reads "%s" as negative', (title) => {
    expect(labelOf(title)).toBe('negative');
  });
});

describe('sentiment of market and product news', () => {
  // 184 sentences of the kind the feeds carry, each labelled by hand. AFINN alone reads 66% right.
  const labelled = JSON.parse(
    readFileSync(new URL('../fixtures/sentiment/b2b.json', import.meta.url), 'utf8'),
  ) as Array<{ text: string; label: SentimentLabel }>;

  it('reads at least 90% of a labelled set right', () => {
    const right = labelled.filter((entry) => scoreSentiment(entry.text, '').label === entry.label);
    expect(labelled).toHaveLength(184);
    expect(right.length / labelled.length).toBeGreaterThanOrEqual(0.9);
  });

  it('judges a review mostly by the stars its feed gives in a field of its own', () => {
    expect(scoreSentiment('Great until the update', 'Love the macros.', -1).label).toBe('negative');
    expect(scoreSentiment('Great until the update', 'Love the macros.').label).toBe('positive');
  });

  it('reads the words of the trade', () => {
    expect(labelOf('Support tickets pile up after the update')).not.toBe('positive');
    expect(labelOf('Shares plunge after weak guidance')).toBe('negative');
    expect(labelOf('Hours of downtime and constant glitches')).toBe('negative');
    expect(labelOf('Customers describe the onboarding as painless')).toBe('positive');
    expect(labelOf('The app crashes and leaks memory')).toBe('negative');
    expect(labelOf('Globex migration offer: read the fine print')).not.toBe('positive');
  });

  it('reads trouble dealt with as good news, unless it was not dealt with', () => {
    expect(labelOf('Acme fixed the bugs that plagued the mobile app')).toBe('positive');
    expect(labelOf('Globex patched the security flaw within hours')).toBe('positive');
    expect(labelOf('Initech still hasn’t fixed the sync errors')).toBe('negative');
    expect(labelOf('Hooli failed to fix the billing glitch')).toBe('negative');
    // The remedy ends with its sentence.
    expect(labelOf('We fixed it. Bugs plague the new release')).toBe('negative');
  });

  it('reads company events that several words tell', () => {
    for (const title of [
      'Acme lays off 10% of staff',
      'Globex cuts 200 jobs',
      'Initech lowers its full-year guidance',
      'Hooli faces class action over billing',
      'Vandelay stock slides as growth slows',
      'Regulators probe Acme pricing',
    ])
      expect(labelOf(title), title).toBe('negative');
    for (const title of [
      'Acme raises full-year guidance',
      'Initech raises $50M Series C',
      'Acme posts record quarterly revenue',
      'Umbrella named a Leader in the Magic Quadrant',
      'Customers flock to Globex',
    ])
      expect(labelOf(title), title).toBe('positive');
    // What customers pay going up is bad news for them; "increase" alone is not.
    expect(labelOf('Acme raises prices for small teams')).toBe('negative');
    expect(labelOf('Acme raises Acme Desk prices by up to 18%')).toBe('negative');
    expect(labelOf('Prices went up again')).toBe('negative');
    expect(labelOf('We increase uptime to 99.99%')).toBe('neutral');
    expect(labelOf('New dashboard cuts response times in half')).not.toBe('negative');
  });

  it('reads a forum post asking for help by its problem, not its courtesy', () => {
    expect(labelOf('Anyone else having sync issues with Acme? Please help, thanks in advance')).toBe(
      'negative',
    );
    expect(labelOf('Can someone help me set up SSO with Acme? Thanks')).toBe('neutral');
    expect(labelOf('Renewal quote went up 30% lol')).toBe('negative');
    expect(labelOf('The new assistant helps agents close tickets faster')).toBe('positive');
  });

  it('weighs what follows "but" over what comes before it', () => {
    expect(labelOf('Globex says it fixed the outage, but customers still report errors')).toBe('negative');
    expect(labelOf('Pricing is awful, but the product is great')).toBe('positive');
    expect(labelOf('The account team is great, but the product is a disaster')).toBe('negative');
  });

  it('reads "no" and "without" as denials, except of a surprise', () => {
    expect(labelOf('Six months with no downtime')).toBe('positive');
    expect(labelOf('Security audit finds no critical issues')).toBe('positive');
    expect(labelOf('Shipped without delay')).toBe('positive');
    expect(labelOf('No good options for small teams')).toBe('negative');
    expect(labelOf('Tried for weeks without success')).toBe('negative');
    expect(labelOf('Prices went up with no warning')).toBe('negative');
    expect(
      scoreSentiment(
        'Transparent pricing',
        'No "contact sales" for a price: every plan is on our pricing page, and renewals never rise more than 5% a year.',
      ).label,
    ).not.toBe('negative');
  });
});

type Labelled = { language: string; text: string; label: SentimentLabel; misread?: SentimentLabel };
/** A labelled set of test/fixtures/sentiment. */
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/sentiment/${file}`, import.meta.url), 'utf8')) as Labelled[];

/** The praise read as positive, and the same words negated as negative. */
function expectTurned(language: string, praise: string, negated: string): void {
  expect(scoreSentiment(praise, '', null, language).label).toBe(SentimentLabel.Positive);
  expect(scoreSentiment(negated, '', null, language).label).toBe(SentimentLabel.Negative);
}

/** Each of `languages` has `count` labelled entries, each label among them. */
function holdsEachLanguage(entries: Labelled[], languages: string[], count: number): void {
  it(`holds each language to ${count} labelled headlines and posts, each label among them`, () => {
    for (const language of languages) {
      const labels = entries.filter((entry) => entry.language === language).map((entry) => entry.label);
      expect(labels).toHaveLength(count);
      expect(new Set(labels)).toEqual(new Set(['positive', 'neutral', 'negative']));
    }
  });
}

/** Each labelled headline read as labelled (or as it is known to be misread). */
function readsEachAsLabelled(entries: Labelled[]): void {
  it.each(entries.map((entry) => [entry.language, entry.text, entry.misread ?? entry.label]))(
    '%s: reads "%s" as %s',
    (language, text, expected) => {
      expect(scoreSentiment(text, '', null, language).label).toBe(expected);
    },
  );
}

describe('sentiment in German, French, Spanish, Italian, Dutch, Portuguese and Polish', () => {
  // 22 headlines per language the overlays were written with in view, and 10 per language written
  // after them and read once before their misses were mended (47 of 60 right then; Polish, 6 of 10
  // with the published list alone, 8 with the overlay, its two misses left as they are).
  const tuned = read('european.json');
  const heldOut = read('european-heldout.json');

  readsEachAsLabelled([...tuned, ...heldOut]);

  it('reads all but four of the 229 labelled headlines right, and holds each language to 20 labelled', () => {
    const all = [...tuned, ...heldOut];
    expect(all.filter((entry) => entry.misread === undefined)).toHaveLength(225);
    for (const language of ['de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'])
      expect(all.filter((entry) => entry.language === language).length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ['de', 'Der neue Service ist gut', 'Der neue Service ist nicht gut'],
    ['fr', 'Le nouveau service est bon', "Le nouveau service n'est pas bon"],
    ['es', 'El nuevo servicio es bueno', 'El nuevo servicio no es bueno'],
    ['it', 'Il nuovo servizio è buono', 'Il nuovo servizio non è buono'],
    ['nl', 'De nieuwe service is goed', 'De nieuwe service is niet goed'],
    ['pt', 'O novo serviço é bom', 'O novo serviço não é bom'],
    ['pl', 'Nowa usługa jest dobra', 'Nowa usługa nie jest dobra'],
  ])('%s: turns "%s" by its negator', (language, praise, negated) => {
    expectTurned(language, praise, negated);
  });

  it.each([
    ['Das neue Design gefällt mir nicht', 'Das neue Design gefällt mir'],
    ['Der Support hilft uns nicht', 'Der Support hilft uns schnell'],
    ['Die Premium-Version lohnt sich nicht', 'Die Premium-Version lohnt sich'],
    ['Die App funktioniert seit dem Update nicht mehr', 'Die App funktioniert seit dem Update'],
  ])('de: turns the verb a "nicht" closing the sentence negates: "%s"', (negated, praise) => {
    expectTurned('de', praise, negated);
  });

  it('de: a closing "nicht" turns the verb, not the noun before it, nor the clause after it', () => {
    // "Preiserhöhung" (a noun, with its capital) stays bad news: the customer dislikes it.
    expect(scoreSentiment('Die Preiserhöhung gefällt mir nicht', '', null, 'de').label).toBe('negative');
    expect(
      scoreSentiment('Das Design gefällt mir nicht, der Support ist hervorragend', '', null, 'de').label,
    ).toBe('positive');
  });

  it('reads a litotes as praise: "nicht schlecht", "pas mauvais du tout", "no está nada mal"', () => {
    expect(scoreSentiment('Das Update ist schlecht', '', null, 'de').label).toBe('negative');
    expect(scoreSentiment('Das Update ist nicht schlecht', '', null, 'de').label).toBe('positive');
    expect(scoreSentiment("La mise à jour n'est pas mauvaise du tout", '', null, 'fr').label).toBe(
      'positive',
    );
    expect(scoreSentiment('No está nada mal', '', null, 'es').label).toBe('positive');
  });

  it('reads German words as German, never by the English lexicon: "Gift" is poison, "Bad Homburg" a town', () => {
    expect(scoreSentiment('Gift in Trinkwasser gefunden: Behörden warnen', '', null, 'de').label).toBe(
      'negative',
    );
    expect(scoreSentiment('Gift in Trinkwasser gefunden: Behörden warnen', '').label).not.toBe('negative');
  });

  it('corrects the translated lexicon’s mistakes: "teuer" is expensive, French "prix" a price', () => {
    expect(scoreSentiment('Die neue Version ist teuer', '', null, 'de').label).not.toBe('positive');
    expect(scoreSentiment('Les prix du service', '', null, 'fr').label).toBe('neutral');
  });

  it.each([
    ['de', 'Acme streicht 500 Stellen'],
    ['fr', 'Acme annonce une hausse des prix'],
    ['es', 'Acme anuncia una subida de precios'],
    ['it', 'Acme annuncia un aumento dei prezzi'],
    ['nl', 'Acme schrapt 500 banen'],
    ['pt', 'Acme anuncia aumento de preços'],
    ['pl', 'Acme ogłasza podwyżkę cen'],
  ])('%s: reads the trade’s bad news in "%s"', (language, headline) => {
    expect(scoreSentiment(headline, '', null, language).label).toBe(SentimentLabel.Negative);
  });

  it('reads the language’s "but": what follows it is what the writer means', () => {
    expect(
      scoreSentiment('Der Service ist gut, aber die Software ist eine Katastrophe', '', null, 'de').label,
    ).toBe('negative');
    expect(scoreSentiment('Le prix est élevé, mais le produit est excellent', '', null, 'fr').label).toBe(
      'positive',
    );
  });

  it('reads any other language (or none) as English, as before', () => {
    expect(scoreSentiment('Customers love the new app', '', null, 'en')).toEqual(
      scoreSentiment('Customers love the new app', ''),
    );
  });
});

describe('sentiment in Swedish, Danish, Norwegian, Czech, Slovak and Romanian', () => {
  // 20 headlines per language written before the overlays (the published lists alone read 108 of
  // the 120 right), and 10 per language written after them and read once before their misses
  // were mended (56 of 60 right then; 51 with the lists alone), then 2 customers' posts per
  // language (11 of 12 right when first read: Slovak "podpora", the support desk, was praise).
  const tuned = read('nordic-central.json');
  const heldOut = read('nordic-central-heldout.json');

  readsEachAsLabelled([...tuned, ...heldOut]);

  holdsEachLanguage([...tuned, ...heldOut], ['sv', 'da', 'no', 'cs', 'sk', 'ro'], 32);

  it.each([
    ['sv', 'Den nya tjänsten är bra', 'Den nya tjänsten är inte bra'],
    ['da', 'Den nye service er god', 'Den nye service er ikke god'],
    ['no', 'Den nye tjenesten er god', 'Den nye tjenesten er ikke god'],
    ['cs', 'Nová služba je dobrá', 'Nová služba není dobrá'],
    ['sk', 'Nová služba je dobrá', 'Nová služba nie je dobrá'],
    ['ro', 'Noul serviciu este bun', 'Noul serviciu nu este bun'],
  ])('%s: turns "%s" by its negator', (language, praise, negated) => {
    expectTurned(language, praise, negated);
  });

  it.each([
    ['sv', 'Supporten hjälper oss', 'Supporten hjälper oss inte'],
    ['da', 'Appen virker', 'Appen virker ikke'],
    ['no', 'Jeg anbefaler tjenesten', 'Jeg anbefaler ikke tjenesten'],
  ])('%s: turns the verb before "inte"/"ikke": "%s"', (language, praise, negated) => {
    expectTurned(language, praise, negated);
  });

  it('reads a Czech or Slovak "ne-" as the negation of the word it starts', () => {
    expect(scoreSentiment('Aplikace funguje', '', null, 'cs').label).toBe('positive');
    expect(scoreSentiment('Aplikace nefunguje', '', null, 'cs').label).toBe('negative');
    expect(scoreSentiment('Zákazníci sú nespokojní', '', null, 'sk').label).toBe('negative');
  });

  it('reads Romanian written with a cedilla as with a comma ("mulţumiţi", "mulțumiți")', () => {
    expect(scoreSentiment('Clienţii sunt mulţumiţi', '', null, 'ro')).toEqual(
      scoreSentiment('Clienții sunt mulțumiți', '', null, 'ro'),
    );
    expect(scoreSentiment('Clienţii sunt mulţumiţi', '', null, 'ro').label).toBe('positive');
  });

  it('corrects the translated lexicons: a price, shares and "as" are no praise, "dear" is expensive', () => {
    expect(scoreSentiment('Priset på aktien', '', null, 'sv').label).toBe('neutral');
    expect(scoreSentiment('Cena akcie', '', null, 'cs').label).toBe('neutral');
    expect(scoreSentiment('Ako funguje cena', '', null, 'sk').label).not.toBe('negative');
    expect(scoreSentiment('Abonamentul este scump', '', null, 'ro').label).not.toBe('positive');
  });

  it.each([
    ['sv', 'Acme varslar 500 anställda efter prishöjningen'],
    ['da', 'Datalæk hos Acme efter nedbrud'],
    ['no', 'Acme kutter 500 stillinger'],
    ['cs', 'Acme propustí 500 zaměstnanců'],
    ['sk', 'Výpadok a zdraženie služieb Acme'],
    ['ro', 'Acme este dată în judecată pentru scurgerea de date'],
  ])('%s: reads the trade’s bad news in "%s"', (language, headline) => {
    expect(scoreSentiment(headline, '', null, language).label).toBe(SentimentLabel.Negative);
  });

  it('reads an acquisition or a launch as neither good nor bad news', () => {
    expect(scoreSentiment('Acme köper det svenska bolaget Nordsoft', '', null, 'sv').label).toBe('neutral');
    expect(scoreSentiment('Acme lancerer en ny version af sin app', '', null, 'da').label).toBe('neutral');
  });
});

describe('sentiment in Finnish, Turkish and Russian', () => {
  // 20 headlines per language written before the overlays (the published lists, with each
  // language's negators and stems, read 44 of the 60 right), and 10 per language written after
  // them and read once before their misses were mended (28 of 30 right then: Finnish
  // "muutosneuvottelut", layoff talks, and "helmikuussa", in February, read as a pearl), then 2
  // customers' posts per language (all 6 right when first read).
  const tuned = read('finnish-turkish-russian.json');
  const heldOut = read('finnish-turkish-russian-heldout.json');

  readsEachAsLabelled([...tuned, ...heldOut]);

  holdsEachLanguage([...tuned, ...heldOut], ['fi', 'tr', 'ru'], 32);

  it.each([
    ['fi', 'Uusi palvelu on hyvä', 'Uusi palvelu ei ole hyvä'],
    ['fi', 'Sovellus toimii', 'Sovellus ei toimi'],
    ['fi', 'Suosittelen palvelua', 'En suosittele palvelua'],
    ['tr', 'Yeni hizmet iyi', 'Yeni hizmet iyi değil'],
    ['tr', 'Hizmeti beğendim', 'Hizmeti beğenmedim'],
    ['ru', 'Приложение работает', 'Приложение не работает'],
    ['ru', 'Клиенты довольны', 'Клиенты недовольны'],
  ])('%s: turns "%s" by its negator', (language, praise, negated) => {
    expectTurned(language, praise, negated);
  });

  it('reads the word a Turkish "-suz" or "yok" denies as good news: "sorunsuz", "sorun yok"', () => {
    expect(scoreSentiment('Kurulumda sorun var', '', null, 'tr').label).toBe('negative');
    expect(scoreSentiment('Kurulum sorunsuz', '', null, 'tr').label).toBe('positive');
    expect(scoreSentiment('Kurulumda sorun yok', '', null, 'tr').label).toBe('positive');
  });

  it('reads inflected forms by their stems: "tyytyväisiä", "eleştiriyor", "довольны"', () => {
    expect(scoreSentiment('Käyttäjät ovat tyytyväisiä', '', null, 'fi').label).toBe('positive');
    expect(scoreSentiment('Müşteriler eleştiriyor', '', null, 'tr').label).toBe('negative');
    expect(scoreSentiment('Пользователи довольны', '', null, 'ru').label).toBe('positive');
  });

  it('corrects the translated lexicons: a win, the new, shares and support are no bad news nor praise', () => {
    expect(scoreSentiment('Wolt voittaa palkinnon', '', null, 'fi').label).toBe('positive');
    expect(scoreSentiment('Şirket yeni bir ofis açıyor', '', null, 'tr').label).toBe('neutral');
    expect(scoreSentiment('Акции и поддержка', '', null, 'ru').label).toBe('neutral');
  });

  it.each([
    ['fi', 'Acme irtisanoo 500 työntekijää hinnankorotuksen jälkeen'],
    ['tr', 'Acme fiyat artışı sonrası 500 kişiyi işten çıkarıyor'],
    ['ru', 'Многочасовой сбой вывел из строя сервисы Acme'],
    ['ru', 'Цены на подписку выросли'],
  ])('%s: reads the trade’s bad news in "%s"', (language, headline) => {
    expect(scoreSentiment(headline, '', null, language).label).toBe(SentimentLabel.Negative);
  });

  // Written after both sets; 3 of the 6 read with a tone before "Büyükşehir" (metropolitan, "büyük"
  // big), "avoin" (open), "согласно" (according to) and demand ("kysyntä", "talep", "спрос") were made neutral.
  it.each([
    [
      'fi',
      'Kaupunginvaltuusto käsittelee ensi vuoden talousarviota',
      'Helsingin kaupunginvaltuusto kokoontuu keskiviikkona käsittelemään ensi vuoden talousarviota. Esityksen mukaan kaupunki investoi kouluihin ja joukkoliikenteeseen noin 900 miljoonaa euroa. Päätös tehdään joulukuun puolivälissä, ja kokous on kaikille avoin.',
    ],
    [
      'fi',
      'Yhtiö tiedottaa osavuosikatsauksesta',
      'Yhtiön liikevaihto oli kolmannella neljänneksellä 1,2 miljardia euroa. Toimitusjohtajan mukaan kysyntä pysyi ennallaan Euroopassa ja Aasiassa. Yhtiö julkaisee koko vuoden tuloksensa helmikuussa, ja analyytikot odottavat lukuja tarkasti.',
    ],
    [
      'tr',
      'Belediye meclisi gelecek yılın bütçesini görüşecek',
      'İstanbul Büyükşehir Belediye Meclisi çarşamba günü toplanarak gelecek yılın bütçesini görüşecek. Teklife göre belediye okullara ve toplu taşımaya yaklaşık 900 milyon lira yatırım yapacak. Karar aralık ayının ortasında verilecek ve toplantı herkese açık olacak.',
    ],
    [
      'tr',
      'Şirket üçüncü çeyrek sonuçlarını açıkladı',
      'Şirketin üçüncü çeyrekteki geliri 1,2 milyar lira oldu. Genel müdüre göre Avrupa ve Asya’daki talep aynı seviyede kaldı. Şirket yıllık sonuçlarını şubat ayında açıklayacak ve analistler rakamları yakından takip ediyor.',
    ],
    [
      'ru',
      'Городская дума обсудит бюджет на следующий год',
      'Городская дума Москвы соберётся в среду, чтобы обсудить бюджет на следующий год. Согласно проекту, город вложит в школы и общественный транспорт около 900 миллионов рублей. Решение будет принято в середине декабря, заседание открыто для всех.',
    ],
    [
      'ru',
      'Компания опубликовала отчёт за третий квартал',
      'Выручка компании в третьем квартале составила 1,2 миллиарда рублей. По словам генерального директора, спрос в Европе и Азии остался на прежнем уровне. Годовые результаты компания опубликует в феврале, аналитики внимательно следят за цифрами.',
    ],
  ])('%s: reads a plain news paragraph as neutral: "%s"', (language, title, text) => {
    expect(scoreSentiment(title, text, null, language).label).toBe(SentimentLabel.Neutral);
  });

  it('reads a real Russian regional news feed: heroin and a beating are bad news, free legal help no praise', async () => {
    // Once "героин" (heroin) read as a hero, "избили" (beat up) had no tone, "помощью" (help) was praise.
    const feed = await parseFeed(
      decodeBody(sharedFeed('node-feedparser/iconv.xml')),
      'https://example.org/feed',
    );
    const tone = (start: string) => {
      const item = feed.items.find((each) => each.title.startsWith(start));
      if (!item) throw new Error(`no item "${start}"`);
      expect(detectLanguage(item.title, item.text)).toBe('ru');
      return scoreSentiment(item.title, item.text, null, 'ru').label;
    };
    expect(tone('Два оренбуржца перевозили героин')).toBe('negative');
    expect(tone('ЧОПовцы в Оренбурге избили')).toBe('negative');
    expect(tone('За бесплатной юридической помощью')).toBe('neutral');
    expect(tone('Субсидии на оплату услуг ЖКХ')).toBe('neutral');
  });

  it('reads the language’s "but": what follows it is what the writer means', () => {
    expect(scoreSentiment('Palvelu on hyvä, mutta hinta on aivan liian kallis', '', null, 'fi').label).toBe(
      'negative',
    );
    expect(scoreSentiment('Hizmet iyi ama fiyat artışı çok sert', '', null, 'tr').label).toBe('negative');
  });
});

describe('sentiment in Japanese', () => {
  // 20 headlines written before the overlay (the published list, split into words by
  // Intl.Segmenter with "ない" turning the word before it, read 15 right), and 10 written after
  // it and read once before its miss was mended (9 right: "助かりました", it helped us), then 2
  // customers' posts (both right when first read).
  const tuned = read('japanese.json');
  const heldOut = read('japanese-heldout.json');

  readsEachAsLabelled([...tuned, ...heldOut]);

  holdsEachLanguage([...tuned, ...heldOut], ['ja'], 32);

  it.each([
    ['新しいサービスは良い', '新しいサービスは良くない'],
    ['顧客は満足している', '顧客は満足していない'],
  ])('turns "%s" by the "ない" after it', (praise, negated) => {
    expectTurned('ja', praise, negated);
  });

  it('reads "問題なく" (without problems) as good news, and an app that "動かない" as bad', () => {
    expect(scoreSentiment('アプリは問題なく動作する', '', null, 'ja').label).toBe('positive');
    expect(scoreSentiment('アプリが動かない', '', null, 'ja').label).toBe('negative');
  });

  it('reads "…が、" as "but": what follows it is what the writer means', () => {
    expect(scoreSentiment('サービスは良いが、値上げは大きすぎる', '', null, 'ja').label).toBe('negative');
  });

  it('reads a plain news paragraph as neutral, and the feeds’ complaint as negative', () => {
    expect(
      scoreSentiment(
        '同社が第3四半期決算を発表',
        '同社の第3四半期の売上高は1200億円だった。社長によると、欧州とアジアの需要は横ばいだった。通期の決算は2月に発表する予定で、アナリストは数字を注視している。',
        null,
        'ja',
      ).label,
    ).toBe('neutral');
    expect(
      scoreSentiment(
        'ソシエテ・ジェネラルで顧客から不満の声',
        'ソシエテ・ジェネラルの情報漏洩について、顧客から不満の声が上がっている。',
        null,
        'ja',
      ).label,
    ).toBe('negative');
  });
});
