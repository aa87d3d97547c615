import { describe, expect, it } from 'vitest';
import { keyPhrases } from '../../src/analysis/text-stats.ts';
import { decodeBody } from '../../src/monitor/charset.ts';
import { parseFeed } from '../../src/monitor/parse.ts';
import { read } from '../helpers/commands.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { listSharedFeeds, sharedFeed } from '../helpers/fixtures.ts';

describe('keyPhrases', () => {
  const documents = [
    'Renewal quote went up and the pricing change surprised the team',
    'Our renewal is in January; the new pricing is higher than the old price',
    'Price increase at renewal time: teams compare the support desk options',
    'Renewals and prices again: the support desk teams are not happy',
  ];

  it('leaves out the subject in any of its forms, and keeps one form of each word', () => {
    const themes = keyPhrases(documents, new Set(['renewals']));
    expect(themes.some((theme) => /renewal/.test(theme))).toBe(false);
    // price, prices and pricing are one theme, not three.
    expect(themes.filter((theme) => /\bpric/.test(theme))).toHaveLength(1);
    expect(themes).toContain('support desk');
  });
});

describe('keyPhrases on news copy', () => {
  it('never offers a function word as a theme, "US" included (lowercased it is "us")', () => {
    const themes = keyPhrases(
      [
        'US and Iran reach guiding principles in nuclear talks',
        'US build-up of warships tracked near Iran ahead of nuclear talks',
        'Iran says guiding principles agreed with US; talks still to come, yet hopes rise',
      ],
      new Set(['iran']),
    );
    expect(themes).toContain('nuclear talks');
    for (const word of ['us', 'still', 'yet']) expect(themes).not.toContain(word);
  });
});

describe('keyPhrases on review sites', () => {
  it('leaves out the rating scaffolding every review carries, and keeps what reviewers talk about', () => {
    const themes = keyPhrases(
      [
        'Rating: 3 out of 5 stars. What do you dislike? The renewal quote went up with the new usage tier.',
        'Rating: 2 out of 5 stars. Pros: fast macros. Cons: the usage tier doubled our bill.',
        'Rating: 4 out of 5 stars. What do you dislike? Reporting is slow; the usage tier is confusing.',
      ],
      new Set(['acme']),
    );
    expect(themes).toContain('usage tier');
    for (const theme of themes) expect(theme).not.toMatch(/\b(rating|stars|dislike|pros|cons)\b/);
  });
});

describe('keyPhrases and vague words', () => {
  it('never offers a word of time or quantity alone as a theme, but keeps a phrase with it', () => {
    const themes = keyPhrases(
      [
        'Globex offers a first year discount; the renewal comes a year later',
        'The first year discount needs a two-year contract, this year only',
        'Customers weigh the first year discount against the time a migration takes',
        'A migration takes time, and the discount lasts a year',
      ],
      new Set(['globex']),
    );
    expect(themes[0]).toBe('first year');
    for (const word of ['year', 'time']) expect(themes).not.toContain(word);
    expect(themes.some((theme) => theme.includes('migration'))).toBe(true);
  });
});

describe('keyPhrases around the subject', () => {
  it('drops a word that is part of the subject’s name, and never joins words across the subject', () => {
    const documents = [
      'Acme raises Acme Desk prices for usage tiers',
      'Acme Desk review: usage tiers doubled our bill',
      'Teams leave Acme Desk over usage tiers',
      'Acme Desk outage hits usage tiers customers',
    ];
    const themes = keyPhrases(documents, new Set(['acme']));
    // "desk" is always beside "acme": the product's name, not something said about it.
    expect(themes.some((theme) => /\bdesk\b/.test(theme))).toBe(false);
    expect(themes).toContain('usage tiers');
    // "raises" and "prices" were never next to each other; only "acme desk" stood between them.
    expect(themes.some((theme) => theme === 'raises desk' || theme === 'desk prices')).toBe(false);
    // Asked about something else, the name is a theme like any other.
    expect(keyPhrases(documents, new Set(['usage']))).toContain('acme desk');
  });
});

