import { createHash } from 'node:crypto';
import Parser, { type ParserOptions } from 'rss-parser';
import { z } from 'zod';
import { declaredLanguage } from '../analysis/language.ts';
import { verdictOfScore } from '../analysis/rating.ts';
import { FeedError, FeedErrorCode } from '../errors.ts';
import { canonicalUrl } from './canonical-url.ts';
import { parseFeedDate } from './dates.ts';
import { feedLinksInPage, pageNamesFeedMessage, relativeFeedLinkMessage } from './discover.ts';
import { decodeEntities, htmlToText, truncateText } from './html-text.ts';

export const FeedFormat = { Rss2: 'rss2', Rss1: 'rss1', Rss09: 'rss09', Atom: 'atom', Json: 'json' } as const;
export type FeedFormat = (typeof FeedFormat)[keyof typeof FeedFormat];

/** One item as every later stage sees it, whatever the feed format. */
export type NormalizedItem = {
  key: string;
  url: string | null;
  title: string;
  author: string | null;
  publishedAt: Date | null;
  text: string;
  categories: string[];
  commentCount: number | null;
  /** The votes the item has where it was posted, when the feed states them (hnrss.org's "Points: 312", Lemmy's "14 points"). */
  points: number | null;
  /** A review's own verdict, -1 to 1 (3 of 5 stars is 0), when the feed gives its score in a field. */
  rating: number | null;
  contentHash: string;
  /** The language the item says it is in (RSS `dc:language`, an Atom entry's `xml:lang`, JSON Feed's `language`), ISO 639-1. */
  declaredLanguage?: string;
  /** The key it had before keys over 500 characters kept a hash of the whole (see `legacyItemKey`). */
  legacyKey?: string;
};

/**
 * `cutShort`: the document ended before its end (no closing root tag) and was read up to its last
 * whole item; the poller then keeps no validators (ETag, Last-Modified), so the next poll fetches it
 * whole instead of being told "not modified".
 */
export type ParsedFeed = {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  ttlMinutes: number | null;
  items: NormalizedItem[];
  cutShort?: boolean;
  /**
   * What kept part of the document from being read, in words, when the items before it were read
   * (a CDATA section never closed): `feeds check` says it, and polling records it on the feed's health.
   */
  readInPart?: string;
  /** The language the feed says it is written in (RSS `<language>`, Atom `xml:lang`, JSON Feed `language`), ISO 639-1. */
  language?: string | null;
};

const maxTextChars = 20_000;
const maxCategories = 20;

type RawFeed = Record<string, unknown> & { items?: unknown[] };
const parserOptions: ParserOptions<Record<string, unknown>, Record<string, unknown>> = {
  defaultRSS: 2,
  customFields: {
    // Atom entries without an author inherit the feed's (rss-parser does not read it).
    // An Atom feed's every <link>, with its rel: rss-parser takes the first when none says
    // rel="alternate", even the feed's own address (rel="self") before the home page (no rel). (It reads
    // the [from, to, options] form for the feed as for items; its types allow only names there.)
    feed: [
      'author',
      ['link', 'feedLinks', { keepArray: true }] as unknown as string,
      ['dc:language', 'dcLanguage'] as unknown as string,
    ],
    item: [
      ['slash:comments', 'slashComments'],
      ['thr:total', 'thrTotal'],
      ['dc:date', 'dcDate'],
      ['published', 'published'],
      ['updated', 'updated'],
      // Atom 0.3's dates, and Atom dates inside RSS items (.NET writes <a10:updated> and no pubDate).
      ['issued', 'issued'],
      ['modified', 'modified'],
      ['created', 'created'],
      ['a10:updated', 'a10Updated'],
      // Dublin Core terms' dates, and the author and body some RSS writers give only in Dublin Core.
      ['dcterms:issued', 'dctermsIssued'],
      ['dcterms:created', 'dctermsCreated'],
      ['dcterms:modified', 'dctermsModified'],
      ['dc:author', 'dcAuthor'],
      // An Atom author inside an RSS item (.NET's SyndicationFeed writes <a10:author><a10:name>, read as atom:),
      // and Seeking Alpha's <sa:author_name>: the only name such items give.
      ['atom:author', 'atomAuthor'],
      ['sa:author_name', 'saAuthorName'],
      // .NET's <a10:content> beside the <description> it writes from the summary: the whole post.
      ['atom:content', 'atomContent'],
      // A press-release wire's issuing company (GlobeNewswire, PR Newswire): the author when none is named.
      ['dc:contributor', 'dcContributor'],
      ['dc:publisher', 'dcPublisher'],
      // Dates under names no standard gives, read only when no standard one is there: cigartower.hu's
      // <datePosted>, <pubdate> in lower case, a bare <date>, PRISM's <prism:publicationDate>.
      ['datePosted', 'datePosted'],
      ['pubdate', 'lowerPubDate'],
      ['date', 'bareDate'],
      ['prism:publicationDate', 'prismDate'],
      ['dc:description', 'dcDescription'],
      // Every <link> of an Atom entry, with its rel: rss-parser falls back to the first, even a license.
      ['link', 'linkElements', { keepArray: true }],
      ['atom:updated', 'atomUpdated'],
      ['atom:published', 'atomPublished'],
      ['media:title', 'mediaTitle'],
      ['itunes:title', 'itunesTitle'],
      ['media:description', 'mediaDescription'],
      // Items that give their address only as <atom:link rel="alternate" href="…"/>.
      ['atom:link', 'atomLinks', { keepArray: true }],
      // The guid with its isPermaLink attribute, which rss-parser's own guid drops.
      ['guid', 'guidElement', { keepArray: true }],
      // A review's stars: Apple's customer-review feeds (<im:rating>), the RSS review module (<rev:rating>).
      ['im:rating', 'imRating'],
      // Stack Exchange's score of a question (the Atom ranking extension, its scheme the site itself).
      ['re:rank', 'reRank', { keepArray: true }],
      // The app itself, which Apple's older review feeds list first: it has a name, a review has none.
      ['im:name', 'imName'],
      ['rev:rating', 'revRating'],
      // The article's own address when the link goes through the feed host's click counter.
      ['feedburner:origLink', 'origLink'],
      ['pheedo:origLink', 'pheedoOrigLink'],
      // YouTube and other video feeds describe an entry inside <media:group>, some inside its <media:content>.
      ['media:group', 'mediaGroup'],
      ['media:content', 'mediaContent'],
      // The publication an aggregator's item comes from (Google News: <source url="…">Reuters</source>).
      ['source', 'rssSource'],
      // With their attributes, which say when the text is base64 (rss-parser keeps only the text).
      ['content', 'contentElement', { keepArray: true }],
      ['summary', 'summaryElement', { keepArray: true }],
      ['title', 'titleElement', { keepArray: true }],
      // Bodies some RSS writers give instead of a description: an XHTML <body>, or <fullitem>.
      ['body', 'xhtmlBody'],
      ['xhtml:body', 'xhtmlBody'],
      ['fullitem', 'fullitem'],
    ],
  },
};

/**
 * rss-parser keeps one XML reader per instance, and a reader that met an error leaks its state
 * (an unfinished document, an "ended" flag) into the next document it is given: parsed side by side,
 * a broken feed could fail or empty a good one. Each document gets a reader of its own (~5 µs).
 * rss-parser's types describe its output loosely; it is read here field by field through asText().
 */
async function readXml(xml: string): Promise<RawFeed> {
  const parser: { parseString(xml: string): Promise<unknown> } = new Parser(parserOptions);
  return (await parser.parseString(xml)) as RawFeed;
}

/** Parses feed text (RSS 0.9x/1.0/2.0, Atom, JSON Feed) into normalised items; never stores anything. */
export async function parseFeed(body: string, feedUrl: string): Promise<ParsedFeed> {
  let start = body.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return parseJsonFeed(start, feedUrl);
  let format: FeedFormat;
  try {
    format = detectXmlFormat(start, feedUrl);
  } catch (error) {
    // A server-side warning printed before the feed (PHP notices are common) hides a good feed.
    const feed = afterLeadingJunk(start);
    if (!feed) throw error;
    start = feed;
    format = detectXmlFormat(start, feedUrl);
  }
  // A CDATA section never closed: only what stands before it is read.
  const openCdata = unclosedCdataAt(start);
  const partial = openCdata === -1 ? undefined : beforeUnclosedCdata(start, openCdata);
  if (partial) start = partial.xml;
  const readInPart = partial?.readInPart;
  const xml = quoteInlineMarkup(
    withoutStrayCdataCloses(
      withoutStrayDeclarations(
        withUsualPrefixes(
          format === FeedFormat.Atom
            ? unprefixed(start, atomNamespace)
            : itemsIntoChannel(
                channelForRdfItems(format === FeedFormat.Rss1 ? unprefixed(start, rss1Namespace) : start),
              ),
        ),
      ),
    ),
  );
  const { raw, cutShort } = await readForgivingly(xml);
  if ((format === FeedFormat.Rss2 || format === FeedFormat.Rss09) && raw.items)
    raw.items.push(...(await laterChannelItems(xml)));
  const xmlBase =
    /^[\s\S]{0,2000}?<(?:feed|rss|rdf:RDF|channel)\b[^>]*\bxml:base\s*=\s*["']([^"']+)["']/i.exec(start)?.[1];
  const base = canonicalUrl(xmlBase, feedUrl) ?? feedUrl;
  // A channel with no title or link of its own may still name itself in its <image> (logo) block.
  const link =
    format === FeedFormat.Atom
      ? atomFeedLink(raw, base)
      : (canonicalUrl(asText(raw.link), base) ?? canonicalUrl(asText(field(raw.image, 'link')), base));
  // Relative item links resolve against the declared xml:base (when it leads to a web address),
  // else the site the feed belongs to.
  const itemBase = xmlBase && /^https?:/i.test(base) ? base : (link ?? base);
  const entryBases = itemXmlBases(
    xml,
    format === FeedFormat.Atom ? 'entry' : 'item',
    raw.items?.length ?? 0,
    itemBase,
  );
  const aggregator = [link, feedUrl].some((address) => address && googleNews.test(address));
  const appFirst = firstIsAppItself(raw.items ?? [], feedUrl);
  const ttl = Number(asText(raw.ttl));
  const title = feedTitle(asText(raw.title) || asText(field(raw.image, 'title')));
  const entryLanguages =
    format === FeedFormat.Atom ? itemXmlLanguages(xml, raw.items?.length ?? 0) : undefined;
  const feedLanguage = asText(raw.language) || asText(raw.dcLanguage) || rootXmlLanguage(start) || undefined;
  return {
    format,
    title,
    link,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    ...(cutShort ? { cutShort } : {}),
    ...(readInPart ? { readInPart } : {}),
    language: declaredLanguage(feedLanguage),
    items: withDisplayName(
      withReleaseSubject(
        dedupeByKey(
          (raw.items ?? [])
            .map((item, index) =>
              index === 0 && appFirst
                ? null
                : withDeclaredLanguage(
                    normalizeXmlItem(
                      item as Record<string, unknown>,
                      entryBases?.[index] ?? itemBase,
                      feedAuthor(raw),
                      aggregator,
                      format === FeedFormat.Atom,
                      link,
                      entryLanguages?.[index] ?? feedLanguage,
                    ),
                    // rss-parser reads an item's <dc:language> as its `language`.
                    asText((item as Record<string, unknown>).language) || entryLanguages?.[index],
                  ),
            )
            .filter((item): item is NormalizedItem => item !== null && hasSubstance(item)),
          link,
        ),
        title,
      ),
      title,
      link,
    ),
  };
}

/**
 * Reads the XML as it is; failing that, with common publisher mistakes repaired; failing that, with
 * its structure balanced as well (`balanceTags`). The error given is the first reading's.
 */
async function readForgivingly(xml: string): Promise<{ raw: RawFeed; cutShort: boolean }> {
  try {
    return { raw: await readXml(xml), cutShort: false };
  } catch (error) {
    const repaired = repairXml(xml);
    const attempts = [() => ({ xml: repaired, cutShort: false }), () => balanceTags(repaired)];
    for (const attempt of attempts) {
      try {
        const candidate = attempt();
        if (candidate) return { raw: await readXml(candidate.xml), cutShort: candidate.cutShort };
      } catch {
        // The next attempt, or the first reading's error below.
      }
    }
    // rss-parser fails with a TypeError on well-formed XML of the wrong shape (an <rss> without <channel>).
    throw malformed(
      error instanceof TypeError || /^Feed not recognized/.test(String((error as Error).message))
        ? 'it is XML, but not shaped like RSS or Atom (for example an <rss> without a <channel>, or element names in capitals: XML names are case-sensitive)'
        : `it is not well-formed XML: ${describeXmlError(error)}`,
    );
  }
}

