import { describe, expect, it } from 'vitest';
import {
  canonicalUrl,
  feedAddressKey,
  TRACKING_PARAMS,
  withoutFeedScheme,
} from '../../src/monitor/canonical-url.ts';

describe('canonicalUrl', () => {
  it('lowercases scheme and host, drops the default port and the fragment, trims', () => {
    expect(canonicalUrl('  HTTP://Example.COM:80/Path/Case?Q=1#section \n')).toBe(
      'http://example.com/Path/Case?Q=1',
    );
    expect(canonicalUrl('HTTPS://X.TEST:443')).toBe('https://x.test/');
    expect(canonicalUrl('https://x.test:8443/a')).toBe('https://x.test:8443/a');
    expect(canonicalUrl('https://x.test:80/a')).toBe('https://x.test:80/a');
  });

  it('resolves relative links against the base', () => {
    expect(canonicalUrl('/post/1', 'https://blog.test/feed/')).toBe('https://blog.test/post/1');
    expect(canonicalUrl('post/1', 'https://blog.test/feed/')).toBe('https://blog.test/feed/post/1');
    expect(canonicalUrl('../about', 'https://blog.test/2024/05/')).toBe('https://blog.test/2024/about');
    expect(canonicalUrl('?page=2', 'https://x.test/list?page=1')).toBe('https://x.test/list?page=2');
  });

  it('returns null for a relative link without a usable base', () => {
    expect(canonicalUrl('/post/1')).toBeNull();
    expect(canonicalUrl('/post/1', 'not a url')).toBeNull();
    expect(canonicalUrl('/post/1', 'file:///var/feeds/')).toBeNull();
  });

  it.each([
    [
      'https://www.google.com/url?rct=j&sa=t&url=https://news.example.com/acme-prices%3Futm_source%3Dx%26id%3D7&ct=ga&usg=AOvVaw0',
      'https://news.example.com/acme-prices?id=7',
    ],
    ['https://www.google.co.uk/url?q=https://x.test/a&sa=U', 'https://x.test/a'],
    [
      'http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=abc&url=https%3a%2f%2fwww.example.org%2fnews%2facme&c=1',
      'https://www.example.org/news/acme',
    ],
    ['https://l.facebook.com/l.php?u=https%3A%2F%2Fx.test%2Fb%3Ffbclid%3D1&h=AT0', 'https://x.test/b'],
    ['https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fx.test%2Fc', 'https://x.test/c'],
  ])('replaces the click-through redirect %s by its target', (link, target) => {
    expect(canonicalUrl(link)).toBe(target);
  });

  it('keeps redirector links without a usable target, and look-alike hosts, as they are', () => {
    expect(canonicalUrl('https://www.google.com/url?url=javascript:alert(1)')).toBe(
      'https://www.google.com/url?url=javascript:alert(1)',
    );
    expect(canonicalUrl('https://google.com.evil.test/url?url=https://x.test/')).toBe(
      'https://google.com.evil.test/url?url=https://x.test/',
    );
    expect(canonicalUrl('https://www.google.com/search?q=acme')).toBe('https://www.google.com/search?q=acme');
  });

  it('reads the article address inside an older Google News article id', () => {
    const cnn =
      'CBMiWWh0dHBzOi8vd3d3LmNubi5jb20vMjAyMi8wNy8yNy9wb2xpdGljcy9zY2h1bWVyLW1hbmNoaW4tZGVhbC1idWlsZC1iYWNrLWJldHRlci9pbmRleC5odG1s0gFdaHR0cHM6Ly9hbXAuY25uLmNvbS9jbm4vMjAyMi8wNy8yNy9wb2xpdGljcy9zY2h1bWVyLW1hbmNoaW4tZGVhbC1idWlsZC1iYWNrLWJldHRlci9pbmRleC5odG1s';
    const article =
      'https://www.cnn.com/2022/07/27/politics/schumer-manchin-deal-build-back-better/index.html';
    expect(canonicalUrl(`https://news.google.com/__i/rss/rd/articles/${cnn}?oc=5`)).toBe(article);
    expect(canonicalUrl(`https://news.google.com/rss/articles/${cnn}?oc=5&hl=en-US`)).toBe(article);
    // The newer ids are opaque, and a broken one is no address: both stay Google's.
    const opaque = 'CBMiK0FVX3lxTFBuS3BTQ1hXbHpONE42anZQbTdKcjhlWWZiQzRoRXN2aFJiVUtI';
    expect(canonicalUrl(`https://news.google.com/rss/articles/${opaque}?oc=5`)).toBe(
      `https://news.google.com/rss/articles/${opaque}?oc=5`,
    );
    // An id whose address is shorter than it says (its length runs past the end) is no address either.
    const overlong = Buffer.concat([
      Buffer.from([0x08, 0x13, 0x22, 95]),
      Buffer.from('https://dailyledger.example/acme-desk-raises-prices'),
      Buffer.from([0xd2, 0x01, 0x00]),
    ]).toString('base64url');
    expect(canonicalUrl(`https://news.google.com/rss/articles/${overlong}?oc=5`)).toBe(
      `https://news.google.com/rss/articles/${overlong}?oc=5`,
    );
    expect(canonicalUrl('https://news.google.com/rss/articles/CBMi-broken')).toBe(
      'https://news.google.com/rss/articles/CBMi-broken',
    );
    expect(
      canonicalUrl('https://news.google.com/topics/CAAqJggKIiBDQkFTRWdvSUwyMHZNRGx1YlY4U0FtVnVHZ0pWVXlnQVAB'),
    ).toMatch(/^https:\/\/news\.google\.com\/topics\//);
  });

  it('ignores an unusable base for absolute links', () => {
    expect(canonicalUrl('https://x.test/a', 'not a url')).toBe('https://x.test/a');
  });

  it('handles protocol-relative links', () => {
    expect(canonicalUrl('//cdn.x.test/a.png', 'http://feed.test/rss')).toBe('http://cdn.x.test/a.png');
    expect(canonicalUrl('//cdn.x.test/a.png')).toBe('https://cdn.x.test/a.png');
  });

  it('reads feed:// and feed:https:// links as web addresses', () => {
    expect(canonicalUrl('feed://x.test/posts/1')).toBe('http://x.test/posts/1');
    expect(canonicalUrl('feed:https://x.test/posts/1?utm_source=rss')).toBe('https://x.test/posts/1');
  });

  it("keeps a comment's own anchor, and drops any other fragment", () => {
    expect(canonicalUrl('https://x.test/post/#comment-4821')).toBe('https://x.test/post/#comment-4821');
    expect(canonicalUrl('https://x.blogspot.com/2024/11/p.html#c1234567890123456789')).toBe(
      'https://x.blogspot.com/2024/11/p.html#c1234567890123456789',
    );
    expect(canonicalUrl('https://x.test/post/#comments')).toBe('https://x.test/post/');
    expect(canonicalUrl('https://x.test/post/#c1')).toBe('https://x.test/post/');
    expect(canonicalUrl('https://reviews.example/p/221133/reviews/#review-4412')).toBe(
      'https://reviews.example/p/221133/reviews/#review-4412',
    );
  });

  it('accepts only http and https', () => {
    expect(canonicalUrl('javascript:alert(1)', 'https://x.test/')).toBeNull();
    expect(canonicalUrl('JavaScript:alert(1)')).toBeNull();
    expect(canonicalUrl('mailto:press@x.test')).toBeNull();
    expect(canonicalUrl('data:text/html,<b>hi</b>')).toBeNull();
    expect(canonicalUrl('ftp://x.test/file')).toBeNull();
    expect(canonicalUrl('garbage')).toBeNull();
    expect(canonicalUrl('http://')).toBeNull();
  });

  it('returns null for missing, empty and fragment-only links instead of the base page', () => {
    expect(canonicalUrl(undefined)).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
    expect(canonicalUrl('   ', 'https://x.test/')).toBeNull();
    expect(canonicalUrl('#comments', 'https://x.test/post')).toBeNull();
  });

  it('removes tracking parameters and keeps the others in order', () => {
    expect(
      canonicalUrl('https://x.test/p?b=2&utm_source=rss&a=1&UTM_Medium=feed&fbclid=x&gclid=y&z=26&mc_cid=m'),
    ).toBe('https://x.test/p?b=2&a=1&z=26');
    expect(canonicalUrl('https://x.test/p?id=3&spm=a.b&__s=q&_hsenc=h&_hsmi=i&ncid=n&ref=home')).toBe(
      'https://x.test/p?id=3&ref=home',
    );
  });

  it('recognises percent-encoded tracking parameter names', () => {
    expect(canonicalUrl('https://x.test/p?%75tm_source=a&id=1')).toBe('https://x.test/p?id=1');
  });

  it('removes the "?" when no parameter is left', () => {
    expect(canonicalUrl('https://x.test/p?utm_source=a&utm_campaign=b')).toBe('https://x.test/p');
    expect(canonicalUrl('https://x.test/p?')).toBe('https://x.test/p');
    expect(canonicalUrl('https://x.test/p?&&')).toBe('https://x.test/p');
  });

  it('keeps the encoding of the remaining parameters', () => {
    expect(canonicalUrl('https://x.test/s?q=a%20b&x=y+z&bad=%zz&utm_term=t')).toBe(
      'https://x.test/s?q=a%20b&x=y+z&bad=%zz',
    );
  });

  it('drops credentials', () => {
    expect(canonicalUrl('https://user:secret@x.test/a')).toBe('https://x.test/a');
  });

  it('normalises internationalised hosts and spaces in paths', () => {
    expect(canonicalUrl('https://Bücher.de/a b')).toBe('https://xn--bcher-kva.de/a%20b');
  });

  it('reads a link a template broke over lines as one address, keeping a space inside it', () => {
    expect(canonicalUrl('\n  https://spaced.example/news/\n        globex-assist-launch\n  ')).toBe(
      'https://spaced.example/news/globex-assist-launch',
    );
    expect(canonicalUrl('https://spaced.example/press releases/q3.html\r\n')).toBe(
      'https://spaced.example/press%20releases/q3.html',
    );
  });

  it('drops the analytics tags publishers put on feed links, so one article has one address', () => {
    expect(
      canonicalUrl(
        'https://news.example.com/a?id=7&WT.mc_id=rss&xtor=RSS-1&at_medium=feed&at_campaign=x&ocid=msn&smid=tw',
      ),
    ).toBe('https://news.example.com/a?id=7');
    expect(canonicalUrl('https://news.example.com/2026/2/18/story?traffic_source=rss&_gl=1*abc&page=2')).toBe(
      'https://news.example.com/2026/2/18/story?page=2',
    );
    // HubSpot's visitor cookies, LinkedIn's click codes, Business Wire's feed reference.
    expect(
      canonicalUrl('https://blog.vandelay.example/post?hsLang=en&__hstc=1.a&__hssc=1.1&__hsfp=98&page=2'),
    ).toBe('https://blog.vandelay.example/post?hsLang=en&page=2');
    expect(canonicalUrl('https://www.linkedin.com/pulse/x-3xk9f?trk=public_post&trackingId=AbC%3D%3D')).toBe(
      'https://www.linkedin.com/pulse/x-3xk9f',
    );
    expect(canonicalUrl('https://www.businesswire.example/news/home/2024/en/?feedref=JjAwJuNH')).toBe(
      'https://www.businesswire.example/news/home/2024/en/',
    );
  });

  it('drops a parameter that only says the click came from the feed, and keeps the same name meaning more', () => {
    // Medium, the New York Times, comScore (the BBC, the Daily Mail), the Guardian, the old YouTube API.
    expect(canonicalUrl('https://medium.com/p/a-125af37d838f?source=rss----d12c403d4976---4')).toBe(
      'https://medium.com/p/a-125af37d838f',
    );
    expect(canonicalUrl('https://www.nytimes.com/a.html?partner=rss&emc=rss')).toBe(
      'https://www.nytimes.com/a.html',
    );
    expect(canonicalUrl('https://www.dailymail.co.uk/a.html?ITO=1490&ns_mchannel=rss&ns_campaign=1490')).toBe(
      'https://www.dailymail.co.uk/a.html',
    );
    expect(canonicalUrl('https://www.theguardian.com/a?CMP=Share_iOSApp_Other')).toBe(
      'https://www.theguardian.com/a',
    );
    expect(canonicalUrl('https://www.youtube.com/watch?v=abc&feature=youtube_gdata')).toBe(
      'https://www.youtube.com/watch?v=abc',
    );
    expect(canonicalUrl('https://ex.example/a?ref=rss&from=feed&id=3')).toBe('https://ex.example/a?id=3');
    expect(canonicalUrl('https://finance.yahoo.com/news/acme-153012345.html?.tsrc=rss')).toBe(
      'https://finance.yahoo.com/news/acme-153012345.html',
    );
    expect(canonicalUrl('https://finance.yahoo.com/quote/ACME?.tsrc=fin-srch')).toBe(
      'https://finance.yahoo.com/quote/ACME?.tsrc=fin-srch',
    );
    expect(canonicalUrl('https://github.com/o/r/blob/x.md?ref=main')).toBe(
      'https://github.com/o/r/blob/x.md?ref=main',
    );
    expect(canonicalUrl('https://www.youtube.com/watch?v=abc&feature=share&source=twitter')).toBe(
      'https://www.youtube.com/watch?v=abc&feature=share&source=twitter',
    );
  });

  it('lists utm_ as a prefix and every other parameter in lowercase', () => {
    expect(TRACKING_PARAMS).toContain('utm_*');
    for (const name of TRACKING_PARAMS) expect(name).toBe(name.toLowerCase());
  });
});

describe('withoutFeedScheme', () => {
  it('reads feed:// and feed:https:// subscribe links as web addresses, and leaves others alone', () => {
    expect(withoutFeedScheme('feed://blog.example.com/rss')).toBe('http://blog.example.com/rss');
    expect(withoutFeedScheme('FEED:https://blog.example.com/rss')).toBe('https://blog.example.com/rss');
    expect(withoutFeedScheme('feed:http://blog.example.com/rss')).toBe('http://blog.example.com/rss');
    expect(withoutFeedScheme('https://feedly.example.com/feed://x')).toBe(
      'https://feedly.example.com/feed://x',
    );
    expect(withoutFeedScheme('/tmp/feed.xml')).toBe('/tmp/feed.xml');
  });
});

describe('feedAddressKey', () => {
  it('gives the http and https addresses of one feed one key, but keeps www. apart', () => {
    const key = feedAddressKey('https://news.example.com/feed');
    expect(feedAddressKey('http://news.example.com/feed')).toBe(key);
    expect(feedAddressKey('HTTP://News.Example.com:80//feed#top')).toBe(key);
    expect(feedAddressKey('http://news.example.com:8080/feed')).toBe('https://news.example.com:8080/feed');
    expect(feedAddressKey('https://www.news.example.com/feed')).not.toBe(key);
    expect(feedAddressKey('https://news.example.com/feed/')).not.toBe(key);
  });
});
