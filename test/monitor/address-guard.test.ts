import { describe, expect, it } from 'vitest';
import { FeedError, FeedErrorCode } from '../../src/errors.ts';
import { checkFeedAddress, isPrivateAddress, type Resolver } from '../../src/monitor/address-guard.ts';

/** A resolver that answers from a fixed table and records every lookup; no real DNS. */
function fakeResolver(table: Record<string, string[]>): Resolver & { lookups: string[] } {
  const lookups: string[] = [];
  const resolve = async (hostname: string) => {
    lookups.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  };
  return Object.assign(resolve, { lookups });
}

async function refusal(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', 'IPv4 loopback'],
    ['127.255.255.254', 'the rest of 127/8'],
    ['::1', 'IPv6 loopback'],
    ['0:0:0:0:0:0:0:1', 'IPv6 loopback written out'],
    ['0.0.0.0', 'the unspecified address'],
    ['::', 'the IPv6 unspecified address'],
    ['10.0.0.1', '10/8'],
    ['10.255.255.255', 'the end of 10/8'],
    ['172.16.0.1', 'the start of 172.16/12'],
    ['172.31.255.255', 'the end of 172.16/12'],
    ['192.168.1.10', '192.168/16'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.1.1', 'IPv4 link-local'],
    ['100.64.0.1', 'the start of carrier-grade NAT 100.64/10'],
    ['100.127.255.255', 'the end of 100.64/10'],
    ['224.0.0.251', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::FFFF:10.1.2.3', 'IPv4-mapped 10/8 in capitals'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback in hex, as the URL parser writes it'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata address in hex'],
    ['fc00::1', 'unique local fc00::/7'],
    ['fd12:3456:789a::1', 'unique local fd00::/8'],
    ['fe80::1', 'link-local fe80::/10'],
    ['febf:ffff::1', 'the end of fe80::/10'],
    ['FE80::abcd', 'link-local in capitals'],
    ['ff02::1', 'IPv6 multicast'],
    ['fd00:ec2::254', 'the AWS metadata address over IPv6'],
  ])('blocks %s (%s)', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ['8.8.8.8', 'a public resolver'],
    ['1.1.1.1', 'a public resolver'],
    ['93.184.216.34', 'a public web server'],
    ['172.15.255.255', 'just below 172.16/12'],
    ['172.32.0.1', 'just above 172.16/12'],
    ['100.63.255.255', 'just below 100.64/10'],
    ['100.128.0.1', 'just above 100.64/10'],
    ['192.169.0.1', 'just above 192.168/16'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped public address'],
    ['2606:4700::1111', 'a public IPv6 resolver'],
    ['2a00:1450:4001:82a::200e', 'a public IPv6 web server'],
    ['fec0::1', 'just above fe80::/10'],
  ])('allows %s (%s)', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('treats anything that is not an IP address as unsafe', () => {
    expect(isPrivateAddress('example.com')).toBe(true);
    expect(isPrivateAddress('')).toBe(true);
    expect(isPrivateAddress('999.1.1.1')).toBe(true);
  });
});

