import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.ts';
import { decodeBody } from '../../src/monitor/charset.ts';
import { fetchFeed, parseRetryAfter, userAgent } from '../../src/monitor/fetch.ts';
import { publicResolver } from '../helpers/deps.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

const host = 'https://feeds.example.com';
const rss = sharedFeed('node-feedparser/rss2sample.xml');
const options = { resolve: publicResolver, timeoutMs: 2_000 };

async function fetchError(url: string, extra: Parameters<typeof fetchFeed>[1] = {}): Promise<FeedError> {
  const error = await fetchFeed(url, { ...options, ...extra }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('fetchFeed', () => {
  it('sends a descriptive User-Agent and returns the validators', async () => {
    nock(host, { reqheaders: { 'user-agent': userAgent } })
      .get('/rss')
      .reply(200, rss, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Mon, 02 Nov 2026 08:00:00 GMT',
        'cache-control': 'public, max-age=900',
      });
    const result = await fetchFeed(`${host}/rss`, options);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.body).toContain('Liftoff News');
    expect(result.etag).toBe('"v1"');
    expect(result.lastModified).toBe('Mon, 02 Nov 2026 08:00:00 GMT');
    expect(result.maxAgeSec).toBe(900);
  });

  it('makes a conditional GET and handles 304 Not Modified', async () => {
    nock(host, {
      reqheaders: { 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 02 Nov 2026 08:00:00 GMT' },
    })
      .get('/rss')
      .reply(304, '', { etag: '"v1"' });
    const result = await fetchFeed(`${host}/rss`, {
      ...options,
      etag: '"v1"',
      lastModified: 'Mon, 02 Nov 2026 08:00:00 GMT',
    });
    expect(result).toMatchObject({ status: 'not-modified', etag: '"v1"' });
  });

  it('follows redirects and reports a permanent move', async () => {
    nock(host).get('/old').reply(301, '', { location: '/new' });
    nock(host).get('/new').reply(200, rss);
    const result = await fetchFeed(`${host}/old`, options);
    expect(result).toMatchObject({ status: 'ok', finalUrl: `${host}/new`, movedTo: `${host}/new` });
  });

  it('does not treat a temporary redirect as a move', async () => {
    nock(host)
      .get('/a')
      .reply(302, '', { location: `${host}/b` });
    nock(host).get('/b').reply(200, rss);
    expect(await fetchFeed(`${host}/a`, options)).toMatchObject({ finalUrl: `${host}/b`, movedTo: null });
  });

  it('stops a redirect loop', async () => {
    nock(host).get('/a').reply(302, '', { location: '/b' });
    nock(host).get('/b').reply(302, '', { location: '/a' });
    const error = await fetchError(`${host}/a`);
    expect(error.code).toBe('HTTP_STATUS');
    expect(error.message).toMatch(/loop/);
  });

  it('stops after five redirects', async () => {
    for (let hop = 0; hop < 6; hop++)
      nock(host)
        .get(`/r${hop}`)
        .reply(307, '', { location: `/r${hop + 1}` });
    const error = await fetchError(`${host}/r0`);
    expect(error.message).toMatch(/Too many redirects/);
  });

  it('times out a slow server', async () => {
    nock(host).get('/slow').delay(1_000).reply(200, rss);
    const error = await fetchError(`${host}/slow`, { timeoutMs: 100 });
    expect(error.code).toBe('TIMEOUT');
  });

  it('reports server errors with the status and Retry-After', async () => {
    nock(host).get('/busy').reply(429, 'slow down', { 'retry-after': '120' });
    const busy = await fetchError(`${host}/busy`);
    expect(busy.code).toBe('HTTP_STATUS');
    expect(busy.detail).toEqual({ status: 429, retryAfterSec: 120 });
    nock(host).get('/broken').reply(500, 'oops');
    const broken = await fetchError(`${host}/broken`);
    expect(broken.message).toMatch(/HTTP 500/);
    nock(host).get('/gone').reply(404, 'nope');
    // Said of a new address as well as of a feed that worked, and of an OPML list: no "any more", no "feed".
    expect((await fetchError(`${host}/gone`)).message).toBe(
      'The server answered HTTP 404: nothing is at this address (a mistyped URL, or a feed or list that has moved); check the URL.',
    );
  });

  it('refuses a body larger than the cap, declared or not', async () => {
    nock(host).get('/big').reply(200, 'x'.repeat(2_000), { 'content-length': '2000' });
    expect((await fetchError(`${host}/big`, { maxBytes: 1_000 })).code).toBe('TOO_LARGE');
    nock(host)
      .get('/chunked')
      .reply(200, () => 'x'.repeat(2_000));
    expect((await fetchError(`${host}/chunked`, { maxBytes: 1_000 })).code).toBe('TOO_LARGE');
  });

  it('caps the decompressed size too (a gzip bomb stays small on the wire)', async () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000, 32));
    expect(bomb.length).toBeLessThan(10_000);
    nock(host).get('/bomb').reply(200, bomb, { 'content-encoding': 'gzip' });
    expect((await fetchError(`${host}/bomb`, { maxBytes: 100_000 })).code).toBe('TOO_LARGE');
  });

  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
  ] as const)('decodes a %s body', async (encoding, compress) => {
    nock(host).get('/z').reply(200, compress(rss), { 'content-encoding': encoding });
    const result = await fetchFeed(`${host}/z`, options);
    expect(result.status === 'ok' && result.body).toContain('Liftoff News');
  });

  it.each([
    ['labelled gzip but sent plain', () => rss, { 'content-encoding': 'gzip' }],
    ['gzip sent without a label (a .xml.gz file served as is)', () => gzipSync(rss), {}],
    ['compressed twice', () => gzipSync(gzipSync(rss)), { 'content-encoding': 'gzip' }],
  ] as const)('reads a body %s', async (_case, body, headers) => {
    nock(host).get('/odd').reply(200, body(), headers);
    const result = await fetchFeed(`${host}/odd`, options);
    expect(result.status === 'ok' && result.body).toContain('Liftoff News');
  });

  it('caps a body compressed twice at the limit too', async () => {
    nock(host)
      .get('/twice')
      .reply(200, gzipSync(gzipSync(Buffer.alloc(5_000_000, 32))), { 'content-encoding': 'gzip' });
    expect((await fetchError(`${host}/twice`, { maxBytes: 100_000 })).code).toBe('TOO_LARGE');
  });

  it('reports a corrupt compressed body as malformed', async () => {
    nock(host).get('/corrupt').reply(200, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect((await fetchError(`${host}/corrupt`)).code).toBe('MALFORMED');
  });

  it('decodes a non-UTF-8 feed by its XML declaration', async () => {
    nock(host)
      .get('/cp1251')
      .reply(200, sharedFeed('node-feedparser/iconv.xml'), { 'content-type': 'text/xml' });
    const result = await fetchFeed(`${host}/cp1251`, options);
    expect(result.status === 'ok' && result.body).toContain('Новости Оренбурга');
  });

  it('prefers the charset of the HTTP header', async () => {
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="utf-8"?><rss><title>Not\xedcias</title></rss>',
      'latin1',
    );
    nock(host)
      .get('/latin1')
      .reply(200, latin1, { 'content-type': 'application/rss+xml; charset=ISO-8859-1' });
    const result = await fetchFeed(`${host}/latin1`, options);
    expect(result.status === 'ok' && result.body).toContain('Notícias');
  });

  it.each([
    ['http://127.0.0.1/feed', 'BLOCKED_ADDRESS'],
    ['http://169.254.169.254/latest/meta-data/', 'BLOCKED_ADDRESS'],
    ['http://[::1]/feed', 'BLOCKED_ADDRESS'],
    ['http://10.1.2.3/feed', 'BLOCKED_ADDRESS'],
    ['http://localhost:8080/feed', 'BLOCKED_ADDRESS'],
    ['ftp://example.com/feed', 'BLOCKED_ADDRESS'],
    ['file:///etc/passwd', 'BLOCKED_ADDRESS'],
  ])('refuses %s', async (url, code) => {
    expect((await fetchError(url)).code).toBe(code);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const error = await fetchError('https://intranet.example.com/feed', {
      resolve: async () => [{ address: '192.168.1.20', family: 4 }],
    });
    expect(error.code).toBe('BLOCKED_ADDRESS');
    expect(error.message).toMatch(/FEED_ALLOW_PRIVATE_ADDRESSES/);
  });

  it('checks every redirect hop against the guard', async () => {
    nock(host).get('/sneaky').reply(302, '', { location: 'http://169.254.169.254/latest/meta-data/' });
    expect((await fetchError(`${host}/sneaky`)).code).toBe('BLOCKED_ADDRESS');
  });

  it('reports an unknown host as unreachable', async () => {
    const error = await fetchError('https://no-such-host.example/feed', {
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    });
    expect(error.code).toBe('UNREACHABLE');
  });
});

