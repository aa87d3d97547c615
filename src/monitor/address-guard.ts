import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { FeedError, FeedErrorCode } from '../errors.ts';

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including 169.254.169.254 cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['::ffff:0:0:0', 96], // SIIT translated IPv4
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 tunnels can reach any IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8],
  ['fd00:ec2::', 32], // AWS metadata over IPv6
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

const nat64 = new BlockList();
nat64.addSubnet('64:ff9b::', 96, 'ipv6');

function embeddedIpv4(address: string): string {
  const groups = new URL(`http://[${address}]/`).hostname.replace(/^\[|\]$/g, '').split(':');
  const low = Number.parseInt(groups.at(-1) || '0', 16);
  const high = Number.parseInt(groups.at(-2) || '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True when the address is loopback, private, link-local, multicast or a cloud metadata address. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
    // NAT64 (64:ff9b::/96) embeds an IPv4 address in its last 32 bits: judge that address.
    if (nat64.check(address, 'ipv6')) return blocked.check(embeddedIpv4(address), 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

/**
 * Refuses URLs Briefbot must not fetch: other schemes, and hosts that resolve to private space.
 * Returns the vetted addresses so the connection goes to exactly those (no DNS rebinding).
 */
export async function checkFeedAddress(
  url: URL,
  options: { allowPrivate: boolean; resolve: Resolver },
): Promise<ResolvedAddress[] | undefined> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError(
      FeedErrorCode.BlockedAddress,
      `Only http and https feed addresses are allowed, not ${url.protocol.replace(':', '')}:`,
    );
  }
  if (options.allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === 'metadata.google.internal') {
    throw blockedError(host);
  }
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await options.resolve(host);
    } catch {
      throw hostNotFound(host);
    }
    if (addresses.length === 0) throw hostNotFound(host);
  }
  if (addresses.some((entry) => isPrivateAddress(entry.address))) throw blockedError(host);
  return addresses;
}

/** Worded as a failed connection says it (fetch.ts), with what to check: "DNS lookup failed" is jargon. */
function hostNotFound(host: string): FeedError {
  return new FeedError(
    FeedErrorCode.Unreachable,
    `Could not connect to ${host}: no such host name (check the address for typos).`,
  );
}

function blockedError(host: string): FeedError {
  return new FeedError(
    FeedErrorCode.BlockedAddress,
    `${host} points to a private or internal network address, which Briefbot does not fetch. ` +
      'Use a public feed URL (or set FEED_ALLOW_PRIVATE_ADDRESSES=true for an internal feed server).',
  );
}
