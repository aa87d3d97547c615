// A local feed host in its own process: serves synthetic feeds with ETags, answering 304 when unchanged.
import http from 'node:http';
import { generateFeeds } from './synthetic-feeds.ts';

const [feedCount = '500', itemCount = '50'] = process.argv.slice(2);
const bodies = generateFeeds(Number(feedCount), Number(itemCount)).map((xml) => Buffer.from(xml));
const server = http.createServer((request, response) => {
  const index = Number(/^\/feed\/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? -1);
  const body = bodies[index];
  if (!body) {
    response.writeHead(404).end();
    return;
  }
  const etag = `"v1-${index}"`;
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag }).end();
    return;
  }
  response.writeHead(200, {
    'content-type': 'application/rss+xml; charset=utf-8',
    etag,
    'content-length': body.length,
  });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
