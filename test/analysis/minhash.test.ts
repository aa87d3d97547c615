import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Fingerprint,
  fingerprint,
  lshBands,
  minhashSlots,
  signatureFromBytes,
  signatureToBytes,
  similarity,
  titleBand,
} from '../../src/analysis/minhash.ts';
import { tokenize } from '../../src/analysis/query.ts';
import { decodeBody } from '../../src/monitor/charset.ts';
import { type NormalizedItem, parseFeed } from '../../src/monitor/parse.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

function fingerprintOf(title: string, text: string): Fingerprint {
  return fingerprint(tokenize(title), tokenize(text));
}

function sharedBands(a: Fingerprint, b: Fingerprint): number {
  return a.bands.slice(0, lshBands).filter((hash, band) => hash === b.bands[band]).length;
}

/** Talking Points Memo news articles from a real Atom feed. */
let articles: NormalizedItem[];

function article(titleStart: string): NormalizedItem {
  const found = articles.find((item) => item.title.startsWith(titleStart));
  if (!found) throw new Error(`no article titled "${titleStart}..." in tpm.atom`);
  return found;
}

beforeAll(async () => {
  const feed = await parseFeed(
    decodeBody(sharedFeed('node-feedparser/tpm.atom')),
    'https://talkingpointsmemo.com/feed/all',
  );
  articles = feed.items;
});

describe('fingerprint', () => {
  it('has one slot per MinHash row and one hash per band plus the title band', () => {
    const { signature, bands } = fingerprintOf('Acme ships its new billing app', 'The app is out today.');
    expect(signature).toHaveLength(minhashSlots);
    expect(bands).toHaveLength(lshBands + 1);
    expect(titleBand).toBe(bands.length - 1);
  });

  it('gives identical texts similarity 1 and identical bands', () => {
    const ryan = article('Ryan: GOP Is Sticking');
    const first = fingerprintOf(ryan.title, ryan.text);
    const again = fingerprintOf(ryan.title, ryan.text);
    expect(similarity(first.signature, again.signature)).toBe(1);
    expect(again.bands).toEqual(first.bands);
  });

  it('finds a syndicated copy with a different intro sentence', () => {
    const ryan = article('Ryan: GOP Is Sticking');
    const words = tokenize(ryan.text).length;
    expect(words).toBeGreaterThan(250);
    expect(words).toBeLessThan(350);
    const intro = ryan.text.search(/\. [A-Z“]/);
    expect(intro).toBeGreaterThan(100);
    const copy = `Speaking to reporters in Washington, the Speaker offered a defiant message to his party. ${ryan.text.slice(intro + 2)}`;
    expect(copy).not.toBe(ryan.text);

    const original = fingerprintOf(ryan.title, ryan.text);
    const syndicated = fingerprintOf(ryan.title, copy);
    expect(similarity(original.signature, syndicated.signature)).toBeGreaterThanOrEqual(0.5);
    expect(sharedBands(original, syndicated)).toBeGreaterThanOrEqual(1);
  });

  it('finds a copy under a rewritten headline by its text bands', () => {
    const gagOrder = article('Judge Slaps Gag Order');
    const original = fingerprintOf(gagOrder.title, gagOrder.text);
    const rewritten = fingerprintOf(
      'Manafort judge orders lawyers to stop talking to the press',
      gagOrder.text,
    );
    expect(similarity(original.signature, rewritten.signature)).toBeGreaterThanOrEqual(0.5);
    expect(sharedBands(original, rewritten)).toBeGreaterThanOrEqual(1);
    expect(rewritten.bands[titleBand]).not.toBe(original.bands[titleBand]);
  });

  it('keeps unrelated articles apart', () => {
    const cbo = article('CBO: 13 Million More Uninsured');
    const cnn = article('Reports: DOJ Could Seek CNN Sale');
    const a = fingerprintOf(cbo.title, cbo.text);
    const b = fingerprintOf(cnn.title, cnn.text);
    expect(similarity(a.signature, b.signature)).toBeLessThan(0.3);
    expect(a.bands.filter((hash, band) => hash === b.bands[band])).toEqual([]);
  });

  it('keeps every pair of different articles in a real feed below 0.3', () => {
    const prints = articles.map((item) => fingerprintOf(item.title, item.text));
    expect(prints.length).toBeGreaterThan(10);
    for (let i = 0; i < prints.length; i++) {
      for (let j = i + 1; j < prints.length; j++) {
        expect(
          similarity(prints[i]?.signature as Uint32Array, prints[j]?.signature as Uint32Array),
        ).toBeLessThan(0.3);
      }
    }
  });

  it('gives the same headline of four or more words the same title band', () => {
    const title = 'Menendez Trial Enters Second Full Day Of Jury Deliberations';
    const a = fingerprintOf(title, 'Jurors met again on Wednesday without reaching a verdict.');
    const b = fingerprintOf(
      title.toUpperCase(),
      'A completely different story body about the weather in Newark.',
    );
    expect(a.bands[titleBand]).not.toBe(0);
    expect(b.bands[titleBand]).toBe(a.bands[titleBand]);
    expect(fingerprintOf('Menendez Trial Enters Day Two', '').bands[titleBand]).not.toBe(a.bands[titleBand]);
  });

  it('leaves the title band 0 for a headline under four words', () => {
    expect(fingerprintOf('Whose Team?', 'A column about the election.').bands[titleBand]).toBe(0);
    expect(fingerprintOf('Boom - Watch', 'A short video post.').bands[titleBand]).toBe(0);
    expect(fingerprintOf('', 'Only a body.').bands[titleBand]).toBe(0);
  });

  it('fills every slot even for a very short text', () => {
    const { signature } = fingerprintOf('Fed holds rates', '');
    expect([...signature].every((value) => value !== 0xffffffff)).toBe(true);
  });
});

describe('signature bytes', () => {
  it('round-trips a signature through bytes', () => {
    const ryan = article('Ryan: GOP Is Sticking');
    const { signature } = fingerprintOf(ryan.title, ryan.text);
    const bytes = signatureToBytes(signature);
    expect(bytes).toHaveLength(minhashSlots * 4);
    const restored = signatureFromBytes(bytes);
    expect([...restored]).toEqual([...signature]);
    expect(similarity(restored, signature)).toBe(1);
  });

  it('reads bytes from a buffer that is a slice of a larger one, as SQLite returns them', () => {
    const { signature } = fingerprintOf(
      'Acme ships its new billing app',
      'The app is out today for all customers.',
    );
    const pool = Buffer.alloc(minhashSlots * 4 + 3, 0xaa);
    pool.set(signatureToBytes(signature), 3);
    const restored = signatureFromBytes(pool.subarray(3));
    expect([...restored]).toEqual([...signature]);
  });
});
