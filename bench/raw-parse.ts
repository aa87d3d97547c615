// The baseline: rss-parser alone on the same synthetic bytes, in a process of its own.
import Parser from 'rss-parser';
import { generateFeeds } from './synthetic-feeds.ts';

const [feedCount = '500', itemCount = '50'] = process.argv.slice(2);
const bodies = generateFeeds(Number(feedCount), Number(itemCount));
const parser = new Parser();
for (const body of bodies.slice(0, 50)) await parser.parseString(body);
const start = performance.now();
let items = 0;
for (const body of bodies) items += (await parser.parseString(body)).items.length;
const megabytes = bodies.reduce((sum, body) => sum + body.length, 0) / 1024 / 1024;
process.stdout.write(
  `${JSON.stringify({ itemsPerSec: items / ((performance.now() - start) / 1000), megabytes })}\n`,
);
