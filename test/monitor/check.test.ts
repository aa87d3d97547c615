import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJson, checkSource, checkSources } from '../../src/monitor/check.ts';
import { sharedFeed, sharedFeedsDir } from '../helpers/fixtures.ts';

const sharedFeedPath = (path: string) => join(sharedFeedsDir, path);

describe('checkSources', () => {
  it('keeps checking the other sources while a slow one holds back the output, in order', async () => {
    const body = sharedFeed('node-feedparser/rss2sample.xml');
    const paths = ['/slow.xml', '/a.xml', '/b.xml', '/c.xml', '/d.xml', '/e.xml'];
    const requested: string[] = [];
    let release: () => void = () => {};
    const slowMayAnswer = new Promise<void>((resolve) => {
      release = resolve;
      // Without the fix the others would wait for the slow one: give up waiting, and fail below.
      setTimeout(resolve, 3000).unref();
    });
    let requestedBeforeSlowAnswered: string[] = [];
    const server = createServer(async (request, response) => {
      requested.push(request.url ?? '');
      if (requested.length === paths.length) release();
      if (request.url === '/slow.xml') {
        await slowMayAnswer;
        requestedBeforeSlowAnswered = [...requested];
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const results = [];
      for await (const result of checkSources(
        paths.map((path) => `${base}${path}`),
        { timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024, allowPrivate: true },
        { workers: 1, concurrency: 2 },
      )) {
        results.push(result);
      }
      expect(results.map((result) => [result.source, result.ok])).toEqual(
        paths.map((path) => [`${base}${path}`, true]),
      );
      expect(requestedBeforeSlowAnswered).toHaveLength(paths.length);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('checkSource of a file', () => {
  const http = { timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024, allowPrivate: false };

  it('reads a feed with a stray NUL byte as the poller does, but calls a binary file binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-check-'));
    try {
      const feed = sharedFeed('node-feedparser/rss2sample.xml');
      const stray = join(dir, 'stray.xml');
      writeFileSync(stray, Buffer.concat([feed.subarray(0, 1500), Buffer.from([0]), feed.subarray(1500)]));
      const read = await checkSource(stray, http);
      expect(read.ok && read.items).toHaveLength(4);
      // A PDF-like file: text up front, then binary data full of NULs.
      const pdf = join(dir, 'report.xml');
      writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.4 '.repeat(200)), Buffer.alloc(4000, 0)]));
      const binary = await checkSource(pdf, http);
      expect(!binary.ok && binary.error).toEqual({
        code: 'NOT_A_FEED',
        message: 'This is not a feed: it is a binary file.',
      });
      // Compressed or random data with no NUL at all is binary too, not "plain text" shown as mojibake.
      const noise = await checkSource(sharedFeedPath('unseen/binary-noise.dat'), http);
      expect(!noise.ok && noise.error.message).toBe('This is not a feed: it is a binary file.');
      // A file over the size limit says what to do, as a fetched one does.
      const big = join(dir, 'big.xml');
      writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x20));
      const tooBig = await checkSource(big, { ...http, maxBytes: 1024 * 1024 });
      expect(!tooBig.ok && tooBig.error).toEqual({
        code: 'TOO_LARGE',
        message: 'The feed is larger than 1 MB; ask the publisher for a shorter feed.',
      });
      // A feed with a few control characters from a database field is still text.
      const controls = await checkSource(sharedFeedPath('unseen/control-characters.rss'), http);
      expect(controls.ok && controls.items.map((item) => item.title)).toEqual(['Acme price rise explained']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads UTF-16 written without a byte order mark, and UTF-8 whose declaration says UTF-16', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-check-'));
    try {
      // node-feedparser's rss2sample.xml as a Windows tool may write it: UTF-16 with no BOM, or a
      // .NET writer's encoding="utf-16" over UTF-8 bytes.
      const text = sharedFeed('node-feedparser/rss2sample.xml').toString('utf8');
      const declared = text.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="utf-16"?>');
      const little = Buffer.from(declared, 'utf16le');
      const files = {
        'le.xml': little,
        'be.xml': Buffer.from(little).swap16(),
        'utf8.xml': Buffer.from(declared, 'utf8'),
      };
      for (const [name, bytes] of Object.entries(files)) {
        writeFileSync(join(dir, name), bytes);
        const read = await checkSource(join(dir, name), http);
        expect(read.ok && read.feed.title, name).toBe('Liftoff News');
        expect(read.ok && read.items, name).toHaveLength(4);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checkSource of a UTF-32 file', () => {
  const http = { timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024, allowPrivate: false };

  it('decodes it, with a byte order mark or without, never calling it binary or showing its NULs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-check-'));
    try {
      // node-feedparser's rss2sample.xml, with a "€" and an emoji beyond the BMP, as UCS-4 writers give it.
      const text = sharedFeed('node-feedparser/rss2sample.xml')
        .toString('utf8')
        .replace('Liftoff News', 'Liftoff News € 🚀')
        .replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="UTF-32"?>');
      const little = Buffer.from(Uint32Array.from([...text], (char) => char.codePointAt(0) ?? 0).buffer);
      const big = Buffer.from(little).swap32();
      const files = {
        'le-bom.xml': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), little]),
        'be-bom.xml': Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), big]),
        'le.xml': little,
        'be.xml': big,
      };
      writeFileSync(join(dir, 'utf8.xml'), text);
      const utf8 = await checkSource(join(dir, 'utf8.xml'), http);
      expect(utf8.ok && utf8.items).toHaveLength(4);
      for (const [name, bytes] of Object.entries(files)) {
        writeFileSync(join(dir, name), bytes);
        const read = await checkSource(join(dir, name), http);
        expect(read.ok && read.feed.title, name).toBe('Liftoff News € 🚀');
        expect(read.ok && read.items, name).toEqual(utf8.ok && utf8.items);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a feed cut short', () => {
  it('is read up to its last whole item, with a note in words that --json leaves out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-check-cut-'));
    try {
      const whole = sharedFeed('node-feedparser/rss2sample.xml');
      const path = join(dir, 'cut.xml');
      writeFileSync(path, whole.slice(0, whole.lastIndexOf('</item>') - 4));
      const http = { timeoutMs: 10_000, maxBytes: 10 * 1024 * 1024, allowPrivate: false };
      const result = await checkSource(path, http);
      expect(result.ok && result.items).toHaveLength(3);
      expect(result.ok && result.warning).toMatch(/^the feed stops before its end/);
      const printed = JSON.parse(checkJson(result)) as Record<string, unknown>;
      expect(Object.keys(printed)).toEqual(['source', 'ok', 'format', 'feed', 'items']);
      const wholePath = join(dir, 'whole.xml');
      writeFileSync(wholePath, whole);
      const complete = await checkSource(wholePath, http);
      expect(complete.ok && complete.items).toHaveLength(4);
      expect(complete.ok && complete.warning).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
