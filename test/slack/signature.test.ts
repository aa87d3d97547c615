import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSlackSignature } from '../../src/slack/receiver.ts';

const secret = 'signing-secret';
const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const seconds = Math.floor(now / 1000);
const body = Buffer.from('token=x&command=%2Fbrief&text=pricing%20%E2%82%AC');

function headers(timestamp: number | string = seconds, key = secret, payload: Buffer = body) {
  const mac = createHmac('sha256', key).update(`v0:${timestamp}:${payload.toString()}`).digest('hex');
  return { 'x-slack-signature': `v0=${mac}`, 'x-slack-request-timestamp': String(timestamp) };
}

describe('checkSlackSignature', () => {
  it("accepts Slack's signature of the exact bytes (UTF-8 included)", () => {
    expect(checkSlackSignature(secret, headers(), body, now)).toEqual({ ok: true });
  });

  it('refuses another secret, another body, or a truncated or non-hex signature', () => {
    expect(checkSlackSignature(secret, headers(seconds, 'other'), body, now)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(checkSlackSignature(secret, headers(), Buffer.from(`${body}&x=1`), now).ok).toBe(false);
    const signed = headers();
    const truncated = { ...signed, 'x-slack-signature': signed['x-slack-signature'].slice(0, -2) };
    expect(checkSlackSignature(secret, truncated, body, now).ok).toBe(false);
    const garbled = { ...signed, 'x-slack-signature': `v0=${'zz'.repeat(32)}` };
    expect(checkSlackSignature(secret, garbled, body, now).ok).toBe(false);
  });

  it('refuses a timestamp more than five minutes away, either way, or not a number', () => {
    expect(checkSlackSignature(secret, headers(seconds - 301), body, now).ok).toBe(false);
    expect(checkSlackSignature(secret, headers(seconds + 301), body, now).ok).toBe(false);
    expect(checkSlackSignature(secret, headers(seconds - 299), body, now).ok).toBe(true);
    const check = checkSlackSignature(secret, headers('1e9'), body, now);
    expect(check).toEqual({ ok: false, reason: 'the timestamp 1e9 is not within five minutes of now' });
  });

  it('refuses missing headers and unknown signature versions, saying which', () => {
    expect(checkSlackSignature(secret, {}, body, now)).toEqual({
      ok: false,
      reason: 'the x-slack-signature or x-slack-request-timestamp header is missing',
    });
    const signed = headers();
    const v1 = { ...signed, 'x-slack-signature': signed['x-slack-signature'].replace('v0=', 'v1=') };
    expect(checkSlackSignature(secret, v1, body, now)).toEqual({
      ok: false,
      reason: 'unknown signature version',
    });
  });
});
