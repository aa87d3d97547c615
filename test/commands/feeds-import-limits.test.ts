import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';

const admin = 'UADMIN01';
const { current, brief } = useCommandTests(admin);

function opml(count: number, url: (n: number) => string): string {
  const outlines = Array.from(
    { length: count },
    (_, n) => `<outline type="rss" text="Feed ${n}" xmlUrl="${url(n)}"/>`,
  ).join('');
  return `<?xml version="1.0"?><opml version="2.0"><head><title>Big</title></head><body>${outlines}</body></opml>`;
}

describe('/brief feeds import of a big list', () => {
  it('refuses more than 500 feeds before reading any, pointing to the command line', async () => {
    nock('https://lists.example.com')
      .get('/big.opml')
      .reply(
        200,
        opml(501, (n) => `https://dead${n}.example.com/feed.xml`),
      );
    const reply = await brief('feeds import https://lists.example.com/big.opml');
    expect(reply.text).toBe(
      'That list has 501 feeds; an import here takes 500 at most, so nothing was imported. Import it on the command line, which takes any number and lists every feed it skips: `npx briefbot feeds import https://lists.example.com/big.opml`; or split the file into lists of 500 or fewer.',
    );
    expect(await current().deps.db.prisma.feed.count()).toBe(0);
  });

  it('says where to see every skipped feed when the list is cut', async () => {
    nock('https://lists.example.com')
      .get('/bad.opml')
      .reply(
        200,
        opml(30, (n) => `https://gone.example.com/f${n}.xml`),
      );
    nock('https://gone.example.com')
      .get(/^\/f\d+\.xml$/)
      .times(30)
      .reply(404);
    const shown = read(await brief('feeds import https://lists.example.com/bad.opml'));
    expect(shown).toContain('30 could not be added');
    expect(shown).toContain(
      '…and 5 more. To see every one: `npx briefbot feeds import https://lists.example.com/bad.opml` on the command line (the feeds added here count as already watched).',
    );
  });
});