describe('keyPhrases and what is no theme', () => {
  it('never offers a source’s label, a word any business says, or a carrying verb, but keeps what is said', () => {
    const documents = [
      'Acme Desk review: "Support team was great" (4/5 stars). The outage hurt, but the credits came fast.',
      'Acme Desk review: "Renewal quote went up 25%" (2/5 stars). The renewal quote was the best surprise of the first year.',
      'Acme Desk review: "Best macros" (5/5 stars). Customers love the macros; the team says the outage was short.',
      'Anyone else hit by the outage? Our team and our customers saw the status page stay green. Renewal quote went up too.',
    ];
    const themes = keyPhrases(documents, new Set(['acme']), 5, [
      'StackRank: latest Help Desk Software reviews',
    ]);
    expect(themes).toContain('outage');
    expect(themes).toContain('renewal quote');
    for (const filler of ['review', 'team', 'best', 'first', 'customers', 'quote went', 'software', 'latest'])
      expect(themes).not.toContain(filler);
    // A word of a source's name is no theme alone, though it is when no source is named so.
    const said = ['The software is slow', 'Software outage again', 'We replaced the software vendor'];
    expect(keyPhrases(said, new Set(), 5)).toContain('software');
    expect(keyPhrases(said, new Set(), 5, ['Customer Service Software'])).not.toContain('software');
  });
});

describe('keyPhrases in a language told by its script', () => {
  it('leaves out Russian function words (a real Orenburg news feed in windows-1251: "за", "из", "на", "по")', async () => {
    const feed = await parseFeed(
      decodeBody(sharedFeed('node-feedparser/iconv.xml')),
      'https://example.org/feed',
    );
    const themes = keyPhrases(
      feed.items.map((item) => `${item.title}. ${item.text.slice(0, 300)}`),
      new Set(),
      8,
    );
    expect(themes).toContain('оренбургской области');
    for (const word of ['за', 'из', 'на', 'по']) expect(themes).not.toContain(word);
  });
});

describe('keyPhrases in other languages', () => {
  const german = [
    'Straßenbau: Großauftrag für Zürich Versicherung. Ein großer Erfolg für die Versicherung in der Region.',
    'Zürich Versicherung: Kunden loben den neuen Service. Die Kunden loben die Beratung, die für viele besser ist.',
    'Zürich Versicherung erhöht Prämien. Die Prämien steigen für die Kunden um zwölf Prozent.',
  ];

  it('leaves out the function words of the languages the documents are in', () => {
    const themes = keyPhrases(german, new Set(['zurich']));
    expect(themes.length).toBeGreaterThan(0);
    for (const word of ['die', 'fur', 'für', 'ein', 'der'])
      expect(themes.join(' ').split(' ')).not.toContain(word);
    expect(themes).toContain('kunden');
  });

  it('leaves out the short words Polish shares with other languages, which tell no language ("ceny na")', () => {
    const themes = keyPhrases(
      [
        'Operator podnosi ceny na abonament. Klienci nie są zadowoleni z podwyżki, a to dopiero początek.',
        'Ceny na abonament rosną już drugi raz w tym roku, a klienci są źli na operatora.',
        'Klienci pytają, dlaczego ceny na abonament są tak wysokie i czy to się zmieni.',
      ],
      new Set(['operator']),
    );
    expect(themes).toContain('klienci');
    expect(themes.join(' ').split(' ')).not.toContain('na');
  });

  it('shows each theme as the documents spell it, not accent-folded', () => {
    const themes = keyPhrases(
      [
        'Société Générale annonce une fuite de données. Les clients de Société Générale sont inquiets.',
        'Datenleck bei Société Générale: Kunden sind besorgt über die Bank.',
        'Société Générale: filtración de datos, según la prensa.',
      ],
      new Set(['bank']),
    );
    expect(themes).toContain('société générale');
    expect(themes.join(' ')).not.toMatch(/\bsociete\b|\bde\b|\bla\b/);
  });

  it('keeps an English word that is a function word elsewhere where no other language is found', () => {
    const themes = keyPhrases(
      ['Will the old trees die this summer', 'Old trees die first in a drought', 'Why old trees die'],
      new Set(['drought']),
    );
    expect(themes).toContain('die');
  });
});

