/** Deterministic synthetic RSS feeds of realistic size and vocabulary, for the benchmarks. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const companies = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark Analytics',
  'Wayne Cloud',
  'Vandelay',
  'Soylent',
  'Tyrell',
];
const products = [
  'analytics suite',
  'CRM',
  'data platform',
  'billing API',
  'security gateway',
  'marketing cloud',
  'support desk',
  'observability stack',
];
const events = [
  'raises prices for its',
  'launches a new',
  'faces backlash over its',
  'reports an outage in its',
  'cuts the price of its',
  'is sued over its',
  'wins praise for its',
  'quietly retires its',
  'opens a waitlist for its',
  'publishes a roadmap for its',
];
const subjects = [
  'Customers',
  'Analysts',
  'Administrators',
  'Partners',
  'Critics',
  'Early reviewers',
  'Developers',
  'Finance teams',
  'Procurement leads',
  'Forum members',
  'Resellers',
  'Investors',
  'Support agents',
  'Security teams',
  'Small businesses',
  'Enterprise buyers',
];
const verbs = [
  'say',
  'report',
  'argue',
  'warn',
  'expect',
  'complain',
  'suggest',
  'note',
  'claim',
  'insist',
  'worry',
  'confirm',
  'doubt',
  'predict',
];
const clauses = [
  'the change caught them off guard',
  'churn could rise among smaller accounts',
  'the update improves reliability',
  'dashboards were slow during the migration',
  'the interface is cleaner and onboarding faster',
  'the pricing tiers are confusing',
  'enterprise contracts will be renegotiated',
  'the documentation is finally clear',
  'support response times got worse',
  'single sign-on arrives next quarter',
  'discounts target customers considering a switch',
  'the release is twice as fast',
  'the announcement feels like a bait and switch',
  'the outage affected two regions',
  'the market is consolidating quickly',
  'renewals are being delayed',
  'the free plan is too limited',
  'integration partners are pleased',
  'data residency matters in Europe',
  'audit logs are overdue',
  'the roadmap is too ambitious',
  'the new API breaks older clients',
  'security reviews take longer',
  'the mobile app finally works offline',
  'billing errors doubled some invoices',
  'the community edition is thriving',
];
const tails = [
  'this week',
  'after the keynote',
  'in a blog post',
  'on social media',
  'in earnings calls',
  'in a survey of 400 buyers',
  'at the user conference',
  'in support forums',
  'according to a leaked memo',
  'during a webinar',
  'in regulatory filings',
  'in a podcast interview',
];

const syllables = [
  'ka',
  'lo',
  'mi',
  'ren',
  'ta',
  'vo',
  'shi',
  'ur',
  'pe',
  'dra',
  'no',
  'gel',
  'fa',
  'ti',
  'zu',
  'bri',
  'mon',
  'sa',
  'el',
  'qui',
];
/**
 * `count` made-up words built from the first `syllableCount` syllables (word `index` spells
 * `index + offset` in that base, at least `minLength` letters): many words, none of them real.
 */
export function pseudoWords(
  count: number,
  syllableCount: number,
  offset: number,
  minLength: number,
): string[] {
  const alphabet = syllables.slice(0, syllableCount);
  return Array.from({ length: count }, (_, index) => {
    let word = '';
    for (
      let rest = index + offset;
      rest > 0 || word.length < minLength;
      rest = Math.floor(rest / alphabet.length)
    ) {
      word += alphabet[rest % alphabet.length];
    }
    return word;
  });
}

// Real articles draw on thousands of words; a large pseudo-vocabulary keeps unrelated items from looking alike.
const vocabulary = pseudoWords(4000, syllables.length, 17, 6);

function sentence(random: () => number): string {
  const figure = Math.floor(random() * 90) + 5;
  const extra = Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(random, vocabulary)).join(
    ' ',
  );
  return `${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, clauses)} ${pick(random, tails)}, ${extra}, with ${figure} percent citing ${pick(random, products)} costs.`;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type Story = { title: string; paragraphs: string[] };

function makeStory(random: () => number): Story {
  const title = `${pick(random, companies)} ${pick(random, events)} ${pick(random, products)} ${pick(random, tails)}: ${pick(random, vocabulary)} ${pick(random, vocabulary)}`;
  const paragraphs = Array.from({ length: 3 + Math.floor(random() * 4) }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => sentence(random)).join(' '),
  );
  return { title, paragraphs };
}

/**
 * `feeds` RSS 2.0 documents of `itemsPerFeed` items each (about 1.5 KB of HTML per item); one story
 * in ten is syndicated across several feeds, as wire stories are.
 */
export function generateFeeds(feeds: number, itemsPerFeed: number, seed = 42): string[] {
  const random = createRandom(seed);
  const shared = Array.from({ length: Math.ceil((feeds * itemsPerFeed) / 30) }, () => makeStory(random));
  const baseTime = Date.parse('2026-11-01T00:00:00Z');
  return Array.from({ length: feeds }, (_, feed) => {
    const items = Array.from({ length: itemsPerFeed }, (_, index) => {
      const story = random() < 0.1 ? pick(random, shared) : makeStory(random);
      const published = new Date(baseTime - (index * 3 + feed) * 3_600_000).toUTCString();
      const html = story.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
      return `<item>
  <title>${escapeXml(story.title)}</title>
  <link>https://news${feed}.example.com/2026/11/${index}-${story.title.toLowerCase().replace(/\W+/g, '-')}?utm_source=rss&amp;utm_medium=feed</link>
  <guid isPermaLink="false">feed-${feed}-item-${index}</guid>
  <pubDate>${published}</pubDate>
  <dc:creator>Reporter ${index % 7}</dc:creator>
  <category>Technology</category><category>${pick(random, companies)}</category>
  <slash:comments>${Math.floor(random() * 200)}</slash:comments>
  <description><![CDATA[${html}]]></description>
</item>`;
    });
    return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
  <title>Synthetic News ${feed}</title>
  <link>https://news${feed}.example.com/</link>
  <description>Industry news feed number ${feed}</description>
  <ttl>5</ttl>
${items.join('\n')}
</channel>
</rss>`;
  });
}
