// The load generator of the ack benchmark, in its own process so it does not share Briefbot's event loop.
import { createHmac } from 'node:crypto';
import http from 'node:http';

const [port, slackPort, secret, concurrency, rounds, texts] = process.argv.slice(2);
const commands: string[] = texts ? JSON.parse(texts) : ['help', 'feeds list'];
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });

function send(text: string, index: number): Promise<number> {
  const body = new URLSearchParams({
    token: 'x',
    team_id: 'T0TEAM',
    channel_id: 'C0BENCH',
    user_id: 'UBENCH01',
    user_name: 'bench',
    command: '/brief',
    text,
    api_app_id: 'A0APP',
    response_url: `http://127.0.0.1:${slackPort}/hooks/${index}`,
    trigger_id: `${index}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret as string)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-signature': signature,
          'x-slack-request-timestamp': String(timestamp),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(performance.now() - start)
            : reject(new Error(`HTTP ${response.statusCode}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const latencies: number[] = [];
// One unmeasured burst first: a server that has just started compiles its hot paths on the first requests.
for (let round = -1; round < Number(rounds); round++) {
  const burst = Array.from({ length: Number(concurrency) }, (_, index) =>
    send(commands[index % commands.length] as string, (round + 1) * Number(concurrency) + index),
  );
  const measured = await Promise.all(burst);
  if (round >= 0) latencies.push(...measured);
  // Let this burst's replies reach the response URLs before the next one.
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_PAUSE_MS ?? 1500)));
}
agent.destroy();
process.stdout.write(`${JSON.stringify(latencies)}\n`);
