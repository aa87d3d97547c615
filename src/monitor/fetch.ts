import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { FeedError, FeedErrorCode } from '../errors.ts';
import { checkFeedAddress, type ResolvedAddress, type Resolver, systemResolver } from './address-guard.ts';
import { decodeBody } from './charset.ts';

export const userAgent =
  'Briefbot/0.1 (feed monitor for executive briefings; +https://github.com/briefbot/briefbot)';

export type FetchOptions = {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  etag?: string | null;
  lastModified?: string | null;
  allowPrivate?: boolean;
  resolve?: Resolver;
};

type Validators = { etag: string | null; lastModified: string | null; maxAgeSec: number | null };

export type FetchResult =
  | ({ status: 'not-modified'; finalUrl: string; movedTo: string | null } & Validators)
  | ({
      status: 'ok';
      finalUrl: string;
      movedTo: string | null;
      /** The body's bytes, decompressed, not yet decoded to text. */
      raw: Buffer;
      readonly body: string;
      contentType: string;
      bytes: number;
    } & Validators);

/**
 * The ETag and Last-Modified to keep for the next conditional GET: none for a body that was cut
 * short (read up to its last whole item), so the next poll fetches it whole instead of a 304.
 */
export function validatorsToKeep(
  fetched: { etag: string | null; lastModified: string | null },
  parsed: { cutShort?: boolean },
): { etag: string | null; lastModified: string | null } {
  return parsed.cutShort
    ? { etag: null, lastModified: null }
    : { etag: fetched.etag, lastModified: fetched.lastModified };
}

export const defaultFetchTimeoutMs = 20_000;
export const defaultMaxFeedBytes = 10 * 1024 * 1024;
const defaults = {
  timeoutMs: defaultFetchTimeoutMs,
  maxBytes: defaultMaxFeedBytes,
  maxRedirects: 5,
} as const;
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
};
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a feed: conditional, size- and time-limited, redirect-aware, address-guarded,
 * decompressed and decoded to text with the right charset.
 */