/** Where a CDATA section that is never closed opens, or -1. */
function unclosedCdataAt(xml: string): number {
  let at = xml.indexOf('<![CDATA[');
  while (at !== -1) {
    const close = xml.indexOf(']]>', at + 9);
    if (close === -1) return at;
    at = xml.indexOf('<![CDATA[', close + 3);
  }
  return -1;
}

/**
 * A CDATA section that is never closed (opening at `at`) swallows the rest of the document (read
 * as it is, or balanced, an item's text would hold all the markup after it); the items before it are
 * whole. The document up to the last item that ends before the section, balanced, with what was left
 * out in words; MALFORMED when no item before it is whole.
 */
function beforeUnclosedCdata(xml: string, at: number): { xml: string; readInPart: string } {
  const before = xml.slice(0, at);
  const line = before.split('\n').length;
  // Counted from 1, as editors count them.
  const where = `a CDATA section is never closed (line ${line}, column ${at - before.lastIndexOf('\n')})`;
  const lastItem = lastWholeItemEnd(before);
  const balanced = lastItem === null ? null : balanceTags(before.slice(0, lastItem));
  if (!balanced) throw malformed(`${where}, and no item before it is whole`);
  return {
    xml: balanced.xml,
    readInPart: `${where}: read up to the last whole item before it; what follows is lost until the publisher closes it with "]]>"`,
  };
}

/**
 * An RSS document with several `<channel>` elements (rare: feeds merged by hand or by a script): the
 * items of every channel after the first, each read as a document of its own under the same `<rss>`
 * (rss-parser reads only the first). A channel that cannot be read adds nothing.
 */
async function laterChannelItems(xml: string): Promise<unknown[]> {
  const first = xml.indexOf('<channel');
  if (first === -1 || xml.indexOf('<channel', first + 8) === -1) return [];
  const channels = xml.slice(first).match(/<channel\b[^>]*>[\s\S]*?<\/channel>/g) ?? [];
  const items: unknown[] = [];
  for (const channel of channels.slice(1)) {
    try {
      items.push(...((await readForgivingly(`${xml.slice(0, first)}${channel}</rss>`)).raw.items ?? []));
    } catch {
      // Unreadable on its own: the first channel's items stand.
    }
  }
  return items;
}

/**
 * An Atom entry or RSS item may declare its own xml:base (`<entry xml:base="posts/">`, as
 * aggregators write when they merge feeds), relative to the feed's: two items linking to "post.html"
 * under different bases are two stories. The opening tags are matched to parsed items in order; when
 * they do not line up one to one (an item tag inside CDATA, say), nothing is guessed.
 */
function itemXmlBases(
  xml: string,
  element: 'entry' | 'item',
  itemCount: number,
  feedBase: string,
): string[] | undefined {
  if (!xml.includes('xml:base')) return undefined;
  const tags = xml.match(element === 'entry' ? /<entry\b[^>]*>/g : /<item\b[^>]*>/g) ?? [];
  if (tags.length !== itemCount) return undefined;
  return tags.map((tag) => underXmlBase(/\bxml:base\s*=\s*["']([^"']+)["']/.exec(tag)?.[1], feedBase));
}

/** The xml:lang of a document's root element (`<feed xml:lang="de">`), or undefined. */
function rootXmlLanguage(start: string): string | undefined {
  return /^[\s\S]{0,2000}?<(?:feed|rss|rdf:RDF|channel)\b[^>]*\bxml:lang\s*=\s*["']([^"']+)["']/i.exec(
    start,
  )?.[1];
}

/** Each Atom entry's own xml:lang, matched to parsed entries in order as `itemXmlBases` does. */
function itemXmlLanguages(xml: string, itemCount: number): Array<string | undefined> | undefined {
  if (!/<entry\b[^>]*\bxml:lang/.test(xml)) return undefined;
  const tags = xml.match(/<entry\b[^>]*>/g) ?? [];
  if (tags.length !== itemCount) return undefined;
  return tags.map((tag) => /\bxml:lang\s*=\s*["']([^"']+)["']/.exec(tag)?.[1]);
}

function withDeclaredLanguage(item: NormalizedItem, declared: string | undefined): NormalizedItem {
  const language = declaredLanguage(declared);
  return language ? { ...item, declaredLanguage: language } : item;
}

/** The base an element's own xml:base makes of the one around it (which stays when it leads nowhere). */
function underXmlBase(declared: string | undefined, base: string): string {
  return (declared && canonicalUrl(declared, base)) || base;
}

// The interstitial pages of bot protection (Cloudflare, Sucuri, Incapsula, DataDome, captchas).
const botCheck =
  /<title>\s*(?:just a moment|attention required|checking your browser|access denied|security check|are you a robot)|challenge-platform|cf-chl|_incapsula_|sucuri_cloudproxy|captcha-delivery|g-recaptcha|h-captcha/i;

function detectXmlFormat(start: string, feedUrl: string): FeedFormat {
  const root = firstElement(start);
  if (!root) throw noElements(start);
  const name = root.name.toLowerCase();
  if (name === 'html' || name === '!doctype' || name === 'body' || name === 'head') {
    const feedLinks = feedLinksInPage(start, feedUrl);
    // A saved page (a file) cannot complete a relative feed address; a fetched one can.
    const relative =
      feedLinks.length === 0 && !/^https?:/i.test(feedUrl) ? relativeFeedLinkMessage(start) : null;
    throw new FeedError(
      FeedErrorCode.NotAFeed,
      feedLinks.length > 0
        ? pageNamesFeedMessage(feedLinks[0] as string)
        : (relative ??
            (botCheck.test(start.slice(0, 32 * 1024))
              ? 'This is not a feed: the site answered with a bot check (a "checking your browser" page) instead. Ask the publisher to let feed readers through, or use another address for the feed.'
              : 'This is not a feed: it is a web page (HTML), and it names no feed. Look for an RSS or Atom link on that page.')),
      { feedLinks },
    );
  }
  if (name === 'opml') {
    throw notAFeed(
      'it is an OPML list of feeds. Import the whole list instead: `/brief feeds import <its address>` in Slack, or `briefbot feeds import <file>`',
    );
  }
  if (
    name === 'feed' ||
    (name.endsWith(':feed') && atomPrefixes(root.tag).includes(root.name.split(':')[0] ?? ''))
  ) {
    return FeedFormat.Atom;
  }
  if (name === 'rdf:rdf' || name.endsWith(':rdf')) {
    // RSS 0.90 is RDF too, told apart by its namespace.
    return /my\.netscape\.com\/rdf\/simple\/0\.9/i.test(root.tag) ? FeedFormat.Rss09 : FeedFormat.Rss1;
  }
  if (name === 'rss') {
    const version = /\bversion\s*=\s*["']([^"']*)["']/i.exec(root.tag)?.[1] ?? '2.0';
    return /^0\.9/.test(version) ? FeedFormat.Rss09 : FeedFormat.Rss2;
  }
  if (name === 'urlset' || name === 'sitemapindex') {
    throw notAFeed(
      "it is a sitemap (the list of a site's pages for search engines). Look for the site's RSS or Atom feed instead: its pages usually link it",
    );
  }
  // Cloud storage (S3, Google Cloud Storage, Azure) answers a missing or private file with an <Error> document.
  if (name === 'error') {
    const said = [/<Code>([^<]{1,80})<\/Code>/i, /<Message>([^<]{1,200})<\/Message>/i]
      .map((pattern) => pattern.exec(start)?.[1]?.trim())
      .filter(Boolean)
      .join(': ');
    throw notAFeed(
      `the server answered with an error document${said ? ` ("${said}")` : ''}. Check the address; if it is right, the file may have moved or not be public`,
    );
  }
  // Words before the first tag ("Error: <b>Forbidden</b>", a Markdown file quoting a tag) make text, not XML.
  if (/[^\s]/.test(start.slice(0, start.indexOf(root.tag)).replace(/<[^>]*>/g, ''))) throw noElements(start);
  throw notAFeed(`its root element is <${root.name}>, not <rss>, <feed> or <rdf:RDF>`);
}

function firstElement(text: string): { name: string; tag: string } | null {
  // Past a declaration, comment or doctype, which must be closed.
  const after = (close: string, open: number): number => {
    const end = text.indexOf(close, open);
    if (end === -1) {
      const line = text.slice(0, open).split('\n').length;
      throw malformed(
        `it is not well-formed XML: the "${text.slice(open, open + 4)}…" on line ${line} is never closed with "${close}"`,
      );
    }
    return end + close.length;
  };
  let index = 0;
  let htmlDoctype = false;
  while (index < text.length) {
    const open = text.indexOf('<', index);
    if (open === -1) return null;
    if (text.startsWith('<?', open)) {
      index = after('?>', open);
    } else if (text.startsWith('<!--', open)) {
      index = after('-->', open);
    } else if (text.startsWith('<!', open)) {
      htmlDoctype ||= /^<!doctype\s+html/i.test(text.slice(open, open + 20));
      index = after('>', open);
    } else {
      const tag = text.slice(open, text.indexOf('>', open) + 1 || open + 200);
      // An XML name starts with a letter or "_": "<0c00000000>" in a log file opens no element.
      const name = /^<([A-Za-z_][\w:.-]*)/.exec(tag)?.[1];
      if (!name) return null;
      // An HTML doctype makes a page of anything but a feed's root (some feeds carry one by mistake).
      return htmlDoctype && !/^(?:rss|feed|rdf:rdf|[\w.-]+:(?:feed|rdf))$/i.test(name)
        ? { name: 'html', tag: '' }
        : { name, tag };
    }
  }
  return htmlDoctype ? { name: 'html', tag: '' } : null;
}

const atomNamespace = 'http://www.w3.org/2005/Atom';
const rss1Namespace = 'http://purl.org/rss/1.0/';

/** The prefixes a document binds to a namespace (`xmlns:atom="http://www.w3.org/2005/Atom"`). */
function namespacePrefixes(xml: string, namespace: string): string[] {
  const pattern = /xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g;
  const prefixes: string[] = [];
  for (const match of xml.matchAll(pattern)) {
    if (match[2]?.trim() === namespace && match[1]) prefixes.push(match[1]);
  }
  return prefixes;
}

function atomPrefixes(xml: string): string[] {
  return namespacePrefixes(xml, atomNamespace);
}

// The prefixes the fields read here are known by (rss-parser matches element names literally).
const usualPrefixes: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://purl.org/syndication/thread/1.0': 'thr',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  [atomNamespace]: 'atom',
  // An XHTML body under its own prefix (<h:body>, <x:p>) is read as <xhtml:body>.
  'http://www.w3.org/1999/xhtml': 'xhtml',
};

/**
 * Elements of a known namespace written under another prefix (<ce:encoded>, <dublincore:creator>,
 * ElementTree's ns0:, .NET's a10:) renamed to the usual one, unless the document uses that one for
 * something else. Declarations are looked for in the head, where feeds make them; most feeds use the
 * usual prefixes, and are returned as they are.
 */
function withUsualPrefixes(xml: string): string {
  const head = xml.slice(0, 16 * 1024);
  if (!head.includes('xmlns:')) return xml;
  const declared = new Map<string, string>();
  for (const [, prefix = '', uri = ''] of head.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) {
    declared.set(prefix, uri.trim());
  }
  const renames = new Map<string, string>();
  for (const [prefix, uri] of declared) {
    const usual = usualPrefixes[uri];
    if (usual && usual !== prefix && (declared.get(usual) ?? uri) === uri) renames.set(prefix, usual);
  }
  if (renames.size === 0) return xml;
  const names = [...renames.keys()].map((prefix) => prefix.replace(/[.-]/g, '\\$&')).join('|');
  return xml.replace(
    new RegExp(`<(/?)(${names}):`, 'g'),
    (_tag, slash: string, prefix: string) => `<${slash}${renames.get(prefix)}:`,
  );
}

/**
 * rss-parser reads element names literally; an Atom document may bind the Atom namespace to a
 * prefix, and an RSS 1.0 one RSS's own (Atypon's journal feeds write <rss:item>).
 */
function unprefixed(xml: string, namespace: string): string {
  const prefixes = namespacePrefixes(xml, namespace);
  if (prefixes.length === 0) return xml;
  const names = prefixes.map((prefix) => prefix.replace(/[.-]/g, '\\$&')).join('|');
  return xml.replace(new RegExp(`<(/?)(?:${names}):`, 'g'), '<$1');
}

