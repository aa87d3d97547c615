import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.ts';
import { decodeBody } from '../../src/monitor/charset.ts';
import { itemKey, parseFeed } from '../../src/monitor/parse.ts';
import { listSharedFeeds, sharedFeed } from '../helpers/fixtures.ts';

/** The texts an RSS feed whose items have these bodies (HTML in CDATA) gives them, in order. */
async function itemTexts(bodies: string[]): Promise<string[]> {
  const items = bodies.map(
    (body, id) =>
      `<item><title>Post ${id}</title><link>https://blog.example/${id}</link><description><![CDATA[${body}]]></description></item>`,
  );
  const feed = await parseFeed(
    `<rss version="2.0"><channel><title>Blog</title>${items.join('')}</channel></rss>`,
    'https://blog.example/feed',
  );
  return feed.items.map((item) => item.text);
}

function readShared(path: string): string {
  const bytes = sharedFeed(path);
  return decodeBody(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes);
}

async function parseError(body: string): Promise<FeedError> {
  const error = await parseFeed(body, 'https://example.com/feed').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

/** A feed of one item per body (as `content:encoded`), parsed: for what a body's text keeps and drops. */
function feedOfBodies(bodies: string[]) {
  const items = bodies.map(
    (body, index) =>
      `<item><title>Acme pricing</title><link>https://n.example/p/${index}</link><content:encoded><![CDATA[${body}]]></content:encoded></item>`,
  );
  return parseFeed(
    `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>N</title><link>https://n.example/</link>${items.join('')}</channel></rss>`,
    'https://n.example/feed',
  );
}

// Articles about HTML, whose text quotes tags as code ("not inside <pre> or <script>").
const quotesMarkup = new Set(['feed-rs/atom_example_xhtml.xml']);

const notFeeds: Record<string, string> = {
  'node-feedparser/notafeed.html': 'NOT_A_FEED',
  'rss-parser/unrecognized.rss': 'NOT_A_FEED',
};

describe('every shared real-world feed', () => {
  it.each(listSharedFeeds().filter((path) => !path.endsWith('.md')))(
    '%s yields sensible items or the right error',
    async (path) => {
      const body = readShared(path);
      const expectedError = notFeeds[path];
      if (expectedError) {
        expect((await parseError(body)).code).toBe(expectedError);
        return;
      }
      const feed = await parseFeed(body, `https://fixtures.example.com/${path}`);
      const keys = new Set<string>();
      for (const item of feed.items) {
        expect(item.key.length).toBeGreaterThan(0);
        expect(keys.has(item.key)).toBe(false);
        keys.add(item.key);
        expect(item.title.length).toBeGreaterThan(0);
        // Plain text: no markup, no undecoded entities, no runs of whitespace.
        for (const text of [item.title, item.text]) {
          if (!quotesMarkup.has(path)) expect(text).not.toMatch(/<\/?(p|div|br|span|img|a|script|style)\b/i);
          expect(text).not.toMatch(/&(amp|quot|nbsp|#\d+);/);
          expect(text).not.toMatch(/\s{2,}/);
        }
        if (item.url) expect(item.url).toMatch(/^https?:\/\/[^\s]+$/);
        if (item.url) expect(item.url).not.toMatch(/[?&]utm_/);
        if (item.publishedAt) expect(Number.isNaN(item.publishedAt.getTime())).toBe(false);
      }
    },
  );

  it('reads each feed the same whether parsed alone or side by side with broken ones', async () => {
    // The poller parses several feeds at once; a broken one must not fail or empty its neighbours.
    const bodies = listSharedFeeds()
      .filter((path) => /\.(xml|rss|atom)$/.test(path))
      .map(readShared)
      .filter((body) => body.length < 200_000);
    const middle = (body: string) => body.indexOf('>', Math.floor(body.length / 2)) + 1;
    const documents = bodies.flatMap((body) => [
      body,
      // Cut short; a stray "<" half-way; a tag closed that was never opened, half-way.
      body.slice(0, Math.floor(body.length * 0.6)),
      `${body.slice(0, middle(body))}<<${body.slice(middle(body))}`,
      `${body.slice(0, middle(body))}</nothing>${body.slice(middle(body))}`,
      body.replace(/<title>/, '<title>R&D '),
    ]);
    const outcome = (body: string) =>
      parseFeed(body, 'https://fixtures.example.com/feed').then(
        (feed) => JSON.stringify(feed.items.map((item) => [item.key, item.title])),
        (error: unknown) => (error instanceof FeedError ? error.message : String(error)),
      );
    const alone: string[] = [];
    for (const body of documents) alone.push(await outcome(body));
    expect(alone.filter((result) => result.startsWith('The feed cannot be read')).length).toBeGreaterThan(
      bodies.length / 2,
    );
    expect(await Promise.all(documents.map(outcome))).toEqual(alone);
  });

  it('gives FeedBurner and Pheedo items the article address, keeping the keys their links made', async () => {
    const atom = await parseFeed(readShared('rss-parser/feedburner.atom'), 'https://fixtures.example.com/f');
    expect(atom.items[0]?.url).toBe(
      'http://googleadsdeveloper.blogspot.com/2016/06/adwords-and-dfp-java-client-library.html',
    );
    const rss = await parseFeed(
      readShared('node-feedparser/wapowellness.xml'),
      'https://fixtures.example.com/f',
    );
    expect(rss.items[0]?.url).toBe(
      'http://www.washingtonpost.com/lifestyle/wellness/schools-minister-to-kids-fitness-and-nutrition-needs/2012/08/21/0ca90d46-e6eb-11e1-936a-b801f1abab19_story.html',
    );
    const noGuid = await parseFeed(
      `<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>B</title>
        <item><title>A post</title><link>http://feeds.feedburner.com/~r/b/~3/abc/</link>
          <feedburner:origLink>https://blog.example.com/2026/11/a-post/?utm_source=feedburner</feedburner:origLink></item>
        <item><title>Not a web address</title><link>https://blog.example.com/2</link>
          <feedburner:origLink>javascript:void(0)</feedburner:origLink></item>
      </channel></rss>`,
      'https://feeds.example.com/b',
    );
    expect(noGuid.items.map((item) => [item.key, item.url])).toEqual([
      ['http://feeds.feedburner.com/~r/b/~3/abc/', 'https://blog.example.com/2026/11/a-post/'],
      ['https://blog.example.com/2', 'https://blog.example.com/2'],
    ]);
  });

  it('drops bidi controls that would make a title show other text, keeping the marks right-to-left text needs', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>H \u202eevil</title>
        <item><title>Acme \u202egnp.exe bidi \u2066x\u2069 &#x202D;y&#8206;</title><link>https://ok.example/6</link>
          <description>Body \u202aa\u202c b\u200f</description><dc:creator>Eve \u202e\u2067</dc:creator></item>
        <item><title>\u05e9\u05dc\u05d5\u05dd\u200f Acme\u202e</title><link>https://ok.example/7</link></item>
      </channel></rss>`,
      'https://feeds.example.com/h',
    );
    expect(feed.title).toBe('H evil');
    expect(feed.items.map((item) => [item.title, item.text, item.author])).toEqual([
      ['Acme gnp.exe bidi x y', 'Body a b', 'Eve'],
      ['\u05e9\u05dc\u05d5\u05dd\u200f Acme', expect.anything(), null],
    ]);
  });

  it("takes an Atom entry's author from its <source>'s author, never from its title or an address", async () => {
    const titled = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title>
        <entry><title>A</title><id>urn:a</id><source><title>Acme Engineering</title><id>urn:s</id>
          <author><uri>https://acme.example/</uri></author></source></entry>
        <entry><title>B</title><id>urn:b</id><source><author><uri>http://example.com/</uri></author></source></entry>
        <entry><title>C</title><id>urn:c</id><source><title>Acme Engineering</title>
          <author><name>Jane Doe</name></author></source></entry>
      </feed>`,
      'https://planet.example/atom',
    );
    // The source's title names a blog, not a person: the entry has no author then.
    expect(titled.items.map((item) => item.author)).toEqual([null, null, 'Jane Doe']);
    const planet = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title><author><name>Planet team</name></author>
        <entry><title>A</title><id>urn:a</id><source><title>Acme Engineering</title></source></entry>
      </feed>`,
      'https://planet.example/atom',
    );
    expect(planet.items[0]?.author).toBe('Planet team');
    const reader = await parseFeed(readShared('reader/full.atom'), 'https://example.org/feed.atom');
    expect(reader.items.map((item) => item.author)).toEqual([
      'John Doe',
      'John Doe',
      'John Doe',
      'John Doe',
      'Source Author',
    ]);
    const rss = await parseFeed(
      `<rss version="2.0"><channel><title>G</title><item><title>B</title><link>https://e.example/b</link>
        <source url="https://reuters.com/feed"/></item></channel></rss>`,
      'https://e.example/f',
    );
    expect(rss.items[0]?.author).toBeNull();
  });

  it('names a video\'s uploader from <media:credit role="author"> (Vimeo), never a photographer credit', async () => {
    const vimeo = await parseFeed(
      readShared('feed-rs/rss_2.0_vimeo_media.xml'),
      'https://vimeo.com/user110157601/videos/rss',
    );
    expect(vimeo.items.map((item) => item.author)).toEqual(['Failla Wines']);
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>V</title>
        <item><title>A</title><link>https://v.example/a</link><media:group>
          <media:credit role="Author">Ana Lima</media:credit></media:group></item>
        <item><title>B</title><link>https://v.example/b</link><media:content url="https://v.example/b.jpg">
          <media:credit role="photographer">John Photographer</media:credit><media:credit role="author"> </media:credit></media:content></item>
      </channel></rss>`,
      'https://v.example/feed',
    );
    expect(feed.items.map((item) => item.author)).toEqual(['Ana Lima', null]);
  });

  it('takes a theme\'s placeholder author ("Article Author") for no name, so the <source>\'s author is shown', async () => {
    const planet = await parseFeed(
      readShared('feed-rs/atom_example_7.xml'),
      'https://planet.gnome.org/atom.xml',
    );
    expect(planet.items.map((item) => item.author)).toEqual(['feaneron', 'Jakub Steiner', 'Jussi']);
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>W</title>
        <item><title>A</title><link>https://w.example/a</link><author>Unknown</author></item>
        <item><title>B</title><link>https://w.example/b</link><author>Author Name</author></item>
        <item><title>C</title><link>https://w.example/c</link><author>Authorized Dealer</author></item>
      </channel></rss>`,
      'https://w.example/feed',
    );
    expect(feed.items.map((item) => item.author)).toEqual([null, null, 'Authorized Dealer']);
  });

  it('reads a byline copied whole ("By Raj Patel", as news wires write dc:creator, or "Author: Luke") as the name', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>W</title>
        <item><title>A</title><link>https://w.example/a</link><dc:creator>By Raj Patel</dc:creator></item>
        <item><title>B</title><link>https://w.example/b</link><dc:creator>by: Jane Roe</dc:creator></item>
        <item><title>C</title><link>https://w.example/c</link><dc:creator>Bylaw Committee</dc:creator></item>
        <item><title>D</title><link>https://w.example/d</link><dc:creator>By</dc:creator></item>
        <item><title>E</title><link>https://w.example/e</link><dc:creator>Author: Luke Dorny</dc:creator></item>
        <item><title>F</title><link>https://w.example/f</link><dc:creator>Authority Magazine</dc:creator></item>
      </channel></rss>`,
      'https://w.example/feed',
    );
    expect(feed.items.map((item) => item.author)).toEqual([
      'Raj Patel',
      'Jane Roe',
      'Bylaw Committee',
      'By',
      'Luke Dorny',
      'Authority Magazine',
    ]);
  });

  it('titles an item that has none (a Mastodon post) by its first sentence, else its opening words', async () => {
    const post = (text: string, id: number) =>
      `<item><guid>https://mastodon.example/@dana/${id}</guid><description>&lt;p&gt;${text}&lt;/p&gt;</description></item>`;
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>Dana</title>
        ${post("Acme Desk's new pricing is wild. Our renewal quote went up 25% with no warning. #saas #helpdesk", 1)}
        ${post('@acme any news on the SSO outage?', 2)}
        ${post('no punctuation at all in this rather long post about renewals and quotes and discounts and more words', 3)}
      </channel></rss>`,
      'https://mastodon.example/@dana.rss',
    );
    expect(feed.items.map((item) => item.title)).toEqual([
      "Acme Desk's new pricing is wild.",
      '@acme any news on the SSO outage?',
      'no punctuation at all in this rather long post about renewals and quotes and discounts…',
    ]);
  });

  it('reads RSS items written after </channel>, and says what is wrong with element names in capitals', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Outside</title><link>https://o.example/</link>
        <item><title>Inside</title><link>https://o.example/0</link></item></channel>
        <item><title>Stray</title><link>https://o.example/1</link></item></rss>`,
      'https://o.example/feed',
    );
    expect(feed.items.map((item) => item.title)).toEqual(['Inside', 'Stray']);
    const upper = await parseError(
      '<?xml version="1.0"?><RSS version="2.0"><CHANNEL><TITLE>U</TITLE></CHANNEL></RSS>',
    );
    expect(upper.code).toBe('MALFORMED');
    expect(upper.message).toMatch(/not shaped like RSS or Atom .*case-sensitive/);
  });

  it('reads a "<" that starts no tag as text, and leaves CDATA as it is', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title>
        <item><title>Price < $10 & more</title><link>https://e.example/1</link><description>I <3 it; 5<6</description></item>
        <item><title><![CDATA[a < b]]></title><link>https://e.example/2</link><description><![CDATA[<p>x &lt; y</p>]]> and 1 < 2</description></item>
      </channel></rss>`,
      'https://e.example/feed',
    );
    expect(feed.items.map((item) => [item.title, item.text])).toEqual([
      ['Price < $10 & more', 'I <3 it; 5<6'],
      ['a < b', 'x < y and 1 < 2'],
    ]);
  });

  it('reads the text clean around a "]]>" that closes no CDATA section', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title>
        <item><title>Acme raises prices]]></title><link>https://e.example/1</link><description><p>Plain <b>markup</b> here.</p>]]></description></item>
        <item><title><![CDATA[Doubled]]>]]></title><link>https://e.example/2</link><description><![CDATA[<p>Customers are <b>angry</b>]]> about the <i>rise</i>.</p>]]></description></item>
        <item><title>Intro</title><link>https://e.example/3</link><description><![CDATA[<p>Intro</p>]]><p>Raw <a href="https://x.example/">link</a> tail</p>]]></description></item>
        <item><title>Code</title><link>https://e.example/4</link><description><![CDATA[<p>Write <code>if (a[b[0]]>1)</code> as <em>is</em>.</p>]]></description></item>
        <item><title>Text</title><link>https://e.example/5</link><description>The sequence ]]&gt; ends a section</description></item>
        <item><title>Escaped</title><link>https://e.example/6</link><description>&lt;p&gt;Escaped &lt;b&gt;markup&lt;/b&gt;.&lt;/p&gt;]]&gt;</description></item>
        <item><title>Leading</title><link>https://e.example/7</link><description>]]&gt;&lt;p&gt;Lead &lt;a href="https://x.example/"&gt;link&lt;/a&gt;&lt;/p&gt;</description></item>
      </channel></rss>`,
      'https://e.example/feed',
    );
    expect(feed.items.map((item) => [item.title, item.text])).toEqual([
      ['Acme raises prices', 'Plain markup here.'],
      ['Doubled', 'Customers are angry about the rise.'],
      ['Intro', 'Intro Raw link tail'],
      ['Code', 'Write if (a[b[0]]>1) as is.'],
      ['Text', 'The sequence ]]> ends a section'],
      ['Escaped', 'Escaped markup.'],
      ['Leading', 'Lead link'],
    ]);
  });

  it("drops Reddit's footer from an item's text and keeps its comment count", async () => {
    const feed = await parseFeed(readShared('rss-parser/reddit-home.rss'), 'https://www.reddit.com/.rss');
    const link = feed.items.find((item) => item.key === 't3_42tizy');
    expect(link?.text).toBe('');
    expect(link?.commentCount).toBe(1143);
    const self = feed.items.find((item) => item.text.endsWith('actually inside your room awake :)'));
    expect(self?.text).not.toMatch(/submitted by|\[link\]/);
    expect(self?.commentCount).toBeGreaterThan(0);
    // The same words elsewhere are text.
    const blog = await parseFeed(
      `<rss version="2.0"><channel><title>B</title><item><title>T</title><link>https://b.example/1</link>
        <description>Forms submitted by customers to support [link] go to the queue</description></item></channel></rss>`,
      'https://b.example/feed',
    );
    expect(blog.items[0]?.text).toBe('Forms submitted by customers to support [link] go to the queue');
  });

  it('drops the endings blogging tools append to every item', async () => {
    const texts = await itemTexts([
      '<p>We cut response times in half.</p><p>The post <a href="https://blog.example/1">Faster support</a> appeared first on <a href="https://blog.example">Acme Blog</a>.</p>',
      '<p>Grow your own food.</p><hr><p><a href="https://medium.com/p/2">Grow Your Own Food</a> was originally published in <a href="https://medium.com/inv">Invironment</a> on Medium, where people are continuing the conversation by highlighting and responding to this story.</p>',
      'Traditional conservatives have less to object to. <a href="https://blog.example/3">Continue reading...</a>',
      'Radiant floor heating throughou [...]',
      'Readers read more than ever, says the survey.',
      'Customers can read more about pricing on our website',
      'Casual Work read more',
    ]);
    expect(texts).toEqual([
      'We cut response times in half.',
      'Grow your own food.',
      'Traditional conservatives have less to object to.',
      'Radiant floor heating throughou…',
      'Readers read more than ever, says the survey.',
      'Customers can read more about pricing on our website',
      'Casual Work',
    ]);
  });

  it("drops a news site's copyright notice and a podcast host's links under every item", async () => {
    const texts = await itemTexts([
      '<p>Acme will raise prices 18%.</p>\n<p>&#169; 2024 TechDaily. All rights reserved. For personal use only.</p>',
      '<p>We compare Acme and Globex.</p><p>---</p><p>Send in a voice message: https://podcasters.spotify.com/pod/show/ops/message</p><p>Support this podcast: <a href="https://podcasters.spotify.com/pod/show/ops/support">https://podcasters.spotify.com/pod/show/ops/support</a></p>',
      '<p>Episode two.</p><p>Support this podcast: https://anchor.fm/ops/support</p>',
      'Our licence is for personal use only, says the vendor.',
    ]);
    expect(texts).toEqual([
      'Acme will raise prices 18%.',
      'We compare Acme and Globex.',
      'Episode two.',
      'Our licence is for personal use only, says the vendor.',
    ]);
  });

  it("drops Confluence's who-changed-it line and links, and arXiv's listing header, keeping the words", async () => {
    const page = (id: number, summary: string) =>
      `<entry><title>Page ${id}</title><link rel="alternate" href="https://wiki.example/display/CS/${id}"/><author><name>Samir Haddad</name></author><updated>2024-11-05T13:25:07Z</updated><summary type="html"><![CDATA[${summary}]]></summary></entry>`;
    const wiki = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Wiki</title>
        ${page(1, '<div class="feed"> <p>Page <b>edited</b> by <a href="https://wiki.example/display/~sh">Samir Haddad</a> - "<span class="change-comment">new quote</span>"</p><div><p>Acme quoted $58 per agent.</p></div><div><a href="https://wiki.example/1">View Online</a> &middot; <a href="https://wiki.example/l">Like</a> &middot; <a href="https://wiki.example/d">View Changes Online</a> | <a href="https://wiki.example/c">Add Comment</a></div></div>')}
        ${page(2, '<div class="feed"><p>Blog post <b>added</b> by <a href="https://wiki.example/display/~sh">Samir Haddad</a></p><div><p>Renewal is due in January.</p></div><div><a href="https://wiki.example/2">View Online</a></div></div>')}
        ${page(3, '<p>The page edited by <b>Samir</b> says: view online first.</p>')}
      </feed>`,
      'https://wiki.example/feed',
    );
    expect(wiki.items.map((item) => item.text)).toEqual([
      'Acme quoted $58 per agent.',
      'Renewal is due in January.',
      'The page edited by Samir says: view online first.',
    ]);
    // arXiv's listing header, as its feed breaks it over two lines.
    expect(
      await itemTexts([
        'arXiv:2410.09876v2 Announce Type: replace-cross \nAbstract: We recast ticket routing as retrieval.',
      ]),
    ).toEqual(['We recast ticket routing as retrieval.']);
  });

  it("drops a release's closing press contacts, and keeps a sentence about contacting the press", async () => {
    const texts = await itemTexts([
      '<p>The Team plan will cost $58.</p><p><strong>Press Contacts</strong><br>Jane Roe<br>Acme<br><a href="mailto:jroe@acme.example">jroe@acme.example</a></p>',
      '<p>Revenue grew 9%.</p><p>Media and Investor Contact: Sam Lee, +1 415 555 0100</p>',
      '<p>Journalists asked about the media contacts we had promised.</p>',
    ]);
    expect(texts).toEqual([
      'The Team plan will cost $58.',
      'Revenue grew 9%.',
      'Journalists asked about the media contacts we had promised.',
    ]);
  });

  it("drops Discourse's footer and counts the replies in it", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>Support Ops Community - Latest topics</title><link>https://community.example</link>
        <item><title>Acme price increase: renegotiating or switching?</title><link>https://community.example/t/acme/8841</link>
          <description><![CDATA[<p>Our renewal quote is 17% higher.</p>
            <p><small>12 posts - 5 participants</small></p>
            <p><a href="https://community.example/t/acme/8841">Read full topic</a></p>]]></description></item>
        <item><title>Welcome</title><link>https://community.example/t/welcome/1</link>
          <description><![CDATA[<p>Say hello.</p><p><a href="https://community.example/t/welcome/1">Read full topic</a></p>]]></description></item>
      </channel></rss>`,
      'https://community.example/latest.rss',
    );
    expect(feed.items.map((item) => [item.text, item.commentCount])).toEqual([
      ['Our renewal quote is 17% higher.', 11],
      ['Say hello.', null],
    ]);
  });

  it("drops Substack's and Ghost's subscribe boxes from a post's text, and keeps sentences about subscribing", async () => {
    const feed = await feedOfBodies([
      `<p>Acme caps AI triage at 500 tickets.</p><div class="subscription-widget-wrap"><p class="cta-caption">Thanks for reading The Support Stack! Subscribe for free to receive new posts and support my work.</p><form><input type="email" placeholder="Type your email…"><input type="submit" value="Subscribe"></form></div><p>The bill rises 18%.</p>`,
      '<p>Renewals are up.</p><p>The Support Stack is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p>',
      '<p>Renewal season is here.</p><aside class="gh-post-upgrade-cta"><h2>This post is for paying subscribers only</h2><a href="#/portal/signup">Subscribe now</a><p>Already have an account? <a href="#/portal/signin">Sign in</a></p></aside>',
      '<p>Globex users who subscribe for free get 500 tickets. Thanks for reading the fine print: subscribe for free only if you need fewer. This post is for paying subscribers only in spirit.</p>',
    ]);
    expect(feed.items.map((item) => item.text)).toEqual([
      'Acme caps AI triage at 500 tickets. The bill rises 18%.',
      'Renewals are up.',
      'Renewal season is here.',
      'Globex users who subscribe for free get 500 tickets. Thanks for reading the fine print: subscribe for free only if you need fewer. This post is for paying subscribers only in spirit.',
    ]);
  });

  it("drops Substack's paywall box, XenForo's quote button and phpBB's statistics line, keeping phpBB's reply count", async () => {
    const feed = await feedOfBodies([
      '<p>Acme now costs $45 a seat.</p><div class="subscription-widget"><div class="preamble"><p>Keep reading with a 7-day free trial</p></div><p>Subscribe to SaaS Ledger to keep reading this post and get 7 days of free access to the full post archives.</p><p>Already a paid subscriber? Sign in</p></div>',
      '<div class="bbWrapper">Agents could not log in.<blockquote><div>We are investigating.</div><div class="bbCodeBlock-expandLink"><a role="button">Click to expand...</a></div></blockquote>Anyone else?</div>',
      'Our rep offered 10% off.<p>Statistics: Posted by <a href="https://f.example/u/8">jdoe</a> — Tue Nov 05, 2024 4:58 pm — Replies 6 — Views 143</p><hr />',
      'Same here.<p>Statistics: Posted by <a href="https://f.example/u/9">amy</a> — Tue Nov 05, 2024 5:10 pm</p><hr />',
    ]);
    expect(feed.items.map((item) => [item.text, item.commentCount])).toEqual([
      ['Acme now costs $45 a seat.', null],
      ['Agents could not log in. We are investigating. Anyone else?', null],
      ['Our rep offered 10% off.', 6],
      ['Same here.', null],
    ]);
  });

  it("drops a newsletter template's browser link and list footer, and Product Hunt's link line", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>N</title><link>https://n.example/</link>
        <item><title>November</title><link>https://mailchi.example/initech/november?e=[UNIQID]</link><description><![CDATA[<a href="*|ARCHIVE|*">View this email in your browser</a><h1>Our new service desk</h1><p>From 1 December, requests go through Globex.</p><a href="*|UNSUB|*">unsubscribe from this list</a> <a href="*|UPDATE_PROFILE|*">update subscription preferences</a>]]></description></item>
        <item><title>Globex Assist 2.0</title><link>https://ph.example/products/assist</link><description><![CDATA[<p>AI agent for tickets</p><p><a href="https://ph.example/posts/assist">Discussion</a> | <a href="https://ph.example/r/p/1">Link</a></p>]]></description></item>
        <item><title>How to leave</title><link>https://n.example/leave</link><description>To stop, unsubscribe from this list. View this email in your browser.</description></item>
      </channel></rss>`,
      'https://n.example/feed',
    );
    expect(feed.items.map((item) => [item.url, item.text])).toEqual([
      [
        'https://mailchi.example/initech/november',
        'Our new service desk From 1 December, requests go through Globex.',
      ],
      ['https://ph.example/products/assist', 'AI agent for tickets'],
      // The phrase alone, in a sentence of the post, stays.
      ['https://n.example/leave', 'To stop, unsubscribe from this list.'],
    ]);
  });

  it("names what a release feed's version-only titles release, from the feed's title", async () => {
    const releases = (feedTitle: string, ...titles: string[]) =>
      parseFeed(
        `<rss version="2.0"><channel><title>${feedTitle}</title><link>https://r.example/</link>${titles
          .map(
            (title, index) => `<item><title>${title}</title><link>https://r.example/${index}</link></item>`,
          )
          .join('')}</channel></rss>`,
        'https://r.example/feed',
      );
    const titles = async (feed: ReturnType<typeof releases>) => (await feed).items.map((item) => item.title);
    expect(
      await titles(releases('PyPI recent updates for globex-assist', '2.1.0', 'v2.0.0-rc.1', 'Yanked 1.9')),
    ).toEqual(['globex-assist 2.1.0', 'globex-assist v2.0.0-rc.1', 'Yanked 1.9']);
    expect(await titles(releases('Release notes from desk-cli', 'v5.0.1'))).toEqual(['desk-cli v5.0.1']);
    // A feed that is not a release feed: a number stays as it is.
    expect(await titles(releases('Acme News', '2024.11'))).toEqual(['2024.11']);
    // The key is the one the version made (its link here), so nothing stored reads as new.
    expect((await releases('Release notes from desk-cli', 'v5.0.1')).items[0]?.key).toBe(
      'https://r.example/0',
    );
  });

  it("names a channel with no title or link of its own by its <image>'s", async () => {
    const feed = await parseFeed(
      '<rss version="2.0"><channel><image><url>https://i.example/logo.png</url><title>Image Only</title><link>https://i.example/</link></image></channel></rss>',
      'https://i.example/feed',
    );
    expect([feed.title, feed.link, feed.items]).toEqual(['Image Only', 'https://i.example/', []]);
  });

  it("names a press release's issuing company (dc:contributor) as its author when none is named", async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title><link>https://wire.example/</link>
        <item><title>Initech selects Globex</title><link>https://wire.example/1</link><dc:contributor>Initech</dc:contributor></item>
        <item><title>Acme results</title><link>https://wire.example/2</link><dc:creator>Jane Roe</dc:creator><dc:contributor>Acme Inc.</dc:contributor></item>
      </channel></rss>`,
      'https://wire.example/feed',
    );
    expect(feed.items.map((item) => item.author)).toEqual(['Initech', 'Jane Roe']);
  });

  it('names a press release ending "SOURCE: Company" (ACCESSWIRE) by that company when it names no author', async () => {
    const release = (n: number, body: string, extra = '') =>
      `<item><title>Release ${n}</title><link>https://wire.example/${n}</link>${extra}<description><![CDATA[${body}]]></description></item>`;
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title><link>https://wire.example/</link>
        ${release(1, '<p>RALEIGH, NC / WIRE / November 5, 2024 / Umbrella Corp reported revenue up 12%.</p><p><strong>SOURCE:</strong> Umbrella Corp</p><p><a href="https://wire.example/1">View the original press release on WIRE</a></p>')}
        ${release(2, '<p>Acme Inc. reported results.</p><p>SOURCE: Acme Inc.</p>', '<dc:creator>Jane Roe</dc:creator>')}
        ${release(3, '<p>Our source: a customer who moved off Acme Desk last week.</p>')}
        ${release(4, '<p>SOURCE: the company said revenue rose, but analysts were unconvinced about it all.</p><p>More to come.</p>')}
      </channel></rss>`,
      'https://wire.example/feed',
    );
    expect(feed.items.map((item) => item.author)).toEqual(['Umbrella Corp', 'Jane Roe', null, null]);
  });

  it("drops Hacker News feeds' footers and keeps their comment counts", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>Hacker News: Newest</title><link>https://news.ycombinator.com/newest</link>
        <item><title>Acme raises prices 18%</title><link>https://saasledger.example/acme</link>
          <description><![CDATA[<p>Article URL: <a href="https://saasledger.example/acme">https://saasledger.example/acme</a></p>
          <p>Comments URL: <a href="https://news.ycombinator.com/item?id=1">https://news.ycombinator.com/item?id=1</a></p>
          <p>Points: 120</p><p># Comments: 45</p>]]></description></item>
        <item><title>Ask HN: Who moved off Acme Desk?</title><link>https://news.ycombinator.com/item?id=2</link>
          <description><![CDATA[<p>Our renewal went up 25%.</p><hr><p>Comments URL: <a href="https://news.ycombinator.com/item?id=2">https://news.ycombinator.com/item?id=2</a></p>
          <p>Points: 9</p><p># Comments: 4</p>]]></description></item>
        <item><title>Globex ships Assist</title><link>https://globex.example/assist</link>
          <description><![CDATA[<a href="https://news.ycombinator.com/item?id=3">Comments</a>]]></description></item>
      </channel></rss>`,
      'https://hnrss.org/newest',
    );
    expect(feed.items.map((item) => [item.text, item.commentCount])).toEqual([
      ['', 45],
      ['Our renewal went up 25%.', 4],
      ['', null],
    ]);
  });

  it('gives a Hacker News item linked to its discussion (hnrss link=comments) the article as its address', async () => {
    const story = (id: number, link: string, article = '', comments = '') =>
      `<item><title>Story ${id}</title><link>${link}</link>${comments}
        <description><![CDATA[${article && `<p>Article URL: <a href="${article}">${article}</a></p>`}
        <p>Comments URL: <a href="https://news.ycombinator.com/item?id=${id}">https://news.ycombinator.com/item?id=${id}</a></p>
        <p>Points: 212</p><p># Comments: 148</p>]]></description></item>`;
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>Hacker News: Newest</title><link>https://news.ycombinator.com/newest</link>
        ${story(1, 'https://news.ycombinator.com/item?id=1', 'https://saasledger.example/acme?utm_source=hn', '<comments>https://news.ycombinator.com/item?id=1</comments>')}
        ${story(2, 'https://news.ycombinator.com/item?id=2', 'https://saasledger.example/globex')}
        ${story(3, 'https://news.ycombinator.com/item?id=3')}
        ${story(4, 'https://initech.example/post', 'https://initech.example/post')}
      </channel></rss>`,
      'https://hnrss.org/newest?link=comments',
    );
    expect(feed.items.map((item) => [item.key, item.url, item.text, item.commentCount])).toEqual([
      ['https://news.ycombinator.com/item?id=1', 'https://saasledger.example/acme', '', 148],
      ['https://news.ycombinator.com/item?id=2', 'https://saasledger.example/globex', '', 148],
      // Ask HN: the discussion is the post.
      ['https://news.ycombinator.com/item?id=3', 'https://news.ycombinator.com/item?id=3', '', 148],
      ['https://initech.example/post', 'https://initech.example/post', '', 148],
    ]);
  });

  it("drops Lemmy's header from a post's text and keeps its comment count", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>Lemmy - helpdesks</title><link>https://lemmy.example/c/helpdesks</link>
        <item><title>Acme emails in spam?</title><link>https://lemmy.example/post/1</link>
          <description><![CDATA[submitted by <a href="https://lemmy.example/u/ana">ana</a> to <a href="https://lemmy.example/c/helpdesks">helpdesks</a><br>14 points | <a href="https://lemmy.example/post/1">9 comments</a><p>Our emails fail DMARC.</p>]]></description></item>
        <item><title>Globex review</title><link>https://lemmy.example/post/2</link>
          <description><![CDATA[submitted by <a href="https://lemmy.example/u/bo">bo</a> to <a href="https://lemmy.example/c/helpdesks">helpdesks</a><br>3 points | <a href="https://lemmy.example/post/2">1 comment</a><br>URL: <a href="https://globex.example/review">https://globex.example/review</a>]]></description></item>
        <item><title>Words</title><link>https://lemmy.example/post/3</link>
          <description>Submitted by the customer to support: 2 points | 4 comments were about pricing.</description></item>
      </channel></rss>`,
      'https://lemmy.example/feeds/c/helpdesks.xml',
    );
    expect(feed.items.map((item) => [item.text, item.commentCount])).toEqual([
      ['Our emails fail DMARC.', 9],
      ['', 1],
      ['Submitted by the customer to support: 2 points | 4 comments were about pricing.', null],
    ]);
  });

  it('says what plain text or an empty answer is, and what to do next', async () => {
    const text = await parseError(
      'Error 503: the service is busy.\nPlease try again in a few minutes, thank you.',
    );
    expect(text.code).toBe('NOT_A_FEED');
    expect(text.message).toBe(
      'This is not a feed: it is plain text, not RSS, Atom or JSON Feed (it begins "Error 503: the service is busy. Please try again in a few…"). Check that the address (or file) is the feed itself: the site\'s pages usually link it as RSS or Atom; if the text is an error message, try again later.',
    );
    // A log file (from chardet's corpus, macOS's ioreg) with a number in angle brackets is still text.
    const log = await parseError(
      '    | | |   "IOReportLegend" = ({"IOReportChannels"=((5291294645182005248,<0c00000000000000>)',
    );
    expect(log.message).toMatch(
      /^This is not a feed: it is plain text, not RSS, Atom or JSON Feed \(it begins "\| \| \| "IOReportLegend"/,
    );
    const empty = await parseError(' \n\t');
    expect(empty.code).toBe('NOT_A_FEED');
    expect(empty.message).toMatch(/^This is not a feed: there is nothing in it\. Check that the address/);
  });

  it('reads the items before a CDATA section that is never closed, and says what was lost', async () => {
    const head =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://u.example/</link>';
    const whole = (n: number) =>
      `<item><title><![CDATA[Acme story ${n}]]></title><link>https://u.example/${n}</link></item>\n`;
    const feed = await parseFeed(
      `${head}\n${whole(1)}${whole(2)}<item><title>bad</title><description><![CDATA[never closed</description></item><item><title>Acme story 3</title></item></channel></rss>`,
      'https://u.example/feed',
    );
    expect(feed.items.map((item) => item.title)).toEqual(['Acme story 1', 'Acme story 2']);
    expect(feed.readInPart).toBe(
      'a CDATA section is never closed (line 4, column 38): read up to the last whole item before it; what follows is lost until the publisher closes it with "]]>"',
    );
    expect(feed.cutShort).toBeUndefined();
    // Also inside Atom XHTML content with a bare "<" to repair: the section's text never holds the markup after it.
    const entry = (id: number, body: string) =>
      `<entry><id>e${id}</id><title>Acme ${id}</title><link href="https://u.example/${id}"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${body}</div></content></entry>`;
    const atom = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${entry(1, '<p>Whole.</p>')}${entry(2, '<<![CDATA[p>Never closed.</p>')}${entry(3, '<p>After.</p>')}</feed>`,
      'https://u.example/feed',
    );
    expect(atom.items.map((item) => [item.title, item.text])).toEqual([['Acme 1', 'Whole.']]);
    expect(atom.readInPart).toMatch(/^a CDATA section is never closed \(line 1, column \d+\)/);
    // Nothing whole before it: malformed, saying where.
    const error = await parseError(
      `${head}<item><title>bad</title><description><![CDATA[never closed</description></item></channel></rss>`,
    );
    expect([error.code, error.message]).toEqual([
      'MALFORMED',
      'The feed cannot be read: a CDATA section is never closed (line 1, column 134), and no item before it is whole. Ask the publisher to fix it, or check it at validator.w3.org/feed.',
    ]);
  });

  it('rejects a document whose declaration is never closed, at once', async () => {
    const error = await parseError(
      '<?xml version="1.0"?>\n<?xml-stylesheet type=\'text/xsl\' href=\'rss.xsl\'S>\n<rss version="2.0"><channel><title>T</title></channel></rss>',
    );
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/the "<\?xm…" on line 2 is never closed with "\?>"/);
  });
});

describe('parseFeed formats', () => {
  it.each([
    ['node-feedparser/rss2sample.xml', 'rss2', 4],
    ['rss-parser/rss-1.rss', 'rss1', 69],
    ['rss-parser/craigslist.rss', 'rss1', 25],
    ['rss-parser/heraldsun.rss', 'rss09', 2],
    ['rss-parser/heise.atom', 'atom', 15],
    ['feed-extractor/json-feed-standard-realworld.json', 'json', 10],
    ['node-feedparser/nondefaultnamespace.atom', 'atom', 1],
    ['node-feedparser/complexNamespaceFeed.xml', 'atom', 1],
  ])('%s is %s with %i items', async (path, format, count) => {
    const feed = await parseFeed(readShared(path), 'https://example.com/feed');
    expect(feed.format).toBe(format);
    expect(feed.items).toHaveLength(count);
  });

  it('reads an RSS 0.90 or 1.0 document with no channel or item yet as an empty feed, other RDF not at all', async () => {
    // feedparser's rss_version_090.xml: just the root in RSS 0.90's namespace.
    const empty = await parseFeed(readShared('feedparser/rss_version_090.xml'), 'https://example.com/feed');
    expect([empty.format, empty.items]).toEqual(['rss09', []]);
    const foaf = await parseError(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:foaf="http://xmlns.com/foaf/0.1/"><foaf:Person/></rdf:RDF>',
    );
    expect(foaf.code).toBe('MALFORMED');
  });

  it("reads an RSS 1.0 document that writes RSS's own elements with a prefix (<rss:item>)", async () => {
    // Atypon's journal feeds (feedjira's fixture, cut to two articles): <rss:channel>, <rss:item>.
    const feed = await parseFeed(
      readShared('feedjira/AtyponRSSFeed.xml'),
      'http://ajph.aphapublications.org/action/showFeed?type=etoc',
    );
    expect(feed.format).toBe('rss1');
    expect(feed.title).toBe(
      'American Public Health Association: American Journal of Public Health: Table of Contents',
    );
    expect(feed.items.map((item) => [item.url, item.author, item.publishedAt?.toISOString()])).toEqual([
      [
        'http://ajph.aphapublications.org/doi/abs/10.2105/AJPH.2014.302274?af=R',
        'Sarah Moody-Thomas',
        '2015-03-06T21:09:13.000Z',
      ],
      [
        'http://ajph.aphapublications.org/doi/abs/10.2105/AJPH.2014.302272?af=R',
        'Beth E. Meyerson',
        '2015-03-06T21:09:15.000Z',
      ],
    ]);
  });

  it('reads content and Dublin Core written under another prefix than the usual one', async () => {
    // rust-syndication/rss's fixtures: <ce:encoded> for content:encoded, <dublincore:creator> for dc:creator.
    const content = await parseFeed(readShared('rust-rss/content_altprefix.xml'), 'https://example.com/feed');
    expect(content.items[0]?.text).toBe('An example link.');
    const dublinCore = await parseFeed(
      readShared('rust-rss/dublincore_altprefix.xml'),
      'https://example.com/feed',
    );
    expect(dublinCore.items[0]).toMatchObject({
      author: 'Creator',
      publishedAt: new Date('2016-08-27T00:00:00Z'),
      text: 'Description',
    });
    // A document that gives the usual prefix to another namespace keeps its own names.
    const clash = await parseFeed(
      `<rss version="2.0" xmlns:dc="https://example.com/not-dublin-core" xmlns:ns0="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
        <item><title>A</title><link>https://example.com/a</link><dc:creator>Not a person</dc:creator><ns0:creator>Jane Doe</ns0:creator></item></channel></rss>`,
      'https://example.com/feed',
    );
    expect(clash.items[0]?.author).toBe('Not a person');
  });

  it('tells RSS 0.90, which is RDF, from RSS 1.0 by its namespace', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
        <channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link></channel>
        <item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
        <item><title>Bugzilla Reorganized</title><link>http://www.mozilla.org/bugs/</link></item>
      </rdf:RDF>`,
      'https://example.com/feed',
    );
    expect(feed.format).toBe('rss09');
    expect(feed.items.map((item) => item.url)).toEqual([
      'http://www.mozilla.org/status/',
      'http://www.mozilla.org/bugs/',
    ]);
  });

  it('reads a JSON Feed whose fields have the wrong types, each such field as absent', async () => {
    const feed = await parseFeed(readShared('reader/invalid.json'), 'https://example.com/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.title).toBeNull();
    expect(feed.items.map((item) => item.key)).toEqual([
      '2',
      '3.1415',
      'author name',
      'author url',
      'author name fallback',
      'author empty dict',
      'author empty list',
      'second author is good',
    ]);
    expect(feed.items[1]?.title).toBe('float id');
    expect(feed.items[7]?.author).toBe('Jane');
  });

  it('reads a windows-1251 feed, plain or gzipped', async () => {
    for (const path of ['node-feedparser/iconv.xml', 'node-feedparser/compressed.xml']) {
      const feed = await parseFeed(readShared(path), 'https://example.com/feed');
      expect(feed.title).toBe('Новости Оренбурга и области / Раздел Новости');
      expect(feed.items[0]?.title).toMatch(/[А-Яа-я]/);
    }
  });

  it('reads an ISO-8859-1 feed', async () => {
    const feed = await parseFeed(readShared('rss-parser/encoding.rss'), 'https://www.jn.pt/feed');
    expect(feed.title).toBe('Jornal de Notícias - Últimas Notícias');
  });

  it('reads a feed labelled UTF-8 but written in Windows-1252, with Portuguese dates', async () => {
    // The real uol.com.br feed: no encoding declared (so UTF-8), Latin bytes, "Seg, 24 Set 2018" dates.
    const feed = await parseFeed(readShared('rss-parser/uolNoticias.rss'), 'https://noticias.uol.com.br/');
    expect(feed.items[0]?.title).toBe(
      'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
    );
    for (const item of feed.items) {
      expect(`${item.title} ${item.text}`).not.toContain('\uFFFD');
      expect(item.publishedAt).not.toBeNull();
    }
    expect(feed.items[0]?.publishedAt?.toISOString()).toBe('2018-09-24T22:42:40.000Z');
  });

  it('reads the <time datetime> a Drupal feed writes inside its pubDate', async () => {
    // FDA's drug-recalls feed: <pubDate><time datetime="2019-05-03T19:21:28Z">Fri, 05/03/2019 - 15:21</time></pubDate>.
    const feed = await parseFeed(
      readShared('prof18-rss-parser/feed-test-time.xml'),
      'https://www.fda.gov/rss.xml',
    );
    expect(feed.items[0]?.publishedAt?.toISOString()).toBe('2019-05-03T19:21:28.000Z');
  });

  it('gives the articles of Medium, New York Times and Daily Mail feeds their addresses without the feed’s click tags', async () => {
    const medium = await parseFeed(
      readShared('feed-extractor/medium-feed.xml'),
      'https://medium.com/feed/@a',
    );
    expect(medium.items[0]?.url).toBe(
      'https://ameliakusiak.medium.com/koszty-tranzycji-medycznej-16f4e8603a33',
    );
    const nyt = await parseFeed(
      readShared('node-feedparser/category-feed.xml'),
      'https://www.nytimes.com/rss',
    );
    expect(nyt.items.map((item) => item.url).filter((url) => url?.includes('rss'))).toEqual([]);
    const mail = await parseFeed(
      readShared('node-feedparser/mediacontent-dupes.xml'),
      'https://www.dailymail.co.uk/',
    );
    expect(mail.items.map((item) => item.url).filter((url) => /ITO=|ns_/.test(url ?? ''))).toEqual([]);
  });

  it('keys an item that links only to the site’s home page by its title and date, so the next one is new', async () => {
    // Lucasdelirium posts one "AGGIORNAMENTO" at a time, each linking to https://www.lucasdelirium.it/.
    const body = readShared('prof18-rss-parser/feed-mismatched-html-tags.xml');
    const week = await parseFeed(body, 'https://www.lucasdelirium.it/download/lucasdelirium.xml');
    const next = await parseFeed(
      body.replace('AGGIORNAMENTO DEL 28-9-2025', 'AGGIORNAMENTO DEL 5-10-2025').replace('28 Sep', '05 Oct'),
      'https://www.lucasdelirium.it/download/lucasdelirium.xml',
    );
    expect(week.items[0]?.url).toBe('https://www.lucasdelirium.it/');
    expect(week.items[0]?.key).not.toBe('https://www.lucasdelirium.it/');
    expect(next.items[0]?.key).not.toBe(week.items[0]?.key);
  });

  it('reads markup escaped inside Atom XHTML content as markup, not as text to show', async () => {
    // gofeed's atom03_feed_entry_summary_type_xhtml_escaped_markup.xml: <div xmlns="…xhtml">&lt;p&gt;Entry Summary&lt;/p&gt;</div>.
    const feed = await parseFeed(
      readShared('gofeed/atom03_feed_entry_summary_type_xhtml_escaped_markup.xml'),
      'https://example.com/feed',
    );
    expect([feed.items[0]?.title, feed.items[0]?.text]).toEqual(['Entry Summary', 'Entry Summary']);
  });

  it("takes the page in the entry's or the feed's language when an entry links it in several", async () => {
    const entry = (id: string, lang = '') =>
      `<entry${lang}><id>${id}</id><title>Acme ${id}</title><updated>2024-11-05T09:00:00Z</updated>
        <link rel="alternate" type="text/html" hreflang="de" href="https://h.example/de/${id}"/>
        <link rel="alternate" type="text/html" hreflang="en-GB" href="https://h.example/uk/${id}"/>
        <link rel="alternate" type="text/html" hreflang="en-US" href="https://h.example/us/${id}"/></entry>`;
    const atom = (lang: string, ...entries: string[]) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"${lang}><title>Hooli</title>${entries.join('')}</feed>`;
    const urls = async (xml: string) =>
      (await parseFeed(xml, 'https://h.example/feed.atom')).items.map((item) => item.url);
    expect(await urls(atom(' xml:lang="en-US"', entry('a'), entry('b', ' xml:lang="de-AT"')))).toEqual([
      'https://h.example/us/a',
      'https://h.example/de/b',
    ]);
    // Only the language matches: the first page in it.
    expect(await urls(atom(' xml:lang="en"', entry('a')))).toEqual(['https://h.example/uk/a']);
    // No language said, or one no page is in: the first, as before.
    expect(await urls(atom('', entry('a')))).toEqual(['https://h.example/de/a']);
    expect(await urls(atom(' xml:lang="fr"', entry('a')))).toEqual(['https://h.example/de/a']);
  });

  it('keeps one item per repeated GUID', async () => {
    const feed = await parseFeed(readShared('node-feedparser/guid-dupes.xml'), 'https://example.com/feed');
    expect(feed.items.map((item) => item.key)).toEqual(['http://www.braingle.com/50366.html']);
  });

  it('keys stories that share one GUID by their own address instead of dropping them', async () => {
    const item = (title: string, link: string) =>
      `<item><guid>https://site.example/</guid><title>${title}</title><link>${link}</link></item>`;
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title>${item('One', 'https://site.example/1')}${item('Two', 'https://site.example/2')}${item('One', 'https://site.example/1')}<item><guid>g3</guid><title>Three</title></item>${item('Four', 'https://site.example/')}${item('Five', 'https://site.example/')}</channel></rss>`,
      'https://site.example/feed',
    );
    expect(feed.items.map((entry) => [entry.key, entry.title])).toEqual([
      ['https://site.example/1', 'One'],
      ['https://site.example/2', 'Two'],
      ['g3', 'Three'],
      // Sharing the home page as URL too: keyed by title (and date).
      [itemKey('', null, 'Four', null), 'Four'],
      [itemKey('', null, 'Five', null), 'Five'],
    ]);
  });

  it('reads a post listed twice under one GUID and link, edited in between, as one item: the later', async () => {
    const item = (guid: string, title: string, link: string, date: string) =>
      `<item><guid isPermaLink="false">${guid}</guid><title>${title}</title><link>${link}</link><pubDate>${date}</pubDate></item>`;
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title><link>https://site.example/</link>
        ${item('p7', 'Acme raises prices', 'https://site.example/p/7', 'Tue, 05 Nov 2024 09:00:00 GMT')}
        ${item('p8', 'Globex ships Assist', 'https://site.example/p/8', 'Tue, 05 Nov 2024 10:00:00 GMT')}
        ${item('p7', 'Acme raises prices 18%', 'https://site.example/p/7', 'Tue, 05 Nov 2024 11:00:00 GMT')}
        ${item('p9', 'Initech update', 'https://site.example/p/9', 'Tue, 05 Nov 2024 12:00:00 GMT')}
        ${item('p9', 'Initech update (draft)', 'https://site.example/p/9', 'Tue, 05 Nov 2024 08:00:00 GMT')}
        ${item('home', 'Site news one', 'https://site.example/', 'Tue, 05 Nov 2024 09:00:00 GMT')}
        ${item('home', 'Site news two', 'https://site.example/', 'Tue, 05 Nov 2024 10:00:00 GMT')}
      </channel></rss>`,
      'https://site.example/feed',
    );
    expect(feed.items.map((entry) => [entry.key, entry.title])).toEqual([
      ['p7', 'Acme raises prices 18%'],
      ['p8', 'Globex ships Assist'],
      ['p9', 'Initech update'],
      // The front page names no one story: each stays, by title and date.
      [itemKey('', null, 'Site news one', new Date('2024-11-05T09:00:00Z')), 'Site news one'],
      [itemKey('', null, 'Site news two', new Date('2024-11-05T10:00:00Z')), 'Site news two'],
    ]);
  });

  it('keeps the copy listed first of a post listed twice with no dates, or on one date: feeds list newest first', async () => {
    const item = (title: string, date = '') =>
      `<item><guid isPermaLink="false">p7</guid><title>${title}</title><link>https://site.example/p/7</link>${date && `<pubDate>${date}</pubDate>`}<description>${title}.</description></item>`;
    const feedOf = (...items: string[]) =>
      `<rss version="2.0"><channel><title>T</title><link>https://site.example/</link>${items.join('')}</channel></rss>`;
    const undated = await parseFeed(
      feedOf(item('Acme raises prices 18% (corrected)'), item('Acme raises prices 18%')),
      'https://site.example/feed',
    );
    expect(undated.items.map((entry) => [entry.key, entry.title])).toEqual([
      ['p7', 'Acme raises prices 18% (corrected)'],
    ]);
    const sameDate = 'Tue, 05 Nov 2024 09:00:00 GMT';
    const dated = await parseFeed(
      feedOf(item('Acme raises prices 18% (corrected)', sameDate), item('Acme raises prices 18%', sameDate)),
      'https://site.example/feed',
    );
    expect(dated.items.map((entry) => entry.title)).toEqual(['Acme raises prices 18% (corrected)']);
  });

  it('reads the items of every <channel> of an RSS document, the feed named by the first', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><rss version="2.0">
        <channel><title>Acme News</title><link>https://acme.example/</link>
          <item><title>Acme raises prices</title><link>/p/1</link></item></channel>
        <channel><title>Acme Blog</title><item><title>Acme Desk 5 ships</title><link>/p/2</link></item>
          <item><title>Acme raises prices</title><link>/p/1</link></item></channel>
        <channel><title>Empty</title></channel>
      </rss>`,
      'https://acme.example/feed',
    );
    expect([feed.title, feed.link]).toEqual(['Acme News', 'https://acme.example/']);
    expect(feed.items.map((item) => [item.title, item.url])).toEqual([
      ['Acme raises prices', 'https://acme.example/p/1'],
      ['Acme Desk 5 ships', 'https://acme.example/p/2'],
    ]);
  });

  it('recovers the items of a feed with a bare ampersand', async () => {
    const feed = await parseFeed(readShared('node-feedparser/saxerror.xml'), 'https://example.com/feed');
    expect(feed.items.map((item) => item.url)).toEqual([
      'http://example.com/good',
      'http://example.com/bad?foo=1&bar=2',
      'http://example.com/after',
    ]);
  });

  it("names an Atom feed's home page, not its own address, when the home page's link has no rel", async () => {
    // Scattered Thoughts (feed-rs's fixture) lists rel="self" first, then the home page with no rel.
    const scattered = await parseFeed(
      readShared('feed-rs/atom_scattered.xml'),
      'https://www.scattered-thoughts.net/atom.xml',
    );
    expect(scattered.link).toBe('https://www.scattered-thoughts.net/');
    // Sam Ruby's saved feed links its home page relatively: it resolves against the feed's own address.
    const saved = await parseFeed(
      readShared('node-feedparser/intertwingly.atom'),
      'file:///tmp/feeds/intertwingly.atom',
    );
    expect(saved.link).toBe('http://intertwingly.net/blog/');
    expect(saved.items[0]?.url).toBe('http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend');
  });

  it('picks the alternate link of an Atom entry with several links', async () => {
    const feed = await parseFeed(
      readShared('feed-extractor/atom-multilinks.xml'),
      'https://example.com/feed',
    );
    expect(feed.items[0]?.url).not.toMatch(/\.(jpg|png|mp3)$/);
  });

  it('resolves relative links against the channel link', async () => {
    const feed = await parseFeed(
      readShared('node-feedparser/rss-with-relative-urls.xml'),
      'https://example.com/feed',
    );
    for (const item of feed.items) expect(item.url).toMatch(/^https?:\/\//);
  });

  it('resolves Atom links against the xml:base of the feed and of each entry', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/">
        <title>Base</title><link href="/"/><id>urn:feed</id><updated>2026-11-01T00:00:00Z</updated>
        <entry xml:base="posts/"><title>One</title><link href="one.html"/><id>urn:1</id>
          <updated>2026-11-01T00:00:00Z</updated></entry>
        <entry><title>Two</title><link href="two.html"/><id>urn:2</id>
          <updated>2026-11-01T00:00:00Z</updated></entry>
      </feed>`,
      'https://example.org/feed.atom',
    );
    expect(feed.link).toBe('https://example.org/');
    expect(feed.items.map((item) => item.url)).toEqual([
      'https://example.org/blog/posts/one.html',
      'https://example.org/blog/two.html',
    ]);
  });

  it("resolves an RSS item's links against its own xml:base, and a link against the xml:base it carries", async () => {
    const rss = await parseFeed(
      readShared('node-feedparser/rss-with-item-scoped-html-base.xml'),
      'https://example.com/feed',
    );
    expect(rss.items.map((item) => item.url)).toEqual([
      'https://example.com/first/first',
      'https://example.com/second',
    ]);
    // Two items linking to "post.html" under different bases are two stories, not one key.
    const merged = await parseFeed(
      `<rss version="2.0"><channel><title>T</title><link>https://example.com/</link>
        <item xml:base="https://example.com/a/"><title>One</title><link>post.html</link></item>
        <item xml:base="https://example.com/b/"><title>Two</title><link>post.html</link></item>
      </channel></rss>`,
      'https://example.com/feed',
    );
    expect(merged.items.map((item) => item.key)).toEqual([
      'https://example.com/a/post.html',
      'https://example.com/b/post.html',
    ]);
    const atom = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/">
        <title>T</title><entry><title>One</title><id>urn:1</id>
        <link xml:base="https://other.example/b/" href="post.html"/></entry></feed>`,
      'https://example.org/feed.atom',
    );
    expect(atom.items[0]?.url).toBe('https://other.example/b/post.html');
  });

  it('falls back to the site link when xml:base is only a fragment or empty', async () => {
    for (const name of ['tpm-with-fragment-base.atom', 'tpm-with-empty-base.atom']) {
      const feed = await parseFeed(readShared(`node-feedparser/${name}`), 'feeds/tpm.atom');
      expect(feed.items).toHaveLength(20);
      expect(feed.items[1]?.url).toBe('http://talkingpointsmemo.com/edblog/were-hiring-senior-editor');
    }
  });

  it('rejects malformed XML with a readable reason', async () => {
    const attribute = await parseError(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title a=>a</title></item></channel></rss>',
    );
    expect(attribute.code).toBe('MALFORMED');
    expect(attribute.message).toMatch(/not well-formed XML: a malformed attribute \(line 1, column \d+\)/);
    // Cut short before any item is whole: nothing worth reading.
    const cut = await parseError(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title><descr',
    );
    expect(cut.code).toBe('MALFORMED');
    expect(cut.message).toMatch(/it stops before its end/);
  });

  it('rejects JSON that is not a JSON Feed, and broken JSON', async () => {
    expect((await parseError('{"hello": "world"}')).code).toBe('NOT_A_FEED');
    // An API's JSON with an items list is not a feed either.
    expect((await parseError('{"kind": "youtube#searchListResponse", "items": [{"id": "x"}]}')).code).toBe(
      'NOT_A_FEED',
    );
    expect((await parseError('{"version": "https://jsonfeed.org/version/1.1", "items": [')).code).toBe(
      'MALFORMED',
    );
  });

  it("reads Apple's customer reviews given as JSON as their Atom is read, stars as each review's score", async () => {
    const review = (id: string, stars: string, extra: Record<string, unknown> = {}) => ({
      id: { label: id },
      title: { label: `Review ${id}` },
      content: { label: '<b>Renewal</b> went up 18%.', attributes: { type: 'html' } },
      author: {
        name: { label: 'frustrated_admin' },
        uri: { label: 'https://itunes.apple.com/us/reviews/id1' },
      },
      updated: { label: '2024-11-05T07:12:44-07:00' },
      'im:rating': { label: stars },
      link: { attributes: { rel: 'related', href: 'https://itunes.apple.com/us/review?id=987654321' } },
      ...extra,
    });
    const address = 'https://itunes.apple.com/us/rss/customerreviews/id=987654321/sortBy=mostRecent/json';
    const feed = await parseFeed(
      JSON.stringify({
        feed: {
          id: { label: address },
          title: { label: 'iTunes Store: Customer Reviews' },
          author: { name: { label: 'iTunes Store' } },
          link: [
            {
              attributes: {
                rel: 'alternate',
                type: 'text/html',
                href: 'https://apps.apple.com/app/id987654321',
              },
            },
            { attributes: { rel: 'self', href: address } },
          ],
          entry: [
            review('1', '1'),
            review('2', '3', { author: { label: '' }, 'im:rating': { label: 'n/a' } }),
            { title: 'not a label' },
          ],
        },
      }),
      address,
    );
    expect(feed.format).toBe('json');
    expect(feed.title).toBe('iTunes Store: Customer Reviews');
    expect(feed.link).toBe('https://apps.apple.com/app/id987654321');
    expect(
      feed.items.map(({ key, title, text, author, url, publishedAt, rating }) => ({
        key,
        title,
        text,
        author,
        url,
        publishedAt: publishedAt?.toISOString(),
        rating,
      })),
    ).toEqual([
      {
        key: '1',
        title: 'Review 1',
        text: 'Renewal went up 18%.',
        author: 'frustrated_admin',
        url: 'https://itunes.apple.com/us/review?id=987654321',
        publishedAt: '2024-11-05T14:12:44.000Z',
        rating: -1,
      },
      {
        key: '2',
        title: 'Review 2',
        text: 'Renewal went up 18%.',
        author: 'iTunes Store',
        url: 'https://itunes.apple.com/us/review?id=987654321',
        publishedAt: '2024-11-05T14:12:44.000Z',
        rating: null,
      },
    ]);
    // One review is written as an object, not a list; a feed with no reviews yet is an empty feed.
    const one = await parseFeed(
      JSON.stringify({ feed: { id: { label: address }, entry: review('7', '5') } }),
      address,
    );
    expect(one.items.map((item) => [item.key, item.rating])).toEqual([['7', 1]]);
    expect((await parseFeed(JSON.stringify({ feed: { id: { label: address } } }), address)).items).toEqual(
      [],
    );
    // Other JSON with a feed.id label and no entries is only not a JSON Feed.
    const other = await parseError('{"feed": {"id": {"label": "https://api.example/feed/json"}}}');
    expect(other.message).toBe('This is not a feed: it is JSON, but not a JSON Feed (https://jsonfeed.org).');
  });

  it('reads a JSON Feed with a numeric version and no home page by its items’ JSON Feed fields', async () => {
    // gofeed's json10_simple.json: "version": "1.0", one item with only content_text and banner_image.
    const feed = await parseFeed(readShared('gofeed/json10_simple.json'), 'https://example.com/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.items.map((item) => item.text)).toEqual(['content_text']);
  });

  it('reads a JSON Feed whose generator wrote the version as a number, or none', async () => {
    for (const version of ['1.1', undefined]) {
      const feed = await parseFeed(
        JSON.stringify({
          version,
          title: 'Acme Notes',
          home_page_url: 'https://notes.example.com/',
          items: [{ id: 'n1', url: '/n/1', title: 'Pricing notes', content_text: 'Plans change.' }],
        }),
        'https://notes.example.com/feed.json',
      );
      expect(feed.format).toBe('json');
      expect(feed.items.map((item) => [item.key, item.url])).toEqual([
        ['n1', 'https://notes.example.com/n/1'],
      ]);
    }
  });

  it('rejects empty input and other XML', async () => {
    expect((await parseError('')).code).toBe('NOT_A_FEED');
    expect((await parseError('<?xml version="1.0"?><svg></svg>')).message).toMatch(/<svg>/);
  });
});

describe('normalisation', () => {
  const rss = (item: string) =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><link>https://blog.example.com/</link><item>${item}</item></channel></rss>`;

  it('turns markup into plain text, drops scripts and tracking parameters', async () => {
    const feed = await parseFeed(
      rss(`<title>Pricing &amp; plans &#8212; &lt;b&gt;new&lt;/b&gt;</title>
        <link>/posts/pricing?utm_source=rss&amp;utm_medium=feed&amp;id=7</link>
        <description><![CDATA[<p>Customers   <b>hate</b> the new price.</p><script>alert(1)</script><p>More&nbsp;soon</p>]]></description>
        <dc:creator>Jane Doe</dc:creator><slash:comments>42</slash:comments>
        <category>Pricing</category><category>SaaS</category>`),
      'https://blog.example.com/feed',
    );
    const [item] = feed.items;
    expect(item).toMatchObject({
      title: 'Pricing & plans — new',
      url: 'https://blog.example.com/posts/pricing?id=7',
      text: 'Customers hate the new price. More soon',
      author: 'Jane Doe',
      commentCount: 42,
      categories: ['Pricing', 'SaaS'],
    });
  });

  it('drops the script a WordPress plugin puts before a post, which the excerpt leaves as text', async () => {
    // disabled.gr's WordPress 1.5 feed (in chardet's corpus): the Adhesive plugin's sticky-post script.
    const item = (id: number, text: string) =>
      `<item><title>Post ${id}</title><link>https://blog.example/?p=${id}</link><description><![CDATA[${text}]]></description></item>`;
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>Disabled.GR</title>
        ${item(1796, "window.document.getElementById('post-1796').parentNode.className += ' adhesive_post';\tWanted: a nurse's aide. [...]")}
        ${item(2, "<script>document.write('x');</script>document.title is what the browser shows; set it with document.title = 'New';")}
      </channel></rss>`,
      'https://blog.example/feed',
    );
    expect(feed.items.map((entry) => entry.text)).toEqual([
      "Wanted: a nurse's aide.…",
      "document.title is what the browser shows; set it with document.title = 'New';",
    ]);
  });

  it('prefers the full content over the summary', async () => {
    const feed = await parseFeed(
      rss(
        '<title>A</title><description>Short teaser</description><content:encoded><![CDATA[<p>The whole article, much longer than the teaser.</p>]]></content:encoded>',
      ),
      'https://blog.example.com/feed',
    );
    expect(feed.items[0]?.text).toBe('The whole article, much longer than the teaser.');
  });

  it('reads a date under a name no standard gives only when the item has no standard one', async () => {
    // cigartower.hu's ASP feed (in chardet's corpus) dates its items only in <datePosted>.
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>CigarTower</title><link>http://www.cigartower.hu/</link>
        <item><title>A</title><link>http://www.cigartower.hu/a</link><datePosted>2005. 12. 28. 18:51:39</datePosted></item>
        <item><title>B</title><link>http://www.cigartower.hu/b</link><pubdate>Tue, 27 Dec 2005 18:11:29 GMT</pubdate></item>
        <item><title>C</title><link>http://www.cigartower.hu/c</link><pubDate>Sat, 24 Dec 2005 15:17:51 GMT</pubDate><datePosted>2005. 12. 20. 10:00:00</datePosted></item>
      </channel></rss>`,
      'http://www.cigartower.hu/rssfeed.asp',
    );
    expect(feed.items.map((item) => item.publishedAt?.toISOString())).toEqual([
      '2005-12-28T18:51:39.000Z',
      '2005-12-27T18:11:29.000Z',
      '2005-12-24T15:17:51.000Z',
    ]);
  });

  it('reads the next body when the longest is markup alone, as an out-of-line Atom content is', async () => {
    // elly.town's entry points to its text (<content src="…txt"/>) and sums it up in <summary>.
    const atom = await parseFeed(readShared('feed-rs/atom_content_src.xml'), 'https://elly.town/feed.xml');
    expect(atom.items[0]?.text).toBe(
      "How do X.509 certificates actually work, and what's actually inside them?",
    );
    const video = await parseFeed(
      rss(
        '<title>Launch video</title><description>We launched the new plan today.</description><content:encoded><![CDATA[<p><iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe></p>]]></content:encoded>',
      ),
      'https://blog.example.com/feed',
    );
    expect(video.items[0]?.text).toBe('We launched the new plan today.');
  });

  it('keeps an item without a date, with a null date', async () => {
    const feed = await parseFeed(
      rss('<title>No date</title><link>https://x.example/1</link><pubDate>not a date</pubDate>'),
      'https://x.example/f',
    );
    expect(feed.items[0]?.publishedAt).toBeNull();
  });

  it('reads "email (Name)" authors as the name', async () => {
    const feed = await parseFeed(
      rss('<title>A</title><author>jane@example.com (Jane Doe)</author>'),
      'https://x.example/f',
    );
    expect(feed.items[0]?.author).toBe('Jane Doe');
  });

  it("gives an item its own author, never a feed's webmaster or editor mailbox", async () => {
    // SEC EDGAR's filings feed: its author is the site's Webmaster, and its entries name none.
    const edgar = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title>
        <author><name>Webmaster</name><email>webmaster@sec.example</email></author>
        <entry><title>8-K - Acme Inc</title><id>urn:tag:a</id><link href="https://sec.example/a"/></entry>
        <entry><title>10-Q - Globex</title><id>urn:tag:b</id><link href="https://sec.example/b"/><author><name>Globex Corp</name></author></entry>
      </feed>`,
      'https://sec.example/feed',
    );
    expect(edgar.items.map((item) => item.author)).toEqual([null, 'Globex Corp']);
    const rss = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>P</title>
        <managingEditor>editor@x.example (The Editors)</managingEditor><webMaster>webmaster@x.example (Webmaster)</webMaster>
        <item><title>A</title><guid>a</guid></item>
        <item><title>B</title><guid>b</guid><author>noreply@blogger.com (Jane Doe)</author></item>
        <item><title>C</title><guid>c</guid><author>noreply@x.example (noreply)</author></item>
        <item><title>D</title><guid>d</guid><dc:creator>Webmaster &lt;webmaster@x.example&gt;</dc:creator></item>
        <item><title>E</title><guid>e</guid><dc:creator>admin</dc:creator></item>
        <item><title>F</title><guid>f</guid><dc:creator>Jane Editor</dc:creator></item>
      </channel></rss>`,
      'https://x.example/f',
    );
    expect(rss.items.map((item) => item.author)).toEqual([null, 'Jane Doe', null, null, null, 'Jane Editor']);
  });

  it("names a profile's user and a Mastodon post's poster, who are given only as addresses", async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>P</title><link>https://x.example/</link>
        <item><title>A</title><link>https://lemmy.example/post/1</link><dc:creator>https://lemmy.example/u/sysop_ana</dc:creator></item>
        <item><title>B</title><link>https://mastodon.example/@ops_ines/113432199887766554</link></item>
        <item><title>C</title><link>https://mastodon.example/@ops_ines/113432199887766555</link><dc:creator>Ines Ops</dc:creator></item>
        <item><title>D</title><link>https://x.example/about/</link><dc:creator>https://x.example/team/</dc:creator></item>
        <item><title>E</title><link>https://medium.example/@lena/how-we-cut-costs-7c1d2e3f4a5b</link></item>
      </channel></rss>`,
      'https://x.example/f',
    );
    expect(feed.items.map((item) => item.author)).toEqual(['sysop_ana', '@ops_ines', 'Ines Ops', null, null]);
  });

  it('shows no bare e-mail address as an author, and takes a name another field gives', async () => {
    // Craigslist writes <dc:creator>robot@craigslist.org</dc:creator> on every listing.
    const craigslist = await parseFeed(
      readShared('rss-parser/craigslist.rss'),
      'https://sfbay.craigslist.org/',
    );
    expect(craigslist.items.map((item) => item.author)).toEqual(craigslist.items.map(() => null));
    // An address with a subject, as PC Magazine wrote its managingEditor.
    const nested = await parseFeed(
      readShared('node-feedparser/illegally-nested.xml'),
      'https://www.pcmag.com/',
    );
    expect(nested.items[0]?.author).toBeNull();
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>P</title>
        <item><title>A</title><guid>a</guid><author>Jane Roe &lt;jane@x.example&gt;</author></item>
        <item><title>B</title><guid>b</guid><author>host@x.example</author><itunes:author>Pod Host</itunes:author></item>
        <item><title>C</title><guid>c</guid><author>mailto:c@x.example</author></item></channel></rss>`,
      'https://x.example/f',
    );
    expect(feed.items.map((item) => item.author)).toEqual(['Jane Roe', 'Pod Host', null]);
    // As BBC World Service feeds (RSS 1.0) and a Hungarian classifieds site (auto-apro.hu) wrote them.
    const written = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>P</title>
        <managingEditor>BBC Bulgarian</managingEditor>
        <item><title>A</title><guid>a</guid><dc:creator>http://www.bbc.co.uk/bulgarian/</dc:creator></item>
        <item><title>B</title><guid>b</guid><author>Szilard-Erwin Szogyenyi office@auto-apro.hu</author></item>
        <item><title>C</title><guid>c</guid><author>John Doe (john@example.com)</author></item>
      </channel></rss>`,
      'https://x.example/f',
    );
    expect(written.items.map((item) => item.author)).toEqual([
      'BBC Bulgarian',
      'Szilard-Erwin Szogyenyi',
      'John Doe',
    ]);
  });

  it('reads a news aggregator’s items as their publication’s: Google News titles lose " - CNN"', async () => {
    const feed = await parseFeed(
      readShared('feed-extractor/rss-feed-standard-realworld.xml'),
      'https://news.google.com/rss',
    );
    expect(feed.items[0]).toMatchObject({
      title:
        'In a major boost to Democrats, Manchin and Schumer announce deal for energy and health care bill',
      author: 'CNN',
    });
    for (const item of feed.items) expect(item.title).not.toMatch(/ - CNN$/);
    // The Google News link of the older kind holds the article's own address.
    expect(feed.items[0]?.url).toBe(
      'https://www.cnn.com/2022/07/27/politics/schumer-manchin-deal-build-back-better/index.html',
    );
  });

  it("gives a Google News item its first headline's source and no text, not the related headlines", async () => {
    const list = (...entries: Array<[string, string]>) =>
      `&lt;ol&gt;${entries.map(([headline, source]) => `&lt;li&gt;&lt;a href="https://news.google.com/rss/articles/x?oc=5" target="_blank"&gt;${headline}&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;${source}&lt;/font&gt;&lt;/li&gt;`).join('')}&lt;li&gt;&lt;strong&gt;&lt;a href="https://news.google.com/stories/y"&gt;View Full Coverage on Google News&lt;/a&gt;&lt;/strong&gt;&lt;/li&gt;&lt;/ol&gt;`;
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>"Acme" - Google News</title><link>https://news.google.com/search?q=acme</link>
        <item><title>Acme Desk raises prices 18%</title><guid>a</guid><link>https://news.google.com/rss/articles/a</link>
          <description>${list(['Acme Desk raises prices 18%', 'The Daily Ledger'], ['Customers fume over terrible Acme price hike', 'SaaS Weekly'])}</description></item>
        <item><title>Acme wins an award</title><guid>b</guid><link>https://news.google.com/rss/articles/b</link>
          <description>&lt;a href="https://news.google.com/rss/articles/b"&gt;Acme wins an award&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Trade Press&lt;/font&gt;</description></item>
        <item><title>Acme's own words - Acme Blog</title><guid>c</guid><link>https://news.google.com/rss/articles/c</link>
          <description>&lt;p&gt;A summary the aggregator wrote, &lt;font color="red"&gt;with colour&lt;/font&gt;.&lt;/p&gt;</description></item>
      </channel></rss>`,
      'https://news.google.com/rss/search?q=acme',
    );
    expect(feed.items.map((item) => [item.title, item.author, item.text])).toEqual([
      ['Acme Desk raises prices 18%', 'The Daily Ledger', ''],
      ['Acme wins an award', 'Trade Press', ''],
      ["Acme's own words", 'Acme Blog', 'A summary the aggregator wrote, with colour.'],
    ]);
    const shared = await parseFeed(
      readShared('feed-extractor/rss-feed-standard-realworld.xml'),
      'https://news.google.com/rss',
    );
    expect(shared.items.map((item) => item.text)).toEqual(shared.items.map(() => ''));
  });

  it('takes the publication from the headline of a Google News Atom entry, which names no source', async () => {
    const feed = await parseFeed(
      readShared('feed-extractor/atom-feed-standard-realworld.xml'),
      'https://news.google.com/atom',
    );
    expect(feed.items.slice(0, 3).map((item) => [item.author, item.title])).toEqual([
      [
        'CNN',
        'In a major boost to Democrats, Manchin and Schumer announce deal for energy and health care bill',
      ],
      [
        'CNN',
        'CNN Exclusive: Biden administration offers convicted Russian arms dealer in exchange for Griner, Whelan',
      ],
      ['Deadline', 'Covid Mask Mandate: Beverly Hills, 3 Other Local Cities Will Not Comply With L.A. Order'],
    ]);
    expect(feed.items.some((item) => item.author === 'Google Inc.')).toBe(false);
  });

  it('reads the description of a YouTube video entry (inside media:group)', async () => {
    const feed = await parseFeed(readShared('rss-parser/atom-customfields.atom'), 'https://www.youtube.com/');
    expect(feed.items).toHaveLength(15);
    for (const item of feed.items) expect(item.text.length).toBeGreaterThan(20);
    expect(feed.items[1]?.text).toMatch(/^Winner: Walmart, which has taken a page from Amazon's playbook/);
  });

  it('gives Atom entries the feed’s author, and podcast episodes their iTunes author', async () => {
    const atom = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><author><name>Jane Doe</name><email>j@x.example</email></author><entry><title>E1</title><id>urn:1</id></entry><entry><title>E2</title><id>urn:2</id><author><name>Bob</name></author></entry></feed>',
      'https://x.example/f',
    );
    expect(atom.items.map((item) => item.author)).toEqual(['Jane Doe', 'Bob']);
    const podcast = await parseFeed(
      '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>P</title><itunes:author>Pod Host</itunes:author><item><title>I1</title><guid>1</guid></item><item><title>I2</title><guid>2</guid><itunes:author>Guest Host</itunes:author></item></channel></rss>',
      'https://x.example/f',
    );
    expect(podcast.items.map((item) => item.author)).toEqual(['Pod Host', 'Guest Host']);
  });
});