export async function fetchFeed(rawUrl: string, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const maxBytes = options.maxBytes ?? defaults.maxBytes;
  const maxRedirects = options.maxRedirects ?? defaults.maxRedirects;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const seen = new Set<string>();
  let url = parseUrl(rawUrl);
  let movedTo: string | null = null;
  let permanentSoFar = true;
  try {
    for (let hop = 0; ; hop++) {
      seen.add(url.href);
      const addresses = await checkFeedAddress(url, {
        allowPrivate: options.allowPrivate ?? false,
        resolve: options.resolve ?? systemResolver,
      });
      const response = await request(url, addresses, options, controller.signal);
      const status = response.statusCode ?? 0;
      if (redirectStatuses.has(status)) {
        response.resume();
        const location = response.headers.location;
        if (!location) {
          throw new FeedError(
            FeedErrorCode.HttpStatus,
            `The server answered ${status} without saying where to go.`,
            {
              status,
            },
          );
        }
        if (hop >= maxRedirects) {
          throw new FeedError(
            FeedErrorCode.HttpStatus,
            `Too many redirects (more than ${maxRedirects}); open the URL in a browser and use the address it ends on.`,
            { status },
          );
        }
        const next = parseUrl(location, url);
        if (seen.has(next.href)) {
          throw new FeedError(
            FeedErrorCode.HttpStatus,
            `The feed redirects in a loop (back to ${next.href}).`,
            {
              status,
            },
          );
        }
        permanentSoFar &&= status === 301 || status === 308;
        if (permanentSoFar) movedTo = next.href;
        url = next;
        continue;
      }
      const validators = readValidators(response.headers);
      if (status === 304) {
        response.resume();
        return { status: 'not-modified', finalUrl: url.href, movedTo, ...validators };
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw httpStatusError(status, response.headers['retry-after']);
      }
      const contentType = String(response.headers['content-type'] ?? '');
      const raw = await readBody(response, maxBytes, controller.signal);
      let body: string | undefined;
      return {
        status: 'ok',
        finalUrl: url.href,
        movedTo,
        raw,
        // Decoded only when read here: the poller hands the raw bytes to a worker thread, which decodes them.
        get body() {
          body ??= decodeBody(raw, contentType);
          return body;
        },
        contentType,
        bytes: raw.length,
        ...validators,
      };
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (controller.signal.aborted) {
      throw new FeedError(
        FeedErrorCode.Timeout,
        `The feed did not answer within ${Math.round(timeoutMs / 1000)} s; the server may be slow or down.`,
      );
    }
    const network = (error as { code?: string }).code;
    throw new FeedError(
      FeedErrorCode.Unreachable,
      `Could not connect to ${url.host}: ${networkReason(error)}.`,
      network ? { network } : {},
    );
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(raw: string, base?: URL): URL {
  try {
    return new URL(raw.trim(), base);
  } catch {
    throw new FeedError(FeedErrorCode.Unreachable, `"${raw.slice(0, 200)}" is not a valid URL.`);
  }
}

function request(
  url: URL,
  addresses: ResolvedAddress[] | undefined,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const isHttps = url.protocol === 'https:';
  // Connect to the addresses the guard vetted, not whatever DNS says a moment later.
  const lookup: LookupFunction | undefined = addresses
    ? (_hostname, lookupOptions, callback) => {
        const first = addresses[0] as ResolvedAddress;
        if (lookupOptions.all) {
          (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        } else {
          callback(null, first.address, first.family);
        }
      }
    : undefined;
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(url, {
      method: 'GET',
      headers,
      agent: isHttps ? agents.https : agents.http,
      signal,
      ...(lookup ? { lookup } : {}),
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

function readValidators(headers: http.IncomingHttpHeaders): Validators {
  const cacheControl = String(headers['cache-control'] ?? '');
  const maxAge = /(?:^|,)\s*(?:s-)?max-age\s*=\s*(\d+)/i.exec(cacheControl);
  return {
    etag: typeof headers.etag === 'string' ? headers.etag : null,
    lastModified: typeof headers['last-modified'] === 'string' ? headers['last-modified'] : null,
    maxAgeSec: maxAge?.[1] ? Number(maxAge[1]) : null,
  };
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date), if any. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.round((at - now) / 1000));
}

function httpStatusError(status: number, retryAfter: string | string[] | undefined): FeedError {
  const retryAfterSec = parseRetryAfter(retryAfter);
  const hint =
    status === 404 || status === 410
      ? 'nothing is at this address (a mistyped URL, or a feed or list that has moved); check the URL'
      : status === 401 || status === 403
        ? 'the server refuses access; the feed may need a login or block bots'
        : status === 429
          ? 'the server asks us to slow down; Briefbot will wait before trying again'
          : status >= 500
            ? 'the server had an error; Briefbot will try again later'
            : 'check the URL in a browser';
  return new FeedError(FeedErrorCode.HttpStatus, `The server answered HTTP ${status}: ${hint}.`, {
    status,
    ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
  });
}

/** A feed over the size limit, fetched or read from a file. */
export function tooLarge(maxBytes: number): FeedError {
  return new FeedError(
    FeedErrorCode.TooLarge,
    `The feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; ask the publisher for a shorter feed.`,
  );
}

async function readBody(
  response: http.IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) {
      response.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  if (signal.aborted) throw new Error('aborted');
  const raw = Buffer.concat(chunks, received);
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  return decompress(raw, encoding, maxBytes);
}

const inflaters = {
  gzip: promisify(zlib.gunzip),
  br: promisify(zlib.brotliDecompress),
  zlib: promisify(zlib.inflate),
  raw: promisify(zlib.inflateRaw),
} as const;

const isGzip = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Text as a feed starts: "<", "{", or a byte-order mark, after any whitespace. */
function looksLikeText(bytes: Buffer): boolean {
  const first = bytes
    .subarray(0, 64)
    .find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  return first === 0x3c || first === 0x7b || first === 0xef || first === 0xff || first === 0xfe;
}

/**
 * The body as the server meant it. Misconfigured servers are common enough to allow for: a body
 * labelled gzip that is plain text is taken as it is, and a gzip body that arrives unlabelled (a
 * .xml.gz file served as is) or compressed twice is unpacked.
 */
async function decompress(raw: Buffer, encoding: string, maxBytes: number): Promise<Buffer> {
  let inflate: ((input: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>) | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip')
    inflate = isGzip(raw) || !looksLikeText(raw) ? inflaters.gzip : undefined;
  else if (encoding === 'br') inflate = inflaters.br;
  // "deflate" is often raw deflate without the zlib header; the header's first byte tells which.
  else if (encoding === 'deflate') inflate = ((raw[0] ?? 0) & 0x0f) === 8 ? inflaters.zlib : inflaters.raw;
  if (raw.length === 0) return raw;
  try {
    // A small compressed body can expand enormously (a zip bomb): cap what it decodes to.
    const body = inflate ? await inflate(raw, { maxOutputLength: maxBytes }) : raw;
    return isGzip(body) ? await inflaters.gzip(body, { maxOutputLength: maxBytes }) : body;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new FeedError(
      FeedErrorCode.Malformed,
      'The feed body could not be decompressed (corrupt gzip/deflate/br data).',
    );
  }
}

/** True for an address typed without a scheme ("example.com/feed.xml"), to be read as https:// first. */
export function lacksScheme(address: string): boolean {
  // "localhost:8080/rss" and "example.com:8080/rss" have a port, not a scheme.
  return !/^(?:[a-z][a-z\d+.-]*:\/\/|(?:feed|file|mailto|data|javascript):)/i.test(address.trim());
}

/**
 * Reads an address typed without a scheme: as https://, then as http:// when https:// could not
 * connect (a server that speaks plain http only). `note` says what it was read as, and why.
 */
export async function readWithoutScheme<T>(
  typed: string,
  read: (url: string) => Promise<T>,
): Promise<{ result: T; note: string }> {
  const address = typed.trim();
  const secure = `https://${address}`;
  try {
    return { result: await read(secure), note: `No https:// or http:// was given: read as ${secure}.` };
  } catch (error) {
    if (!couldNotConnect(error)) throw readAs(secure, error);
    const plain = `http://${address}`;
    const why = connectReason(error);
    try {
      return {
        result: await read(plain),
        note: `No https:// or http:// was given, and ${secure} did not answer (${why}): read as ${plain}.`,
      };
    } catch (second) {
      if (!couldNotConnect(second)) throw readAs(`${plain} (${secure} did not answer: ${why})`, second);
      throw new FeedError(
        FeedErrorCode.Unreachable,
        `Could not read ${address}: neither ${secure} (${why}) nor ${plain} (${connectReason(second)}) answered. Check the address, or give it in full, starting with https:// or http://.`,
        second.detail,
      );
    }
  }
}

/** A feed's problem at the address an untyped scheme was read as, saying which address that was. */
function readAs(address: string, error: unknown): unknown {
  if (!(error instanceof FeedError)) return error;
  return new FeedError(error.code, `Read as ${address}: ${error.message}`, error.detail);
}

/** No connection at all, where the other scheme may do better (not a host name that does not exist). */
function couldNotConnect(error: unknown): error is FeedError {
  return (
    error instanceof FeedError &&
    error.code === FeedErrorCode.Unreachable &&
    error.detail.network !== undefined &&
    !['ENOTFOUND', 'EAI_AGAIN'].includes(error.detail.network)
  );
}

/** "Could not connect to example.com: the server refused the connection." -> its reason. */
function connectReason(error: FeedError): string {
  return error.message.replace(/^Could not connect to \S+?: /, '').replace(/\.$/, '');
}

function networkReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOTFOUND':
      return 'no such host name (check the address for typos)';
    case 'EAI_AGAIN':
      return 'the host name could not be looked up (the name server did not answer)';
    case 'ECONNREFUSED':
      return 'the server refused the connection';
    case 'ECONNRESET':
      return 'the server closed the connection';
    // A plain-http server asked for https (or a broken TLS set-up): the handshake never starts.
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return 'the server does not answer secure (https://) connections at this address';
    case 'CERT_HAS_EXPIRED':
      return "the server's TLS certificate has expired";
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return "the server's TLS certificate is not trusted";
    default:
      return code ? `network error ${code}` : 'network error';
  }
}