/**
 * RSS items written after `</channel>` (some generators do) belong to the channel; rss-parser reads
 * only the channel's, so the channel is closed after them instead.
 */
function itemsIntoChannel(xml: string): string {
  const close = xml.lastIndexOf('</channel>');
  if (close === -1 || !/^\s*<item[\s>]/.test(xml.slice(close + 10, close + 200))) return xml;
  const end = xml.lastIndexOf('</rss>');
  if (end < close) return xml;
  return `${xml.slice(0, close)}${xml.slice(close + 10, end)}</channel>${xml.slice(end)}`;
}

const rdfRssNamespace = /purl\.org\/rss\/1\.0\/|my\.netscape\.com\/rdf\/simple\/0\.9\//;

/**
 * An RDF document (RSS 1.0 or 0.90) whose items stand without a <channel>, or that has none of
 * either yet: rss-parser reads nothing without one, so an empty one is given; the feed then has no
 * title or link, as any feed without them.
 */
function channelForRdfItems(xml: string): string {
  if (xml.includes('<channel')) return xml;
  const root = firstElement(xml);
  // rss-parser reads RDF only under this exact name.
  if (root?.name !== 'rdf:RDF' || root.tag.endsWith('/>')) return xml;
  // Without items, only RSS's own namespace makes it a feed (an empty one), not some other RDF.
  if (!/<item[\s>]/.test(xml) && !rdfRssNamespace.test(root.tag)) return xml;
  const after = xml.indexOf(root.tag) + root.tag.length;
  return `${xml.slice(0, after)}<channel></channel>${xml.slice(after)}`;
}

/** The feed after a run of non-XML text (a warning, a stray line of HTML), or null when there is none. */
function afterLeadingJunk(text: string): string | null {
  const head = text.slice(0, 64 * 1024);
  const feedStart = /<\?xml\s|<(?:rss|feed|rdf:RDF)[\s>]/.exec(head);
  if (!feedStart || feedStart.index === 0) return null;
  // A web page that merely mentions a feed element is still a web page.
  if (/<html[\s>]|<!doctype\s+html|<head[\s>]|<body[\s>]/i.test(head.slice(0, feedStart.index))) return null;
  return text.slice(feedStart.index);
}

// Titles and bodies with raw, unescaped HTML (or Atom's inline XHTML) parse as child elements, of
// which rss-parser keeps only the loose text ("Start <b>bold</b> end" became "Start end"): such
// elements are read as character data instead, and their markup stripped like any other.
const markupElement =
  /<(title|description|content:encoded|summary|content|body|xhtml:body|fullitem)(\s[^>]*?)?(?<!\/)>/g;

// Item bodies of rare RSS writers. A <body> is also in every HTML page a feed may quote in CDATA:
// there it is text already, and is left alone.
const rareBodies = new Set(['body', 'xhtml:body', 'fullitem']);

/** Raw markup worth quoting: tags, but no CDATA (already character data) and no markup escaped twice. */
function needsQuoting(inner: string): boolean {
  return (
    /<[a-z]/i.test(inner) &&
    !inner.includes('<![CDATA[') &&
    // Markup escaped twice inside the raw markup (Reddit's) reads better the usual way; escaped once,
    // it is markup shown as text (XHTML's <code>&lt;b&gt;</code>), which quoting keeps in its place.
    !/&amp;lt;[a-z!/]/i.test(inner)
  );
}

/** Linear in the size of the feed: each element's end is found once, and a name never closed is not searched again. */
function quoteInlineMarkup(xml: string): string {
  let out = '';
  let copied = 0;
  const unclosed = new Set<string>();
  const insideCdata = cdataSections(xml);
  markupElement.lastIndex = 0;
  for (let match = markupElement.exec(xml); match; match = markupElement.exec(xml)) {
    const [tag, name = '', attributes = ''] = match;
    if (unclosed.has(name)) continue;
    if (rareBodies.has(name) && insideCdata(match.index)) continue;
    const start = match.index + tag.length;
    const end = xml.indexOf(`</${name}>`, start);
    if (end === -1) {
      unclosed.add(name);
      continue;
    }
    const after = end + name.length + 3;
    markupElement.lastIndex = after;
    const inner = xml.slice(start, end);
    if (!needsQuoting(inner)) continue;
    out += `${xml.slice(copied, match.index)}<${name}${attributes}><![CDATA[${inner.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${name}>`;
    copied = after;
  }
  return copied === 0 ? xml : out + xml.slice(copied);
}

/**
 * A "]]>" that closes no CDATA section (a template's second close, or one with no open) was shown as
 * text, and the markup after a section closed too early was read as XML, losing its words. A stray
 * close right after a section's close, or in another element, is dropped; one later in the same
 * element extends the section to it, the early close becoming text when it sits inside a word, as
 * in code (`a[b[0]]>1`), and going when it sits against a tag, as a template's does. One pass.
 */
function withoutStrayCdataCloses(xml: string): string {
  const edits: Array<{ at: number; length: number; text: string }> = [];
  // The last section: where it closes, where the blank after that close ends, and where its element ends.
  let sectionClose = -1;
  let blankEnd = -1;
  let elementEnd = -1;
  const blank = /\s*/y;
  // Element names never closed after some point: not searched for again (linear on hostile input).
  const unclosed = new Set<string>();
  const closed = (at: number) => {
    sectionClose = at;
    blank.lastIndex = at + 3;
    blank.exec(xml);
    blankEnd = blank.lastIndex;
  };
  let nextOpen = xml.indexOf('<![CDATA[');
  for (let close = xml.indexOf(']]>'); close !== -1; ) {
    if (nextOpen !== -1 && nextOpen < close) {
      const end = xml.indexOf(']]>', nextOpen + 9);
      if (end === -1) break;
      const element = enclosingElement(xml, nextOpen);
      elementEnd =
        element === undefined || unclosed.has(element) ? -1 : xml.indexOf(`</${element}>`, end + 3);
      if (element !== undefined && elementEnd === -1) unclosed.add(element);
      closed(end);
      nextOpen = xml.indexOf('<![CDATA[', end + 3);
      close = xml.indexOf(']]>', end + 3);
      continue;
    }
    // Only whitespace since the section's close, or past the end of its element: a close with no open.
    if (sectionClose === -1 || blankEnd >= close || elementEnd === -1 || elementEnd < close) {
      edits.push({ at: close, length: 3, text: '' });
    } else {
      const againstTag = xml[sectionClose - 1] === '>' || xml[blankEnd] === '<';
      edits.push({ at: sectionClose, length: 3, text: againstTag ? '' : ']]]]><![CDATA[>' });
      closed(close);
    }
    close = xml.indexOf(']]>', close + 3);
  }
  if (edits.length === 0) return xml;
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let copied = 0;
  for (const edit of edits) {
    out += xml.slice(copied, edit.at) + edit.text;
    copied = edit.at + edit.length;
  }
  return out + xml.slice(copied);
}

/** The element a CDATA section opens right inside of (`<description><![CDATA[`), if any. */
function enclosingElement(xml: string, sectionOpen: number): string | undefined {
  return /<([A-Za-z_][\w:.-]*)(?:\s[^<>]*)?>\s*$/.exec(
    xml.slice(Math.max(0, sectionOpen - 300), sectionOpen),
  )?.[1];
}

/**
 * Whether a position, asked in increasing order, falls inside a CDATA section (an unclosed one runs
 * to the end). Nothing is searched until asked; each section's ends are searched for once.
 */
function cdataSections(xml: string): (at: number) => boolean {
  let open = 0;
  let end = 0;
  return (at) => {
    while (open !== -1 && end <= at) {
      open = xml.indexOf('<![CDATA[', end);
      const close = open === -1 ? -1 : xml.indexOf(']]>', open + 9);
      end = close === -1 ? xml.length : close + 3;
    }
    return open !== -1 && open < at;
  };
}

function malformed(why: string): FeedError {
  return new FeedError(
    FeedErrorCode.Malformed,
    `The feed cannot be read: ${why}. Ask the publisher to fix it, or check it at validator.w3.org/feed.`,
  );
}

/** Nothing, or text without a single element: what it says, and where to look instead. */
function noElements(text: string): FeedError {
  // An XML declaration, comments or a doctype and nothing after them: nothing either.
  if (!/[^\s]/.test(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, ''))) {
    return notAFeed(
      'there is nothing in it. Check that the address (or file) is the feed itself; if it is, try again later, as a busy site sometimes answers with nothing',
    );
  }
  const opening = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not shown
    .replace(/[\s\u0000-\u001F\u007F]+/g, ' ')
    .trim();
  if (!opening) {
    return notAFeed(
      'there is nothing in it. Check that the address (or file) is the feed itself; if it is, try again later, as a busy site sometimes answers with nothing',
    );
  }
  const quoted = opening.length > 60 ? `${opening.slice(0, 61).replace(/\s+\S*$/, '')}…` : opening;
  return notAFeed(
    `it is plain text, not RSS, Atom or JSON Feed (it begins "${quoted}"). Check that the address (or file) is the feed itself: the site's pages usually link it as RSS or Atom; if the text is an error message, try again later`,
  );
}

function notAFeed(why: string): FeedError {
  return new FeedError(FeedErrorCode.NotAFeed, `This is not a feed: ${why}.`);
}

// Characters XML 1.0 forbids, which some publishers emit anyway.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const invalidXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// Numeric character references, a pair of them being UTF-16 surrogates written one by one.
const characterReferences = /&#(?:x([\da-f]+)|(\d+));(?:&#(?:x([\da-f]+)|(\d+));)?/gi;

/**
 * A reference XML allows stays; a UTF-16 surrogate pair written as two references (`&#55357;&#56832;`,
 * as some publishing tools write emoji) becomes the one character it encodes; anything else (a lone
 * surrogate, a control character, a number past U+10FFFF) becomes U+FFFD instead of failing the feed.
 */
function validReference(
  _whole: string,
  hex: string | undefined,
  decimal: string | undefined,
  nextHex: string | undefined,
  nextDecimal: string | undefined,
): string {
  const code = (h: string | undefined, d: string | undefined) =>
    h !== undefined ? Number.parseInt(h, 16) : d !== undefined ? Number(d) : null;
  const first = code(hex, decimal) as number;
  const second = code(nextHex, nextDecimal);
  if (first >= 0xd800 && first <= 0xdbff && second !== null && second >= 0xdc00 && second <= 0xdfff)
    return `&#${(first - 0xd800) * 0x400 + (second - 0xdc00) + 0x10000};`;
  const valid = (value: number) =>
    value === 0x9 ||
    value === 0xa ||
    value === 0xd ||
    (value >= 0x20 && value <= 0xd7ff) ||
    (value >= 0xe000 && value <= 0xfffd) ||
    (value >= 0x10000 && value <= 0x10ffff);
  const one = (value: number) => (valid(value) ? `&#${value};` : '&#xFFFD;');
  return second === null ? one(first) : `${one(first)}${one(second)}`;
}

/**
 * A "<" that starts no tag ("Price < $10", "I <3 it") is text, written "&lt;"; CDATA sections stay
 * as they are. One pass: an unclosed CDATA section ends the search instead of being searched again
 * from every "<" before it.
 */
