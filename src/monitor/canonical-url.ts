// Query parameters that only track a click (matched case-insensitively; a trailing "*" matches a prefix).
export const TRACKING_PARAMS = [
  'utm_*',
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'igshid',
  'yclid',
  'ref_src',
  'ref_url',
  'cmpid',
  '__s',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'rb_clickid',
  's_cid',
  'ncid',
  'sr_share',
  'spm',
  // Analytics suites publishers tag feed links with (Webtrends, AT Internet, Adobe, …).
  'wt.mc_id',
  'wt_mc_id',
  'wt_mc',
  'sc_cid',
  // comScore's (the BBC's ns_campaign, ns_mchannel, …) and the Guardian's campaign codes.
  'ns_*',
  'cmp',
  // The Daily Mail's and News UK's internal tracking code.
  'ito',
  'at_medium',
  'at_campaign',
  'xtor',
  'ocid',
  'icid',
  'smid',
  'ftag',
  'soc_src',
  'soc_trk',
  'guccounter',
  'traffic_source',
  'wprss',
  // Google's cross-domain linker and shopping click ids.
  '_gl',
  '_ga',
  'srsltid',
  // HubSpot's visitor cookies copied into links, LinkedIn's click codes, Business Wire's feed reference.
  '__hstc',
  '__hssc',
  '__hsfp',
  'trk',
  'trackingid',
  'feedref',
] as const;

const TRACKING_NAMES = new Set<string>(TRACKING_PARAMS.filter((name) => !name.endsWith('*')));
const TRACKING_PREFIXES = TRACKING_PARAMS.filter((name) => name.endsWith('*')).map((name) =>
  name.slice(0, -1),
);

// Parameters with a meaning of their own (GitHub's ?ref=main) that only mark a click from the feed
// when their value says so: Medium's ?source=rss----…, ?ref=rss, the New York Times' ?partner=rss&emc=rss,
// Yahoo's ?.tsrc=rss.
const FEED_MARKER_NAMES = new Set(['source', 'ref', 'from', 'src', 'partner', 'emc', 'in', 'via', '.tsrc']);
const FEED_MARKER_VALUE = /^(?:rss|feed|atom)/i;

function isTrackingParam(pair: string): boolean {
  const [rawName = '', rawValue = ''] = pair.split('=', 2);
  const name = decoded(rawName).toLowerCase();
  if (TRACKING_NAMES.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  if (FEED_MARKER_NAMES.has(name)) return FEED_MARKER_VALUE.test(decoded(rawValue));
  // A mailing tool's merge tag left unfilled in an archive link (Mailchimp's ?e=[UNIQID], *|UNIQID|*).
  if (/^(?:\[UNIQID\]|\*\|[A-Z_]+\|\*)$/.test(decoded(rawValue))) return true;
  // The YouTube API's links from its old feeds (&feature=youtube_gdata).
  return name === 'feature' && decoded(rawValue).startsWith('youtube_gdata');
}

function decoded(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    // A malformed escape is compared as written.
    return component;
  }
}