describe('itemKey', () => {
  it('keeps two items whose addresses differ only past 500 characters apart, in keys of at most 500', () => {
    const deep = `https://long.example/${'section/'.repeat(70)}?session=${'x'.repeat(100)}`;
    const [first, second] = [
      itemKey('', `${deep}&page=1`, 'A', null),
      itemKey('', `${deep}&page=2`, 'B', null),
    ];
    expect(first).not.toBe(second);
    expect([first.length, second.length]).toEqual([500, 500]);
    expect(first.startsWith(deep.slice(0, 459))).toBe(true);
    // A key that fits is as it was, so nothing stored reads as new.
    expect(itemKey('', 'https://long.example/a', 'A', null)).toBe('https://long.example/a');
    expect(itemKey('g'.repeat(600), null, 'A', null)).not.toBe(
      itemKey(`${'g'.repeat(599)}h`, null, 'A', null),
    );
  });

  it('uses the GUID, else the URL, else a hash of title and date', () => {
    expect(itemKey(' tag:x,2026:1 ', 'https://x.example/1', 'T', null)).toBe('tag:x,2026:1');
    expect(itemKey('', 'https://x.example/1', 'T', null)).toBe('https://x.example/1');
    const hashed = itemKey('', null, 'T', new Date('2026-11-01T00:00:00Z'));
    expect(hashed).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(itemKey('', null, 'T', new Date('2026-11-01T00:00:00Z'))).toBe(hashed);
    expect(itemKey('', null, 'T', new Date('2026-11-02T00:00:00Z'))).not.toBe(hashed);
  });
});