describe('keyPhrases and the markup and addresses in feed text', () => {
  /** The themes an answer over one feed would show: its items as answers read them (title and excerpt). */
  async function feedThemes(file: string, excerpt = 300): Promise<string[]> {
    const feed = await parseFeed(decodeBody(sharedFeed(file)), 'https://example.org/feed');
    const documents = feed.items.map((item) => `${item.title}. ${item.text.slice(0, excerpt)}`);
    return keyPhrases(documents, new Set(), 8, feed.title ? [feed.title] : []);
  }
  const junk =
    /^(?:https?|www|com|org|net|ly|bit|pic|nbsp|amp|quot|href|src|div|span|px|utm|img|png|jpe?g|gif|php|\w*\d{4}\w*)$/;

  it('offers no piece of a web or e-mail address as a theme (real feeds: "bit ly", "org")', async () => {
    // Scott Galloway's podcast cites its sources as http://bit.ly/… links; a wellness calendar lists www.….org.
    const podcast = await feedThemes('rss-parser/atom-customfields.atom');
    expect(podcast).toContain('aswath damodaran');
    expect(podcast.join(' ')).not.toMatch(/\bbit\b|\bly\b/);
    const calendar = await feedThemes('node-feedparser/wapowellness.xml');
    expect(calendar).toContain('support group');
    expect(calendar).not.toContain('org');
  });

  it('offers no line feed software adds to every item (real feeds: "full article", "story slashdot")', async () => {
    // The Washington Post's items end "Read full article >>"; Slashdot's "Read more of this story at Slashdot."
    expect(await feedThemes('node-feedparser/wapowellness.xml')).not.toContain('full article');
    const slashdot = await feedThemes('feed-extractor/rdf-standard.xml', 2000);
    expect(slashdot.length).toBeGreaterThan(0);
    expect(slashdot.join(' ')).not.toMatch(/story|slashdot/);
    const themes = keyPhrases(
      [
        'Acme cuts list prices. The post Acme cuts list prices appeared first on Trade Blog.',
        'List prices fall again at Acme. Continue reading Acme price news…',
        'Resellers welcome list prices. The post Resellers welcome list prices appeared first on Trade Blog.',
      ],
      new Set(['acme']),
    );
    expect(themes).toContain('list prices');
    expect(themes.join(' ')).not.toMatch(/appeared|trade blog|continue|reading/);
  });

  it('offers no Polish function word as a theme (a real Medium feed in Polish: "się nie")', async () => {
    // Amelia Kusiak's posts on the cost of medical transition: told Portuguese, untold and English before.
    const themes = await feedThemes('feed-extractor/medium-feed.xml', 2000);
    expect(themes).toContain('afirmujących płeć');
    for (const word of ['się', 'nie', 'że', 'jest', 'oraz', 'przez', 'jak', 'co'])
      expect(themes.join(' ').split(' ')).not.toContain(word);
  });

  it('offers no markup word, address piece or identifier as a theme, over every fixture feed', async () => {
    const found: string[] = [];
    for (const file of listSharedFeeds().filter((name) => !name.endsWith('.md'))) {
      const themes = await feedThemes(file).catch(() => []);
      for (const theme of themes)
        if (theme.split(' ').some((word) => junk.test(word))) found.push(`${file}: ${theme}`);
    }
    expect(found).toEqual([]);
  });

  it('leaves out markup words, tracking parameters and identifiers, and keeps the words around them', () => {
    const themes = keyPhrases(
      [
        'Acme: the price cuts hurt resellers; see href https://acme.example.com/p?utm_source=rss&utm_medium=feed',
        'Acme says resellers lose margin on price cuts. nbsp nbsp read at www.acme.com/news/v201509 (px 7837b2f6)',
        'Acme: resellers fear price cuts, as mail to press@acme.com says; nbsp href v201509 7837b2f6',
      ],
      new Set(['acme']),
    );
    expect(themes).toContain('price cuts');
    for (const word of ['nbsp', 'href', 'utm', 'source', 'www', 'com', 'px', 'v201509', '7837b2f6', 'press'])
      expect(themes.join(' ').split(' ')).not.toContain(word);
  });
});

