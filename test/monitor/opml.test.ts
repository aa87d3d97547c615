import { describe, expect, it } from 'vitest';
import {
  buildOpml,
  notAnOpmlList,
  OpmlError,
  type OpmlExportFeed,
  parseOpml,
} from '../../src/monitor/opml.ts';

// Shaped like a Feedly / Inoreader export: OPML 1.0, nested folders, type="rss", escaped "&" in URLs.
const READER_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by a feed reader -->
<!DOCTYPE opml [ <!ENTITY note "a > b"> ]>
<opml version="1.0">
  <head>
    <title>Jane subscriptions in feedly Cloud</title>
    <dateCreated>Tue, 04 Jun 2024 08:15:00 GMT</dateCreated>
  </head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="The Verge" title="The Verge" xmlUrl="https://www.theverge.com/rss/index.xml" htmlUrl="https://www.theverge.com/"/>
      <outline type="rss" text="Ars Technica" title="Ars Technica" xmlUrl="https://feeds.arstechnica.com/arstechnica/index?format=xml&amp;utm_source=feedly" htmlUrl="https://arstechnica.com"></outline>
      <outline text="Europe">
        <outline type="rss" text="Heise" title="heise online" xmlUrl="https://www.heise.de/rss/heise-atom.xml"/>
      </outline>
    </outline>
    <outline text="competitors" title="Competitors">
      <outline type="rss" text="Acme Blog" title="Acme &amp; Sons &#8211; Blog" xmlUrl="https://acme.example/feed?format=rss&amp;lang=en" htmlUrl="https://acme.example/blog"/>
      <outline type="rss" text="Acme status" xmlUrl="https://status.acme.example/history.rss" briefbotKind="community"/>
    </outline>
    <outline text="Reading">
      <outline type="rss" text="Some blog" category="/Blogs,/tech" xmlUrl="https://someone.example/atom.xml"/>
    </outline>
    <outline type="rss" text="https://loose.example/rss" xmlUrl="https://loose.example/rss"/>
    <outline text="Duplicates">
      <outline type="rss" text="The Verge again" xmlUrl="https://www.theverge.com/rss/index.xml"/>
    </outline>
  </body>