describe('odd but real shapes', () => {
  it('drops the separator a site template leaves dangling on a feed title', async () => {
    const title = async (raw: string) =>
      (
        await parseFeed(
          `<rss version="2.0"><channel><title>${raw}</title></channel></rss>`,
          'https://e.example/f',
        )
      ).title;
    expect(await title('Rest of World - ')).toBe('Rest of World');
    expect(await title('| Acme Blog')).toBe('Acme Blog');
    expect(await title('Globex News &#8211; ')).toBe('Globex News');
    expect(await title('C--')).toBe('C--');
    expect(await title('Notes: Q3 - Q4')).toBe('Notes: Q3 - Q4');
    expect(await title(' - ')).toBeNull();
    const json = await parseFeed(
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Initech » ', items: [] }),
      'https://e.example/feed.json',
    );
    expect(json.title).toBe('Initech');
  });

  it('keeps an Atom feed whose dates are indented or unreadable, and links written as text', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
        <entry><title>Indented</title><id>urn:1</id><link href="https://blog.example.com/1"/>
          <updated>
            2026-11-20T10:00:00Z
          </updated></entry>
        <entry><title>Unreadable</title><id>urn:2</id><link>https://blog.example.com/2</link>
          <published>last Tuesday</published><updated>2026-11-21T10:00:00+02:00</updated></entry>
        <entry><title>Local words</title><id>urn:3</id><updated>21 nov. 2026 10:00 CET</updated></entry>
      </feed>`,
      'https://blog.example.com/atom',
    );
    expect(feed.items.map((item) => [item.url, item.publishedAt?.toISOString() ?? null])).toEqual([
      ['https://blog.example.com/1', '2026-11-20T10:00:00.000Z'],
      ['https://blog.example.com/2', '2026-11-21T08:00:00.000Z'],
      [null, '2026-11-21T09:00:00.000Z'],
    ]);
  });

  it('finds an RSS item address in atom:link or a relative permalink guid, and a Media RSS title', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
      <channel><title>C</title><link>https://e.example/</link>
        <item><atom:link rel="enclosure" href="https://cdn.e.example/a.mp3"/>
          <atom:link rel="alternate" href="/stories/1"/><media:title>Media title</media:title>
          <media:description>Words</media:description><guid isPermaLink="false">id-1</guid></item>
        <item><title>Path guid</title><guid>/p/2</guid></item>
        <item><title>Said so</title><guid isPermaLink="true">p/3</guid></item>
        <item><title>Opaque</title><guid isPermaLink="false">/internal/4</guid></item>
        <item><title>Plain id</title><guid>5</guid></item>
      </channel></rss>`,
      'https://e.example/feed',
    );
    expect(feed.items.map((item) => [item.title, item.url])).toEqual([
      ['Media title', 'https://e.example/stories/1'],
      ['Path guid', 'https://e.example/p/2'],
      ['Said so', 'https://e.example/p/3'],
      ['Opaque', null],
      ['Plain id', null],
    ]);
  });

  it('reads the stars of an App Store customer review as its verdict', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns:im="http://itunes.apple.com/rss" xmlns="http://www.w3.org/2005/Atom">
        <title>Customer Reviews: Acme Desk</title><id>https://apps.example.com/rss/customerreviews/id=1</id>
        <entry><id>1</id><title>Great until the update</title><content type="text">Love the macros.</content>
          <im:rating>1</im:rating><author><name>Reviewer</name></author><updated>2026-11-20T10:00:00-07:00</updated></entry>
        <entry><id>2</id><title>Fine</title><content type="text">Does the job.</content>
          <im:rating>3</im:rating><updated>2026-11-20T10:00:00-07:00</updated></entry>
        <entry><id>3</id><title>No stars given</title><updated>2026-11-20T10:00:00-07:00</updated></entry>
      </feed>`,
      'https://apps.example.com/rss/customerreviews/id=1/xml',
    );
    expect(feed.items.map((item) => item.rating)).toEqual([-1, 0, null]);
  });

  it('names a podcast episode by its iTunes title and points to its audio when it has no page', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Pod</title>
        <item><itunes:title>Episode 12: Pricing</itunes:title><itunes:subtitle>We talk pricing</itunes:subtitle>
          <enclosure url="/audio/12.mp3" length="1" type="audio/mpeg"/><guid isPermaLink="false">ep12</guid></item>
      </channel></rss>`,
      'https://pod.example/feed',
    );
    expect(feed.items[0]).toMatchObject({
      key: 'ep12',
      title: 'Episode 12: Pricing',
      text: 'We talk pricing',
      url: 'https://pod.example/audio/12.mp3',
    });
  });

  it('reads the dates of Atom 0.3 entries and of RSS items dated only in Atom', async () => {
    const atom03 = await parseFeed(
      '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title><entry><title>E</title><id>tag:1</id><issued>2026-11-19T10:00:00Z</issued><modified>2026-11-20T10:00:00Z</modified><content mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>',
      'https://example.com/feed',
    );
    expect(atom03.items[0]).toMatchObject({ text: 'Hi', publishedAt: new Date('2026-11-19T10:00:00Z') });
    const dotNet = await parseFeed(
      '<rss xmlns:a10="http://www.w3.org/2005/Atom" version="2.0"><channel><title>N</title><item><guid isPermaLink="false">42</guid><title>I</title><a10:updated>2026-11-20T10:00:00+01:00</a10:updated></item></channel></rss>',
      'https://example.com/feed',
    );
    expect(dotNet.items[0]?.publishedAt).toEqual(new Date('2026-11-20T09:00:00Z'));
  });

  it("reads an RSS item's author and whole content from Atom elements in it (.NET), and Seeking Alpha's <sa:author_name>", async () => {
    const dotNet = await parseFeed(
      '<rss xmlns:a10="http://www.w3.org/2005/Atom" version="2.0"><channel><title>N</title><item><guid isPermaLink="false">42</guid><link>https://n.example/42</link><a10:author><a10:name>Dana Whitfield</a10:name><a10:email>dana@n.example</a10:email></a10:author><title>I</title><description>We are moving.</description><a10:content type="text">We are moving. Tickets will be migrated.</a10:content></item></channel></rss>',
      'https://n.example/feed',
    );
    expect(dotNet.items[0]).toMatchObject({
      author: 'Dana Whitfield',
      text: 'We are moving. Tickets will be migrated.',
    });
    const seekingAlpha = await parseFeed(
      '<rss version="2.0" xmlns:sa="https://seekingalpha.com/api/1.0"><channel><title>S</title><item><title>Acme: churn is the risk</title><link>https://s.example/article/1</link><sa:author_name>Northgate Research</sa:author_name></item></channel></rss>',
      'https://s.example/feed',
    );
    expect(seekingAlpha.items[0]?.author).toBe('Northgate Research');
  });

  it('reads a JSON Feed that writes null for absent fields', async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: null,
        home_page_url: 'https://j.example.com/',
        feed_url: null,
        author: null,
        items: [
          {
            id: '1',
            url: 'https://j.example.com/1',
            title: 'One',
            content_html: null,
            content_text: 'Body',
            summary: null,
            date_modified: null,
            tags: null,
          },
          {
            id: 2,
            url: null,
            external_url: 'https://elsewhere.example/2',
            title: null,
            content_html: '<p>Two</p>',
            tags: ['a', null],
          },
        ],
      }),
      'https://j.example.com/feed.json',
    );
    expect(feed.title).toBeNull();
    expect(feed.items.map((item) => [item.key, item.title, item.url, item.text, item.categories])).toEqual([
      ['1', 'One', 'https://j.example.com/1', 'Body', []],
      ['2', 'Two', 'https://elsewhere.example/2', 'Two', ['a']],
    ]);
  });

  it('reads a feed behind a server warning printed before it', async () => {
    const feed = await parseFeed(
      `<br />\n<b>Notice</b>:  Undefined index: lang in <b>/var/www/feed.php</b> on line <b>12</b><br />\n<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>WP</title><item><title>Post</title><guid>p1</guid></item></channel></rss>`,
      'https://example.com/feed',
    );
    expect(feed.items.map((item) => item.title)).toEqual(['Post']);
    // A web page stays a web page, even one that shows feed markup in its text.
    expect(
      (await parseError('<html><body><pre><rss version="2.0"><channel></channel></rss></pre></body></html>'))
        .code,
    ).toBe('NOT_A_FEED');
  });

  it('keeps all the words of raw HTML and inline XHTML, in order', async () => {
    const rss = await parseFeed(
      '<rss version="2.0"><channel><title>T</title><item><guid>1</guid><title>A <em>big</em> day</title><description>Start <b>bold</b> middle <a href="https://x.example">link</a> end &amp; more.</description></item></channel></rss>',
      'https://example.com/feed',
    );
    expect(rss.items[0]).toMatchObject({ title: 'A big day', text: 'Start bold middle link end & more.' });
    const atom = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>urn:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <b>XHTML</b> title</div></title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <script>alert(1)</script><i>wide</i> world</p></div></content><link href="https://x.example/1"/></entry><entry><id>urn:2</id><title>Second</title><content src="https://x.example/2.html"/></entry></feed>',
      'https://example.com/feed',
    );
    expect(atom.items.map((item) => [item.title, item.text])).toEqual([
      ['An XHTML title', 'Hello wide world'],
      ['Second', ''],
    ]);
  });

  it('keeps the words of inline XHTML that shows markup as code, in order', async () => {
    // Red Blob Games (feed-rs's fixture): <code>&lt;/i&gt; &lt;b&gt;</code> inside Atom XHTML content.
    const feed = await parseFeed(
      readShared('feed-rs/atom_example_xhtml.xml'),
      'https://www.redblobgames.com/blog/posts.xml',
    );
    expect(feed.items[0]?.text).toContain('While working on my SDF font guide, I noticed an issue');
    expect(feed.items[0]?.text).toContain(
      "it's ok to remove the spaces between </li><li> but it's not ok to remove the spaces between </i> <b>.",
    );
  });

  it('reads a feed with thousands of elements that never close (each end is searched for once)', async () => {
    const hostile = `<rss version="2.0"><channel><title>T</title>${'<item><description>x<b>y'.repeat(2000)}</channel></rss>`;
    // Closed where the channel closes, the items nest inside the first: one item is read.
    const feed = await parseFeed(hostile, 'https://example.com/feed');
    expect(feed.items.map((item) => item.text)).toEqual(['x']);
  });

  it('explains JSON nested far too deeply to be a feed', async () => {
    const deep = `{"version":"https://jsonfeed.org/version/1","items":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const error = await parseError(deep);
    expect(error).toMatchObject({
      code: 'MALFORMED',
      message: expect.stringMatching(/nested far too deeply/),
    });
  });

  it('names the feed of a web page, and points an OPML list to import', async () => {
    const page = await parseFeed(
      '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>',
      'https://acme.example.com/blog',
    ).catch((error: unknown) => error as FeedError);
    expect(page).toMatchObject({
      code: 'NOT_A_FEED',
      message: expect.stringContaining('https://acme.example.com/feed.xml'),
      detail: { feedLinks: ['https://acme.example.com/feed.xml'] },
    });
    const challenge = await parseError(
      '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>',
    );
    expect(challenge.message).toMatch(/bot check/);
    const opml = await parseError(
      '<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/></body></opml>',
    );
    expect(opml).toMatchObject({ code: 'NOT_A_FEED', message: expect.stringContaining('feeds import') });
  });

  it('explains XML that is not shaped like a feed', async () => {
    const error = await parseError('<rss version="2.0"><item><title>orphan</title></item></rss>');
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/not shaped like RSS or Atom/);
  });

  it('reads an XHTML feed title; of declared entities writes out plain text only, never fetching one', async () => {
    const atom = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Release notes</div></title><entry><title>e</title><id>urn:1</id></entry></feed>',
      'https://example.com/feed',
    );
    expect(atom.title).toBe('Release notes');
    const xxe = await parseFeed(
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>t</title><item><title>&xxe;</title><guid>1</guid></item></channel></rss>',
      'https://example.com/feed',
    );
    // An external entity is never fetched, and has no text to show: no raw "&xxe;" either.
    expect(xxe.items[0]?.title).toBe('(untitled)');
    const declared = await parseFeed(
      `<?xml version="1.0"?>
      <!DOCTYPE rss [
        <!ENTITY path "/some/path"> <!ENTITY nbsp "&#160;"> <!ENTITY ext SYSTEM "https://evil.example/x">
        <!ENTITY lol "lol"> <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
      ]>
      <rss version="2.0"><channel><title>Docs&nbsp;feed</title><item><title>Moved to &path; &ext;</title>
        <guid>1</guid><description>Laughs: &lol2;&lol2;&lol2; &lol;</description></item></channel></rss>`,
      'https://example.com/feed',
    );
    expect(declared.title).toBe('Docs feed');
    expect(declared.items[0]?.title).toBe('Moved to /some/path');
    // Billion laughs: a nested entity is dropped, not expanded; a plain one is its text.
    expect(declared.items[0]?.text).toBe('Laughs: lol');
  });

  it("takes an RSS 1.0 item's rdf:about as its address when it has no link, keeping its key", async () => {
    const feed = await parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel rdf:about="https://r.example/index.rdf"><title>R</title><link>https://r.example/</link></channel>
        <item rdf:about="https://r.example/1"><title>Linked</title><link>https://r.example/one</link></item>
        <item rdf:about="https://r.example/2?utm_source=rss"><title>About only</title></item>
        <item rdf:about="urn:r:3"><title>Not an address</title></item>
        <item rdf:about="/4"><title>Relative</title></item>
      </rdf:RDF>`,
      'https://r.example/index.rdf',
    );
    expect(feed.items.map((item) => [item.key, item.url])).toEqual([
      ['https://r.example/1', 'https://r.example/one'],
      ['https://r.example/2?utm_source=rss', 'https://r.example/2'],
      ['urn:r:3', null],
      ['/4', null],
    ]);
  });

  it('decodes Atom content and summaries sent in base64, and still reads escaped ones', async () => {
    const feed = await parseFeed(
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
        <entry><id>tag:1</id><title>Content</title>
          <content type="text/html" mode="base64">PHA+aGVsbG88L3A+</content></entry>
        <entry><id>tag:2</id><title>Summary</title><summary type="text/html" mode="base64">
          PHA+SGlzdG9yeSBvZiB0aGUgJmx0O2JsaW5rJmd0OyB0YWc8L3A+
        </summary></entry>
        <entry><id>tag:3</id><title>Escaped</title><content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content></entry>
        <entry><id>tag:4</id><title>Not base64</title><content mode="base64">not base64!</content></entry>
      </feed>`,
      'https://old.example/atom.xml',
    );
    expect(feed.items.map((item) => item.text)).toEqual([
      'hello',
      'History of the <blink> tag',
      'Hi',
      'not base64!',
    ]);
    // Atom 1.0 sends content of a media type that is neither text nor XML in base64.
    const atom = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:1</id><title>T</title><content type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</content></entry></feed>',
      'https://example.com/feed',
    );
    expect(atom.items[0]?.text).toBe('Example Atom');
  });

  it("reads an RSS item's XHTML <body> or <fullitem> when it has no description", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title>
        <item><guid>1</guid><title>Body</title><body xmlns="http://www.w3.org/1999/xhtml">
          <p>Example <b>XHTML</b> content</p>
        </body></item>
        <item><guid>2</guid><title>Full</title><fullitem>&lt;p&gt;Example &lt;i&gt;full&lt;/i&gt; item&lt;/p&gt;</fullitem></item>
        <item><guid>3</guid><title>Both</title><description>The description</description>
          <body xmlns="http://www.w3.org/1999/xhtml"><p>A longer XHTML body</p></body></item>
      </channel></rss>`,
      'https://example.com/feed',
    );
    expect(feed.items.map((item) => item.text)).toEqual([
      'Example XHTML content',
      'Example full item',
      'The description',
    ]);
  });

  it('reads an RDF document whose items stand without a <channel>', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <item rdf:about="https://n.example/1"><title>First</title><link>https://n.example/1</link>
          <description>One</description></item>
        <item rdf:about="https://n.example/2"><title>Second</title><link>https://n.example/2</link></item>
      </rdf:RDF>`,
      'https://n.example/index.rdf',
    );
    expect(feed).toMatchObject({ format: 'rss1', title: null, link: null });
    expect(feed.items.map((item) => [item.key, item.title, item.url, item.text])).toEqual([
      ['https://n.example/1', 'First', 'https://n.example/1', 'One'],
      ['https://n.example/2', 'Second', 'https://n.example/2', ''],
    ]);
  });
});

describe('broken structure, read as forgiving feed readers read it', () => {
  const rssOf = (items: string, end = '</channel></rss>') =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://news.example.com/</link>${items}${end}`;
  const item = (n: number) =>
    `<item><title>Story ${n}</title><link>https://news.example.com/${n}</link><guid>s${n}</guid><description>Text of story ${n}.</description></item>`;

  it('a feed cut short is read up to its last whole item, and says it was cut short', async () => {
    const whole = await parseFeed(rssOf(item(1) + item(2) + item(3)), 'https://news.example.com/feed');
    const body = rssOf(item(1) + item(2) + item(3));
    const cut = await parseFeed(
      body.slice(0, body.indexOf('Text of story 3') + 7),
      'https://news.example.com/feed',
    );
    expect(cut.cutShort).toBe(true);
    expect(whole.cutShort).toBeUndefined();
    // The same items, keys and texts as the whole feed's first two: never a partial third.
    expect(cut.items).toEqual(whole.items.slice(0, 2));
    // "</rss" without its ">" is cut short too.
    expect(
      (await parseFeed(`${rssOf(item(1), '</channel></rss')}`, 'https://news.example.com/feed')).items,
    ).toHaveLength(1);
  });

  it('a closing tag that closes nothing is dropped, and an element left open is closed with its parent', async () => {
    const stray = await parseFeed(
      rssOf(`<image><url>https://news.example.com/logo.png</url></height></image>${item(1)}`),
      'https://news.example.com/feed',
    );
    expect(stray.items.map((entry) => entry.title)).toEqual(['Story 1']);
    const unclosed = await parseFeed(
      rssOf('<item><title>Story 1</title><guid>s1</guid><category>news</item>'),
      'https://news.example.com/feed',
    );
    expect(unclosed.items.map((entry) => [entry.title, entry.categories])).toEqual([['Story 1', ['news']]]);
  });

  it('character references XML forbids become U+FFFD, and surrogate pairs the character they encode', async () => {
    const feed = await parseFeed(
      rssOf(
        '<item><title>Launch &#55357;&#56960; day &#1114112; &#xD800; &#1;!</title><guid>s1</guid></item>',
      ),
      'https://news.example.com/feed',
    );
    expect(feed.items[0]?.title).toBe('Launch 🚀 day \uFFFD \uFFFD \uFFFD!');
  });

  it('an RSS feed that carries an HTML doctype by mistake is still a feed', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://site.invalid/">${rssOf(item(1)).replace('<?xml version="1.0"?>', '')}`,
      'https://news.example.com/feed',
    );
    expect(feed.title).toBe('News');
    expect(feed.items).toHaveLength(1);
    const page = await parseError('<!DOCTYPE html><meta charset="utf-8"><title>Home</title><p>Welcome</p>');
    expect(page.message).toMatch(/it is a web page \(HTML\)/);
  });

  it('reads Dublin Core authors, descriptions and dates, and never takes a license link for the article', async () => {
    const rss = await parseFeed(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>t</title>
        <item><guid>a</guid><dc:author>Dana Whitfield</dc:author><dc:description>Renewals rose.</dc:description><dcterms:modified>2026-11-20T10:00:00Z</dcterms:modified></item>
      </channel></rss>`,
      'https://news.example.com/feed',
    );
    expect(rss.items[0]).toMatchObject({
      author: 'Dana Whitfield',
      text: 'Renewals rose.',
      publishedAt: new Date('2026-11-20T10:00:00Z'),
    });
    const atom = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
        <entry><id>urn:1</id><title>Licensed</title><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/></entry>
        <entry><id>urn:2</id><title>Both</title><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/><link href="https://blog.example.com/2"/></entry>
      </feed>`,
      'https://blog.example.com/atom',
    );
    expect(atom.items.map((entry) => entry.url)).toEqual([null, 'https://blog.example.com/2']);
  });

  it('settles on inputs that make XML readers re-read what they gathered, however long', async () => {
    for (const body of [
      `<rss><channel>${'<!'.repeat(100_000)}>`,
      `<rss><channel><title>${'<![CDATA['.repeat(100_000)}`,
      `<rss><channel><title>x</title>${'<a x="'.repeat(100_000)}`,
      `<rss><channel>${'<b '.repeat(100_000)}`,
      // Stray CDATA closes: after one section in its element, past an element never closed, and sections in such elements.
      `<rss><channel><title><![CDATA[x]]>${' ]]>a'.repeat(100_000)}</title></channel></rss>`,
      `<rss><channel><description><![CDATA[x]]>${'a]]>'.repeat(100_000)}`,
      `<rss><channel><title><![CDATA[x]]></title>${' a]]>'.repeat(100_000)}</channel></rss>`,
      `<rss><channel>${'<t><![CDATA[x]]> ]]>'.repeat(50_000)}`,
    ]) {
      const outcome = await parseFeed(body, 'https://news.example.com/feed').then(
        (feed) => `read ${feed.items.length}`,
        (error: FeedError) => error.code,
      );
      expect(['read 0', 'MALFORMED']).toContain(outcome);
    }
  });
});