function escapeStrayLessThan(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end === -1) break;
      at = end + 2;
    } else if (!/[A-Za-z_:/!?]/.test(text[at + 1] ?? '')) {
      out += `${text.slice(copied, at)}&lt;`;
      copied = at + 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// rss-parser turns an Atom entry's date into ISO form and throws on one it cannot read, even a good
// date wrapped in whitespace; a <link> with the address as text (not href) makes it throw too.
const atomDates = /<(published|updated)>([^<]*)<\/\1>/g;
const textLinks = /<link>\s*([^<\s]+)\s*<\/link>/g;

// Common publisher mistakes that strict XML rejects, and Atom shapes rss-parser cannot read:
// stray control characters, bare "&", HTML entities, unreadable dates, links as text.
function repairXml(xml: string): string {
  const text = withDeclaredEntities(xml);
  const atom = /^(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<feed\b/.test(text);
  return escapeStrayLessThan(
    (atom ? repairAtom(text) : text)
      .replace(invalidXmlChars, '')
      .replace(characterReferences, validReference)
      .replace(/&(?!(?:#\d+|#x[\da-f]+|[a-z][\w.-]*);)/gi, '&amp;')
      .replace(/&(?!(?:amp|lt|gt|quot|apos);)([a-z][a-z\d]*);/gi, (entity: string, name: string) => {
        const decoded = decodeEntities(entity);
        const code = decoded.codePointAt(0);
        return decoded !== entity && code !== undefined ? `&#${code};` : `&amp;${name};`;
      }),
  );
}

const internalSubset = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i;
const entityDeclaration =
  /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)'|(?:SYSTEM|PUBLIC)\b[^>]*)>/g;
// A value that is plain text, perhaps with character references and the five XML escapes.
const plainValue = /^(?:[^&<%]|&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);){0,500}$/i;
// What replacing declared entities may add in all: a few copies of a long value, never a flood.
const maxEntityExpansion = 256 * 1024;

/**
 * Entities the document declares in its DOCTYPE, which the XML reader does not know: one whose value
 * is plain text ("/some/path", "&#160;") is written out; an external one (SYSTEM or PUBLIC, never
 * fetched) or one whose value holds markup or other entities (how billion-laughs nests them) has no
 * text to show, and is dropped rather than shown as "&path;". Past a fixed total, the rest is dropped.
 */
function withDeclaredEntities(xml: string): string {
  const subset = internalSubset.exec(xml.slice(0, 64 * 1024));
  if (!subset?.[1]?.includes('<!ENTITY')) return xml;
  const values = new Map<string, string>();
  for (const [, name = '', double, single] of subset[1].matchAll(entityDeclaration)) {
    const value = double ?? single;
    values.set(name, value !== undefined && plainValue.test(value) ? value : '');
  }
  if (values.size === 0) return xml;
  let budget = maxEntityExpansion;
  const after = subset.index + subset[0].length;
  const body = xml.slice(after).replace(/&([A-Za-z_][\w.-]*);/g, (reference, name: string) => {
    const value = values.get(name);
    if (value === undefined) return reference;
    budget -= value.length;
    return budget >= 0 ? value : '';
  });
  return xml.slice(0, after) + body;
}

// "<!" that opens no comment, CDATA section or declaration.
const strayDeclaration = /<!(?!--|\[CDATA\[|DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/gi;

/**
 * A "<!" that opens nothing XML knows is text: escaped before reading. The XML reader takes it for
 * a declaration and re-reads what it has gathered at every character, so a long run of them (a
 * broken or hostile feed) would take minutes to fail; real feeds never hold one.
 */
function withoutStrayDeclarations(xml: string): string {
  return xml.includes('<!') ? xml.replace(strayDeclaration, '&lt;!') : xml;
}

/**
 * Well-formed structure from a broken one, as feed readers are forgiving: a closing tag that closes
 * nothing open is dropped, elements left open inside one that closes are closed with it, and a
 * document cut short (no closing root tag) is read up to its last whole item, then closed; null
 * when it was cut short before any item was whole.
 */
function balanceTags(xml: string): { xml: string; cutShort: boolean } | null {
  const root = firstElement(xml)?.name;
  let text = xml;
  const cutShort = root !== undefined && !xml.includes(`</${root}>`);
  if (cutShort) {
    // Up to the last whole item (a partial one would be stored with part of its text, perhaps under a
    // key its whole self would not have); with none whole, nothing is worth reading.
    const lastItem = lastWholeItemEnd(xml);
    if (lastItem === null) return null;
    text = xml.slice(0, lastItem);
  }
  const open: string[] = [];
  let out = '';
  let copied = 0;
  for (const { start, end, name, closing } of tagsOf(text)) {
    if (!closing) {
      open.push(name);
      continue;
    }
    const at = open.lastIndexOf(name);
    if (at === -1) {
      out += text.slice(copied, start);
      copied = end;
      continue;
    }
    const inner = open.splice(at).slice(1).reverse();
    if (inner.length > 0) {
      out += `${text.slice(copied, start)}${inner.map((element) => `</${element}>`).join('')}`;
      copied = start;
    }
  }
  const closing = open
    .reverse()
    .map((element) => `</${element}>`)
    .join('');
  return { xml: `${out}${text.slice(copied)}${closing}`, cutShort };
}

/** Where the last whole RSS item or Atom entry of a text ends, or null when none is whole. */
function lastWholeItemEnd(text: string): number | null {
  const end = Math.max(text.lastIndexOf('</item>') + 7, text.lastIndexOf('</entry>') + 8);
  return end <= 8 ? null : end;
}

// Passed over whole: a section's end is searched once, and what it holds is never searched again.
const skippedMarkup: Array<[string, string]> = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
];

/**
 * The opening and closing tags of a text (self-closing ones, CDATA, comments and declarations passed
 * over), in one pass: the next ">" is looked up once for all the "<" before it, so a text full of
 * stray "<" costs no more than a clean one.
 */
function* tagsOf(text: string): Generator<{ start: number; end: number; name: string; closing: boolean }> {
  let at = text.indexOf('<');
  let nextGt = -1;
  while (at !== -1) {
    const skipped = skippedMarkup.find(([opening]) => text.startsWith(opening, at));
    if (skipped) {
      const close = text.indexOf(skipped[1], at + skipped[0].length);
      if (close === -1) return;
      at = text.indexOf('<', close + skipped[1].length);
      continue;
    }
    if (nextGt < at) nextGt = text.indexOf('>', at);
    if (nextGt === -1) return;
    const following = text.indexOf('<', at + 1);
    // A doctype or other declaration: nothing to balance.
    if (text.startsWith('<!', at)) {
      at = following === -1 || following > nextGt ? text.indexOf('<', nextGt) : following;
      continue;
    }
    // A "<" with another "<" before its ">" starts no tag.
    if (following === -1 || following > nextGt) {
      const tag = /^<(\/?)([A-Za-z_][\w:.-]*)/.exec(text.slice(at, Math.min(nextGt + 1, at + 200)));
      if (tag?.[2] && text[nextGt - 1] !== '/')
        yield { start: at, end: nextGt + 1, name: tag[2], closing: tag[1] === '/' };
    }
    at = following;
  }
}

function repairAtom(text: string): string {
  return text
    .replace(atomDates, (_element, name: string, value: string) => {
      const date = parseFeedDate(decodeEntities(value));
      return `<${name}>${date ? date.toISOString() : ''}</${name}>`;
    })
    .replace(textLinks, (_element, href: string) => `<link href="${href.replace(/"/g, '&quot;')}"/>`);
}

// The XML reader's own words for what it met, and the same in plain words.
const xmlProblems: Array<[RegExp, string]> = [
  [
    /^(?:Unclosed root tag|Unexpected end)/,
    'it stops before its end (cut short in transfer, or the publisher stopped writing it)',
  ],
  [/^Unexpected close tag/, 'a closing tag does not match the element it closes'],
  [/entity/i, 'a stray "&" or a malformed character reference'],
  [/attribute/i, 'a malformed attribute'],
  [/comment/i, 'a malformed comment'],
  [/tag ?name/i, 'a malformed tag'],
  [/^Unable to parse XML/, 'no XML structure can be read from it'],
  [/^Max buffer length exceeded/, 'a tag, attribute or declaration that never ends'],
  [/^Invalid characters in closing tag|^Forward-slash in opening tag/, 'a malformed tag'],
  [/^Unencoded </, 'a "<" that starts no tag (it should be written "&lt;")'],
  [/^Non-whitespace before first tag/, 'text before the first tag'],
  [/^Text data outside of root node/, 'text after the feed ends'],
];

/** "a closing tag does not match the element it closes (line 3, column 65)" from the reader's message. */
function describeXmlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = ''] = message.split('\n');
  const what =
    xmlProblems.find(([pattern]) => pattern.test(first))?.[1] ?? first.replace(/\.+$/, '').slice(0, 160);
  const line = /\bLine: (\d+)/.exec(message)?.[1];
  const column = /\bColumn: (\d+)/.exec(message)?.[1];
  // The reader counts lines from 0; people count them from 1.
  return line !== undefined && column !== undefined
    ? `${what} (line ${Number(line) + 1}, column ${column})`
    : what;
}

/** Any xml2js value (string, {_: text}, array, number) as a trimmed string. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return asText(value[0]);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('_' in record) return asText(record._);
    if ('name' in record) return asText(record.name);
    if ('$' in record) {
      const attributes = record.$ as Record<string, unknown>;
      const attribute = asText(attributes.href ?? attributes.text ?? attributes.term ?? attributes.url ?? '');
      if (attribute) return attribute;
    }
    // Inline XHTML (an Atom title of type="xhtml") arrives as nested elements: gather their text.
    return Object.entries(record)
      .filter(([key]) => key !== '$')
      .map(([, child]) => (Array.isArray(child) ? child.map(asText).join(' ') : asText(child)))
      .filter(Boolean)
      .join(' ')
      .trim();
  }
  return '';
}

/**
 * The publication an item comes from: RSS's `<source url="…">Reuters</source>` says it as text;
 * Atom's `<source>` holds the original feed's metadata, of which only its `<title>` names it (its
 * author's address or id is no name).
 */
function sourceName(source: unknown): string {
  const element = atomSourceElement(source);
  return element ? asText(element.title) : asText(Array.isArray(source) ? source[0] : source);
}

/** An Atom `<source>` (an element with children), not RSS's `<source>` text. */
function atomSourceElement(source: unknown): Record<string, unknown> | undefined {
  const element = Array.isArray(source) ? source[0] : source;
  return element && typeof element === 'object' && !('_' in element)
    ? (element as Record<string, unknown>)
    : undefined;
}

function feedAuthor(feed: Record<string, unknown>): string | null {
  return firstAuthor(feed.creator, feed.author, itunesAuthor(feed), feed.managingEditor);
}

/** A podcast's (or an episode's) <itunes:author>, which rss-parser files under `itunes`. */
function itunesAuthor(record: Record<string, unknown>): string {
  return asText(field(record.itunes, 'author'));
}

/**
 * The `<media:credit role="author">` of an item's `<media:content>` or `<media:group>`: Vimeo names a
 * video's uploader only there. Other roles (a photographer, a news agency) did not write the item.
 */
function mediaCreditAuthor(item: Record<string, unknown>): string {
  for (const media of [item.mediaContent, item.mediaGroup]) {
    const credits = field(media, 'media:credit');
    for (const credit of Array.isArray(credits) ? credits : [credits]) {
      const role = field(credit, '$') as Record<string, unknown> | undefined;
      if (typeof role?.role === 'string' && role.role.trim().toLowerCase() === 'author') {
        const name = asText(credit);
        if (name) return name;
      }
    }
  }
  return '';
}

/** A child of a parsed element (an object, or xml2js's array of one), if there is one. */
function field(value: unknown, name: string): unknown {
  const element = Array.isArray(value) ? value[0] : value;
  return element && typeof element === 'object' ? (element as Record<string, unknown>)[name] : undefined;
}

/** The first of the fields that names a person (a field that gives only an address names none). */
function firstAuthor(...candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    const author = cleanAuthor(asText(candidate));
    if (author) return author;
  }
  return null;
}

// A user's profile page: /u/name (Lemmy, Reddit), /user/name, /users/name, /@name (Mastodon).
const profileName = /^https?:\/\/[^/\s]+\/(?:(?:u|user|users)\/|@)([\w.-]{2,40})\/?$/i;
// A fediverse post's own address, https://host/@name/113431234567890123: posted by @name.
const fediversePost = /^https?:\/\/[^/\s]+\/(@[\w.]{1,40})\/\d{6,}$/;

/** Who runs a site or a mailbox, not who wrote a post: never shown as an item's author. */
const roleNames =
  /^(?:the\s+)?(?:web\s*master|post\s*master|host\s*master|no[\s_-]?reply|do[\s_-]?not[\s_-]?reply|admin(?:istrator)?|site\s+admin(?:istrator)?|root|editors?|managing\s+editor|editorial(?:\s+(?:team|staff|board))?)$/i;

/** A blog theme's or a template's stand-in for a name, which no writer is called. */
const placeholderNames =
  /^(?:(?:article|post|unknown)\s+author|author\s+name|your\s+name|unknown|anonymous)$/i;

/**
 * "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>", "Jane Doe (jane@example.com)" and
 * "Jane Doe jane@example.com" and "By Jane Doe" -> "Jane Doe". An address alone ("noreply@blogger.com", "mailto:jane@example.com", a web address) is
 * no name to show: null.
 */
function cleanAuthor(raw: string): string | null {
  const text = htmlToText(raw);
  if (!text) return null;
  const named =
    /^\S+@\S+\s*\(([^)]+)\)$/.exec(text) ??
    /^([^<@]+?)\s*<[^<>\s]+@[^<>\s]+>$/.exec(text) ??
    // "Jane Doe (jane@example.com)", as the Podcasting 2.0 namespace's example writes episode authors.
    /^([^<@()]+?)\s*\((?:mailto:)?[^\s@()]+@[^\s@()]+\)$/i.exec(text) ??
    // "Jane Doe jane@example.com": the name, then the address with nothing around it.
    /^([^<@]+?)\s+(?:mailto:)?[^\s@<>()]+@[^\s@<>()]+$/i.exec(text);
  // A byline copied whole ("By Raj Patel", as news wires write <dc:creator>) is the name after "By".
  // So is "Author: Luke" (a JSON Feed theme's label written into the name).
  const name = (named?.[1] ?? text).trim().replace(/^(?:by:?|author:)\s+(?=\S)/i, '');
  // A profile's address names its user (Lemmy's <dc:creator>https://lemmy.example/u/ana</dc:creator>).
  const profile = profileName.exec(name);
  if (profile) return profile[1] as string;
  // Any other address, e-mail or web (BBC's <dc:creator>http://www.bbc.co.uk/bulgarian/</dc:creator>), names no one.
  if (/^(?:mailto:)?[^\s@]+@[^\s@]+$|^https?:\/\/\S+$/i.test(name)) return null;
  // Nor does a role's mailbox (SEC EDGAR's feed author "Webmaster", copied to every filing), nor a
  // theme's placeholder left in (Planet GNOME's "Article Author", whose <source> names the writer).
  if (roleNames.test(name) || placeholderNames.test(name)) return null;
  return name.slice(0, 200) || null;
}

function parseDate(...candidates: unknown[]): Date | null {
  for (const candidate of candidates) {
    const date = parseFeedDate(dateText(candidate));
    if (date) return date;
  }
  return null;
}

/**
 * A date element's text. Drupal writes an HTML `<time datetime="2019-05-03T19:21:28Z">Fri,
 * 05/03/2019 - 15:21</time>` inside `<pubDate>`: its datetime attribute is the date to read.
 */
function dateText(value: unknown): string {
  return asText(field(field(field(value, 'time'), '$'), 'datetime')) || asText(value);
}

function toCount(...candidates: unknown[]): number | null {
  for (const candidate of candidates) {
    const text = asText(candidate);
    if (/^\d{1,9}$/.test(text)) return Number(text);
  }
  return null;
}

function categoriesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  for (const entry of value) {
    const name = htmlToText(asText(entry));
    if (name) seen.add(name.slice(0, 100));
    if (seen.size >= maxCategories) break;
  }
  return [...seen];
}

