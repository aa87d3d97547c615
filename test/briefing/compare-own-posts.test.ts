import type { SectionBlock } from '@slack/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { demoCompanyTopic } from '../../src/console/demo.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { startFeedServer } from '../helpers/feed-server.ts';

const demo = useDemoCorpus({ now: '2026-11-24T22:00:00Z' });
const { brief } = demo;
/** More of Globex's own posts in the last 7 days than a thousand, all about its resolution updates. */
const ownPosts = 1_005;

/** An RSS feed of Globex's own posts, each its own article, one a minute back from 23 Nov noon. */
function globexPressRoom(): string {
  const start = Date.parse('2026-11-23T12:00:00Z');
  const items = Array.from({ length: ownPosts }, (_, n) => {
    const at = new Date(start - n * 60_000).toUTCString();
    return `<item><title>Globex resolution update no. ${n + 1}</title><link>https://press.globex.example/offers/${n + 1}</link><guid>https://press.globex.example/offers/${n + 1}</guid><pubDate>${at}</pubDate><description>Globex ships resolution update no. ${n + 1} for support teams.</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Globex Press Room</title><link>https://press.globex.example/</link><description>Globex announcements</description>${items.join('')}</channel></rss>`;
}

beforeAll(async () => {
  await addTopic(demo.deps, { ...demoCompanyTopic, actorId: 'USEED' });
  const server = await startFeedServer({ '/press.xml': { body: globexPressRoom() } });
  try {
    await addFeed(
      { ...demo.deps, http: { ...demo.deps.http, allowPrivate: true } },
      {
        url: server.url('/press.xml'),
        kind: 'competitor',
        competitor: 'globex',
        actorId: 'USEED',
        anyway: true,
      },
    );
  } finally {
    await server.close();
  }
}, 120_000);

describe("two sides and two periods: a competitor's own posts, however many", () => {
  it('are left out of what moved for it, every one, not only the newest thousand matches', async () => {
    const reply = await brief('acme vs globex this week vs last week');
    const cards = (reply.blocks ?? []).filter(
      (block): block is SectionBlock => block.type === 'section' && block.fields?.length === 2,
    );
    const globex = cards[1]?.text?.text ?? '';
    // Its card counts its own posts, said as its own.
    expect(cards[1]?.fields?.[0]?.text).toContain(`of them Globex's own posts`);
    // Its own comparison, counting every mention, names the press room's words as what moved…
    expect(JSON.stringify((await brief('globex this week vs last week')).blocks)).toContain(
      `New: resolution update (${ownPosts}, none the 7 days before)`,
    );
    // …but side by side, what moved counts what others said: none of them wrote "resolution update",
    // so it is no move of Globex's, not even by the own posts past the newest thousand matches.
    expect(globex.split('\n')[1]).toBe(
      'What moved: New: ai (5, from none) · New: assist (5, from none) · New: tickets (4, from none)',
    );
  }, 60_000);
});