function parseUrl(input: string, base?: string): URL | null {
  try {
    return new URL(input, base);
  } catch {
    return null;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

// Click-through redirectors whose target is in a query parameter: Google Alerts and search, Bing News,
// Facebook and LinkedIn outbound links (Google News articles: see googleNewsTarget). Their items are about the target, and share its identity.
const redirectors: Array<{ host: RegExp; path: RegExp; param: string[] }> = [
  {
    host: /^(?:www\.)?google\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/,
    path: /^\/url$/,
    param: ['url', 'q'],
  },
  { host: /^(?:www\.)?bing\.com$/, path: /^\/news\/apiclick\.aspx$/i, param: ['url'] },
  { host: /^l[m]?\.facebook\.com$/, path: /^\/l\.php$/, param: ['u'] },
  { host: /^(?:www\.)?linkedin\.com$/, path: /^\/redir\/redirect\/?$/, param: ['url'] },
];

const googleNewsArticle = /^(?:\/__i\/rss\/rd)?(?:\/rss)?\/articles\/([\w-]+)$/;

/** A protobuf varint at `index`: its value and the index after it. */
function varint(bytes: Uint8Array, index: number): { value: number; next: number } {
  let value = 0;
  let next = index;
  for (let shift = 0; next < bytes.length && shift < 35; shift += 7) {
    const byte = bytes[next++] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  return { value, next };
}

/**
 * Google News links to an article through its own address (news.google.com/rss/articles/CBMi…);
 * in the older form, still common, the id is a small protobuf (base64url) holding the article's
 * address as field 4. The newer, opaque ids are left as they are.
 */
function googleNewsTarget(url: URL): URL | null {
  if (url.hostname !== 'news.google.com') return null;
  const id = googleNewsArticle.exec(url.pathname)?.[1];
  if (!id) return null;
  const bytes = Buffer.from(id, 'base64url');
  if (bytes[0] !== 0x08) return null;
  const afterFirst = varint(bytes, 1).next;
  if (bytes[afterFirst] !== 0x22) return null;
  const { value: length, next: start } = varint(bytes, afterFirst + 1);
  // A length past the id's end, or bytes that are no text, hold no address (an id of another kind).
  if (start + length > bytes.length) return null;
  const address = bytes.subarray(start, start + length).toString('utf8');
  if (!/^https?:\/\/[^\s\p{Cc}\ufffd]+$/u.test(address)) return null;
  const target = parseUrl(address);
  return target !== null && target.hostname !== '' ? target : null;
}

/** The target of a known click-through redirector, or null. */
function redirectTarget(url: URL): URL | null {
  const fromGoogleNews = googleNewsTarget(url);
  if (fromGoogleNews) return fromGoogleNews;
  const redirector = redirectors.find(
    (candidate) => candidate.host.test(url.hostname) && candidate.path.test(url.pathname),
  );
  if (!redirector) return null;
  for (const name of redirector.param) {
    const target = parseUrl(url.searchParams.get(name) ?? '');
    if (target !== null && isHttp(target) && target.hostname !== '') return target;
  }
  return null;
}

/**
 * Canonical form of a link, for deduplication and display: resolved against `base`, http(s) only,
 * scheme and host lowercased (feed:// read as http://), default port, credentials, fragment (but a
 * comment's anchor) and tracking parameters removed,
 * and a click-through redirect (Google Alerts, Bing News, …) replaced by its target.
 * Returns null for anything that is not an http(s) URL, and for empty or fragment-only links,
 * which would otherwise resolve to the base page itself.
 */
export function canonicalUrl(raw: string | undefined | null, base?: string): string | null {
  if (typeof raw !== 'string') return null;
  // A link a template broke over lines ("https://x.example/news/⏎        story") is one address: a
  // line break and the indentation around it are layout, never part of it (a lone space is %20).
  const trimmed = raw.trim().replace(/[ \t]*[\r\n]+\s*/g, '');
  if (trimmed === '' || trimmed.startsWith('#')) return null;

  const baseUrl = typeof base === 'string' && base.trim() !== '' ? parseUrl(base.trim()) : null;
  const httpBase = baseUrl !== null && isHttp(baseUrl) ? baseUrl.href : undefined;
  // Protocol-relative links take the base's scheme; without an http(s) base, https is the safe guess.
  const unfed = withoutFeedScheme(trimmed);
  const input = unfed.startsWith('//') && httpBase === undefined ? `https:${unfed}` : unfed;
  const link = parseUrl(input, httpBase);
  if (link === null || !isHttp(link) || link.hostname === '') return null;
  const url = redirectTarget(link) ?? link;

  url.username = '';
  url.password = '';
  // A comment's anchor is the comment's own address (a comment feed's items all share the post's page).
  if (!commentAnchor.test(url.hash)) url.hash = '';
  dropTrackingParams(url);
  return url.href;
}

// WordPress, Disqus and most blog engines' "#comment-4821"; Blogger's "#c1234567890123456789"; a
// review site's "#review-4412" (each review of a product's page is its own item).
const commentAnchor = /^#(?:comment-\d+|c\d{10,}|review-\d+)$/;

function dropTrackingParams(url: URL): void {
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(pair));
  // Also when none was there: the URL parser keeps a lone "?" in href even though search is empty.
  url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
}

/** A feed address without its tracking parameters (`?utm_source=…`, pasted from a newsletter): what is stored. */
export function withoutTrackingParams(address: string): string {
  const url = parseUrl(address);
  if (url === null || !isHttp(url) || url.search === '') return address;
  dropTrackingParams(url);
  return url.href;
}

/** "feed://host/rss" and "feed:https://host/rss", as old subscribe links write them, are web addresses. */
export function withoutFeedScheme(address: string): string {
  return address.replace(/^feed:(?=https?:)/i, '').replace(/^feed:\/\//i, 'http://');
}

/**
 * The address two spellings of one feed share: host in lower case, no fragment, no tracking
 * parameters (as canonicalUrl cleans links), duplicate slashes in the path collapsed, and http and
 * https alike (a site serves one feed under both). "www." is kept: it can be another server.
 */
export function feedAddressKey(url: string): string {
  const canonical = canonicalUrl(url);
  if (canonical === null) return url;
  const parsed = new URL(canonical);
  parsed.pathname = parsed.pathname.replace(/\/{2,}/g, '/');
  parsed.protocol = 'https:';
  return parsed.href;
}

/** The login of a `scheme://user:password@host` address: the password part is what must never be shown. */
// (Not a password masked already, `***` or `•••`, nor the `<password>` of a command to copy, escaped or not.)
const urlPassword =
  /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:<>|"']*):(?!(?:\*+|•+|<password>|&lt;password&gt;)@)[^\s/?#@<>|"']*@/gi;

/**
 * Text with the password of every address in it masked (`http://user:•••@host/…`): what replies,
 * lists, logs and the change log show of a feed address. The feed row keeps the real one to fetch with.
 */
export function displayFeedUrl(text: string): string {
  return text.replace(urlPassword, '$1:•••@');
}

// A login's password, real or masked already: a command shows neither.
const anyUrlPassword = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:<>|"']*):[^\s/?#@<>|"']*@/gi;

/**
 * An address inside a command to copy (`feeds add https://reader:<password>@paid.example.com/feed.xml`):
 * its password, which is never shown, as a placeholder to type; a masked `•••` copied would add a
 * feed that cannot log in.
 */
export function typedFeedUrl(url: string): string {
  return url.replace(anyUrlPassword, '$1:<password>@');
}
