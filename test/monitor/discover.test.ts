import { describe, expect, it } from 'vitest';
import { feedLinksInPage, knownSiteFeed } from '../../src/monitor/discover.ts';

describe('feedLinksInPage', () => {
  it('lists the feeds a page names, absolute, the site’s own before comment feeds', () => {
    const page = `<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel='alternate' type='application/rss+xml' title='Acme &raquo; Comments Feed' href='/comments/feed/'>
      <link rel="alternate" type="application/rss+xml" title="Acme &raquo; Feed" href="/feed/?a=1&amp;b=2">
      <link type="application/atom+xml" rel="alternate" href="https://cdn.example.net/atom.xml">
      <link rel="alternate" type="application/feed+json" href=feed.json>
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="alternate" type="application/rss+xml" href="/feed/?a=1&amp;b=2">
    </head><body><a href="/rss.xml">RSS</a></body></html>`;
    expect(feedLinksInPage(page, 'https://acme.example.com/blog/')).toEqual([
      'https://acme.example.com/feed/?a=1&b=2',
      'https://cdn.example.net/atom.xml',
      'https://acme.example.com/blog/feed.json',
      'https://acme.example.com/comments/feed/',
    ]);
  });

  it('honours <base href> and ignores links that are not web addresses', () => {
    const page =
      '<html><head><base href="https://static.example.org/site/"><link rel="alternate" type="application/atom+xml" href="atom.xml"><link rel="alternate" type="application/rss+xml" href="javascript:void(0)"></head></html>';
    expect(feedLinksInPage(page, 'https://example.org/')).toEqual([
      'https://static.example.org/site/atom.xml',
    ]);
    expect(feedLinksInPage('<html><body>no feeds</body></html>', 'https://example.org/')).toEqual([]);
  });
});

describe('knownSiteFeed', () => {
  it.each([
    ['https://www.reddit.com/r/sysadmin/', 'https://www.reddit.com/r/sysadmin/.rss'],
    ['https://old.reddit.com/r/salesforce/comments/abc/title/', 'https://www.reddit.com/r/salesforce/.rss'],
    ['https://github.com/acme/desk-sdk', 'https://github.com/acme/desk-sdk/releases.atom'],
    ['https://github.com/acme/desk-sdk.git', 'https://github.com/acme/desk-sdk/releases.atom'],
    ['https://medium.com/@dana', 'https://medium.com/feed/@dana'],
    ['https://medium.com/acme-engineering/some-post-123', 'https://medium.com/feed/acme-engineering'],
    ['https://stackoverflow.com/questions/tagged/zendesk', 'https://stackoverflow.com/feeds/tag/zendesk'],
    [
      'https://www.youtube.com/channel/UCotwjyJnb-4KW7bmsOoLfkg',
      'https://www.youtube.com/feeds/videos.xml?channel_id=UCotwjyJnb-4KW7bmsOoLfkg',
    ],
    ['https://news.ycombinator.com/news', 'https://news.ycombinator.com/rss'],
  ])('knows the feed of %s', (page, feed) => {
    expect(knownSiteFeed(page)).toBe(feed);
  });

  it.each([
    'https://www.reddit.com/r/sysadmin/top/.rss?t=week',
    'https://medium.com/feed/@dana',
    'https://github.com/acme/desk-sdk/commits/main.atom',
    'https://news.ycombinator.com/rss',
    'https://github.com/orgs/acme',
    'https://blog.example.com/',
    'not a url',
  ])('takes %s as given', (address) => {
    expect(knownSiteFeed(address)).toBeNull();
  });
});
