import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { demoFeedsDir } from '../../src/console/demo.ts';
import { read } from '../helpers/commands.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { sharedFeed } from '../helpers/fixtures.ts';

const admin = 'UADMIN01';
let deps: TestDeps;

beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
});
afterEach(async () => {
  await deps.cleanup();
});

function brief(text: string): Promise<Reply> {
  return runCommand(deps, { userId: admin, channelId: 'C0CHANNEL', text });
}

/** A company's blog by its home page address: the page names its feed, as blogs' pages do. */
function serveGlobexBlog(company = 'globex'): void {
  const feed = readFileSync(join(demoFeedsDir, 'globex-blog.xml'), 'utf8')
    .replace(/\{\{hoursAgo:\d+\}\}/g, new Date(Date.now() - 3_600_000).toISOString())
    .replace(/Globex/g, company.charAt(0).toUpperCase() + company.slice(1))
    .replace(/globex/g, company);
  nock(`https://blog.${company}.example`)
    .get('/')
    .reply(
      200,
      '<!doctype html><html><head><title>The Globex Blog</title><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head><body></body></html>',
      { 'content-type': 'text/html' },
    )
    .get('/feed.xml')
    .reply(200, feed, { 'content-type': 'application/atom+xml' });
}

describe('feeds add with no kind', () => {
  it("says it chose news and, for a company's own blog, the command that makes it that competitor's", async () => {
    serveGlobexBlog();
    const reply = await brief('feeds add https://blog.globex.example');
    const said =
      "Added as news, the default kind. It looks like Globex's own blog: to count its posts as Globex's own, not as news, `/brief feeds set 1 kind=competitor as Globex`.";
    expect(reply.text).toMatch(/^Added feed 1: The Globex Blog/);
    expect(reply.text).toContain(said);
    expect(read(reply)).toContain('(_news_)');
    // The command it gives works as typed.
    expect((await brief('feeds set 1 kind=competitor as Globex')).text).toMatch(/now competitor/);
    expect(await deps.db.prisma.feed.findFirstOrThrow()).toMatchObject({
      kind: 'competitor',
      competitor: 'Globex',
    });
  });

  it('says it chose news, and how to choose another, for a feed that is no company blog', async () => {
    nock('https://news.example.com')
      .get('/feed.xml')
      .reply(200, sharedFeed('node-feedparser/rss2sample.xml'));
    const reply = await brief('feeds add https://news.example.com/feed.xml');
    expect(reply.text).toContain(
      'Added as news, the default kind; another (blog, forum, review, competitor, community), e.g. `/brief feeds set 1 kind=review`.',
    );
    expect(reply.text).not.toContain('own blog');
  });

  it("offers no competitor's kind for the company's own blog", async () => {
    await brief('topics add acme acme kind=company');
    serveGlobexBlog('acme');
    const reply = await brief('feeds add https://blog.acme.example');
    expect(reply.text).toMatch(/^Added feed 1: The Acme Blog/);
    expect(reply.text).toContain('Added as news, the default kind; another');
    expect(reply.text).not.toContain('own blog');
  });

  it('says nothing of the kind when it was typed', async () => {
    serveGlobexBlog();
    const reply = await brief('feeds add https://blog.globex.example kind=blog');
    expect(reply.text).toMatch(/^Added feed 1: The Globex Blog/);
    expect(reply.text).not.toContain('default kind');
  });
});

describe('feeds add with a kind said without kind=', () => {
  it('gives the command as meant, fetches nothing and adds nothing', async () => {
    // No nock scope: a fetch would fail the test, as the network is off.
    for (const typed of [
      'competitor blog https://acme.example/blog/rss',
      'https://acme.example/blog/rss competitor',
    ])
      expect((await brief(`feeds add ${typed}`)).text).toBe(
        'The kind goes after the address, with kind=: `/brief feeds add https://acme.example/blog/rss kind=competitor as &lt;their name&gt;` (the competitor it stands for, e.g. `as Initech`). Nothing was added.',
      );
    expect((await brief('feeds add https://acme.example/blog/rss reviews')).text).toBe(
      'The kind goes after the address, with kind=: `/brief feeds add https://acme.example/blog/rss kind=review`. Nothing was added.',
    );
    expect(await deps.db.prisma.feed.count()).toBe(0);
  });
});
