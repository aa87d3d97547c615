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
] as const;

const TRACKING_NAMES = new Set<string>(TRACKING_PARAMS.filter((name) => !name.endsWith('*')));
const TRACKING_PREFIXES = TRACKING_PARAMS.filter((name) => name.endsWith('*')).map((name) =>
  name.slice(0, -1),
);

function isTrackingParam(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    // A malformed escape is not a tracking parameter name; compare it as written.
  }
  name = name.toLowerCase();
  return TRACKING_NAMES.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
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

/**
 * Canonical form of a link, for deduplication and display: resolved against `base`, http(s) only,
 * scheme and host lowercased, default port, credentials, fragment and tracking parameters removed.
 * Returns null for anything that is not an http(s) URL, and for empty or fragment-only links,
 * which would otherwise resolve to the base page itself.
 */
export function canonicalUrl(raw: string | undefined | null, base?: string): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;

  const baseUrl = typeof base === 'string' && base.trim() !== '' ? parseUrl(base.trim()) : null;
  const httpBase = baseUrl !== null && isHttp(baseUrl) ? baseUrl.href : undefined;
  // Protocol-relative links take the base's scheme; without an http(s) base, https is the safe guess.
  const input = trimmed.startsWith('//') && httpBase === undefined ? `https:${trimmed}` : trimmed;
  const url = parseUrl(input, httpBase);
  if (url === null || !isHttp(url) || url.hostname === '') return null;

  url.username = '';
  url.password = '';
  url.hash = '';
  if (url.search !== '') {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair !== '' && !isTrackingParam(pair.split('=', 1)[0] as string));
    url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  } else {
    // The URL parser keeps a lone "?" in href even though search is empty.
    url.search = '';
  }
  return url.href;
}