describe('decodeBody', () => {
  it('honours a byte-order mark over any declaration', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<?xml encoding="iso-8859-1"?><a>é</a>'),
    ]);
    expect(decodeBody(bytes)).toBe('<?xml encoding="iso-8859-1"?><a>é</a>');
  });

  it('reads the DOS and Mac Cyrillic charsets old Russian feeds declare as IBM855 and MacCyrillic', () => {
    // "Как пережить" from aif.ru's health feed, as chardet's test corpus keeps it in each charset.
    const feed = (charset: string, bytes: number[]) =>
      decodeBody(
        Buffer.concat([
          Buffer.from(`<?xml version="1.0" encoding="${charset}"?><title>`),
          Buffer.from(bytes),
          Buffer.from('</title>'),
        ]),
      );
    expect(feed('IBM855', [199, 160, 198, 32, 216, 168, 225, 168, 233, 183, 229, 237])).toContain(
      '<title>Как пережить</title>',
    );
    expect(feed('MacCyrillic', [138, 224, 234, 32, 239, 229, 240, 229, 230, 232, 242, 252])).toContain(
      '<title>Как пережить</title>',
    );
  });

  it('falls back to UTF-8 for an unknown charset label', () => {
    expect(decodeBody(Buffer.from('<a>é</a>'), 'text/xml; charset=klingon')).toBe('<a>é</a>');
  });

  it('reads Windows-1252 punctuation in feeds labelled ISO-8859-1', () => {
    const bytes = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><t>\x93Caf\xe9\x94 \x96 5 \x80</t>',
      'latin1',
    );
    expect(decodeBody(bytes)).toContain('<t>“Café” – 5 €</t>');
  });

  it('reads UTF-8 labelled ISO-8859-1 or Windows-1252 as the UTF-8 it is', () => {
    const declared = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>Café üñ</t>');
    expect(decodeBody(declared)).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>Café üñ</t>');
    const header = Buffer.from('<t>Price €100 — “quoted”</t>');
    expect(decodeBody(header, 'application/rss+xml; charset=windows-1252')).toBe(
      '<t>Price €100 — “quoted”</t>',
    );
    expect(decodeBody(Buffer.from('<t>Ça coûte 5 €</t>'), 'text/xml; charset=iso-8859-15')).toBe(
      '<t>Ça coûte 5 €</t>',
    );
    // Really Latin-1: an accented letter before a plain one is no UTF-8 sequence.
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><t>Caf\xe9 cr\xe8me</t>',
      'latin1',
    );
    expect(decodeBody(latin1)).toContain('<t>Café crème</t>');
  });

  it('reads bytes that are not UTF-8 as Windows-1252, but keeps UTF-8 with a stray bad byte', () => {
    const legacy = Buffer.from('<t>na\xefve r\xe9sum\xe9 \x93quoted\x94</t>', 'latin1');
    expect(decodeBody(legacy, 'application/rss+xml; charset=utf-8')).toBe('<t>naïve résumé “quoted”</t>');
    const mostlyUtf8 = Buffer.concat([
      Buffer.from('<t>Über naïve résumé '),
      Buffer.from([0xff]),
      Buffer.from('</t>'),
    ]);
    expect(decodeBody(mostlyUtf8)).toBe('<t>Über naïve résumé \uFFFD</t>');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Mon, 02 Nov 2026 09:02:00 GMT', Date.parse('2026-11-02T09:00:00Z'))).toBe(120);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
