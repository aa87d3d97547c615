import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeItems } from '../../src/db/items.ts';
import { analyzeFeedBody } from '../../src/monitor/analyze.ts';
import {
  blockActionsBody,
  type HttpApp,
  hookRepliesAt,
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
const hookReplies = (path: string) => hookRepliesAt<Posted>(path);

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

/** A story's own words about `subject`: no two stories share enough of them to read as one. */
function storyText(subject: string, index: number): string {
  const own = Array.from({ length: 9 }, (_, at) => words[(index * 7 + at * 11) % words.length]);
  return `${subject} ${own.slice(0, 3).join(' ')} report. The ${own.slice(3).join(' ')} figures were published.`;
}

/** Feeds with items about `subject`, as if polled: each story told by the feeds it lists, `hoursAgo`. */
async function seed(
  subject: string,
  stories: Array<{ feeds: number[]; hoursAgo: number }>,
  feeds: Array<{ kind: string; weight: number }>,
) {
  const { sqlite } = app.running.deps.db;
  const now = Date.now();
  for (const [feedAt, feed] of feeds.entries()) {
    const host = `https://${subject.toLowerCase()}${feedAt}.example.com`;
    const title = `${subject} feed ${feedAt}`;
    const feedId = Number(
      sqlite
        .prepare(
          'INSERT INTO feeds (url, title, kind, weight, next_poll_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)',
        )
        .run(`${host}/rss`, title, feed.kind, feed.weight, now + 86_400_000).lastInsertRowid,
    );
    const items = stories.flatMap((story, index) => {
      if (!story.feeds.includes(feedAt)) return [];
      const [headline, text] = storyText(subject, index).split('. ');
      return [
        `<item><guid>s${index}</guid><title>${headline}</title><link>${host}/s${index}</link><pubDate>${new Date(now - story.hoursAgo * 3_600_000).toUTCString()}</pubDate><description>${headline}. ${text}</description></item>`,
      ];
    });
    const parsed = await analyzeFeedBody(
      `<rss version="2.0"><channel><title>${title}</title>${items.join('')}</channel></rss>`,
      `${host}/rss`,
      [],
    );
    sqlite.transaction(() => storeItems(sqlite, parsed.items, { feedId, backlog: false, now: new Date() }))();
  }
}

/** `question` asked with /brief by `userId`, in the channel; its answer. */
async function askInChannel(question: string, name: string, userId = 'UEXEC01'): Promise<Posted> {
  const replies = hookReplies(`/commands/T0TEAM/7/${name}`);
  const asked = slashCommandBody(question, userId, `${hooks}/commands/T0TEAM/7/${name}`);
  expect((await postToSlack(app, asked)).status).toBe(200);
  return until(() => answerIn(replies, 0));
}

/** The button `name` (More, Share to channel) of `reply` pressed by `userId` in the channel; the reply to it. */
async function press(reply: Posted, name: string, userId: string, hook: string): Promise<Posted> {
  const value = buttonNamed(reply, name)?.value;
  expect(value, `a ${name} button`).toBeDefined();
  const pressed = hookReplies(`/actions/${hook}`);
  const body = blockActionsBody(userId, {
    container: { type: 'message', message_ts: '1.0', channel_id: 'C0CHANNEL' },
    channel: { id: 'C0CHANNEL', name: 'general' },
    trigger_id: `1.2.${hook}`,
    response_url: `${hooks}/actions/${hook}`,
    actions: [
      { type: 'button', action_id: 'run_command:2', block_id: 'answer_actions', value, action_ts: '1' },
    ],
  });
  expect((await postToSlack(app, body)).status).toBe(200);
  return until(() => answerIn(pressed, 0) ?? pressed[0]);
}

/** More pressed by `userId` on each page from `first` on, as it arrives, as an executive reads on. */
async function readOn(first: Posted, name: string, userId = 'UEXEC01'): Promise<Posted[]> {
  const pages = [first];
  for (let hook = 1; buttonNamed(pages.at(-1) as Posted, 'More'); hook += 1)
    pages.push(await press(pages.at(-1) as Posted, 'More', userId, `${name}/${hook}`));
  return pages;
}

/** `question` asked with /brief, then More pressed on each page as it arrives, as an executive reads on. */
async function readAllPages(question: string, name: string): Promise<Posted[]> {
  return readOn(await askInChannel(question, name), name);
}

/** The story a link is of, whichever of its feeds' items leads it: "/s12". */
const storyOfUrl = (url: string) => new URL(url).pathname;

describe('More, page after page, through Slack', () => {
  it('the overview pages each event once, though a later page reads more of its tellings and ranks it higher', async () => {
    // First, while the workspace holds only these: the overview reads every feed.
    // 45 outages, each told by a news story and, in other words, by three forum threads that rank
    // far lower: a page that reads more mentions counts more of an event's sources, and moves it up.
    const names = ['Zor', 'Quel', 'Vant', 'Mirr', 'Tolk', 'Nexa', 'Brix', 'Cald', 'Dru'].flatMap((start) =>
      ['vex', 'ondo', 'lix', 'amar', 'uto'].map((end) => `${start}${end}`),
    );
    const { sqlite } = app.running.deps.db;
    const now = Date.now();
    const tellings = [
      (name: string, [a, b]: string[]) => [
        `${name} outage takes ${a} ${b} offline`,
        `Customers of ${name} lost ${a} ${b} for hours.`,
      ],
      (name: string, [a, b]: string[]) => [
        `Anyone else hit by the ${name} outage?`,
        `Our ${a} ${b} at ${name} went offline.`,
      ],
      (name: string, [a, b]: string[]) => [
        `${name} down again`,
        `The ${name} ${a} ${b} are offline, an outage.`,
      ],
      (name: string, [a, b]: string[]) => [
        `Is ${name} offline for you too?`,
        `No ${a} ${b} since the ${name} outage.`,
      ],
    ];
    for (const [telling, say] of tellings.entries()) {
      const host = `https://events${telling}.example.com`;
      const feedId = Number(
        sqlite
          .prepare(
            'INSERT INTO feeds (url, title, kind, weight, next_poll_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)',
          )
          .run(
            `${host}/rss`,
            host,
            telling === 0 ? 'news' : 'forum',
            telling === 0 ? 1 : 0.2,
            now + 86_400_000,
          ).lastInsertRowid,
      );
      const items = names.map((name, index) => {
        const [title, text] = say(name, [words[index] as string, words[index + 1] as string]);
        const at = new Date(now - (3 + ((index * 29) % 140) + telling) * 3_600_000).toUTCString();
        return `<item><guid>e${index}-${telling}</guid><title>${title}</title><link>${host}/e${index}-${telling}</link><pubDate>${at}</pubDate><description>${text}</description></item>`;
      });
      const parsed = await analyzeFeedBody(
        `<rss version="2.0"><channel><title>${host}</title>${items.join('')}</channel></rss>`,
        `${host}/rss`,
        [],
      );
      sqlite.transaction(() =>
        storeItems(sqlite, parsed.items, { feedId, backlog: false, now: new Date() }),
      )();
    }
    const pages = await readAllPages("what's new", 'events');
    const events = pages
      .flatMap(storiesOf)
      .flatMap((url) => (/^\/e(\d+)-/.exec(storyOfUrl(url)) ?? []).slice(1))
      .map(Number);
    // Each outage once, whichever telling leads it (before, a page reading more tellings could
    // list one again). Two outages whose tellings a page reads as one event are one story there.
    expect(new Set(events).size).toBe(events.length);
    expect(events.length).toBeGreaterThanOrEqual(43);
  });

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
    await seed('Pricing', stories, [
      ...Array.from({ length: 5 }, () => ({ kind: 'news', weight: 1 })),
      { kind: 'forum', weight: 0.65 },
    ]);
    const pages = await readAllPages('what are customers saying about pricing', 'paging');
    expect(pages.length).toBeGreaterThanOrEqual(5);
    // Every story once: none twice, none passed over.
    const shown = pages.flatMap(storiesOf);
    expect(shown.map(storyOfUrl).sort()).toEqual(stories.map((_, index) => `/s${index}`).sort());
    // Numbered on from page to page: [1] to [51], each once.
    const numbers = pages.flatMap((page) =>
      [...JSON.stringify(page.blocks).matchAll(/\*\[(\d+)\]\* </g)].map(([, number]) => Number(number)),
    );
    expect(numbers).toEqual(stories.map((_, index) => index + 1));
  });

  it("a colleague's More on an answer re-shared by another goes on from the page shown, each story once", async () => {
    // As in the test before: later pages read more mentions and rank them anew, so paging by
    // position, not by the stories the page before showed, lists some twice.
    const stories = Array.from({ length: 51 }, (_, index) => ({
      feeds: index % 3 === 0 && index < 45 ? [5] : index % 4 === 1 && index < 45 ? [0, 1, 2] : [0, 1, 2, 3],
      hoursAgo: 2 + ((index * 37) % 150),
    }));
    await seed('Licensing', stories, [
      ...Array.from({ length: 5 }, () => ({ kind: 'news', weight: 1 })),
      { kind: 'forum', weight: 0.65 },
    ]);
    // UEXEC01 asks and shares; UEXEC02 reads on from the shared answer and shares that second page;
    // UEXEC03 presses More on UEXEC02's share, and reads to the end.
    const first = await askInChannel('what are customers saying about licensing', 'reshare');
    const shared = await press(first, 'Share to channel', 'UEXEC01', 'reshare/share');
    const second = await press(shared, 'More', 'UEXEC02', 'reshare/more');
    const reshared = await press(second, 'Share to channel', 'UEXEC02', 'reshare/reshare');
    expect(JSON.stringify(reshared.blocks)).toContain('Shared by <@UEXEC02> from <@UEXEC01>');
    expect(storiesOf(reshared)).toEqual(storiesOf(second));
    const rest = await readOn(reshared, 'reshare-read', 'UEXEC03');
    expect(rest.length).toBeGreaterThanOrEqual(4);
    const shown = [first, ...rest].flatMap(storiesOf).map(storyOfUrl);
    expect(shown.sort()).toEqual(stories.map((_, index) => `/s${index}`).sort());
  });

  it('pages both of two periods compared, each story once, and stays the comparison on every page', async () => {
    // 12 stories in the last 7 days, 8 in the 7 days before: the first page lists 5 and 3 of them.
    const stories = Array.from({ length: 20 }, (_, index) => ({
      feeds: [0],
      hoursAgo: index < 12 ? 3 + index * 12 : 175 + (index - 12) * 18,
    }));
    await seed('Renewal', stories, [{ kind: 'news', weight: 1 }]);
    const pages = await readAllPages('renewal last 7 days vs the 7 days before', 'periods');
    expect(pages).toHaveLength(3);
    const texts = pages.map((page) => JSON.stringify(page.blocks));
    for (const text of texts) expect(text).toContain('"text":"Renewal: last 7 days vs the 7 days before"');
    // The earlier period's stories: linked, unnumbered, under its name; 3, then 3 more, then the last 2.
    const earlierOf = (text: string) =>
      [...(text.split('*The 7 days before* · ').at(-1) ?? '').matchAll(/"text":"<([^|>]+)\|/g)].map(
        ([, url]) => storyOfUrl(url as string),
      );
    expect(texts.map((text) => earlierOf(text).length)).toEqual([3, 3, 2]);
    expect(texts.flatMap(earlierOf).sort()).toEqual(
      stories
        .slice(12)
        .map((_, index) => `/s${index + 12}`)
        .sort(),
    );
    // The later period's, numbered on: [1]–[5], [6]–[10], [11]–[12].
    expect(pages.flatMap(storiesOf).map(storyOfUrl).sort()).toEqual(
      stories
        .slice(0, 12)
        .map((_, index) => `/s${index}`)
        .sort(),
    );
    expect(texts[1]).toContain('More stories of the two periods compared: the last 7 days (');
    expect(buttonNamed(pages[2] as Posted, 'More')).toBeUndefined();
  });
});
