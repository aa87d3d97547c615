import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, truncateText } from '../../src/monitor/html-text.ts';
import { parseFeed } from '../../src/monitor/parse.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

describe('htmlToText', () => {
  it('separates block elements with a space and joins inline ones', () => {
    expect(htmlToText('<p>a</p><p>b</p>')).toBe('a b');
    expect(htmlToText('one<br>two<br/>three<hr />four')).toBe('one two three four');
    expect(htmlToText('<ul><li>one<li>two</ul><h2>Head</h2><blockquote>q</blockquote>')).toBe(
      'one two Head q',
    );
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>')).toBe('a b c');
    expect(htmlToText('<section>s</section><article>a</article><div>d</div>')).toBe('s a d');
    expect(htmlToText('Hel<span>lo</span> <b>wor</b><i>ld</i>, <a href="/x">link</a>.')).toBe(
      'Hello world, link.',
    );
  });

  it('writes a Khoros community mention (<LI-USER login=…>) as @name', () => {
    expect(
      htmlToText('<P><LI-USER uid="55123" login="ops_lead_kim"></LI-USER>&nbsp;did you get the same?</P>'),
    ).toBe('@ops_lead_kim did you get the same?');
    expect(htmlToText('<p>Ask <li-user login=\'dana_r\' /> or <LI-USER uid="1"></LI-USER>support</p>')).toBe(
      'Ask @dana_r or support',
    );
  });

  it('reads prefixed XHTML elements as their HTML selves (inline stays inline)', () => {
    expect(
      htmlToText('<xhtml:p>Setup took <xhtml:b>an hour</xhtml:b>.</xhtml:p><xhtml:p>Next</xhtml:p>'),
    ).toBe('Setup took an hour. Next');
  });

  it('drops script, style, noscript, template, svg and math with their content', () => {
    expect(htmlToText('a<script type="text/javascript">var x = "<p>no</p>";</script>b')).toBe('a b');
    expect(htmlToText('a<STYLE media=all>p { color: red }</Style >b')).toBe('a b');
    expect(htmlToText('a<noscript><img src="pixel.gif">enable JS</noscript>b')).toBe('a b');
    expect(htmlToText('a<template><p>t</p><template>inner</template>still</template>b')).toBe('a b');
    expect(htmlToText('a<svg viewBox="0 0 1 1"><svg><text>x</text></svg><text>y</text></svg>b')).toBe('a b');
    expect(htmlToText('a<math><mi>x</mi></math>b')).toBe('a b');
  });

  it("drops a <title> in the body, as a browser never shows it (APOD's descriptions repeat the title in one)", () => {
    expect(
      htmlToText(
        '<a href="/ap.html"><img src="i.jpg" /></a>\n<title> APOD: 2023 September 9 – Comet </title>\nComet Nishimura is growing.',
      ),
    ).toBe('Comet Nishimura is growing.');
    expect(htmlToText('Intro<title>Page</title>')).toBe('Intro');
    // With no end tag it is a stray word in the text, kept as written, not the rest of the text lost.
    expect(htmlToText('<p>Set the <title> of every page</p>')).toBe('Set the of every page');
    expect(htmlToText('a<title>b<script>x</script>c')).toBe('a b c');
    const started = performance.now();
    expect(htmlToText('<title>x'.repeat(50_000))).toBe('x'.repeat(50_000).split('').join(' '));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("drops the fallback a browser shows only when it cannot play a <video> or <audio> (Planet GNOME's posts)", () => {
    expect(
      htmlToText(
        '<p>Icons:</p><video class="full" controls="">\n  <source src="n.mp4" type="video/mp4"/>\nYour browser does not support the video tag.\n</video><p>So what?</p>',
      ),
    ).toBe('Icons: So what?');
    expect(htmlToText('a<audio controls><source src="e.mp3">Download the episode</audio>b')).toBe('a b');
    expect(htmlToText('<p>The <video> element plays clips.</p>')).toBe('The element plays clips.');
  });

  it('ends a script at the first end tag, whatever its content says', () => {
    expect(htmlToText('x<script>document.write("<script>")</script>y')).toBe('x y');
  });

  it('treats self-closing skipped elements as empty (XHTML content)', () => {
    expect(htmlToText('a<script src="x.js"/>b<svg/>c')).toBe('a b c');
  });

  it('drops an unclosed skipped element up to the end of input', () => {
    expect(htmlToText('kept<script>alert(1)')).toBe('kept');
    expect(htmlToText('kept<svg><path d="M0"/>')).toBe('kept');
  });

  it('drops comments, doctype and processing instructions', () => {
    expect(htmlToText('<!DOCTYPE html><?xml version="1.0"?>a<!-- <p>hidden</p> -->b<!---->c')).toBe('abc');
    expect(htmlToText('a<!-- never closed <p>b</p>')).toBe('a');
  });

  it('drops CDATA markers and keeps their text', () => {
    expect(htmlToText('<![CDATA[Plain text]]>')).toBe('Plain text');
    expect(htmlToText('before <![CDATA[<p>Tom &amp; Jerry</p>]]> after')).toBe('before Tom & Jerry after');
    expect(htmlToText('<![CDATA[never closed')).toBe('never closed');
  });

  it('keeps a ">" inside quoted attribute values out of the text', () => {
    expect(htmlToText('<a title="x > y" data-x=\'1>2\'>link</a> <img alt="a > b" src=x.png>after')).toBe(
      'link after',
    );
  });

  it('keeps "<" that does not start a tag', () => {
    expect(htmlToText('1 < 2 &amp;&amp; 3 > 2')).toBe('1 < 2 && 3 > 2');
    expect(htmlToText('<3 and <<<')).toBe('<3 and <<<');
  });

  it('keeps a word in angle brackets that names no HTML element: a type or a component in a title', () => {
    // Titles of programming feeds (release notes, blogs) arrive with their "<" decoded by the XML reader.
    expect(htmlToText('Understanding List<T> in C#')).toBe('Understanding List<T> in C#');
    expect(htmlToText('Map<String, Integer> explained')).toBe('Map<String, Integer> explained');
    expect(htmlToText('Fix <Select> losing focus')).toBe('Fix <Select> losing focus');
    expect(htmlToText('<p>Vector<int>::push_back is <b>fast</b></p>')).toBe('Vector<int>::push_back is fast');
    // Real tags still go, in any case, and custom and namespaced elements too.
    expect(htmlToText('<P>One</P><BR>two <o:p>three</o:p><lite-youtube videoid="x"></lite-youtube>')).toBe(
      'One two three',
    );
  });

  it('decodes named entities: Latin-1, typographic and XML', () => {
    expect(htmlToText('caf&eacute; &Uuml;ber &szlig; &yuml; &copy; &reg; &deg; &frac12; &times;')).toBe(
      'café Über ß ÿ © ® ° ½ ×',
    );
    expect(htmlToText('&ldquo;Hi&rdquo; &lsquo;x&rsquo; a&mdash;b a&ndash;b wait&hellip;')).toBe(
      '“Hi” ‘x’ a—b a–b wait…',
    );
    expect(htmlToText('&bull; &trade; &euro;5 &pound;3 &laquo;x&raquo; &amp; &lt;&gt; &quot; &apos;')).toBe(
      '• ™ €5 £3 «x» & <> " \'',
    );
  });

  it('decodes decimal and hex references, Windows-1252 ones as HTML5 does', () => {
    expect(htmlToText('&#65;&#x42;&#X43;&#0068; &#x1F600; &#8217;')).toBe('ABCD 😀 ’');
    expect(htmlToText('it&#146;s &#150; &#x80;')).toBe('it’s – €');
  });

  it('reads C1 controls the XML parser decoded from `&#146;` as Windows-1252, drops the unassigned ones', () => {
    expect(htmlToText('Acme\u0092s pricing \u0096 \u0093new\u0094\u0085 \u0080250\u0081\u009d')).toBe(
      'Acme’s pricing – “new”… €250',
    );
  });

  it('turns invalid code points into U+FFFD', () => {
    expect(htmlToText('&#0; &#xD800; &#x110000; &#99999999999999999999;')).toBe(
      '\uFFFD \uFFFD \uFFFD \uFFFD',
    );
  });

  it('leaves unknown named entities and bare ampersands as written', () => {
    expect(htmlToText('&madeup; AT&T R&D &#; &#x;')).toBe('&madeup; AT&T R&D &#; &#x;');
  });

  it('decodes legacy entities without a semicolon, except before "="', () => {
    expect(htmlToText('&copy 2024 &amp more')).toBe('© 2024 & more');
    expect(htmlToText('?a=1&copy=2&lang=en')).toBe('?a=1&copy=2&lang=en');
  });

  it('decodes only once when the text has real tags', () => {
    expect(htmlToText('<p>Use <code>&lt;/div&gt;</code> and &amp;lt;</p>')).toBe('Use </div> and &lt;');
  });

  it('strips double-escaped markup once more', () => {
    // What `<description>&amp;lt;p&amp;gt;…</description>` becomes after the XML parser.
    expect(htmlToText('&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;')).toBe(
      'Tom & Jerry Two',
    );
    expect(htmlToText('&lt;a href=&quot;https://x.test/&quot;&gt;Read&lt;/a&gt;')).toBe('Read');
    expect(htmlToText('line&lt;br&gt;break')).toBe('line break');
    expect(htmlToText('<![CDATA[&lt;p&gt;Hi&lt;/p&gt;]]>')).toBe('Hi');
  });

  it('drops a CDATA close standing alone between tags, escaped with the HTML around it, and keeps one in words or code', () => {
    expect(
      htmlToText('&lt;p&gt;Summary of the post.&lt;/p&gt;]]&gt; &lt;p&gt;Second paragraph.&lt;/p&gt;'),
    ).toBe('Summary of the post. Second paragraph.');
    expect(htmlToText('<b>Acme</b>]]><b>Globex</b>')).toBe('Acme Globex');
    expect(htmlToText('<p>Escaping ]]> in XML is hard</p>')).toBe('Escaping ]]> in XML is hard');
    expect(htmlToText('<p>The sequence <code>]]></code> ends a section</p>')).toBe(
      'The sequence ]]> ends a section',
    );
    expect(htmlToText('Acme raised prices]]> Globex did not')).toBe('Acme raised prices]]> Globex did not');
  });

  it('decodes punctuation entities escaped twice, but never into "<" or ">"', () => {
    // What `Merck &#x26;amp; Co.` in a CDATA description becomes after the XML parser.
    expect(htmlToText('<p>Merck &#x26;amp; Co. &amp;quot;shipped&amp;quot; &amp;#8212; at last</p>')).toBe(
      'Merck & Co. "shipped" — at last',
    );
    expect(htmlToText('Tom &amp;amp; Jerry')).toBe('Tom & Jerry');
    expect(htmlToText('<p>Write &amp;lt;b&amp;gt; and &amp;#60;</p>')).toBe('Write &lt;b&gt; and &#60;');
  });

  it('strips markup escaped inside a bare XHTML wrapper, but keeps it as text inside real markup', () => {
    expect(
      htmlToText(
        '<div type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&lt;p&gt;Hi there&lt;/p&gt;</div></div>',
      ),
    ).toBe('Hi there');
    expect(htmlToText('<div class="note">Close it with &lt;/p&gt; always</div>')).toBe(
      'Close it with </p> always',
    );
  });

  it('keeps escaped tag names that do not look like markup', () => {
    expect(htmlToText('The &lt;dialog&gt; element')).toBe('The <dialog> element');
    expect(htmlToText('Why &lt;div&gt; soup hurts')).toBe('Why <div> soup hurts');
  });

  it('removes control and invisible characters and collapses whitespace', () => {
    expect(htmlToText('  a\u0001b \u00a0&nbsp;\t\n c\u200bd\ufeff e&shy;f \u2009\u3000 g\r\n')).toBe(
      'ab cd ef g',
    );
    expect(htmlToText('x&#1;y&#x7f;z')).toBe('xyz');
  });

  it('keeps joiners that are part of emoji and scripts', () => {
    expect(htmlToText('👩\u200d💻 ok')).toBe('👩\u200d💻 ok');
  });

  it('returns empty text for empty or markup-only input', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<p> </p><br><script>x</script>')).toBe('');
  });

  it('drops a tag cut off by the end of input', () => {
    expect(htmlToText('Read more <a href="https://x.test/po')).toBe('Read more');
    expect(htmlToText('<')).toBe('<');
    expect(htmlToText('a</')).toBe('a');
  });

  it('converts a real feed item', () => {
    const html = `<div class="entry"><h1>Release 2.0</h1>
      <p>We&#8217;re happy to announce <strong>v2.0</strong>&nbsp;&mdash; faster &amp; smaller.</p>
      <figure><img src="a.png" alt="chart"><figcaption>Benchmarks</figcaption></figure>
      <script>trackView();</script><p>Read <a href="https://x.test/?a=1&amp;b=2">more</a>&hellip;</p></div>`;
    expect(htmlToText(html)).toBe(
      'Release 2.0 We’re happy to announce v2.0 — faster & smaller. Benchmarks Read more…',
    );
  });

  it('stays linear on hostile input', () => {
    const hostile = [
      '<a'.repeat(2_500_000),
      '<'.repeat(5_000_000),
      '<![CDATA['.repeat(500_000),
      '<!--'.repeat(1_000_000),
      '<svg>'.repeat(1_000_000),
      '<script>'.repeat(600_000),
      '<a b="'.repeat(800_000),
      '&'.repeat(5_000_000),
      '&lt;/p&gt;&lt;a x='.repeat(300_000),
      `<p${' '.repeat(5_000_000)}`,
    ];
    const started = performance.now();
    const lengths = hostile.map((input) => htmlToText(input).length);
    expect(lengths).toEqual([0, 5_000_000, 0, 0, 0, 0, 0, 5_000_000, 0, 0]);
    // Generous bound: a quadratic scan of these inputs takes hours, a linear one well under a second.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('htmlToText and a style sheet left as text', () => {
  it('drops the CSS rules a publisher left in an item once its <style> tags were stripped (real feed)', async () => {
    // Neverwinter's news feed: the item ends in ".share-link a { margin: 0 10px 0 0; background: url(…) … }".
    const feed = await parseFeed(
      sharedFeed('node-feedparser/rss-with-relative-urls-with-absolute-xmlurl.xml').toString('utf8'),
      'https://www.arcgames.com/en/games/neverwinter/news/rss',
    );
    const item = feed.items.find((candidate) => candidate.title.includes('Underdark'));
    expect(item?.text).toMatch(/Prophecy of Madness, and Demogorgon!$/);
    expect(item?.text).not.toMatch(/share-link|background|margin|px|rgba|opacity|\{|\}/);
  });

  it('keeps braces that are not a style rule, and stays linear on hostile input', () => {
    expect(htmlToText('p { color: red; } after')).toBe('after');
    expect(htmlToText('Send JSON { "a": 1 } and at_exit { cookie = nil }')).toBe(
      'Send JSON { "a": 1 } and at_exit { cookie = nil }',
    );
    expect(htmlToText('Our plan {in short: cheaper} wins')).toBe('Our plan {in short: cheaper} wins');
    const started = performance.now();
    htmlToText(`${'.a .b .c .d '.repeat(200_000)}{ x: y`);
    htmlToText(`.a {${'b: c '.repeat(500_000)}`);
    htmlToText('a {b:c;'.repeat(300_000));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('decodeEntities', () => {
  it('decodes without touching markup', () => {
    expect(decodeEntities('<b>Tom &amp; Jerry&#33;</b>')).toBe('<b>Tom & Jerry!</b>');
  });

  it('does not decode inherited object keys', () => {
    expect(decodeEntities('&constructor; &toString; &__proto__;')).toBe(
      '&constructor; &toString; &__proto__;',
    );
  });
});

describe('truncateText', () => {
  it('returns short text unchanged', () => {
    expect(truncateText('short', 5)).toBe('short');
  });

  it('cuts at a word boundary and appends an ellipsis', () => {
    expect(truncateText('The quick brown fox jumps', 18)).toBe('The quick brown…');
    expect(truncateText('The quick brown fox jumps', 16)).toBe('The quick brown…');
    expect(truncateText('The quick brown fox jumps', 18).length).toBeLessThanOrEqual(18);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(truncateText('First, second, third', 15)).toBe('First, second…');
  });

  it('cuts inside a word when the last space is too far back', () => {
    expect(truncateText('See https://example.com/a/very/long/path', 20)).toBe('See https://example…');
  });

  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
  });

  it('handles tiny limits', () => {
    expect(truncateText('hello', 1)).toBe('…');
    expect(truncateText('hello', 0)).toBe('');
  });
});
