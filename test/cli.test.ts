import { execFile, spawn } from 'node:child_process';
import {
  closeSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli.ts';
import { statsCommand } from '../src/commands/nudge.ts';
import { createTestDeps } from './helpers/deps.ts';
import { rssFeed } from './helpers/digest.ts';
import { startFeedServer } from './helpers/feed-server.ts';
import { listSharedFeeds, sharedFeed, sharedFeedsDir } from './helpers/fixtures.ts';
import { createResponseHistory } from './helpers/nudges.ts';

const run = promisify(execFile);
const bin = new URL('../bin/briefbot.js', import.meta.url).pathname;

/**
 * Where the tests run the `briefbot` command: a folder of their own, not the checkout, whose .env
 * (the team's own, with its Slack tokens once "Connect Slack" is done) it would read.
 */
const commandFolder = () => dir;

async function briefbot(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: commandFolder(),
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('briefbot feeds check --json', () => {
  it('prints one object per source in the documented shape, for every shared feed', async () => {
    const paths = listSharedFeeds()
      .filter((path) => !path.endsWith('.md'))
      .map((path) => join(sharedFeedsDir, path));
    const { code, stdout } = await briefbot(['feeds', 'check', '--json', ...paths]);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(paths.length);
    expect(lines.map((line) => line.source)).toEqual(paths);
    const failures = lines.filter((line) => !line.ok);
    expect(failures.map((line) => [line.source.replace(sharedFeedsDir, ''), line.error.code])).toEqual([
      ['node-feedparser/notafeed.html', 'NOT_A_FEED'],
      ['rss-parser/unrecognized.rss', 'NOT_A_FEED'],
    ]);
    expect(code).toBe(1);
    for (const line of lines.filter((entry) => entry.ok)) {
      expect(Object.keys(line)).toEqual(['source', 'ok', 'format', 'feed', 'items']);
      expect(['rss2', 'rss1', 'rss09', 'atom', 'json']).toContain(line.format);
      expect(Object.keys(line.feed)).toEqual(['title', 'link']);
      for (const item of line.items) {
        expect(Object.keys(item)).toEqual(['key', 'title', 'url', 'author', 'publishedAt', 'text']);
        if (item.publishedAt !== null)
          expect(new Date(item.publishedAt).toISOString()).toBe(item.publishedAt);
      }
    }
    for (const line of failures) expect(Object.keys(line)).toEqual(['source', 'ok', 'error']);
  });

  it('exits 0 when every source parses', async () => {
    const { code, stdout } = await briefbot([
      'feeds',
      'check',
      join(sharedFeedsDir, 'node-feedparser/rss2sample.xml'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok +.*rss2sample\.xml: rss2, "Liftoff News", 4 items/);
  });

  it('ends a check of several sources with one line of totals, in words only', async () => {
    const sources = [
      join(sharedFeedsDir, 'node-feedparser/rss2sample.xml'),
      join(sharedFeedsDir, 'rss-parser/unrecognized.rss'),
      join(dir, 'missing.xml'),
    ];
    const words = await briefbot(['feeds', 'check', ...sources]);
    expect(words.code).toBe(1);
    expect(words.stdout.trim().split('\n').at(-1)).toBe('3 sources: 1 read, 2 failed.');
    // Internal codes are for --json, whose output is the contract; people read the reason.
    expect(words.stdout).not.toMatch(/NOT_A_FEED|UNREACHABLE/);
    expect(words.stdout).toMatch(/^FAIL {2}.*missing\.xml: [A-Z][a-z]/m);
    const json = await briefbot(['feeds', 'check', '--json', ...sources]);
    expect(json.stdout.trim().split('\n')).toHaveLength(3);
    expect(json.stdout).toMatch(/NOT_A_FEED/);
  });

  it('reports hostile inputs without crashing', async () => {
    const empty = join(dir, 'empty.xml');
    writeFileSync(empty, '');
    const binary = join(dir, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    const bomb = join(dir, 'bomb.xml.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(12 * 1024 * 1024, 32)));
    const folder = join(dir, 'folder');
    mkdirSync(folder, { recursive: true });
    const truncated = join(dir, 'truncated.xml');
    writeFileSync(truncated, sharedFeed('node-feedparser/rss2sample.xml').subarray(0, 700));
    const sources = [
      empty,
      binary,
      bomb,
      folder,
      join(dir, 'missing.xml'),
      truncated,
      'ftp://example.com/feed',
      '',
    ];
    const { code, stdout } = await briefbot(['feeds', 'check', '--json', ...sources]);
    expect(code).toBe(1);
    const errors = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).error);
    expect(errors.map((error) => error?.code)).toEqual([
      'NOT_A_FEED',
      'NOT_A_FEED',
      'TOO_LARGE',
      'UNREACHABLE',
      'UNREACHABLE',
      'MALFORMED',
      'BLOCKED_ADDRESS',
      'UNREACHABLE',
    ]);
    expect(errors[3].message).toBe(
      `${folder} is a folder: give the feed files in it (for example ${folder}/*.xml).`,
    );
    expect(errors[5].message).toMatch(/it stops before its end .*\(line \d+, column \d+\)/);
    expect(errors[7].message).toBe('An empty source: give a file path or an http(s) URL.');
  });

  it('fetches URLs, and guards private addresses unless allowed', async () => {
    const server = await startFeedServer({ '/feed.xml': { body: sharedFeed('rss-parser/heise.atom') } });
    try {
      const blocked = await briefbot(['feeds', 'check', '--json', server.url('/feed.xml')]);
      expect(JSON.parse(blocked.stdout).error.code).toBe('BLOCKED_ADDRESS');
      const allowed = await briefbot(
        ['feeds', 'check', '--json', server.url('/feed.xml'), server.url('/nope')],
        {
          FEED_ALLOW_PRIVATE_ADDRESSES: 'true',
        },
      );
      const [ok, missing] = allowed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(ok).toMatchObject({
        ok: true,
        format: 'atom',
        feed: { title: 'heise developer neueste Meldungen' },
      });
      expect(ok.items).toHaveLength(15);
      expect(missing.error).toMatchObject({ code: 'HTTP_STATUS' });
    } finally {
      await server.close();
    }
  });
});

// What `feeds check --json` must say of each feed in test/fixtures/feeds/unseen (see its README.md):
// the error code and the words that tell what to do, or the format, the feed's title, how many items
// and the first item as a reader would want it.
type UnseenExpectation =
  | { code: string; message: RegExp }
  | {
      format: string;
      feed: string | null;
      items: number;
      first?: { title: string; url: string | null; author: string | null; publishedAt: string | null };
      /** The first item's text, whole: what boilerplate must be gone and what must stay. */
      firstText?: string;
      /** Every item's date, in order. */
      dates?: Array<string | null>;
      /** Every item's address, in order. */
      urls?: Array<string | null>;
    };
/** The UTF-16 feed, as its two byte orders both read. */
const utf16Feed: UnseenExpectation = {
  format: 'rss2',
  feed: 'UTF-16 Nachrichten',
  items: 1,
  first: {
    title: 'Größere Preise bei Acme — 18 %',
    url: 'https://enc.example/utf16',
    author: null,
    publishedAt: '2024-11-05T09:00:00.000Z',
  },
};

/** What `feeds check` reads of Apple's older review feed, in either shape: its two reviews, not the app. */
function olderAppStoreReviews(format: 'atom' | 'json', publishedAt: string | null): UnseenExpectation {
  return {
    format,
    feed: 'iTunes Store: Customer Reviews',
    items: 2,
    first: {
      title: 'Price hike, same app',
      url: 'https://itunes.apple.com/us/review?id=987654321&type=Purple%20Software',
      author: 'frustrated_admin',
      publishedAt,
    },
    firstText: 'Renewal went up 18% and nothing changed. Looking at Globex Assist.',
  };
}

const unseenFeeds: Record<string, UnseenExpectation> = {
  'atom-content-src.atom': {
    format: 'atom',
    feed: 'Acme Newsroom (linked content)',
    items: 2,
    first: {
      title: 'Acme Desk 5.0 is generally available',
      url: 'https://newsroom.acme.example/2024/desk-5-ga.html',
      author: 'Acme Newsroom',
      publishedAt: '2024-11-05T10:00:00.000Z',
    },
  },
  'atom-many-links.atom': {
    format: 'atom',
    feed: 'Hooli Research',
    items: 1,
    first: {
      title: 'Benchmarking support-ticket classifiers',
      url: 'https://research.hooli.example/de/posts/ticket-classifiers',
      author: 'Gavin B.',
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'atom-xhtml-content.atom': {
    format: 'atom',
    feed: 'Umbrella Support Notes',
    items: 2,
    first: {
      title: 'Why we dropped Acme Desk',
      url: 'https://umbrella.example/notes/dropped-acme',
      author: 'Alice Wong',
      publishedAt: '2024-11-05T12:00:00.000Z',
    },
  },
  'atom-xml-base-feed-and-entry.atom': {
    format: 'atom',
    feed: 'Initech Blog',
    items: 3,
    first: {
      title: 'Initech joins the Acme Desk partner program',
      url: 'https://blog.initech.example/2024/11/initech-joins-acme-partners.html',
      author: 'Initech Comms',
      publishedAt: '2024-11-05T18:30:02.000Z',
    },
  },
  'base64-title.atom': {
    format: 'atom',
    feed: 'Base64 Test Feed',
    items: 1,
    first: {
      title: 'Acme Desk raises prices for small teams',
      url: 'https://base64.example/acme',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'binary-garbage.png': { code: 'NOT_A_FEED', message: /binary file/ },
  'binary-noise.dat': { code: 'NOT_A_FEED', message: /binary file/ },
  'blogger.atom': {
    format: 'atom',
    feed: 'Tickets & Tea',
    items: 1,
    first: {
      title: 'Six months on Globex Assist',
      url: 'https://ticketsandtea.blogspot.com/2024/11/six-months-on-globex-assist.html',
      author: 'Ruth Okafor',
      publishedAt: '2024-11-05T14:30:00.000Z',
    },
  },
  'cdata-split-terminator.rss': {
    format: 'rss2',
    feed: 'Dev Notes',
    items: 2,
    first: {
      title: 'Escaping ]]> in XML exports from Acme Desk',
      url: 'https://devnotes.example.io/cdata-end',
      author: null,
      publishedAt: '2024-11-04T20:00:00.000Z',
    },
  },
  'cloudflare-challenge.html': { code: 'NOT_A_FEED', message: /bot check/ },
  'control-characters.rss': {
    format: 'rss2',
    feed: 'Legacy CMS Export',
    items: 1,
    first: {
      title: 'Acme price rise explained',
      url: 'https://legacycms.example/acme',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'dates-epoch-and-year-one.rss': {
    format: 'rss2',
    feed: 'Date Zoo: numbers and placeholders',
    items: 7,
    first: {
      title: 'Epoch seconds',
      url: 'https://datezoo.example/odd/epoch-s',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'dates-named-zones.rss': {
    format: 'rss2',
    feed: 'Date Zoo: time zones',
    items: 12,
    first: {
      title: 'EST zone',
      url: 'https://datezoo.example/est',
      author: null,
      publishedAt: '2024-11-05T14:00:00.000Z',
    },
  },
  'dates-non-english.rss': {
    format: 'rss2',
    feed: 'Datums-Zoo: Sprachen',
    items: 8,
    first: {
      title: 'Deutsch',
      url: 'https://datezoo.example/intl/de',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'doctype-html-entities.rss': {
    format: 'rss2',
    feed: 'Café Tech — Le Blog',
    items: 1,
    first: {
      title: 'Acme Desk 5.0 : la hausse des prix fait réagir – « trop cher »',
      url: 'https://cafetech.example.fr/2024/11/acme-desk-prix',
      author: 'Rémy Lefèvre',
      publishedAt: '2024-11-05T08:15:00.000Z',
    },
  },
  // The post at /a is listed twice, edited: one item, the later one, where the first was.
  'duplicate-guids.rss': {
    format: 'rss2',
    feed: 'Careless CMS',
    items: 3,
    first: {
      title: 'First post about Acme pricing (updated)',
      url: 'https://careless.example/a',
      author: null,
      publishedAt: '2024-11-05T11:00:00.000Z',
    },
  },
  'empty.xml': { code: 'NOT_A_FEED', message: /there is nothing in it/ },
  'feed-scheme-and-protocol-relative.rss': {
    format: 'rss2',
    feed: 'Odd Schemes',
    items: 6,
    first: {
      title: 'feed scheme',
      url: 'http://oddschemes.example.com/posts/feed-scheme',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'five-thousand-items.rss': {
    format: 'rss2',
    feed: 'Five Thousand Items',
    items: 5000,
    first: {
      title: 'Tiny 0',
      url: 'https://enc.example/t/0',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'github-releases.atom': {
    format: 'atom',
    feed: 'Release notes from desk-cli',
    items: 2,
    first: {
      // The version alone names no product: the feed's title says which.
      title: 'desk-cli v5.0.1',
      url: 'https://github.com/acme/desk-cli/releases/tag/v5.0.1',
      author: 'github-actions[bot]',
      publishedAt: '2024-11-05T14:05:10.000Z',
    },
  },
  'google-alerts.atom': {
    format: 'atom',
    feed: 'Google Alert - "acme desk"',
    items: 2,
    first: {
      title: 'Acme Desk raises prices for small teams, customers push back',
      url: 'https://www.techdaily.example/2024/11/05/acme-desk-prices/',
      author: null,
      publishedAt: '2024-11-05T12:04:27.000Z',
    },
  },
  'guid-permalink.rss': {
    format: 'rss2',
    feed: 'Permalink Cases',
    items: 6,
    first: {
      title: 'Opaque guid with link',
      url: 'https://permalinks.example/posts/1',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'gzipped-feed.xml.gz': {
    format: 'rss2',
    feed: 'Gzipped Feed',
    items: 1,
    first: {
      title: 'Compressed on disk',
      url: 'https://enc.example/gz',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'hacker-news-hnrss.rss': {
    format: 'rss2',
    feed: 'Hacker News: "acme desk"',
    items: 2,
    first: {
      title: 'Acme Desk raises prices 18% for small teams',
      url: 'https://www.techdaily.example/2024/11/05/acme-desk-prices/',
      author: 'pg_fan',
      publishedAt: '2024-11-05T14:12:55.000Z',
    },
  },
  'html-page-with-alternate.html': {
    code: 'NOT_A_FEED',
    message: /The page names its feed: https:\/\/blog\.acme\.example\/feed\/ \(use that address\)/,
  },
  'huge-single-item.rss': {
    format: 'rss2',
    feed: 'Huge Item',
    items: 1,
    first: {
      title: 'A 1.2 MB article',
      url: 'https://enc.example/huge',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'iso-8859-2.rss': {
    format: 'rss2',
    feed: 'Wiadomości z Łodzi',
    items: 1,
    first: {
      title: 'Acme podnosi ceny - klienci z Łodzi i Gdańska są źli',
      url: 'https://enc.example/pl',
      author: null,
      publishedAt: '2024-11-05T08:00:00.000Z',
    },
  },
  'json-array.json': { code: 'NOT_A_FEED', message: /JSON, but not a JSON Feed/ },
  'json-broken.json': { code: 'MALFORMED', message: /looks like JSON but cannot be read/ },
  'jsonfeed-1.0.json': {
    format: 'json',
    feed: 'Soylent Support Blog',
    items: 2,
    first: {
      title: 'Our migration off Acme Desk',
      url: 'https://support.soylent.example/2024/11/05/acme-migration',
      author: 'Soylent Support Team',
      publishedAt: '2024-11-05T15:00:00.000Z',
    },
  },
  'jsonfeed-1.1-authors-modified.json': {
    format: 'json',
    feed: 'Link Roundup: Support Software',
    items: 3,
    first: {
      title: 'TechDaily: Acme Desk raises prices',
      url: 'https://roundup.example.org/links/1042',
      author: 'Tom Baker',
      publishedAt: '2024-11-05T16:20:00.000Z',
    },
  },
  'mastodon-user.rss': {
    format: 'rss2',
    feed: 'Priya Raman',
    items: 2,
    first: {
      title: 'Hot take: #AcmeDesk AI triage is good, but the new pricing is going to push small teams away.',
      url: 'https://hachyderm.io/@priya/113431234567890123',
      // The post's address names @priya; the account's feed gives her display name in its title.
      author: 'Priya Raman',
      publishedAt: '2024-11-05T11:02:03.000Z',
    },
  },
  'medium.rss': {
    format: 'rss2',
    feed: 'Stories by Globex Engineering on Medium',
    items: 1,
    first: {
      title: 'How we cut ticket routing latency by 80%',
      url: 'https://medium.com/@globex-eng/how-we-cut-ticket-routing-latency-by-80-9a8b7c6d5e4f',
      author: 'Globex Engineering',
      publishedAt: '2024-11-05T15:40:11.000Z',
    },
  },
  'no-title-no-link.rss': {
    format: 'rss2',
    feed: 'Status Updates',
    items: 2,
    first: {
      title: 'Investigating: tickets fail to load for some EU customers. Next update in 30 minutes.',
      url: null,
      author: null,
      publishedAt: '2024-11-05T09:12:00.000Z',
    },
  },
  'not-a-jsonfeed-api.json': { code: 'NOT_A_FEED', message: /JSON, but not a JSON Feed/ },
  'podcast-itunes-enclosure-only.rss': {
    format: 'rss2',
    feed: 'The SaaS Pricing Show',
    items: 2,
    first: {
      title: 'Ep. 142 — Why usage-based pricing backfired for Acme',
      url: 'https://traffic.megaphone.example/PSH1234567890.mp3?updated=1730812345',
      author: 'Dana Whitfield',
      publishedAt: '2024-11-05T08:00:00.000Z',
    },
  },
  'reddit-subreddit.atom': {
    format: 'atom',
    feed: 'sysadmin: acme desk',
    items: 2,
    first: {
      title: 'Acme Desk renewal up 72%',
      url: 'https://www.reddit.com/r/sysadmin/comments/1gk2abc/acme_desk_renewal_up_72/',
      author: '/u/throwaway_helpdesk',
      publishedAt: '2024-11-05T09:58:02.000Z',
    },
  },
  'relative-links-no-base.rss': {
    format: 'rss2',
    feed: 'Relative Links Blog',
    items: 5,
    first: {
      title: 'Root-relative',
      url: 'https://relative.example.net/blog/2024/11/root-relative',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'rss091-no-dates.rss': {
    format: 'rss09',
    feed: 'Vandelay Industries News',
    items: 2,
    first: {
      title: 'Vandelay switches help desk to Acme',
      url: 'http://www.vandelay.example/news/acme.html',
      author: null,
      publishedAt: null,
    },
  },
  'rss1-rdf-dublin-core.rdf': {
    format: 'rss1',
    feed: 'ITニュース',
    items: 2,
    first: {
      title: 'Acme、ヘルプデスク製品を値上げ',
      url: 'https://it.example.jp/news/2024/11/05/acme.html',
      author: '山田 太郎',
      publishedAt: '2024-11-05T08:30:00.000Z',
    },
  },
  's3-error.xml': {
    code: 'NOT_A_FEED',
    message: /an error document \("NoSuchKey: The specified key does not exist\."\)\. Check the address/,
  },
  'sitemap-index.xml': {
    code: 'NOT_A_FEED',
    message: /it is a sitemap .* Look for the site's RSS or Atom feed/,
  },
  'sitemap.xml': { code: 'NOT_A_FEED', message: /it is a sitemap .* Look for the site's RSS or Atom feed/ },
  'stackexchange-questions.atom': {
    format: 'atom',
    feed: 'Newest questions tagged acme-desk - Stack Overflow',
    items: 1,
    first: {
      title: 'Acme Desk API returns 429 after upgrade to v5 – how to batch ticket updates?',
      url: 'https://stackoverflow.com/questions/79160001/acme-desk-api-returns-429-after-upgrade-to-v5-how-to-batch-ticket-updates',
      author: 'user24680',
      publishedAt: '2024-11-05T18:11:02.000Z',
    },
  },
  'subscriptions.opml': { code: 'NOT_A_FEED', message: /OPML list of feeds\. Import the whole list instead/ },
  'substack.rss': {
    format: 'rss2',
    feed: 'The Support Stack',
    items: 2,
    first: {
      title: "Acme's price rise, read line by line",
      url: 'https://supportstack.substack.com/p/acmes-price-rise-read-line-by-line',
      author: 'Lee Chen',
      publishedAt: '2024-11-05T13:02:10.000Z',
    },
  },
  'title-markup-double-escaped.rss': {
    format: 'rss2',
    feed: 'Telecom Wire & More',
    items: 4,
    first: {
      title: 'AT&T picks Acme Desk for 40,000 agents',
      url: 'https://telecomwire.example.com/att-acme',
      author: null,
      publishedAt: '2024-11-05T07:00:00.000Z',
    },
  },
  'tracking-params.rss': {
    format: 'rss2',
    feed: 'Marketing Newsletter Archive',
    items: 5,
    first: {
      title: 'UTM params',
      url: 'https://news.example.biz/acme-price-rise',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'truncated-mid-item.rss': {
    format: 'rss2',
    feed: 'Cut Short Daily',
    items: 2,
    first: {
      title: 'Whole item one',
      url: 'https://cutshort.example/1',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'unescaped-ampersands.rss': {
    format: 'rss2',
    feed: 'Hand-written Feed & Friends',
    items: 2,
    first: {
      title: "Q&A: Acme's CEO on pricing & AI",
      url: 'https://handwritten.example/article.php?id=12&cat=news',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  // One feed saved in both byte orders: read alike.
  'utf16be-bom.xml': utf16Feed,
  'utf16le-bom.xml': utf16Feed,
  'utf8-bom.rss': {
    format: 'rss2',
    feed: 'BOM Blog — naïve café',
    items: 1,
    first: {
      title: 'Über pricing: Acme’s “new” plans',
      url: 'https://enc.example/bom',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'whitespace-only.xml': { code: 'NOT_A_FEED', message: /there is nothing in it/ },
  'windows-1252.rss': {
    format: 'rss2',
    feed: 'Café Business',
    items: 1,
    first: {
      title: '“Acme” – prices up €5/seat',
      url: 'https://enc.example/cp1252',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'wordpress-comments.rss': {
    format: 'rss2',
    feed: 'Comments on: Acme Desk 5.0 review: better AI, pricier plans',
    items: 2,
    first: {
      title: 'By: Marco',
      url: 'https://helpdeskreviews.example.com/acme-desk-5-review/#comment-4821',
      author: 'Marco',
      publishedAt: '2024-11-05T17:21:09.000Z',
    },
  },
  'xhtml-body-other-prefix.rss': {
    format: 'rss2',
    feed: 'XHTML Bodies',
    items: 2,
    first: {
      title: 'Globex Assist lands in Europe',
      url: 'https://xhtmlbody.example/globex-eu',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'youtube-channel.atom': {
    format: 'atom',
    feed: 'Acme Corp',
    items: 2,
    first: {
      title: 'Acme Desk 5.0 keynote: AI triage, new plans & pricing',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      author: 'Acme Corp',
      publishedAt: '2024-11-04T16:00:11.000Z',
    },
  },
  'dates-formats-and-cjk.rss': {
    format: 'rss2',
    feed: 'More dates',
    items: 17,
    first: {
      title: 'nanoseconds',
      url: 'https://dates2.example/1',
      author: null,
      publishedAt: '2024-11-05T09:00:00.123Z',
    },
  },
  'declaration-only.xml': { code: 'NOT_A_FEED', message: /there is nothing in it/ },
  'jsonfeed-no-items.json': {
    format: 'json',
    feed: 'No items',
    items: 0,
  },
  'html-page-relative-feed-link.html': {
    code: 'NOT_A_FEED',
    message: /names its feed as "\/atom\.xml", an address relative to the site/,
  },
  'shift-jis.rss': {
    format: 'rss2',
    feed: '価格改定のお知らせ',
    items: 1,
    first: {
      title: '価格改定のお知らせ',
      url: 'https://enc2.example/Shift_JIS',
      author: null,
      publishedAt: null,
    },
  },
  'koi8-r.rss': {
    format: 'rss2',
    feed: 'Цены растут',
    items: 1,
    first: { title: 'Цены растут', url: 'https://enc2.example/KOI8-R', author: null, publishedAt: null },
  },
  'big5.rss': {
    format: 'rss2',
    feed: '價格上漲',
    items: 1,
    first: { title: '價格上漲', url: 'https://enc2.example/Big5', author: null, publishedAt: null },
  },
  'cdata-escaped-entities.rss': {
    format: 'rss2',
    feed: "Ben & Jerry's News",
    items: 2,
    first: {
      title: 'AT&T & Verizon – a "deal"',
      url: 'https://bj.example/1',
      author: null,
      publishedAt: null,
    },
  },
  'rss-item-link-shapes.rss': {
    format: 'rss2',
    feed: 'Mixed Links',
    items: 4,
    first: {
      title: 'Self-closing link with href',
      url: 'https://mixed.example/a',
      author: null,
      publishedAt: null,
    },
  },
  'rss2-default-namespace.rss': {
    format: 'rss2',
    feed: 'Userland Namespaced',
    items: 1,
    first: {
      title: 'Namespaced RSS item',
      url: 'http://userland.example/1',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'xhtml-page.html': { code: 'NOT_A_FEED', message: /it is a web page \(HTML\), and it names no feed/ },
  'xml-1.1.rss': {
    format: 'rss2',
    feed: 'XML 1.1',
    items: 1,
    first: { title: 'One', url: 'https://xml11.example/1', author: null, publishedAt: null },
  },
  'empty-channel.rss': {
    format: 'rss2',
    feed: 'Empty',
    items: 0,
  },
  'atom-self-closing.atom': {
    format: 'atom',
    feed: null,
    items: 0,
  },
  'jsonfeed-bom-odd-items.json': {
    format: 'json',
    feed: 'BOM JSON',
    items: 2,
    first: { title: 'Real item', url: 'https://bomjson.example/1', author: null, publishedAt: null },
  },
  'rss-without-channel.rss': {
    code: 'MALFORMED',
    message: /not shaped like RSS or Atom \(for example an <rss> without a <channel>/,
  },
  'bluesky.rss': {
    format: 'rss2',
    feed: '@sam.bsky.social - Sam Rivera',
    items: 2,
    first: {
      title: "Acme Desk's new pricing page is a masterclass in hiding the per-seat cost.",
      url: 'https://bsky.app/profile/did:plc:abc123xyz/post/3lalk2abcde2x',
      author: null,
      publishedAt: '2024-11-05T16:20:00.000Z',
    },
  },
  'tumblr.rss': {
    format: 'rss2',
    feed: 'Ticket Memes',
    items: 2,
    first: {
      title: 'Photo',
      url: 'https://ticketmemes.tumblr.com/post/765432109876543210',
      author: 'ticketmemes',
      publishedAt: '2024-11-05T15:15:02.000Z',
    },
  },
  'ghost.rss': {
    format: 'rss2',
    feed: 'Support Ops Weekly',
    items: 1,
    first: {
      title: 'Three questions before you renew Acme Desk',
      url: 'https://supportops.ghost.io/three-questions-renew/',
      author: 'Nadia Petrova',
      publishedAt: '2024-11-05T11:58:40.000Z',
    },
  },
  'hugo.xml': {
    format: 'rss2',
    feed: 'Posts on Helpdesk Notes',
    items: 2,
    first: {
      title: 'Migrating 40k tickets',
      url: 'https://notes.example.dev/posts/migrating-40k-tickets/',
      author: null,
      publishedAt: '2024-11-05T16:00:00.000Z',
    },
  },
  'jekyll.atom': {
    format: 'atom',
    feed: 'Dev & Support',
    items: 1,
    first: {
      title: 'Why we built our own triage bot',
      url: 'https://blog.example.io/2024/11/05/triage-bot.html',
      author: null,
      publishedAt: '2024-11-05T10:00:00.000Z',
    },
  },
  'discourse.rss': {
    format: 'rss2',
    feed: 'Acme Community - Latest topics',
    items: 1,
    first: {
      title: 'New pricing: are legacy plans grandfathered?',
      url: 'https://community.acme.example/t/new-pricing-grandfathered/4812',
      author: 'jlee',
      publishedAt: '2024-11-05T12:10:33.000Z',
    },
  },
  'dates-odd-forms.rss': {
    format: 'rss2',
    feed: 'Odd date forms',
    items: 10,
    first: {
      title: 'zone in parens',
      url: 'https://dates3.example/1',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'media-content-only.rss': {
    format: 'rss2',
    feed: 'Media only',
    items: 2,
    first: {
      title: 'Video title in media content',
      url: 'https://media.example/v.mp4',
      author: null,
      publishedAt: null,
    },
  },
  // The second <channel>'s item is read too.
  'raw-entities-crlf-two-channels.rss': {
    format: 'rss2',
    feed: 'Raw entities & CRLF',
    items: 2,
    first: {
      title: 'Café prices – up…',
      url: 'https://raw.example/a?x=1&y=2',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'utf8-declared-but-cp1252.rss': {
    format: 'rss2',
    feed: 'Mis-declared',
    items: 1,
    first: { title: 'Café “quoted”', url: 'https://mis.example/1', author: null, publishedAt: null },
  },
  // The item before the CDATA section that is never closed is whole; the one it opens in is lost.
  'unterminated-cdata.rss': {
    format: 'rss2',
    feed: 'Unterminated CDATA',
    items: 1,
    first: { title: 'ok', url: 'https://u.example/1', author: null, publishedAt: null },
  },
  'atom-untitled-empty-href.atom': {
    format: 'atom',
    feed: 'Notes',
    items: 2,
    first: {
      title: "A note with no title that talks about Acme's support queue getting slower since the update.",
      url: 'https://notes2.example/notes/1',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'jsonfeed-podcast-attachments.json': {
    format: 'json',
    feed: 'Support Talk (JSON)',
    items: 2,
    first: {
      title: "Episode 12: Acme's AI triage",
      url: 'https://cdn.supporttalk.example.fm/ep12.mp3',
      author: null,
      publishedAt: '2024-11-05T08:00:00.000Z',
    },
  },
  // The second batch (see the fixtures' README).
  'appstore-reviews.atom': {
    format: 'atom',
    feed: 'iTunes Store: Customer Reviews',
    items: 2,
    first: {
      title: 'Logged out every hour',
      url: 'https://itunes.apple.example/us/review?id=1234567890&type=Purple%20Software',
      author: 'oncall_olga',
      publishedAt: '2024-11-05T16:41:22.000Z',
    },
  },
  'atom-0.3.atom': {
    format: 'atom',
    feed: 'Hooli Engineering & Support',
    items: 1,
    first: {
      title: 'Moving our help desk off Acme',
      url: 'http://eng.hooli.example/2024/11/moving-off-acme.html',
      author: 'Gavin B.',
      publishedAt: '2024-11-05T19:00:00.000Z',
    },
    firstText: 'We are moving 120 agents to Globex by March.',
  },
  'atom-no-namespace.atom': {
    format: 'atom',
    feed: 'Namespace Forgotten',
    items: 1,
    first: {
      title: 'Globex opens Assist to everyone',
      url: 'https://nons.example/globex-assist-ga',
      author: 'Kai Berg',
      publishedAt: '2024-11-05T10:00:00.000Z',
    },
  },
  'bing-news.rss': {
    format: 'rss2',
    feed: 'globex assist - BingNews',
    items: 1,
    first: {
      title: "Globex Assist 2.0 aims at Acme's AI triage",
      url: 'https://techdaily.example/2024/11/05/globex-assist-2/',
      author: null,
      publishedAt: '2024-11-05T15:30:00.000Z',
    },
  },
  'bitbucket-commits.rss': {
    format: 'rss2',
    feed: 'Commits in globex/assist-sdk',
    items: 1,
    first: {
      title: 'Merged in feature/acme-import (pull request #87)',
      url: 'https://bitbucket.example.org/globex/assist-sdk/commits/3c2b1a0f9e8d7c6b5a4938271605f4e3d2c1b0a9',
      author: 'Lena Fischer',
      publishedAt: '2024-11-05T12:30:05.000Z',
    },
  },
  'blogger-rss.xml': {
    format: 'rss2',
    feed: 'The Ticket Queue',
    items: 1,
    first: {
      title: 'Our Acme renewal, line by line',
      url: 'https://ticketqueue.blogspot.example/2024/11/our-acme-renewal-line-by-line.html',
      author: 'Rosa Diaz',
      publishedAt: '2024-11-05T11:02:00.000Z',
    },
  },
  'businesswire.rss': {
    format: 'rss2',
    feed: 'Business Wire Technology News',
    items: 1,
    first: {
      title: 'Acme Inc. Reports Third Quarter 2024 Results',
      url: 'https://www.businesswire.example/news/home/20241105123456/en/Acme-Inc.-Reports-Third-Quarter-2024-Results/',
      author: null,
      publishedAt: '2024-11-05T21:05:00.000Z',
    },
  },
  'capterra-reviews.rss': {
    format: 'rss2',
    feed: 'Globex Assist reviews',
    items: 1,
    first: {
      title: 'Overall rating: 2 out of 5 – "Fast to set up, slow to answer"',
      url: 'https://www.capterra-like.example/p/221133/Globex-Assist/reviews/#review-4412',
      author: 'Alicia M.',
      publishedAt: '2024-11-05T16:00:00.000Z',
    },
  },
  'description-escaped-twice.rss': {
    format: 'rss2',
    feed: 'Escaped Twice Daily',
    items: 1,
    first: {
      title: 'Acme & Globex: the renewal showdown',
      url: 'https://twice.example/showdown',
      author: null,
      publishedAt: '2024-11-05T10:00:00.000Z',
    },
    firstText: 'Acme’s renewal quote rose 18%; Globex’s fell.',
  },
  'discourse-category.rss': {
    format: 'rss2',
    feed: 'Integrations - Acme Community',
    items: 2,
    first: {
      title: 'Salesforce sync stopped after the November update',
      url: 'https://community.acme.example/t/salesforce-sync-stopped-after-the-november-update/8850',
      author: 'mkowalski',
      publishedAt: '2024-11-05T14:44:01.000Z',
    },
    firstText: "Since Tuesday's update the Salesforce sync fails with error 4012. Anyone else?",
  },
  'drupal7.rss': {
    format: 'rss2',
    feed: 'Initech news',
    items: 2,
    first: {
      title: 'Initech moves its service desk to Globex',
      url: 'https://www.initech.example/news/initech-moves-service-desk-globex',
      author: 'Bill Lumbergh',
      publishedAt: '2024-11-04T14:30:00.000Z',
    },
    firstText: "After a six-month trial, Initech's IT team will run its service desk on Globex.",
  },
  'employer-reviews.rss': {
    format: 'rss2',
    feed: 'Acme Inc. Employee Reviews',
    items: 1,
    first: {
      title: '"Good people, chaotic roadmap" - Support Engineer in Denver, CO',
      url: 'https://www.jobreviews.example/Reviews/Employee-Review-Acme-RVW91234567.htm',
      author: 'Current Employee, more than 3 years',
      publishedAt: '2024-11-04T08:00:00.000Z',
    },
  },
  'g2-reviews.rss': {
    format: 'rss2',
    feed: 'Acme Desk Reviews',
    items: 2,
    first: {
      title: '"Great ticketing, but the new pricing stings"',
      url: 'https://reviews.g2like.example/products/acme-desk/reviews/acme-desk-review-9912345',
      author: 'Verified User in Computer Software',
      publishedAt: '2024-11-05T16:21:00.000Z',
    },
  },
  'gitlab-activity.atom': {
    format: 'atom',
    feed: 'Acme / desk-connectors activity',
    items: 2,
    first: {
      title: 'Jane Smith pushed to branch main at Acme / desk-connectors',
      url: 'https://gitlab.example.com/acme/desk-connectors/-/commit/9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
      author: 'Jane Smith',
      publishedAt: '2024-11-05T15:44:02.000Z',
    },
  },
  'globenewswire.rss': {
    format: 'rss2',
    feed: 'GlobeNewswire: Organization News - Initech',
    items: 1,
    first: {
      title: 'Initech Selects Globex Assist for Global Service Desk',
      url: 'https://www.globenewswire.example/news-release/2024/11/05/2974001/0/en/Initech-Selects-Globex-Assist-for-Global-Service-Desk.html',
      author: 'Initech',
      publishedAt: '2024-11-05T13:30:00.000Z',
    },
  },
  'google-news-search.rss': {
    format: 'rss2',
    feed: '"Acme Desk" - Google News',
    items: 1,
    first: {
      title: 'Acme Desk raises prices 18% for Team plan',
      url: 'https://dailyledger.example/acme-desk-raises-prices',
      author: 'The Daily Ledger',
      publishedAt: '2024-11-05T14:07:00.000Z',
    },
    // The body lists related headlines from other publishers: none of it is the item's text.
    firstText: '',
  },
  'gov-euc-jp.rdf': {
    format: 'rss1',
    feed: 'デジタル庁 新着情報',
    items: 1,
    first: {
      title: '問い合わせ窓口システムの調達について',
      url: 'https://www.digital.go.example/news/20241105-01',
      author: null,
      publishedAt: '2024-11-05T01:00:00.000Z',
    },
    firstText: '問い合わせ窓口の新システムを調達します。',
  },
  'gov-windows-1251.rss': {
    format: 'rss2',
    feed: 'Министерство цифрового развития — Новости',
    items: 1,
    first: {
      title: 'Министерство объявило конкурс на платформу поддержки граждан',
      url: 'https://digital.gov.example/news/2024/11/05/konkurs',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
    firstText: 'Заявки принимаются до 20 декабря. Требования — «облачная» система обращений.',
  },
  'hubspot-blog.rss': {
    format: 'rss2',
    feed: 'Vandelay Industries Blog',
    items: 1,
    first: {
      title: 'How we cut first-response time by 40% after leaving Acme',
      url: 'https://blog.vandelay.example/cut-first-response-time?hsLang=en',
      author: 'Art Vandelay',
      publishedAt: '2024-11-05T13:00:00.000Z',
    },
    firstText:
      'Six months after moving from Acme Desk to Globex, our median first response fell from 5 hours to 3.',
  },
  'idn-domains.rss': {
    format: 'rss2',
    feed: 'Bücher & Märkte',
    items: 3,
    first: {
      title: 'Acme eröffnet Büro in Zürich',
      url: 'https://xn--bcher-mrkte-r8a91a.example/artikel/acme-z%C3%BCrich',
      author: null,
      publishedAt: '2024-11-05T08:00:00.000Z',
    },
    urls: [
      'https://xn--bcher-mrkte-r8a91a.example/artikel/acme-z%C3%BCrich',
      'https://xn--r8jz45g.xn--zckzah/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/globex-tokyo',
      'https://xn--bcher-kva.example/artikel/punycode',
    ],
  },
  'jsonfeed-items-null.json': {
    format: 'json',
    feed: 'Vandelay Changelog',
    items: 0,
  },
  'linkedin-newsletter.rss': {
    format: 'rss2',
    feed: 'The CX Brief | LinkedIn Newsletter',
    items: 1,
    first: {
      title: "Acme's price rise is a gift to Globex",
      url: 'https://www.linkedin.com/pulse/acmes-price-rise-gift-globex-jordan-ellis-3xk9f',
      author: 'Jordan Ellis',
      publishedAt: '2024-11-05T07:30:00.000Z',
    },
  },
  'mailchimp-archive.rss': {
    format: 'rss2',
    feed: 'Initech Customer Newsletter Archive Feed',
    items: 1,
    first: {
      title: 'November: our new service desk, and what changes for you',
      url: 'https://mailchi.example/initech/november-service-desk',
      author: null,
      publishedAt: '2024-11-05T15:00:00.000Z',
    },
    firstText:
      'New help center, same phone number. Our new service desk From 1 December, support requests go through our new help center, powered by Globex. Copyright © 2024 Initech, All rights reserved.',
  },
  'medium-figures.rss': {
    format: 'rss2',
    feed: 'Stories by Ravi Patel on Medium',
    items: 1,
    first: {
      title: 'We benchmarked three AI triage tools on 10,000 tickets',
      url: 'https://medium.com/@ravipatel/we-benchmarked-three-ai-triage-tools-4f2e8a1b9c3d',
      author: 'Ravi Patel',
      publishedAt: '2024-11-05T19:10:58.000Z',
    },
    firstText:
      'Accuracy by tool, 10,000 tickets. Image by the author. Globex Assist routed 91% of tickets correctly; Acme Desk’s AI triage 84%. Method We replayed a month of anonymised tickets.',
  },
  'namespaces-on-items.rss': {
    format: 'rss2',
    feed: 'Namespaces Everywhere',
    items: 2,
    first: {
      title: 'Globex cuts Assist prices for nonprofits',
      url: 'https://ns.example/globex-nonprofits',
      author: 'Ana Lima',
      publishedAt: '2024-11-05T09:30:00.000Z',
    },
    firstText: 'Nonprofits get 50% off Assist.',
  },
  'npm-package-versions.rss': {
    format: 'rss2',
    feed: '@acme/desk-sdk - npm releases',
    items: 2,
    first: {
      title: '@acme/desk-sdk@4.0.0',
      url: 'https://www.npmjs.com/package/@acme/desk-sdk/v/4.0.0',
      author: 'acme-bot',
      publishedAt: '2024-11-05T10:15:33.000Z',
    },
  },
  'phpbb.atom': {
    format: 'atom',
    feed: 'Helpdesk Admins Forum',
    items: 1,
    first: {
      title: 'Vendors • Acme Desk renewal: anyone negotiated the 18% down?',
      url: 'https://forum.helpdesk-admins.example/viewtopic.php?t=4410',
      author: 'jdoe_admin',
      publishedAt: '2024-11-05T15:58:10.000Z',
    },
    firstText:
      'Our rep offered 10% off if we sign for three years. Is that normal? Anyone got a better deal?',
  },
  'play-store-reviews.rss': {
    format: 'rss2',
    feed: 'Acme Desk (com.acme.desk) – Google Play reviews',
    items: 1,
    first: {
      title: '★★☆☆☆ by Priyanka S.',
      url: 'https://play.google.example/store/apps/details?id=com.acme.desk&reviewId=gp%3AAOqpTOF1a2b3c4d5e6',
      author: 'Priyanka S.',
      publishedAt: '2024-11-05T08:17:00.000Z',
    },
  },
  'podcast-itunes-summary-only.rss': {
    format: 'rss2',
    feed: 'Support Leaders Podcast',
    items: 1,
    first: {
      title: "Ep. 112: Renewal season with Acme's pricing change",
      url: 'https://cdn.podhost.example/supportleaders/ep112.mp3',
      author: 'Support Leaders',
      publishedAt: '2024-11-05T05:00:00.000Z',
    },
    firstText:
      'Two support directors compare their Acme Desk renewal quotes and explain why one is moving to Globex. Sponsored by Initech.',
  },
  'prnewswire.rss': {
    format: 'rss2',
    feed: 'PR Newswire: Technology News',
    items: 1,
    first: {
      title: 'Globex Launches Assist 2.0, Promising 70% Ticket Deflection',
      url: 'https://www.prnewswire.example/news-releases/globex-launches-assist-2-0-promising-70-ticket-deflection-302294001.html',
      author: 'Globex Corporation',
      publishedAt: '2024-11-05T13:00:00.000Z',
    },
  },
  'producthunt.atom': {
    format: 'atom',
    feed: 'Product Hunt — The best new products, every day',
    items: 1,
    first: {
      title: 'Globex Assist 2.0',
      url: 'https://www.producthunt.com/products/globex-assist',
      author: 'Mei Tanaka',
      publishedAt: '2024-11-05T08:01:10.000Z',
    },
    firstText: 'AI agent that resolves support tickets end to end',
  },
  'pubdate-gmt-offset-and-sql.rss': {
    format: 'rss2',
    feed: 'Odd Clocks',
    items: 6,
    first: {
      title: 'GMT plus offset',
      url: 'https://clocks.example/1',
      author: null,
      publishedAt: '2024-11-05T12:03:00.000Z',
    },
    dates: [
      '2024-11-05T12:03:00.000Z',
      '2024-11-05T14:03:00.000Z',
      '2024-11-05T12:03:00.000Z',
      '2024-11-05T12:03:00.000Z',
      '2024-11-05T19:03:00.000Z',
      '2024-11-05T14:03:00.000Z',
    ],
  },
  'pypi-releases.xml': {
    format: 'rss2',
    feed: 'PyPI recent updates for globex-assist',
    items: 2,
    first: {
      title: 'globex-assist 2.1.0',
      url: 'https://pypi.org/project/globex-assist/2.1.0/',
      author: null,
      publishedAt: '2024-11-05T11:48:06.000Z',
    },
  },
  'rss-image-only.rss': {
    format: 'rss2',
    feed: 'Image Only',
    items: 0,
  },
  'rss-uppercase-elements.rss': { code: 'MALFORMED', message: /element names in capitals/ },
  'sec-edgar.atom': {
    format: 'atom',
    feed: 'Latest Filings - Tue, 05 Nov 2024 16:12:01 EST',
    items: 1,
    first: {
      title: '8-K - Acme Inc (0001234567) (Filer)',
      url: 'https://www.sec.example/Archives/edgar/data/1234567/000123456724000123/0001234567-24-000123-index.htm',
      author: null,
      publishedAt: '2024-11-05T21:05:12.000Z',
    },
  },
  'served-as-html-bom-comment.xml': {
    format: 'rss2',
    feed: 'Leading Junk News',
    items: 1,
    first: {
      title: 'Acme opens a Berlin office',
      url: 'https://junk.example/berlin',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'squarespace.rss': {
    format: 'rss2',
    feed: 'Journal — Umbrella Studio',
    items: 1,
    first: {
      title: 'Why we left Acme Desk',
      url: 'https://www.umbrella-studio.example/journal/why-we-left-acme-desk',
      author: 'Mara Quinn',
      publishedAt: '2024-11-05T11:20:44.000Z',
    },
    firstText:
      "Our renewal quote went up 22%. We moved our eight-person studio to Globex in a weekend. Here is what we miss, and what we don't. Our old desk setup.",
  },
  'statuspage-history.rss': {
    format: 'rss2',
    feed: 'Acme Desk Status - Incident History',
    items: 1,
    first: {
      title: 'Agents unable to log in',
      url: 'https://status.acme.example/incidents/x1y2z3w4v5u6',
      author: null,
      publishedAt: '2024-11-05T09:05:41.000Z',
    },
    firstText:
      'Nov 5, 09:05 UTC Resolved - This incident has been resolved. Nov 5, 08:10 UTC Investigating - We are investigating reports of agents unable to log in.',
  },
  'substack-paywall.rss': {
    format: 'rss2',
    feed: 'SaaS Ledger',
    items: 1,
    first: {
      title: "Inside Acme's 18% price rise",
      url: 'https://saasledger.substack.com/p/inside-acmes-18-price-rise',
      author: 'Dana Whitfield',
      publishedAt: '2024-11-05T17:45:00.000Z',
    },
    firstText:
      "Acme's Team plan now costs $45 a seat. Three former employees walked us through how the number was chosen.",
  },
  'trustpilot-reviews.rss': {
    format: 'rss2',
    feed: 'Acme Inc. Reviews | Read Customer Service Reviews of acme.example',
    items: 2,
    first: {
      title: '★☆☆☆☆ Billing nightmare',
      url: 'https://www.trustpilot-like.example/reviews/6729f0e1a2b3c4d5e6f70812',
      author: 'Kevin O.',
      publishedAt: '2024-11-05T15:44:10.000Z',
    },
  },
  'urls-with-spaces.rss': {
    format: 'rss2',
    feed: 'Spaced Out',
    items: 3,
    first: {
      title: 'Spaces in the path',
      url: 'https://spaced.example/press%20releases/Acme%20Q3%20results.html',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
    urls: [
      'https://spaced.example/press%20releases/Acme%20Q3%20results.html',
      'https://spaced.example/news/globex-assist-launch',
      'https://spaced.example/search?q=acme%20desk&sort=new',
    ],
  },
  'vbulletin.rss': {
    format: 'rss2',
    feed: 'SupportTech Forums - Help Desk Software',
    items: 1,
    first: {
      title: 'Globex vs Acme for a 30-seat team?',
      url: 'https://forums.supporttech.example/showthread.php?51234-Globex-vs-Acme-for-a-30-seat-team&goto=newpost',
      author: 'café_admin',
      publishedAt: '2024-11-05T15:12:40.000Z',
    },
    firstText:
      "We're up for renewal with Acme in January and the quote jumped. Has anyone moved to Globex? Thanks!",
  },
  'very-long-urls.rss': {
    format: 'rss2',
    feed: 'Long Links',
    items: 2,
    first: {
      title: 'A very deep link about Acme pricing',
      url: expect.stringMatching(
        /^https:\/\/long\.example\/acme-desk-pricing-analysis-section-0\/.*\?session=x{400}$/,
      ),
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
  },
  'wix-blog.rss': {
    format: 'rss2',
    feed: 'Blog | Hooli Consulting',
    items: 1,
    first: {
      title: '5 questions to ask before your help desk renewal',
      url: 'https://www.hooliconsulting.example/post/5-questions-to-ask-before-your-help-desk-renewal',
      author: 'Hooli Consulting',
      publishedAt: '2024-11-05T09:12:36.000Z',
    },
  },
  'wordpress-wfw-slash.rss': {
    format: 'rss2',
    feed: 'Helpdesk Herald',
    items: 2,
    first: {
      title: 'Acme Desk’s new pricing: what changes for 20-seat teams',
      url: 'https://helpdeskherald.example/2024/11/05/acme-desk-new-pricing/',
      author: 'Priya Raman',
      publishedAt: '2024-11-05T15:10:00.000Z',
    },
    firstText:
      'Acme Desk moves AI triage into its Team plan and raises the per-seat price by 18%. For a 20-seat team the yearly bill goes from $21,600 to $25,488.',
  },
  'xenforo.rss': {
    format: 'rss2',
    feed: 'Latest threads',
    items: 1,
    first: {
      title: 'Acme Desk outage this morning?',
      url: 'https://cxadmins.example/threads/acme-desk-outage-this-morning.20511/',
      author: 'helpdesk_hannah',
      publishedAt: '2024-11-05T16:20:41.000Z',
    },
    firstText:
      'Our agents could not log in from 08:10 to 09:05 CET. We are investigating elevated error rates. Anyone else?',
  },
  'xsl-stylesheet-feedburner.rss': {
    format: 'rss2',
    feed: 'Support Weekly',
    items: 1,
    first: {
      title: "Acme's renewal math",
      url: 'https://supportweekly.example/2024/11/acme-renewal-math/',
      author: null,
      publishedAt: '2024-11-05T12:00:00.000Z',
    },
  },
  // The twenty-seventh session's twenty.
  // The wire's "View the original press release on …" link is dropped; its closing "SOURCE:" names the author.
  'accesswire.rss': {
    format: 'rss2',
    feed: 'NEWSWIREONE - Latest Releases',
    items: 1,
    first: {
      title: 'Umbrella Corp Reports Third Quarter 2024 Results',
      url: 'https://www.newswireone.example/newsroom/en/business-and-professional-services/umbrella-corp-reports-third-quarter-2024-results-934512',
      author: 'Umbrella Corp',
      publishedAt: '2024-11-05T21:05:00.000Z',
    },
    firstText:
      'RALEIGH, NC / NEWSWIREONE / November 5, 2024 / Umbrella Corp (NASDAQ:UMBR) reported revenue of $48.2 million, up 12%, driven by customers moving from Acme Desk. SOURCE: Umbrella Corp',
  },
  'beehiiv-newsletter.rss': {
    format: 'rss2',
    feed: 'The Support Stack',
    items: 1,
    first: {
      title: "Acme's price rise, three weeks on",
      url: 'https://supportstack.example.com/p/acme-price-rise-three-weeks-on',
      author: 'Ola Brandt',
      publishedAt: '2024-11-05T12:00:00.000Z',
    },
    firstText:
      "Three weeks after Acme Desk's 18% rise, renewals are being negotiated hard: most buyers we spoke to got 8–10% back. Sponsored: Initech Service Desk. Next week: Globex's roadmap.",
  },
  'discourse-posts.rss': {
    format: 'rss2',
    feed: 'Acme Community - Latest posts',
    items: 1,
    first: {
      title: 'Team plan price increase - what are we getting?',
      url: 'https://community.acme.example/t/team-plan-price-increase-what-are-we-getting/9911/7',
      author: '@rkim',
      publishedAt: '2024-11-05T19:18:02.000Z',
    },
    firstText:
      "acme_staff: The new price reflects the AI features added this year. Which we can't turn off and don't use. Please offer a plan without them.",
  },
  'getapp-style-reviews.rss': {
    format: 'rss2',
    feed: 'Latest reviews of Acme Desk - AppAdvisor',
    items: 1,
    first: {
      title: 'Solid tool, but support got slower',
      url: 'https://appadvisor.example/software/acme-desk/reviews/?review=44120',
      author: 'Lucía M., Operations Manager (51-200 employees)',
      publishedAt: '2024-11-05T10:22:00.000Z',
    },
    firstText:
      'Rating: 3 out of 5 Pros: Reporting is clear. Cons: Response times from their support doubled this year. Overall: Fine, for now.',
  },
  'github-releases-prerelease.atom': {
    format: 'atom',
    feed: 'Release notes from assist-sdk',
    items: 2,
    first: {
      title: 'assist-sdk v3.0.0-rc.1',
      url: 'https://github.example/globex/assist-sdk/releases/tag/v3.0.0-rc.1',
      author: 'globex-bot',
      publishedAt: '2024-11-05T17:20:31.000Z',
    },
    firstText:
      'Breaking changes Drops the Acme Desk v1 connector (#812) Client.connect() now returns a Promise<Session> Full Changelog: v2.9.4...v3.0.0-rc.1',
  },
  // A headline alone, and a list of related headlines: neither is the item's text.
  'google-news-topic.rss': {
    format: 'rss2',
    feed: 'Customer service software - Latest - Google News',
    items: 2,
    first: {
      title: 'Globex raises $80M to take on Acme Desk',
      url: 'https://news.google.com/rss/articles/CBMiWkFVX3lxTE9wZXJhcXVlSWQ?oc=5',
      author: 'TechWire',
      publishedAt: '2024-11-05T19:45:00.000Z',
    },
    firstText: '',
  },
  // Linked to its discussion (link=comments): the address is the article's.
  'hnrss-link-comments.rss': {
    format: 'rss2',
    feed: 'Hacker News: Front Page',
    items: 1,
    first: {
      title: 'Show HN: An open-source alternative to Acme Desk',
      url: 'https://github.example/openhelp/openhelp',
      author: 'openhelp_dev',
      publishedAt: '2024-11-05T15:30:12.000Z',
    },
    firstText: '',
  },
  // Lemmy's "submitted by … 14 points | 9 comments" header is no text.
  'lemmy-community.rss': {
    format: 'rss2',
    feed: 'Lemmy.example - helpdesks',
    items: 1,
    first: {
      title: 'Anyone else seeing Acme Desk emails land in spam since Monday?',
      url: 'https://lemmy.example/post/2210931',
      // Its dc:creator is the profile's address.
      author: 'sysop_ana',
      publishedAt: '2024-11-05T16:12:44.000Z',
    },
    firstText: 'Our notification emails from Acme Desk started failing DMARC on Monday.',
  },
  'mastodon-tag.rss': {
    format: 'rss2',
    feed: '#acmedesk',
    items: 2,
    first: {
      title: 'Third outage this month on #acmedesk.',
      url: 'https://mastodon.example/@ops_ines/113432199887766554',
      author: '@ops_ines',
      publishedAt: '2024-11-05T17:44:21.000Z',
    },
    firstText:
      'Third outage this month on #acmedesk. Tickets stuck in "pending" for an hour. @status any ETA?',
  },
  'medium-publication.rss': {
    format: 'rss2',
    feed: 'Support Engineering - Medium',
    items: 1,
    first: {
      title: 'How we cut our Acme Desk bill by 30% without leaving',
      url: 'https://medium.example/support-engineering/how-we-cut-our-acme-desk-bill-7c1d2e3f4a5b',
      author: 'Lena Okafor',
      publishedAt: '2024-11-05T18:55:10.000Z',
    },
    firstText:
      'Our seat count, before and after. When the renewal quote arrived we had two weeks. We audited every seat, moved 40 light users to the collaborator tier, and saved 30%. What we changed Collaborator seats cost nothing on the Team plan.',
  },
  'podcast-hosted-no-link.rss': {
    format: 'rss2',
    feed: 'Ticket Talk',
    items: 1,
    first: {
      title: 'The Acme renewal letter',
      url: 'https://podhost.example/tickettalk/episodes/acme-renewal.mp3',
      author: 'Ticket Talk',
      publishedAt: '2024-11-05T05:00:00.000Z',
    },
    firstText:
      'We read the Acme Desk renewal letter line by line. --- Send in your questions: hello@tickettalk.example',
  },
  'podcast-itunes-full.rss': {
    format: 'rss2',
    feed: 'Support Ops After Hours',
    items: 2,
    first: {
      title: 'Ep. 42: Is Acme Desk still worth it after the price rise?',
      url: 'https://afterhours.example.fm/episodes/42',
      author: 'Dana Whitlock',
      publishedAt: '2024-11-05T11:00:00.000Z',
    },
    firstText:
      "Dana and two support leads weigh Acme Desk's 18% rise against moving to Globex. Show notes 00:02 Why renewals jumped 00:19 Migration costs nobody budgets for Sponsored by Initech.",
  },
  'producthunt-rss.rss': {
    format: 'rss2',
    feed: 'Product Hunt — Customer Support',
    items: 1,
    first: {
      title: 'Globex Assist 3.0 — An AI agent that closes tickets in Acme Desk',
      url: 'https://www.producthunt.example/posts/globex-assist-3-0',
      author: 'Ravi Nair',
      publishedAt: '2024-11-05T16:01:00.000Z',
    },
    firstText: 'Globex Assist reads your Acme Desk queue and drafts replies your agents approve.',
  },
  // The issuer (dc:publisher), not the wire's newsdesk (managingEditor), is the author.
  'prweb-wire.rss': {
    format: 'rss2',
    feed: 'PR Wire Daily: Technology',
    items: 1,
    first: {
      title: 'Initech Launches Service Desk Suite to Challenge Acme Desk',
      url: 'https://www.prwiredaily.example/releases/2024/11/prweb22871234.htm',
      author: 'Initech',
      publishedAt: '2024-11-05T13:00:00.000Z',
    },
    firstText:
      "AUSTIN, Texas (PR Wire Daily) November 05, 2024 -- Initech today announced Initech Service Desk, a help desk suite priced 30% below Acme Desk's new Team plan.",
  },
  'reddit-search.atom': {
    format: 'atom',
    feed: 'reddit.com: search results - acme desk',
    items: 2,
    first: {
      title: 'Acme Desk renewal +18% — anyone negotiated?',
      url: 'https://www.reddit.example/r/sysadmin/comments/1gk2x9z/acme_desk_renewal/',
      author: '/u/helpdesk_hannah',
      publishedAt: '2024-11-05T20:01:44.000Z',
    },
    firstText: 'Our Acme Desk renewal came in 18% higher. Anyone negotiated it down?',
  },
  'review-stars-title.atom': {
    format: 'atom',
    feed: 'Acme Desk reviews | SoftwareCompare',
    items: 2,
    first: {
      title: '★★☆☆☆ "Great product, priced out of reach"',
      url: 'https://softwarecompare.example/products/acme-desk/reviews#review-88231',
      author: 'Verified User in Computer Software',
      publishedAt: '2024-11-05T20:40:00.000Z',
    },
    firstText:
      'What do you like best? The macros and the SLA views. What do you dislike? The 18% price increase with no notice. Recommendations to others considering the product: Lock in a multi-year term.',
  },
  // Its entries' <content type="text/xml"> is a filing record for programs: the summary is the text.
  'sec-edgar-company.atom': {
    format: 'atom',
    feed: 'ACME DESK INC (0001234567)',
    items: 1,
    first: {
      title: '8-K - Current report',
      url: 'https://www.sec.example/Archives/edgar/data/1234567/000123456724000131/0001234567-24-000131-index.htm',
      author: null,
      publishedAt: '2024-11-05T22:02:11.000Z',
    },
    firstText:
      'Filed: 2024-11-05 AccNo: 0001234567-24-000131 Size: 312 KB Item 2.02: Results of Operations and Financial Condition',
  },
  'stackexchange-site.atom': {
    format: 'atom',
    feed: 'Newest questions - Web Applications Stack Exchange',
    items: 1,
    first: {
      title: 'How do I bulk-export closed tickets from Acme Desk with their tags?',
      url: 'https://webapps.stackexchange.example/questions/178201/how-do-i-bulk-export-closed-tickets-from-acme-desk',
      author: 'Tomas V.',
      publishedAt: '2024-11-05T20:11:40.000Z',
    },
    firstText:
      'The CSV export in Reports drops tags. I tried the API: GET /api/v2/tickets?status=closed&include=tags but it returns 422. Is there a supported way?',
  },
  'wordpress-post-comments.rss': {
    format: 'rss2',
    feed: 'Comments on: Acme Desk’s new pricing, explained',
    items: 2,
    first: {
      title: 'By: Marco Ruiz',
      url: 'https://helpdeskhub.example/2024/11/acme-pricing-explained/#comment-5512',
      author: 'Marco Ruiz',
      publishedAt: '2024-11-05T16:40:11.000Z',
    },
    firstText: 'In reply to Priya. We got the same letter. 18% and no new features – we’re trialling Globex.',
  },
  'youtube-playlist.atom': {
    format: 'atom',
    feed: 'Acme Desk tutorials',
    items: 1,
    first: {
      title: 'Set up SLA policies in 5 minutes',
      url: 'https://www.youtube.example/watch?v=dQ9zz01',
      author: 'Acme Desk',
      publishedAt: '2024-11-04T15:00:06.000Z',
    },
    firstText:
      'Learn how to create SLA policies for every ticket priority. Chapters: 0:00 Intro 1:12 Business hours 3:40 Escalations #AcmeDesk #CustomerSupport',
  },
  'apple-newsroom.atom': {
    format: 'atom',
    feed: 'Acme Newsroom',
    items: 2,
    first: {
      title: 'Acme Desk plans update: more AI in every plan',
      url: 'https://www.acme.example/newsroom/2024/11/acme-desk-plans-update/',
      author: 'Acme Newsroom',
      publishedAt: '2024-11-05T14:00:07.000Z',
    },
    firstText:
      'Acme Desk’s Team and Business plans now include AI triage, with new pricing from January 1. CUPERTINO, CALIFORNIA Acme today announced new plans for Acme Desk. The Team plan will cost $58 per agent per month.',
    dates: ['2024-11-05T14:00:07.000Z', '2024-11-01T20:30:00.000Z'],
  },
  'blog-google-author-element.rss': {
    format: 'rss2',
    feed: 'Hooli: The Keyword',
    items: 2,
    first: {
      title: '3 new ways Hooli Assist answers support tickets',
      url: 'https://blog.hooli.example/products/assist/support-ticket-features/',
      author: 'Maya Lindqvist',
      publishedAt: '2024-11-05T17:00:00.000Z',
    },
    firstText:
      'Hooli Assist now drafts replies, routes tickets and summarizes long threads for support teams.',
    dates: ['2024-11-05T17:00:00.000Z', '2024-11-04T10:00:00.000Z'],
  },
  'dev-to.rss': {
    format: 'rss2',
    feed: 'DEV Community: Priya Raman',
    items: 1,
    first: {
      title: 'Migrating 40,000 tickets from Acme Desk to Globex Assist',
      url: 'https://dev.example.to/priyaraman/migrating-40000-tickets-from-acme-desk-to-globex-assist-3k2p',
      author: 'Priya Raman',
      publishedAt: '2024-11-05T13:37:21.000Z',
    },
    firstText:
      'Our renewal went up 18%, so we moved. Here is the script we used. const tickets = await acme.export(); Tags came over; macros did not.',
  },
  'euc-kr.rss': {
    format: 'rss2',
    feed: 'IT 뉴스',
    items: 1,
    first: {
      title: 'Acme 헬프데스크 요금 18% 인상…중소기업 반발',
      url: 'http://it.news.example.kr/article/20241105000123',
      author: '김민지 기자',
      publishedAt: '2024-11-05T08:30:00.000Z',
    },
    firstText: 'Acme가 팀 요금제를 상담원당 월 58달러로 올린다고 밝혔다.',
  },
  'feedburner-origlink.atom': {
    format: 'atom',
    feed: 'The Support Lounge',
    items: 1,
    first: {
      title: "Acme Desk's new pricing, line by line",
      url: 'https://supportlounge.blogspot.com/2024/11/acme-desk-new-pricing.html',
      author: 'Nadia K.',
      publishedAt: '2024-11-05T18:12:00.000Z',
    },
    firstText: 'The Team plan goes from $49 to $58 per agent. Here is what you get for the extra $9.',
  },
  'gbk-news.rss': {
    format: 'rss2',
    feed: '科技快讯',
    items: 1,
    first: {
      title: 'Acme 客服软件涨价18%，中小企业用户不满',
      url: 'https://tech.news.example.cn/2024-11-05/doc-acme.shtml',
      author: '新浪科技',
      publishedAt: '2024-11-05T08:20:00.000Z',
    },
    firstText:
      'Acme 宣布其客服软件团队版每位客服每月价格从49美元涨至58美元，不少中小企业表示将考虑迁移到 Globex。',
  },
  'microblog-jsonfeed.json': {
    format: 'json',
    feed: 'Dana Whitfield',
    items: 2,
    first: {
      title: 'Day two of the Acme Desk migration.',
      url: 'https://danaw.micro.blog/2024/11/05/172201.html',
      author: 'Dana Whitfield',
      publishedAt: '2024-11-05T22:22:01.000Z',
    },
    firstText:
      "Day two of the Acme Desk migration. Globex's importer kept every ticket tag, which Acme's export “forgot”.",
    dates: ['2024-11-05T22:22:01.000Z', '2024-11-04T14:00:00.000Z'],
  },
  'reddit-comments.atom': {
    format: 'atom',
    feed: 'Acme Desk raising prices 18% - what are you moving to? : sysadmin',
    items: 2,
    first: {
      title: 'Acme Desk raising prices 18% - what are you moving to?',
      url: 'https://www.reddit.com/r/sysadmin/comments/1gk2abc/acme_desk_raising_prices_18_what_are_you_moving/',
      author: '/u/helpdesk_hank',
      publishedAt: '2024-11-05T14:02:33.000Z',
    },
    firstText:
      'We got the same email. 18% for the Team plan, and the AI add-on is extra. Looking at Globex Assist and Initech Helpdesk.',
    dates: ['2024-11-05T14:02:33.000Z', '2024-11-05T14:40:10.000Z'],
  },
  'rss-app-facebook.rss': {
    format: 'rss2',
    feed: 'Globex Assist | Facebook',
    items: 1,
    first: {
      title:
        'Switching from Acme Desk? Teams under 5 agents get Globex Assist free until March. Our importer brings...',
      url: 'https://www.facebook.com/globexassist/posts/pfbid02abcXYZ',
      author: 'Globex Assist',
      publishedAt: '2024-11-05T15:00:12.000Z',
    },
    firstText:
      'Switching from Acme Desk? Teams under 5 agents get Globex Assist free until March. Our importer brings over tickets, tags and macros in one go.',
  },
  'rsshub-telegram.rss': {
    format: 'rss2',
    feed: 'Support Ops Digest - Telegram Channel',
    items: 2,
    first: {
      title:
        '📣 Acme Desk pricing change: Team plan goes from $49 to $58 per agent from January. We compared the…',
      url: 'https://t.me/supportopsdigest/412',
      author: 'Support Ops Digest',
      publishedAt: '2024-11-05T11:58:02.000Z',
    },
    firstText:
      '📣 Acme Desk pricing change: Team plan goes from $49 to $58 per agent from January. We compared the alternatives here: https://supportops.example/acme-vs-globex #pricing #acmedesk',
    dates: ['2024-11-05T11:58:02.000Z', '2024-11-04T08:15:40.000Z'],
  },
  'windows-1250.rss': {
    format: 'rss2',
    feed: 'Zprávy z podpory',
    items: 1,
    first: {
      title: 'Acme zdražuje – tým platí o 18 % víc',
      url: 'https://podpora.example.cz/clanky/acme-zdrazuje',
      author: 'Jiří Dvořák',
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
    firstText: 'Šéfové podpory řeší, zda přejít na Globex. „Cena je příliš vysoká“, říká Růžena Šťastná.',
  },
  'wordpress-com-gravatar.rss': {
    format: 'rss2',
    feed: 'Ticket Talk',
    items: 1,
    first: {
      title: 'Why we’re staying on Acme Desk (for now)',
      url: 'https://tickettalk.wordpress.com/2024/11/05/why-were-staying-on-acme-desk/',
      author: 'okaforruth',
      publishedAt: '2024-11-05T19:04:15.000Z',
    },
    firstText:
      'The price rise stings, but the migration cost is worse. Here is our math. Moving 12 agents would take three weeks of admin time.',
  },
  'zendesk-community.atom': {
    format: 'atom',
    feed: 'Acme Desk Help Center - Feature requests',
    items: 2,
    first: {
      title: 'Keep the Team plan price for existing customers',
      url: 'https://support.acme.example/hc/en-us/community/posts/27651234567890-Keep-the-Team-plan-price-for-existing-customers',
      author: 'Marco Bianchi',
      publishedAt: '2024-11-05T14:48:12.000Z',
    },
    firstText:
      'We have been on the Team plan since 2019. The new price ($58/agent) is a 18% rise with nothing new for us. Please grandfather existing customers for at least a year.',
    dates: ['2024-11-05T14:48:12.000Z', '2024-11-04T08:01:00.000Z'],
  },
  'cp1252-numeric-references.rss': {
    format: 'rss2',
    feed: 'Initech Partner News',
    items: 2,
    first: {
      title: 'Acme’s new pricing – what partners need to know',
      url: 'http://www.initech.example/partners/news.asp?id=2231',
      author: null,
      publishedAt: '2024-11-05T08:00:00.000Z',
    },
    firstText:
      '“The Team plan goes to $58 per agent,” said Initech’s partner lead. Renewals after January 1 pay the new price…',
    dates: ['2024-11-05T08:00:00.000Z', '2024-11-04T08:00:00.000Z'],
  },
  'dotnet-syndication.rss': {
    format: 'rss2',
    feed: 'Umbrella Corp Customer Updates',
    items: 2,
    first: {
      title: 'We are moving our help desk off Acme Desk',
      url: 'https://updates.umbrella.example/posts/2024/11/moving-off-acme-desk',
      author: 'Dana Whitfield',
      publishedAt: '2024-11-05T16:20:00.000Z',
    },
    firstText:
      'After the 18% price rise we have decided to move support to Globex Assist by January. Existing tickets will be migrated and stay searchable.',
    dates: ['2024-11-05T16:20:00.000Z', '2024-11-04T08:00:00.000Z'],
  },
  'seeking-alpha.rss': {
    format: 'rss2',
    feed: 'Seeking Beta - Acme Corp. (ACME)',
    items: 2,
    first: {
      title: 'Acme Corp. Q3 2024 Earnings Call Transcript',
      url: 'https://seekingbeta.example/article/4732101-acme-corp-q3-2024-earnings-call-transcript',
      author: 'SB Transcripts',
      publishedAt: '2024-11-05T17:40:18.000Z',
    },
    firstText: '',
    dates: ['2024-11-05T17:40:18.000Z', '2024-11-05T14:15:00.000Z'],
  },
  'yahoo-finance-headlines.rss': {
    format: 'rss2',
    feed: 'Yahoo! Finance: ACME News',
    items: 2,
    first: {
      title: 'Acme shares fall after help-desk price rise',
      url: 'https://finance.yahoo.com/news/acme-shares-fall-price-rise-153012345.html',
      author: null,
      publishedAt: '2024-11-05T15:30:12.000Z',
    },
    firstText:
      'Acme Corp. shares fell 6% after the help-desk maker raised prices for small teams and cut its revenue outlook.',
    dates: ['2024-11-05T15:30:12.000Z', '2024-11-04T21:05:00.000Z'],
  },
  'confluence-space.atom': {
    format: 'atom',
    feed: 'Initech Wiki - Customer Support',
    items: 2,
    first: {
      title: 'Help desk renewal: Acme vs Globex',
      url: 'https://wiki.initech.example/display/CS/Help+desk+renewal%3A+Acme+vs+Globex',
      author: 'Samir Haddad',
      publishedAt: '2024-11-05T13:25:07.000Z',
    },
    firstText:
      'Acme Desk quoted $58 per agent for the renewal, up from $49. Globex Assist quoted $45 with migration included. Recommendation: move to Globex in Q1.',
    dates: ['2024-11-05T13:25:07.000Z', '2024-11-01T09:00:00.000Z'],
  },
  'arxiv-listing.rss': {
    format: 'rss2',
    feed: 'cs.CL updates on arXiv.org',
    items: 2,
    first: {
      title: 'Measuring Customer Sentiment in Help-Desk Tickets with Small Language Models',
      url: 'https://arxiv.org/abs/2411.01234',
      author: 'Wei Zhang, Amara Okafor, Lukas Becker, Sofia Marino',
      publishedAt: '2024-11-05T05:00:00.000Z',
    },
    firstText:
      'We study how well small language models classify the sentiment of support tickets. On 40,000 tickets from three help desks, a 1B-parameter model matches a 70B model within 2 points of F1 while costing 30 times less.',
    dates: ['2024-11-05T05:00:00.000Z', '2024-11-05T05:00:00.000Z'],
  },
  'nitter-user.rss': {
    format: 'rss2',
    feed: 'Priya Raman / @priya_cx',
    items: 3,
    first: {
      title:
        'Acme Desk just told us our renewal goes up 18%. Small teams are getting squeezed. Anyone moved to Globex Assist?',
      url: 'https://nitter.example.net/priya_cx/status/1853812345678901234',
      author: 'Priya Raman',
      publishedAt: '2024-11-05T15:04:11.000Z',
    },
    firstText:
      'Acme Desk just told us our renewal goes up 18%. Small teams are getting squeezed. Anyone moved to Globex Assist?',
    dates: ['2024-11-05T15:04:11.000Z', '2024-11-05T10:30:00.000Z', '2024-11-04T20:00:00.000Z'],
  },
  // Apple's older review feeds list the app itself first (no rating, its name and price): not a review, not read as one.
  'appstore-reviews-app-entry.atom': olderAppStoreReviews('atom', '2016-11-05T01:02:00.000Z'),
  // Its JSON twin gives the reviews no date.
  'appstore-reviews-app-entry.json': olderAppStoreReviews('json', null),
  'appstore-reviews.json': {
    format: 'json',
    feed: 'iTunes Store: Customer Reviews',
    items: 1,
    first: {
      title: 'Price hike, same app',
      url: 'https://itunes.apple.com/us/review?id=987654321&type=Purple%20Software',
      author: 'frustrated_admin',
      publishedAt: '2024-11-05T14:12:44.000Z',
    },
    firstText: 'Renewal went up 18% and nothing changed. Looking at Globex Assist.',
  },
  'dates-nordic-ukrainian.rss': {
    format: 'rss2',
    feed: 'Nordic and Ukrainian dates',
    items: 6,
    first: {
      title: 'Norwegian desember',
      url: 'https://dates.example/no',
      author: null,
      publishedAt: '2024-12-03T09:00:00.000Z',
    },
    dates: [
      '2024-12-03T09:00:00.000Z',
      '2024-08-06T01:00:00.000Z',
      '2024-11-05T08:00:00.000Z',
      '2024-10-14T06:30:00.000Z',
      '2024-12-03T09:00:00.000Z',
      '2024-11-05T08:00:00.000Z',
    ],
  },
  'gitlab-releases.atom': {
    format: 'atom',
    feed: 'acme-sdk releases',
    items: 2,
    first: {
      title: 'v4.2.0',
      url: 'https://gitlab.com/acme-example/acme-sdk/-/releases/v4.2.0',
      author: 'Priya Natarajan',
      publishedAt: '2024-11-05T16:20:11.000Z',
    },
    firstText: 'Features Seat-based billing API (!311) Retries on 429 with Retry-After',
  },
  'hn-official.rss': {
    format: 'rss2',
    feed: 'Hacker News',
    items: 3,
    first: {
      title: 'Acme Desk raises prices 18% for small teams',
      url: 'https://www.techdaily.example/2024/11/05/acme-desk-prices/',
      author: null,
      publishedAt: '2024-11-05T14:12:55.000Z',
    },
    firstText: '',
  },
  'inoreader-source-per-item.rss': {
    format: 'rss2',
    feed: 'Competitors - Inoreader',
    items: 2,
    first: {
      title: 'Acme Desk pricing update for 2025',
      url: 'https://blog.acme.example/2024/11/pricing-2025',
      author: 'Acme Blog',
      publishedAt: '2024-11-05T15:00:00.000Z',
    },
    urls: ['https://blog.acme.example/2024/11/pricing-2025', 'https://globex.example/news/ai-triage'],
  },
  'khoros-community.rss': {
    format: 'rss2',
    feed: 'Acme Community : All Community - Discussions',
    items: 2,
    first: {
      title: 'Re: Price increase for small teams - any discount for annual?',
      url: 'https://community.acme.example/t5/Discussions/Price-increase-for-small-teams-any-discount-for-annual/m-p/1234567',
      author: 'dana_r',
      publishedAt: '2024-11-05T17:40:02.000Z',
    },
    firstText:
      'We got the same email. Our rep offered 10% off if we sign for two years. @ops_lead_kim did you get the same?',
  },
  'rssbridge-instagram.atom': {
    format: 'atom',
    feed: 'acmedesk - Instagram Bridge',
    items: 1,
    first: {
      title: 'Big news for small teams 🎉 New plans land January 1. #acmedesk #support…',
      url: 'https://www.instagram.com/p/DB1xYzAbCdE/',
      author: 'acmedesk',
      publishedAt: '2024-11-05T15:30:00.000Z',
    },
    firstText: 'Big news for small teams 🎉 New plans land January 1. #acmedesk #support #helpdesk',
  },
  'spotify-anchor-podcast.rss': {
    format: 'rss2',
    feed: 'Support Ops Weekly',
    items: 1,
    first: {
      title: 'Ep. 42: Is Acme Desk still worth it?',
      url: 'https://podcasters.spotify.com/pod/show/supportopsweekly/episodes/Ep--42-Is-Acme-Desk-still-worth-it-e2q1abc',
      author: 'Support Ops Weekly',
      publishedAt: '2024-11-05T12:00:00.000Z',
    },
    firstText: "We compare Acme Desk's new pricing with Globex Assist and talk to two admins who switched.",
  },
  'techcrunch-wpvip.rss': {
    format: 'rss2',
    feed: 'TechDaily',
    items: 2,
    first: {
      title: 'Acme Desk’s price rise pushes small teams toward Globex',
      url: 'https://techdaily.example/2024/11/05/acme-desks-price-rise-pushes-small-teams-toward-globex/',
      author: 'Maria Chen',
      publishedAt: '2024-11-05T17:30:00.000Z',
    },
    firstText:
      'Acme Desk will raise prices 18% for teams under 25 seats on January 1. Two resellers say customers have started asking about Globex Assist.',
  },
  'utf16le-declared-no-bom.xml': {
    format: 'rss2',
    feed: 'UTF-16 ohne BOM',
    items: 1,
    first: {
      title: 'Größere Preise bei Acme — 18 %',
      url: 'https://enc.example/utf16-nobom',
      author: null,
      publishedAt: '2024-11-05T09:00:00.000Z',
    },
    firstText: 'Kündigung überlegt',
  },
  'verge.atom': {
    format: 'atom',
    feed: 'The Gadget Desk',
    items: 1,
    first: {
      title: 'Acme Desk’s new pricing is a bet that small teams won’t leave',
      url: 'https://www.gadgetdesk.example/2024/11/5/24289123/acme-desk-pricing-small-teams',
      author: 'Nilay Example',
      publishedAt: '2024-11-05T18:00:00.000Z',
    },
    firstText:
      'Acme Desk’s dashboard. Acme Desk is raising prices 18 percent for teams under 25 seats. The company says the new tier adds AI triage; customers we spoke to are not convinced.',
  },
  'wire-media-caption.rss': {
    format: 'rss2',
    feed: 'Markets Wire: Technology',
    items: 2,
    first: {
      title: 'Acme shares slip as small-business price rise draws pushback',
      url: 'https://www.marketswire.example/technology/acme-shares-slip-2024-11-05/',
      author: 'Jane Doe; Raj Patel',
      publishedAt: '2024-11-05T20:14:00.000Z',
    },
    firstText: 'Acme Inc shares fell 3.1% on Tuesday after resellers reported customers weighing rivals.',
  },
};

describe('briefbot feeds check --json of feeds the team had not seen', () => {
  it('reads each as its publisher meant it, or says why not, in the documented shape', async () => {
    const unseenDir = join(sharedFeedsDir, 'unseen');
    const files = readdirSync(unseenDir)
      .filter((file) => file !== 'README.md')
      .sort();
    expect(files).toEqual(Object.keys(unseenFeeds).sort());
    expect(await checkEachReadAsMeant(unseenDir, files, unseenFeeds)).toBe(1);
  });
});

/** What `feeds check --json` printed of `file` (one parsed line) is what `expected` says, in the documented shape. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed line of JSON output
function expectReadAsMeant(line: any, file: string, expected: UnseenExpectation): void {
  if ('code' in expected) {
    expect(Object.keys(line), file).toEqual(['source', 'ok', 'error']);
    expect(line.error.code, file).toBe(expected.code);
    expect(line.error.message, file).toMatch(expected.message);
    return;
  }
  expect(Object.keys(line), file).toEqual(['source', 'ok', 'format', 'feed', 'items']);
  expect([line.format, line.feed.title, line.items.length], file).toEqual([
    expected.format,
    expected.feed,
    expected.items,
  ]);
  const [first] = line.items;
  expect(
    first && { title: first.title, url: first.url, author: first.author, publishedAt: first.publishedAt },
    file,
  ).toEqual(expected.first);
  if (expected.firstText !== undefined) expect(first?.text, file).toBe(expected.firstText);
  if (expected.dates)
    expect(
      line.items.map((item: { publishedAt: string | null }) => item.publishedAt),
      file,
    ).toEqual(expected.dates);
  if (expected.urls)
    expect(
      line.items.map((item: { url: string | null }) => item.url),
      file,
    ).toEqual(expected.urls);
  const keys = new Set<string>();
  for (const item of line.items) {
    expect(Object.keys(item), file).toEqual(['key', 'title', 'url', 'author', 'publishedAt', 'text']);
    expect(item.key.length > 0 && !keys.has(item.key), `${file}: ${item.key}`).toBe(true);
    keys.add(item.key);
    expect(item.title.length, file).toBeGreaterThan(0);
    for (const text of [item.title, item.text]) {
      expect(text, file).not.toMatch(
        /<\/?(?:p|div|br|span|img|a|b|strong|em)\b[^>]*>|&(?:amp|lt|gt|quot|nbsp|#\d+);|\s{2,}/,
      );
      expect(text, file).toBe(text.trim());
    }
    expect(item.text.length, file).toBeLessThanOrEqual(20_000);
    if (item.url !== null) expect(item.url, file).toMatch(/^https?:\/\/[^\s]+$/);
    if (item.url !== null) expect(item.url, file).not.toMatch(/[?&#](?:utm_|fbclid|gclid|mc_cid)/);
    if (item.publishedAt !== null)
      expect(new Date(item.publishedAt).toISOString(), file).toBe(item.publishedAt);
  }
}
// Feeds other projects collected from real publishers (test/fixtures/feeds/SOURCES.md, "Added later"),
// read as a marketer would want them: the same checks as the unseen feeds above.
const otherProjectsFeeds: Record<string, UnseenExpectation> = {
  'feed-rs/atom_example_6.xml': {
    format: 'atom',
    feed: 'Release notes from feed-rs',
    items: 2,
    first: {
      title: 'feed-rs 0.2.0',
      url: 'https://github.com/feed-rs/feed-rs/releases/tag/v0.2.0',
      author: 'markpritchard',
      publishedAt: '2020-01-19T05:08:59.000Z',
    },
    dates: ['2020-01-19T05:08:59.000Z', '2017-07-07T11:47:46.000Z'],
  },
  'feed-rs/atom_example_7.xml': {
    format: 'atom',
    feed: 'Planet GNOME',
    items: 3,
    first: {
      title: 'Timelines on Calendar',
      url: 'https://feaneron.com/2020/04/06/timelines-on-calendar/',
      author: 'feaneron',
      publishedAt: '2020-04-07T02:53:50.000Z',
    },
    dates: ['2020-04-07T02:53:50.000Z', '2020-04-06T03:41:00.000Z', '2020-04-05T11:46:00.000Z'],
  },
  'feed-rs/atom_mediarss_reddit_1.xml': {
    format: 'atom',
    feed: 'newest submissions : homelab',
    items: 3,
    first: {
      title: 'Any reason to keep 1G connections to my servers?',
      url: 'https://ud.reddit.com/r/homelab/comments/157kyrd/any_reason_to_keep_1g_connections_to_my_servers/',
      author: '/u/Remarkable_Housing61',
      publishedAt: '2023-07-23T17:38:30.000Z',
    },
    dates: ['2023-07-23T17:38:30.000Z', '2023-07-23T17:26:10.000Z', '2023-07-23T17:16:53.000Z'],
  },
  'feed-rs/rss_2.0_ch9.xml': {
    format: 'rss2',
    feed: 'Azure Friday (HD) - Channel 9',
    items: 1,
    first: {
      title: 'Troubleshoot AKS cluster issues with AKS Diagnostics and AKS Periscope',
      url: 'https://channel9.msdn.com/Shows/Azure-Friday/Troubleshoot-AKS-cluster-issues-with-AKS-Diagnostics-and-AKS-Periscope',
      author: 'Scott Hanselman, Rob Caron',
      publishedAt: '2021-02-26T20:00:00.000Z',
    },
    firstText: 'Yun Jung Choi shows Scott Hanselman how to use AKS Diagnostics...',
  },
  'feed-rs/rss_2.0_docuverse_comments.xml': {
    format: 'rss2',
    feed: "Don Park's Weekly Habit",
    items: 1,
    first: {
      title: 'Using Herb Vaporizers with Tobacco',
      url: 'https://blog.docuverse.com/2017/07/23/using-herb-vaporizers-with-tobacco/',
      author: 'donpark',
      publishedAt: '2017-07-23T14:03:28.000Z',
    },
  },
  'feed-rs/rss_2.0_iprogrammer.xml': {
    format: 'rss2',
    feed: 'I Programmer - full contents',
    items: 1,
    first: {
      title: 'MotionDisco For Extreme LocoManipulation',
      url: 'http://www.i-programmer.info/news/169-robotics/18934-motiondisco-from-atari-labs.html',
      author: null,
      publishedAt: '2026-06-14T22:18:31.000Z',
    },
    firstText: '',
  },
  'feed-rs/rss_2.0_jefapod.xml': {
    format: 'rss2',
    feed: 'Astronomy Picture of the Day RSS Feed',
    items: 3,
    first: {
      title: 'Venus, Moon, and the Smoking Mountain',
      url: 'http://apod.nasa.gov/apod/ap230915.html',
      author: null,
      publishedAt: '2023-09-15T13:06:00.000Z',
    },
    firstText:
      "Venus has returned as a brilliant morning star. From a window seat on a flight to Mexico City, the bright celestial beacon was captured just before sunrise in this astronomical snapshot, taken on September 12. The dramatic, long, low cloud bank was created by venting from planet Earth's active volcano Popocatépetl.",
    dates: ['2023-09-15T13:06:00.000Z', '2023-09-13T13:06:00.000Z', '2023-09-09T13:06:00.000Z'],
  },
  'feed-rs/rss_2.0_peertube.xml': {
    format: 'rss2',
    feed: 'tchncs',
    items: 1,
    first: {
      title: 'Max schaukelt',
      url: 'https://tube.tchncs.de/w/bUrNgv89egmbvC5Ht6z7G9',
      author: 'Max Horn',
      publishedAt: '2026-04-11T16:30:43.000Z',
    },
    firstText:
      'Max, das bunte Strickhorn, schaukelt mit einem hängenden Erdbeer-Fass. Backlink: https://plushies.social/@maxhorn/116387023010050899',
  },
  'feed-rs/rss_2.0_relurl_1.xml': {
    format: 'rss2',
    feed: 'Insanity Industries',
    items: 2,
    first: {
      title: 'Pareto-optimal compression',
      url: 'https://insanity.industries/post/pareto-optimal-compression/',
      author: 'Jonas Große Sundrup',
      publishedAt: '2021-03-02T22:39:15.000Z',
    },
    firstText:
      'Everyone wants good compression. But what exactly is good compression? Time for a closer look.',
    dates: ['2021-03-02T22:39:15.000Z', '2021-02-13T00:00:00.000Z'],
  },
  'feed-rs/rss_2.0_spiegel.xml': {
    format: 'rss2',
    feed: 'SPIEGEL Update – Die Nachrichten',
    items: 1,
    first: {
      title:
        '07.02. – die Wochenvorschau: Lockdown-Verlängerung, Kriegsverbrecher vor Gericht, Super Bowl, Karneval',
      url: 'https://omny.fm/shows/spiegel-update-die-nachrichten/07-02-die-wochenvorschau-lockdown-verl-ngerung-kri',
      author: 'DER SPIEGEL',
      publishedAt: '2021-02-06T23:01:00.000Z',
    },
    firstText:
      'Die wichtigsten Nachrichten aus der SPIEGEL-Redaktion. See omnystudio.com/listener for privacy information.',
  },
  'feed-rs/rss_2.0_transistorfm.xml': {
    format: 'rss2',
    feed: 'Oxide and Friends',
    items: 1,
    first: {
      title: "Lip-Bu Tan's Intel",
      url: 'https://share.transistor.fm/s/59bf46b3',
      author: 'Oxide Computer Company',
      publishedAt: '2025-03-21T14:00:00.000Z',
    },
  },
  'feed-rs/rss_2.0_verdagon.xml': {
    format: 'rss2',
    feed: 'Languages and Architecture',
    items: 2,
    first: {
      title: 'Hash Codes, Non-Determinism, and Other Eldritch Horrors',
      url: 'https://verdagon.dev/blog/generics-hash-codes-horrors',
      author: 'Evan Ovadia',
      publishedAt: '2022-11-09T14:15:00.000Z',
    },
    firstText: '',
    dates: ['2022-11-09T14:15:00.000Z', '2022-10-07T14:15:00.000Z'],
  },
  'feed-rs/rss_2.0_vimeo_media.xml': {
    format: 'rss2',
    feed: 'Vimeo / Failla Wines’s videos',
    items: 1,
    first: {
      title: 'Oregon Harvest Update and Fall Release Date Set',
      url: 'https://vimeo.com/1013595996',
      author: 'Failla Wines',
      publishedAt: '2024-09-27T16:29:11.000Z',
    },
    firstText:
      "Also check the email for a few important dates in October you'll want to mark on your calendar!",
  },
  'feed-rs/rss_2.0_volpeon_hybrid.xml': {
    format: 'rss2',
    feed: 'Notebook',
    items: 2,
    first: {
      title: 'Destructive Convenience',
      url: 'https://volpeon.ink/notebook/dangerous-convenience/',
      author: null,
      publishedAt: '2025-03-29T00:00:00.000Z',
    },
    firstText: '',
    dates: ['2025-03-29T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
  },
  'feed-rs/rss_2.0_w3_blog.xml': {
    format: 'rss2',
    feed: 'W3C - Blog',
    items: 1,
    first: {
      title: 'Crafting WCAG 3 for more accessible user experiences',
      url: 'https://www.w3.org/blog/2026/crafting-wcag-3-for-more-accessible-user-experiences/',
      author: 'Shawn Lawton Henry, W3C Web Accessibility Initiative (WAI) Director',
      publishedAt: '2026-09-25T12:50:00.000Z',
    },
  },
  'feedjira/AtomFeedWithSpacesAroundEquals.xml': {
    format: 'atom',
    feed: 'Current Watches, Warnings and Advisories for Lincoln (MEC015) Maine Issued by the National Weather Service',
    items: 1,
    first: {
      title:
        'Winter Weather Advisory issued November 07 at 4:09AM EST until November 08 at 12:00PM EST by NWS',
      url: 'http://alerts.weather.gov/cap/wwacapget.php?x=ME124CCF70CDD4.WinterWeatherAdvisory.124CCF729F10ME.CARWSWCAR.b113b32cf3dd0946aab63451118d16e7',
      author: null,
      publishedAt: '2012-11-07T09:09:00.000Z',
    },
  },
  'feedjira/AtomWithITunesInCDATA.xml': {
    format: 'atom',
    feed: 'Test Blog',
    items: 1,
    first: {
      title: 'How to set up a podcast RSS feed',
      url: 'https://example.com/post/1',
      author: null,
      publishedAt: '2024-01-01T00:00:00.000Z',
    },
    firstText:
      'Here is an example RSS feed: <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">',
  },
  'feedjira/AtomWithPrefix.xml': {
    format: 'atom',
    feed: 'TenderNed NL : Laatste Publicaties',
    items: 3,
    first: {
      title: 'Voorlichtingsteam voor verkeersveiligheid in Brabant, C2193147 - Provincie Noord-Brabant',
      url: 'https://www.tenderned.nl/tenderned-web/aankondiging/detail/samenvatting/akid/6c8f852a06257d45862560a95729c1e1',
      author: 'Provincie Noord-Brabant',
      publishedAt: '2016-12-12T15:30:04.445Z',
    },
    dates: ['2016-12-12T15:30:04.445Z', '2016-12-12T15:15:04.437Z', '2016-12-12T14:30:05.091Z'],
  },
  'feedjira/FeedBurnerUrlNoAlternate.xml': {
    format: 'atom',
    feed: 'QQQQ',
    items: 1,
    first: {
      title: 'QQQQ',
      url: 'http://example.com/QQQQ.html',
      author: 'QQQQ',
      publishedAt: '2010-08-11T07:00:00.000Z',
    },
    firstText: 'QQQQ',
  },
  'feedjira/GoogleDocsList.xml': {
    format: 'atom',
    feed: 'Available Documents - john.smith.example@gmail.com',
    items: 2,
    first: {
      title: '2010 Income Tax Policy',
      url: 'https://docs.google.com/Doc?docid=12345&hl=en',
      author: 'Jenna Dolsom',
      publishedAt: '2009-07-22T19:02:57.616Z',
    },
    firstText: '',
    dates: ['2009-07-22T19:02:57.616Z', '2009-04-09T18:23:09.035Z'],
  },
  'feedjira/ITunesWithSpacesInAttributes.xml': {
    format: 'rss2',
    feed: 'All About Everything',
    items: 3,
    first: {
      title: 'Shake Shake Shake Your Spices',
      url: 'http://example.com/podcasts/archive/aae20050615.m4a',
      author: 'John Doe',
      publishedAt: '2005-06-15T19:00:00.000Z',
    },
    firstText:
      'This week we talk about salt and pepper shakers, comparing and contrasting pour rates, construction materials, and overall aesthetics. Come and join the party!',
    dates: ['2005-06-15T19:00:00.000Z', '2005-06-08T19:00:00.000Z', '2005-06-01T19:00:00.000Z'],
  },
  'feedjira/json_feed_with_escaped_uris.json': {
    format: 'json',
    feed: "Luke Dorny's v6",
    items: 2,
    first: {
      title: 'New Font',
      url: 'https://lukedorny.com/updates/new-font',
      author: 'Luke, most likely.',
      publishedAt: '2025-01-06T01:40:00.000Z',
    },
    dates: ['2025-01-06T01:40:00.000Z', null],
  },
  'reader/10.json': { format: 'json', feed: null, items: 0 },
  'reader/relative.atom': {
    format: 'atom',
    feed: null,
    items: 1,
    first: { title: 'one two three', url: null, author: null, publishedAt: null },
    firstText: 'one two three',
  },
  'reader/relative.rss': {
    format: 'rss2',
    feed: null,
    items: 1,
    first: { title: 'one two three', url: null, author: null, publishedAt: null },
    firstText: 'one two three',
  },
  'reader/unknown.json': { format: 'json', feed: null, items: 0 },
  'rome/atom_1.0_bray.xml': {
    format: 'atom',
    feed: 'Tim Bray style feed',
    items: 2,
    first: {
      title: 'Entry1',
      url: 'http://www.example.com/blog/entry1',
      author: 'John Doe',
      publishedAt: '2006-11-05T20:00:00.000Z',
    },
    firstText: 'Content1',
    dates: ['2006-11-05T20:00:00.000Z', '2006-11-01T20:00:00.000Z'],
  },
  'rome/jira_issue1.xml': {
    format: 'rss2',
    feed: 'rss_2.0.channel.title',
    items: 2,
    first: {
      title: 'rss_2.0.channel.item[0].title',
      url: null,
      author: 'rss_2.0.channel.item[0].author',
      publishedAt: '2001-01-01T00:00:00.000Z',
    },
    firstText: 'rss_2.0.channel.item[0].description',
    dates: ['2001-01-01T00:00:00.000Z', '2001-01-02T00:00:00.000Z'],
  },
  'rome/rss_0.94.xml': {
    format: 'rss09',
    feed: 'rss_0.94.channel.title',
    items: 2,
    first: {
      title: 'rss_0.94.channel.item[0].title',
      url: null,
      author: 'rss_0.94.channel.item[0].author',
      publishedAt: '2001-01-01T00:00:00.000Z',
    },
    firstText: 'rss_0.94.channel.item[0].description',
    dates: ['2001-01-01T00:00:00.000Z', '2001-01-02T00:00:00.000Z'],
  },
  'rsparser/jsonfeed-extension.json': {
    format: 'json',
    feed: 'JSON Extension test feed',
    items: 3,
    first: {
      title: 'Second item.',
      url: 'https://example.com/SomeFile2.app.zip',
      author: null,
      publishedAt: '2021-03-05T11:04:04.000Z',
    },
    firstText: 'Second item.',
    dates: ['2021-03-05T11:04:04.000Z', '2021-02-26T13:04:04.000Z', '2021-02-25T13:04:04.000Z'],
  },
  'rsparser/rubenerd.rss': {
    format: 'rss2',
    feed: 'Rubenerd',
    items: 2,
    first: {
      title: 'Aerospace engineers are the new rocket scientists',
      url: 'https://rubenerd.com/aerospace-engineers-are-the-new-rocket-scientists/',
      author: 'Ruben Schade',
      publishedAt: '2023-01-10T20:55:40.000Z',
    },
    dates: ['2023-01-10T20:55:40.000Z', '2023-01-09T07:15:12.000Z'],
  },
};

describe('briefbot feeds check --json of real feeds from other projects', () => {
  it('reads each as its publisher meant it, in the documented shape', async () => {
    await checkEachReadAsMeant(sharedFeedsDir, Object.keys(otherProjectsFeeds), otherProjectsFeeds);
  });
});

/** `feeds check --json` over `files` of `dir`, each line read as its row of `expected` says; the exit code. */
async function checkEachReadAsMeant(
  dir: string,
  files: string[],
  expected: Record<string, UnseenExpectation>,
): Promise<number> {
  const { code, stdout } = await briefbot([
    'feeds',
    'check',
    '--json',
    ...files.map((file) => join(dir, file)),
  ]);
  const lines = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines).toHaveLength(files.length);
  for (const [index, line] of lines.entries()) {
    const file = files[index] as string;
    expect(line.source, file).toBe(join(dir, file));
    expectReadAsMeant(line, file, expected[file] as UnseenExpectation);
  }
  return code;
}

/** Settings for a command run on its own database file, with feeds served from 127.0.0.1. */
function databaseEnv(file: string): Record<string, string> {
  return {
    DATABASE_URL: `file:${join(dir, file)}`,
    FEED_ALLOW_PRIVATE_ADDRESSES: 'true',
    LOG_LEVEL: 'silent',
  };
}

/** What runCli prints, line by line. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('briefbot feeds (with a database)', () => {
  it("never prints a feed address's password, except in the admin's own OPML export", async () => {
    const server = await startFeedServer({
      '/paid.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('cli-login.db');
    const address = server.url('/paid.xml').replace('://', '://reader:s3cretpw@');
    try {
      const added = capture();
      expect(await runCli(['feeds', 'add', address, '--yes'], added.io, env)).toBe(0);
      const list = capture();
      await runCli(['feeds', 'list'], list.io, env);
      const json = capture();
      await runCli(['feeds', 'list', '--json'], json.io, env);
      for (const shown of [added, list, json])
        expect([...shown.out, ...shown.err].join('\n')).not.toContain('s3cretpw');
      expect(list.out.join('\n')).toContain('reader:•••@');
      expect(JSON.parse(json.out[0] ?? '{}').url).toMatch(/^http:\/\/reader:•••@/);
      // The export is the admin's own file to import elsewhere: it keeps the login the feed needs.
      const exported = capture();
      await runCli(['feeds', 'export'], exported.io, env);
      expect(exported.out.join('\n')).toContain(`xmlUrl="${address}"`);
    } finally {
      await server.close();
    }
  });

  it('says a feed added with no kind is news, with the feeds set command that gives it another', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
      '/b.xml': { body: sharedFeed('rss-parser/heise.atom') },
    });
    const env = databaseEnv('cli-default-kind.db');
    try {
      const added = capture();
      expect(await runCli(['feeds', 'add', server.url('/a.xml')], added.io, env)).toBe(0);
      expect(added.out).toContain(
        'Added as news, the default kind; another (blog, forum, review, competitor, community), e.g. npx briefbot feeds set 1 --kind review.',
      );
      // A kind given is no default: nothing to say about it.
      const typed = capture();
      expect(await runCli(['feeds', 'add', server.url('/b.xml'), '--kind', 'blog'], typed.io, env)).toBe(0);
      expect(typed.out.join('\n')).not.toContain('default kind');
    } finally {
      await server.close();
    }
  });

  it('takes kind=<kind> after the address, as /brief feeds add does, and refuses other extra words', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('cli-kind.db');
    try {
      const extra = capture();
      expect(await runCli(['feeds', 'add', server.url('/a.xml'), 'reviews'], extra.io, env)).toBe(2);
      expect(extra.err[0]).toMatch(
        /^Unexpected "reviews" after the address\. Usage: npx briefbot feeds add <url>/,
      );
      // No feeds yet: no JSON line, and standard error says why.
      const empty = capture();
      expect(await runCli(['feeds', 'list', '--json'], empty.io, env)).toBe(0);
      expect(empty.out).toEqual([]);
      expect(empty.err).toEqual(['No feeds yet.']);
      const badKind = capture();
      expect(await runCli(['feeds', 'add', server.url('/a.xml'), 'kind=gossip'], badKind.io, env)).toBe(2);
      expect(badKind.err[0]).toMatch(/Unknown kind "gossip"/);
      expect(await runCli(['feeds', 'add', server.url('/a.xml'), 'kind=Review'], capture().io, env)).toBe(0);
      const json = capture();
      await runCli(['feeds', 'list', '--json'], json.io, env);
      expect(json.out.map((line) => JSON.parse(line).kind)).toEqual(['review']);

      const again = capture();
      expect(await runCli(['feeds', 'add', server.url('/a.xml'), '--kind', 'news'], again.io, env)).toBe(1);
      expect(again.err[0]).toMatch(
        /already watches .*\(feed 1, kind review\)\. To make it news, keeping its items: npx briefbot feeds set 1 --kind news\.$/,
      );
      const set = capture();
      expect(await runCli(['feeds', 'set', '1', '--kind', 'news'], set.io, env)).toBe(0);
      expect(set.out).toEqual(['Feed 1 (Liftoff News) is now news (was review); its 4 items stay.']);
      const inline = capture();
      expect(await runCli(['feeds', 'set', server.url('/a.xml'), 'kind=news'], inline.io, env)).toBe(0);
      expect(inline.out[0]).toMatch(/is already news; nothing changed/);
      const plural = capture();
      expect(await runCli(['feeds', 'set', '1', '--kind', 'forums'], plural.io, env)).toBe(0);
      expect(plural.out[0]).toMatch(/is now forum \(was news\)/);
      // The kind alone, as /brief feeds set 1 review takes it.
      const bare = capture();
      expect(await runCli(['feeds', 'set', '1', 'reviews'], bare.io, env)).toBe(0);
      expect(bare.out[0]).toMatch(/is now review \(was forum\)/);
      await runCli(['feeds', 'set', '1', 'forum'], capture().io, env);
      const competitor = capture();
      expect(await runCli(['feeds', 'set', '1', '--kind', 'competitor'], competitor.io, env)).toBe(0);
      expect(competitor.out[0]).toMatch(
        /is now competitor \(was forum\); its 4 items stay\. Warning: it stands for the competitor Liftoff now, .* no longer as customer voices .* Another competitor: npx briefbot feeds set 1 --kind competitor --competitor <name>\. To undo: npx briefbot feeds set 1 --kind forum\. Liftoff is no topic yet, .* To track it in Slack: `\/brief topics add liftoff liftoff kind=competitor`\.$/,
      );
      // Which competitor it stands for: named, shown in the list and its JSON, and refused with stray words.
      const named = capture();
      expect(await runCli(['feeds', 'set', '1', '--competitor', 'Help Scout'], named.io, env)).toBe(0);
      expect(named.out[0]).toMatch(
        /now stands for the competitor Help Scout \(was Liftoff\): .* To undo: npx briefbot feeds set 1 --kind competitor --competitor Liftoff\. Help Scout is no topic yet, .* topics add help-scout "help scout" kind=competitor`\.$/,
      );
      const asName = capture();
      expect(await runCli(['feeds', 'set', '1', 'kind=competitor', 'as', 'initech'], asName.io, env)).toBe(0);
      expect(asName.out[0]).toMatch(/--competitor "Help Scout"\. Initech is no topic yet, /);
      const stray = capture();
      expect(await runCli(['feeds', 'set', '1', 'competitor', 'initech'], stray.io, env)).toBe(2);
      expect(stray.err[0]).toMatch(/^Unexpected "initech" after the feed; nothing was changed\./);
      const tail = capture();
      expect(await runCli(['feeds', 'set', '1', '--competitor', 'initech please'], tail.io, env)).toBe(2);
      expect(tail.err[0]).toBe(
        'Unexpected "please" after the competitor\'s name; nothing was changed. Did you mean: npx briefbot feeds set 1 --kind competitor --competitor initech?',
      );
      const standing = capture();
      await runCli(['feeds', 'list'], standing.io, env);
      expect(standing.out[0]).toMatch(/Liftoff News \[competitor: Initech\]/);
      const standingJson = capture();
      await runCli(['feeds', 'list', '--json'], standingJson.io, env);
      expect(JSON.parse(standingJson.out[0] ?? '{}')).toMatchObject({
        kind: 'competitor',
        competitor: 'Initech',
      });
      await runCli(['feeds', 'set', '1', 'forum'], capture().io, env);
      const gossip = capture();
      expect(await runCli(['feeds', 'set', '1', 'gossip'], gossip.io, env)).toBe(2);
      expect(gossip.err[0]).toMatch(
        /^Unexpected "gossip" after the feed; nothing was changed\. Usage: npx briefbot feeds set/,
      );
      const listed = capture();
      await runCli(['feeds', 'list', 'kind=forum'], listed.io, env);
      expect(listed.out[0]).toMatch(/^ +1 {2}Liftoff News \[forum\]/);
      const noKind = capture();
      expect(await runCli(['feeds', 'set', '1'], noKind.io, env)).toBe(2);
      expect(noKind.err[0]).toMatch(/^Usage: npx briefbot feeds set <id-or-url> --kind news\|blog/);
      const unknown = capture();
      expect(await runCli(['feeds', 'set', '9', '--kind', 'blog'], unknown.io, env)).toBe(1);
      expect(unknown.err[0]).toMatch(/No feed "9"/);
    } finally {
      await server.close();
    }
  });

  it("adds a competitor's feed saying whose it is, the kind to make it otherwise, and the remove that undoes the add", async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('cli-competitor.db');
    try {
      const added = capture();
      expect(
        await runCli(['feeds', 'add', server.url('/a.xml'), '--kind', 'competitor'], added.io, env),
      ).toBe(0);
      expect(added.out[1]).toBe(
        "It stands for the competitor Liftoff now: its items count as Liftoff's own posts, not as customer voices. Another competitor: npx briefbot feeds set 1 --kind competitor --competitor <name>. Not a competitor's feed? npx briefbot feeds set 1 --kind news (or another kind). To undo the add: npx briefbot feeds remove 1.",
      );
      expect(added.out[2]).toBe(
        'Liftoff is no topic yet, so answers, digests and experts do not follow it by name. To track it in Slack: `/brief topics add liftoff liftoff kind=competitor`.',
      );
      // Named as it is added, as feeds set names it.
      expect(await runCli(['feeds', 'remove', '1', '--yes'], capture().io, env)).toBe(0);
      const named = capture();
      expect(
        await runCli(['feeds', 'add', server.url('/a.xml'), '--competitor', 'Hooli'], named.io, env),
      ).toBe(0);
      expect(named.out[1]).toMatch(/^It stands for the competitor Hooli now: .*feeds remove 2\.$/);
      // No topic follows Hooli either: the topic to add, named for it.
      expect(named.out[2]).toMatch(
        /To track it in Slack: `\/brief topics add hooli hooli kind=competitor`\.$/,
      );
      // Added again for another competitor: whom it stands for, and the command that changes it.
      const other = capture();
      expect(
        await runCli(['feeds', 'add', server.url('/a.xml'), '--competitor', 'Initech Corp'], other.io, env),
      ).toBe(1);
      expect(other.err[0]).toBe(
        `Briefbot already watches ${server.url('/a.xml')} (feed 2, kind competitor; it stands for Hooli). To make it stand for Initech Corp, keeping its items: npx briefbot feeds set 2 --kind competitor --competitor "Initech Corp".`,
      );
      // Made another competitor's: the topic to add for it, in the CLI's words.
      const set = capture();
      expect(
        await runCli(['feeds', 'set', '2', '--kind', 'competitor', '--competitor', 'Umbrella'], set.io, env),
      ).toBe(0);
      expect(set.out[0]).toMatch(
        /now stands for the competitor Umbrella \(was Hooli\).* Umbrella is no topic yet, so answers, digests and experts do not follow it by name\. To track it in Slack: `\/brief topics add umbrella umbrella kind=competitor`\.$/,
      );
      const blog = capture();
      expect(
        await runCli(['feeds', 'add', server.url('/b.xml'), '--kind', 'blog', 'as', 'Hooli'], blog.io, env),
      ).toBe(2);
      expect(blog.err[0]).toMatch(
        /^Only a feed of kind competitor stands for a competitor: npx briefbot feeds add \S+\/b\.xml --kind competitor --competitor Hooli$/,
      );
    } finally {
      await server.close();
    }
  });

  it('adds, lists, pauses, resumes, exports, imports and removes feeds', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
      '/b.xml': { body: sharedFeed('rss-parser/heise.atom') },
      '/a2.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('cli.db');
    try {
      const added = capture();
      expect(await runCli(['feeds', 'add', server.url('/a.xml'), '--kind', 'blog'], added.io, env)).toBe(0);
      expect(added.out[0]).toBe(
        'Added feed 1: Liftoff News. Its 4 items already in the feed: kept, not announced (answers count them now; only new items go into digests and nudges).',
      );

      const duplicate = capture();
      expect(await runCli(['feeds', 'add', server.url('/a.xml')], duplicate.io, env)).toBe(1);
      expect(duplicate.err[0]).toMatch(/already watches/);

      const badKind = capture();
      expect(await runCli(['feeds', 'add', server.url('/b.xml'), '--kind', 'gossip'], badKind.io, env)).toBe(
        2,
      );
      expect(badKind.err[0]).toMatch(/Unknown kind "gossip"/);

      const list = capture();
      await runCli(['feeds', 'list'], list.io, env);
      expect(list.out.join('\n')).toMatch(
        /1 {2}Liftoff News \[blog\].*\n.*4 items; no new items since 3 Jun 2003: this feed may no longer be updated; checked just now/,
      );
      const blogs = capture();
      await runCli(['feeds', 'list', 'blogs'], blogs.io, env);
      expect(blogs.out.join('\n')).toMatch(/1 {2}Liftoff News \[blog\]/);
      const byOption = capture();
      await runCli(['feeds', 'list', '--kind', 'blog'], byOption.io, env);
      expect(byOption.out).toEqual(blogs.out);
      const failing = capture();
      await runCli(['feeds', 'list', 'failing'], failing.io, env);
      expect(failing.out).toEqual(['The 1 feed is not failing.']);
      // JSON lines: none failing is no line, and no words on standard error either.
      const failingJson = capture();
      expect(await runCli(['feeds', 'list', 'failing', '--json'], failingJson.io, env)).toBe(0);
      expect([failingJson.out, failingJson.err]).toEqual([[], []]);
      const twoKinds = capture();
      expect(
        await runCli(
          ['feeds', 'add', 'https://x.example.com/feed.xml', '--kind', 'news', '--kind=review'],
          twoKinds.io,
          env,
        ),
      ).toBe(2);
      expect(twoKinds.err[0]).toMatch(/^Two kinds given \(news, review\): which one\? Give --kind once\./);

      const paused = capture();
      await runCli(['feeds', 'pause', '1'], paused.io, env);
      expect(paused.out).toEqual(['Paused feed 1: Liftoff News.']);
      const again = capture();
      expect(await runCli(['feeds', 'pause', '1'], again.io, env)).toBe(0);
      expect(again.out).toEqual(['Feed 1: Liftoff News was already paused; nothing changed.']);
      await runCli(['feeds', 'resume', server.url('/a.xml')], capture().io, env);

      const opml = join(dir, 'feeds.opml');
      expect(await runCli(['feeds', 'export', opml], capture().io, env)).toBe(0);
      expect(readFileSync(opml, 'utf8')).toContain(`xmlUrl="${server.url('/a.xml')}"`);
      // A file that exists is kept unless --force says to replace it.
      writeFileSync(opml, 'the only copy of another list');
      const exists = capture();
      expect(await runCli(['feeds', 'export', opml], exists.io, env)).toBe(1);
      expect(exists.err).toEqual([
        `${opml} already exists; nothing was written. To replace it: npx briefbot feeds export ${opml} --force (or give another file name; with none, the OPML goes to standard output).`,
      ]);
      expect(readFileSync(opml, 'utf8')).toBe('the only copy of another list');
      expect(await runCli(['feeds', 'export', opml, '--force'], capture().io, env)).toBe(0);
      expect(readFileSync(opml, 'utf8')).toContain(`xmlUrl="${server.url('/a.xml')}"`);
      const noFolder = capture();
      const nowhere = join(dir, 'no-such-folder', 'x.opml');
      expect(await runCli(['feeds', 'export', nowhere], noFolder.io, env)).toBe(1);
      expect(noFolder.err).toEqual([
        `Cannot write ${nowhere}: its folder does not exist. Nothing was written.`,
      ]);
      const folder = capture();
      expect(await runCli(['feeds', 'export', dir], folder.io, env)).toBe(1);
      expect(folder.err[0]).toMatch(/: it is a folder; give a file name, e\.g\. feeds\.opml\./);

      writeFileSync(
        opml,
        `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
          <outline text="Reviews"><outline type="rss" text="heise" xmlUrl="${server.url('/b.xml')}"/></outline>
          <outline type="rss" text="A" xmlUrl="${server.url('/a.xml')}"/>
          <outline type="rss" text="dead" xmlUrl="${server.url('/dead.xml')}"/>
          <outline type="rss" text="relative" xmlUrl="/feeds/relative.xml"/></body></opml>`,
      );
      const imported = capture();
      // Some added: the import is done (exit 0), with a warning for those that failed.
      expect(await runCli(['feeds', 'import', opml], imported.io, env)).toBe(0);
      expect(imported.err).toEqual([
        'Warning: 2 feeds could not be added (see Skipped); the 1 other was added.',
      ]);
      expect(imported.out[0]).toBe('Imported 1 feed; 1 already watched; 2 could not be added.');
      // Each feed added, and each one skipped with why.
      expect(imported.out[1]).toBe(
        `Added:\n  2 heise developer neueste Meldungen (${server.url('/b.xml')}): review, from folder "Reviews"`,
      );
      const skipped = imported.out[2]?.split('\n');
      expect(skipped?.slice(0, 2)).toEqual([
        'Skipped:',
        `  ${server.url('/a.xml')}: already watched as feed 1`,
      ]);
      expect(skipped?.[2]).toMatch(/^ {2}http:.*dead\.xml: The server answered HTTP 404/);
      expect(skipped?.[3]).toBe(
        '  /feeds/relative.xml: Not added: it is not a full web address (one starting with https://); ask whoever made the list for the full address.',
      );

      const notOpml = capture();
      expect(await runCli(['feeds', 'import', server.url('/b.xml')], notOpml.io, env)).toBe(1);
      // A feed given where a list goes: said so, with the command that adds it.
      expect(notOpml.err[0]).toBe(
        `That address is a feed, not an OPML list. Add it with npx briefbot feeds add ${server.url('/b.xml')}.`,
      );
      writeFileSync(join(dir, 'notes.txt'), 'just some notes');
      const notOpmlFile = capture();
      expect(await runCli(['feeds', 'import', join(dir, 'notes.txt')], notOpmlFile.io, env)).toBe(1);
      // Said once, with what to import instead.
      expect(notOpmlFile.err[0]).toBe(
        'That file is not an OPML list: it holds no tags at all, where an OPML list begins with <opml>. Export your feeds from your feed reader as OPML (a .opml file) and import that file.',
      );

      const json = capture();
      await runCli(['feeds', 'list', '--json'], json.io, env);
      expect(json.out.map((line) => JSON.parse(line)).map((feed) => [feed.id, feed.kind])).toEqual([
        [1, 'blog'],
        [2, 'review'],
      ]);

      const asked = capture();
      expect(await runCli(['feeds', 'remove', '2'], asked.io, env)).toBe(1);
      expect(asked.err).toEqual([
        expect.stringMatching(/^Feed 2 \(heise developer neueste Meldungen\) has \d+ items\.$/),
        expect.stringMatching(
          /^Removing deletes its \d+ items for good; nothing was removed\. To stop checking and keep the items: npx briefbot feeds pause 2\. To remove anyway: npx briefbot feeds remove 2 --yes$/,
        ),
      ]);
      // A channel's mute of it goes with it: said, as Slack says it, and logged under the channel.
      const db = new Database(join(dir, 'cli.db'));
      db.prepare(
        "INSERT INTO channel_feedback (channel_id, kind, feed_id, user_id, at) VALUES ('C0MKT', 'mute_source', 2, 'UADMIN01', ?)",
      ).run(Date.now());
      // The warning names the mute it would clear, before anything goes.
      const warned = capture();
      expect(await runCli(['feeds', 'remove', '2'], warned.io, env)).toBe(1);
      expect(warned.err[1]).toContain(
        "It also clears the digests' feedback on it: #C0MKT (muted); a feed added again is not muted.",
      );
      const removed = capture();
      expect(await runCli(['feeds', 'remove', '2', '--yes'], removed.io, env)).toBe(0);
      expect(removed.out[0]).toMatch(
        /^Removed feed 2: heise developer neueste Meldungen, and its \d+ items\. #C0MKT's mute of this feed was removed; mute it again after re-adding if needed\. To watch it again: npx briefbot feeds add http:\/\/\S+\/b\.xml --kind review$/,
      );
      const logged = db.prepare("SELECT detail FROM audit_events WHERE action = 'feed.remove'").get() as {
        detail: string;
      };
      db.close();
      expect(JSON.parse(logged.detail).feedbackCleared).toEqual([{ channelId: 'C0MKT', muted: true }]);
      const missing = capture();
      expect(await runCli(['feeds', 'remove', '2', 'confirm'], missing.io, env)).toBe(1);
      expect(missing.err[0]).toMatch(
        /^Feed 2 \(heise developer neueste Meldungen, review, http:\/\/\S+\/b\.xml\) was removed by the command line on .+ UTC\. To watch it again: npx briefbot feeds add http:\/\/\S+\/b\.xml --kind review\.$/,
      );

      const moved = capture();
      expect(await runCli(['feeds', 'move', '1', server.url('/a2.xml')], moved.io, env)).toBe(0);
      expect(moved.out[0]).toBe(
        `Moved feed 1 (Liftoff News) from ${server.url('/a.xml')} to ${server.url('/a2.xml')}; the new address lists 4 items, all ones feed 1 already had: nothing new.`,
      );
      expect(await runCli(['feeds', 'add', server.url('/b.xml')], capture().io, env)).toBe(0);
      const taken = capture();
      expect(await runCli(['feeds', 'move', '3', server.url('/a2.xml')], taken.io, env)).toBe(1);
      expect(taken.err[0]).toBe(
        `Feed 1 already reads ${server.url('/a2.xml')}, so feed 3 cannot move there; nothing changed. To keep feed 1 and drop feed 3: npx briefbot feeds remove 3. To keep feed 3's history instead: npx briefbot feeds remove 1, then npx briefbot feeds move 3 ${server.url('/a2.xml')}.`,
      );
      const unreadable = capture();
      expect(await runCli(['feeds', 'move', '1', server.url('/missing.xml')], unreadable.io, env)).toBe(1);
      expect(unreadable.err[0]).toMatch(
        new RegExp(
          `Nothing was changed; feed 1 still reads ${server.url('/a2.xml')}\\. Check the new address with npx briefbot feeds check ${server.url('/missing.xml')}, then try again\\.$`,
        ),
      );
      const usage = capture();
      expect(await runCli(['feeds', 'move', '1'], usage.io, env)).toBe(2);
      expect(usage.err[0]).toMatch(/Usage: npx briefbot feeds move <id-or-url> <new-url>/);
    } finally {
      await server.close();
    }
  });

  it('feeds import names the command-line way to add a look-alike, and --yes adds the look-alikes too', async () => {
    const server = await startFeedServer({
      '/b.xml': { body: sharedFeed('rss-parser/heise.atom') },
      '/c.xml': { body: sharedFeed('rss-parser/heise.atom') },
      '/d.xml': { body: sharedFeed('rss-parser/heise.atom') },
    });
    const env = databaseEnv('cli-import-lookalikes.db');
    const list = join(dir, 'lookalikes.opml');
    writeFileSync(
      list,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Feeds</title></head><body><outline text="c" type="rss" xmlUrl="${server.url('/c.xml')}"/><outline text="d" type="rss" xmlUrl="${server.url('/d.xml')}"/></body></opml>`,
    );
    try {
      expect(await runCli(['feeds', 'add', server.url('/b.xml')], capture().io, env)).toBe(0);
      const first = capture();
      expect(await runCli(['feeds', 'import', list], first.io, env)).toBe(1);
      expect(first.out[0]).toBe(
        `Imported 0 feeds; 0 already watched; 2 could not be added. To add the 2 look-alikes too: npx briefbot feeds import ${list} --yes.`,
      );
      const skipped = first.out[1]?.split('\n').slice(1) ?? [];
      expect(skipped).toHaveLength(2);
      for (const [index, path] of ['/c.xml', '/d.xml'].entries()) {
        expect(skipped[index]).toMatch(
          /^ {2}\S+: That looks like feed 1, heise developer neueste Meldungen /,
        );
        expect(
          skipped[index]?.endsWith(`To add it anyway: npx briefbot feeds add ${server.url(path)} --yes`),
        ).toBe(true);
      }
      expect(first.out.join('\n')).not.toContain('`/brief ');
      const again = capture();
      expect(await runCli(['feeds', 'import', list, '--yes'], again.io, env)).toBe(0);
      expect(again.out[0]).toBe('Imported 2 feeds; 0 already watched; 0 could not be added.');
    } finally {
      await server.close();
    }
  });

  it('removes, pauses and resumes every feed named, with a line for each, and reports the ones not found', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
      '/b.xml': { body: sharedFeed('rss-parser/heise.atom') },
      '/c.xml': { body: sharedFeed('rss-parser/heise.atom') },
      '/d.xml': { body: sharedFeed('rss-parser/heise.atom') },
    });
    const env = databaseEnv('cli-many.db');
    try {
      for (const path of ['/a.xml', '/b.xml'])
        expect(await runCli(['feeds', 'add', server.url(path)], capture().io, env)).toBe(0);
      // c.xml is b.xml's feed again: said so, and --yes adds it even so.
      const twin = capture();
      expect(await runCli(['feeds', 'add', server.url('/c.xml')], twin.io, env)).toBe(1);
      expect(twin.err[0]).toMatch(
        new RegExp(
          `^That looks like feed 2, heise developer neueste Meldungen \\(.*/b\\.xml\\): the same title and \\d+ items in common, under another address\\. Nothing was added\\. To add it anyway: npx briefbot feeds add ${server.url('/c.xml').replace(/[.?]/g, '\\$&')} --yes$`,
        ),
      );
      const typedKind = capture();
      expect(
        await runCli(['feeds', 'add', server.url('/c.xml'), '--kind', 'competitor'], typedKind.io, env),
      ).toBe(1);
      expect(typedKind.err[0]).toMatch(
        /To add it anyway: npx briefbot feeds add \S+\/c\.xml --kind competitor --yes$/,
      );
      expect(await runCli(['feeds', 'add', server.url('/c.xml'), '--yes'], capture().io, env)).toBe(0);
      // Moving feed 1 onto that publication would count its stories twice: refused, even with --yes.
      const doubled = capture();
      expect(await runCli(['feeds', 'move', '1', server.url('/d.xml'), '--yes'], doubled.io, env)).toBe(1);
      expect(doubled.err[0]).toMatch(
        /looks like feed 2, heise developer neueste Meldungen .* Moving feed 1 there would count that publication's stories twice\. Nothing was moved\. If feed 1's own publication is gone: npx briefbot feeds remove 1\. To keep feed 1's number and history at that address instead: npx briefbot feeds remove 2, then the move again\.$/,
      );
      const paused = capture();
      expect(await runCli(['feeds', 'pause', '1', '2'], paused.io, env)).toBe(0);
      expect(paused.out).toEqual([
        'Paused feed 1: Liftoff News.',
        'Paused feed 2: heise developer neueste Meldungen.',
      ]);
      const resumed = capture();
      expect(await runCli(['feeds', 'resume', '1,#2'], resumed.io, env)).toBe(0);
      expect(resumed.out).toHaveLength(2);

      const removed = capture();
      expect(await runCli(['feeds', 'remove', '2', '3', '9', '2', '--yes'], removed.io, env)).toBe(1);
      expect(removed.out).toEqual([
        expect.stringMatching(
          /^Removed feed 2: heise developer neueste Meldungen, and its \d+ items\. To watch/,
        ),
        expect.stringMatching(
          /^Removed feed 3: heise developer neueste Meldungen, and its \d+ items\. To watch/,
        ),
      ]);
      expect(removed.err).toEqual([
        'No feed "9". See the list of feeds and their numbers with npx briefbot feeds list.',
      ]);
      const json = capture();
      await runCli(['feeds', 'list', '--json'], json.io, env);
      expect(json.out.map((line) => [JSON.parse(line).id, JSON.parse(line).status])).toEqual([[1, 'active']]);

      const usage = capture();
      expect(await runCli(['feeds', 'remove'], usage.io, env)).toBe(2);
      expect(usage.err).toEqual([
        'Usage: npx briefbot feeds remove <id-or-url>... [--yes] (several: 2 5, 1-3; see: npx briefbot feeds list)',
      ]);
    } finally {
      await server.close();
    }
  });

  it('takes ranges of feed numbers, alone or among others, and refuses a backward or out-of-range one', async () => {
    const paths = ['/a.xml', '/b.xml', '/c.xml', '/d.xml', '/e.xml'];
    const server = await startFeedServer(
      Object.fromEntries(
        paths.map((path) => [
          path,
          {
            body: rssFeed(
              `https://example.com${path}`,
              [{ guid: path, title: `item of ${path}` }],
              new Date(),
            ),
          },
        ]),
      ),
    );
    const env = databaseEnv('cli-ranges.db');
    const statuses = async () => {
      const json = capture();
      await runCli(['feeds', 'list', '--json'], json.io, env);
      return json.out.map((line) => `${JSON.parse(line).id} ${JSON.parse(line).status}`);
    };
    try {
      for (const path of paths)
        expect(await runCli(['feeds', 'add', server.url(path)], capture().io, env)).toBe(0);
      const paused = capture();
      expect(await runCli(['feeds', 'pause', '1-3'], paused.io, env)).toBe(0);
      expect(paused.out.map((line) => line.replace(/:.*/, ''))).toEqual([
        'Paused feed 1',
        'Paused feed 2',
        'Paused feed 3',
      ]);
      const resumed = capture();
      expect(await runCli(['feeds', 'resume', '2-4'], resumed.io, env)).toBe(0);
      expect(resumed.out[2]).toMatch(/^Feed 4: .* is not paused, so there was nothing to resume/);
      expect(await statuses()).toEqual(['1 paused', '2 active', '3 active', '4 active', '5 active']);

      const backwards = capture();
      expect(await runCli(['feeds', 'pause', '3-1'], backwards.io, env)).toBe(2);
      expect(backwards.err).toEqual([
        '"3-1" runs backwards: write the lower number first, 1-3. The feeds are numbered 1-5 (see npx briefbot feeds list).',
      ]);
      const beyond = capture();
      expect(await runCli(['feeds', 'pause', '4-9', '1'], beyond.io, env)).toBe(1);
      expect(beyond.err).toEqual([
        '"4-9" goes past the feeds there are: there is no feed 9. The feeds are numbered 1-5 (see npx briefbot feeds list). Nothing was changed.',
      ]);
      expect(await statuses()).toEqual(['1 paused', '2 active', '3 active', '4 active', '5 active']);

      // A mixed list, "1-2 4"; a removed number inside a range is passed over.
      const removed = capture();
      expect(await runCli(['feeds', 'remove', '1-2', '4', '--yes'], removed.io, env)).toBe(0);
      expect(removed.out.map((line) => line.replace(/:.*/, ''))).toEqual([
        'Removed feed 1',
        'Removed feed 2',
        'Removed feed 4',
      ]);
      const gap = capture();
      expect(await runCli(['feeds', 'pause', '3-5'], gap.io, env)).toBe(0);
      expect(gap.out.map((line) => line.replace(/:.*/, ''))).toEqual(['Paused feed 3', 'Paused feed 5']);
      const gone = capture();
      expect(await runCli(['feeds', 'resume', '1-3'], gone.io, env)).toBe(1);
      expect(gone.err[0]).toBe(
        '"1-3" goes past the feeds there are: there is no feed 1. The feeds are numbered 3 and 5 (see npx briefbot feeds list). Nothing was changed.',
      );
    } finally {
      await server.close();
    }
  });

  it('reads an address typed without https:// as https://, else http://, and says which it read', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('cli-scheme.db');
    const bare = server.url('/a.xml').replace(/^http:\/\//, '');
    try {
      const added = capture();
      expect(await runCli(['feeds', 'add', bare], added.io, env)).toBe(0);
      // The test server speaks plain http: https:// is tried first and cannot connect.
      expect(added.out[0]).toBe(
        `No https:// or http:// was given, and https://${bare} did not answer (the server does not answer secure (https://) connections at this address): read as http://${bare}.`,
      );
      expect(added.out[1]).toMatch(/^Added feed 1: Liftoff News/);
      expect(added.err).toEqual([]);

      const checked = capture();
      expect(await runCli(['feeds', 'check', bare], checked.io, env)).toBe(0);
      expect(checked.out[0]).toBe(`ok    ${bare}: rss2, "Liftoff News", 4 items`);
      expect(checked.out[1]).toMatch(
        /^ {6}note: no file by that name\. No https:\/\/ or http:\/\/ was given/,
      );

      const missing = capture();
      const nothing = bare.replace('/a.xml', '/none.xml');
      expect(await runCli(['feeds', 'add', nothing], missing.io, env)).toBe(1);
      expect(missing.err[0]).toMatch(
        new RegExp(
          `^Read as http://${nothing.replace(/[.]/g, '\\.')} \\(https://.* did not answer: .*\\): The server answered HTTP 404`,
        ),
      );
      expect(missing.err[0]).not.toMatch(/EPROTO/);
      // "feed.xml" with no such file stays a file name, not a host.
      const file = capture();
      expect(await runCli(['feeds', 'check', 'feed.xml'], file.io, env)).toBe(1);
      expect(file.out[0]).toMatch(/^FAIL {2}feed\.xml: No such file: feed\.xml\./);
    } finally {
      await server.close();
    }
  });

  it('says an address is needed when a feed number is given for one, and which feed the number is', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('cli-numbers.db');
    try {
      const before = capture();
      expect(await runCli(['feeds', 'check', '1'], before.io, env)).toBe(1);
      expect(before.err).toEqual([
        '"1" looks like a feed number, but feeds check needs a feed address or file (e.g. https://example.com/feed.xml). There is no feed 1 either; the feeds and their numbers are in: npx briefbot feeds list.',
      ]);
      await runCli(['feeds', 'add', server.url('/a.xml')], capture().io, env);
      const add = capture();
      expect(await runCli(['feeds', 'add', '1'], add.io, env)).toBe(1);
      expect(add.err).toEqual([
        `"1" looks like a feed number, but feeds add needs a feed address (e.g. https://example.com/feed.xml). Feed 1 is Liftoff News (${server.url('/a.xml')}), which Briefbot already watches; to add another feed, give its address: npx briefbot feeds add <url>.`,
      ]);
      const check = capture();
      expect(await runCli(['feeds', 'check', '#1'], check.io, env)).toBe(1);
      expect(check.err[0]).toMatch(
        /needs a feed address or file .* Feed 1 is Liftoff News \(.*\); to check it, give its address: npx briefbot feeds check http:\/\/127\.0\.0\.1:\d+\/a\.xml\.$/,
      );
      const move = capture();
      expect(await runCli(['feeds', 'move', '1', '3'], move.io, env)).toBe(1);
      expect(move.err[0]).toMatch(
        /^"3" looks like a feed number, but feeds move needs a feed address .* There is no feed 3 either/,
      );
      // Nothing was fetched for the numbers: only the one add read the feed.
      expect(server.requests).toEqual(['/a.xml']);
    } finally {
      await server.close();
    }
  });

  it('keeps a paused feed paused across export and import, and reads kinds from folder names in words', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
      '/b.xml': { body: sharedFeed('rss-parser/heise.atom') },
      '/c.xml': { body: sharedFeed('rss-parser/guardian.rss') },
      '/d.xml': { body: sharedFeed('rss-parser/feedburner.atom') },
    });
    const env = databaseEnv('cli-opml-paused.db');
    const other = databaseEnv('cli-opml-paused-2.db');
    try {
      await runCli(['feeds', 'add', server.url('/a.xml'), '--kind', 'blog'], capture().io, env);
      await runCli(['feeds', 'add', server.url('/b.xml')], capture().io, env);
      await runCli(['feeds', 'add', server.url('/d.xml')], capture().io, env);
      await runCli(['feeds', 'pause', '2-3'], capture().io, env);
      const opml = join(dir, 'paused.opml');
      await runCli(['feeds', 'export', opml], capture().io, env);
      expect(readFileSync(opml, 'utf8')).toMatch(
        new RegExp(`xmlUrl="${server.url('/b.xml')}" [^>]*briefbot:paused="true"/>`),
      );

      const imported = capture();
      expect(await runCli(['feeds', 'import', opml], imported.io, other)).toBe(0);
      expect(imported.out[0]).toBe(
        // Every paused feed is named in the resume, whatever numbers the import gave them.
        'Imported 3 feeds (2 paused, as in the list; resume with npx briefbot feeds resume 1-2); 0 already watched; 0 could not be added.',
      );
      const json = capture();
      await runCli(['feeds', 'list', '--json'], json.io, other);
      const feeds = json.out.map((line) => JSON.parse(line));
      expect(feeds.map((feed) => [feed.url, feed.kind, feed.status]).sort()).toEqual([
        [server.url('/a.xml'), 'blog', 'active'],
        [server.url('/b.xml'), 'news', 'paused'],
        [server.url('/d.xml'), 'news', 'paused'],
      ]);

      writeFileSync(
        opml,
        `<?xml version="1.0"?><opml version="2.0"><body>
          <outline text="Community &amp; Forums"><outline type="rss" text="c" xmlUrl="${server.url('/c.xml')}"/></outline>
        </body></opml>`,
      );
      expect(await runCli(['feeds', 'import', opml], capture().io, other)).toBe(0);
      const after = capture();
      await runCli(['feeds', 'list', 'community', '--json'], after.io, other);
      expect(after.out.map((line) => JSON.parse(line).url)).toEqual([server.url('/c.xml')]);
    } finally {
      await server.close();
    }
  });

  it("names a competitor's feed from the name it is listed under, and says how to correct a guess", async () => {
    // The feeds call themselves "RSS Title" and "Liftoff News": the list's words name the competitors.
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('feed-extractor/rss-feed-standard.xml') },
      '/b.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('cli-opml-competitors.db');
    const opml = join(dir, 'competitors.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><body><outline text="Competitors">
        <outline type="rss" text="Initech News" xmlUrl="${server.url('/a.xml')}"/>
        <outline type="rss" text="Hooli blog" xmlUrl="${server.url('/b.xml')}"/>
      </outline></body></opml>`,
    );
    try {
      const imported = capture();
      expect(await runCli(['feeds', 'import', opml], imported.io, env)).toBe(0);
      expect(imported.out[0]).toBe(
        'Imported 2 feeds; 0 already watched; 0 could not be added. The 2 competitors marked "guessed" (feeds 1, 2) were read from the feeds\' names; to correct one: npx briefbot feeds set 1 --kind competitor --competitor <name>. Initech and Hooli are no topics yet, so answers, digests and experts do not follow them by name. To track them in Slack: `/brief topics add initech initech kind=competitor` and `/brief topics add hooli hooli kind=competitor`.',
      );
      expect(imported.out[1]?.split('\n').slice(1)).toEqual([
        `  1 RSS Title (listed as "Initech News", ${server.url('/a.xml')}): competitor (Initech, guessed), from folder "Competitors"`,
        `  2 Liftoff News (listed as "Hooli blog", ${server.url('/b.xml')}): competitor (Hooli, guessed), from folder "Competitors"`,
      ]);
      // Found by the list's name, which neither its title nor its address has.
      const found = capture();
      await runCli(['feeds', 'list', 'hooli', 'blog'], found.io, env);
      expect(found.out[0]).toMatch(/^ {3}2 {2}Hooli blog \(its own title: Liftoff News\)/);
      // The list's names stay the feeds' names: listed, and exported back as they came.
      const listed = capture();
      await runCli(['feeds', 'list'], listed.io, env);
      expect(listed.out[0]).toBe(
        `   1  Initech News (its own title: RSS Title) [competitor: Initech] ${server.url('/a.xml')}`,
      );
      const exported = capture();
      await runCli(['feeds', 'export'], exported.io, env);
      const xml = exported.out.join('\n');
      expect(xml).toContain(`text="Initech News" title="Initech News" xmlUrl="${server.url('/a.xml')}"`);
      expect(xml).toContain(`text="Hooli blog" title="Hooli blog" xmlUrl="${server.url('/b.xml')}"`);
      // Imported again elsewhere, the names come back.
      const again = databaseEnv('cli-opml-competitors-again.db');
      const copy = join(dir, 'competitors-again.opml');
      writeFileSync(copy, xml);
      expect(await runCli(['feeds', 'import', copy], capture().io, again)).toBe(0);
      const relisted = capture();
      await runCli(['feeds', 'list'], relisted.io, again);
      expect(relisted.out.filter((line) => /^\s+\d+ {2}/.test(line))).toEqual([
        `   1  Initech News (its own title: RSS Title) [competitor: Initech] ${server.url('/a.xml')}`,
        `   2  Hooli blog (its own title: Liftoff News) [competitor: Hooli] ${server.url('/b.xml')}`,
      ]);
    } finally {
      await server.close();
    }
  });

  it('exports no file when there are no feeds, and refuses an empty list as empty, not as no OPML', async () => {
    const env = databaseEnv('cli-opml-empty.db');
    const opml = join(dir, 'empty.opml');
    const toFile = capture();
    expect(await runCli(['feeds', 'export', opml], toFile.io, env)).toBe(0);
    expect(toFile.out).toEqual([
      `There are no feeds to export, so ${opml} was not written. Add one with: npx briefbot feeds add <url>`,
    ]);
    expect(() => readFileSync(opml, 'utf8')).toThrow(/ENOENT/);
    // Not even with --force: it would replace a list that may have feeds.
    writeFileSync(opml, 'the only copy of another list');
    expect(await runCli(['feeds', 'export', opml, '--force'], capture().io, env)).toBe(0);
    expect(readFileSync(opml, 'utf8')).toBe('the only copy of another list');

    // To standard output: the empty list still goes there, and the note to the terminal.
    const toOutput = capture();
    expect(await runCli(['feeds', 'export'], toOutput.io, env)).toBe(0);
    expect(toOutput.out.join('\n')).toMatch(/<opml version="2\.0"[\s\S]*<body\/?>/);
    expect(toOutput.err).toEqual([
      'There are no feeds to export: the list is empty. Add one with: npx briefbot feeds add <url>',
    ]);

    writeFileSync(opml, toOutput.out.join('\n'));
    const imported = capture();
    expect(await runCli(['feeds', 'import', opml], imported.io, databaseEnv('cli-opml-empty-2.db'))).toBe(1);
    expect(imported.err).toEqual([
      "That file is a list of feeds with no feeds in it, so there is nothing to import. Check that it is the list you meant: a feed reader's export lists your feeds, and Briefbot's lists none when it watches none.",
    ]);
  });

  it('polls the due feeds, or every feed with --all', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
      '/b.xml': { body: sharedFeed('rss-parser/heise.atom') },
      '/c.xml': { body: sharedFeed('rss-parser/feedburner.atom') },
    });
    const env = databaseEnv('poll.db');
    try {
      const none = capture();
      expect(await runCli(['poll', '--all'], none.io, env)).toBe(0);
      // No feed at all is no feed due: said as feeds list says it, with the way to add one.
      expect(none.out).toEqual(['No feeds yet. Add one with: npx briefbot feeds add <url>']);
      const noneDue = capture();
      expect(await runCli(['poll'], noneDue.io, env)).toBe(0);
      expect(noneDue.out).toEqual(none.out);
      for (const path of ['/a.xml', '/b.xml', '/c.xml'])
        await runCli(['feeds', 'add', server.url(path)], capture().io, env);
      await runCli(['feeds', 'pause', '3'], capture().io, env);

      const due = capture();
      expect(await runCli(['poll'], due.io, env)).toBe(0);
      expect(due.out[0]).toMatch(/^No feed is due; .* To poll every feed now: npx briefbot poll --all$/);

      const all = capture();
      expect(await runCli(['poll', '--all'], all.io, env)).toBe(0);
      // The paused feed stays paused; the others are polled once, whatever their schedule.
      expect(all.out).toEqual([
        'Polled 2 feeds: 2 fetched, 0 unchanged since the last check, 0 failed; 0 new items.',
        'Feed 3 is paused, so not polled; to poll it again: npx briefbot feeds resume 3.',
      ]);
      expect(server.requests.filter((url) => url === '/c.xml')).toHaveLength(1);

      await runCli(['feeds', 'pause', '1-2'], capture().io, env);
      const allPaused = capture();
      expect(await runCli(['poll', '--all'], allPaused.io, env)).toBe(0);
      expect(allPaused.out).toEqual([
        'No feed to poll: every feed is paused. Feeds 1-3 are paused, so not polled; to poll them again: npx briefbot feeds resume 1-3.',
      ]);
    } finally {
      await server.close();
    }
  });

  it('poll says a failed feed in words only: no JSON log lines at the default level, no error code', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = { ...databaseEnv('poll-404.db'), LOG_LEVEL: 'info' };
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await runCli(['feeds', 'add', server.url('/a.xml')], capture().io, env);
      server.routes['/a.xml'] = { status: 404, body: 'gone' };
      const polled = capture();
      expect(await runCli(['poll', '--all'], polled.io, env)).toBe(1);
      expect(polled.out).toEqual([
        'Polled 1 feed: 0 fetched, 0 unchanged since the last check, 1 failed; 0 new items.',
        expect.stringMatching(
          /^ {2}feed 1: The server answered HTTP 404: nothing is at this address.* If it moved: npx briefbot feeds move 1 <new-url>; to stop trying: npx briefbot feeds pause 1\.$/,
        ),
      ]);
      expect(written).toEqual([]);
      // LOG_LEVEL=warn asks for the warnings, on standard error.
      await runCli(['poll', '--all'], capture().io, { ...env, LOG_LEVEL: 'warn' });
      expect(written.join('')).toMatch(/"level":"warn","msg":"feed fetch failed"/);
      // Failing now (3 attempts): the list says why and what to do about it, as it gives a paused feed's resume.
      await runCli(['poll', '--all'], capture().io, env);
      const failing = capture();
      await runCli(['feeds', 'list', 'failing'], failing.io, env);
      expect(failing.out[1]).toMatch(
        /^ {6}\d+ items; failing since .* \(3 failed attempts\) because: The server answered HTTP 404: .* Next try in .*\. If it moved: npx briefbot feeds move 1 <new-url>; to stop trying: npx briefbot feeds pause 1\.$/,
      );
    } finally {
      stderr.mockRestore();
      await server.close();
    }
  });

  it('poll with some feeds failing is a cycle done: exit code 0, the failures listed, a warning on standard error', async () => {
    const server = await startFeedServer({
      '/a.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
      '/b.xml': { body: sharedFeed('rss-parser/heise.atom') },
    });
    const env = databaseEnv('poll-partial.db');
    try {
      for (const path of ['/a.xml', '/b.xml'])
        await runCli(['feeds', 'add', server.url(path)], capture().io, env);
      server.routes['/b.xml'] = { status: 404, body: 'gone' };
      const polled = capture();
      expect(await runCli(['poll', '--all'], polled.io, env)).toBe(0);
      expect(polled.out).toEqual([
        'Polled 2 feeds: 1 fetched, 0 unchanged since the last check, 1 failed; 0 new items.',
        expect.stringMatching(/^ {2}feed 2: The server answered HTTP 404: /),
      ]);
      expect(polled.err).toEqual(['Warning: 1 of 2 feeds failed (see above); the 1 other was polled.']);
      // Every feed failing is the cycle failing: exit code 1, no warning, as feeds import does.
      server.routes['/a.xml'] = { status: 404, body: 'gone' };
      const allFailed = capture();
      expect(await runCli(['poll', '--all'], allFailed.io, env)).toBe(1);
      expect(allFailed.out[0]).toBe(
        'Polled 2 feeds: 0 fetched, 0 unchanged since the last check, 2 failed; 0 new items.',
      );
      expect(allFailed.err).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("records the digests that posted a paused feed's items in its change-log entry, as Slack's command does", async () => {
    const server = await startFeedServer();
    server.routes['/news.xml'] = {
      body: rssFeed(server.base, [{ guid: 'a', title: 'Acme pricing goes up' }], new Date()),
    };
    const env = databaseEnv('feed-readers.db');
    try {
      expect(await runCli(['feeds', 'list'], capture().io, env)).toBe(0);
      const db = new Database(join(dir, 'feed-readers.db'));
      db.prepare("INSERT INTO topics (name, query, updated_at) VALUES ('pricing', 'pricing', ?)").run(
        Date.now(),
      );
      db.prepare(
        `INSERT INTO digest_schedules (channel_id, time_of_day, timezone, topics, updated_at)
         VALUES ('C0EXEC', '08:00', 'UTC', '["pricing"]', ?), ('C0OPS', '08:00', 'UTC', '["outages"]', ?)`,
      ).run(Date.now(), Date.now());
      expect(await runCli(['feeds', 'add', server.url('/news.xml')], capture().io, env)).toBe(0);
      expect(await runCli(['feeds', 'pause', '1'], capture().io, env)).toBe(0);
      const logged = db.prepare("SELECT detail FROM audit_events WHERE action = 'feed.pause'").pluck().get();
      db.close();
      expect(JSON.parse(logged as string)).toMatchObject({
        digests: [{ id: 1, channelId: 'C0EXEC' }],
        follows: [],
      });
    } finally {
      await server.close();
    }
  });

  it('poll scores the new items and records the conversations for the experts; backlog is never one', async () => {
    const server = await startFeedServer();
    const backlash = 'Customers slam Acme pricing in backlash over price increase';
    const now = new Date();
    server.routes['/news.xml'] = { body: rssFeed(server.base, [{ guid: 'old', title: backlash }], now) };
    const env = databaseEnv('poll-nudges.db');
    try {
      const db = new Database(join(dir, 'poll-nudges.db'));
      expect(await runCli(['feeds', 'add', server.url('/news.xml')], capture().io, env)).toBe(0);
      db.prepare(
        "INSERT INTO topics (name, query, channel_id, updated_at) VALUES ('pricing', 'pricing OR price*', 'C0TALK', ?)",
      ).run(Date.now());
      server.routes['/news.xml'] = {
        body: rssFeed(
          server.base,
          [
            { guid: 'old', title: backlash },
            { guid: 'new', title: 'Initech faces lawsuit over pricing' },
          ],
          now,
        ),
      };
      const polled = capture();
      expect(await runCli(['poll', '--all'], polled.io, env)).toBe(0);
      expect(polled.out).toEqual([
        'Polled 1 feed: 1 fetched, 0 unchanged since the last check, 0 failed; 1 new item.',
        "Found 1 controversial conversation for the experts; the running Briefbot (npx briefbot start) posts it in the topic's channel.",
      ]);
      const nudges = db
        .prepare(
          'SELECT i.title, n.channel_id AS channelId, n.posted_at AS postedAt FROM nudges n JOIN items i ON i.id = n.item_id',
        )
        .all();
      expect(nudges).toEqual([
        { title: 'Initech faces lawsuit over pricing', channelId: 'C0TALK', postedAt: null },
      ]);
      expect(db.prepare('SELECT COUNT(*) FROM items WHERE nudge_pending = 1').pluck().get()).toBe(0);
      db.close();
    } finally {
      await server.close();
    }
  });

  it('says what is wrong with a bad setting, one line per variable', async () => {
    const result = capture();
    expect(await runCli(['feeds', 'list'], result.io, { PORT: 'eighty', LOG_LEVEL: 'loud' })).toBe(1);
    expect(result.err[0]).toMatch(/PORT: /);
    expect(result.err[0]).toMatch(/LOG_LEVEL: must be debug, info, warn, error or silent/);
  });

  it('says a database file it cannot create or open is DATABASE_URL to fix, in the words of the other settings', async () => {
    const folder = join(dir, 'db-folder');
    mkdirSync(folder);
    writeFileSync(join(dir, 'plain.txt'), 'not a folder');
    writeFileSync(join(dir, 'notes.db'), 'not a database either');
    const cases: Array<[string, RegExp]> = [
      [
        `file:${folder}`,
        /^DATABASE_URL: \S+db-folder is a folder; name a file in it, e\.g\. file:\S+db-folder\/briefbot\.db \(got "file:/,
      ],
      [
        `file:${join(dir, 'plain.txt', 'x.db')}`,
        /^DATABASE_URL: cannot create \S+\/x\.db: \S+plain\.txt is a file, not a folder; choose a folder Briefbot can write/,
      ],
      [
        `file:${join(dir, 'notes.db')}`,
        /^DATABASE_URL: \S+notes\.db is not a SQLite database; name a new file/,
      ],
      [
        'file:/proc/x.db',
        /^DATABASE_URL: cannot create \/proc\/x\.db \((permission denied|a read-only place)\); choose a folder Briefbot can write \(got "file:\/proc\/x\.db"\)$/,
      ],
      [
        'postgresql://briefbot:secret@db.example.com/briefbot',
        /^DATABASE_URL: only SQLite is supported in this version; give a file, e\.g\. file:\.\/data\/briefbot\.db \(got "postgresql:\/\/briefbot:\*\*\*@db\.example\.com\/briefbot"\)$/,
      ],
    ];
    for (const [url, problem] of cases) {
      for (const args of [
        ['feeds', 'list'],
        ['db', 'migrate'],
      ]) {
        const result = capture();
        expect(await runCli(args, result.io, { DATABASE_URL: url }), `${args.join(' ')} ${url}`).toBe(1);
        const [first, second, ...more] = result.err.join('\n').split('\n');
        expect(first).toBe('Briefbot cannot start; fix these settings (see .env.example):');
        expect(second?.trim()).toMatch(problem);
        expect(more).toEqual([]);
      }
    }
  });

  it('feeds list <number> picks that feed (and a range those feeds), as remove, pause and resume take them', async () => {
    const env = databaseEnv('list-numbers.db');
    expect(await runCli(['db', 'migrate'], capture().io, env)).toBe(0);
    const db = new Database(join(dir, 'list-numbers.db'));
    const insert = db.prepare(
      "INSERT INTO feeds (url, title, kind, status, next_poll_at, created_at, updated_at) VALUES (?, ?, 'news', 'active', 0, 0, 0)",
    );
    for (const name of ['one', 'two', 'three'])
      insert.run(`http://127.0.0.1:8861/${name}.rss`, `Feed ${name}`);
    db.close();
    const two = capture();
    expect(await runCli(['feeds', 'list', '2'], two.io, env)).toBe(0);
    expect(two.out.filter((line) => /^\s+\d+ {2}/.test(line))).toEqual([
      '   2  Feed two [news] http://127.0.0.1:8861/two.rss',
    ]);
    const json = capture();
    expect(await runCli(['feeds', 'list', '1-2', '--json'], json.io, env)).toBe(0);
    expect(json.out.map((line) => JSON.parse(line).id)).toEqual([1, 2]);
    const missing = capture();
    expect(await runCli(['feeds', 'list', '40'], missing.io, env)).toBe(1);
    expect(missing.err).toEqual(['No feed 40. The feeds are numbered 1-3 (see npx briefbot feeds list).']);
  });

  it('warns of a mistyped setting in .env, with the one meant, and still runs the command', async () => {
    const folder = join(dir, 'dotenv');
    mkdirSync(folder);
    writeFileSync(
      join(folder, '.env'),
      `SLACK_BOT_TOKN=xoxb-abc\nFEED_ALLOW_PRIVATE_ADRESSES=true\nDATABASE_URL=file:${join(folder, 'env.db')}\n`,
    );
    const { DATABASE_URL: _database, ...environment } = process.env;
    const { stdout, stderr } = await run(process.execPath, [bin, 'feeds', 'list'], {
      cwd: folder,
      env: { ...environment, LOG_LEVEL: 'silent' },
    });
    expect(stderr.split('\n').filter(Boolean).sort()).toEqual([
      'Warning: unknown setting FEED_ALLOW_PRIVATE_ADRESSES (in .env): did you mean FEED_ALLOW_PRIVATE_ADDRESSES?',
      'Warning: unknown setting SLACK_BOT_TOKN (in .env): did you mean SLACK_BOT_TOKEN?',
    ]);
    expect(stdout).toBe('No feeds yet. Add one with: npx briefbot feeds add <url>\n');
  });

  it('reads .env once: a .env a secrets manager serves as a pipe (its text to one read) is read, not waited on', async () => {
    const folder = join(dir, 'dotenv-pipe');
    mkdirSync(folder);
    await run('mkfifo', [join(folder, '.env')]);
    const { DATABASE_URL: _database, ...environment } = process.env;
    const listed = run(process.execPath, [bin, 'feeds', 'list'], {
      cwd: folder,
      env: { ...environment, LOG_LEVEL: 'silent' },
      // Killed if it waits on the pipe for a second read, which never comes.
      timeout: 10_000,
    });
    // The pipe gives its text to the first read only; a second read would wait for a writer forever.
    const pipe = createWriteStream(join(folder, '.env'));
    pipe.end(`DATABASE_URL=file:${join(folder, 'piped.db')}\nFEED_ALLOW_PRIVATE_ADRESSES=true\n`);
    const { stdout, stderr } = await listed;
    expect(stderr).toBe(
      'Warning: unknown setting FEED_ALLOW_PRIVATE_ADRESSES (in .env): did you mean FEED_ALLOW_PRIVATE_ADDRESSES?\n',
    );
    expect(stdout).toBe('No feeds yet. Add one with: npx briefbot feeds add <url>\n');
    expect(readdirSync(folder)).toContain('piped.db');
  });

  it('says in one line that a .env it cannot read (a folder) is the problem, and what to do', async () => {
    const folder = join(dir, 'dotenv-folder');
    mkdirSync(join(folder, '.env'), { recursive: true });
    const { DATABASE_URL: _database, ...environment } = process.env;
    const failed = await run(process.execPath, [bin, 'feeds', 'list'], {
      cwd: folder,
      env: { ...environment, LOG_LEVEL: 'silent' },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'Briefbot cannot read .env (it is a folder). Make .env a file of settings (see .env.example) that Briefbot can read, or remove it, and run the command again.\n',
    });
  });

  it('refuses a file on this machine where feeds add and feeds move need a web address, with the command for the file', async () => {
    const env = databaseEnv('local-file.db');
    const feedFile = join(dir, 'saved-feed.xml');
    writeFileSync(feedFile, rssFeed('saved.example', [], new Date('2026-11-01T00:00:00Z')));
    const listFile = join(dir, 'exported-list.xml');
    writeFileSync(
      listFile,
      '<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="https://a.example/feed"/></body></opml>',
    );
    const need =
      "but feeds add needs the feed's web address, which Briefbot polls for new items (e.g. https://example.com/feed.xml).";
    const cases: Array<[string[], string]> = [
      [
        ['feeds', 'add', feedFile],
        `${feedFile} is a file on this machine, ${need} To see what the file holds: npx briefbot feeds check ${feedFile}`,
      ],
      [
        ['feeds', 'add', listFile],
        `${listFile} is a file on this machine, ${need} It is an OPML list; to add the feeds it names: npx briefbot feeds import ${listFile}`,
      ],
      [
        ['feeds', 'add', './no-such-feed.xml'],
        `./no-such-feed.xml is a file path (and there is no such file here), ${need}`,
      ],
      [['feeds', 'add', dir], `${dir} is a folder on this machine, ${need}`],
      [
        ['feeds', 'move', '1', `file://${feedFile}`],
        `file://${feedFile} is a file on this machine, ${need.replace('feeds add', 'feeds move')} To see what the file holds: npx briefbot feeds check ${feedFile}`,
      ],
    ];
    for (const [args, message] of cases) {
      const refused = capture();
      expect(await runCli(args, refused.io, env)).toBe(1);
      expect(refused.err).toEqual([message]);
    }
  });

  it('refuses an OPML list cut short (a download cut off) instead of importing the feeds before the cut', async () => {
    const env = databaseEnv('cut-opml.db');
    const file = join(dir, 'cut-short.opml');
    writeFileSync(
      file,
      '<?xml version="1.0"?><opml version="2.0"><body><outline text="a" xmlUrl="https://a.example/feed"/><outline text="b" xmlUrl="https://b.exa',
    );
    const imported = capture();
    expect(await runCli(['feeds', 'import', file], imported.io, env)).toBe(1);
    expect(imported.err).toEqual([
      'That file is an OPML list cut short: it ends in the middle of a tag, after 1 feed, so the feeds after that point are missing. Nothing was imported: export or download the list again, and import the whole file.',
    ]);
    expect(imported.out).toEqual([]);
  });

  it('says which version it is (version, --version, -v), as in package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    for (const asked of ['version', '--version', '-v']) {
      const said = capture();
      expect(await runCli([asked], said.io, {}), asked).toBe(0);
      expect(said.out).toEqual([`briefbot ${version}`]);
      expect(said.err).toEqual([]);
    }
    const help = capture();
    expect(await runCli(['help', 'version'], help.io, {})).toBe(0);
    expect(help.out.join('\n')).toContain(
      '  version                            which version of Briefbot this is',
    );
  });

  it('help says where settings are read (.env too) and where topics and digests are set up', async () => {
    const help = capture();
    expect(await runCli(['help'], help.io, {})).toBe(0);
    const text = help.out.join('\n');
    expect(text).toContain(
      'Topics, digests and experts are set up with /brief commands, in Slack or in: npx briefbot console',
    );
    expect(text).toContain(
      'Settings come from a .env file in this folder, or the environment (every setting: .env.example).',
    );
    const one = capture();
    expect(await runCli(['feeds', 'add', '--help'], one.io, {})).toBe(0);
    expect(one.out.join('\n')).toContain('Settings come from a .env file in this folder');
  });

  it('warns when .env would read a value as a comment (a channel given as #alerts), and the quoted value is then checked', async () => {
    const folder = join(dir, 'dotenv-hash');
    mkdirSync(folder);
    const database = `DATABASE_URL=file:${join(folder, 'env.db')}\n`;
    writeFileSync(join(folder, '.env'), `BRIEFBOT_ALERT_CHANNEL=#alerts\n${database}`);
    const { DATABASE_URL: _database, ...environment } = process.env;
    const options = { cwd: folder, env: { ...environment, LOG_LEVEL: 'silent' } };
    const { stderr } = await run(process.execPath, [bin, 'feeds', 'list'], options);
    expect(stderr).toBe(
      'Warning: BRIEFBOT_ALERT_CHANNEL in .env reads as empty: a # there starts a comment. If the # belongs to the value, put the value in quotes: BRIEFBOT_ALERT_CHANNEL="…"\n',
    );
    writeFileSync(join(folder, '.env'), `BRIEFBOT_ALERT_CHANNEL="#alerts"\n${database}`);
    const quoted = await run(process.execPath, [bin, 'feeds', 'list'], options).catch((error) => error);
    expect(quoted.stderr).toContain(
      'BRIEFBOT_ALERT_CHANNEL: must be a Slack channel id like C012ABCDEF (channel details > About) (got "#alerts")',
    );
  });

  it('names a damaged database file and the ways to recover it, for every command that reads it', async () => {
    const env = databaseEnv('damaged.db');
    const file = join(dir, 'damaged.db');
    expect(await runCli(['db', 'migrate'], capture().io, env)).toBe(0);
    const db = new Database(file);
    const add = db.prepare(
      "INSERT INTO feeds (url, title, kind, next_poll_at, created_at, updated_at) VALUES (?, ?, 'news', 0, 0, 0)",
    );
    db.transaction(() => {
      for (let index = 0; index < 3000; index++)
        add.run(`https://example.com/${index}/feed`, `Feed ${index}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Damage in the middle of the file, past its header: pages 20 to 59 overwritten with junk.
    const handle = openSync(file, 'r+');
    writeSync(handle, Buffer.alloc(40 * 4096, 0xa5), 0, 40 * 4096, 20 * 4096);
    closeSync(handle);
    for (const command of [
      ['feeds', 'list'],
      ['poll', '--all'],
    ]) {
      const result = await briefbot(command, env);
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({
        command,
        code: 1,
        stderr: `The database ${file} is damaged (SQLite: database disk image is malformed). Stop every Briefbot using it, then either restore it from a backup, or recover what can be read into a new file: sqlite3 ${file} ".recover" | sqlite3 recovered.db, and set DATABASE_URL=file:recovered.db (or point DATABASE_URL at a new file to start afresh).\n`,
      });
    }
  });

  it('names an unknown option, suggests the closest one the command takes, and says where help is', async () => {
    const help = 'For every command and its options: npx briefbot help';
    const cases: Array<[string[], string]> = [
      [
        ['feeds', 'add', 'https://example.com/feed', '--kidn', 'review'],
        `Unknown option --kidn: did you mean --kind? "feeds add" takes --kind, --competitor, --yes. ${help}`,
      ],
      [
        ['feeds', 'list', '--jsn'],
        `Unknown option --jsn: did you mean --json? "feeds list" takes --json, --kind. ${help}`,
      ],
      [
        ['feeds', 'add', 'https://example.com/feed', '--json'],
        `Unknown option --json. "feeds add" takes --kind, --competitor, --yes. ${help}`,
      ],
      [
        ['feeds', 'remove', '1', '--kind', 'blog'],
        `Unknown option --kind. "feeds remove" takes --yes. ${help}`,
      ],
      [['poll', '--al'], `Unknown option --al: did you mean --all? "poll" takes --all. ${help}`],
      [['console', '--dmeo'], `Unknown option --dmeo: did you mean --demo? "console" takes --demo. ${help}`],
      [
        ['feeds', 'add', 'https://example.com/feed', '--kind'],
        `--kind needs a value after it (one of news, blog, forum, review, competitor, community). ${help}`,
      ],
      [['feeds', 'list', '--json=yes'], `--json takes no value; write it on its own. ${help}`],
    ];
    for (const [args, message] of cases) {
      const result = capture();
      expect(await runCli(args, result.io, {})).toBe(2);
      expect(result.err).toEqual([message]);
    }
  });

  it('exits 2 for a command line that is wrong, whatever the command, before doing anything', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['feeds', 'add'], /^Usage: npx briefbot feeds add <url>/],
      [['feeds', 'import'], /^Usage: npx briefbot feeds import/],
      [['feeds', 'check'], /^Usage: npx briefbot feeds check/],
      [['feeds', 'pause'], /^Usage: npx briefbot feeds pause/],
      [['feeds', 'set', '1', '--kind', 'gossip'], /^Unknown kind "gossip"/],
      [['feeds', 'export', 'a.opml', 'b.opml'], /^Unexpected "b\.opml" after the file name/],
      [['poll', 'now'], /^Unexpected "now": the command is poll \[--all\], with nothing after it/],
      [['console', 'demo'], /^Unexpected "demo": the command is console \[--demo\]/],
      [['db', 'migrate', 'now'], /^Unexpected "now": the command is db migrate/],
      [['start', '--demo'], /^Unknown option --demo\. "start" takes no options/],
      [['feeds'], /^"feeds" needs a command after it/],
    ];
    for (const [args, message] of cases) {
      const result = capture();
      expect(await runCli(args, result.io, {}), args.join(' ')).toBe(2);
      expect(result.err[0]).toMatch(message);
    }
  });

  it("answers `<command> --help` and `help <command>` with that command's usage and options, exit code 0", async () => {
    const cases: Array<[string[], string[], string[]]> = [
      [
        ['feeds', '--help'],
        ['  feeds add <url>', '  feeds list', '  feeds move', '  feeds check'],
        ['  poll', '  db migrate'],
      ],
      [['help', 'feeds'], ['  feeds add <url>', '  feeds export'], ['  start']],
      [
        ['feeds', 'add', '--help'],
        ['  feeds add <url> [--kind <kind>]', '--competitor <name>'],
        ['  feeds list'],
      ],
      [['feeds', 'add', 'https://example.com/feed', '--help'], ['  feeds add <url>'], ['  feeds list']],
      [['feeds', 'pause', '-h'], ['  feeds remove|pause|resume <id-or-url>...'], ['  feeds add']],
      [['help', 'feeds', 'list'], ['  feeds list [filter] [--json]'], ['  feeds add']],
      [['poll', '--help'], ['  poll [--all]', '(--all: every feed now'], ['  feeds']],
      [['db', '--help'], ['  db migrate'], ['  feeds']],
      [['console', '--help'], ['  console [--demo]'], ['  start']],
    ];
    for (const [args, shown, notShown] of cases) {
      const result = capture();
      expect(await runCli(args, result.io, {}), args.join(' ')).toBe(0);
      const help = result.out.join('\n');
      expect(help.split('\n')[0]).toBe('Usage (after npx briefbot):');
      for (const text of shown) expect(help, args.join(' ')).toContain(text);
      for (const text of notShown) expect(help, args.join(' ')).not.toContain(text);
      expect(help).toContain('Exit codes: 0 done');
      expect(result.err).toEqual([]);
    }
    const unknown = capture();
    expect(await runCli(['feeds', 'lsit', '--help'], unknown.io, {})).toBe(2);
    expect(unknown.err[0]).toMatch(/^Unknown command "feeds lsit"\. Did you mean: npx briefbot feeds list\?/);
  });

  it('answers an unknown command with the usage', async () => {
    const result = capture();
    expect(await runCli(['feds'], result.io, {})).toBe(2);
    expect(result.err[0]).toMatch(/^Unknown command "feds"/);
  });

  it('says topics, digests, experts and nudges are managed in Slack, with the command there', async () => {
    const cases: Array<[string[], string]> = [
      [['topics', 'list'], 'Topics are managed in Slack: /brief topics list'],
      [['digest', 'list'], 'Digests are managed in Slack: /brief digest list'],
      [['digests'], 'Digests are managed in Slack: /brief digest'],
      [['sme', 'list', 'pricing'], 'Experts are managed in Slack: /brief sme list pricing'],
    ];
    for (const [args, message] of cases) {
      const result = capture();
      expect(await runCli(args, result.io, {})).toBe(2);
      expect(result.err).toEqual([`${message} (or here, in the local console: npx briefbot console).`]);
    }
  });

  it('answers a mistyped command with the one it is a slip away from, before reading its options', async () => {
    const help = 'For every command: npx briefbot help';
    const cases: Array<[string[], string]> = [
      [['feeds', 'lsit'], `Unknown command "feeds lsit". Did you mean: npx briefbot feeds list? ${help}`],
      [
        ['feeds', 'lsit', '--json'],
        `Unknown command "feeds lsit". Did you mean: npx briefbot feeds list? ${help}`,
      ],
      [
        ['feeds', 'remvoe', '2'],
        `Unknown command "feeds remvoe". Did you mean: npx briefbot feeds remove? ${help}`,
      ],
      [['feeds', 'frobnicate'], `Unknown command "feeds frobnicate". ${help}`],
      [['feeds'], `"feeds" needs a command after it, e.g. npx briefbot feeds list. ${help}`],
      [['feds', 'list'], `Unknown command "feds list". Did you mean: npx briefbot feeds list? ${help}`],
      [['db', 'migrat'], `Unknown command "db migrat". Did you mean: npx briefbot db migrate? ${help}`],
      [['strat'], `Unknown command "strat". Did you mean: npx briefbot start? ${help}`],
    ];
    for (const [args, message] of cases) {
      const result = capture();
      expect(await runCli(args, result.io, {})).toBe(2);
      expect(result.err[0]?.split('\n')[0]).toBe(message);
      // The usage follows, to pick the right one.
      expect(result.err[0]).toContain('feeds add <url> [--kind <kind>]');
    }
  });
});

/** Adds the feed at `url` to the database in `file`, due now so the first cycle at start fetches it again. */
async function addDueFeed(file: string, url: string): Promise<void> {
  expect(await runCli(['feeds', 'add', url], { out: () => {}, err: () => {} }, databaseEnv(file))).toBe(0);
  const db = new Database(join(dir, file));
  db.prepare('UPDATE feeds SET next_poll_at = 0').run();
  db.close();
}

/** Runs `briefbot start` as a child process, gathering what it prints; `exited` settles when it ends. */
function startBriefbot(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: commandFolder(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = {
    child,
    output: '',
    errors: '',
    exited: new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    ),
  };
  child.stdout.on('data', (chunk: Buffer) => {
    started.output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    started.errors += chunk.toString('utf8');
  });
  return started;
}

describe('briefbot start without Slack', () => {
  it('with nothing to read (a service manager, a container), keeps monitoring until SIGTERM', async () => {
    const server = await startFeedServer({
      '/feed.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const env = databaseEnv('start.db');
    try {
      await addDueFeed('start.db', server.url('/feed.xml'));
      const { SLACK_BOT_TOKEN: _bot, SLACK_APP_TOKEN: _app, ...withoutSlack } = process.env;
      const started = startBriefbot({ ...withoutSlack, ...env });
      await vi.waitFor(() => expect(started.output).toContain('monitoring 1 feed on their schedule'), {
        timeout: 30_000,
      });
      await vi.waitFor(() => expect(server.requests).toHaveLength(2), { timeout: 30_000 });
      expect(started.child.exitCode).toBeNull();
      // From another terminal: running, but not in Slack (not "no Briefbot has connected yet: start it").
      const running = await briefbot(['status'], env);
      expect(running.code).toBe(1);
      expect(running.stdout).toMatch(
        /^Briefbot is running without Slack since .+ \(SLACK_BOT_TOKEN is not set\), so it is not answering in Slack; feeds are monitored\. To connect it, follow README "Connect Slack", then restart it: npx briefbot start \(checked .+\)\.\n$/,
      );
      started.child.kill('SIGTERM');
      // Stderr is part of the expectation so a failure shows why the process ended.
      expect({ ...(await started.exited), errors: started.errors.slice(-2000) }).toEqual({
        code: 0,
        signal: null,
        errors: expect.any(String),
      });
      // Not "this is the local console": with nothing to read there is none, and the next line says so.
      expect(started.output.split('\n')[0]).toBe(
        'Slack is not connected (SLACK_BOT_TOKEN is not set), so Briefbot runs without Slack; see README "Connect Slack".',
      );
      expect(started.output.endsWith('Stopping Briefbot...\n')).toBe(true);
      expect((await briefbot(['status'], env)).stdout).toMatch(
        /^Briefbot was stopped .+\. Start it with: npx briefbot start\n$/,
      );
      // Plain lines for a log, not a terminal's prompt redraws.
      expect(started.output).not.toContain('\u001b');
    } finally {
      await server.close();
    }
  }, 90_000);
});

describe('briefbot start with Slack half set up', () => {
  it.each([
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET with SLACK_MODE=http',
    ],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' }, 'SLACK_MODE=http needs SLACK_SIGNING_SECRET'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN is not set'],
  ])('stops (exit 1) naming what is missing, instead of running without Slack: %o', async (slack, reason) => {
    const started = capture();
    expect(await runCli(['start'], started.io, { ...databaseEnv('half-slack.db'), ...slack })).toBe(1);
    expect(started.err).toEqual([
      `Briefbot cannot connect to Slack: ${reason}. Put the missing setting in .env (README "Connect Slack") and start again; to run without Slack, leave SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET and SLACK_MODE empty, or use: npx briefbot console`,
    ]);
    expect(started.out).toEqual([]);
  });
});

/** A stand-in for Slack's Web API on 127.0.0.1: auth.test answers from `answers`, in turn, then the last one. */
async function startSlackStub(
  answers: Array<{ status: number; body: string; headers?: Record<string, string> }>,
) {
  const calls: string[] = [];
  const server = createServer((request, response) => {
    calls.push(request.url ?? '');
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    response.writeHead(answer?.status ?? 500, { 'content-type': 'application/json', ...answer?.headers });
    response.end(answer?.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('briefbot start while Slack cannot be reached', () => {
  const authOk = JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'B0BOT', team_id: 'T0TEAM' });

  it('says so in one line, keeps polling the feeds, and connects when Slack answers again', async () => {
    const feeds = await startFeedServer({
      '/feed.xml': { body: sharedFeed('node-feedparser/rss2sample.xml') },
    });
    const slack = await startSlackStub([
      { status: 429, body: '', headers: { 'retry-after': '3' } },
      { status: 200, body: authOk },
    ]);
    const env = databaseEnv('start-rate-limited.db');
    try {
      await addDueFeed('start-rate-limited.db', feeds.url('/feed.xml'));
      const started = startBriefbot({
        ...process.env,
        ...env,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_MODE: 'http',
        SLACK_API_URL: slack.url,
        PORT: String(await freePort()),
      });
      // While Slack asks to wait, the feed is fetched again all the same.
      await vi.waitFor(() => expect(feeds.requests).toHaveLength(2), { timeout: 15_000 });
      expect(started.output).toBe(
        'Cannot reach Slack (Slack is rate-limiting Briefbot (429)); trying again in 3 s (attempt 2). Feeds are still monitored.\n',
      );
      await vi.waitFor(
        () => expect(started.output).toContain('Briefbot is connected to Slack in HTTP mode'),
        { timeout: 15_000 },
      );
      started.child.kill('SIGTERM');
      expect({ code: (await started.exited).code, errors: started.errors }).toEqual({ code: 0, errors: '' });
    } finally {
      await feeds.close();
      await slack.close();
    }
  });

  it('stops with what to fix, and no stack trace, when Slack refuses the token', async () => {
    const slack = await startSlackStub([
      { status: 200, body: JSON.stringify({ ok: false, error: 'invalid_auth' }) },
    ]);
    try {
      const result = await briefbot(['start'], {
        ...databaseEnv('start-refused.db'),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_MODE: 'http',
        SLACK_API_URL: slack.url,
        PORT: String(await freePort()),
      });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'Slack refused SLACK_BOT_TOKEN (invalid_auth). Copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if you changed its scopes.\n',
      });
      expect(slack.calls).toEqual(['/api/auth.test']);
    } finally {
      await slack.close();
    }
  });
});

describe('briefbot started as npm starts it', () => {
  // npx, npm link and global installs run bin/briefbot.js through a link named `briefbot`, no `.js`.
  it('runs the command through a link named briefbot, as node_modules/.bin/briefbot is', async () => {
    const link = join(dir, 'bin-link', 'briefbot');
    mkdirSync(join(dir, 'bin-link'));
    symlinkSync(bin, link);
    const help = await run(process.execPath, [link, '--help'], { cwd: commandFolder() });
    expect(help.stdout).toMatch(
      /^Briefbot: monitors feeds and briefs your team in Slack\.\n\nUsage: npx briefbot <command>/,
    );
    const wrong = await run(process.execPath, [link, 'feeds'], { cwd: commandFolder() }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(wrong).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^"feeds" needs a command after it/),
    });
  });

  it('runs `npx briefbot --help` from the checkout, offline', async () => {
    const root = new URL('..', import.meta.url).pathname;
    const { stdout } = await run('npx', ['--offline', 'briefbot', '--help'], {
      cwd: root,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    expect(stdout).toMatch(/^Briefbot: monitors feeds and briefs your team in Slack\./);
    // npx starts npm before Briefbot: seconds alone, far more on a machine busy with other test files.
  }, 90_000);
});

describe('briefbot with its output closed early', () => {
  it('ends quietly with success when the reader stops (feeds list | head -1)', async () => {
    const child = spawn(process.execPath, [bin, 'feeds', 'list'], {
      cwd: commandFolder(),
      env: { ...process.env, ...databaseEnv('closed-output.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader is gone before Briefbot writes its first line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('briefbot stats', () => {
  it("exports /brief stats' figures, per expert and per topic, as text, CSV and JSON, with the same numbers", async () => {
    const env = { DATABASE_URL: `file:${join(dir, 'stats.db')}`, LOG_LEVEL: 'silent' };
    const deps = await createTestDeps({ env });
    await createResponseHistory(deps);
    // What an admin sees in Slack for the same period.
    const slack = statsCommand(deps, 'UADMIN01', '7d').text;
    await deps.cleanup();
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-03T09:00:00Z') });
    try {
      const text = capture();
      expect(await runCli(['stats', '7d'], text.io, env)).toBe(0);
      expect(text.out[0]).toBe(slack);
      expect(text.out.slice(1, 5)).toEqual([
        'By expert (Slack user ids):',
        expect.stringMatching(/^ {2}USME0001: 2 conversations · 2 claimed · 1 replied/),
        expect.stringMatching(/^ {2}USME0002: 1 conversation · 1 claimed · 1 replied/),
        'By topic:',
      ]);
      const csv = capture();
      expect(await runCli(['stats', '--since', '7d', '--csv'], csv.io, env)).toBe(0);
      const [header, ...rows] = csv.out.map((line) => line.split(','));
      const row = (name: string) =>
        Object.fromEntries(header?.map((column, i) => [column, rows.find((r) => r[1] === name)?.[i]]) ?? []);
      expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual([
        'team team',
        'expert USME0001',
        'expert USME0002',
        'topic pricing',
        'topic outages',
      ]);
      expect(row('team')).toMatchObject({
        nudges: '4',
        claimed: '3',
        replied: '2',
        repliedPercent: '100',
        dismissed: '1',
        inProgress: '1',
        medianClaimMinutes: '30',
        medianReplyMinutes: '165',
      });
      expect(row('pricing')).toMatchObject({ nudges: '3', replied: '2', dismissed: '0' });
      const json = capture();
      expect(await runCli(['stats', '7d', '--json'], json.io, env)).toBe(0);
      const exported = JSON.parse(json.out.join('\n'));
      expect(exported.period).toEqual({
        label: 'last 7 days',
        since: '2026-10-27T09:00:00.000Z',
        until: null,
      });
      expect(exported.team).toMatchObject({ nudges: 4, claimed: 3, replied: 2, medianReplyMinutes: 165 });
      expect(exported.experts.map((expert: { userId: string }) => expert.userId)).toEqual([
        'USME0001',
        'USME0002',
      ]);
      expect(exported.topics.find((topic: { topic: string }) => topic.topic === 'outages')).toMatchObject({
        nudges: 1,
        dismissed: 1,
        adminDismissed: 1,
      });
      // A period it cannot read: what to type instead, and the command line's exit code 2.
      const wrong = capture();
      expect(await runCli(['stats', 'fortnightly'], wrong.io, env)).toBe(2);
      expect(wrong.err[0]).toMatch(/^Cannot read "fortnightly" as a period\. Try: npx briefbot stats 7d/);
    } finally {
      vi.useRealTimers();
    }
  });
});