describe('keyPhrases and words that name nothing alone', () => {
  /** The words of a theme list, one by one. */
  const words = (themes: string[]) => themes.join(' ').split(' ');

  it('offers no adverb, past form, common verb or unit of time alone, and keeps the phrase around one', () => {
    // The demo's own sentences: Globex's uptime post, its review, the forum's questions.
    const themes = keyPhrases(
      [
        'Globex Assist had 4 minutes of downtime, and our status page updates automatically.',
        'The AI agent actually closes tickets; the status page updates automatically, they called it.',
        'What resolution rate are you actually seeing? Our status page called it green within minutes.',
        'Is Globex really cheaper once you add the AI? The status page in the EU, they called it fine.',
        'Add the EU region: minutes of downtime on Wednesday, and the monthly bill went up.',
        'The monthly bill for the EU region on Wednesday: they add the AI and the bill doubles.',
      ],
      new Set(['globex']),
      8,
    );
    expect(themes).toContain('status page');
    expect(themes).toContain('eu region');
    expect(themes).toContain('monthly bill');
    for (const filler of ['actually', 'automatically', 'called', 'minutes', 'add', 'wednesday', 'monthly'])
      expect(themes).not.toContain(filler);
    expect(themes).not.toContain('updates automatically');
    expect(themes).not.toContain('add ai');
  });

  it('keeps nouns that only look like those words: "reply", "supply", "speed", "hundred"', () => {
    const themes = keyPhrases(
      ['Reply speed and supply', 'Supply, reply speed', 'Speed of supply and reply'],
      new Set(),
      8,
    );
    for (const noun of ['reply', 'supply', 'speed']) expect(words(themes)).toContain(noun);
  });

  it('offers none of them over real feeds (Reddit: "actually", "called", "hour", "know"), and keeps what they are about', async () => {
    async function feedThemes(file: string): Promise<string[]> {
      const feed = await parseFeed(decodeBody(sharedFeed(file)), 'https://example.org/feed');
      const documents = feed.items.map((item) => `${item.title}. ${item.text.slice(0, 300)}`);
      return keyPhrases(documents, new Set(), 8, feed.title ? [feed.title] : []);
    }
    const home = await feedThemes('rss-parser/reddit-home.rss');
    expect(home).toContain('actor');
    expect(home).toContain('character');
    const netflix = await feedThemes('rss-parser/reddit.rss');
    expect(netflix).toContain('netflix');
    for (const filler of ['actually', 'called', 'hour', 'know', 'don', 'right', 'hard'])
      expect([...home, ...netflix]).not.toContain(filler);
  });

  describe("in the demo's answers", () => {
    const demo = useDemoCorpus();
    /** The *Themes* line of an answer, each question by another member (no follow-up of the last). */
    const themesOf = async (question: string, userId: string) =>
      /\*Themes\*\\n([^"]*)/.exec(read(await demo.brief(question, userId)))?.[1] ?? '';

    it('says what Globex Assist, the outages and the downtime are about, without "actually", "called" or "automatically"', async () => {
      const assist = await themesOf('what are reviewers saying about globex assist', 'UEXEC01');
      expect(assist).toMatch(/resolution/);
      expect(assist).not.toMatch(/actually/);
      const outages = await themesOf('what about outages', 'UEXEC02');
      expect(outages).toMatch(/status page/);
      expect(outages).toMatch(/\beu\b/);
      expect(outages).not.toMatch(/called/);
      const downtime = await themesOf('what about downtime', 'UEXEC03');
      expect(downtime).toMatch(/status page/);
      expect(downtime).not.toMatch(/automatically/);
    });
  });
});