function normalizeXmlItem(
  item: Record<string, unknown>,
  base: string,
  defaultAuthor: string | null,
  aggregator: boolean,
  atom: boolean,
  home: string | null,
  /** The entry's xml:lang, else the feed's declared language: which of several language versions is its page. */
  language?: string,
): NormalizedItem {
  const rawTitle =
    base64Text(item.titleElement) ||
    asText(item.title) ||
    asText(item.itunesTitle) ||
    asText(item.mediaTitle) ||
    asText(field(item.mediaGroup, 'media:title')) ||
    asText(field(item.mediaContent, 'media:title'));
  const bodies = [
    item['content:encoded'],
    // An RSS item's `content` is its <description>; only an Atom entry's is its <content>.
    (atom && base64Text(item.contentElement)) || (atom && xmlData(item.contentElement) ? '' : item.content),
    base64Text(item.summaryElement) || item.summary,
    item.atomContent,
    item.dcDescription,
    item.mediaDescription,
    field(item.mediaGroup, 'media:description'),
    field(item.itunes, 'summary'),
    field(item.itunes, 'subtitle'),
  ].map((value) => asText(value));
  // A <media:content>'s description often describes only an image (its alt text): read when nothing else is.
  // Google News's body lists the story's headlines, other publishers' included: no text of the item's own.
  const headlines = aggregator ? aggregatorHeadlines(bodies) : null;
  const { text, comments, points } = headlines
    ? { text: '', comments: null, points: null }
    : readableBody(bodies, [
        asText(item.xhtmlBody),
        asText(item.fullitem),
        asText(field(item.mediaContent, 'media:description')),
      ]);
  const linked =
    entryLink(item, base, language) ??
    alternateAtomLink(item, base) ??
    (atom ? contentSource(item, base) : null) ??
    permalinkGuid(item, base) ??
    rdfAboutLink(item, base) ??
    // A podcast episode with no page of its own is its audio file; a video item, its video.
    canonicalUrl(asText(field(item.enclosure, 'url')), base) ??
    canonicalUrl(asText(field(field(item.mediaContent, '$'), 'url')), base);
  // FeedBurner and Pheedo links count the click, then redirect: the article is the original address.
  const url =
    canonicalUrl(asText(item.origLink), base) ??
    canonicalUrl(asText(item.pheedoOrigLink), base) ??
    linkedArticle(bodies, linked, canonicalUrl(asText(item.comments), base), base) ??
    linked;
  // The dates as written, not rss-parser's isoDate, read by JavaScript's parser: it takes Hugo's
  // "Mon, 01 Jan 0001" placeholder for 2001, and a date with no zone in the server's own zone.
  const publishedAt = parseDate(
    item.published,
    item.pubDate,
    item.dcDate,
    item.updated,
    item.issued,
    item.created,
    item.modified,
    item.atomPublished,
    item.a10Updated,
    item.atomUpdated,
    item.dctermsIssued,
    item.dctermsCreated,
    item.dctermsModified,
    item.datePosted,
    item.lowerPubDate,
    item.bareDate,
    item.prismDate,
  );
  const publication =
    htmlToText(sourceName(item.rssSource)) ||
    (headlines?.[0] ?? '') ||
    (aggregator ? publicationSuffix(htmlToText(rawTitle)) : '');
  // An Atom entry's <source> describes the feed it was copied from: its author, not its title, is
  // the entry's author when the entry names none (RFC 4287 4.2.1); then comes the feed's own author.
  const atomSource = atom ? atomSourceElement(item.rssSource) : undefined;
  const title = withoutPublication(htmlToText(rawTitle), publication) || fallbackTitle(text);
  const guid = asText(item.guid) || asText(item.id) || asText(item['rdf:about']);
  // The site's home page names no one story (a feed of site updates, each linking to the front
  // page): such an item is known by its title and date, or each new one would pass for the last.
  // (Only a short web address is parsed: most GUIDs are ids or article addresses, longer than a home page's.)
  const guidNamesHome =
    home !== null &&
    guid.length <= home.length + 8 &&
    /^https?:\/\//i.test(guid) &&
    canonicalUrl(guid) === home;
  return finishItem({
    guid: guidNamesHome ? '' : guid,
    url,
    // Keys made from the link stay as they were before origLink was read: nothing is new twice.
    keyUrl: home !== null && linked === home ? null : linked,
    title,
    text,
    author:
      firstAuthor(
        item.creator,
        item.author,
        item.dcAuthor,
        field(item.atomAuthor, 'atom:name'),
        item.saAuthorName,
        itunesAuthor(item),
        mediaCreditAuthor(item),
        item.dcContributor,
        // A press wire's release names its issuer as publisher (the feed's editor is the wire's newsdesk).
        item.dcPublisher,
        atomSource ? field(atomSource.author, 'name') : publication,
      ) ??
      defaultAuthor ??
      // A Mastodon post names its poster nowhere but in its address.
      (url ? (fediversePost.exec(url)?.[1] ?? null) : null),
    publishedAt,
    categories: categoriesOf(item.categories),
    commentCount: toCount(item.slashComments, item.thrTotal) ?? comments,
    points: points ?? siteScore(item.reRank, url),
    rating: starRating(item.imRating, item.revRating),
  });
}

/**
 * The text of the longest body, else of the next longest, when the longest is markup alone (an
 * out-of-line Atom content's `<content src="…"/>`, a body that is only an image or a video); the
 * second set of bodies only when the first has no text.
 */
function readableBody(...sets: string[][]): BodyText {
  let first: BodyText | undefined;
  for (const bodies of sets) {
    const byLength = bodies.filter(Boolean).sort((a, b) => b.length - a.length);
    for (const body of byLength) {
      const read = bodyText(body);
      if (read.text) return read;
      // A body that is only a forum's footer has no text, but has the comment count.
      first ??= read;
    }
  }
  return first ?? { text: '', comments: null, points: null };
}

/**
 * Atom content of an XML media type other than XHTML (`type="text/xml"`: SEC EDGAR's filing record,
 * `<accession-number>…<size>312 KB</size>`) is data for programs, not text: the summary says it.
 */
function xmlData(element: unknown): boolean {
  const type = asText(field(field(element, '$'), 'type')).toLowerCase();
  return /^[\w.+-]+\/(?:[\w.-]+\+)?xml$/.test(type) && !/xhtml/.test(type);
}

/**
 * The text of an element sent in base64: Atom 0.3's mode="base64", or Atom content of a media type
 * that is neither text nor XML. Null when the element is not, or is not base64 of UTF-8 text.
 */
function base64Text(element: unknown): string | null {
  const attributes = field(element, '$') as Record<string, unknown> | undefined;
  if (!attributes) return null;
  const type = asText(attributes.type).toLowerCase();
  const binaryType = type.includes('/') && !type.startsWith('text/') && !/[+/]xml$/.test(type);
  if (asText(attributes.mode).toLowerCase() !== 'base64' && !binaryType) return null;
  const encoded = asText(element).replace(/\s+/g, '');
  if (!encoded || encoded.length % 4 !== 0 || !/^[A-Za-z\d+/]+={0,2}$/.test(encoded)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64'));
  } catch {
    return null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mean binary data, not text
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text) ? null : text.trim();
}

/** An Atom entry with no link whose content is elsewhere (`<content src="…"/>`): that address is its page. */
function contentSource(item: Record<string, unknown>, base: string): string | null {
  const attributes = field(item.contentElement, '$') as Record<string, unknown> | undefined;
  return canonicalUrl(asText(attributes?.src), base);
}

/** An RSS 1.0 item's own URI (rdf:about), as its address when it gives no link and the URI is a web address. */
function rdfAboutLink(item: Record<string, unknown>, base: string): string | null {
  const about = asText(item['rdf:about']);
  return /^https?:\/\//i.test(about) ? canonicalUrl(about, base) : null;
}

// The phrases of a "read on" link, which blogs close an excerpt with.
const readOn = '(?:Continue reading|Keep reading|Read more|Read the full (?:story|article|post))';
// The links under each page of Confluence's feeds, after "View Online" (see confluenceHeader).
const confluenceLinks =
  '(?:Like|View Changes? Online|Add Comment|Reply|Stop watching (?:page|space)|Manage Notifications)';

/**
 * What tools append to every item, which says nothing about it and would make items read alike:
 * forum footers (Reddit's "submitted by /u/name to /r/sub [link] [12 comments]", in a subreddit's own
 * feed "submitted by /u/name [link] [comments]", Hacker News feeds'
 * "Article URL: … Comments URL: … Points: 5 # Comments: 3", Discourse's "12 posts - 5 participants
 * Read full topic", whose first post is the topic itself), whose comment count is kept since
 * discussion is the signal; and blog endings (Yoast's "The post … appeared first on …", Medium's
 * "… was originally published in … on Medium, where people …", a "Continue reading →" link, after
 * a sentence ends with a few words of its own, or last of all). Each is looked for only in the last
 * 600 characters and where its words are, so a long text is not searched from every position.
 */
// "--- Send in a voice message: https://podcasters.spotify.com/… Support this podcast: https://…", either or both.
const podcastHostLinks =
  /\s*(?:-{3,}\s*)?(?:(?:Send in a voice message|Support this podcast): (?:https?:\/\/)?\S+\s*){1,2}$/i;

