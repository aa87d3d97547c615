import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { App, type AppOptions, type HTTPReceiver, type ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SlackSetup } from '../config.ts';
import type { Deps } from '../deps.ts';
import { createLimiter } from '../limiter.ts';
import { createSlackDirectory, createSlackLogger, createSlackOutbox } from './adapters.ts';
import { classifySlackFailure, keepSocketModeConnected } from './connect.ts';
import { registerListeners } from './listeners/index.ts';
import { SignedHTTPReceiver } from './receiver.ts';

export type SlackRunning = { app: App; port: number | null; stop(): Promise<void> };

/**
 * Acknowledges a slash command as soon as its signature is verified, before Bolt's middleware and
 * listeners run, then handles it once `quiet` says no other request is waiting for its
 * acknowledgement: under a burst of commands no acknowledgement waits behind another command's
 * middleware or work. (A command's acknowledgement carries no content here: every reply goes to the
 * response URL.)
 */
export class AckFirstApp extends App {
  readonly #quiet: () => Promise<void>;

  constructor(options: AppOptions & { quiet?: () => Promise<void> }) {
    const { quiet, ...appOptions } = options;
    super(appOptions);
    this.#quiet = quiet ?? (async () => {});
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    if (typeof event.body.command !== 'string') return super.processEvent(event);
    await event.ack();
    await new Promise((resolve) => setImmediate(resolve));
    await this.#quiet();
    return super.processEvent({ ...event, ack: async () => {} });
  }
}

/**
 * A request that arrived less than this long ago may be the first of a burst whose others are still
 * on their way: work waits this long after the latest arrival, not only until every request in
 * hand is acknowledged (one at a time, they are often all answered before the next one is read).
 */
const burstGapMs = 10;

/**
 * Briefbot in Slack: Socket Mode, or HTTP mode with Bolt's receiver at /slack/events (commands,
 * interactivity and events) and GET /healthz. Returns deps wired to this workspace.
 */
export function createSlackApp(
  deps: Deps,
  setup: Exclude<SlackSetup, { mode: 'none' }>,
  options: { retries?: number } = {},
) {
  const logger = createSlackLogger(deps.logger);
  // A few quick retries (429s wait for Retry-After): people are waiting on most of these calls.
  const retryConfig = { retries: options.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 };
  const clientOptions = { slackApiUrl: deps.config.SLACK_API_URL, logger, retryConfig };
  let ready = false;
  // Requests received and not yet answered (HTTP mode), and when the latest arrived: commands' middleware
  // and work wait for them to be acknowledged, a few at a time.
  let unanswered = 0;
  let lastArrival = Number.NEGATIVE_INFINITY;
  const limiter = createLimiter(4, {
    busy: () => unanswered > 0 || performance.now() - lastArrival < burstGapMs,
  });
  let receiver: HTTPReceiver | undefined;
  let socket: SocketModeReceiver | undefined;
  let app: App;
  if (setup.mode === 'http') {
    receiver = new SignedHTTPReceiver({
      signingSecret: setup.signingSecret,
      endpoint: '/slack/events',
      logger,
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_request, response) => {
            response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ ok: ready }));
          },
        },
      ],
    });
    // No conversation store: nothing here uses it, and it costs every request a lookup.
    // Deferred: Bolt would otherwise call auth.test in its constructor, and a failure there (no network,
    // a 429) is a promise nobody awaits, which ends the process. start() checks the token instead.
    app = new AckFirstApp({
      token: setup.botToken,
      receiver,
      logger,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
      quiet: limiter.quiet,
    });
  } else {
    socket = new SocketModeReceiver({
      appToken: setup.appToken,
      logger,
      // Briefbot reconnects itself (keepSocketModeConnected): the client's own reconnection gives up
      // for good after a long enough outage. No retries inside: each try is said, and waited, there.
      autoReconnectEnabled: false,
      installerOptions: {
        clientOptions: { slackApiUrl: deps.config.SLACK_API_URL, retryConfig: { retries: 0 } },
      },
    });
    app = new AckFirstApp({
      token: setup.botToken,
      receiver: socket,
      logger,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
      quiet: limiter.quiet,
    });
  }
  const slackDeps: Deps = {
    ...deps,
    outbox: createSlackOutbox(app.client),
    // The clock read at each look-up: whoever swaps deps.clock (a test's injected one) moves the cache's too.
    directory: createSlackDirectory(app.client, deps.logger, { now: () => slackDeps.clock.now() }),
  };
  registerListeners(app, slackDeps, limiter);
  return {
    app,
    deps: slackDeps,
    /**
     * Checks the token and connects. Throws SlackUnreachableError when Slack could not be reached (try
     * again later) and SlackSetupError when it refused (a setting to fix).
     */
    async start(
      options: {
        print?: (line: string) => void;
        reconnectDelayMs?: number;
        onState?: (connected: boolean, detail: string) => void;
      } = {},
    ): Promise<SlackRunning> {
      const apiUrl = deps.config.SLACK_API_URL;
      try {
        await verifyToken(setup.botToken, { slackApiUrl: apiUrl, logger });
        await app.init();
      } catch (error) {
        throw classifySlackFailure(error, 'SLACK_BOT_TOKEN', apiUrl);
      }
      let port: number | null = null;
      let connection: { stop(): void } | undefined;
      if (setup.mode === 'http') {
        const server = (await app.start(setup.port)) as Server;
        server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
          unanswered++;
          lastArrival = performance.now();
          let answered = false;
          const done = () => {
            if (!answered) unanswered--;
            answered = true;
          };
          response.once('finish', done);
          response.once('close', done);
        });
        const address = server.address();
        port = typeof address === 'object' && address ? address.port : setup.port;
      }
      if (socket) {
        await app.start().catch((error: unknown) => {
          throw classifySlackFailure(error, 'SLACK_APP_TOKEN', apiUrl);
        });
        connection = keepSocketModeConnected(socket.client, {
          apiUrl,
          firstDelayMs: options.reconnectDelayMs ?? 5_000,
          print: options.print,
          logger: deps.logger,
          ...(options.onState ? { onState: options.onState } : {}),
        });
      }
      // The database is open and migrated before this point, so the app is ready once listening.
      ready = true;
      return {
        app,
        port,
        async stop() {
          ready = false;
          connection?.stop();
          await app.stop();
        },
      };
    },
  };
}

/**
 * Checks the bot token before listening, once: no retries inside the client, and a 429 comes back
 * as such, so whoever starts Briefbot decides when to try again and says so in one line.
 */
async function verifyToken(
  token: string,
  options: { slackApiUrl: string; logger: ReturnType<typeof createSlackLogger> },
): Promise<void> {
  const { logger } = options;
  const client = new WebClient(token, {
    slackApiUrl: options.slackApiUrl,
    // Its failure is said once, in words, by whoever retries: the client's own warning would repeat it.
    logger: { ...logger, warn: (...parts) => logger.debug(...parts) },
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  await client.auth.test();
}
