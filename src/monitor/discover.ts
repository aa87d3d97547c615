import { decodeEntities } from './html-text.ts';

const feedTypes = /^application\/(?:rss\+xml|atom\+xml|rdf\+xml|feed\+json)$/i;

/**
 * The feeds a web page names in its <head> (<link rel="alternate" type="application/rss+xml" ...>),
 * as absolute addresses: the site's own feeds first, comment feeds after.
 */
export function feedLinksInPage(html: string, pageUrl: string): string[] {
  const head = html.slice(0, 256 * 1024);
  const base = absolute(attribute(/<base\b[^>]*>/i.exec(head)?.[0] ?? '', 'href'), pageUrl) ?? pageUrl;
  const found: Array<{ url: string; comments: boolean }> = [];
  for (const [tag] of head.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate') || !feedTypes.test((attribute(tag, 'type') ?? '').trim())) continue;
    const url = absolute(attribute(tag, 'href'), base);
    if (!url || !/^https?:/i.test(url) || found.some((feed) => feed.url === url)) continue;
    const label = `${attribute(tag, 'title') ?? ''} ${url}`;
    found.push({ url, comments: /\bcomments?\b/i.test(label) });
  }
  return [...found.filter((feed) => !feed.comments), ...found.filter((feed) => feed.comments)].map(
    (feed) => feed.url,
  );
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value === undefined ? undefined : decodeEntities(value).trim();
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

/** The reason given for a web page that names its feed (alerts read the address back from it). */
export function pageNamesFeedMessage(feedUrl: string): string {
  return `This is a web page, not a feed. The page names its feed: ${feedUrl} (use that address).`;
}

/** The feed address in a reason written by pageNamesFeedMessage, if it is one. */
export function feedNamedIn(reason: string | null): string | null {
  return (
    /^This is a web page, not a feed\. The page names its feed: (\S+) \(use that address\)\.$/.exec(
      reason ?? '',
    )?.[1] ?? null
  );
}