describe('the language a feed declares', () => {
  const read = (body: string) => parseFeed(body, 'https://example.org/feed');

  it('is read from RSS <language> and dc:language, Atom xml:lang and JSON Feed language, feed and item', async () => {
    const rss = await read(
      '<rss version="2.0"><channel><title>T</title><language>de-DE</language><item><title>A</title></item><item xmlns:dc="http://purl.org/dc/elements/1.1/"><title>B</title><dc:language>fr</dc:language></item></channel></rss>',
    );
    expect(rss.language).toBe('de');
    expect(rss.items.map((item) => item.declaredLanguage)).toEqual([undefined, 'fr']);
    const rdf = await read(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><dc:language>nl</dc:language></channel><item><title>A</title></item></rdf:RDF>',
    );
    expect(rdf.language).toBe('nl');
    const atom = await read(
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-CH"><title>T</title><entry><title>A</title><id>a</id></entry><entry xml:lang="fr"><title>B</title><id>b</id></entry></feed>',
    );
    expect(atom.language).toBe('de');
    expect(atom.items.map((item) => item.declaredLanguage)).toEqual([undefined, 'fr']);
    const json = await read(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'T',
        language: 'pt-BR',
        items: [
          { id: '1', title: 'A', content_text: 'a' },
          { id: '2', title: 'B', content_text: 'b', language: 'es' },
        ],
      }),
    );
    expect(json.language).toBe('pt');
    expect(json.items.map((item) => item.declaredLanguage)).toEqual([undefined, 'es']);
  });
});

