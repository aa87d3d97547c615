import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeItems } from '../../src/db/items.ts';
import { analyzeFeedBody } from '../../src/monitor/analyze.ts';
import {
  blockActionsBody,
  type HttpApp,
  hooks,
  postToSlack,
  slashCommandBody,
  startHttpApp,
} from '../helpers/slack-http.ts';

let app: HttpApp;

beforeAll(async () => {
  app = await startHttpApp({ BRIEFBOT_ADMINS: 'UADMIN01' });
});

afterAll(async () => {
  await app.stop();
});

type Posted = { text?: string; blocks?: Array<{ type: string; block_id?: string; elements?: Button[] }> };
type Button = { type: string; text?: { text: string }; value?: string };

/** Every reply Briefbot sends to the response URL at `path`, in order. */
function hookReplies(path: string): Posted[] {
  const replies: Posted[] = [];
  nock(hooks)
    .persist()
    .post(path)
    .reply(200, (_uri, body) => {
      replies.push(body as Posted);
      return { ok: true };
    });
  return replies;
}

async function until<T>(read: () => T | undefined): Promise<T> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no reply came');
}

/** The answer Briefbot sent to `replies` (the "Looking at…" note before it is not one). */
function answerIn(replies: Posted[], after: number): Posted | undefined {
  return replies.slice(after).find((reply) => JSON.stringify(reply.blocks ?? []).includes('answer_actions'));
}

function buttonNamed(reply: Posted, name: string): Button | undefined {
  return (reply.blocks ?? [])
    .flatMap((block) => block.elements ?? [])
    .find((element) => element.type === 'button' && element.text?.text === name);
}

/** The links of the numbered stories of a page, "[6]" first. */
function storiesOf(reply: Posted): string[] {
  return [...JSON.stringify(reply.blocks).matchAll(/\*\[\d+\]\* <([^|>]+)\|/g)].map(
    ([, url]) => url as string,
  );
}

const words = (
  'amber basil cedar delta ember fjord garnet harbor indigo juniper kelp lagoon maple nectar onyx ' +
  'pebble quartz raven saffron tundra umber velvet willow xenon yarrow zephyr acorn birch canyon dune ' +
  'estuary falcon glacier heron island jasper kestrel lichen meadow nimbus orchid prairie quill ridge ' +
  'sierra thistle upland valley walnut yucca zinnia alder bramble copper'
).split(' ');

/** A story's own words: no two stories share enough of them to read as one. */
function storyText(index: number): string {
  const own = Array.from({ length: 9 }, (_, at) => words[(index * 7 + at * 11) % words.length]);
  return `Pricing ${own.slice(0, 3).join(' ')} report. The ${own.slice(3).join(' ')} figures were published.`;
}

/** Feeds with items published over the last `days`, as if polled: `stories` told by each listed feed. */
async function seed(
  stories: Array<{ feeds: number[]; hoursAgo: number }>,
  feeds: Array<{ kind: string; weight: number }>,
) {
  const { sqlite } = app.running.deps.db;
  const now = Date.now();
  for (const [feedAt, feed] of feeds.entries()) {
    const host = `https://feed${feedAt}.example.com`;
    const feedId = Number(
      sqlite
        .prepare(
          'INSERT INTO feeds (url, title, kind, weight, next_poll_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)',
        )
        .run(`${host}/rss`, `Feed ${feedAt}`, feed.kind, feed.weight, now + 86_400_000).lastInsertRowid,
    );
    const items = stories.flatMap((story, index) => {
      if (!story.feeds.includes(feedAt)) return [];
      const [title, text] = storyText(index).split('. ');
      return [
        `<item><guid>s${index}</guid><title>${title}</title><link>${host}/s${index}</link><pubDate>${new Date(now - story.hoursAgo * 3_600_000).toUTCString()}</pubDate><description>${title}. ${text}</description></item>`,
      ];
    });
    const parsed = await analyzeFeedBody(
      `<rss version="2.0"><channel><title>Feed ${feedAt}</title>${items.join('')}</channel></rss>`,
      `${host}/rss`,
      [],
    );
    sqlite.transaction(() => storeItems(sqlite, parsed.items, { feedId, backlog: false, now: new Date() }))();
  }
}

describe('More, page after page, through Slack', () => {
  it('shows each story once and passes none over, though later pages read more mentions and rank them anew', async () => {
    // 36 stories told by three or four news feeds, and 15 customers' forum posts among them in
    // rank: 151 mentions in 51 stories. Customers' posts are listed first, so each page that reads
    // more mentions finds more of them to put ahead of the news the page before had reached.
    const stories = Array.from({ length: 51 }, (_, index) => ({
      feeds: index % 3 === 0 && index < 45 ? [5] : index % 4 === 1 && index < 45 ? [0, 1, 2] : [0, 1, 2, 3],
      hoursAgo: 2 + ((index * 37) % 150),
    }));
    expect(stories.filter((story) => story.feeds[0] === 5)).toHaveLength(15);
    expect(stories.reduce((sum, story) => sum + story.feeds.length, 0)).toBe(151);
    await seed(stories, [
      ...Array.from({ length: 5 }, () => ({ kind: 'news', weight: 1 })),
      { kind: 'forum', weight: 0.65 },
    ]);

    const replies = hookReplies('/commands/T0TEAM/7/paging');
    const asked = slashCommandBody(
      'what are customers saying about pricing',
      'UEXEC01',
      `${hooks}/commands/T0TEAM/7/paging`,
    );
    expect((await postToSlack(app, asked)).status).toBe(200);
    const pages = [await until(() => answerIn(replies, 0))];
    // More pressed on each page as it arrives, as an executive reads on.
    for (let hook = 1; ; hook += 1) {
      const more = buttonNamed(pages.at(-1) as Posted, 'More');
      if (!more?.value) break;
      const pressed = hookReplies(`/actions/paging/${hook}`);
      const body = blockActionsBody('UEXEC01', {
        container: { type: 'message', message_ts: '1.0', channel_id: 'C0CHANNEL' },
        channel: { id: 'C0CHANNEL', name: 'general' },
        trigger_id: `1.2.${hook}`,
        response_url: `${hooks}/actions/paging/${hook}`,
        actions: [
          {
            type: 'button',
            action_id: 'run_command:2',
            block_id: 'answer_actions',
            value: more.value,
            action_ts: '1',
          },
        ],
      });
      expect((await postToSlack(app, body)).status).toBe(200);
      pages.push(await until(() => answerIn(pressed, 0) ?? pressed[0]));
    }
    const shown = pages.flatMap(storiesOf);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    // Every story once: none twice, none passed over, whichever of its feeds' items leads it.
    const storyOfUrl = (url: string) => new URL(url).pathname;
    expect(shown.map(storyOfUrl).sort()).toEqual(stories.map((_, index) => `/s${index}`).sort());
    // Numbered on from page to page: [1] to [51], each once.
    const numbers = pages.flatMap((page) =>
      [...JSON.stringify(page.blocks).matchAll(/\*\[(\d+)\]\* </g)].map(([, number]) => Number(number)),
    );
    expect(numbers).toEqual(stories.map((_, index) => index + 1));
  });
});
