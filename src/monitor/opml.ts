import { UserError } from '../errors.ts';
import { canonicalUrl, feedAddressKey, withoutFeedScheme } from './canonical-url.ts';
import { feedKinds } from './feed-kind.ts';
import { decodeEntities } from './html-text.ts';

const OPML_FEED_KINDS = feedKinds;

/**
 * `problem`: why the outline's address cannot be a feed's (it is kept so the import can say so).
 * `paused`: Briefbot exported the feed paused (see pausedAttribute).
 * `folder`: the name of the folder the kind came from, when it came from one.
 */
export type OpmlFeed = {
  url: string;
  title?: string;
  siteUrl?: string;
  kind?: string;
  /** The competitor a competitor's feed stands for, as Briefbot exported it (see competitorAttribute). */
  competitor?: string;
  folder?: string;
  /** The folder it sat in when that folder named no kind Briefbot knows ("Tech"): added as news. */
  unknownFolder?: string;
  paused?: true;
  problem?: string;
  /** The address of an earlier outline of the file naming the same feed: it is read once, and this one reported. */
  listedBefore?: string;
};

export type OpmlExportFeed = {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  kind?: string | null;
  competitor?: string | null;
  paused?: boolean;
};

// Briefbot's own state on an outline, in its own XML namespace so other readers ignore it.
const briefbotNamespace = 'urn:briefbot:opml';
const pausedAttribute = 'briefbot:paused';
const kindAttribute = 'briefbot:kind';
const competitorAttribute = 'briefbot:competitor';

export type BuildOpmlOptions = { title: string; now: Date };

/** A user error, so that wherever it surfaces the person reads why the list was refused. */
export class OpmlError extends UserError {
  /**
   * `feed`: the document is a feed (RSS, Atom, RDF), given where a list of feeds was expected;
   * `empty`: it is an OPML list, but one with no feeds in it (an export of no feeds writes one);
   * `cutShort`: it is an OPML list that ends in the middle of a tag (a download or copy cut off);
   * `unusable`: it is an OPML list, but none of its feeds gives a full web address.
   * Otherwise the document is no OPML list, and the message says why as a clause that notAnOpmlList
   * continues ("it begins with <html>, …"), so the refusal says "not an OPML list" once.
   */
  constructor(
    message: string,
    readonly feed = false,
    readonly empty = false,
    readonly cutShort = false,
    readonly unusable = false,
  ) {
    super('INVALID_OPML', message);
    this.name = 'OpmlError';
  }
}

/**
 * The refusal shown for a source ("address" or "file") that is not an OPML list, or a list of no feeds;
 * a feed is told how to add it (`addCommand`: "`/brief feeds add <url>`" in Slack).
 */
export function notAnOpmlList(error: OpmlError, source: 'address' | 'file', addCommand?: string): UserError {
  if (error.empty)
    return new UserError(
      'INVALID_OPML',
      `That ${source} is a list of feeds with no feeds in it, so there is nothing to import. Check that it is the list you meant: a feed reader's export lists your feeds, and Briefbot's lists none when it watches none.`,
    );
  if (error.unusable)
    return new UserError(
      'INVALID_OPML',
      `That ${source} is an OPML list, but none of its feeds gives a full web address (one starting with https://), so nothing was imported. Ask whoever made the list for one with full addresses.`,
    );
  if (error.cutShort) return new UserError('INVALID_OPML', `That ${source} is ${error.message}`);
  if (error.feed && addCommand)
    return new UserError(
      'INVALID_OPML',
      `That ${source} is a feed, not an OPML list. Add it with ${addCommand}.`,
    );
  const next =
    source === 'file'
      ? 'Export your feeds from your feed reader as OPML (a .opml file) and import that file.'
      : 'Give the address of the OPML file itself (what feed readers export), not of a page about it.';
  return new UserError('INVALID_OPML', `That ${source} is not an OPML list: ${error.message} ${next}`);
}

type XmlTag = { name: string; isEnd: boolean; selfClosing: boolean; attributes: Map<string, string> };

// The kind named by the nearest enclosing folder, kept per open outline so lookups stay O(1).
type OpenOutline = { folderKind: string | undefined; folder: string | undefined; unknownFolder?: string };

const KINDS = new Set<string>(OPML_FEED_KINDS);

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function isNameEnd(code: number): boolean {
  return isSpace(code) || code === 0x2f || code === 0x3e || code === 0x3d;
}