describe('feeds the team had not seen (test/fixtures/feeds/unseen)', () => {
  const unseen = (file: string) =>
    parseFeed(decodeBody(sharedFeed(`unseen/${file}`)), `https://fixtures.example.com/${file}`);

  it('keeps the points hnrss.org and Lemmy state for each item, beside its comment count', async () => {
    const counts = async (file: string) =>
      (await unseen(file)).items.map((item) => [item.title, item.points, item.commentCount]);
    expect(await counts('hacker-news-hnrss.rss')).toEqual([
      ['Acme Desk raises prices 18% for small teams', 212, 148],
      ['Ask HN: What help desk do you use in 2024?', 37, 61],
    ]);
    expect(await counts('hnrss-link-comments.rss')).toEqual([
      ['Show HN: An open-source alternative to Acme Desk', 388, 201],
    ]);
    expect(await counts('lemmy-community.rss')).toEqual([
      ['Anyone else seeing Acme Desk emails land in spam since Monday?', 14, 9],
    ]);
    // Stack Exchange's score of a question, as its ranking element gives it (the site's own scheme).
    expect(await counts('stackexchange-questions.atom')).toEqual([
      ['Acme Desk API returns 429 after upgrade to v5 – how to batch ticket updates?', 2, null],
    ]);
    expect((await unseen('stackexchange-site.atom')).items[0]?.points).toBe(2);
    // A feed that states no votes gives none: a comment count alone is no score.
    expect(
      (await unseen('wordpress-wfw-slash.rss')).items.map((item) => [item.points, item.commentCount]),
    ).toEqual([
      [null, 7],
      [null, 0],
    ]);
  });

  it("reads a ranking element as votes only in the entry's own site's scheme, a negative score too", async () => {
    const entry = (id: number, rank: string) =>
      `<entry><id>https://stackoverflow.com/q/${id}</id>${rank}<title>Question ${id} about Acme Desk</title>
        <link rel="alternate" href="https://stackoverflow.com/questions/${id}/q"/><updated>2024-11-05T18:21:44Z</updated>
        <summary>Why does the Acme Desk API return 429 after the upgrade?</summary></entry>`;
    const feed = await parseFeed(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:re="http://purl.org/atompub/rank/1.0">
        <title>Newest questions</title><id>https://stackoverflow.com/feeds</id>
        ${entry(1, '<re:rank scheme="https://stackoverflow.com">-3</re:rank>')}
        ${entry(2, '<re:rank scheme="https://charts.example">1</re:rank>')}
        ${entry(3, '<re:rank>7</re:rank>')}
        ${entry(4, '')}
      </feed>`,
      'https://stackoverflow.com/feeds',
    );
    expect(feed.items.map((item) => item.points)).toEqual([-3, null, null, null]);
  });

  it.each(['appstore-reviews-app-entry.json', 'appstore-reviews-app-entry.atom'])(
    "skips the app itself, which Apple's older review feeds list as their first entry (%s)",
    async (file) => {
      const feed = await unseen(file);
      expect(feed.items.map(({ title, author, rating }) => ({ title, author, rating }))).toEqual([
        { title: 'Price hike, same app', author: 'frustrated_admin', rating: -1 },
        { title: 'Best ticketing app we have used', author: 'helpdesk_hero', rating: 1 },
      ]);
    },
  );

  it("keeps every app of Apple's top-apps chart (apps, not reviews), and reads a reviews feed listing only its app as empty", async () => {
    const app = (name: string) => ({
      'im:name': { label: name },
      'im:price': { label: 'Get', attributes: { amount: '0.00000', currency: 'USD' } },
      title: { label: `${name} - Acme Inc.` },
      summary: { label: `${name} puts tickets, chats and calls in one inbox.` },
      id: { label: `https://itunes.apple.com/us/app/${name.toLowerCase().replace(' ', '-')}/id1?mt=8` },
      link: { attributes: { rel: 'alternate', href: `https://itunes.apple.com/us/app/id${name.length}` } },
    });
    const feed = (address: string, entry: unknown[]) =>
      parseFeed(
        JSON.stringify({
          feed: { id: { label: address }, title: { label: 'iTunes Store: Top Free Applications' }, entry },
        }),
        address,
      );
    const chart = await feed('https://itunes.apple.com/us/rss/topfreeapplications/limit=2/json', [
      app('Acme Desk'),
      app('Globex Assist'),
    ]);
    expect(chart.items.map((item) => item.title)).toEqual([
      'Acme Desk - Acme Inc.',
      'Globex Assist - Acme Inc.',
    ]);
    const reviews = await feed('https://itunes.apple.com/us/rss/customerreviews/id=987654321/json', [
      app('Acme Desk'),
    ]);
    expect(reviews.items).toEqual([]);
  });

  it('takes an Atom entry’s web page among its alternates, not its PDF, and the feed’s page, not its RSS twin', async () => {
    const feed = await unseen('atom-many-links.atom');
    expect(feed.link).toBe('https://research.hooli.example/');
    expect(feed.items[0]?.url).toMatch(
      /^https:\/\/research\.hooli\.example\/(?:de\/)?posts\/ticket-classifiers$/,
    );
  });

  it('gives an Atom entry whose only address is <content src="…"/> that address', async () => {
    const feed = await unseen('atom-content-src.atom');
    expect(feed.items.map((item) => item.url)).toEqual([
      'https://newsroom.acme.example/2024/desk-5-ga.html',
      'https://ir.acme.example/files/q3-2024.pdf',
    ]);
  });

  it('decodes a title sent in base64 (Atom 0.3 mode="base64")', async () => {
    const feed = await unseen('base64-title.atom');
    expect(feed.items[0]?.title).toBe('Acme Desk raises prices for small teams');
    expect(feed.items[0]?.text).toBe('The Team plan now costs 18% more.');
  });

  it('reads an XHTML body under a prefix of its own (<h:body>), and prefixed inline XHTML without a stray space', async () => {
    const rss = await unseen('xhtml-body-other-prefix.rss');
    expect(rss.items.map((item) => item.text)).toEqual([
      'Globex Assist now runs in Frankfurt and Dublin.',
      'A body in the default namespace.',
    ]);
    const atom = await unseen('atom-xhtml-content.atom');
    expect(atom.items[1]?.text).toBe('Setup took an hour.');
  });

  it('drops the footer of a subreddit’s own feed ("submitted by /u/name [link] [comments]")', async () => {
    const feed = await unseen('reddit-subreddit.atom');
    expect(feed.items.map((item) => item.text)).toEqual([
      'Our renewal quote went from $18k to $31k. Anyone else moving off Acme Desk? What did you pick?',
      '',
    ]);
  });

  it('skips an item with no title, text, link or guid, and keeps one that has any of them', async () => {
    const feed = await unseen('no-title-no-link.rss');
    expect(feed.items.map((item) => item.title)).toEqual([
      'Investigating: tickets fail to load for some EU customers. Next update in 30 minutes.',
      'Resolved: all EU regions are back to normal.',
    ]);
  });

  it('says what a sitemap, a cloud storage error and text quoting a tag are, instead of naming a root element', async () => {
    expect((await parseError(decodeBody(sharedFeed('unseen/sitemap.xml')))).message).toBe(
      "This is not a feed: it is a sitemap (the list of a site's pages for search engines). Look for the site's RSS or Atom feed instead: its pages usually link it.",
    );
    expect((await parseError(decodeBody(sharedFeed('unseen/s3-error.xml')))).message).toBe(
      'This is not a feed: the server answered with an error document ("NoSuchKey: The specified key does not exist."). Check the address; if it is right, the file may have moved or not be public.',
    );
    const text = await parseError('# Feeds we read\n\nA page names its feed with <link rel="alternate">.');
    expect([text.code, text.message]).toEqual([
      'NOT_A_FEED',
      expect.stringMatching(
        /^This is not a feed: it is plain text, not RSS, Atom or JSON Feed \(it begins "# Feeds we read/,
      ),
    ]);
  });

  it('calls a file of an XML declaration alone empty, and reads a JSON Feed with no items yet as an empty feed', async () => {
    expect((await parseError(decodeBody(sharedFeed('unseen/declaration-only.xml')))).message).toMatch(
      /^This is not a feed: there is nothing in it\./,
    );
    const json = await unseen('jsonfeed-no-items.json');
    expect([json.format, json.title, json.items]).toEqual(['json', 'No items', []]);
    // Without the version that says it is a JSON Feed, an object with no items is some other JSON.
    expect((await parseError('{"title":"No items","home_page_url":"https://x.example/"}')).code).toBe(
      'NOT_A_FEED',
    );
  });

  it('says what a saved page names by a relative feed address, which only its web address can complete', async () => {
    const page = decodeBody(sharedFeed('unseen/html-page-relative-feed-link.html'));
    const saved = await parseFeed(page, 'file:///home/me/page.html').catch((error: unknown) => error);
    expect((saved as FeedError).message).toBe(
      'This is a web page, not a feed. The page names its feed as "/atom.xml", an address relative to the site it was saved from: check the page by its web address, or give the site\'s address followed by /atom.xml.',
    );
    // Fetched from its site, the page names the feed's full address.
    expect((await parseError(page)).message).toBe(
      'This is a web page, not a feed. The page names its feed: https://example.com/atom.xml (use that address).',
    );
  });

  it('reads an item described only inside <media:content>, and cuts a long title at a word with an ellipsis', async () => {
    const feed = await unseen('media-content-only.rss');
    expect(feed.items[0]).toMatchObject({
      title: 'Video title in media content',
      url: 'https://media.example/v.mp4',
      text: 'About the video',
    });
    expect(feed.items[1]?.title).toHaveLength(500);
    expect(feed.items[1]?.title).toMatch(/title Long…$/);
    // An image's description (alt text) is not the post's text when the post has its own.
    const mastodon = await unseen('mastodon-user.rss');
    expect(mastodon.items[0]?.text).toMatch(/^Hot take:/);
  });

  it("names an account's own posts by the display name its feed's title gives, others' by their handle", async () => {
    const mastodon = await unseen('mastodon-user.rss');
    expect(mastodon.items.map((item) => item.author)).toEqual(['Priya Raman', 'Priya Raman']);
    const tag = await unseen('mastodon-tag.rss');
    expect(tag.items.map((item) => item.author)).toEqual(['@ops_ines', '@lucas']);
    const nitter = await unseen('nitter-user.rss');
    expect(nitter.items.map((item) => item.author)).toEqual(['Priya Raman', 'Priya Raman', '@globexhq']);
  });

  it('passes over an Atom link with an empty href, and gives a JSON Feed episode with no url its attachment', async () => {
    const atom = await unseen('atom-untitled-empty-href.atom');
    expect(atom.items[0]?.url).toBe('https://notes2.example/notes/1');
    const json = await unseen('jsonfeed-podcast-attachments.json');
    expect(json.items.map((item) => item.url)).toEqual(['https://cdn.supporttalk.example.fm/ep12.mp3', null]);
    expect(json.items[1]?.text).toBe('Episode 11 notes.');
  });

  it("takes Hugo's zero date (Mon, 01 Jan 0001) for no date, not 2001", async () => {
    const feed = await unseen('hugo.xml');
    expect(feed.items.map((item) => item.publishedAt?.toISOString() ?? null)).toEqual([
      '2024-11-05T16:00:00.000Z',
      null,
    ]);
  });

  it('reads feed:// item links as web addresses, and keeps a comment’s own anchor', async () => {
    const schemes = await unseen('feed-scheme-and-protocol-relative.rss');
    expect(schemes.items.map((item) => item.url)).toEqual([
      'http://oddschemes.example.com/posts/feed-scheme',
      'https://oddschemes.example.com/posts/feed-https',
      'https://oddschemes.example.com/posts/protocol-relative',
      null,
      null,
      'https://oddschemes.example.com/Posts/Upper',
    ]);
    const comments = await unseen('wordpress-comments.rss');
    expect(comments.items.map((item) => item.url)).toEqual([
      'https://helpdeskreviews.example.com/acme-desk-5-review/#comment-4821',
      'https://helpdeskreviews.example.com/acme-desk-5-review/#comment-4819',
    ]);
  });
});