describe('checkFeedAddress', () => {
  const deny = { allowPrivate: false } as const;

  it('returns the vetted public addresses of a host', async () => {
    const resolve = fakeResolver({
      'news.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    });
    const addresses = await checkFeedAddress(new URL('https://news.example.com/feed.xml'), {
      ...deny,
      resolve,
    });
    expect(addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
    expect(resolve.lookups).toEqual(['news.example.com']);
  });

  it('refuses a host that resolves to a private address', async () => {
    const resolve = fakeResolver({ 'intranet.example.com': ['10.0.0.5'] });
    const error = await refusal(
      checkFeedAddress(new URL('http://intranet.example.com/rss'), { ...deny, resolve }),
    );
    expect(error.code).toBe(FeedErrorCode.BlockedAddress);
    expect(error.message).toContain('intranet.example.com');
    expect(error.message).toContain('FEED_ALLOW_PRIVATE_ADDRESSES=true');
  });

  it('says a host that cannot be found as a failed connection does, with what to check', async () => {
    const resolve = fakeResolver({ 'empty.example.com': [] });
    for (const url of ['https://no-such-host.example/feed', 'https://empty.example.com/feed']) {
      const error = await refusal(checkFeedAddress(new URL(url), { ...deny, resolve }));
      expect(error.code).toBe(FeedErrorCode.Unreachable);
      expect(error.message).toBe(
        `Could not connect to ${new URL(url).hostname}: no such host name (check the address for typos).`,
      );
    }
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const resolve = fakeResolver({ 'rebind.example.com': ['93.184.216.34', '169.254.169.254'] });
    const error = await refusal(
      checkFeedAddress(new URL('http://rebind.example.com/'), { ...deny, resolve }),
    );
    expect(error.code).toBe(FeedErrorCode.BlockedAddress);
  });

  it.each([
    'http://127.0.0.1:8080/feed',
    'http://[::1]/feed',
    'http://[::ffff:127.0.0.1]/feed',
    'http://169.254.169.254/latest/meta-data/',
    'http://2130706433/feed',
    'http://0x7f.1/feed',
    'http://[fe80::1]/feed',
    'http://[fd00::1]/feed',
  ])('refuses the literal address in %s without a DNS lookup', async (url) => {
    const resolve = fakeResolver({});
    const error = await refusal(checkFeedAddress(new URL(url), { ...deny, resolve }));
    expect(error.code).toBe(FeedErrorCode.BlockedAddress);
    expect(resolve.lookups).toEqual([]);
  });

  it.each([
    'http://localhost:3000/feed',
    'http://app.localhost/feed',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('refuses the internal name in %s without a DNS lookup', async (url) => {
    const resolve = fakeResolver({});
    const error = await refusal(checkFeedAddress(new URL(url), { ...deny, resolve }));
    expect(error.code).toBe(FeedErrorCode.BlockedAddress);
    expect(resolve.lookups).toEqual([]);
  });

  it('allows public literal addresses without a DNS lookup', async () => {
    const resolve = fakeResolver({});
    expect(await checkFeedAddress(new URL('http://8.8.8.8/feed'), { ...deny, resolve })).toEqual([
      { address: '8.8.8.8', family: 4 },
    ]);
    expect(await checkFeedAddress(new URL('https://[2606:4700::1111]/feed'), { ...deny, resolve })).toEqual([
      { address: '2606:4700::1111', family: 6 },
    ]);
    expect(resolve.lookups).toEqual([]);
  });

  it('says a host that cannot be found is unreachable', async () => {
    const resolve = fakeResolver({});
    const error = await refusal(
      checkFeedAddress(new URL('https://nowhere.example/feed'), { ...deny, resolve }),
    );
    expect(error.code).toBe(FeedErrorCode.Unreachable);
    expect(error.message).toContain('nowhere.example');
  });

  it('says a host with no addresses is unreachable', async () => {
    const resolve = fakeResolver({ 'empty.example.com': [] });
    const error = await refusal(
      checkFeedAddress(new URL('https://empty.example.com/feed'), { ...deny, resolve }),
    );
    expect(error.code).toBe(FeedErrorCode.Unreachable);
  });

  it('lets private addresses through when allowPrivate is set, without resolving', async () => {
    const resolve = fakeResolver({ 'intranet.example.com': ['10.0.0.5'] });
    const allow = { allowPrivate: true, resolve };
    expect(await checkFeedAddress(new URL('http://intranet.example.com/rss'), allow)).toBeUndefined();
    expect(await checkFeedAddress(new URL('http://127.0.0.1:8080/feed'), allow)).toBeUndefined();
    expect(await checkFeedAddress(new URL('http://localhost/feed'), allow)).toBeUndefined();
    expect(resolve.lookups).toEqual([]);
  });

  it.each([
    ['file:///etc/passwd', 'file'],
    ['ftp://ftp.example.com/feed.xml', 'ftp'],
    ['gopher://example.com/1', 'gopher'],
    ['data:text/xml,<rss/>', 'data'],
  ])('refuses the %s scheme even when private addresses are allowed', async (url, scheme) => {
    for (const allowPrivate of [true, false]) {
      const resolve = fakeResolver({
        'ftp.example.com': ['93.184.216.34'],
        'example.com': ['93.184.216.34'],
      });
      const error = await refusal(checkFeedAddress(new URL(url), { allowPrivate, resolve }));
      expect(error.code).toBe(FeedErrorCode.BlockedAddress);
      expect(error.message).toContain(`not ${scheme}:`);
      expect(resolve.lookups).toEqual([]);
    }
  });
});

describe('IPv6 forms that carry an IPv4 address', () => {
  it.each(['64:ff9b::7f00:1', '::127.0.0.1', '::ffff:0:127.0.0.1', '2002:7f00:1::1'])(
    'blocks %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(true);
    },
  );

  it('lets a NAT64 address of a public host through', () => {
    expect(isPrivateAddress('64:ff9b::808:808')).toBe(false);
  });
});
