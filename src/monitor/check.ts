import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { HttpSettings } from '../deps.ts';
import { FeedError, FeedErrorCode } from '../errors.ts';
import { createWorkerPool, siblingModule } from '../worker-pool.ts';
import { withoutFeedScheme } from './canonical-url.ts';
import { decodeFeedBytes } from './charset.ts';
import { fetchFeed, readWithoutScheme, tooLarge } from './fetch.ts';
import { type FeedFormat, parseFeed } from './parse.ts';
import { feedReadGuards, readTimeoutMs } from './read-guards.ts';

export type CheckedItem = {
  key: string;
  title: string;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  text: string;
};

export type CheckResult =
  | {
      source: string;
      ok: true;
      format: FeedFormat;
      feed: { title: string | null; link: string | null };
      items: CheckedItem[];
      /** Said in words to a person, never in --json: read, but not as its publisher meant it. */
      warning?: string;
    }
  | { source: string; ok: false; error: { code: string; message: string } };

/** A result as `feeds check --json` prints it: exactly the documented shape, warnings left out. */
export function checkJson(result: CheckResult): string {
  if (!result.ok || result.warning === undefined) return JSON.stringify(result);
  const { warning: _warning, ...shape } = result;
  return JSON.stringify(shape);
}

/** Reads (a path) or fetches (a URL) one source and parses it without storing anything. */
export async function checkSource(source: string, http: HttpSettings): Promise<CheckResult> {
  try {
    // Any scheme but file:// is a URL (the fetcher refuses the ones Briefbot does not fetch).
    const address = withoutFeedScheme(source);
    const isUrl = /^[a-z][\w+.-]*:\/\//i.test(address) && !/^file:\/\//i.test(address);
    const guessed = !isUrl && looksLikeAddress(source) && !(await exists(source));
    const read = guessed ? await readAsAddress(source, http) : undefined;
    const { body, base } =
      read?.result ?? (isUrl ? await fetchSource(address, http) : await readSource(source, http));
    const feed = await parseFeed(body, base);
    const cutShort = feed.cutShort
      ? 'the feed stops before its end (cut short in transfer, or the publisher stopped writing it): read up to its last whole item; the poller fetches it whole again next time'
      : undefined;
    const warning = [read?.note, cutShort, feed.readInPart].filter(Boolean).join('; ');
    // Key order is part of the --json contract.
    return {
      source,
      ok: true,
      format: feed.format,
      feed: { title: feed.title, link: feed.link },
      items: feed.items.map((item) => ({
        key: item.key,
        title: item.title,
        url: item.url,
        author: item.author,
        publishedAt: item.publishedAt ? item.publishedAt.toISOString() : null,
        text: item.text,
      })),
      ...(warning ? { warning } : {}),
    };
  } catch (error) {
    return unexpected(source, error);
  }
}

/**
 * "example.com/rss", "localhost:8080/feed": an address typed without https://, not a file. A bare
 * name ending like a file ("feed.xml", "list.opml") stays a file name.
 */
function looksLikeAddress(source: string): boolean {
  const host = /^((?:[a-z\d-]+\.)+[a-z\d-]+|localhost)(:\d+)?(\/.*)?$/i.exec(source.trim());
  if (!host) return false;
  const [, name = '', port, path] = host;
  return Boolean(port || path) || !/\.(?:xml|rss|rdf|atom|json|opml|txt|html?|gz)$/i.test(name);
}

async function exists(path: string): Promise<boolean> {
  return stat(resolve(path)).then(
    () => true,
    () => false,
  );
}

/** A source with no scheme and no file by that name: the address it names (https:// first). */
async function readAsAddress(source: string, http: HttpSettings) {
  try {
    const read = await readWithoutScheme(source, (url) => fetchSource(url, http));
    return { ...read, note: `no file by that name. ${read.note}` };
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    throw new FeedError(error.code, `No file by that name. ${error.message}`, error.detail);
  }
}

