import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = {
  status?: number;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** Answers only after this long (a slow publisher). */
  delayMs?: number;
};

/** A real HTTP server on 127.0.0.1 serving whatever the test puts in `routes` (path -> response). */
export async function startFeedServer(routes: Record<string, Route> = {}) {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const route = routes[request.url ?? ''];
    if (!route) {
      response.writeHead(404).end('not found');
      return;
    }
    const answer = () => {
      response.writeHead(route.status ?? 200, { 'content-type': 'application/rss+xml', ...route.headers });
      response.end(route.body);
    };
    if (route.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes,
    requests,
    url: (path: string) => `${base}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
