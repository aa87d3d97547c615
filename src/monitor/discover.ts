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
  for (const tag of feedLinkTags(head)) {
    const url = absolute(attribute(tag, 'href'), base);
    if (!url || !/^https?:/i.test(url) || found.some((feed) => feed.url === url)) continue;
    const label = `${attribute(tag, 'title') ?? ''} ${url}`;
    found.push({ url, comments: /\bcomments?\b/i.test(label) });
  }
  return [...found.filter((feed) => !feed.comments), ...found.filter((feed) => feed.comments)].map(
    (feed) => feed.url,
  );
}

/** The `<link rel="alternate">` tags of a page's head that name a feed. */
function feedLinkTags(head: string): string[] {
  return [...head.matchAll(/<link\b[^>]*>/gi)]
    .map(([tag]) => tag)
    .filter((tag) => {
      const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      return rel.includes('alternate') && feedTypes.test((attribute(tag, 'type') ?? '').trim());
    });
}

/**
 * The feed a saved page names by a relative address ("/atom.xml"), which only the page's own web
 * address can complete: the message says so, with the address as written.
 */
export function relativeFeedLinkMessage(html: string): string | null {
  const href = feedLinkTags(html.slice(0, 256 * 1024))
    .map((tag) => attribute(tag, 'href'))
    .find((value) => value && !/^[a-z][\w+.-]*:/i.test(value));
  return href
    ? `This is a web page, not a feed. The page names its feed as "${href}", an address relative to the site it was saved from: check the page by its web address, or give the site's address followed by ${href}.`
    : null;
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

/**
 * The feed of a page on a site whose feeds live at a known address, which its pages may not name
 * (or which a bot check keeps Briefbot from reading): a subreddit, a GitHub repository's releases,
 * a Medium author or publication, a Stack Overflow tag, a YouTube channel, Hacker News. Null for
 * other pages, and for addresses that already are such a feed.
 */
export function knownSiteFeed(pageUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^(?:www|old|new|m)\./, '');
  const path = url.pathname;
  // An address that already is a feed ("/r/x/top/.rss", "/feed/@name") is taken as given.
  if (/\.(?:rss|atom|xml|json)$|\/feeds?\//i.test(path) || /[?&](?:format|feed)=/i.test(url.search))
    return null;
  let feed: string | null = null;
  if (host === 'reddit.com') {
    const where = /^\/(r|user|u)\/([\w-]+)/i.exec(path);
    if (where) feed = `https://www.reddit.com/${where[1] === 'r' ? 'r' : 'user'}/${where[2]}/.rss`;
  } else if (host === 'github.com') {
    const repo = /^\/([\w.-]+)\/([\w.-]+)/.exec(path);
    const reserved = /^(?:orgs|topics|features|marketplace|sponsors|settings|login|explore|about)$/i;
    if (repo && !reserved.test(repo[1] ?? ''))
      feed = `https://github.com/${repo[1]}/${repo[2]?.replace(/\.git$/, '')}/releases.atom`;
  } else if (host === 'medium.com') {
    const name = /^\/(@?[\w.-]+)/.exec(path)?.[1];
    if (name && name !== 'feed' && name !== 'tag') feed = `https://medium.com/feed/${name}`;
  } else if (host === 'stackoverflow.com') {
    const tag = /^\/questions\/tagged\/([^/?#]+)/.exec(path)?.[1];
    if (tag) feed = `https://stackoverflow.com/feeds/tag/${tag}`;
  } else if (host === 'youtube.com') {
    const channel = /^\/channel\/(UC[\w-]{22})/.exec(path)?.[1];
    if (channel) feed = `https://www.youtube.com/feeds/videos.xml?channel_id=${channel}`;
  } else if (host === 'news.ycombinator.com' && !/\/rss$/.test(path)) {
    feed = 'https://news.ycombinator.com/rss';
  }
  return feed && feed !== url.href ? feed : null;
}