</opml>
`;

describe('parseOpml', () => {
  it('reads a feed reader export with nested folders', () => {
    expect(parseOpml(READER_EXPORT)).toEqual([
      {
        url: 'https://www.theverge.com/rss/index.xml',
        title: 'The Verge',
        siteUrl: 'https://www.theverge.com/',
        kind: 'news',
        folder: 'News',
      },
      {
        url: 'https://feeds.arstechnica.com/arstechnica/index?format=xml',
        title: 'Ars Technica',
        siteUrl: 'https://arstechnica.com/',
        kind: 'news',
        folder: 'News',
      },
      { url: 'https://www.heise.de/rss/heise-atom.xml', unknownFolder: 'Europe', title: 'heise online' },
      {
        url: 'https://acme.example/feed?format=rss&lang=en',
        title: 'Acme & Sons – Blog',
        siteUrl: 'https://acme.example/blog',
        kind: 'competitor',
        folder: 'Competitors',
      },
      { url: 'https://status.acme.example/history.rss', title: 'Acme status', kind: 'community' },
      { url: 'https://someone.example/atom.xml', title: 'Some blog', kind: 'blog' },
      { url: 'https://loose.example/rss' },
      // Listed a second time: read once, kept so the import can say so.
      {
        url: 'https://www.theverge.com/rss/index.xml',
        title: 'The Verge again',
        listedBefore: 'https://www.theverge.com/rss/index.xml',
      },
    ]);
  });

  it('reads attribute names in any case, single quotes and unclosed outlines', () => {
    const xml = `<OPML version='2.0'><body>
      <outline TEXT='Forum' ><outline XMLURL='https://forum.example/latest.rss' Title='Forum &quot;latest&quot;'>
      </outline></outline>
      <outline xmlurl="https://b.example/feed" text="B" briefbotkind="REVIEW">
      </body></OPML>`;
    expect(parseOpml(xml)).toEqual([
      { url: 'https://forum.example/latest.rss', title: 'Forum "latest"', kind: 'forum', folder: 'Forum' },
      { url: 'https://b.example/feed', title: 'B', kind: 'review' },
    ]);
  });

  it('reads plural folder names as kinds but ignores other names', () => {
    const xml = `<opml version="2.0"><body>
      <outline text="Reviews"><outline xmlUrl="https://a.example/feed"/></outline>
      <outline title="FORUM"><outline xmlUrl="https://b.example/feed"/></outline>
      <outline text="Newsletters"><outline xmlUrl="https://c.example/feed"/></outline>
      <outline text="Tech"><outline xmlUrl="https://d.example/feed"/></outline>
    </body></opml>`;
    expect(parseOpml(xml).map((feed) => feed.kind)).toEqual(['review', 'forum', undefined, undefined]);
  });

  it('reads a kind from folder names in words: the first word that is a kind or its plural', () => {
    const xml = `<opml version="2.0"><body>
      <outline text="Community &amp; Forums"><outline xmlUrl="https://a.example/feed"/></outline>
      <outline text="Forums"><outline xmlUrl="https://b.example/feed"/></outline>
      <outline text="Product reviews"><outline xmlUrl="https://c.example/feed"/></outline>
      <outline text="News"><outline xmlUrl="https://d.example/feed"/></outline>
      <outline text="Blogs"><outline xmlUrl="https://e.example/feed"/></outline>
      <outline title="Competitors"><outline xmlUrl="https://f.example/feed"/></outline>
      <outline text="Communities"><outline xmlUrl="https://g.example/feed"/></outline>
      <outline text="Industry newsletters"><outline xmlUrl="https://h.example/feed"/></outline>
    </body></opml>`;
    expect(parseOpml(xml).map((feed) => feed.kind)).toEqual([
      'community',
      'forum',
      'review',
      'news',
      'blog',
      'competitor',
      'community',
      undefined,
    ]);
  });

  it('reads briefbot:paused="true" as a paused feed, and nothing else as one', () => {
    const xml = `<opml version="2.0" xmlns:briefbot="urn:briefbot:opml"><body>
      <outline xmlUrl="https://a.example/feed" briefbot:paused="true"/>
      <outline xmlUrl="https://b.example/feed" briefbot:paused="false"/>
      <outline xmlUrl="https://c.example/feed" paused="true"/>
    </body></opml>`;
    expect(parseOpml(xml)).toEqual([
      { url: 'https://a.example/feed', paused: true },
      { url: 'https://b.example/feed' },
      { url: 'https://c.example/feed' },
    ]);
  });

  it('lets briefbot:kind (or the older briefbotKind) win over category and folder, and category over folder', () => {
    const xml = `<opml version="2.0"><body><outline text="news">
      <outline xmlUrl="https://a.example/feed" briefbotKind="blog" category="forum"/>
      <outline xmlUrl="https://b.example/feed" briefbotKind="podcast" category="forum"/>
      <outline xmlUrl="https://c.example/feed"/>
      <outline xmlUrl="https://d.example/feed" briefbot:kind="review" category="forum"/>
    </outline></body></opml>`;
    expect(parseOpml(xml).map((feed) => feed.kind)).toEqual(['blog', 'forum', 'news', 'review']);
  });

  it('names the folder that gave no kind, for the import to say its feeds were added as news', () => {
    const xml = `<opml version="2.0"><body><outline text="Tech">
      <outline xmlUrl="https://a.example/feed"/>
      <outline xmlUrl="https://b.example/feed" category="forum"/>
    </outline><outline xmlUrl="https://c.example/feed"/></body></opml>`;
    expect(parseOpml(xml)).toEqual([
      { url: 'https://a.example/feed', unknownFolder: 'Tech' },
      { url: 'https://b.example/feed', kind: 'forum' },
      { url: 'https://c.example/feed' },
    ]);
  });

  it('ignores outlines in comments and CDATA', () => {
    const xml = `<opml version="2.0"><body>
      <!-- <outline xmlUrl="https://commented.example/feed"/> -->
      <![CDATA[ <outline xmlUrl="https://cdata.example/feed"/> ]]>
      <?reader hint="<outline xmlUrl='https://pi.example/feed'/>"?>
      <outline xmlUrl="https://real.example/feed"/>
    </body></opml>`;
    expect(parseOpml(xml)).toEqual([{ url: 'https://real.example/feed' }]);
  });

  it('keeps outlines whose xmlUrl is not a web address, with the problem, and reads feed:// links', () => {
    const xml = `<opml><body>
      <outline xmlUrl="javascript:alert(1)"/><outline xmlUrl="/feeds/relative.xml"/><outline xmlUrl=""/>
      <outline xmlUrl=" https://ok.example/feed "/><outline xmlUrl="feed://old.example/rss"/>
    </body></opml>`;
    const notWeb = expect.stringMatching(/^it is not a full web address/);
    expect(parseOpml(xml)).toEqual([
      { url: 'javascript:alert(1)', problem: notWeb },
      { url: '/feeds/relative.xml', problem: notWeb },
      { url: '', problem: 'the outline gives no address' },
      { url: 'https://ok.example/feed' },
      { url: 'http://old.example/rss' },
    ]);
  });

  it('reads one feed listed under http and https, or spelt twice, as one feed, and keeps the repeats to report', () => {
    const xml = `<opml><body>
      <outline xmlUrl="http://news.example.com/feed"/><outline xmlUrl="https://news.example.com//feed" text="Again"/>
      <outline xmlUrl="https://NEWS.example.com/feed#x"/><outline xmlUrl="https://www.news.example.com/feed"/>
    </body></opml>`;
    const first = 'http://news.example.com/feed';
    expect(parseOpml(xml)).toEqual([
      { url: first },
      { url: 'https://news.example.com//feed', title: 'Again', listedBefore: first },
      { url: 'https://news.example.com/feed', listedBefore: first },
      { url: 'https://www.news.example.com/feed' },
    ]);
    // Listed twice, never read: it is no usable feed of the list.
    expect(() =>
      parseOpml('<opml><body><outline xmlUrl="/a.xml"/><outline xmlUrl="/a.xml"/></body></opml>'),
    ).toThrow(/lists no usable feeds/);
  });

  it('accepts a byte order mark before the declaration', () => {
    expect(
      parseOpml(
        '\ufeff<?xml version="1.0"?><opml><body><outline xmlUrl="https://a.example/"/></body></opml>',
      ),
    ).toEqual([{ url: 'https://a.example/' }]);
  });

  it('rejects a document that is not OPML, naming what it found', () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>';
    expect(() => parseOpml(rss)).toThrow(OpmlError);
    expect(() => parseOpml(rss)).toThrow('it begins with <rss>, where an OPML list begins with <opml>.');
    expect(() => parseOpml('just some text')).toThrow(
      'it holds no tags at all, where an OPML list begins with <opml>.',
    );
    expect(() => parseOpml('')).toThrow(OpmlError);
  });

  it('says once that a document is no OPML list, why, and what to give instead', () => {
    const refusal = (xml: string, source: 'address' | 'file') =>
      notAnOpmlList(captureError(() => parseOpml(xml)) as OpmlError, source).message;
    expect(refusal('<html><body>Hello</body></html>', 'file')).toBe(
      'That file is not an OPML list: it begins with <html>, where an OPML list begins with <opml>. Export your feeds from your feed reader as OPML (a .opml file) and import that file.',
    );
    expect(refusal('just some notes', 'address')).toBe(
      'That address is not an OPML list: it holds no tags at all, where an OPML list begins with <opml>. Give the address of the OPML file itself (what feed readers export), not of a page about it.',
    );
    // An OPML list whose feeds have no usable address is one, and is not called "not an OPML list".
    expect(refusal('<opml><body><outline xmlUrl="/a.xml"/></body></opml>', 'file')).toBe(
      'That file is an OPML list, but none of its feeds gives a full web address (one starting with https://), so nothing was imported. Ask whoever made the list for one with full addresses.',
    );
  });

  it('rejects OPML without feed outlines, saying what was expected', () => {
    const folders = '<opml version="2.0"><body><outline text="Empty folder"/></body></opml>';
    const error = captureError(() => parseOpml(folders));
    expect(error).toBeInstanceOf(OpmlError);
    expect(error).toMatchObject({
      code: 'INVALID_OPML',
      message: 'The OPML file lists no feeds: expected <outline> elements with an xmlUrl attribute.',
      // An OPML list of no feeds, told apart from a file that is no OPML at all.
      empty: true,
    });
    expect(captureError(() => parseOpml('<rss version="2.0"/>'))).toMatchObject({ empty: false });
  });

  it('rejects OPML whose feeds are all unusable', () => {
    expect(() => parseOpml('<opml><body><outline xmlUrl="mailto:x@y.z"/></body></opml>')).toThrow(
      /no usable feeds: every xmlUrl should be an http\(s\) address/,
    );
  });

  it('refuses a list cut short in a tag, counting the feeds before the cut, rather than import part of it unsaid', () => {
    const cut = (xml: string) => {
      try {
        parseOpml(xml);
      } catch (error) {
        if (error instanceof OpmlError) return { message: error.message, cutShort: error.cutShort };
        throw error;
      }
      throw new Error('expected the list to be refused');
    };
    expect(
      cut('<opml><body><outline xmlUrl="https://a.example/feed"/><outline xmlUrl="https://b.exa'),
    ).toEqual({
      message:
        'an OPML list cut short: it ends in the middle of a tag, after 1 feed, so the feeds after that point are missing. Nothing was imported: export or download the list again, and import the whole file.',
      cutShort: true,
    });
    expect(cut('<opml><body><outline xmlUrl="https://a.example/feed"/><!-- a note').message).toMatch(
      /^an OPML list cut short: .* after 1 feed,/,
    );
    expect(
      cut(
        '<opml><body><outline xmlUrl="https://a.example/feed"/><outline xmlUrl="https://b.example/feed"/><outl',
      ).message,
    ).toMatch(/after 2 feeds,/);
  });

  it('reads a whole list that only lacks its closing tags', () => {
    expect(parseOpml('<opml><body><outline xmlUrl="https://a.example/feed"/>\n')).toEqual([
      { url: 'https://a.example/feed' },
    ]);
  });
});

describe('buildOpml', () => {
  const now = new Date(Date.UTC(2024, 5, 4, 8, 15, 0));

  it('writes OPML 2.0 with a head and folders per kind', () => {
    const xml = buildOpml(
      [
        { url: 'https://b.example/feed', title: 'B', kind: 'blog' },
        { url: 'https://n.example/rss', title: 'N', siteUrl: 'https://n.example/', kind: 'news' },
        { url: 'https://x.example/rss', title: null, kind: null, paused: true },
      ],
      { title: 'Briefbot feeds', now },
    );
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0" xmlns:briefbot="urn:briefbot:opml">
  <head>
    <title>Briefbot feeds</title>
    <dateCreated>Tue, 04 Jun 2024 08:15:00 GMT</dateCreated>
  </head>
  <body>
    <outline text="news" title="news">
      <outline type="rss" text="N" title="N" xmlUrl="https://n.example/rss" htmlUrl="https://n.example/" briefbot:kind="news"/>
    </outline>
    <outline text="blog" title="blog">
      <outline type="rss" text="B" title="B" xmlUrl="https://b.example/feed" briefbot:kind="blog"/>
    </outline>
    <outline type="rss" text="https://x.example/rss" xmlUrl="https://x.example/rss" briefbot:paused="true"/>
  </body>
</opml>
`);
  });

  it('escapes attribute values and removes control characters', () => {
    const xml = buildOpml(
      [{ url: 'https://a.example/feed?x=1&y=2', title: 'Tom & "Jerry" <3\u0007\nshow' }],
      {
        title: 'A & B',
        now,
      },
    );
    expect(xml).toContain('<title>A &amp; B</title>');
    expect(xml).toContain(
      'text="Tom &amp; &quot;Jerry&quot; &lt;3 show" title="Tom &amp; &quot;Jerry&quot; &lt;3 show" xmlUrl="https://a.example/feed?x=1&amp;y=2"',
    );
  });

  it('round-trips through parseOpml', () => {
    const feeds: OpmlExportFeed[] = [
      {
        url: 'https://n.example/rss?a=1&b=2',
        title: 'News & "Views" <daily>',
        siteUrl: 'https://n.example/',
        kind: 'news',
      },
      { url: 'https://c.example/feed', title: 'Concurrent’s blog ✓', kind: 'competitor' },
      {
        url: 'https://f.example/latest.rss',
        title: "It's a forum",
        siteUrl: 'https://f.example/',
        kind: 'forum',
      },
      { url: 'https://u.example/feed.xml' },
      { url: 'https://r.example/reviews', title: 'Reviews', kind: 'review' },
      { url: 'https://m.example/c.rss', title: 'Community', kind: 'community' },
      { url: 'https://b.example/atom', title: 'Blog', kind: 'blog' },
      { url: 'https://p.example/feed', title: 'Paused', kind: 'forum', paused: true },
      // The competitor a feed stands for goes with it.
      { url: 'https://i.example/feed', title: 'Inside Intercom', kind: 'competitor', competitor: 'Intercom' },
    ];
    const parsed = parseOpml(buildOpml(feeds, { title: 'Briefbot feeds', now }));
    const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);
    expect([...parsed].sort(byUrl)).toEqual([...feeds].sort(byUrl));
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