const itemEndings: Array<{ marker: string; ending: RegExp; replies?: (count: number) => number }> = [
  {
    marker: 'submitted',
    ending:
      /\s*submitted\s*by\s*\/?(?:u\/)?[\w-]+(?:\s*to\s*\/?(?:r\/)?\w+)?\s*\[link\]\s*\[(?:(\d+|no)\s+)?comments?\]\s*$/i,
    replies: (count) => count,
  },
  {
    marker: 'comments url',
    ending:
      /\s*(?:Article URL: \S+\s+)?Comments URL: \S+\s+Points: (?<points>-?\d+)\s+# Comments: (?<comments>\d+)\s*$/,
    replies: (count) => count,
  },
  {
    marker: 'read full topic',
    ending: /\s*(?:(\d+)\s+posts?\s+-\s+\d+\s+participants?\s+)?Read full topic\s*$/,
    replies: (count) => Math.max(0, count - 1),
  },
  // A press wire's link back to itself under each release (ACCESSWIRE's).
  {
    marker: 'view the original press release on',
    ending: /\s*View the original press release on \S.{0,60}$/i,
  },
  // A newsroom's press contacts closing a release ("Press Contacts Jane Roe Acme jroe@acme.example"): names
  // and an address or a phone number, nothing about the news.
  {
    marker: ' contact',
    ending:
      /\s*\b(?:Press|Media|Investor)(?: (?:and|&) (?:Media|Investor|Analyst))? Contacts?:?\s+(?=.{0,300}(?:@|\d{3}[\s.-]\d{3,4})).{1,300}$/i,
  },
  // Product Hunt's links under each launch's tagline.
  { marker: 'discussion | link', ending: /\s*Discussion \| Link\s*$/ },
  {
    marker: 'view online',
    ending: new RegExp(String.raw`\s*View Online(?:\s*[·|]\s*${confluenceLinks})*\s*$`),
  },
  {
    // phpBB's topic and post feeds: "Statistics: Posted by name — Tue Nov 05, 2024 4:58 pm — Replies 6 — Views 143".
    marker: 'statistics: posted by',
    ending: /\s*Statistics: Posted by .{1,80}? — [^—]{1,60}?(?: — Replies (\d+)(?: — Views \d+)?)?\s*$/,
    replies: (count) => count,
  },
  // A news site's notice under every excerpt (TechCrunch's "© 2024 TechCrunch. All rights reserved. For personal use only.").
  {
    marker: 'for personal use only',
    ending:
      /\s*(?:©|\(c\)|Copyright)\s*\d{4}\s+[^.!?]{1,80}?\.\s*All rights reserved\.\s*For personal use only\.?\s*$/i,
  },
  // Spotify for Podcasters' (Anchor's) links under every episode's notes.
  { marker: ' this podcast: ', ending: podcastHostLinks },
  { marker: 'send in a voice message: ', ending: podcastHostLinks },
  { marker: ' appeared first on ', ending: /\s*The post .{1,300}? appeared first on .{1,200}?$/ },
  {
    marker: ' on medium, where people are continuing the conversation',
    ending: /\s*[^.!?]{0,300}?\bwas originally published in .{1,200}? on Medium, where people .{1,200}$/,
  },
  {
    marker: 'read',
    ending: new RegExp(
      String.raw`\s*(?:(?<=[.!?…]\s*)${readOn}\b[^.!?]{0,120}?|${readOn})\s*(?:→|»|›|\.\.\.|…)?$`,
      'i',
    ),
  },
];

// A CDATA close escaped with the HTML it followed or led (`&lt;/p&gt;]]&gt;`) is no text at a body's very start or end.
const strayCdataEnds = /^\]\]>\s*|\s*\]\]>$/g;

// Lemmy's header on every post: "submitted by name to community 14 points | 9 comments" (then "URL: …" on a link post).
const lemmyHeader = /^submitted by \S+ to \S+\s+(-?\d+) points? \| (\d+) comments?(?:\s+URL: \S+)?\s*/i;

// arXiv's listing header before each abstract: "arXiv:2411.01234v1 Announce Type: new Abstract: …".
const arxivHeader = /^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s+Announce Type:\s+[\w-]+(?:\s+Abstract:)?\s*/;

