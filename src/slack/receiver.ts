import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@slack/bolt';
import { HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';

/** Slack's limit on a request's age: an older signature may be a replay. */
const maxSkewSeconds = 5 * 60;
/** Bolt's own limit on a request body. */
const bodyLimit = 4 * 1024 * 1024;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks Slack's request signature (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing
 * secret) and that the timestamp is within five minutes of now.
 */
export function checkSlackSignature(
  secret: string,
  headers: IncomingMessage['headers'],
  body: Buffer,
  nowMs = Date.now(),
): SignatureCheck {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string')
    return { ok: false, reason: 'the x-slack-signature or x-slack-request-timestamp header is missing' };
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - seconds) > maxSkewSeconds)
    return { ok: false, reason: `the timestamp ${timestamp} is not within five minutes of now` };
  if (!signature.startsWith('v0=')) return { ok: false, reason: 'unknown signature version' };
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}

/** Reads a request body, refusing it (null) beyond `limit` bytes. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    request.once('end', () => resolve(size > limit ? null : Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}

function isSslCheck(request: IncomingMessage, body: Buffer): boolean {
  return (
    request.headers['content-type'] === 'application/x-www-form-urlencoded' &&
    new URLSearchParams(body.toString()).get('ssl_check') === '1'
  );
}

/**
 * Bolt's HTTP receiver with the signature checked before it, once: one HMAC and a constant-time
 * comparison. Bolt's own check parses the body an extra time and compares through two more HMACs
 * keyed with fresh random bytes, which cost a fifth of each acknowledgement's CPU under a burst of
 * commands. Bolt still parses, routes and acknowledges; an unsigned `ssl_check` (Slack's probe of
 * the certificate) is answered 200 without being handed on, as Bolt answers it.
 */
export class SignedHTTPReceiver extends HTTPReceiver {
  constructor(options: HTTPReceiverOptions & { signingSecret: string; endpoint: string; logger: Logger }) {
    const { endpoint, ...receiverOptions } = options;
    super({ ...receiverOptions, endpoints: endpoint, signatureVerification: false });
    const handOn = this.requestListener;
    const { signingSecret, logger } = options;
    this.requestListener = (request: IncomingMessage, response: ServerResponse) => {
      if (request.method !== 'POST' || request.url?.split('?')[0] !== endpoint)
        return handOn(request, response);
      readBody(request, bodyLimit).then(
        (body) => {
          if (body === null) {
            logger.warn(`A request body exceeded ${bodyLimit} bytes: refused.`);
            response.writeHead(413).end();
            return;
          }
          const check = checkSlackSignature(signingSecret, request.headers, body);
          if (check.ok) {
            (request as IncomingMessage & { rawBody: Buffer }).rawBody = body;
            handOn(request, response);
          } else if (isSslCheck(request, body)) {
            response.writeHead(200).end();
          } else {
            logger.warn(`Refused a request that Slack did not sign: ${check.reason}.`);
            response.writeHead(401).end();
          }
        },
        (error: Error) => {
          logger.warn(`Could not read a request: ${error.message}`);
          if (!response.headersSent) response.writeHead(400).end();
        },
      );
    };
  }
}