/** Index after a `<!…>` declaration such as DOCTYPE, whose internal subset may hold ">" and quotes. */
function skipDeclaration(xml: string, from: number): number {
  let depth = 0;
  let quote = 0;
  for (let index = from; index < xml.length; index++) {
    const code = xml.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) quote = code;
    else if (code === 0x5b) depth++;
    else if (code === 0x5d) depth--;
    else if (code === 0x3e && depth <= 0) return index + 1;
  }
  return -1;
}

/** Reads the tag whose name starts at `from`; null when the document ends inside it. */
function readTag(xml: string, from: number, isEnd: boolean): { tag: XmlTag; end: number } | null {
  const length = xml.length;
  let index = from;
  while (index < length && !isNameEnd(xml.charCodeAt(index))) index++;
  const name = xml.slice(from, index).toLowerCase();
  const attributes = new Map<string, string>();
  let selfClosing = false;
  while (index < length) {
    const code = xml.charCodeAt(index);
    if (code === 0x3e) return { tag: { name, isEnd, selfClosing, attributes }, end: index + 1 };
    if (isSpace(code) || code === 0x2f) {
      if (code === 0x2f) selfClosing = true;
      index++;
      continue;
    }
    selfClosing = false;
    const nameStart = index;
    index++;
    while (index < length && !isNameEnd(xml.charCodeAt(index))) index++;
    const attributeName = xml.slice(nameStart, index).toLowerCase();
    while (index < length && isSpace(xml.charCodeAt(index))) index++;
    if (xml.charCodeAt(index) !== 0x3d) continue;
    index++;
    while (index < length && isSpace(xml.charCodeAt(index))) index++;
    const quote = xml.charCodeAt(index);
    let value: string;
    if (quote === 0x22 || quote === 0x27) {
      const close = xml.indexOf(quote === 0x22 ? '"' : "'", index + 1);
      if (close === -1) return null;
      value = xml.slice(index + 1, close);
      index = close + 1;
    } else {
      // Unquoted values are not XML, but hand-written files have them.
      const valueStart = index;
      while (index < length && !isSpace(xml.charCodeAt(index)) && xml.charCodeAt(index) !== 0x3e) index++;
      value = xml.slice(valueStart, index);
    }
    if (!attributes.has(attributeName)) attributes.set(attributeName, decodeEntities(value));
  }
  return null;
}

/**
 * Yields element tags in document order, skipping comments, CDATA, processing instructions and DOCTYPE.
 * `end.cutShort` is set when the document ends inside one of them.
 */
function* scanTags(xml: string, end: { cutShort: boolean }): Generator<XmlTag> {
  let index = 0;
  while (index < xml.length) {
    const open = xml.indexOf('<', index);
    if (open === -1) return;
    let after: number;
    if (xml.startsWith('<!--', open)) {
      const close = xml.indexOf('-->', open + 4);
      after = close === -1 ? -1 : close + 3;
    } else if (xml.startsWith('<![CDATA[', open)) {
      const close = xml.indexOf(']]>', open + 9);
      after = close === -1 ? -1 : close + 3;
    } else if (xml.startsWith('<?', open)) {
      const close = xml.indexOf('?>', open + 2);
      after = close === -1 ? -1 : close + 2;
    } else if (xml.startsWith('<!', open)) {
      after = skipDeclaration(xml, open + 2);
    } else {
      const isEnd = xml.charCodeAt(open + 1) === 0x2f;
      const nameStart = isEnd ? open + 2 : open + 1;
      if (nameStart >= xml.length || isNameEnd(xml.charCodeAt(nameStart))) {
        index = open + 1;
        continue;
      }
      const read = readTag(xml, nameStart, isEnd);
      if (read === null) {
        end.cutShort = true;
        return;
      }
      yield read.tag;
      after = read.end;
    }
    if (after === -1) {
      end.cutShort = true;
      return;
    }
    index = after;
  }
}

function toKind(value: string | undefined): string | undefined {
  const kind = value?.trim().toLowerCase();
  return kind !== undefined && KINDS.has(kind) ? kind : undefined;
}