// Confluence's feeds open each page with who changed it ("Page <b>edited</b> by <a>Name</a>", the name
// the author field already gives, with the change comment) and close with its links ("View Online · Like ·
// View Changes Online · Add Comment"), the same on every item.
const confluenceHeader =
  /^\s*(?:<div class="feed">)?\s*<p>\s*(?:Page|Blog post|Comment|Attachment|File)\s*<b>\w+<\/b>\s*by\s*<a\b[^>]*>[^<]{1,120}<\/a>(?:\s*-\s*(?:"|&quot;)(?:[^<"&]|<[^>]*>|&(?!quot;)){0,500}(?:"|&quot;))?\s*<\/p>/i;

/**
 * Statements a WordPress plugin's <script> puts before the post (Adhesive's "window.document
 * .getElementById('post-1796').parentNode.className += ' adhesive_post';"), left as plain text when
 * the excerpt strips the tags: only DOM statements at the very start, so prose and code samples stay.
 */
const leadingScript =
  /^(?:(?:window\.)?document\.[\w$]+(?:\.[\w$]+|\([^()]{0,200}\))*(?:\s*\+?=\s*(?:'[^'\n]{0,200}'|"[^"\n]{0,200}"|[\w$.]+))?\s*;\s*)+/;

/**
 * The boxes newsletter platforms put inside a post asking the reader to subscribe or sign in, which
 * say nothing about the post (and made every post of a newsletter read alike): Substack's "Thanks for
 * reading The Support Stack! Subscribe for free to receive new posts and support my work." and "…is a
 * reader-supported publication. To receive new posts and support my work, consider becoming a free or
 * paid subscriber.", Ghost's "This post is for paying subscribers only Subscribe now Already have an
 * account? Sign in". Only those whole blocks: a sentence that merely mentions subscribing stays. Each
 * is looked for only when its own words are in the text.
 */
const signUp = '(?:Subscribe now|Sign up now|Upgrade(?: now)?|Become a (?:paid )?member)';
const signIn = String.raw`Already have an account\?\s*Sign in\.?`;
const platformBoxes: Array<{ marker: string; box: RegExp }> = [
  // A newsletter's email template (Mailchimp's archive feeds): the browser link and the list footer.
  { marker: 'view this email in your browser', box: /\s*View this email in your browser\.?/gi },
  {
    marker: 'unsubscribe from this list',
    // Only with its other half: "unsubscribe from this list" alone may be a sentence of the post.
    box: /\s*(?:(?:Want to change how you receive these emails\?\s*)?You can update your preferences or unsubscribe from this list\.?|unsubscribe from this list\s*\|?\s*update subscription preferences\.?)/gi,
  },
  // XenForo's button under a long quote, whose text is left when the markup is stripped.
  { marker: 'click to expand...', box: /\s*Click to expand\.\.\.(?=\s|$)/g },
  {
    marker: 'subscribe for free',
    box: /\s*Thanks for reading [^.!?]{1,120}[!.]\s*Subscribe for free(?: to receive new posts and support (?:my|our) work)?[.!]?/gi,
  },
  {
    marker: 'reader-supported publication',
    box: /\s*[^.!?]{1,120}? is a reader-supported publication\. To receive new posts and support (?:my|our) work, consider becoming a free or paid subscriber\./gi,
  },
  {
    marker: 'keep reading',
    box: new RegExp(
      String.raw`\s*Keep reading with a \d+-day free trial\s*Subscribe to [^.!?]{1,120}? to keep reading this post and get \d+ days of free access to the full post archives\.` +
        String.raw`(?:\s*Already a paid subscriber\?\s*Sign in\.?)?`,
      'gi',
    ),
  },
  {
    marker: ' only',
    box: new RegExp(
      String.raw`\s*This post is for (?:paying )?(?:subscribers|members)(?: on the [^.!?]{1,60} tiers?)? only\.?\s*` +
        String.raw`(?:${signUp}\.?\s*(?:${signIn})?|${signIn})`,
      'gi',
    ),
  },
];

function withoutPlatformBoxes(text: string): string {
  const lower = text.toLowerCase();
  let out = text;
  for (const { marker, box } of platformBoxes) {
    if (lower.includes(marker)) out = out.replace(box, '');
  }
  return out === text ? text : out.trim();
}

/**
 * An item's body as plain text without the endings tools append (see itemEndings), "[…]" as an
 * ellipsis, and the comment count a forum footer gave. A body that is only a "Comments" link
 * (Hacker News' own feed) is no text.
 */
type BodyText = { text: string; comments: number | null; points: number | null };

function bodyText(html: string): BodyText {
  const markup = html.includes('</b> by') ? html.replace(confluenceHeader, '') : html;
  let text = withoutPlatformBoxes(htmlToText(markup).replace(leadingScript, '').replace(strayCdataEnds, ''));
  let comments: number | null = null;
  let points: number | null = null;
  const header = lemmyHeader.exec(text);
  if (header) {
    text = text.slice(header[0].length);
    points = Number(header[1]);
    comments = Number(header[2]);
  }
  if (text.startsWith('arXiv:')) text = text.replace(arxivHeader, '');
  if (text === 'Comments') return { text: '', comments, points };
  for (const { marker, ending, replies } of itemEndings) {
    const from = Math.max(0, text.length - 600);
    const tail = text.slice(from);
    if (!tail.toLowerCase().includes(marker)) continue;
    const found = ending.exec(tail);
    if (!found) continue;
    text = text.slice(0, from + found.index);
    const count = found.groups?.comments ?? found[1];
    if (replies && comments === null && count !== undefined) {
      comments = /^\d+$/.test(count) ? replies(Number(count)) : 0;
    }
    if (points === null && found.groups?.points !== undefined) points = Number(found.groups.points);
  }
  if (text.endsWith(']')) text = text.replace(/\s*\[(?:…|\.\.\.)\]$/, '…');
  return { text: text.slice(0, maxTextChars), comments, points };
}

/**
 * Whether the first entry is the app itself, which Apple's older customer-review feeds (Atom and JSON)
 * list before the reviews: a name, a price and an icon, no stars (a review never has an `im:name`). Only
 * in a reviews feed (its address says so, or another entry has stars): in a top-apps chart every entry is an app.
 */
function firstIsAppItself(entries: unknown[], feedAddress: string): boolean {
  const has = (entry: unknown, name: string) => {
    const value = field(entry, name);
    return value !== undefined && value !== '';
  };
  const rated = (entry: unknown) => has(entry, 'imRating') || has(entry, 'im:rating');
  const [first, ...rest] = entries;
  return (
    (has(first, 'imName') || has(first, 'im:name')) &&
    !rated(first) &&
    (/\/customerreviews\//i.test(feedAddress) || rest.some(rated))
  );
}

/**
 * The votes an Atom ranking extension's `<re:rank scheme="https://stackoverflow.com">2</re:rank>` gives,
 * when its scheme is the site the entry is on (Stack Exchange's question score); a rank in another
 * scheme may be a place in a list, not votes.
 */
function siteScore(rank: unknown, url: string | null): number | null {
  const score = asText(rank);
  const scheme = asText(field(field(rank, '$'), 'scheme'));
  if (!url || !/^-?\d{1,9}$/.test(score) || !URL.canParse(scheme) || !URL.canParse(url)) return null;
  return new URL(scheme).host === new URL(url).host ? Number(score) : null;
}

/** A review's stars out of 5 (the scale of both review fields) as its verdict, -1 to 1, or null. */
function starRating(...candidates: unknown[]): number | null {
  for (const candidate of candidates) {
    const verdict = verdictOfScore(Number.parseFloat(asText(candidate)), 5);
    if (verdict !== null) return verdict;
  }
  return null;
}

const googleNews = /^https?:\/\/news\.google\.com\//i;

/**
 * A feed's name as people read it: site templates that join the site's name and an empty tagline
 * leave "Rest of World - " or "| Acme Blog"; the dangling separator goes.
 */
function feedTitle(raw: string): string | null {
  const title = htmlToText(raw).replace(danglingSeparators, '');
  return /^[-–—|:·•»«]*$/u.test(title) ? null : title;
}

const danglingSeparators = /^(?:[-–—|:·•»«]\s+)+|(?:\s+[-–—|:·•»«])+$/gu;

/**
 * The publication a news aggregator appends to a headline when it does not name it otherwise
 * (Google News' Atom feeds have no <source>): "Acme raises prices - Reuters" -> "Reuters".
 */
function publicationSuffix(title: string): string {
  const cut = title.lastIndexOf(' - ');
  const suffix = cut > 0 ? title.slice(cut + 3).trim() : '';
  return suffix.length > 0 && suffix.length <= 60 && suffix.split(/\s+/).length <= 6 ? suffix : '';
}

// One entry of Google News's list: a headline's link, then its source in a <font>.
const headlineEntry =
  /<a\b[^>]*>[\s\S]*?<\/a>(?:\s|&nbsp;|&#160;|\u00a0)*(?:<font\b[^>]*>([\s\S]*?)<\/font>)?/gi;

/**
 * The sources of an aggregator's body that is only a list of headlines, each a link and its source
 * (Google News: the item's own first, then related ones and "View Full Coverage"); null for any other body.
 */
function aggregatorHeadlines(bodies: string[]): string[] | null {
  const body = bodies.find((html) => /<font\b/i.test(html));
  if (!body) return null;
  const sources: string[] = [];
  const rest = body.replace(headlineEntry, (_entry, source: string | undefined) => {
    const name = source === undefined ? '' : htmlToText(source);
    if (name) sources.push(name);
    return ' ';
  });
  return sources.length > 0 && htmlToText(rest) === '' ? sources : null;
}

const articleLine = /Article URL:\s*(?:<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']|(https?:\/\/[^\s<"]+))/i;
const commentsLine = /Comments URL:\s*(?:<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']|(https?:\/\/[^\s<"]+))/i;

/**
 * hnrss.org asked for `link=comments` links each item to its Hacker News discussion; the article
 * is the body's "Article URL: …", and is the item's address (its key stays the one its link made).
 */
function linkedArticle(
  bodies: string[],
  linked: string | null,
  comments: string | null,
  base: string,
): string | null {
  if (linked === null) return null;
  for (const body of bodies) {
    const article = articleLine.exec(body);
    if (!article) continue;
    const listed = commentsLine.exec(body);
    const discussion =
      comments ?? (listed ? canonicalUrl(decodeEntities(listed[1] ?? listed[2] ?? ''), base) : null);
    if (discussion !== linked) return null;
    return canonicalUrl(decodeEntities(article[1] ?? article[2] ?? ''), base);
  }
  return null;
}

/** "Acme raises prices - Reuters" from a news aggregator is Reuters' "Acme raises prices". */
function withoutPublication(title: string, publication: string): string {
  const suffix = ` - ${publication}`;
  return publication && title.endsWith(suffix) && title.length > suffix.length
    ? title.slice(0, -suffix.length).trim()
    : title;
}

// Links that never are the article: its license, where to edit it, its comments feed, pagination.
const notTheArticle = new Set([
  'license',
  'edit',
  'edit-media',
  'replies',
  'payment',
  'hub',
  'next',
  'previous',
]);

/**
 * The item's own address: RSS's <link> text; for an Atom entry its rel="alternate" link, else the
 * first that is not a license, an edit link or the like (a link without rel is an alternate).
 */
function entryLink(item: Record<string, unknown>, base: string, language?: string): string | null {
  const links = Array.isArray(item.linkElements) ? (item.linkElements as unknown[]) : [];
  // A link with an empty href (a template with no value) is no link.
  const described = links
    .map((link) => field(link, '$') as Record<string, unknown> | undefined)
    .filter((attributes) => asText(attributes?.href) !== '');
  if (described.length === 0) {
    return canonicalUrl(asText(item.link), linkBase(field(links[0], '$') as Record<string, unknown>, base));
  }
  const rel = (attributes: Record<string, unknown> | undefined) => asText(attributes?.rel);
  // A web page that says rel="alternate" first (as rss-parser chose, so keys stay), then one with no
  // rel; an alternate of another type (the paper as a PDF, the feed as RSS) only when no page is given.
  const pages = described.filter((attributes) => rel(attributes) === 'alternate' && isWebPage(attributes));
  const chosen =
    inLanguage(pages, language) ??
    pages[0] ??
    described.find((attributes) => rel(attributes) === '' && isWebPage(attributes)) ??
    described.find((attributes) => rel(attributes) === 'alternate') ??
    described.find((attributes) => !notTheArticle.has(rel(attributes)));
  return chosen ? canonicalUrl(asText(chosen.href), linkBase(chosen, base)) : null;
}

/**
 * Of an entry's pages in several languages (`hreflang`), the one in `language` (the entry's or the
 * feed's): the same tag first ("en-GB"), else the same language ("en" for "en-GB", "en-US" for "en").
 */
function inLanguage(
  pages: Array<Record<string, unknown> | undefined>,
  language: string | undefined,
): Record<string, unknown> | undefined {
  if (!language || pages.length < 2) return undefined;
  const tag = (value: unknown) => asText(value).toLowerCase().replace(/_/g, '-');
  const wanted = tag(language);
  const primary = (value: string) => value.split('-')[0];
  return (
    pages.find((page) => tag(page?.hreflang) === wanted) ??
    pages.find((page) => tag(page?.hreflang) !== '' && primary(tag(page?.hreflang)) === primary(wanted))
  );
}

/** A link whose type, if it gives one, is a web page's (not a PDF, an image, or the feed as RSS). */
function isWebPage(attributes: Record<string, unknown> | undefined): boolean {
  const type = asText(attributes?.type).toLowerCase();
  return type === '' || type === 'text/html' || type === 'application/xhtml+xml';
}

/**
 * An Atom feed's home page: its rel="alternate" web page, else one without rel, else another that is
 * not a license, hub or the like, and its own address (rel="self") only last. A relative one in a
 * saved file resolves against that own address, as it would against the address it was fetched from.
 */
function atomFeedLink(raw: RawFeed, feedBase: string): string | null {
  const links = (Array.isArray(raw.feedLinks) ? raw.feedLinks : [])
    .map((link) => field(link, '$') as Record<string, unknown> | undefined)
    .filter((attributes): attributes is Record<string, unknown> => attributes?.href !== undefined);
  if (links.length === 0) return canonicalUrl(asText(raw.link), feedBase);
  const rank = (attributes: Record<string, unknown>) => {
    const rel = asText(attributes.rel);
    // The same feed as RSS (rel="alternate" type="application/rss+xml") is no home page.
    if (rel === 'alternate' || rel === '') return (rel === '' ? 1 : 0) + (isWebPage(attributes) ? 0 : 1.5);
    if (rel === 'self') return 3;
    return notTheArticle.has(rel) ? 4 : 2;
  };
  const own = links.find((attributes) => rank(attributes) === 3);
  const base = /^https?:/i.test(feedBase) ? feedBase : (canonicalUrl(asText(own?.href)) ?? feedBase);
  for (const attributes of links.filter((link) => rank(link) < 4).sort((a, b) => rank(a) - rank(b))) {
    const url = canonicalUrl(asText(attributes.href), linkBase(attributes, base));
    if (url) return url;
  }
  return null;
}

/** A <link> may carry an xml:base of its own (gofeed's issue 358). */
function linkBase(attributes: Record<string, unknown> | undefined, base: string): string {
  return underXmlBase(asText(attributes?.['xml:base']), base);
}

function alternateAtomLink(item: Record<string, unknown>, base: string): string | null {
  const links = Array.isArray(item.atomLinks) ? (item.atomLinks as unknown[]) : [];
  for (const link of links) {
    const attributes = field(link, '$') as Record<string, unknown> | undefined;
    const rel = asText(attributes?.rel);
    if (!rel || rel === 'alternate') {
      const url = canonicalUrl(asText(link), base);
      if (url) return url;
    }
  }
  return null;
}

/**
 * An RSS guid is a permalink unless it says isPermaLink="false". A web address is taken as one; a
 * relative one ("/p/123") only when the guid says isPermaLink="true" or starts with a single "/".
 */
function permalinkGuid(item: Record<string, unknown>, base: string): string | null {
  const guid = asText(item.guid);
  if (/^https?:\/\//i.test(guid)) return canonicalUrl(guid, base);
  const attributes = field(item.guidElement, '$') as Record<string, unknown> | undefined;
  const permalink = asText(attributes?.isPermaLink).toLowerCase();
  if (permalink === 'false' || !/^https?:/i.test(base)) return null;
  return permalink === 'true' || /^\/[^/\s]/.test(guid) ? canonicalUrl(guid, base) : null;
}

const untitled = '(untitled)';

/**
 * A title for an item that has none (a Mastodon post, a forum reply): its first sentence when that
 * reads as a headline, else its opening words.
 */
function fallbackTitle(text: string): string {
  if (!text) return untitled;
  if (text.length <= 90) return text;
  const sentence = /^(.{20,120}?[.!?])(?:\s|$)/.exec(text)?.[1];
  return sentence ?? `${text.slice(0, 90).replace(/\s+\S*$/, '')}…`;
}

/**
 * A press release's closing "SOURCE: Umbrella Corp" (ACCESSWIRE's, after its dateline and text): the
 * issuing company, in capitals as wires write it, last in the text and a name's length (not a sentence).
 */
const pressReleaseSource = /(?:^|\s)SOURCE:\s*([^\s:.!?][^:!?\n]{0,79}?)\s*$/;

/** The issuer a press release names at its end, when it does. */
function pressReleaseIssuer(text: string): string | null {
  const name = pressReleaseSource.exec(text.slice(-200))?.[1];
  return name ? cleanAuthor(name) : null;
}

function finishItem(fields: {
  guid: string;
  url: string | null;
  keyUrl?: string | null;
  title: string;
  text: string;
  author: string | null;
  publishedAt: Date | null;
  categories: string[];
  commentCount: number | null;
  points?: number | null;
  rating?: number | null;
}): NormalizedItem {
  const keyUrl = fields.keyUrl === undefined ? fields.url : fields.keyUrl;
  const key = itemKey(fields.guid, keyUrl, fields.title, fields.publishedAt);
  const legacyKey = legacyItemKey(fields.guid, keyUrl);
  const contentHash = createHash('sha1')
    .update(fields.title)
    .update('\u0000')
    .update(fields.text)
    .digest('base64url');
  return {
    key,
    url: fields.url,
    title: truncateText(fields.title, 500),
    // An item naming no author, a press release that ends "SOURCE: Umbrella Corp", is its issuer's.
    author: fields.author ?? pressReleaseIssuer(fields.text),
    publishedAt: fields.publishedAt,
    text: fields.text,
    categories: fields.categories,
    commentCount: fields.commentCount,
    points: fields.points ?? null,
    rating: fields.rating ?? null,
    contentHash,
    ...(legacyKey ? { legacyKey } : {}),
  };
}

/** Stable identity of an item within its feed: GUID, else canonical URL, else a hash of title and date. */
export function itemKey(guid: string, url: string | null, title: string, publishedAt: Date | null): string {
  const trimmed = guid.trim();
  if (trimmed) return boundedKey(trimmed);
  if (url) return boundedKey(url);
  return `sha1:${createHash('sha1')
    .update(title)
    .update('\u0000')
    .update(publishedAt?.toISOString() ?? '')
    .digest('hex')}`;
}

/**
 * The key an item whose GUID or address is longer than 500 characters was stored under before keys
 * kept a hash of the whole (its first 500 characters), so it is found and re-keyed, never new twice.
 */
export function legacyItemKey(guid: string, url: string | null): string | undefined {
  const value = guid.trim() || url || '';
  return value.length > 500 ? value.slice(0, 500) : undefined;
}

/**
 * A key of at most 500 characters: a longer GUID or address (a deep link with a long session
 * parameter) keeps its first 459 and a hash of the whole, so two that differ only further on stay two.
 */
export function boundedKey(value: string): string {
  if (value.length <= 500) return value;
  return `${value.slice(0, 459)}#${createHash('sha1').update(value).digest('hex')}`;
}

/**
 * An item with no title, text, link or identifier (an empty `<item/>`, one with only a date) has
 * nothing to show or to tell apart from the next such one: it is skipped.
 */
function hasSubstance(item: NormalizedItem): boolean {
  return Boolean(item.url || item.text || item.title !== untitled || !item.key.startsWith('sha1:'));
}

/**
 * One item per key. A GUID shared by different stories (a misconfigured feed giving every item the
 * site's address) identifies none of them: those items are keyed by their URL, else title and date,
 * rather than all but the first being dropped. Items that share a GUID (or none) and an article's
 * address are one story listed twice (a CMS listing a post again after an edit, under a new title):
 * one item, the later dated (undated or on the same date, the one listed first, as feeds list newest
 * first), where the first was listed. A
 * site's front page is no article: stories that all link there stay apart by title and date.
 */
function dedupeByKey(items: NormalizedItem[], home: string | null): NormalizedItem[] {
  const first = new Map<string, NormalizedItem>();
  const shared = new Set<string>();
  for (const item of items) {
    const seen = first.get(item.key);
    if (!seen) first.set(item.key, item);
    else if (seen.url !== item.url || (seen.title !== item.title && !isArticle(item.url, home)))
      shared.add(item.key);
  }
  // Stories under a shared GUID often share a URL too (the home page): then title and date decide.
  const urlStories = new Map<string, Set<string>>();
  for (const item of items) {
    if (!shared.has(item.key) || !item.url) continue;
    const titles = urlStories.get(item.url) ?? new Set<string>();
    urlStories.set(item.url, titles.add(item.title));
  }
  const byKey = new Map<string, NormalizedItem>();
  for (const item of items) {
    let key = item.key;
    if (shared.has(key)) {
      const url =
        item.url && (urlStories.get(item.url)?.size === 1 || isArticle(item.url, home)) ? item.url : null;
      key = itemKey('', url, item.title, item.publishedAt);
    }
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, key === item.key ? item : { ...item, key });
    // Undated, or on the same date, the copy listed first stays: feeds list newest first.
    else if (seen.title !== item.title && laterThan(item, seen)) byKey.set(key, { ...item, key });
  }
  return [...byKey.values()];
}

const versionOnly = /^v?\d+(?:\.\d+)+(?:[-+.][\w.]+)?$/i;
const releaseFeed =
  /\b(?:release notes|releases|recent updates|versions|tags)\s+(?:from|for|of)\s+(\S.{0,80})$/i;

/**
 * A release feed's items titled by version alone ("2.1.0" on PyPI, "v5.0.1" on GitHub) name what was
 * released, from the feed's title ("PyPI recent updates for globex-assist", "Release notes from
 * desk-cli"): "globex-assist 2.1.0". Keys stay as they were (made before).
 */
function withReleaseSubject(items: NormalizedItem[], feedTitle: string | null): NormalizedItem[] {
  const subject = feedTitle ? releaseFeed.exec(feedTitle)?.[1]?.trim() : undefined;
  if (!subject) return items;
  return items.map((item) =>
    versionOnly.test(item.title) ? { ...item, title: `${subject} ${item.title}` } : item,
  );
}

// Nitter's title for an account's feed, "Priya Raman / @priya_cx"; a Mastodon account's page, https://host/@priya.
const nitterTitle = /^(.{1,100}?) \/ (@\w{1,40})$/;
const fediverseProfile = /^https?:\/\/[^/\s]+\/(@[\w.]{1,40})\/?$/;

/**
 * A social account's feed names its owner by display name only in its own title, and its posts by
 * handle (Mastodon's user feed: "@priya" from each post's address; Nitter's `dc:creator` "@priya_cx"):
 * the owner's posts take the name; a post by another account (a boost, a retweet) keeps its handle.
 */
function withDisplayName(
  items: NormalizedItem[],
  feedTitle: string | null,
  link: string | null,
): NormalizedItem[] {
  if (!feedTitle) return items;
  const nitter = nitterTitle.exec(feedTitle);
  const handle = (nitter?.[2] ?? (link ? fediverseProfile.exec(link)?.[1] : undefined))?.toLowerCase();
  const name = (nitter?.[1] ?? feedTitle).trim();
  if (!handle || name.startsWith('@')) return items;
  return items.map((item) => (item.author?.toLowerCase() === handle ? { ...item, author: name } : item));
}

/** An address that names one article: not missing, not the feed's home page nor a site's front page. */
function isArticle(url: string | null, home: string | null): boolean {
  if (!url || url === home) return false;
  if (!URL.canParse(url)) return true;
  const { pathname, search } = new URL(url);
  return pathname !== '/' || search !== '';
}

/** Whether `next` is dated after `seen` (no date counts as earliest): then it takes `seen`'s place. */
function laterThan(next: NormalizedItem, seen: NormalizedItem): boolean {
  return (next.publishedAt?.getTime() ?? -Infinity) > (seen.publishedAt?.getTime() ?? -Infinity);
}

// A field of the wrong type (a title that is a list, a url that is a number) is read as absent:
// one odd field never drops its item, nor one odd item its feed.
const optionalText = z.string().optional().catch(undefined);
const JsonFeedAuthor = z.object({ name: optionalText, url: optionalText }).loose();
const JsonFeedAuthors = z
  .array(z.unknown())
  .transform((authors) =>
    authors.flatMap((author) => {
      const parsed = JsonFeedAuthor.safeParse(author);
      return parsed.success ? [parsed.data] : [];
    }),
  )
  .optional()
  .catch(undefined);
const JsonFeedItem = z
  .object({
    id: z.union([z.string(), z.number()]).optional().catch(undefined),
    url: optionalText,
    external_url: optionalText,
    title: optionalText,
    content_html: optionalText,
    content_text: optionalText,
    summary: optionalText,
    date_published: optionalText,
    date_modified: optionalText,
    author: JsonFeedAuthor.optional().catch(undefined),
    authors: JsonFeedAuthors,
    tags: z.array(z.string()).optional().catch(undefined),
    language: optionalText,
    attachments: z
      .array(z.object({ url: optionalText }).loose())
      .optional()
      .catch(undefined),
  })
  .loose();
const JsonFeed = z
  .object({
    version: optionalText,
    title: optionalText,
    home_page_url: optionalText,
    feed_url: optionalText,
    author: JsonFeedAuthor.optional().catch(undefined),
    authors: JsonFeedAuthors,
    language: optionalText,
    // Required by the spec, but a feed that says it is a JSON Feed and has no items yet is an empty one.
    items: z.array(z.unknown()).optional(),
  })
  .loose();

/**
 * JSON Feed by its version URL, or, from generators that write the version as "1.1" or leave it
 * out, by the fields only a JSON Feed has (an API's JSON with an "items" list has neither): the
 * feed's own addresses, or items with a `content_html`, `content_text` or `date_published`.
 */
function isJsonFeed(feed: z.infer<typeof JsonFeed>): boolean {
  if (/jsonfeed\.org\/version\//i.test(feed.version ?? '')) return true;
  const versionLike = feed.version === undefined || /^\d+(?:\.\d+)?$/.test(feed.version.trim());
  if (!versionLike || feed.items === undefined) return false;
  if (feed.home_page_url !== undefined || feed.feed_url !== undefined) return true;
  return feed.items.some(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      ('content_html' in item || 'content_text' in item || 'date_published' in item),
  );
}

// Apple's iTunes JSON (customer reviews, …/rss/customerreviews/id=N/…/json): a feed of `entry`
// objects whose every field is `{ "label": "…" }` and whose links are `{ "attributes": { "href" } }`;
// a feed of one entry writes it as an object, not a list.
const labelText = z
  .object({ label: z.union([z.string(), z.number()]) })
  .loose()
  .transform((field) => String(field.label))
  .optional()
  .catch(undefined);
const AppleLink = z
  .object({ attributes: z.object({ rel: optionalText, href: optionalText }).loose() })
  .loose();
const AppleLinks = z
  .union([AppleLink.transform((link) => [link]), z.array(z.unknown())])
  .transform((links) =>
    links.flatMap((link) => {
      const parsed = AppleLink.safeParse(link);
      return parsed.success ? [parsed.data.attributes] : [];
    }),
  )
  .optional()
  .catch(undefined);
const AppleAuthor = z.object({ name: labelText }).loose().optional().catch(undefined);
const AppleEntry = z
  .object({
    id: labelText,
    title: labelText,
    content: labelText,
    updated: labelText,
    author: AppleAuthor,
    'im:rating': labelText,
    link: AppleLinks,
    category: z
      .object({ attributes: z.object({ label: optionalText, term: optionalText }).loose() })
      .loose()
      .optional()
      .catch(undefined),
  })
  .loose();
const AppleFeed = z.object({
  feed: z
    .object({
      id: labelText,
      title: labelText,
      author: AppleAuthor,
      link: AppleLinks,
      entry: z
        .union([
          z.array(z.unknown()),
          z
            .object({})
            .loose()
            .transform((entry) => [entry]),
        ])
        .optional()
        .catch(undefined),
    })
    .loose(),
});
const appleReviewsJson =
  /^https?:\/\/itunes\.apple\.com\/[^?#\s]*\/rss\/customerreviews\/[^?#\s]*\/json(?=$|[?#])/i;

/** The alternate link's address, else the first one's (a review's only link is `rel="related"`, as in the Atom). */
function appleLink(
  links: { rel?: string | undefined; href?: string | undefined }[] | undefined,
  base: string,
) {
  const alternate = links?.find((link) => (link.rel ?? 'alternate') === 'alternate' && link.href);
  return canonicalUrl((alternate ?? links?.find((link) => link.href))?.href, base);
}

/**
 * Apple's label-style JSON read as its Atom twin is (format "json"): an entry's title, content,
 * author, date, id, link and `im:rating` (its stars, kept as a review's score); null for other JSON.
 * Known by its `entry` list, or, with no reviews yet, by its customer-reviews address.
 */
function parseAppleJson(data: unknown, feedUrl: string): ParsedFeed | null {
  const parsed = AppleFeed.safeParse(data);
  if (!parsed.success) return null;
  const feed = parsed.data.feed;
  if (feed.id === undefined && feed.title === undefined) return null;
  if (feed.entry === undefined && !appleReviewsJson.test(feed.id?.trim() ?? '')) return null;
  const link = appleLink(feed.link, feedUrl);
  const defaultAuthor = feed.author?.name ?? null;
  const items: NormalizedItem[] = [];
  const entries = feed.entry ?? [];
  // From the second entry when the first is the app itself, listed before its reviews.
  for (const entry of entries.slice(firstIsAppItself(entries, `${feedUrl} ${feed.id ?? ''}`) ? 1 : 0)) {
    // One odd entry never drops the feed: skip just that entry.
    const read = AppleEntry.safeParse(entry);
    if (!read.success) continue;
    const item = read.data;
    const text = htmlToText(item.content ?? '').slice(0, maxTextChars);
    const category = item.category?.attributes.label ?? item.category?.attributes.term;
    items.push(
      finishItem({
        guid: item.id ?? '',
        url: appleLink(item.link, link ?? feedUrl),
        title: htmlToText(item.title ?? '') || fallbackTitle(text),
        text,
        author: firstAuthor(item.author?.name, defaultAuthor),
        publishedAt: parseDate(item.updated),
        categories: category ? [htmlToText(category)].filter(Boolean) : [],
        commentCount: null,
        rating: starRating(item['im:rating']),
      }),
    );
  }
  const title = feedTitle(feed.title ?? '');
  return {
    format: FeedFormat.Json,
    title,
    link,
    ttlMinutes: null,
    language: null,
    items: dedupeByKey(items.filter(hasSubstance), link),
  };
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((entry) => entry !== null).map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== null) copy[key] = withoutNulls(entry);
  return copy;
}

function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedError(
      FeedErrorCode.Malformed,
      `The feed looks like JSON but cannot be read (${describeXmlError(error)}); ask the publisher to fix it.`,
    );
  }
  // Many generators write null for an absent field; absent it is.
  let cleaned: unknown;
  try {
    cleaned = withoutNulls(data);
  } catch {
    throw new FeedError(
      FeedErrorCode.Malformed,
      'The feed looks like JSON but is nested far too deeply to be a feed; ask the publisher to fix it.',
    );
  }
  const feed = JsonFeed.safeParse(cleaned);
  if (!feed.success || !isJsonFeed(feed.data)) {
    const apple = parseAppleJson(cleaned, feedUrl);
    if (apple) return apple;
    throw notAFeed('it is JSON, but not a JSON Feed (https://jsonfeed.org)');
  }
  const base =
    canonicalUrl(feed.data.home_page_url, feedUrl) ?? canonicalUrl(feed.data.feed_url, feedUrl) ?? feedUrl;
  const defaultAuthor = feed.data.authors?.[0]?.name ?? feed.data.author?.name ?? null;
  const items: NormalizedItem[] = [];
  for (const entry of feed.data.items ?? []) {
    // One odd item never drops the feed: skip just that item.
    const parsed = JsonFeedItem.safeParse(entry);
    if (!parsed.success) continue;
    const item = parsed.data;
    const text = (
      item.content_html ? htmlToText(item.content_html) : htmlToText(item.content_text ?? item.summary ?? '')
    ).slice(0, maxTextChars);
    // A podcast episode with no page of its own is its audio file, as in RSS.
    const url =
      canonicalUrl(item.url, base) ??
      canonicalUrl(item.external_url, base) ??
      canonicalUrl(item.attachments?.[0]?.url, base);
    items.push(
      withDeclaredLanguage(
        finishItem({
          guid: item.id === undefined ? '' : String(item.id),
          url,
          title: htmlToText(item.title ?? '') || fallbackTitle(text),
          text,
          author: firstAuthor(item.authors?.[0]?.name, item.author?.name, defaultAuthor),
          publishedAt: parseDate(item.date_published, item.date_modified),
          categories: (item.tags ?? [])
            .map((tag) => htmlToText(tag))
            .filter(Boolean)
            .slice(0, maxCategories),
          commentCount: null,
        }),
        item.language,
      ),
    );
  }
  const link = canonicalUrl(feed.data.home_page_url, feedUrl);
  const title = feedTitle(feed.data.title ?? '');
  return {
    format: FeedFormat.Json,
    title,
    link,
    ttlMinutes: null,
    language: declaredLanguage(feed.data.language),
    items: withReleaseSubject(dedupeByKey(items, link), title),
  };
}
