// A stand-in for Slack's Web API and response URLs, in its own process: answers ok to everything.
import http from 'node:http';

let responses = 0;
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.url?.startsWith('/hooks/')) responses++;
    const body =
      request.url === '/api/auth.test'
        ? { ok: true, user_id: 'UBOT', bot_id: 'B0BOT', team_id: 'T0TEAM' }
        : request.url === '/stats'
          ? { ok: true, responses }
          : { ok: true };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