// People name folders in the plural and in words ("Blogs", "Community & Forums", "Product reviews"):
// the first word that is a kind, or a plural of one, is the kind.
function toKindFromName(value: string | undefined): string | undefined {
  for (const word of value?.toLowerCase().split(/[^a-z]+/) ?? []) {
    const kind = toKind(word) ?? toKind(word.replace(/ies$/, 'y')) ?? toKind(word.replace(/s$/, ''));
    if (kind !== undefined) return kind;
  }
  return undefined;
}

// OPML 2.0 categories are comma-separated slash paths ("/news,/tech/ai"); any segment naming a kind counts.
function kindFromCategory(category: string | undefined): string | undefined {
  if (category === undefined) return undefined;
  for (const segment of category.split(/[,/]/)) {
    const kind = toKindFromName(segment);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

function cleanTitle(value: string | undefined): string | undefined {
  const title = value?.replace(/\s+/g, ' ').trim();
  return title === '' ? undefined : title;
}

function describeTag(name: string): string {
  return name.length > 40 ? `<${name.slice(0, 40)}…>` : `<${name}>`;
}

/**
 * Reads the feeds of an OPML 1.0/2.0 document: every `<outline>` with an `xmlUrl`, at any depth.
 * URLs are canonicalised (see canonicalUrl); outlines whose xmlUrl is not http(s) and repeated feeds
 * (see feedAddressKey) are skipped. The kind comes from `briefbot:kind` (or the older `briefbotKind`), else
 * `category`, else the nearest folder's name.
 * `briefbot:paused="true"` (written by buildOpml) keeps a paused feed paused.
 * Throws OpmlError when the document is not OPML or lists no feeds.
 */
export function parseOpml(xml: string): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  // Each feed's address key, and the address it was first listed under.
  const seen = new Map<string, string>();
  const open: OpenOutline[] = [];
  let rootSeen = false;
  let feedOutlines = 0;
  const end = { cutShort: false };

  for (const tag of scanTags(xml, end)) {
    if (!rootSeen) {
      if (tag.isEnd) continue;
      if (tag.name !== 'opml') {
        throw new OpmlError(
          `it begins with ${describeTag(tag.name)}, where an OPML list begins with <opml>.`,
          /^(?:rss|feed|rdf:rdf)$/i.test(tag.name),
        );
      }
      rootSeen = true;
      continue;
    }
    if (tag.name !== 'outline') continue;
    if (tag.isEnd) {
      open.pop();
      continue;
    }

    const { attributes } = tag;
    const xmlUrl = attributes.get('xmlurl')?.trim();
    const isFolder = xmlUrl === undefined;
    const ownKind = isFolder
      ? (toKindFromName(attributes.get('text')) ?? toKindFromName(attributes.get('title')))
      : (toKind(attributes.get(kindAttribute)) ??
        // Lists exported before the kind was namespaced wrote briefbotKind.
        toKind(attributes.get('briefbotkind')) ??
        kindFromCategory(attributes.get('category')));
    const parent = open.at(-1);
    const inherited = parent?.folderKind;
    const folderName = cleanTitle(attributes.get('title')) ?? cleanTitle(attributes.get('text'));
    if (!tag.selfClosing)
      open.push(
        isFolder
          ? {
              folderKind: ownKind,
              folder: ownKind ? folderName : undefined,
              // A folder that names no kind: its feeds are added as news, which the import says.
              ...(ownKind ? {} : { unknownFolder: folderName }),
            }
          : { folderKind: inherited, folder: parent?.folder },
      );
    if (isFolder) continue;
    const kind = ownKind ?? inherited;

    feedOutlines++;
    // An address that is no web address ("/feeds/x.xml", "ftp://…") is kept as written: the import
    // reports it as not added, with the reason, instead of dropping it unseen.
    const canonical = canonicalUrl(withoutFeedScheme(xmlUrl));
    const url = canonical ?? xmlUrl;
    // One feed listed twice, under http and https say, is one feed (see feedAddressKey).
    const key = feedAddressKey(url);
    const title = cleanTitle(attributes.get('title')) ?? cleanTitle(attributes.get('text'));
    // Readers write the URL as the text of an untitled feed; that is no title.
    const named = title !== undefined && title !== xmlUrl && title !== url ? { title } : {};
    const listedBefore = seen.get(key);
    if (listedBefore !== undefined) {
      feeds.push({ url, ...named, listedBefore });
      continue;
    }
    seen.set(key, url);
    const feed: OpmlFeed = { url, ...named };
    if (canonical === null) {
      feed.problem = xmlUrl
        ? 'it is not a full web address (one starting with https://); ask whoever made the list for the full address'
        : 'the outline gives no address';
    }
    const siteUrl = canonicalUrl(attributes.get('htmlurl'));
    if (siteUrl !== null) feed.siteUrl = siteUrl;
    if (kind !== undefined) feed.kind = kind;
    if (ownKind === undefined && inherited !== undefined && parent?.folder) feed.folder = parent.folder;
    if (kind === undefined && parent?.unknownFolder) feed.unknownFolder = parent.unknownFolder;
    if (attributes.get(pausedAttribute)?.trim().toLowerCase() === 'true') feed.paused = true;
    const competitor = cleanTitle(attributes.get(competitorAttribute));
    if (competitor !== undefined && kind === 'competitor') feed.competitor = competitor;
    feeds.push(feed);
  }

  if (!rootSeen) {
    throw new OpmlError('it holds no tags at all, where an OPML list begins with <opml>.');
  }
  // Importing what comes before the cut would drop the rest of the list without a word.
  if (end.cutShort) {
    throw new OpmlError(
      `an OPML list cut short: it ends in the middle of a tag, after ${feedOutlines === 1 ? '1 feed' : `${feedOutlines} feeds`}, so the feeds after that point are missing. Nothing was imported: export or download the list again, and import the whole file.`,
      false,
      false,
      true,
    );
  }
  if (feedOutlines === 0) {
    throw new OpmlError(
      'The OPML file lists no feeds: expected <outline> elements with an xmlUrl attribute.',
      false,
      true,
    );
  }
  if (feeds.every((feed) => feed.problem !== undefined || feed.listedBefore !== undefined)) {
    throw new OpmlError(
      'The OPML file lists no usable feeds: every xmlUrl should be an http(s) address.',
      false,
      false,
      false,
      true,
    );
  }
  return feeds;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are not allowed in XML
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(LONE_SURROGATE, '')
    .replace(/[\t\n\r]/g, ' ')
    .replace(/[&<>"]/g, (char) => XML_SPECIAL[char] as string);
}

function buildFeedOutline(feed: OpmlExportFeed, kind: string | undefined): string {
  const title = feed.title?.trim() || undefined;
  const attributes: Array<[string, string | undefined]> = [
    ['type', 'rss'],
    ['text', title ?? feed.url],
    ['title', title],
    ['xmlUrl', feed.url],
    ['htmlUrl', feed.siteUrl?.trim() || undefined],
    [kindAttribute, kind],
    [pausedAttribute, feed.paused ? 'true' : undefined],
    [competitorAttribute, kind === 'competitor' ? feed.competitor?.trim() || undefined : undefined],
  ];
  const written = attributes
    .filter((attribute): attribute is [string, string] => attribute[1] !== undefined)
    .map(([name, value]) => `${name}="${escapeXml(value)}"`);
  return `<outline ${written.join(' ')}/>`;
}

/**
 * Writes an OPML 2.0 document with one folder outline per feed kind (in OPML_FEED_KINDS order) and
 * feeds without a known kind at the top level. Feeds keep their order within a folder.
 */
export function buildOpml(feeds: OpmlExportFeed[], opts: BuildOpmlOptions): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<opml version="2.0" xmlns:briefbot="${briefbotNamespace}">`,
    '  <head>',
  ];
  lines.push(`    <title>${escapeXml(opts.title)}</title>`);
  // toUTCString() is RFC 822 (RFC 1123 four-digit year), as OPML 2.0 asks.
  if (!Number.isNaN(opts.now.getTime())) {
    lines.push(`    <dateCreated>${opts.now.toUTCString()}</dateCreated>`);
  }
  lines.push('  </head>', '  <body>');
  for (const kind of OPML_FEED_KINDS) {
    const group = feeds.filter((feed) => toKind(feed.kind ?? undefined) === kind);
    if (group.length === 0) continue;
    lines.push(`    <outline text="${kind}" title="${kind}">`);
    for (const feed of group) lines.push(`      ${buildFeedOutline(feed, kind)}`);
    lines.push('    </outline>');
  }
  for (const feed of feeds) {
    if (toKind(feed.kind ?? undefined) === undefined) lines.push(`    ${buildFeedOutline(feed, undefined)}`);
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