function unexpected(source: string, error: unknown): CheckResult {
  if (error instanceof FeedError)
    return { source, ok: false, error: { code: error.code, message: error.message } };
  // No input may crash the check: anything unexpected is reported as unreadable.
  return {
    source,
    ok: false,
    error: {
      code: FeedErrorCode.Malformed,
      message: `The source could not be read as a feed (${String(error).slice(0, 200)}).`,
    },
  };
}

async function fetchSource(url: string, http: HttpSettings): Promise<{ body: string; base: string }> {
  const fetched = await fetchFeed(url, {
    timeoutMs: http.timeoutMs,
    maxBytes: http.maxBytes,
    allowPrivate: http.allowPrivate,
    ...(http.resolve ? { resolve: http.resolve } : {}),
  });
  if (fetched.status !== 'ok')
    throw new FeedError(FeedErrorCode.HttpStatus, 'The server answered 304 Not Modified.');
  return { body: decodeFeedBytes(fetched.raw, fetched.contentType), base: fetched.finalUrl };
}

async function readSource(path: string, http: HttpSettings): Promise<{ body: string; base: string }> {
  if (!path.trim())
    throw new FeedError(FeedErrorCode.Unreachable, 'An empty source: give a file path or an http(s) URL.');
  const file = resolve(path.replace(/^file:\/\//, ''));
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    throw new FeedError(
      FeedErrorCode.Unreachable,
      `No such file: ${path}. Give a file path or an http(s) URL.`,
    );
  }
  if (!info.isFile()) {
    throw new FeedError(
      FeedErrorCode.Unreachable,
      info.isDirectory()
        ? `${path} is a folder: give the feed files in it (for example ${path.replace(/\/$/, '')}/*.xml).`
        : `${path} is not a regular file.`,
    );
  }
  if (info.size > http.maxBytes) throw tooLarge(http.maxBytes);
  let bytes = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: http.maxBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(http.maxBytes);
      throw new FeedError(FeedErrorCode.Malformed, 'The file is gzip-compressed but corrupt.');
    }
  }
  return { body: decodeFeedBytes(bytes), base: pathToFileURL(file).href };
}

/**
 * Checks many sources on worker threads, `concurrency` at a time, yielding results in the order
 * given. A slow source (a big file, a slow server) holds back only the output after it, never the
 * work: the others go on being checked, up to `aheadLimit` results ahead of the output.
 */
export async function* checkSources(
  sources: string[],
  http: HttpSettings,
  options: { workers: number; concurrency: number; aheadLimit?: number },
): AsyncGenerator<CheckResult> {
  const settings = { timeoutMs: http.timeoutMs, maxBytes: http.maxBytes, allowPrivate: http.allowPrivate };
  const pool =
    sources.length > 1
      ? createWorkerPool<{ source: string; http: HttpSettings }, CheckResult>(
          siblingModule(import.meta.url, 'check-worker'),
          options.workers,
          (job) => checkSource(job.source, job.http),
          // Fetching has its own time limit; reading what was fetched gets the poller's.
          feedReadGuards(http.timeoutMs + readTimeoutMs),
        )
      : undefined;
  const check = (source: string) => (pool ? pool.run({ source, http: settings }) : checkSource(source, http));
  const aheadLimit = Math.max(options.concurrency, options.aheadLimit ?? 256);
  const pending = new Map<number, Promise<CheckResult>>();
  let next = 0;
  let running = 0;
  let position = 0;
  const dispatch = (): void => {
    while (next < sources.length && running < options.concurrency && next - position < aheadLimit) {
      const source = sources[next++] as string;
      running++;
      pending.set(
        next - 1,
        check(source)
          .catch((error: unknown) => unexpected(source, error))
          .finally(() => {
            running--;
            dispatch();
          }),
      );
    }
  };
  try {
    for (; position < sources.length; position++) {
      dispatch();
      const result = await (pending.get(position) as Promise<CheckResult>);
      pending.delete(position);
      yield result;
    }
  } finally {
    await pool?.close();
  }
}
