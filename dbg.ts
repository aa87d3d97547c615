import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Parser from 'rss-parser';
import { decodeBody } from './src/monitor/fetch.ts';
import { parseFeed } from './src/monitor/parse.ts';
import { listSharedFeeds, sharedFeedsDir } from './test/helpers/fixtures.ts';

const bodies = listSharedFeeds()
  .filter((p) => !p.endsWith('.md'))
  .map((p) => {
    let b = readFileSync(sharedFeedsDir + p);
    if (b[0] === 0x1f) b = gunzipSync(b);
    return decodeBody(b);
  });
const parser = new Parser();
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  let n = 0;
  for (const b of bodies) {
    try {
      n += (await parser.parseString(b)).items.length;
    } catch {}
  }
  const raw = performance.now() - t;
  t = performance.now();
  let m = 0;
  for (const b of bodies) {
    try {
      m += (await parseFeed(b, 'https://x.example/')).items.length;
    } catch {}
  }
  console.log(
    'raw',
    raw.toFixed(0),
    'ms',
    n,
    'items; ours',
    (performance.now() - t).toFixed(0),
    'ms',
    m,
    'items',
    (bodies.reduce((s, b) => s + b.length, 0) / 1e6).toFixed(1),
    'MB',
  );
}
