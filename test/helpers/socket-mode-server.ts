import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One websocket frame's opcodes (RFC 6455). */
const opcode = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

function frame(code: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head =
    length < 126
      ? Buffer.from([0x80 | code, length])
      : Buffer.from([0x80 | code, 126, length >> 8, length & 0xff]);
  return Buffer.concat([head, payload]);
}

/** The client's masked frames in `data`, unmasked; `rest` is an incomplete frame left for later. */
function readFrames(data: Buffer): { frames: Array<{ code: number; payload: Buffer }>; rest: Buffer } {
  const frames: Array<{ code: number; payload: Buffer }> = [];
  let at = 0;
  while (data.length - at >= 6) {
    const code = (data[at] as number) & 0x0f;
    let length = (data[at + 1] as number) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (data.length < start + 4 + length) break;
    const mask = data.subarray(start, start + 4);
    const payload = Buffer.from(data.subarray(start + 4, start + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
    frames.push({ code, payload });
    at = start + 4 + length;
  }
  return { frames, rest: data.subarray(at) };
}

export type SocketModeServer = {
  /** ws://127.0.0.1:<port>/link: what apps.connections.open answers. */
  url: string;
  /** Connections opened so far (each said hello to). */
  connections: number;
  /** Messages the app sent (acknowledgements), parsed. */
  received: Array<Record<string, unknown>>;
  /** Sends a message to the latest connection, as Slack does. */
  send(message: unknown): void;
  /** Cuts every connection without a close frame, as a lost network does. */
  drop(): void;
  /** Resolves once the app has acknowledged `envelopeId`. */
  acked(envelopeId: string): Promise<void>;
  /** Resolves once `count` connections have been opened. */
  opened(count: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * Slack's Socket Mode end, as far as Bolt's SocketModeReceiver sees it: a websocket that says hello
 * on connect, relays acknowledgements, answers pings and close frames.
 */
export async function startSocketModeServer(): Promise<SocketModeServer> {
  const sockets = new Set<Socket>();
  const waiters: Array<() => void> = [];
  const changed = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (done() ? resolve() : waiters.push(check));
      check();
    });
  let latest: Socket | undefined;
  const server: Server = createServer();
  const state: SocketModeServer = {
    url: '',
    connections: 0,
    received: [],
    send(message) {
      latest?.write(frame(opcode.text, Buffer.from(JSON.stringify(message))));
    },
    drop() {
      for (const socket of sockets) socket.destroy();
    },
    acked: (envelopeId) => until(() => state.received.some((message) => message.envelope_id === envelopeId)),
    opened: (count) => until(() => state.connections >= count),
    async close() {
      state.drop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  server.on('upgrade', (request, socket: Socket) => {
    const accept = createHash('sha1')
      .update(`${request.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    latest = socket;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([buffered, data]));
      buffered = rest;
      for (const { code, payload } of frames) {
        if (code === opcode.text) state.received.push(JSON.parse(payload.toString('utf8')));
        if (code === opcode.ping) socket.write(frame(opcode.pong, payload));
        if (code === opcode.close) socket.end(frame(opcode.close, payload));
      }
      changed();
    });
    state.connections++;
    socket.write(frame(opcode.text, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1 }))));
    changed();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  return state;
}
