import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTopic, removeTopic, TopicKind } from '../../src/analysis/topics.ts';
import {
  type Answer,
  type AnswerItem,
  answerQuestion,
  numbersNote,
  sameStory,
  topStories,
  totalOf,
  voicesNote,
} from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { type Reply, runCommand } from '../../src/commands/index.ts';
import { demoCompanyTopic, fillDates } from '../../src/console/demo.ts';
import { UserText } from '../../src/errors.ts';
import { countOf } from '../../src/format.ts';
import type { Logger } from '../../src/logger.ts';
import { addFeed, FeedKind, setFeedKind } from '../../src/monitor/feeds.ts';
import { answerMessage } from '../../src/slack/blocks/answer.ts';
import { limits, type Message } from '../../src/slack/blocks/common.ts';
import { Action, BlockId } from '../../src/slack/ids.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, storeFeedItems } from '../helpers/digest.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { completion, completionsPath, llmHost, testModelClient } from '../helpers/llm.ts';
import { euOutageUrls, loadDemoCorpus } from './corpus.ts';

const now = '2026-11-02T09:00:00Z';
const customerKinds = ['review', 'forum', 'community'];
let deps: TestDeps;

beforeAll(async () => {
  deps = await createTestDeps({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
  await loadDemoCorpus(deps);
});
afterAll(async () => {
  await deps.cleanup();
});

function ask(text: string, userId = 'UEXEC01', offset = 0, on: TestDeps = deps): Promise<Answer> {
  const request = parseAsk(text, on.clock.now(), on.config.DEFAULT_TIMEZONE);
  return answerQuestion(on, request, { userId, offset });
}

function brief(text: string, userId = 'UEXEC01'): Promise<Reply> {
  return runCommand(deps, { userId, channelId: 'C0CHANNEL', text });
}

function blocksOf(reply: Reply | Message): string {
  return JSON.stringify(reply.blocks);
}

function subjectOf(answer: Answer, index = 0) {
  const subject = answer.subjects[index];
  if (!subject) throw new Error(`no subject ${index}`);
  return subject;
}

type AnyBlock = {
  type: string;
  text?: { type: string; text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ type: string; text?: string | { text: string }; action_id?: string; value?: string }>;
  block_id?: string;
};

/** Every piece of text a block can hold, with the limit Slack puts on it. */
function textsWithLimits(message: Message): Array<[string, number]> {
  return (message.blocks as AnyBlock[]).flatMap((block): Array<[string, number]> => {
    if (block.type === 'header') return [[block.text?.text ?? '', limits.headerText]];
    if (block.type === 'section')
      return [
        ...(block.text ? [[block.text.text, limits.sectionText] as [string, number]] : []),
        ...(block.fields ?? []).map((field): [string, number] => [field.text, limits.fieldText]),
      ];
    if (block.type === 'context')
      return (block.elements ?? []).map((element): [string, number] => [
        typeof element.text === 'string' ? element.text : '',
        limits.sectionText,
      ]);
    return [];
  });
}

function expectWithinSlackLimits(message: Message): void {
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(limits.blocks);
  for (const [text, max] of textsWithLimits(message)) expect(text.length).toBeLessThanOrEqual(max);
  for (const block of message.blocks as AnyBlock[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? [])
      expect(element.value?.length ?? 0).toBeLessThanOrEqual(limits.buttonValue);
  }
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(limits.fallbackText);
}

/** The buttons under a message, not its Request a response… menu. */
function buttons(message: Message) {
  return (message.blocks as AnyBlock[])
    .filter((block) => block.type === 'actions')
    .flatMap((block) =>
      (block.elements ?? [])
        .filter((element) => element.type === 'button')
        .map((element) => ({ ...element, blockId: block.block_id })),
    );
}

function itemUrls(answer: Answer, index = 0): Array<string | null> {
  return subjectOf(answer, index).items.map((item) => item.url);
}

describe('answerQuestion subjects', () => {
  it('a subject that names a topic uses the topic query, not just the word', async () => {
    const answer = await ask('pricing');
    const subject = subjectOf(answer);
    expect(subject.topicName).toBe('pricing');
    // pricing OR price* OR discount*: 4 news, 3 Globex blog, 5 reviews, 3 forum threads in 7 days.
    expect(subject.counts.current).toBe(15);
    expect(subject.counts.byKind).toEqual({ news: 4, competitor: 3, review: 5, forum: 3 });
    // The word "pricing" alone is in only 10 of them.
    const page = [...subject.items, ...subjectOf(await ask('pricing', 'UEXEC01', 5)).items];
    expect(page.some((item) => !/pricing/i.test(`${item.title} ${item.excerpt}`))).toBe(true);
    expect(page.every((item) => /pric|discount/i.test(`${item.title} ${item.excerpt}`))).toBe(true);
  });

  it('matches topic names whatever the case, and a plural typed for a singular topic name', async () => {
    expect(subjectOf(await ask('Globex')).topicName).toBe('globex');
    expect(subjectOf(await ask('what are customers saying about Pricings')).topicName).toBe('pricing');
    expect(subjectOf(await ask('outages')).topicName).toBe('outages');
    // outage OR downtime OR "status page": includes the thread that says "status page" but never "outage".
    const outages = subjectOf(await ask('outages'));
    expect(outages.counts.current).toBe(7);
    expect(outages.items.length).toBe(5);
  });

  it('searches free text for anything else, every meaningful word required', async () => {
    const subject = subjectOf(await ask('tell me about the Acme outage'));
    expect(subject.subject).toBe('Acme outage');
    expect(subject.topicName).toBeNull();
    expect(subject.counts.current).toBe(5);
    expect(subject.counts.byKind).toEqual({ news: 2, review: 2, forum: 1 });
    for (const item of subject.items) {
      expect(`${item.title} ${item.excerpt}`).toMatch(/acme/i);
      expect(`${item.title} ${item.excerpt}`).toMatch(/outage/i);
    }
    const sync = subjectOf(await ask('salesforce sync'));
    expect(sync.counts.current).toBe(2);
    expect(itemUrls(await ask('salesforce sync')).sort()).toEqual([
      'https://saasledger.example/2026/acme-desk-fall-release',
      'https://www.stackrank.example/products/acme-desk/reviews/91050',
    ]);
  });

  it('numbers items from 1, ranks them by relevance, and gives a cited summary and themes', async () => {
    const subject = subjectOf(await ask('globex assist ai'));
    expect(subject.items.map((item) => item.number)).toEqual([1, 2, 3, 4, 5]);
    const scores = subject.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(subject.summary.method).toBe('extractive');
    expect(subject.summary.sentences.length).toBeGreaterThanOrEqual(2);
    for (const sentence of subject.summary.sentences) {
      for (const citation of sentence.citations) {
        const item = subject.items[citation - 1];
        expect(item, `citation [${citation}]`).toBeDefined();
        // A competitor's own words are quoted: "The Globex Blog says: “…”".
        const quoted =
          item?.feedKind === 'competitor'
            ? `${item.feedTitle} says: “`
            : item?.feedKind === 'review'
              ? (/^A (?:\d-star )?reviewer says: “/.exec(sentence.text)?.[0] ?? 'A reviewer says: “')
              : '';
        expect(sentence.text.startsWith(quoted)).toBe(true);
        const said = sentence.text.slice(quoted.length).replace(/[.”]+$/, '');
        expect(`${item?.title} ${item?.excerpt}`).toContain(said.slice(0, 40));
      }
    }
    expect(subject.themes.length).toBeGreaterThan(0);
    // The subject's own words are not a theme.
    for (const theme of subject.themes) expect(theme.split(' ')).not.toContain('globex');
  });

  it('customers: true puts reviews and forum threads above news and vendor posts', async () => {
    const everyone = subjectOf(await ask('what are people saying about pricing'));
    const customers = subjectOf(await ask('what are customers saying about pricing'));
    // The same matches, in another order; the figures count customers' own words only.
    expect(customers.counts.byKind).toEqual(everyone.counts.byKind);
    expect(customers.counts.current).toBe(8);
    expect(totalOf(customers.counts.sentiment)).toBe(8);
    expect(everyone.counts.current).toBe(15);
    const kinds = customers.items.map((item) => item.feedKind);
    expect(kinds.slice(0, 4).every((kind) => customerKinds.includes(kind))).toBe(true);
    expect(kinds).not.toContain('news');
    expect(everyone.items.map((item) => item.feedKind)).toContain('news');
    expect(customers.customerVoices).toBe(8);
    expect(customers.otherVoices).toBe(7);
  });

  it('a customers answer counts customer posts apart from every mention, in its header and text', async () => {
    const customers = await ask('what are customers saying about pricing');
    const message = answerMessage(customers, deps.clock.now());
    const header = textsWithLimits(message).map(([text]) => text)[1];
    expect(header).toMatch(/^last 7 days · 8 customer posts \(of 15 mentions\) · /);
    expect(message.text).toMatch(/\(last 7 days\): 8 customer posts \(of 15 mentions\)\./);
    // Not asked about customers: every mention, and how many of them are customers'.
    const everyone = answerMessage(await ask('pricing'), deps.clock.now());
    expect(textsWithLimits(everyone).map(([text]) => text)[1]).toMatch(
      /^last 7 days · 15 mentions, 8 from customers · /,
    );
  });

  it('customers: true still ranks by kind when every item matches equally', async () => {
    // "acme" is in most items, so BM25 barely tells them apart: the kind weight decides, customers'
    // own voices (reviews, forums) before the news and blogs that name acme far more often.
    const kinds = subjectOf(await ask('what are customers saying about acme')).items.map(
      (item) => item.feedKind,
    );
    expect(kinds.every((kind) => customerKinds.includes(kind))).toBe(true);
    expect(kinds.filter((kind) => kind === 'review').length).toBeGreaterThanOrEqual(3);
  });

  it('a divided conversation shows, and sums up, each side: the best-ranked item of a missing tone takes the last place', async () => {
    const local = await createTestDeps({ now });
    try {
      const reviews = await createFeed(local, { host: 'https://reviews.example.com', kind: 'review' });
      const hour = (hours: number) => new Date(Date.parse(now) - hours * 3600_000);
      // Six glowing reviews, newest first, and two complaints from days before: 2 of 8 negative.
      await storeFeedItems(local, reviews, [
        ...[
          'Zebracorp onboarding was excellent and quick',
          'Love the Zebracorp reporting, great dashboards',
          'Zebracorp support team is brilliant and friendly',
          'Wonderful Zebracorp mobile app, happy agents',
          'Great value: Zebracorp pricing is fair and clear',
          'Zebracorp macros saved us hours, excellent tool',
        ].map((title, index) => ({ guid: `good-${index}`, title, text: '', publishedAt: hour(2 + index) })),
        ...['Zebracorp outage was an awful disaster', 'Terrible Zebracorp billing errors, angry team'].map(
          (title, index) => ({ guid: `bad-${index}`, title, text: '', publishedAt: hour(100 + index) }),
        ),
      ]);
      const subject = subjectOf(await ask('what are customers saying about zebracorp', 'UEXEC01', 0, local));
      expect(subject.counts.sentiment).toEqual({ positive: 6, neutral: 0, negative: 2 });
      const tones = subject.items.map((item) => item.sentiment);
      expect(tones).toEqual(['positive', 'positive', 'positive', 'positive', 'negative']);
      // The summary cites it.
      expect(subject.summary.sentences.flatMap((sentence) => sentence.citations)).toContain(5);
      // "More" goes on from the same order: the moved item is not shown again.
      const next = subjectOf(await ask('what are customers saying about zebracorp', 'UEXEC01', 5, local));
      const shownIds = new Set(subject.items.map((item) => item.id));
      expect(next.items.filter((item) => shownIds.has(item.id))).toEqual([]);
      // It was moved up: the next page starts with an item that ranks higher (a lower score) than it.
      expect(next.items[0]?.score).toBeLessThan(subject.items[4]?.score ?? Number.NEGATIVE_INFINITY);
    } finally {
      await local.cleanup();
    }
  });

  describe('a large subject: what is asked for ranks far down its mentions', () => {
    let local: TestDeps;
    const hour = (hours: number) => new Date(Date.parse(now) - hours * 3600_000);
    // Long posts that name Zebracorp once, each in its own words (no two are one story).
    const fillers = [
      'Our spring planning covered calendars, staffing rotas, parking, catering and the printer contracts for the north building.',
      'The autumn retreat agenda listed hiking routes, cabin keys, bus timetables, lunch menus and a quiz about local rivers.',
      'Inventory of laptops, monitors, cables, chairs and desks was reconciled against invoices from three suppliers last month.',
      'Weekly stand-ups moved to Tuesdays; minutes, action points and owners now live in a shared folder per squad.',
      'The garden committee chose tulips, lavender, a compost bin and two benches for the courtyard behind reception.',
    ];
    const post = (at: number, said: string) => {
      const filler = fillers[at] ?? '';
      return `${filler} ${filler} ${said} ${filler}`;
    };
    beforeAll(async () => {
      local = await createTestDeps({ now });
      const press = await createFeed(local, { host: 'https://news.example.com', kind: 'news' });
      const forum = await createFeed(local, { host: 'https://forum.example.com', kind: 'forum' });
      const reviews = await createFeed(local, { host: 'https://reviews.example.com', kind: 'review' });
      // Seventy neutral news stories that say Zebracorp again and again, each in other words, rank first.
      const words = [
        'ledger',
        'filing',
        'memo',
        'roster',
        'office',
        'policy',
        'quarter',
        'desk',
        'annex',
        'docket',
      ];
      await storeFeedItems(
        local,
        press,
        Array.from({ length: 70 }, (_, at) => ({
          guid: `news-${at}`,
          title: `Zebracorp ${words[at % 10]} ${words[Math.floor(at / 10)]} Zebracorp item ${at}`,
          text: `Zebracorp ${words[(at + 3) % 10]} number ${at} for Zebracorp.`,
          publishedAt: hour(1 + (at % 24)),
        })),
      );
      // Customers' words, praise and complaints, name it once, deep in long posts: below them all.
      await storeFeedItems(local, reviews, [
        {
          guid: 'review-0',
          title: 'Excellent support, love the dashboards',
          text: post(0, 'We moved to Zebracorp last spring and love it.'),
          publishedAt: hour(100),
        },
        {
          guid: 'review-1',
          title: 'Great onboarding, happy team',
          text: post(1, 'Zebracorp onboarding was great.'),
          publishedAt: hour(101),
        },
      ]);
      await storeFeedItems(
        local,
        forum,
        ['An awful week of failures', 'Terrible billing errors again', 'A disaster of a migration'].map(
          (title, at) => ({
            guid: `complaint-${at}`,
            title,
            text: post(2 + at, 'Zebracorp failed us: awful, terrible.'),
            publishedAt: hour(110 + at),
          }),
        ),
      );
    });
    afterAll(async () => {
      await local.cleanup();
    });

    it("a customers question is summed up from customers' posts ranked below the first 60 mentions", async () => {
      const answer = await ask('what are customers saying about zebracorp', 'UEXEC01', 0, local);
      const subject = subjectOf(answer);
      expect(subject.counts.current).toBe(5);
      expect(subject.items.map((item) => item.feedKind).every((kind) => customerKinds.includes(kind))).toBe(
        true,
      );
      expect(subject.summaryNotFromCustomers).toBe(false);
      expect(blocksOf(answerMessage(answer, local.clock.now()))).not.toContain(
        'None of these sources is a customer’s own words',
      );
    });

    it('one side asked for lists the mentions of that side ranked below the first 60', async () => {
      const answer = await ask('complaints about zebracorp', 'UEXEC01', 0, local);
      const subject = subjectOf(answer);
      expect(subject.counts.sentiment.negative).toBe(3);
      expect(subject.items.slice(0, 3).map((item) => item.title)).toEqual(
        expect.arrayContaining([
          'An awful week of failures',
          'Terrible billing errors again',
          'A disaster of a migration',
        ]),
      );
      expect(subject.items[3]?.sentiment).not.toBe('negative');
      expect(subject.summaryFrom).toEqual([1, 2, 3]);
      expect(blocksOf(answerMessage(answer, local.clock.now()))).toContain(
        'Negative first: 3 of the 5 customer posts.',
      );
      // Not of customers alone: every mention counted, the same three first.
      const news = await ask('bad news about zebracorp', 'UEXEC01', 0, local);
      expect(
        subjectOf(news)
          .items.slice(0, 3)
          .map((item) => item.sentiment),
      ).toEqual(['negative', 'negative', 'negative']);
      expect(blocksOf(answerMessage(news, local.clock.now()))).toContain(
        'Negative first: 3 of the 75 mentions.',
      );
    });
  });

  it('"top 3 stories" lists them by rank alone and offers the best story of the side they leave out besides', async () => {
    const local = await createTestDeps({ now });
    try {
      const hour = (hours: number) => new Date(Date.parse(now) - hours * 3600_000);
      const press = await createFeed(local, { host: 'https://news.example.com', kind: 'news' });
      const wire = await createFeed(local, { host: 'https://wire.example.com', kind: 'news' });
      const reviews = await createFeed(local, { host: 'https://reviews.example.com', kind: 'review' });
      const rise = {
        title: 'Zebracorp raises prices by 18% across every plan',
        text: 'Customers are angry about the increase and say it is a terrible surprise.',
      };
      await storeFeedItems(local, press, [
        { guid: 'rise', ...rise, publishedAt: hour(40) },
        {
          guid: 'outage',
          title: 'Zebracorp outage: Zebracorp down, Zebracorp customers furious',
          text: 'Zebracorp agents could not work; an awful failure for Zebracorp.',
          publishedAt: hour(1),
        },
      ]);
      await storeFeedItems(local, wire, [{ guid: 'rise', ...rise, publishedAt: hour(40) }]);
      await storeFeedItems(local, reviews, [
        ...[
          'Zebracorp billing errors: Zebracorp overcharged us, Zebracorp support terrible',
          'Zebracorp app crashes, awful',
        ].map((title, index) => ({
          guid: `bad-${index}`,
          title,
          text: '',
          publishedAt: hour(2 + index * 3),
        })),
        ...[
          'Zebracorp onboarding was excellent',
          'Great Zebracorp reports, happy team',
          'Love Zebracorp macros',
        ].map((title, index) => ({ guid: `good-${index}`, title, text: '', publishedAt: hour(60 + index) })),
      ]);
      const top = subjectOf(await ask('top 3 stories about zebracorp', 'UEXEC01', 0, local));
      const ranked = subjectOf(await ask('top 5 stories about zebracorp', 'UEXEC01', 0, local));
      expect(top.items.map((item) => item.title)).toEqual(ranked.items.slice(0, 3).map((item) => item.title));
      expect(top.items.map((item) => item.title)).toEqual([
        'Zebracorp outage: Zebracorp down, Zebracorp customers furious',
        'Zebracorp billing errors: Zebracorp overcharged us, Zebracorp support terrible',
        rise.title,
      ]);
      // None of the three is praise: the best of it is offered besides, once, on the first page.
      expect(top.besides.map((item) => item.title)).toEqual(['Love Zebracorp macros']);
      expect(subjectOf(await ask('top 3 stories about zebracorp', 'UEXEC01', 3, local)).besides).toEqual([]);
      expect(subjectOf(await ask('zebracorp', 'UEXEC01', 0, local)).besides).toEqual([]);
      expect(subjectOf(await ask('3 bullets on zebracorp', 'UEXEC01', 0, local)).besides).toEqual([]);
    } finally {
      await local.cleanup();
    }
  });

  it('leaves out a word no item uses, says so, and answers with the other words', async () => {
    const answer = await ask('acme widgets');
    const subject = subjectOf(answer);
    expect(subject.dropped).toEqual(['widgets']);
    expect(subject.counts.current).toBe(subjectOf(await ask('acme')).counts.current);
    const message = answerMessage(answer, deps.clock.now());
    expect(JSON.stringify(message.blocks)).toContain(
      'No item says “widgets”, so this is what the other words find.',
    );
    // Words every item lacks, or a question that matches as asked, are searched as asked.
    expect(subjectOf(await ask('frobnicate widgets')).counts.current).toBe(0);
    expect(subjectOf(await ask('frobnicate widgets')).dropped).toEqual([]);
    expect(subjectOf(await ask('acme pricing')).dropped).toEqual([]);
  });

  it('words left once a stray word is left out that name topics count as those topics do', async () => {
    // "pricing" as free words finds fewer items than the topic's query: the topic's count either way.
    for (const [question, alone] of [
      ['frobnicate pricing', 'pricing'],
      ['frobnicate outages', 'outages'],
      ['frobnicate globex pricing', 'globex pricing'],
    ] as const) {
      const subject = subjectOf(await ask(question));
      expect(subject.subject, question).toBe(alone);
      expect(subject.dropped, question).toEqual(['frobnicate']);
      expect(subject.counts.current, question).toBe(subjectOf(await ask(alone)).counts.current);
    }
  });

  it('the bot addressed by name before a question is no search word, and no note says so', async () => {
    for (const [question, alone] of [
      ['brief pricing', 'pricing'],
      ['@briefbot outages', 'outages'],
      ['briefbot, globex pricing', 'globex pricing'],
      ['Brief acme pricing', 'acme pricing'],
      ['brief on pricing', 'pricing'],
    ] as const) {
      const answer = await ask(question);
      expect(subjectOf(answer).subject, question).toBe(alone);
      expect(subjectOf(answer).dropped, question).toEqual([]);
      expect(subjectOf(answer).counts.current, question).toBe(subjectOf(await ask(alone)).counts.current);
      expect(JSON.stringify(answerMessage(answer, deps.clock.now()).blocks), question).not.toContain(
        'No item says',
      );
    }
    // "brief me" still asks for the briefing.
    expect((await ask('brief me')).request.overview).toBe(true);
  });

  it('a third subject side by side is named as left out, with how to ask for it', async () => {
    const message = answerMessage(await ask('acme vs globex vs initech'), deps.clock.now());
    expect(JSON.stringify(message.blocks)).toContain(
      'Side by side compares two at a time, so “initech” is left out: ask `/brief acme vs initech` for it.',
    );
  });

  it('a one-sided conversation keeps its rank order', async () => {
    // outages: almost all negative; no tone has a fifth of the mentions besides it, so nothing moves.
    const subject = subjectOf(await ask('outages'));
    const { positive, negative } = subject.counts.sentiment;
    expect(positive).toBeLessThan(0.2 * subject.counts.current);
    expect(negative).toBeGreaterThan(0);
    // Lower is better (BM25 times the weights): the order is the rank order.
    const scores = subject.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('"X vs Y" answers both subjects with their counts', async () => {
    const answer = await ask('acme vs globex last 30 days');
    expect(answer.subjects.map((subject) => subject.subject)).toEqual(['acme', 'globex']);
    const [acme, globex] = [subjectOf(answer, 0), subjectOf(answer, 1)];
    expect(acme.topicName).toBeNull();
    expect(acme.counts.current).toBe(22);
    expect(acme.counts.byKind).toEqual({ news: 8, competitor: 1, review: 8, forum: 5 });
    expect(globex.topicName).toBe('globex');
    // The Globex Blog's own posts count for Globex, also the three that never name it.
    expect(globex.counts.current).toBe(18);
    expect(globex.counts.byKind).toEqual({ competitor: 9, news: 3, review: 3, forum: 3 });
    expect(acme.items).toHaveLength(3);
    expect(globex.items).toHaveLength(3);

    const message = answerMessage(answer, deps.clock.now());
    expectWithinSlackLimits(message);
    // Each card's bars, in the text a screen reader reads: the cards show the bars alone.
    expect(message.text).toBe(
      'acme vs Globex (last 30 days): 22 vs 18 mentions. acme: Up from none in the previous 30 days; 36% positive, 27% neutral, 36% negative. Mentions by week, from 3 Oct, oldest first: 0, 0, 0, 0, 22. Globex: Up from none in the previous 30 days; 44% positive, 33% neutral, 22% negative. Mentions by week, from 3 Oct, oldest first: 0, 0, 0, 0, 9.',
    );
    const columns = (message.blocks as AnyBlock[]).find((block) => block.fields)?.fields ?? [];
    expect(columns).toHaveLength(2);
    // Share of voice is what others said: Globex's own 9 posts are shown apart, not counted (22 vs 9).
    expect(columns[0]?.text).toMatch(/^\*acme\*\n22 mentions · 71% share of voice/);
    expect(columns[1]?.text).toMatch(
      /^\*Globex\*\n18 mentions, 9 of them Globex's own posts · 29% share of voice/,
    );
    expect(textsWithLimits(message).map(([text]) => text)).toContain(
      "Share of voice, trend and sentiment leave out Globex's own posts.",
    );
    // Every figure of the card on that basis: Globex's tone and trend are of the 9 others said.
    const others = globex.othersCounts;
    expect(others?.current).toBe(9);
    const { positive, neutral, negative } = others?.sentiment ?? { positive: 0, neutral: 0, negative: 0 };
    expect(positive + neutral + negative).toBe(9);
    expect(columns[1]?.text).toContain(
      `:large_green_circle: ${Math.round((positive / 9) * 100)}% positive · :white_circle: ${Math.round((neutral / 9) * 100)}% · :red_circle: ${Math.round((negative / 9) * 100)}% negative`,
    );
    // The company, with no own posts, has its counts as they are.
    expect(acme.othersCounts).toBeNull();
    expect(buttons(message).map((button) => button.value)).toEqual([
      'share --post acme vs globex last 30 days',
      'ask --from 3 acme vs globex last 30 days',
    ]);
  });

  it('"complaints about acme" puts the negative mentions first and sums them up; praise the positive', async () => {
    const answer = await ask('complaints about acme');
    expect(answer.request.tone).toBe('negative');
    const subject = subjectOf(answer);
    // Complaints are customers': their own words are counted, the side comes first.
    expect(subject.counts.sentiment).toEqual({ positive: 6, neutral: 2, negative: 5 });
    expect(subject.items.map((item) => item.sentiment)).toEqual(Array(5).fill('negative'));
    expect(JSON.stringify(answerMessage(answer, deps.clock.now()).blocks)).toContain(
      'Negative first: 5 of the 13 customer posts',
    );
    // Its voices are the critics: every one signed a negative mention of acme.
    // ("complaints" asks about customers: the voices are customers' own, not reporters').
    expect(JSON.stringify(answerMessage(answer, deps.clock.now()).blocks)).toContain(
      '*Critical customer voices*',
    );
    const critics = new Set(
      (
        deps.db.sqlite
          .prepare(
            `SELECT DISTINCT i.author FROM items_fts JOIN items i ON i.id = items_fts.rowid
             WHERE items_fts MATCH 'acme' AND i.sentiment = 'negative' AND i.author IS NOT NULL`,
          )
          .all() as Array<{ author: string }>
      ).map((row) => row.author),
    );
    expect(subject.voices.length).toBeGreaterThan(0);
    for (const voice of subject.voices) expect(critics).toContain(voice.label);
    const reporters = deps.db.sqlite
      .prepare(
        `SELECT DISTINCT i.author FROM items i JOIN feeds f ON f.id = i.feed_id
         WHERE f.kind NOT IN ('review', 'forum', 'community') AND i.author IS NOT NULL`,
      )
      .pluck()
      .all() as string[];
    expect(reporters.length).toBeGreaterThan(0);
    for (const voice of subject.voices) expect(reporters).not.toContain(voice.label);
    expect(subjectOf(await ask('acme')).voices).not.toEqual(subject.voices);
    const loved = subjectOf(await ask('what do customers love about acme'));
    expect(loved.items.map((item) => item.sentiment)).toEqual(Array(5).fill('positive'));
    // A question without a side keeps both sides balanced.
    expect((await ask('what are customers saying about acme')).request.tone).toBeUndefined();
  });

  it('says when a story is fading, for a window that ends now only', async () => {
    const answer = await ask('is the outage story dying down');
    const daily = subjectOf(answer).counts.daily;
    expect(daily.at(-1)).toBe(0);
    const message = answerMessage(answer, deps.clock.now());
    const volume = JSON.stringify(message.blocks);
    expect(volume).toMatch(/Fading: none in the last 24 h, against \d+ /);
    // The sparkline's bars are read aloud as "lower one eighth block": its counts are said in the
    // message's text, which screen readers read.
    expect(message.text).toContain(`Mentions per day, oldest first: ${daily.join(', ')}.`);
    const past = JSON.stringify(
      answerMessage(await ask('outages between 2026-10-26 and 2026-11-01'), deps.clock.now()).blocks,
    );
    expect(past).toContain('Volume');
    expect(past).not.toContain('Fading');
  });

  it('"top 3 stories", "10 bullets on pricing": a page of that many sources, and More goes on from there', async () => {
    const top = await ask('top 3 stories this week');
    expect(subjectOf(top).items.map((item) => item.number)).toEqual([1, 2, 3]);
    expect(buttons(answerMessage(top, deps.clock.now())).map((button) => button.value)).toContain(
      'ask --from 3 top 3 stories this week',
    );
    const tenAnswer = await ask('give me 10 bullets on pricing');
    expectWithinSlackLimits(answerMessage(tenAnswer, deps.clock.now()));
    const ten = subjectOf(tenAnswer);
    expect(ten.items).toHaveLength(10);
    // Asked for as bullets: more than the usual three sentences, as many as the sources allow, each cited.
    expect(ten.summary.bullets).toBe(true);
    expect(ten.summary.sentences.length).toBeGreaterThan(4);
    expect(ten.summary.sentences.length).toBeLessThanOrEqual(10);
    for (const sentence of ten.summary.sentences) {
      expect(sentence.citations).toHaveLength(1);
      expect(sentence.citations[0]).toBeLessThanOrEqual(10);
    }
    const section = (answerMessage(tenAnswer, deps.clock.now()).blocks as AnyBlock[]).find((block) =>
      block.text?.text.startsWith('• '),
    );
    expect(section?.text?.text.split('\n')).toHaveLength(ten.summary.sentences.length);
    const three = subjectOf(await ask('give me 3 bullets on pricing')).summary;
    expect(three.bullets).toBe(true);
    expect(three.sentences).toHaveLength(3);
    const plain = subjectOf(await ask('pricing'));
    expect(plain.items).toHaveLength(5);
    expect(plain.summary.bullets).toBeUndefined();
    expect(subjectOf(top).summary.bullets).toBeUndefined();
  });

  it('a voice asked about by name ("what did Priya Raman say") answers with what they signed', async () => {
    const answer = await ask('what did priya raman say');
    const voice = subjectOf(answer);
    expect(voice).toMatchObject({ author: 'Priya Raman', topicName: null, allFeeds: false });
    const signed = deps.db.sqlite
      .prepare("SELECT count(*) AS n FROM items WHERE author = 'Priya Raman' AND published_at >= ?")
      .get(deps.clock.now().getTime() - 7 * 24 * 3600_000) as { n: number | bigint };
    expect(voice.counts.current).toBe(Number(signed.n));
    expect(voice.counts.current).toBeGreaterThan(0);
    expect(voice.items.length).toBeGreaterThan(0);
    expect(answerMessage(answer, deps.clock.now()).text).toMatch(
      /^What Priya Raman is saying \(last 7 days\)/,
    );
    // Words that some item uses are searched as words, never as a name.
    expect(subjectOf(await ask('what did acme say')).author).toBeNull();
  });

  it('"acme in the press" ranks news first and says how many news mentions it used', async () => {
    const press = await ask('acme in the press');
    const plain = await ask('acme');
    // The press's figures count the news only; every mention is still in the kinds, and listed.
    const news = subjectOf(plain).counts.byKind.news ?? 0;
    const all = subjectOf(plain).counts.current;
    expect(news).toBeGreaterThan(0);
    expect(news).toBeLessThan(all);
    expect(subjectOf(press).counts.current).toBe(news);
    expect(subjectOf(press).counts.byKind).toEqual(subjectOf(plain).counts.byKind);
    const sentiment = subjectOf(press).counts.sentiment;
    expect(sentiment.positive + sentiment.neutral + sentiment.negative).toBe(news);
    expect(subjectOf(press).sources.every((source) => source.kind === 'news')).toBe(true);
    const newsShown = (answer: Answer) =>
      subjectOf(answer).items.filter((item) => item.feedKind === 'news').length;
    expect(newsShown(press)).toBeGreaterThanOrEqual(newsShown(plain));
    expect(newsShown(press)).toBeGreaterThan(newsShown(await ask('what are customers saying about acme')));
    expect(
      subjectOf(press)
        .items.slice(0, 3)
        .map((item) => item.feedKind),
    ).toEqual(['news', 'news', 'news']);
    const message = answerMessage(press, deps.clock.now());
    expect(message.text).toMatch(/^What the press is saying about acme/);
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain(`last 7 days · ${countOf(news, 'news mention')} (of ${all})`);
    // The split is said once, in the header: the note says what counts, and no Evidence field repeats it.
    expect(blocks).toMatch(/:information_source: Counted: news only; [^"]+ follow\./);
    expect(blocks).not.toContain('*Evidence*');
    expect(blocks).not.toContain('Used ');
  });

  it('the press view of something with no news counts every mention, and says none is news', async () => {
    const local = await createTestDeps({ now });
    try {
      const reviews = await createFeed(local, { host: 'https://reviews.example.com', kind: 'review' });
      await storeFeedItems(
        local,
        reviews,
        ['Zebracorp onboarding was excellent', 'Zebracorp billing errors again'].map((title, index) => ({
          guid: `r${index}`,
          title,
          text: '',
          publishedAt: new Date(Date.parse(now) - (index + 2) * 3600_000),
        })),
      );
      const press = await ask('zebracorp in the press', 'UEXEC01', 0, local);
      expect(subjectOf(press).counts.current).toBe(2);
      const blocks = JSON.stringify(answerMessage(press, local.clock.now()).blocks);
      expect(blocks).toContain('None of the 2 mentions is news: these are reviews.');
      expect(blocks).not.toContain('*Evidence*');
    } finally {
      await local.cleanup();
    }
  });

  it('"what do reviewers like about globex": a post that only asks is no praise, in the list, the summary or the count', async () => {
    const answer = await ask('what do reviewers like about globex');
    expect(answer.request.tone).toBe('positive');
    const subject = subjectOf(answer);
    const asking = subject.items.find((item) => item.title.startsWith('Is Globex Assist AI worth it?'));
    // Listed after the praise, if at all, and never summed up as a thing reviewers like.
    if (asking) expect(subject.summaryFrom).not.toContain(asking.number);
    expect(subject.items[0]?.feedKind).toBe('review');
    for (const sentence of subject.summary.sentences) expect(sentence.text).not.toMatch(/claims it resolves/);
    expect(subject.sideAsking).toBe(1);
    const blocks = JSON.stringify(answerMessage(answer, deps.clock.now()).blocks);
    expect(blocks).toContain(
      `Positive first: ${subject.counts.sentiment.positive - 1} of the ${countOf(subject.counts.current, 'customer post')}. One other only asks a question, so it is no praise.`,
    );
  });

  it('says when none of the mentions has the side asked for', async () => {
    const answer = await ask('any good news about outages');
    expect(answer.request.tone).toBe('positive');
    const subject = subjectOf(answer);
    expect(subject.counts.sentiment.positive).toBe(1);
    expect(subject.items[0]?.sentiment).toBe('positive');
    // The same answer had its positive mention read neutral.
    const { positive, neutral } = subject.counts.sentiment;
    const none = {
      ...answer,
      subjects: [
        {
          ...subject,
          counts: {
            ...subject.counts,
            sentiment: { ...subject.counts.sentiment, positive: 0, neutral: neutral + positive },
          },
        },
      ],
    };
    expect(JSON.stringify(answerMessage(none, deps.clock.now()).blocks)).toContain(
      'None of the 7 mentions reads as positive, so these are the most relevant.',
    );
  });

  it('one side asked for: a story of that tone that names the subject only in passing comes after', async () => {
    const local = await createTestDeps({ now });
    try {
      const forum = await createFeed(local, { host: 'https://forum.example.com', kind: 'forum' });
      const press = await createFeed(local, { host: 'https://news.example.com', kind: 'news' });
      const hour = (hours: number) => new Date(Date.parse(now) - hours * 3600_000);
      await storeFeedItems(local, forum, [
        {
          guid: 'passing',
          title: 'Quuxco price hike is a disaster, we are furious',
          text: 'Furious about the awful Quuxco renewal quote, terrible support, angry team. Some of us will look at Zebracorp instead. Zebracorp has a trial.',
          publishedAt: hour(1),
        },
      ]);
      await storeFeedItems(local, press, [
        {
          guid: 'about',
          title: 'Zebracorp outage angers customers',
          text: 'Zebracorp customers were angry after a long outage.',
          publishedAt: hour(30),
        },
      ]);
      const answer = await ask('complaints about zebracorp', 'UEXEC01', 0, local);
      const subject = subjectOf(answer);
      // Complaints are customers': their own words are counted, the news listed with them.
      expect(subject.counts.sentiment.negative).toBe(1);
      expect(totalOf(subject.counts.byKind)).toBe(2);
      expect(subject.items.map((item) => item.url)).toEqual([
        'https://news.example.com/about',
        'https://forum.example.com/passing',
      ]);
      expect(subject.sideTowards).toBe(1);
      expect(subject.sideElsewhere).toBe(1);
      expect(subject.sideElsewhereNumbers).toEqual([2]);
      const json = JSON.stringify(answerMessage(answer, local.clock.now()).blocks);
      expect(json).toContain(
        'Negative first: 1 of the 1 customer post ([2] is negative, but not about zebracorp).',
      );
      // Had no story been negative about Zebracorp itself, the note would still name the one that is elsewhere.
      const noneTowards = { ...answer, subjects: [{ ...subject, sideTowards: 0 }] };
      expect(JSON.stringify(answerMessage(noneTowards, local.clock.now()).blocks)).toContain(
        'None of the 1 customer post is negative about zebracorp itself ([2] is negative about something else it names), so these are the most relevant.',
      );
      // The only customer post is about Quuxco: the summary is of the news, and a note says so.
      expect(subject.summary.sentences.flatMap((sentence) => sentence.citations)).toEqual([1]);
      expect(subject.summaryNotFromCustomers).toBe(true);
      expect(json).toContain(
        'No customer’s own words (a review, forum or community post) among these sources are negative about zebracorp, so the summary is from the press and other sources.',
      );
      // Asked about Quuxco, the same story is on the negative side: its title names Quuxco.
      expect(subjectOf(await ask('complaints about quuxco', 'UEXEC01', 0, local)).sideElsewhere).toBe(0);
      // A review's stars are its verdict on all it says, whichever sentence names the subject.
      const reviews = await createFeed(local, { host: 'https://reviews.example.com', kind: 'review' });
      await storeFeedItems(local, reviews, [
        {
          guid: 'stars',
          title: 'Review: "Not what we hoped" (1/5 stars)',
          text: 'We moved to Zebracorp in March. The team was there every day.',
          publishedAt: hour(5),
        },
      ]);
      const reviewed = subjectOf(await ask('complaints about zebracorp', 'UEXEC01', 0, local));
      expect(reviewed.items.slice(0, 2).map((item) => item.url)).toContain(
        'https://reviews.example.com/stars',
      );
      expect(reviewed.sideElsewhere).toBe(1);
    } finally {
      await local.cleanup();
    }
  });

  it('several words: the items that say them as written rank first, and the same items are counted', async () => {
    const phrase = subjectOf(await ask('acme desk'));
    const reversed = subjectOf(await ask('desk acme'));
    expect(phrase.counts).toEqual(reversed.counts);
    const says = (item: AnswerItem) => /acme desk/i.test(`${item.title} ${item.excerpt}`);
    // The first two pages: the news each event's other tellings react to leads the first of both.
    const twoPages = async (text: string) => [
      ...subjectOf(await ask(text)).items,
      ...subjectOf(await ask(text, 'UEXEC01', 5)).items,
    ];
    expect((await twoPages('acme desk')).every(says)).toBe(true);
    expect((await twoPages('desk acme')).every(says)).toBe(false);
  });

  it('words that join subjects are not searched: "pricing at acme" is "acme pricing"', async () => {
    const joined = subjectOf(await ask('pricing at acme'));
    expect(joined.counts.current).toBe(subjectOf(await ask('acme pricing')).counts.current);
    expect(joined.counts.current).toBeGreaterThan(2);
    expect(subjectOf(await ask('pricing trend')).topicName).toBe('pricing');
  });

  it('side by side: a story both sides list is named once, and each side’s summary is its own', async () => {
    const answer = await ask('acme vs globex');
    const [acme, globex] = [subjectOf(answer, 0), subjectOf(answer, 1)];
    const shared = acme.items.filter((item) => globex.items.some((other) => sameStory(item, other)));
    expect(shared).toHaveLength(1);
    const theirs = globex.items.find((item) => sameStory(item, shared[0] as AnswerItem));
    const json = JSON.stringify(answerMessage(answer, deps.clock.now()).blocks);
    expect(json).toContain(
      `*Both* (acme [${shared[0]?.number}], Globex [${theirs?.number}]): <${shared[0]?.url}|${shared[0]?.title}>`,
    );
    const cited = (subject: typeof acme) =>
      subject.summary.sentences.flatMap((sentence) => sentence.citations);
    expect(cited(acme)).not.toContain(shared[0]?.number);
    expect(cited(globex)).not.toContain(theirs?.number);
    expect(cited(acme).length).toBeGreaterThan(0);
    expect(cited(globex).length).toBeGreaterThan(0);
    // Neither side's summary is about the other company: each had something of its own to say.
    for (const sentence of acme.summary.sentences) expect(sentence.text).not.toMatch(/globex/i);
    for (const sentence of globex.summary.sentences) expect(sentence.text).not.toMatch(/acme/i);
  });

  it('a customers question is summarised from customers’ own words, when the page has any', async () => {
    const subject = subjectOf(await ask('what are customers saying about outages'));
    const kindOf = new Map(subject.items.map((item) => [item.number, item.feedKind]));
    expect([...kindOf.values()]).toContain('news');
    const cited = subject.summary.sentences.flatMap((sentence) => sentence.citations);
    expect(cited.length).toBeGreaterThan(1);
    for (const number of cited) expect(customerKinds).toContain(kindOf.get(number));
    expect(subject.summaryNotFromCustomers).toBe(false);
    // Asked of everyone, the news may be summed up too.
    const everyone = subjectOf(await ask('outages'));
    expect(everyone.summaryFrom).toEqual(everyone.items.map((item) => item.number));
  });

  it('a customers summary says the harshest customer voice first, and names a competitor’s customer as theirs', async () => {
    const subject = subjectOf(await ask('what are customers saying about pricing'));
    const harshest = subject.items.find((item) => item.title.includes('Renewal quote went up 25%'));
    expect(harshest?.sentiment).toBe('negative');
    expect(subject.summary.sentences[0]?.citations).toEqual([harshest?.number]);
    expect(subject.summary.sentences[0]?.text).toMatch(/^A 2-star reviewer says: “.*25% higher/);
    // A Globex review quoted about pricing is a Globex customer’s word, never an unnamed reviewer’s.
    for (const sentence of subject.summary.sentences) {
      const item = subject.items.find((shown) => shown.number === sentence.citations[0]);
      if (item?.title.startsWith('Globex Assist review'))
        expect(sentence.text).toMatch(/^A Globex customer says: “/);
    }
  });

  it('a customers question with no customer’s words among the sources says so', async () => {
    const local = await createTestDeps({ now });
    try {
      const press = await createFeed(local, { host: 'https://news.example.com', kind: 'news' });
      await storeFeedItems(local, press, [
        {
          guid: 'launch',
          title: 'Zebracorp launches a new ticket router for large teams',
          text: 'Zebracorp says the router assigns tickets by skill and workload across regions.',
          publishedAt: new Date(Date.parse(now) - 3 * 3600_000),
        },
      ]);
      const answer = await ask('what are customers saying about zebracorp', 'UEXEC01', 0, local);
      const subject = subjectOf(answer);
      expect(subject.summary.sentences.length).toBeGreaterThan(0);
      expect(subject.summaryNotFromCustomers).toBe(true);
      expect(JSON.stringify(answerMessage(answer, local.clock.now()).blocks)).toContain(
        'None of these sources is a customer’s own words (a review, forum or community post), so the summary is from the press and other sources.',
      );
      const plain = await ask('zebracorp', 'UEXEC01', 0, local);
      expect(subjectOf(plain).summaryNotFromCustomers).toBe(false);
      expect(JSON.stringify(answerMessage(plain, local.clock.now()).blocks)).not.toContain(
        'customer’s own words',
      );
    } finally {
      await local.cleanup();
    }
  });

  it('a theme is summed up by what each source says of it, and never by a question asked', async () => {
    const texts = (answer: Answer) => subjectOf(answer).summary.sentences.map((sentence) => sentence.text);
    // A customer who left for Globex is quoted on the price, not on how fast the migration went.
    const pricing = texts(await ask('what are customers saying about pricing'));
    expect(pricing.join(' ')).not.toMatch(/migrated four years/);
    for (const question of ['what are customers saying about pricing', "what's the buzz on globex"]) {
      const said = texts(await ask(question));
      expect(said.length).toBeGreaterThan(0);
      expect(said.filter((text) => /\?/.test(text.replace(/“[^”]*”/g, '')))).toEqual([]);
    }
  });

  it('a narrow subject is summed up from the sentences that name it', async () => {
    const texts = (answer: Answer) => subjectOf(answer).summary.sentences.map((sentence) => sentence.text);
    expect(texts(await ask('what are customers saying about our mobile app'))).toEqual([
      // A reviewer's words are quoted as theirs, with their stars.
      'A 4-star reviewer says: “Would be five stars if the mobile app were better.”',
    ]);
    // A review's body sentence about the new tier, not its praise of macros two sentences earlier.
    const tiers = texts(await ask('what do customers think of the new tiers'));
    expect(tiers.join(' ')).toMatch(/usage tier and the price went up 15%/);
    expect(tiers.join(' ')).not.toMatch(/macros/);
  });

  it('side by side, a subject nobody mentions reads "No mentions", not a column of zeros', async () => {
    const answer = await ask('acme v zendesk');
    expect(answer.subjects.map((subject) => subject.subject)).toEqual(['acme', 'zendesk']);
    const message = answerMessage(answer, deps.clock.now());
    const columns = (message.blocks as AnyBlock[]).find((block) => block.fields)?.fields ?? [];
    expect(columns[1]?.text).toBe('*zendesk*\nNo mentions in the last 7 days');
    expect(JSON.stringify(message.blocks)).not.toContain('0% (0)');
  });

  it('voices and sources are separated by " · ", since a label may hold commas', async () => {
    const message = answerMessage(await ask('acme'), deps.clock.now());
    const voices = (message.blocks as AnyBlock[])
      .flatMap((block) => block.fields ?? [])
      .find((field) => field.text.startsWith('*Voices*'));
    expect(voices?.text).toMatch(/\(\d+\) · /);
  });

  it('an empty Themes, Voices or Top sources field says "none", never a dash a screen reader reads as "em dash"', async () => {
    const answer = await ask('acme');
    const [subject] = answer.subjects;
    if (!subject) throw new Error('no subject');
    const empty = {
      ...answer,
      subjects: [{ ...subject, themes: [], voices: [], voicesTotal: 0, sources: [] }],
    };
    const fields = (answerMessage(empty, deps.clock.now()).blocks as AnyBlock[]).flatMap(
      (block) => block.fields ?? [],
    );
    for (const name of ['Themes', 'Voices', 'Top sources']) {
      const field = fields.find((entry) => entry.text.startsWith(`*${name}*`));
      if (field) expect(field.text).toBe(`*${name}*\nnone`);
    }
    expect(fields.find((entry) => entry.text.startsWith('*Themes*'))?.text).toBe('*Themes*\nnone');
    expect(JSON.stringify(fields)).not.toContain('—');
  });

  it('counts the window before for the trend', async () => {
    // The tooling survey (190 hours old) is in the 7 days before the last 7.
    const subject = subjectOf(await ask('support leaders'));
    expect(subject.counts.current).toBe(0);
    expect(subject.counts.previous).toBe(1);
    const wider = subjectOf(await ask('support leaders last 30 days'));
    expect(wider.counts.current).toBe(1);
    expect(wider.items[0]?.url).toBe('https://saasledger.example/2026/support-tooling-survey');
  });
});

describe('answerQuestion when nothing is found', () => {
  it('returns no items, and suggests no wider window where the search finds nothing either', async () => {
    const answer = await ask('frobnicate');
    expect(subjectOf(answer).items).toEqual([]);
    expect(subjectOf(answer).counts.current).toBe(0);
    // Commands that run as pasted.
    expect(answer.suggestions).toEqual(['/brief what’s new', '/brief topics list']);
  });

  it('suggests the narrowest wider window in which the search finds something', async () => {
    // "roadmap" was last written about 8 to 30 days ago; "outage" within the week.
    expect((await ask('roadmap')).suggestions).toEqual(['/brief roadmap last 30 days']);
    expect((await ask('roadmap today')).suggestions).toEqual(['/brief roadmap last 30 days']);
    expect((await ask('outage last 1 day')).suggestions).toEqual(['/brief outage last 7 days']);
    // A past quarter that held nothing: the last 30 days, which do (the demo's items are recent).
    expect((await ask('pricing in q2')).suggestions).toEqual(['/brief pricing last 30 days']);
    // "last quarter" may mean the last 90 days: empty, Q3 is answered over those outright.
    expect(await ask('pricing last quarter')).toMatchObject({
      widenedFrom: 'in Q3 2026',
      request: { window: { label: 'last 90 days' } },
      suggestions: [],
    });
    // "today" with nothing yet is answered over the last 7 days outright (not suggested).
    expect(await ask('outage today')).toMatchObject({ widenedFrom: 'today', suggestions: [] });
    expect((await ask('roadmap last 90 days')).suggestions).not.toContainEqual(
      expect.stringMatching(/last \d+ days/),
    );
  });

  it('a follow-up with nothing to search ("more", "why?") says how to get more, instead of searching "more"', async () => {
    for (const text of ['more', 'why?', 'next', 'and then?']) {
      await expect(ask(text)).rejects.toThrow(
        'is not something to search for. For more of your last answer, type `/brief more` or press its *More* button',
      );
    }
    expect(subjectOf(await ask('more outages')).topicName).toBeNull();
  });

  it('"anything else?" shows the next sources of the last answer, or the overview when there is none', async () => {
    const userId = 'UELSE001';
    // No answer before: the week's overview, never "'else' is not something to search for".
    const cold = await brief('anything else?', userId);
    expect(cold.text).toBe((await brief('what’s new', 'UELSE002')).text);
    await brief('what are customers saying about pricing', userId);
    const next = await brief('anything else?', userId);
    expect(next.text).toMatch(/^What customers are saying about pricing/);
    expect(JSON.stringify(next.blocks)).toContain('sources 6–10');
    expect(JSON.stringify((await brief('what else', userId)).blocks)).toContain('sources 11–');
  });

  it('"/brief more" shows the next sources of the asker\'s own last answer, and says when there are none', async () => {
    const userId = 'UMORE001';
    expect((await brief('more', userId)).text).toMatch(/^There is no recent answer of yours to continue\./);
    const first = await brief('what are customers saying about pricing', userId);
    const links = (reply: Reply): string[] => JSON.stringify(reply.blocks).match(/https:\/\/[^|>"]+/g) ?? [];
    const second = await brief('more', userId);
    expect(JSON.stringify(second.blocks)).toContain('sources 6–10');
    expect(links(second).length).toBeGreaterThan(0);
    expect(links(second).filter((url) => links(first).includes(url))).toEqual([]);
    expect(JSON.stringify(await brief('show me more please', userId))).toContain('sources 11–');
    // Another person's "more" is not tied to this answer.
    expect((await brief('more', 'UMORE002')).text).toMatch(/^There is no recent answer of yours/);
    // Paging on until the answer runs out.
    let last = await brief('next page', userId);
    for (let pages = 0; pages < 20 && last.text.startsWith('What people'); pages++)
      last = await brief('next page', userId);
    expect(last.text).toMatch(
      /^Your last answer \(“what are customers saying about pricing”\) has no more sources to show\./,
    );
    // Twelve hours on, "more" no longer continues yesterday's answer.
    await brief('pricing', userId);
    deps.clock.advance(13 * 3600_000);
    try {
      expect((await brief('more', userId)).text).toMatch(/^There is no recent answer of yours/);
    } finally {
      deps.clock.set(now);
    }
    // "more outages" is a question, not a follow-up.
    expect((await brief('more outages', userId)).text).toMatch(/about more outages in the last 7 days/);
  });

  it('side by side, More and "/brief more" show the next three sources of each side', async () => {
    const userId = 'UMOREVS1';
    const first = await brief('acme vs globex', userId);
    const urls = (reply: Reply): string[] => JSON.stringify(reply.blocks).match(/https:\/\/[^|>"]+/g) ?? [];
    expect(buttons(first as Message).map((button) => button.value)).toContain('ask --from 3 acme vs globex');
    const second = await brief('more', userId);
    expect(second.text).toMatch(/^acme vs Globex \(last 7 days\)/);
    const json = JSON.stringify(second.blocks);
    expect(json).toContain('*[4]*');
    expect(json).not.toContain('*[1]*');
    // No summaries on later pages, and none of the first page's sources again on either side.
    expect(json).not.toContain(' — ');
    expect(urls(second).length).toBeGreaterThan(0);
    // Each side goes on from its own first page.
    const [acmeFirst, globexFirst] = (await ask('acme vs globex', 'UMOREVS2')).subjects;
    const [acmeNext, globexNext] = (await ask('acme vs globex', 'UMOREVS2', 3)).subjects;
    for (const [page1, page2] of [
      [acmeFirst, acmeNext],
      [globexFirst, globexNext],
    ] as const) {
      const shown = new Set(page1?.items.map((item) => item.id));
      expect(page2?.items.length).toBeGreaterThan(0);
      expect(page2?.items.filter((item) => shown.has(item.id))).toEqual([]);
    }
    expect(buttons(second as Message).map((button) => button.value)).toContain('ask --from 6 acme vs globex');
    // Paging on until both sides run out.
    let last = await brief('more', userId);
    for (let pages = 0; pages < 20 && last.text.startsWith('acme vs Globex'); pages++)
      last = await brief('more', userId);
    expect(last.text).toMatch(/^Your last answer \(“acme vs globex”\) has no more sources to show\./);
  });

  it('"and last month?" asks the asker\'s last subject over that window; "and globex?" another subject over it', async () => {
    const userId = 'UFOLLOW1';
    // Nothing asked yet: only a window is the overview of that window.
    expect((await brief('what about last 30 days', userId)).text).toMatch(
      /^What people are saying \(last 30 days\)/,
    );
    await brief('acme vs globex', userId);
    expect((await brief('and last 30 days?', userId)).text).toMatch(
      /^acme vs Globex \(last 30 days\): 22 vs 18 mentions\. /,
    );
    await brief('pricing', userId);
    expect((await brief('how about this quarter', userId)).text).toMatch(
      /^What people are saying about pricing \(this quarter\)/,
    );
    expect((await brief('and globex?', userId)).text).toMatch(
      /^What people are saying about Globex \(this quarter\)/,
    );
    // Another person's question is not theirs to follow.
    expect((await brief('and last 30 days?', 'UFOLLOW2')).text).toMatch(
      /^What people are saying \(last 30 days\)/,
    );
  });

  it('a period typed alone after a question asks that question over it, with the way to everything on top', async () => {
    const userId = 'UFOLLOWP';
    await brief('acme vs globex', userId);
    const versus = await brief('last 30 days', userId);
    expect(versus.text).toMatch(/^acme vs Globex \(last 30 days\): 22 vs 18 mentions\. /);
    expect(blocksOf(versus)).toContain(
      'Your last question again, over the last 30 days. For all your topics instead: `/brief what’s new last 30 days`.',
    );
    await brief('outages', userId);
    expect((await brief('over the last month?', userId)).text).toMatch(
      /^What people are saying about outages \(last 30 days\)/,
    );
    await brief('what are customers saying about pricing', userId);
    const month = await brief('this month', userId);
    // Early in the month, its own widening applies, to the same question.
    expect(month.text).toMatch(/^What customers are saying about pricing \(last 30 days\)/);
    expect(blocksOf(month)).toContain('`/brief what’s new this month`');
    // After an overview, the period is the overview's, with no note.
    await brief('what’s new', userId);
    const overview = await brief('last 30 days', userId);
    expect(overview.text).toMatch(/^What people are saying \(last 30 days\)/);
    expect(blocksOf(overview)).not.toContain('Your last question again');
  });

  it('a period typed alone applies to a question of the same day however long ago, and to an older one with its day said', async () => {
    const userId = 'UFOLLOWD';
    await brief('what are customers saying about pricing', userId);
    try {
      // 13 hours on, still Monday in Berlin (09:00 UTC → 23:00 CET): the same working day.
      deps.clock.advance(13 * 3600_000);
      const evening = await brief('last 30 days', userId);
      expect(evening.text).toMatch(/^What customers are saying about pricing \(last 30 days\)/);
      expect(blocksOf(evening)).toContain('Your last question again, over the last 30 days.');
      // Two days later: applied still, naming the question it applied to and when it was asked.
      deps.clock.advance(2 * 24 * 3600_000);
      await brief('what are customers saying about pricing', userId);
      deps.clock.advance(2 * 24 * 3600_000);
      const later = await brief('last 30 days', userId);
      expect(later.text).toMatch(/^What customers are saying about pricing \(last 30 days\)/);
      expect(blocksOf(later)).toContain(
        'Your question of Wed 4 Nov 23:00 CET (“what are customers saying about pricing”) again, over the last 30 days. For all your topics instead: `/brief what’s new last 30 days`.',
      );
      // A week on, a period alone is the overview of that period, saying why, and how to ask the old question over it.
      deps.clock.advance(8 * 24 * 3600_000);
      const stale = await brief('last 30 days', userId);
      expect(stale.text).toMatch(/^What people are saying \(last 30 days\)/);
      expect(blocksOf(stale)).toContain(
        'Your last question, of Fri 6 Nov 23:00 CET (“what are customers saying about pricing”, then “last 30 days”), is more than 7 days old, so this is the overview of the last 30 days. For that question over it: `/brief what are customers saying about pricing last 30 days`.',
      );
      // After an overview asked long ago, the overview is what was asked: nothing to say.
      await brief('what’s new', userId);
      deps.clock.advance(8 * 24 * 3600_000);
      const again = await brief('last 30 days', userId);
      expect(again.text).toMatch(/^What people are saying \(last 30 days\)/);
      expect(blocksOf(again)).not.toContain('Your last question');
    } finally {
      deps.clock.set(now);
    }
  });

  it('quotes what the asker typed, not Briefbot’s rewording, where a reply names a follow-up’s answer', async () => {
    const userId = 'UWORDS01';
    await brief('  What are customers saying about pricing?  ', userId);
    const month = await brief('last month', userId);
    expect(month.text).toMatch(/^What customers are saying about pricing \(in October\)/);
    const words = '“What are customers saying about pricing?”, then “last month”';
    expect(blocksOf(await brief('tell me more about 2', userId))).toContain(
      `Source 2 in your answer to ${words}.`,
    );
    expect((await brief('share', userId)).text).toContain(`To share your last answer (${words}), press`);
    // Paged to its end, the answer is still named in the asker's words.
    let last = await brief('more', userId);
    for (let pages = 0; pages < 10 && last.text.startsWith('What customers'); pages++)
      last = await brief('more', userId);
    expect(last.text).toMatch(
      new RegExp(`^Your last answer \\(${words.replace(/[?()]/g, '\\$&')}\\) has no more sources`),
    );
    expect(last.text).not.toContain('in October”');
  });

  it('"pricing and outages", both topics, answers the two side by side; free words joined by "and" stay one search', async () => {
    const answer = await ask('what are customers saying about pricing & outage');
    expect(answer.subjects.map((subject) => subject.topicName)).toEqual(['pricing', 'outages']);
    expect(answer.splitFrom).toBe('pricing & outage');
    expect(totalOf(subjectOf(answer, 0).counts.byKind)).toBe(subjectOf(await ask('pricing')).counts.current);
    expect(subjectOf(answer, 1).counts.current).toBeGreaterThan(0);
    expect(JSON.stringify(answerMessage(answer, deps.clock.now()).blocks)).toContain(
      'pricing and outages are two topics, so here they are side by side.',
    );
    // acme is no topic: the items that speak of both.
    const both = await ask('acme and globex');
    expect(both.subjects).toHaveLength(1);
    expect(both.splitFrom).toBeNull();
    expect(subjectOf(both).counts.current).toBeLessThan(subjectOf(await ask('globex')).counts.current);
  });

  it('a long question no item matches as a whole is answered about the topics it names, in its order', async () => {
    const one = await ask(
      'I have a board meeting tomorrow and need to know what customers think about our pricing changes lately',
    );
    expect(one.subjects.map((subject) => subject.topicName)).toEqual(['pricing']);
    expect(one.request.customers).toBe(true);
    expect(one.namedIn).toContain('board meeting');
    expect(totalOf(subjectOf(one).counts.byKind)).toBe(subjectOf(await ask('pricing')).counts.current);
    expect(JSON.stringify(answerMessage(one, deps.clock.now()).blocks)).toContain(
      'Nothing matches the whole question, so this is about the topic it names: pricing.',
    );
    const two = await ask('tell me whether the outages or our pricing worry people more');
    expect(two.subjects.map((subject) => subject.topicName)).toEqual(['outages', 'pricing']);
    // Short questions keep their own words; one that names no topic is searched as before.
    expect((await ask('pricing changes at acme')).namedIn).toBeNull();
    expect((await ask('why would anyone buy a frobnicator in winter')).namedIn).toBeNull();
  });

  it('answers about the topic a word that matches nothing is one slip from, and says so', async () => {
    const answer = await ask('what are customers saying about outagez');
    expect(subjectOf(answer)).toMatchObject({ topicName: 'outages', correctedFrom: 'outagez' });
    expect(totalOf(subjectOf(answer).counts.byKind)).toBe(subjectOf(await ask('outages')).counts.current);
    expect(JSON.stringify(answerMessage(answer, deps.clock.now()).blocks)).toContain(
      'Nothing says “outagez”, so this is the topic outages.',
    );
    const versus = await ask('pricng vs globexx');
    expect(versus.subjects.map((subject) => subject.topicName)).toEqual(['pricing', 'globex']);
    // A word that some item does use is searched as typed, even when close to a topic's name.
    expect(subjectOf(await ask('price')).correctedFrom).toBeNull();
    // A slip beside other words is that topic too, never left out for figures about the rest.
    const beside = await ask('globx pricing');
    expect(subjectOf(beside)).toMatchObject({ correctedFrom: 'globx', correctedTo: 'globex', dropped: [] });
    expect(subjectOf(beside).counts.current).toBe(subjectOf(await ask('globex pricing')).counts.current);
    expect(JSON.stringify(answerMessage(beside, deps.clock.now()).blocks)).toContain(
      'Nothing says “globx”, so this is the topic globex.',
    );
    const renewal = subjectOf(await ask('renewal pricng'));
    expect(renewal).toMatchObject({ correctedTo: 'pricing', dropped: [] });
    expect(renewal.counts.current).toBe(subjectOf(await ask('renewal pricing')).counts.current);
  });

  it('slips around a mistyped topic are mended too: the customers of the topic, never figures about the slips', async () => {
    const answer = await ask('wat are custmers sayng about pricng');
    expect(answer.request.customers).toBe(true);
    expect(subjectOf(answer)).toMatchObject({ topicName: 'pricing', correctedFrom: 'pricng', dropped: [] });
    const plain = await ask('what are customers saying about pricing');
    expect(totalOf(subjectOf(answer).counts.byKind)).toBe(totalOf(subjectOf(plain).counts.byKind));
    expect(itemUrls(answer)).toEqual(itemUrls(plain));
  });

  it('suggests the overview and the topics when neither a topic nor a wider window would help', async () => {
    expect((await ask('frobnicate last 3 months')).suggestions).toEqual([
      '/brief what’s new',
      '/brief topics list',
    ]);
  });

  it('a sub-command typed without its group is suggested as the command it is', async () => {
    expect((await ask('reassign 12 @UMARIA01')).suggestions).toContain('/brief nudge reassign 12 @UMARIA01');
    expect((await ask('preview #CNEWS')).suggestions).toContain('/brief digest preview #CNEWS');
    expect((await ask('pause 3')).suggestions).toEqual(
      expect.arrayContaining(['/brief feeds pause 3', '/brief digest pause 3']),
    );
    expect((await ask('frobnicate')).suggestions.join(' ')).not.toContain('nudge');
  });

  it('a suggested wider window finds what the first ask missed', async () => {
    const first = await brief('roadmap');
    expect(first.text).toBe('Nothing about roadmap in the last 7 days.');
    expect(JSON.stringify(first.blocks)).toContain('/brief roadmap last 30 days');
    const second = await brief('roadmap last 30 days');
    expect(second.text).toMatch(/^What people are saying about roadmap \(last 30 days\): 1 mention\./);
    expect(JSON.stringify(second.blocks)).toContain('https://blog.globex.example/roadmap');
  });
});

describe('the ask log', () => {
  it('records who asked what, the window and how many items were found, for every ask', async () => {
    const userId = 'UASKLOG1';
    await ask('what are customers saying about pricing', userId);
    await ask('acme vs globex last 30 days', userId);
    await ask('frobnicate', userId);
    await brief('--from 5 pricing', userId);
    const rows = await deps.db.prisma.askLog.findMany({ where: { userId }, orderBy: { id: 'asc' } });
    expect(
      rows.map(({ question, subjects, windowDays, itemCount, offset, hasMore, at }) => ({
        question,
        subjects: JSON.parse(subjects),
        windowDays,
        itemCount,
        offset,
        hasMore,
        at: at.toISOString(),
      })),
    ).toEqual([
      {
        question: 'what are customers saying about pricing',
        subjects: ['pricing'],
        windowDays: 7,
        itemCount: 15,
        offset: 0,
        hasMore: true,
        at: '2026-11-02T09:00:00.000Z',
      },
      {
        question: 'acme vs globex last 30 days',
        subjects: ['acme', 'globex'],
        windowDays: 30,
        itemCount: 40,
        // Side by side pages three sources of each side at a time.
        offset: 0,
        hasMore: true,
        at: '2026-11-02T09:00:00.000Z',
      },
      {
        question: 'frobnicate',
        subjects: ['frobnicate'],
        windowDays: 7,
        itemCount: 0,
        offset: 0,
        hasMore: false,
        at: '2026-11-02T09:00:00.000Z',
      },
      {
        question: 'pricing',
        subjects: ['pricing'],
        windowDays: 7,
        itemCount: 15,
        offset: 5,
        hasMore: true,
        at: '2026-11-02T09:00:00.000Z',
      },
    ]);
  });

  it('keeps at most 1,000 characters of a long question', async () => {
    const userId = 'UASKLOG2';
    await ask(`pricing ${'renewal '.repeat(300)}`.trim(), userId);
    const [row] = await deps.db.prisma.askLog.findMany({ where: { userId } });
    expect(row?.question.length).toBe(1000);
    // Every word is required, in any of its forms: the items that speak of price (pricing, prices…)
    // and of renewal (renewals…).
    expect(row?.itemCount).toBe(8);
  });
});

describe('the answer message', () => {
  it('stays within Slack limits, with a plain fallback text, the summary and numbered items', async () => {
    const answer = await ask('what are customers saying about pricing');
    const message = answerMessage(answer, deps.clock.now());
    expectWithinSlackLimits(message);
    expect(message.text).toMatch(
      /^What customers are saying about pricing \(last 7 days\): 8 customer posts \(of 15 mentions\)\. \S/,
    );
    // A notification is all some read: the trend and the tone are said in it, in words.
    expect(message.text).toContain(
      '8 customer posts (of 15 mentions). Up from none in the previous 7 days; 25% positive, 50% neutral, 25% negative. ',
    );
    // Plain: no Block Kit markup in the fallback, nor arrows a screen reader names as shapes.
    expect(message.text).not.toMatch(/\*\[\d\]\*|<https?:|:large_green_circle:|[▲▼]/);
    const json = JSON.stringify(message.blocks);
    for (const item of subjectOf(answer).items) expect(json).toContain(`*[${item.number}]* <${item.url}|`);
    // The customer/other split is said once, in the header, never again in an Evidence field.
    expect(json).not.toContain('*Evidence*');
    expect(json).not.toContain('of the 15 mentions');
  });

  it('reads on a phone: the split said once, short voices in two phone lines and how many more, one point a line', async () => {
    const answer = await ask('what are customers saying about pricing');
    const texts = textsWithLimits(answerMessage(answer, deps.clock.now())).map(([text]) => text);
    const all = texts.join('\n');
    expect(all.match(/15 mentions/g)).toHaveLength(1);
    const voices = texts.find((text) => text.startsWith('*Customer voices*')) ?? '';
    const shown = voices.replace('*Customer voices*\n', '').split(', and ')[0]?.split(' · ') ?? [];
    // Two: a third ("VP Customer Support") took a third line of a phone.
    expect(shown).toHaveLength(2);
    expect(voices).toMatch(/, and \d+ more$/);
    // A reviewer's profile is given by its title, and a count only when it is more than one.
    expect(voices).not.toMatch(/employees|\(1\)/);
    const summary = subjectOf(answer).summary.sentences;
    expect(summary.length).toBeGreaterThan(1);
    const lines = texts.find((text) => text.startsWith('• '))?.split('\n') ?? [];
    expect(lines).toHaveLength(summary.length);
    // A short summary stays a paragraph.
    const short = answerMessage(
      {
        ...answer,
        subjects: [
          { ...subjectOf(answer), summary: { ...subjectOf(answer).summary, sentences: summary.slice(0, 1) } },
        ],
      },
      deps.clock.now(),
    );
    expect(JSON.stringify(short.blocks)).not.toContain('"text":"• ');
  });

  it('a customers answer’s figures count customers’ own words, and the page where the others begin says so', async () => {
    const answer = await ask('reviews of acme');
    const subject = subjectOf(answer);
    expect(subject.customerVoices).toBe(13);
    expect(subject.otherVoices).toBe(9);
    const texts = textsWithLimits(answerMessage(answer, deps.clock.now())).map(([text]) => text);
    expect(texts[1]).toMatch(/^last 7 days · 13 customer posts \(of 22 mentions\) · /);
    // Volume and sentiment are the 13 customer posts', as the header says.
    expect(texts.find((text) => text.startsWith('*Volume*'))).toMatch(/^\*Volume\*\n13 · /);
    const { positive, neutral, negative } = subject.counts.sentiment;
    expect(positive + neutral + negative).toBe(13);
    const share = (count: number) => `${Math.round((count / 13) * 100)}%`;
    expect(texts.find((text) => text.startsWith('*Sentiment*'))).toContain(
      `${share(positive)} positive · :white_circle: ${share(neutral)} · :red_circle: ${share(negative)} negative`,
    );
    expect(texts.find((text) => text.startsWith('*Top sources*'))).not.toMatch(/SaaS Ledger|Globex Blog/);
    expect(texts).toContain(
      ':information_source: Counted: customers’ own words only; news and a competitor’s own posts follow.',
    );
    expect(texts.some((text) => text.startsWith('*Evidence*'))).toBe(false);
    // The answer, then its figures: the note on whose words they count comes under them, not on top.
    const blocks = answerMessage(await ask('complaints about globex'), deps.clock.now()).blocks;
    const figures = blocks.findIndex(
      (block) => block.type === 'section' && 'fields' in block && block.fields,
    );
    const counted = blocks.findIndex((block) =>
      JSON.stringify(block).includes(':information_source: Counted: customers’ own words only'),
    );
    expect(figures).toBeGreaterThan(-1);
    expect(figures).toBeLessThanOrEqual(4);
    expect(counted).toBe(figures + 1);
    // The third page: the last customer posts, then the others, marked where they begin.
    const third = subjectOf(await ask('reviews of acme', 'UEXEC01', 10));
    const kinds = third.items.map((item) => item.feedKind);
    const first = kinds.findIndex((kind) => !customerKinds.includes(kind));
    expect(first).toBeGreaterThan(0);
    expect(kinds.slice(first).some((kind) => customerKinds.includes(kind))).toBe(false);
    const paged = textsWithLimits(
      answerMessage(await ask('reviews of acme', 'UEXEC01', 10), deps.clock.now()),
    ).map(([text]) => text);
    const note = `:information_source: From [${third.items[first]?.number}] on, not customers’ own words: news and a competitor’s own posts.`;
    expect(paged).toContain(note);
    expect(paged[paged.indexOf(note) + 1]).toContain(`*[${third.items[first]?.number}]*`);
    // One side asked for is listed by its tone: nothing says the others come after.
    const complaints = textsWithLimits(
      answerMessage(await ask('complaints about acme'), deps.clock.now()),
    ).map(([text]) => text);
    expect(complaints.join('\n')).not.toMatch(/come after| follow\.|From \[\d+\] on/);
    // A competitor's own posts are none of the customers' figures: nothing of theirs is left out of
    // a header or a share of voice.
    const globex = subjectOf(await ask('what are customers saying about globex'));
    expect(globex.ownPosts).toBeNull();
    const versus = textsWithLimits(answerMessage(await ask('reviews of acme vs globex'), deps.clock.now()))
      .map(([text]) => text)
      .join('\n');
    expect(versus).not.toMatch(/left out|own posts|-\d/);
    const shares = [...versus.matchAll(/(\d+)% share of voice/g)].map(([, share]) => Number(share));
    expect(shares).toHaveLength(2);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(100);
    // Each column counts customer posts, as a one-topic customers answer does, and a note says so.
    expect(versus).toMatch(/\*acme\*\n13 customer posts \(of 22 mentions\) · \d+% share of voice/);
    expect(versus).toContain(
      "Only customers’ own words (reviews, forums, communities) are counted, in the figures and the share of voice: 13 of acme's 22 mentions and ",
    );
  });

  it("customers' words side by side: a side no customer spoke of has no share of their voice", async () => {
    const answer = await ask('what are customers saying about acme vs acquisitions');
    const [acme, acquisitions] = [subjectOf(answer, 0), subjectOf(answer, 1)];
    // The news story about acquisitions is listed, but counts for none of customers' figures.
    expect(acquisitions.items.map((item) => item.feedKind)).toEqual(['news']);
    expect(acquisitions.counts.current).toBe(0);
    expect(acme.counts.current).toBe(acme.customerVoices);
    const text = textsWithLimits(answerMessage(answer, deps.clock.now()))
      .map(([piece]) => piece)
      .join('\n');
    expect(text).toMatch(/\*acme\*\n13 customer posts \(of 22 mentions\) · 100% share of voice/);
    expect(text).toContain('*acquisitions*\nNo customer posts (of 1 mention) · 0% share of voice');
    expect(text).toContain("13 of acme's 22 mentions and none of acquisitions's 1 mention");
    expect(text).toContain('None of these sources is a customer’s own words');
    expect(text).toContain('Help desk market consolidates');
    // "How many are negative?" counts it the same way.
    expect(numbersNote(answer, 'negative')).toContain(
      'Acquisitions: no customer posts (of 1 mention), so nothing of theirs to count.',
    );
    // Neither side with a customer's words: every mention is counted, and each column says so.
    const neither = await ask('what are customers saying about acquisitions vs hires');
    expect(subjectOf(neither, 0).counts.current).toBe(1);
    const columns = blocksOf(answerMessage(neither, deps.clock.now()));
    expect(columns).toContain("1 mention, none a customer's · 100% share of voice");
    expect(columns).not.toContain('Only customers’ own words');
  });

  it('has Share and More buttons whose values re-run the question', async () => {
    const question = 'what are customers saying about pricing';
    const message = answerMessage(await ask(question), deps.clock.now());
    expect(buttons(message)).toEqual([
      expect.objectContaining({
        // Slack refuses a block whose elements share an action id: after the Request a response…
        // menu (the first), they are numbered.
        action_id: `${Action.RunCommand}:2`,
        value: `share --post ${question}`,
        blockId: BlockId.AnswerActions,
      }),
      expect.objectContaining({
        action_id: `${Action.RunCommand}:3`,
        value: `ask --from 5 ${question}`,
        // "More" alone, among every answer's Mores, says to a screen reader which answer it goes on with.
        accessibility_label: `More of this answer: ${question}`,
      }),
    ]);
  });

  it('the More value, run as a command, returns the next page; the last page has no More', async () => {
    const question = 'what are customers saying about pricing';
    const first = subjectOf(await ask(question));
    const second = await brief(`ask --from 5 ${question}`);
    const expected = subjectOf(await ask(question, 'UEXEC01', 5));
    expect(expected.items.map((item) => item.number)).toEqual([6, 7, 8, 9, 10]);
    const json = JSON.stringify(second.blocks);
    for (const item of expected.items) expect(json).toContain(`*[${item.number}]* <${item.url}|`);
    for (const item of first.items) expect(json).not.toContain(`<${item.url}|`);
    expect(json).toContain('sources 6–10');
    // Share on a later page posts that page, not the first.
    expect(buttons(second).map((button) => button.value)).toEqual([
      `share --post --from 5 ${question}`,
      `ask --from 10 ${question}`,
    ]);

    const third = await brief(`ask --from 10 ${question}`);
    expect(JSON.stringify(third.blocks)).toContain('sources 11–15');
    expect(buttons(third).map((button) => button.value)).toEqual([`share --post --from 10 ${question}`]);
    // The pages do not overlap, and together hold every one of the 15 matches.
    const all = [first, expected, subjectOf(await ask(question, 'UEXEC01', 10))].flatMap((subject) =>
      subject.items.map((item) => item.url),
    );
    expect(new Set(all).size).toBe(15);
  });

  it('"--from 5" typed directly also pages', async () => {
    const reply = await brief('--from 5 outages');
    expect(JSON.stringify(reply.blocks)).toContain('sources 6–7');
  });

  it('the Share value posts the answer to the channel, naming who asked, with only its More button', async () => {
    const reply = await brief('share --post what are customers saying about pricing', 'UEXEC02');
    expect(reply.visibility).toBe('in_channel');
    expect(JSON.stringify(reply.blocks)).toContain(
      'Asked by <@UEXEC02>: “what are customers saying about pricing”',
    );
    const more = buttons(reply);
    expect(more.map((button) => button.value)).toEqual([
      'ask --from 5 --by UEXEC02 what are customers saying about pricing',
    ]);
    expect(JSON.stringify(more)).toContain('"text":"More"');
    // Pressed by a colleague: the next page, for them alone.
    const next = await brief(more[0]?.value as string, 'UEXEC0B');
    expect(next.visibility).toBe('ephemeral');
    expect(JSON.stringify(next.blocks)).toContain('*[6]*');
    expect((await brief('what are customers saying about pricing')).visibility).toBe('ephemeral');
  });

  it('a typed "share …" is a question, answered to the asker only: "share of voice" is the measure', async () => {
    const voice = await brief('share of voice', 'UEXEC03');
    expect(voice.visibility).toBe('ephemeral');
    expect(voice.text).toBe((await brief("what's our share of voice", 'UEXEC03')).text);
    const typed = await brief('share what are customers saying about pricing', 'UEXEC03');
    expect(typed.visibility).toBe('ephemeral');
    expect(typed.text).toBe((await brief('what are customers saying about pricing', 'UEXEC03')).text);
    expect(JSON.stringify(typed.blocks)).toContain(
      'Typed questions are never posted: only you see this answer. Press *Share to channel* below',
    );
    expect(JSON.stringify(typed.blocks)).not.toContain('Asked by');
  });

  it('a typed "share" or "share this" points at the last answer’s Share button, and never searches "share"', async () => {
    expect((await brief('share', 'UEXEC05')).text).toMatch(/There is no recent answer of yours to share/);
    await brief('acme vs globex', 'UEXEC05');
    for (const typed of ['share', 'share this', 'share it with the team', 'Share my last answer.']) {
      const reply = await brief(typed, 'UEXEC05');
      expect(reply.visibility, typed).not.toBe('in_channel');
      expect(reply.text, typed).toBe(
        'To share your last answer (“acme vs globex”), press *Share to channel* under it: a typed `share` never posts.',
      );
    }
    // Typed on App Home (no channel): its answers have no Share button, so the way to share is said.
    const home = await runCommand(deps, { userId: 'UEXEC05', channelId: null, text: 'share this' });
    expect(home.text).toBe(
      'Answers here on App Home stay yours: to share one, ask it in a channel (`/brief acme vs globex`) and press *Share to channel* under the answer.',
    );
  });

  it('"share to #general", "post this to #exec-team": the last answer’s Share button, and where it posts', async () => {
    await brief('acme vs globex', 'UEXEC06');
    const pointer =
      'To share your last answer (“acme vs globex”), press *Share to channel* under it: a typed `share` never posts.';
    for (const [typed, named] of [
      ['share to #general', '#general'],
      ['post this to #exec-team', '#exec-team'],
      ['send it to <#C0EXEC|exec>', '<#C0EXEC>'],
      ['forward my last answer to #exec-team', '#exec-team'],
    ] as const) {
      const reply = await brief(typed, 'UEXEC06');
      expect(reply.visibility, typed).toBe('ephemeral');
      expect(reply.text, typed).toBe(
        `${pointer} It posts in the channel where you asked; to post it in ${named}, ask there (\`/brief acme vs globex\`) and press *Share to channel* under that answer.`,
      );
    }
    // This very channel, named: the button is the whole answer.
    expect((await brief('post this in <#C0CHANNEL|here>', 'UEXEC06')).text).toBe(pointer);
    // Asked politely, the same request: never a search for "send".
    for (const typed of ['can you send this to the team', 'could you please share it with the channel'])
      expect((await brief(typed, 'UEXEC06')).text, typed).toBe(pointer);
    // A question shared to another channel is answered, saying where Share to channel posts.
    const pricing = JSON.stringify((await brief('share pricing to #exec-team', 'UEXEC06')).blocks);
    expect(pricing).toContain('to post it in #exec-team, ask there (`/brief pricing`)');
    // An answer that found nothing has no Share button, so nothing points at one.
    const nothing = JSON.stringify((await brief('share zebraquux to #exec-team', 'UEXEC06')).blocks);
    expect(nothing).toContain('Nothing about zebraquux');
    expect(nothing).not.toContain('Share to channel');
  });

  it('"share pricing with the channel": whom to share with is no part of the question', async () => {
    for (const audience of ['with the channel', 'with the team', 'to the channel']) {
      const typed = await brief(`share pricing ${audience}`, 'UEXEC04');
      expect(typed.visibility, audience).toBe('ephemeral');
      expect(typed.text, audience).toBe((await brief('pricing', 'UEXEC04')).text);
      expect(JSON.stringify(typed.blocks), audience).not.toMatch(/channel”|team”/);
    }
  });

  it('stays within Slack limits however long the feed text is', async () => {
    const answer = await ask('what are customers saying about pricing');
    const long = 'x'.repeat(5_000);
    const subject = subjectOf(answer);
    const huge: Answer = {
      ...answer,
      request: { ...answer.request, question: `pricing ${long}` },
      subjects: [
        {
          ...subject,
          subject: `pricing ${long}`,
          themes: Array.from({ length: 50 }, () => long),
          sources: Array.from({ length: 50 }, (_, index) => ({ label: long, kind: 'news', count: index })),
          voices: Array.from({ length: 50 }, (_, index) => ({ label: long, count: index })),
          summary: {
            method: 'extractive',
            sentences: Array.from({ length: 10 }, () => ({ text: long, citations: [1, 2] })),
          },
          items: subject.items.map((item) => ({ ...item, title: long, feedTitle: long })),
        },
      ],
    };
    expectWithinSlackLimits(answerMessage(huge, deps.clock.now()));
    expectWithinSlackLimits(answerMessage(huge, deps.clock.now(), { sharedBy: 'UEXEC01' }));
    const big = subjectOf(huge);
    expectWithinSlackLimits(answerMessage({ ...huge, subjects: [big, big] }, deps.clock.now()));
  });

  it('"this week" on a Tuesday morning: against the same part of last week, and a pointer to the last 7 days', async () => {
    const tuesday = await createTestDeps({ now: '2026-11-03T01:13:00Z' });
    try {
      await loadDemoCorpus(tuesday);
      const answer = await ask('what happened this week', 'UEXEC01', 0, tuesday);
      expect(answer.widenedFrom).toBeNull();
      const text = JSON.stringify(answerMessage(answer, tuesday.clock.now()).blocks);
      expect(text).toMatch(
        / vs the same part of last week \(\d+\)| from (?:\d+|none) in the same part of last week/,
      );
      expect(text).not.toContain('25 hours before');
      expect(text).not.toContain('previous 2 days');
      expect(text).toContain(
        'This week has only just begun (25 hours so far). For the last 7 days, ask `/brief what’s new last 7 days`.',
      );
      // A rolling window needs no pointer.
      const week = JSON.stringify(
        answerMessage(await ask('last 7 days', 'UEXEC01', 0, tuesday), tuesday.clock.now()).blocks,
      );
      expect(week).not.toContain('only just begun');
    } finally {
      await tuesday.cleanup();
    }
  });

  it('"top 3 things this week" is the overview in 3 stories, and the command it suggests works as typed', async () => {
    const tuesday = await createTestDeps({ now: '2026-11-03T01:13:00Z' });
    try {
      await loadDemoCorpus(tuesday);
      for (const question of [
        'top 3 things this week',
        'top 3 issues this week',
        'what are the top 3 topics this week',
        'the three biggest things this week',
      ]) {
        const answer = await ask(question, 'UEXEC01', 0, tuesday);
        expect(answer.request.overview).toBe(true);
        // The week so far holds two stories: the price rise (its news, forum thread and reviews are
        // one) and one more; three are asked for, two are told.
        expect(subjectOf(answer).items).toHaveLength(2);
        const note = (answer.request.notes ?? []).find((said) => said.includes('only just begun')) ?? '';
        const suggested = /`\/brief ([^`]+)`/.exec(note)?.[1] ?? '';
        expect(suggested).toBe('what’s new in 3 stories last 7 days');
        const again = await ask(suggested, 'UEXEC01', 0, tuesday);
        expect(again.request.overview).toBe(true);
        expect(again.request.window.label).toBe('last 7 days');
        expect(subjectOf(again).items).toHaveLength(3);
      }
    } finally {
      await tuesday.cleanup();
    }
  });

  it('"this week" asked on a Monday morning, with nothing since midnight, answers over the last 7 days and says so', async () => {
    // 2026-11-02 is a Monday; 10:00 in Berlin, and the corpus's newest pricing item is 18 hours old.
    const answer = await ask('pricing this week');
    expect(answer.widenedFrom).toBe('this week');
    expect(answer.request.window.label).toBe('last 7 days');
    const sevenDays = await ask('pricing last 7 days');
    expect(subjectOf(answer).counts.current).toBe(subjectOf(sevenDays).counts.current);
    expect(subjectOf(answer).counts.current).toBeGreaterThan(0);
    const message = answerMessage(answer, deps.clock.now());
    expect(message.text).toContain('Nothing yet this week, so this covers the last 7 days.');
    expect(JSON.stringify(message.blocks)).toContain(
      'Nothing yet this week, so this covers the last 7 days.',
    );
    // Its buttons ask the same question again: "More" is widened the same way.
    expect(buttons(message).some((button) => button.value?.endsWith(' pricing this week'))).toBe(true);
    expect((await ask("what's new this week")).widenedFrom).toBe('this week');
  });

  it('"today" with nothing since midnight answers over the last 24 hours, then the last 7 days when those hold nothing either', async () => {
    // 10:00 in Berlin: the newest pricing item is 18 hours old, so the last 24 hours hold it.
    const today = await ask('pricing today');
    expect(today).toMatchObject({ widenedFrom: 'today', request: { window: { label: 'last 24 hours' } } });
    const day = subjectOf(await ask('pricing last 24 hours')).counts.current;
    expect(day).toBeGreaterThan(0);
    expect(subjectOf(today).counts.current).toBe(day);
    expect(answerMessage(today, deps.clock.now()).text).toContain(
      'Nothing yet today, so this covers the last 24 hours.',
    );
    // Outages: nothing in the last 24 hours either, so the last 7 days.
    expect(subjectOf(await ask('outages last 24 hours')).counts.current).toBe(0);
    const week = await ask('outages today');
    expect(week).toMatchObject({ widenedFrom: 'today', request: { window: { label: 'last 7 days' } } });
    expect(subjectOf(week).counts.current).toBe(subjectOf(await ask('outages last 7 days')).counts.current);
    expect(subjectOf(week).counts.current).toBeGreaterThan(0);
  });

  it('a calendar period that holds mentions, or a rolling window, is answered as asked', async () => {
    // Monday 2 November: the month is two days old, so its few mentions are no month's trend.
    const young = await ask('pricing this month');
    expect(young).toMatchObject({
      widenedFrom: 'this month',
      request: { window: { label: 'last 30 days' } },
    });
    expect(young.widenedSoFar).toBeGreaterThan(0);
    expect(subjectOf(young).counts.current).toBeGreaterThan(young.widenedSoFar);
    expect(JSON.stringify(answerMessage(young, deps.clock.now()).blocks)).toContain(
      `This month has only just begun (${countOf(young.widenedSoFar, 'mention')} so far), so this covers the last 30 days.`,
    );
    // Side by side, both sides cover the same widened window (a Monday's one mention of acme used
    // to face "No mentions this week" for globex).
    const versus = await ask('acme vs globex this week');
    expect(versus.widenedFrom).toBe('this week');
    expect(versus.subjects.map((subject) => subject.counts.current)).toEqual([
      subjectOf(await ask('acme last 7 days')).counts.current,
      subjectOf(await ask('globex last 7 days')).counts.current,
    ]);
    deps.clock.set('2026-11-20T09:00:00Z');
    try {
      const month = await ask('pricing this month');
      expect(month.widenedFrom).toBeNull();
      expect(month.request.window.label).toBe('this month');
      expect(subjectOf(month).counts.current).toBeGreaterThan(0);
    } finally {
      deps.clock.set(now);
    }
    expect((await ask('pricing last 7 days')).widenedFrom).toBeNull();
    // Nothing in the wider window either: the empty answer names the period asked about.
    const empty = await ask('zebrafish this week');
    expect(empty.widenedFrom).toBeNull();
    expect(empty.request.window.label).toBe('this week');
  });

  it('says plainly when nothing was found, with the suggestions', async () => {
    const message = answerMessage(await ask('zebrafish'), deps.clock.now());
    expectWithinSlackLimits(message);
    expect(message.text).toBe('Nothing about zebrafish in the last 7 days.');
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('• `/brief topics list`');
    expect(buttons(message)).toEqual([]);
    for (const [window, phrase] of [
      ['today', 'today'],
      ['this week', 'this week'],
      ['since 2026-10-01', 'since 2026-10-01'],
      ['last 2 weeks', 'in the last 2 weeks'],
    ]) {
      const empty = answerMessage(await ask(`zebrafish ${window}`), deps.clock.now());
      expect(empty.text).toBe(`Nothing about zebrafish ${phrase}.`);
    }
  });
});

describe('with the same story from several sources, and hostile feed text', () => {
  let other: TestDeps;
  const syndicated = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Help Desk Weekly &amp;amp; &amp;lt;Friends&amp;gt;</title>
  <link>https://helpdeskweekly.example/</link>
  <description>Syndicated help desk news.</description>
  <item>
    <title>Acme raises Acme Desk prices by up to 18% as per-seat plans give way to usage tiers</title>
    <link>https://helpdeskweekly.example/acme-desk-pricing</link>
    <guid isPermaLink="false">hdw-1</guid>
    <pubDate>{{hoursAgo:19}}</pubDate>
    <description>Acme will move Acme Desk customers from per-seat pricing to three usage tiers at their next renewal. The company says most teams will pay about the same, but customers with high ticket volumes told SaaS Ledger their quotes rose between 12% and 18%.</description>
  </item>
  <item>
    <title>Acme renewal pricing: &amp;lt;!channel&amp;gt; read this &amp;amp; &amp;lt;https://evil.example|click here&amp;gt;</title>
    <link>https://helpdeskweekly.example/renewal-alert</link>
    <guid isPermaLink="false">hdw-2</guid>
    <pubDate>{{hoursAgo:21}}</pubDate>
    <description>Renewal pricing at Acme &amp;amp; its partners went up again this month, &amp;lt;@U0EVIL&amp;gt; says the renewal team.</description>
  </item>
</channel></rss>`;

  beforeAll(async () => {
    other = await createTestDeps({ now });
    await loadDemoCorpus(other);
    const server = await startFeedServer({
      '/weekly.xml': { body: fillDates(syndicated, other.clock.now()) },
    });
    try {
      await addFeed(
        { ...other, http: { ...other.http, allowPrivate: true } },
        { url: server.url('/weekly.xml'), kind: FeedKind.News, actorId: 'USEED' },
      );
    } finally {
      await server.close();
    }
  });
  afterAll(async () => {
    await other.cleanup();
  });

  it('shows a story told by two sources once, saying there is one other source', async () => {
    const subject = subjectOf(await ask('acme desk usage tiers', 'UEXEC01', 0, other));
    // Both copies of the story match (and a review speaking of "usage" and a "tier"); the story is listed once.
    expect(subject.counts.current).toBe(3);
    expect(subject.items.map((item) => [item.title, item.otherSources])).toEqual([
      ['Acme raises Acme Desk prices by up to 18% as per-seat plans give way to usage tiers', 1],
      ['Acme Desk review: "Solid ticketing, but the new pricing stings" (3/5 stars)', 0],
    ]);
    expect(subject.hasMore).toBe(false);
    const message = answerMessage(await ask('acme desk usage tiers', 'UEXEC01', 0, other), other.clock.now());
    expect(JSON.stringify(message.blocks)).toContain('+1 source');
  });

  it('a story with one source says nothing about others', async () => {
    const subject = subjectOf(await ask('salesforce sync', 'UEXEC01', 0, other));
    expect(subject.items.map((item) => item.otherSources)).toEqual([0, 0]);
  });

  it('escapes <, > and & from feed text, so it cannot mention, link or format', async () => {
    const answer = await ask('acme renewal pricing', 'UEXEC01', 0, other);
    const hostile = subjectOf(answer).items.find(
      (item) => item.url === 'https://helpdeskweekly.example/renewal-alert',
    );
    expect(hostile?.title).toContain('<!channel>');
    for (const shared of [undefined, 'UEXEC01']) {
      const message = answerMessage(answer, other.clock.now(), shared ? { sharedBy: shared } : {});
      expectWithinSlackLimits(message);
      const texts = textsWithLimits(message).map(([text]) => text);
      const all = texts.join('\n');
      expect(all).toContain('&lt;!channel&gt; read this &amp; &lt;https://evil.example¦click here&gt;');
      expect(all).toContain('Help Desk Weekly &amp; &lt;Friends&gt;');
      expect(all).not.toContain('<!channel>');
      expect(all).not.toContain('<https://evil.example');
      expect(all).not.toContain('<@U0EVIL>');
      expect(all).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  });
});

describe('answers with the language model', () => {
  function modelReply(citations: number[][]) {
    return completion(
      JSON.stringify({
        sentences: citations.map((cited, index) => ({ text: `Sentence ${index + 1}.`, citations: cited })),
      }),
    );
  }

  async function withModel<T>(run: () => Promise<T>): Promise<T> {
    deps.llm = testModelClient();
    try {
      return await run();
    } finally {
      deps.llm = null;
    }
  }

  it('uses the model summary, given the page items in order, its citations numbered like the items', async () => {
    const question = 'what are people saying about pricing';
    let prompt = '';
    nock(llmHost)
      .post(completionsPath, (body: { messages: Array<{ content: string }> }) => {
        prompt = body.messages[1]?.content ?? '';
        return true;
      })
      .reply(200, modelReply([[1], [2, 3]]))
      .post(completionsPath)
      .reply(200, modelReply([[1], [2, 3]]));
    const firstAnswer = await withModel(() => ask(question));
    const first = subjectOf(firstAnswer);
    expect(first.summary).toEqual({
      method: 'model',
      sentences: [
        { text: 'Sentence 1.', citations: [1] },
        { text: 'Sentence 2.', citations: [2, 3] },
      ],
    });
    expect(prompt).toContain(`Question: ${question}`);
    const fenced = [...prompt.matchAll(/<source n="(\d)"[^>]*>\n([^\n]*)/g)].map((match) => match[2]);
    expect(fenced).toEqual(first.items.map((item) => item.title.replace(/</g, '‹').replace(/>/g, '›')));
    const json = JSON.stringify(answerMessage(firstAnswer, deps.clock.now()).blocks);
    expect(json).toContain('summary by the model');
    expect(json).toContain('Sentence 1. [1] Sentence 2. [2][3]');
    // On the second page, [1] is item 6.
    const second = subjectOf(await withModel(() => ask(question, 'UEXEC01', 5)));
    expect(second.summary.sentences.map((sentence) => sentence.citations)).toEqual([[6], [7, 8]]);
  });

  it('a customers question gives the model customers’ own words only, and its numbers are theirs', async () => {
    let prompt = '';
    nock(llmHost)
      .post(completionsPath, (body: { messages: Array<{ content: string }> }) => {
        prompt = body.messages[1]?.content ?? '';
        return true;
      })
      .reply(200, modelReply([[1], [2]]));
    const subject = subjectOf(await withModel(() => ask('what are customers saying about outages')));
    const theirs = subject.items.filter((item) => customerKinds.includes(item.feedKind));
    expect(theirs.length).toBeGreaterThan(1);
    expect(theirs.length).toBeLessThan(subject.items.length);
    const fenced = [...prompt.matchAll(/<source n="\d+"[^>]*>\n([^\n]*)/g)].map((match) => match[1]);
    expect(fenced).toEqual(theirs.map((item) => item.title.replace(/</g, '‹').replace(/>/g, '›')));
    expect(subject.summary.sentences.map((sentence) => sentence.citations)).toEqual([
      [theirs[0]?.number],
      [theirs[1]?.number],
    ]);
  });

  it('"5 bullets on outages": the model is asked for up to that many', async () => {
    let body: { messages: Array<{ content: string }>; response_format: unknown } | undefined;
    nock(llmHost)
      .post(completionsPath, (sent: typeof body) => {
        body = sent;
        return true;
      })
      .reply(200, modelReply([[1], [2], [3], [1], [2]]));
    const summary = subjectOf(await withModel(() => ask('5 bullets on outages'))).summary;
    expect(summary).toMatchObject({ method: 'model', bullets: true });
    expect(summary.sentences).toHaveLength(5);
    expect(body?.messages[0]?.content).toContain('up to 5 bullets');
    expect(JSON.stringify(body?.response_format)).toContain('"maxItems":5');
  });

  it('falls back to the extractive summary when the model fails', async () => {
    nock(llmHost)
      .post(completionsPath)
      .reply(500, { error: { message: 'down' } });
    const subject = subjectOf(await withModel(() => ask('outages')));
    expect(subject.summary.method).toBe('extractive');
    expect(subject.summary.sentences.length).toBeGreaterThanOrEqual(2);
  });

  it('is not called when nothing was found', async () => {
    // No interceptor: a call would be refused quietly (and summarised as null), so count attempts.
    let attempts = 0;
    const onNoMatch = () => {
      attempts++;
    };
    nock.emitter.on('no match', onNoMatch);
    try {
      const answer = await withModel(() => ask('frobnicate'));
      expect(subjectOf(answer).summary.sentences).toEqual([]);
    } finally {
      nock.emitter.off('no match', onNoMatch);
    }
    expect(attempts).toBe(0);
  });
});

describe('hostile questions', () => {
  it.each([
    '"unbalanced',
    'NEAR(',
    'pricing NEAR(acme, globex)',
    '*',
    '-',
    'AND',
    'pricing AND',
    'OR OR',
    ')))',
    "'; DROP TABLE items; --",
    '🔥🔥🔥',
    'acme 🔥 pricing',
    '"" vs ""',
    'vs',
    'ask',
    'share',
    '--from 5',
    'ask --from 999 pricing',
    'what are customers saying about',
    'what are customers saying about "',
    'pricing since 2026-02-31',
    'a'.repeat(5_000),
    `pricing ${'acme globex '.repeat(416)}`,
    `${'pricing vs '.repeat(500)}acme`,
  ])('%j never gets an internal error', async (text) => {
    const errors: string[] = [];
    const logger: Logger = {
      ...deps.logger,
      error: (_meta, message) => {
        errors.push(message);
      },
    };
    const reply = await runCommand({ ...deps, logger }, { userId: 'UHOSTILE', channelId: 'C0CHANNEL', text });
    expect(errors).toEqual([]);
    expect(reply.text).not.toBe(UserText.internal);
    expect(JSON.stringify(reply.blocks)).not.toContain(UserText.internal);
    expectWithinSlackLimits(reply);
  });

  it('leaves the items alone after an SQL-looking question', async () => {
    await brief("'; DROP TABLE items; --");
    expect(await deps.db.prisma.item.count()).toBe(38);
  });
});

describe('fixes found in review', () => {
  it('counts items published this very moment, and dates items ahead of the fetch when they were fetched', async () => {
    const local = await createTestDeps({ now });
    try {
      const feedId = await createFeed(local, { host: 'https://forum.example.com', kind: 'forum' });
      const at = (hours: number) => new Date(Date.parse(now) + hours * 3600_000);
      await storeFeedItems(local, feedId, [
        { guid: 'now', title: 'Zebracorp pricing thread opened just now', publishedAt: at(0) },
        { guid: 'ahead', title: 'Zebracorp pricing dated by a server three hours ahead', publishedAt: at(3) },
        { guid: 'far', title: 'Zebracorp pricing dated next week by mistake', publishedAt: at(24 * 7) },
        { guid: 'old', title: 'Zebracorp pricing from last month', publishedAt: at(-24 * 30) },
      ]);
      const subject = subjectOf(await ask('zebracorp pricing', 'UEXEC01', 0, local));
      // Dated a week ahead is a mistake: the item is dated when it was fetched, so it is counted now
      // instead of being out of every window until next week.
      expect(subject.counts.current).toBe(3);
      expect(subject.items.map((item) => item.url).sort()).toEqual([
        'https://forum.example.com/ahead',
        'https://forum.example.com/far',
        'https://forum.example.com/now',
      ]);
      const far = await local.db.prisma.item.findFirstOrThrow({ where: { key: 'far' } });
      expect(far.publishedAt.toISOString()).toBe(now.replace('Z', '.000Z'));
      expect(far.dateEstimated).toBe(true);
      // Three hours ahead is no clock skew either (a wrong zone, or a feed wanting the top of Home):
      // dated when fetched, so it is listed wherever it is counted. Within 5 minutes, a date stands.
      const ahead = await local.db.prisma.item.findFirstOrThrow({ where: { key: 'ahead' } });
      expect([ahead.publishedAt.toISOString(), ahead.dateEstimated]).toEqual([
        now.replace('Z', '.000Z'),
        true,
      ]);
      await storeFeedItems(local, feedId, [
        { guid: 'skew', title: 'Zebracorp pricing from a clock a little fast', publishedAt: at(0.05) },
      ]);
      const skew = await local.db.prisma.item.findFirstOrThrow({ where: { key: 'skew' } });
      expect(skew.publishedAt.getTime()).toBe(at(0.05).getTime());
      // "yesterday" ends before now: nothing from now or later belongs to it.
      expect(subjectOf(await ask('zebracorp pricing yesterday', 'UEXEC01', 0, local)).counts.current).toBe(0);
    } finally {
      await local.cleanup();
    }
  });

  it('suggests the last 365 days when the only mentions are months old', async () => {
    const local = await createTestDeps({ now });
    try {
      const feedId = await createFeed(local, { host: 'https://news.example.com' });
      const at = (days: number) => new Date(Date.parse(now) - days * 24 * 3600_000);
      await storeFeedItems(local, feedId, [
        { guid: 'spring', title: 'Quuxcorp opens a Lisbon office', publishedAt: at(200) },
      ]);
      expect((await ask('quuxcorp', 'UEXEC01', 0, local)).suggestions).toEqual([
        '/brief quuxcorp last 365 days',
      ]);
      expect(subjectOf(await ask('quuxcorp last 365 days', 'UEXEC01', 0, local)).counts.current).toBe(1);
    } finally {
      await local.cleanup();
    }
  });

  it('counts people as voices, not the bylines publishing tools fill in', async () => {
    const local = await createTestDeps({ now });
    try {
      const feedId = await createFeed(local, { host: 'https://forum.example.com', kind: 'forum' });
      await storeFeedItems(local, feedId, [
        { guid: 'a', title: 'Zorbly pricing is confusing', author: 'Priya Raman' },
        { guid: 'b', title: 'Zorbly pricing explained', author: 'Administrator' },
        { guid: 'c', title: 'Zorbly pricing update', author: 'Reuters Staff' },
        { guid: 'd', title: 'Zorbly pricing again', author: 'Apps Support' },
        { guid: 'e', title: 'Zorbly pricing, a follow-up', author: 'Priya Raman' },
      ]);
      const subject = subjectOf(await ask('zorbly pricing', 'UEXEC01', 0, local));
      expect(subject.counts.current).toBe(5);
      expect(subject.voices).toMatchObject([{ label: 'Priya Raman', count: 2 }]);
    } finally {
      await local.cleanup();
    }
  });

  it('finds the topic "outages" when asked about "outage"', async () => {
    const answer = await ask('what are customers saying about outage');
    expect(answer.subjects[0]?.topicName).toBe('outages');
  });

  it('side by side, each side lists the sources its summary cites first, numbered as cited: no uncited [1] above a cited [2]', async () => {
    for (const question of [
      'acme vs globex',
      'acme vs globex last 30 days',
      'complaints about acme vs globex',
    ]) {
      const answer = await ask(question);
      for (const subject of answer.subjects) {
        const cited = [...new Set(subject.summary.sentences.flatMap((sentence) => sentence.citations))];
        if (cited.length === 0) continue;
        const listed = subject.items.map((item) => item.number);
        expect(
          cited.sort((a, b) => a - b),
          `${question}: ${subject.label}`,
        ).toEqual(listed.slice(0, cited.length));
        // Each citation still points at the source it was written from.
        for (const sentence of subject.summary.sentences)
          for (const number of sentence.citations)
            expect(subject.summaryFrom, `${question}: ${subject.label}`).toContain(number);
      }
    }
  });

  it('side by side, summaries cite only the three items shown for each subject', async () => {
    const answer = await ask('acme vs globex last 30 days');
    for (const subject of answer.subjects) {
      for (const sentence of subject.summary.sentences)
        for (const citation of sentence.citations) expect(citation).toBeLessThanOrEqual(3);
    }
  });
});

describe('the overview: a question about nothing in particular', () => {
  it('answers across every topic, with each topic’s volume counted from the links stored at ingest', async () => {
    const answer = await ask("what's new");
    const overview = subjectOf(answer);
    expect(answer.subjects).toHaveLength(1);
    expect(overview.subject).toBe('your 3 topics');
    expect(overview.byTopic.map((volume) => volume.name).sort()).toEqual(['globex', 'outages', 'pricing']);
    // Each topic's count, from item_topics, is what the topic's own search (full text) finds.
    for (const volume of overview.byTopic) {
      const alone = subjectOf(await ask(volume.name));
      expect({ name: volume.name, current: volume.current, previous: volume.previous }).toEqual({
        name: volume.name,
        current: alone.counts.current,
        previous: alone.counts.previous,
      });
    }
    const counts = overview.byTopic.map((volume) => volume.current);
    expect(overview.byTopic.map((volume) => volume.current)).toEqual([...counts].sort((a, b) => b - a));
    // An item about two topics is one mention.
    expect(overview.counts.current).toBeGreaterThanOrEqual(Math.max(...counts));
    expect(overview.counts.current).toBeLessThan(counts.reduce((sum, count) => sum + count, 0));
    expect(overview.items.length).toBe(5);
    expect(overview.summary.sentences.length).toBeGreaterThan(0);
  });

  it('lists one event told in different words once: the EU outage is one story, counting all its sources', async () => {
    const [outage, report] = euOutageUrls;
    const overview = subjectOf(await ask("what's new"));
    const urls = overview.items.map((item) => item.url);
    // The news story, two forum threads, two reviews and the post-incident report: one story.
    expect(urls.filter((url) => url === outage || url === report)).toHaveLength(1);
    const listed = overview.items.find((item) => item.url === outage || item.url === report);
    expect(listed?.otherSources).toBe(2);
    // App Home's headlines alike.
    const { stories: home } = await topStories(deps, { days: 7, count: 5 });
    expect(home.filter((item) => euOutageUrls.some((url) => url === item.url))).toMatchObject([
      { otherSources: 2 },
    ]);
    // Asked for the stories one by one, the outage is told whole by its sources, each once.
    const stories: Array<{ urls: (string | null)[]; text: string }> = [];
    for (let offset = 0; offset < 3; offset++) {
      const answer = await ask("what's the biggest story", 'UEVENT001', offset);
      stories.push({
        urls: subjectOf(answer).items.map((item) => item.url),
        text: blocksOf(answerMessage(answer, deps.clock.now())),
      });
    }
    const told = stories.find((story) => story.urls.includes(outage));
    expect(told?.urls.sort()).toEqual([...euOutageUrls].sort());
    expect(told?.text).toContain('told by 3 sources in 6 mentions');
    // No other story is a retelling of it.
    for (const story of stories.filter((one) => one !== told)) expect(story.urls).not.toContain(report);
  });

  it('"the biggest story" answers with the top-ranked story alone, whatever its tone', async () => {
    const page = subjectOf(await ask('top stories'));
    const asked = await ask("what's the biggest story");
    expect(answerMessage(asked, deps.clock.now()).text).toMatch(/^The biggest story \(last 7 days\)/);
    const biggest = subjectOf(asked);
    expect(biggest.items[0]?.title).toBe(page.items[0]?.title);
    // The story's other sources are listed after it, each once, and none is another story's.
    const told = biggest.items.map((item) => item.url);
    expect(new Set(told).size).toBe(told.length);
    expect(biggest.items[0]?.mentions).toBeGreaterThanOrEqual(biggest.items.length);
    expect(page.items.slice(1).map((item) => item.url)).not.toContain(told[1]);
    expect(biggest.hasMore).toBe(true);
    const numbers = biggest.items.map((item) => item.number);
    expect(
      biggest.summary.sentences.every((sentence) => sentence.citations.every((n) => numbers.includes(n))),
    ).toBe(true);
  });

  it('"any good news?" is ours first: a story about a competitor comes after, whatever its rank', async () => {
    const local = await createTestDeps({ now });
    try {
      await addRivalTopics(local);
      const press = await createFeed(local, { host: 'https://news.example.com', kind: 'news' });
      const forum = await createFeed(local, { host: 'https://forum.example.com', kind: 'forum' });
      const hour = (hours: number) => new Date(Date.parse(now) - hours * 3600_000);
      await storeFeedItems(local, press, [
        {
          guid: 'theirs',
          title: 'Quuxco wins praise: Quuxco customers love the excellent new Quuxco agent',
          text: 'Reviewers call the Quuxco agent brilliant and a great success, and say it beats Zebracorp.',
          publishedAt: hour(2),
        },
      ]);
      await storeFeedItems(local, forum, [
        {
          guid: 'ours',
          title: 'Zebracorp support was great during the migration',
          text: 'Happy with the Zebracorp team, who were helpful and quick.',
          publishedAt: hour(20),
        },
      ]);
      const good = subjectOf(await ask('any good news?', 'UEXEC01', 0, local));
      expect(good.counts.sentiment.positive).toBe(2);
      expect(good.items.map((item) => item.url)).toEqual([
        'https://forum.example.com/ours',
        'https://news.example.com/theirs',
      ]);
      // Asked about the competitor, its good news is the answer.
      expect(subjectOf(await ask('praise for quuxco', 'UEXEC01', 0, local)).items[0]?.url).toBe(
        'https://news.example.com/theirs',
      );
    } finally {
      await local.cleanup();
    }
  });

  it('"is globex gaining on us" answers in a line on top: the shares, and whether the other side’s part grew', async () => {
    const race = await brief('is globex gaining on acme', 'URACE01');
    expect(blocksOf(race)).toContain(
      '*In short:* *Globex* has a 29% share of voice, *acme* 71% (last 7 days). The previous 7 days had too few mentions to call a trend (none), so it is too early to say who is gaining.',
    );
    // A plain side by side asks no race.
    expect(blocksOf(await brief('acme vs globex', 'URACE01'))).not.toContain('In short');
    const local = await createTestDeps({ now });
    try {
      await addRivalTopics(local);
      const press = await createFeed(local, { host: 'https://news.example.com', kind: 'news' });
      const day = (days: number) => new Date(Date.parse(now) - days * 24 * 3600_000);
      // The week before: zebracorp 6, quuxco 2 (25%); this week: zebracorp 3, quuxco 3 (50%).
      const items = [
        ...[9, 9.5, 10, 10.5, 11, 12].map((at, n) => ({
          guid: `zb${n}`,
          title: `Zebracorp note ${n}`,
          publishedAt: day(at),
        })),
        ...[9, 10].map((at, n) => ({ guid: `qb${n}`, title: `Quuxco note ${n}`, publishedAt: day(at) })),
        ...[1, 2, 3].map((at, n) => ({
          guid: `zn${n}`,
          title: `Zebracorp update ${n}`,
          publishedAt: day(at),
        })),
        ...[1, 2, 3].map((at, n) => ({ guid: `qn${n}`, title: `Quuxco update ${n}`, publishedAt: day(at) })),
      ];
      await storeFeedItems(local, press, items);
      const gaining = await runCommand(local, {
        userId: 'URACE02',
        channelId: 'C0CHANNEL',
        text: 'is quuxco gaining on us',
      });
      expect(blocksOf(gaining)).toContain(
        '*In short:* *Quuxco* has a 50% share of voice, *Zebracorp* 50% (last 7 days); *Quuxco* is gaining: *Quuxco* has 50% of all mentions, against 25% the previous 7 days.',
      );
      // "are we winning" is about us: our side first.
      const winning = await runCommand(local, {
        userId: 'URACE02',
        channelId: 'C0CHANNEL',
        text: 'are we winning',
      });
      expect(blocksOf(winning)).toContain('*In short:* *Zebracorp* has a 50% share of voice, *Quuxco* 50%');
    } finally {
      await local.cleanup();
    }
  });

  it('ranks what others say about a competitor above the competitor’s own posts', async () => {
    const local = await createTestDeps({ now });
    try {
      await addTopic(local, { name: 'zebracorp', query: 'zebracorp', actorId: 'USEED' });
      const own = await createFeed(local, { host: 'https://blog.zebracorp.example', kind: 'competitor' });
      const press = await createFeed(local, { host: 'https://news.example.com', kind: 'news' });
      const hour = (hours: number) => new Date(Date.parse(now) - hours * 3600_000);
      // The same words, so relevance alone cannot tell them apart; the competitor's is even newer.
      await storeFeedItems(local, own, [
        { guid: 'own', title: 'Zebracorp launches Zebra Desk plans for teams', publishedAt: hour(1) },
      ]);
      await storeFeedItems(local, press, [
        {
          guid: 'press',
          title: 'Zebracorp launches Zebra Desk plans for teams, reviewers unsure',
          publishedAt: hour(5),
        },
      ]);
      // One launch, told by the press and by the competitor's own blog: one story, the press's first.
      const overview = subjectOf(await ask('top stories', 'UEXEC01', 0, local));
      expect(overview.items.map((item) => [item.feedKind, item.otherSources])).toEqual([['news', 1]]);
      // Asked about by name, the competitor's own post still counts as fully relevant.
      expect(subjectOf(await ask('zebra desk plans', 'UEXEC01', 0, local)).items).toHaveLength(2);
    } finally {
      await local.cleanup();
    }
  });

  it('reads as "What people are saying" across the topics, with the By topic field', async () => {
    const message = answerMessage(await ask('what changed last 7 days'), deps.clock.now());
    expectWithinSlackLimits(message);
    expect(message.text).toMatch(/^What people are saying \(last 7 days\): \d+ mentions\. /);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('mentions across your 3 topics');
    expect(json).toMatch(/\*By topic\*\\n(pricing|globex|outages) \d+/);
    expect(buttons(message).map((button) => button.value)).toContain('share --post what changed last 7 days');
    const customers = answerMessage(await ask('what are customers saying'), deps.clock.now());
    expect(customers.text).toMatch(/^What customers are saying \(last 7 days\)/);
  });

  it('an empty window says so and suggests a wider one; a database with no feeds says what to do', async () => {
    const empty = await ask("what's new since 2026-11-02");
    expect(answerMessage(empty, deps.clock.now()).text).toBe(
      'Nothing in the topics Briefbot follows since 2026-11-02.',
    );
    expect(empty.suggestions).toEqual(['/brief what’s new last 7 days']);
    const local = await createTestDeps({ now });
    try {
      const reply = await runCommand(local, {
        userId: 'UEXEC01',
        channelId: 'C0CHANNEL',
        text: 'top stories',
      });
      expect(reply.text).toBe(
        'Briefbot reads no feeds yet, so there is nothing to search. Ask a workspace admin to add some.',
      );
    } finally {
      await local.cleanup();
    }
  });

  it('with no feeds, every question says so (never a quiet week), and tells a member which admin to ask', async () => {
    const local = await createTestDeps({ now, env: { BRIEFBOT_ADMINS: 'UMKT01' } });
    try {
      const asking = (userId: string, text: string) =>
        runCommand(local, { userId, channelId: 'C0CHANNEL', text }).then((reply) => reply.text);
      await asking('UMKT01', 'topics add acme acme kind=company');
      for (const question of [
        'what are customers saying about pricing',
        'acme vs globex',
        'how are we doing',
      ])
        expect(await asking('UEXEC01', question)).toBe(
          'Briefbot reads no feeds yet, so there is nothing to search. Ask <@UMKT01> or a workspace admin to add some.',
        );
      expect(await asking('UMKT01', 'reviews of acme')).toMatch(
        /^Briefbot reads no feeds yet, so there is nothing to search\. Add one: `\/brief feeds add /,
      );
    } finally {
      await local.cleanup();
    }
  });

  it('before any topic is defined, sums up everything the feeds brought in, and says topics would sort it', async () => {
    const local = await createTestDeps({ now });
    try {
      const feeds = await Promise.all(
        ['https://a.example.com', 'https://b.example.com'].map((host) => createFeed(local, { host })),
      );
      const story = {
        title: 'Globex cuts its enterprise plan price by a third',
        text: 'Globex said its enterprise plan will cost a third less from January, a move analysts read as an answer to Acme.',
      };
      for (const [index, feedId] of feeds.entries())
        await storeFeedItems(local, feedId, [{ guid: `story-${index}`, ...story }]);
      await storeFeedItems(local, feeds[0] as number, [
        {
          guid: 'lone',
          title: 'Initech opens an office in Lisbon',
          text: 'Initech hires forty engineers in Lisbon.',
        },
      ]);
      const answer = await ask("what's new", 'UEXEC01', 0, local);
      const overview = subjectOf(answer);
      expect(overview.subject).toBe('all your feeds');
      expect(overview.allFeeds).toBe(true);
      expect(overview.counts.current).toBe(3);
      expect(overview.byTopic).toEqual([]);
      // One story, told twice, shown once and first (two sources).
      expect(overview.items.map((item) => item.title)).toEqual([
        story.title,
        'Initech opens an office in Lisbon',
      ]);
      expect(overview.items[0]?.otherSources).toBe(1);
      const message = answerMessage(answer, local.clock.now());
      expectWithinSlackLimits(message);
      expect(message.text).toMatch(/^What people are saying \(last 7 days\): 3 mentions\./);
      const json = JSON.stringify(message.blocks);
      expect(json).toContain('3 mentions across all your feeds');
      expect(json).toContain('No topics yet, so this is everything your feeds brought in.');
      local.clock.set('2026-11-20T09:00:00Z');
      const quiet = await ask("what's new since 2026-11-10", 'UEXEC01', 0, local);
      expect(answerMessage(quiet, local.clock.now()).text).toBe('Nothing in your feeds since 2026-11-10.');
      expect(quiet.suggestions).toEqual(['/brief what’s new last 30 days']);
    } finally {
      await local.cleanup();
    }
  });
});

describe('"we" and "us": the topics of kind company', () => {
  it('"how are we doing" answers about the company topics; without one it says how to add it', async () => {
    const local = await createTestDeps({
      now,
      env: { DEFAULT_TIMEZONE: 'Europe/Berlin', BRIEFBOT_ADMINS: 'UMKT01' },
    });
    try {
      await loadDemoCorpus(local);
      const refusal = await runCommand(local, {
        userId: 'UEXEC01',
        channelId: 'C0CHANNEL',
        text: 'how are we doing',
      });
      // A member cannot add a topic: told whom to ask, by name, never "an admin can".
      expect(refusal.text).toBe(
        'I don\'t know who "we" is: no topic is of kind company. Ask <@UMKT01> or a workspace admin to add one. Meanwhile, ask about a name: `/brief how is acme doing`.',
      );
      const toAdmin = await runCommand(local, {
        userId: 'UMKT01',
        channelId: 'C0CHANNEL',
        text: 'how are we doing',
      });
      expect(toAdmin.text).toBe(
        'I don\'t know who "we" is: no topic is of kind company. Add one: `/brief topics add acme acme OR "acme desk" kind=company`. Meanwhile, ask about a name: `/brief how is acme doing`.',
      );
      await addTopic(local, { name: 'acme', query: 'acme', kind: TopicKind.Company, actorId: 'USEED' });
      const we = subjectOf(await ask('how are we doing last 30 days', 'UEXEC01', 0, local));
      const named = subjectOf(await ask('acme last 30 days', 'UEXEC01', 0, local));
      expect(we.subject).toBe('acme');
      expect(we.topicName).toBe('acme');
      expect(we.counts).toEqual(named.counts);
      expect(we.counts.current).toBeGreaterThan(0);
      for (const text of [
        'what are customers saying about us',
        'what is the press writing about our company',
      ]) {
        expect(subjectOf(await ask(text, 'UEXEC01', 0, local)).subject).toBe('acme');
      }
    } finally {
      await local.cleanup();
    }
  });
});

describe('"competitors": the topics of kind competitor', () => {
  it('"what are competitors doing" answers about the competitor topics; without one it says how to add it', async () => {
    for (const text of ['what are competitors doing', "what's new with our competitors", 'the competition']) {
      const answer = subjectOf(await ask(text));
      expect(answer).toMatchObject({ subject: 'globex', topicName: 'globex' });
      expect(answer.counts).toEqual(subjectOf(await ask('globex')).counts);
    }
    const local = await createTestDeps({ now, env: { BRIEFBOT_ADMINS: 'UMKT01' } });
    try {
      await createFeed(local, { host: 'https://a.example.com' });
      await addTopic(local, { name: 'pricing', query: 'pricing', actorId: 'USEED' });
      const refusal = await runCommand(local, {
        userId: 'UEXEC01',
        channelId: 'C0CHANNEL',
        text: 'competitors',
      });
      expect(refusal.text).toBe(
        "I don't know who the competitors are: no topic is of kind competitor. Ask <@UMKT01> or a workspace admin to add one. Meanwhile, ask about a name: `/brief what's new with globex`.",
      );
      const toAdmin = await runCommand(local, {
        userId: 'UMKT01',
        channelId: 'C0CHANNEL',
        text: 'competitors',
      });
      expect(toAdmin.text).toMatch(
        /^I don't know who the competitors are: no topic is of kind competitor\. Add one: `\/brief topics add globex/,
      );
    } finally {
      await local.cleanup();
    }
  });
});

describe('the overview ranks the stories that matter most first', () => {
  it('a story three sources tell outranks a lone post that says the words more often, by topic and in the overview', async () => {
    const local = await createTestDeps({ now });
    try {
      await addTopic(local, { name: 'pricing', query: 'pricing OR price*', actorId: 'USEED' });
      const story = {
        title: 'Acme raises prices as new pricing tiers replace seats',
        text: 'Acme will move customers from per-seat plans to three usage tiers at their next renewal, and high-volume teams say their quotes rose by up to 18 percent.',
      };
      const feeds = await Promise.all(
        ['https://a.example.com', 'https://b.example.com', 'https://c.example.com'].map((host) =>
          createFeed(local, { host }),
        ),
      );
      const lone = await storeFeedItems(local, feeds[0] as number, [
        {
          guid: 'lone',
          title: 'Pricing FAQ: pricing pages, pricing tables and price lists',
          text: 'Our pricing page explains pricing, pricing tables, price lists and pricing changes.',
        },
      ]);
      for (const [index, feedId] of feeds.entries())
        await storeFeedItems(local, feedId, [{ guid: `story-${index}`, ...story }]);
      const byTopic = subjectOf(await ask('pricing', 'UEXEC01', 0, local));
      expect(byTopic.items.map((item) => item.title)).toEqual([
        story.title,
        'Pricing FAQ: pricing pages, pricing tables and price lists',
      ]);
      expect(byTopic.items[1]?.id).toBe(lone.lone);
      const overview = subjectOf(await ask("what's new", 'UEXEC01', 0, local));
      expect(overview.items[0]?.title).toBe(story.title);
      expect(overview.items[0]?.otherSources).toBe(2);
    } finally {
      await local.cleanup();
    }
  });
});

describe('questions read as executives mean them', () => {
  it('a question with no real subject is the overview (or its side), never a search for filler words', async () => {
    const overall = subjectOf(await ask('what’s new')).counts.current;
    for (const text of ['what do you know', "what's different from last week", 'what has changed']) {
      const answer = await ask(text);
      expect(answer.request.overview, text).toBe(true);
      expect(subjectOf(answer).counts.current, text).toBe(overall);
    }
    expect((await ask('any good news?')).request).toMatchObject({ overview: true, tone: 'positive' });
    expect((await ask("what's going well")).request).toMatchObject({ overview: true, tone: 'positive' });
    const changed = await ask('how has pricing changed since last week');
    expect(subjectOf(changed)).toMatchObject({ topicName: 'pricing', subject: 'pricing', dropped: [] });
  });

  it('the same topic gives the same count and a clean title whatever surrounds it', async () => {
    const pricing = subjectOf(await ask('pricing')).counts.current;
    for (const text of [
      '*pricing*',
      'pricing 🔥',
      '<!channel> pricing',
      'Pricing',
      'should we respond to the pricing backlash',
      'only news about pricing',
    ]) {
      const answer = await ask(text);
      expect(subjectOf(answer), text).toMatchObject({ topicName: 'pricing', subject: 'pricing' });
      // The press counts its news among every mention, of every kind.
      expect(totalOf(subjectOf(answer).counts.byKind), text).toBe(pricing);
      expect(answerMessage(answer, deps.clock.now()).text, text).toMatch(
        /^What (?:people are|the press is) saying about pricing \(/,
      );
    }
    expect((await ask('only news about pricing')).request.press).toBe(true);
    expect(answerMessage(await ask('Outages'), deps.clock.now()).text).toMatch(
      /^What people are saying about outages \(/,
    );
    const globex = subjectOf(await ask('globex')).counts.current;
    for (const text of ['globex vs', 'vs globex']) {
      const answer = await ask(text);
      expect(answer.subjects, text).toHaveLength(1);
      expect(subjectOf(answer).counts.current, text).toBe(globex);
      expect(answerMessage(answer, deps.clock.now()).text, text).toMatch(
        /^What people are saying about Globex \(/,
      );
    }
    expect(blocksOf(answerMessage(await ask('globex vs'), deps.clock.now()))).toContain(
      'Side by side needs two subjects',
    );
  });

  it('three topics joined by "and": two side by side, the third named as left out', async () => {
    const answer = await ask('pricing and outages and globex');
    expect(answer.subjects.map((subject) => subject.topicName)).toEqual(['pricing', 'outages']);
    expect(answer.request.leftOut).toEqual(['globex']);
    const blocks = blocksOf(answerMessage(answer, deps.clock.now()));
    expect(blocks).toContain('so “globex” is left out: ask `/brief pricing vs globex` for it.');
  });

  it('a long question about no topic that matches nothing whole is answered about its key words, with a note', async () => {
    const answer = await ask(
      'what is the general mood in the market about AI agents replacing human support staff',
    );
    expect(answer.request.subjects).toEqual(['AI agents']);
    expect(subjectOf(answer).counts.current).toBe(subjectOf(await ask('AI agents')).counts.current);
    expect(subjectOf(answer).counts.current).toBeGreaterThan(0);
    expect(blocksOf(answerMessage(answer, deps.clock.now()))).toContain(
      'Nothing matches the whole question, so this is about its key words: “AI agents”.',
    );
  });

  it('a year, a comparison with last week, a capped window and "acme vs acme" answer with what they say', async () => {
    const year = await ask('pricing in 2025');
    expect(year.request.window.label).toBe('in 2025');
    expect(subjectOf(year).counts.current).toBe(0);
    // A past period that held nothing about a topic, while the recent days did: that is the answer.
    expect(answerMessage(year, deps.clock.now()).text).toMatch(
      /^No mentions of pricing in 2025 \(\d+ in the last 30 days\)\.$/,
    );
    const compared = await ask('pricing this week vs last week');
    expect(subjectOf(compared).counts).toMatchObject(subjectOf(await ask('pricing')).counts);
    // Both periods side by side, the later one's counts those of the plain answer.
    expect(compared.comparison?.earlier.counts.current).toBe(subjectOf(compared).counts.previous);
    expect(answerMessage(compared, deps.clock.now()).text).toMatch(
      /^Pricing talk .* in the last 7 days \(\d+ vs \d+ the 7 days before\)/,
    );
    expect(blocksOf(answerMessage(await ask('pricing last 400 days'), deps.clock.now()))).toContain(
      'Briefbot looks back a year at most',
    );
    const twice = await ask('acme vs acme');
    expect(twice.subjects).toHaveLength(1);
    expect(blocksOf(answerMessage(twice, deps.clock.now()))).toContain('is named twice');
    expect((await brief('pricing next week')).text).toMatch(/^next week is still to come/);
    const top = await ask('top 20 stories');
    expect(subjectOf(top).items).toHaveLength(10);
  });

  it('a mistyped "complaints" keeps the negative side', async () => {
    const answer = await ask('complants about acme');
    expect(answer.request.tone).toBe('negative');
    expect(subjectOf(answer).subject).toBe('acme');
    expect(subjectOf(answer).items[0]?.sentiment).toBe('negative');
  });

  it('follow-ups change the asker’s last question: another subject, window, audience or side; who; why', async () => {
    const userId = 'UFOLLOW5';
    await brief('pricing', userId);
    expect((await brief('same for outages', userId)).text).toMatch(
      /^What people are saying about outages \(last 7 days\)/,
    );
    expect((await brief('now last 30 days', userId)).text).toMatch(
      /^What people are saying about outages \(last 30 days\)/,
    );
    expect((await brief('only reviews', userId)).text).toMatch(
      /^What customers are saying about outages \(last 30 days\)/,
    );
    const negative = await brief('just the negative ones', userId);
    expect(negative.text).toMatch(/^What customers are saying about outages \(last 30 days\)/);
    expect(blocksOf(negative)).toContain('Negative first:');
    expect(blocksOf(await brief('show me the positive ones', userId))).toContain('Positive first:');
    // "show" without "me" narrows too, never a search for "show only the negative ones".
    const shown = await brief('show only the negative ones', userId);
    expect(shown.text).toMatch(/^What customers are saying about outages \(last 30 days\)/);
    expect(blocksOf(shown)).toContain('Negative first:');
    const who = await brief('who is saying it', userId);
    expect(who.text).toMatch(/^What customers are saying about outages/);
    expect(blocksOf(who)).toMatch(/Who is saying it: [^"]+\(\d+\)/);
    const why = await brief('why?', userId);
    expect(why.text).toContain('Briefbot finds what is said, not why.');
    // Nothing went wrong: the information mark, never the warning one.
    expect(blocksOf(why)).toContain(':information_source: Briefbot finds what is said, not why.');
    expect(blocksOf(why)).not.toContain(':warning:');
    // The last answer put the negative side first already: its first source, not that question again.
    expect(why.text).toContain('`/brief tell me more about 1` for its first source in full');
    // With no question to follow: a new subject is just that; narrowing says what to do.
    expect((await brief('same for globex', 'UFOLLOW6')).text).toMatch(/^What people are saying about Globex/);
    expect((await brief('just the negative ones', 'UFOLLOW8')).text).toMatch(
      /^There is no recent question of yours to narrow down\./,
    );
  });

  it('"how many are negative?", "the numbers": the last answer counted on top, never a search for "many"', async () => {
    const userId = 'UNUMBERS1';
    const pricing = subjectOf(await ask('pricing')).counts;
    const { current, sentiment } = pricing;
    expect(sentiment.negative).toBeGreaterThan(0);
    const percent = (count: number) => `${Math.round((count / current) * 100)}%`;
    const negative = `${sentiment.negative} of the ${current} mentions (${percent(sentiment.negative)}) are negative; ${sentiment.positive} (${percent(sentiment.positive)}) positive, ${sentiment.neutral} (${percent(sentiment.neutral)}) neutral.`;
    await brief('pricing', userId);
    for (const text of [
      'how many are negative?',
      'what percentage is negative',
      'and how many negative ones?',
    ]) {
      const reply = await brief(text, userId);
      expect(reply.text, text).toMatch(/^What people are saying about pricing \(last 7 days\)/);
      expect(blocksOf(reply), text).toContain(`Pricing, last 7 days: ${negative}`);
    }
    for (const text of ['how many?', 'numbers', 'give me the numbers', 'what’s the breakdown']) {
      const reply = await brief(text, userId);
      expect(reply.text, text).toMatch(/^What people are saying about pricing \(last 7 days\)/);
      expect(blocksOf(reply), text).toContain(
        `Pricing, last 7 days: ${current} mentions; ${sentiment.positive} (${percent(sentiment.positive)}) positive,`,
      );
    }
    // Side by side: the period once, then each side.
    await brief('acme vs globex', userId);
    expect(blocksOf(await brief('how many are positive', userId))).toMatch(
      /Last 7 days\. Acme: \d+ of the \d+ mentions \(\d+%\) are positive; .+ Globex: \d+ of the \d+ mentions/,
    );
    // A customers answer counts customer posts, as its header does.
    await brief('reviews of acme', userId);
    expect(blocksOf(await brief('how many are negative?', userId))).toMatch(
      /Acme, last 7 days: 5 of the 13 customer posts \(\d+%\) are negative;/,
    );
    expect(blocksOf(await brief('numbers', userId))).toContain(
      'Acme, last 7 days: 13 customer posts (of 22 mentions);',
    );
    await brief('reviews of acme vs globex', userId);
    expect(blocksOf(await brief('how many are negative?', userId))).toMatch(
      /Last 7 days\. Acme: 5 of the 13 customer posts \(\d+%\) are negative; .+ Globex: \d+ of the \d+ customer posts/,
    );
    // With no question before: everything Briefbot follows, counted.
    const cold = await brief('how many are negative?', 'UNUMBERS2');
    expect(cold.text).toMatch(/^What people are saying \(last 7 days\)/);
    expect(blocksOf(cold)).toMatch(
      /All your topics, last 7 days: \d+ of the \d+ mentions \(\d+%\) are negative;/,
    );
    // A count about a subject is a question of its own.
    expect((await brief('how many mentions of globex', userId)).text).toMatch(
      /^What people are saying about Globex \(/,
    );
  });

  it('"how many are from customers?", "how many are reviews?", "how many mention pricing?": counted, never a search for "many are"', async () => {
    const userId = 'UNUMBERS3';
    await brief('acme', userId);
    for (const text of [
      'how many are from customers?',
      'how many customers?',
      'how many are customer posts',
    ]) {
      const reply = await brief(text, userId);
      expect(reply.text, text).toMatch(/^What people are saying about acme \(last 7 days\)/i);
      expect(blocksOf(reply), text).toContain(
        'Acme, last 7 days: 13 of the 22 mentions (59%) are customers’ own words (reviews, forums, communities); 8 are reviews.',
      );
    }
    for (const text of ['how many are reviews?', 'how many are from reviews']) {
      expect(blocksOf(await brief(text, userId)), text).toContain(
        'Acme, last 7 days: 8 of the 22 mentions (36%) are reviews; 13 in all are customers’ own words',
      );
    }
    // A filter after a count is still about the subject counted.
    const negative = await brief('only the negative ones', userId);
    expect(negative.text).toMatch(/^What people are saying about acme \(last 7 days\)/i);
    expect(blocksOf(negative)).toContain('Negative first: 8 of the 22 mentions');
    // What else the last answer's mentions are about, counted: acme's mentions of pricing.
    await brief('acme', userId);
    const acmePricing = await brief('how many mention pricing?', userId);
    expect(acmePricing.text).toMatch(/^What people are saying about acme pricing \(last 7 days\)/i);
    expect(blocksOf(acmePricing)).toMatch(/Acme pricing, last 7 days: (\d+) mentions;/);
    const within = Number(/Acme pricing, last 7 days: (\d+) mentions;/.exec(blocksOf(acmePricing))?.[1]);
    expect(within).toBeGreaterThan(0);
    expect(within).toBeLessThan(15);
    // Each side of a side by side so, asked as it was (customers' words).
    await brief('what customers say about acme vs globex', userId);
    const pricing = await brief('how many mention pricing?', userId);
    expect(pricing.text).toMatch(/^What customers say: acme pricing vs globex pricing \(last 7 days\)/i);
    expect(blocksOf(pricing)).toMatch(
      /Acme pricing: \d+ customer posts \(of \d+ mentions\);.*Globex pricing: \d+ customer posts/,
    );
    // After an overview, the subject's own.
    await brief('what’s new', userId);
    expect(blocksOf(await brief('how many mention pricing', userId))).toContain(
      'Pricing, last 7 days: 15 mentions;',
    );
    // A count it cannot give says so, and which it can.
    const partners = await brief('how many are from partners?', userId);
    expect(partners.text).toMatch(
      /^Briefbot cannot count “are from partners”: it counts the mentions of your last answer/,
    );
    expect(partners.text).toContain('`/brief how many are from customers`');
  });

  it('"top 3 stories", "3 bullets" after a question keep its subject and change only the format', async () => {
    const userId = 'UFORMAT1';
    await brief('pricing last 30 days', userId);
    const top = await brief('top 3 stories', userId);
    expect(top.text).toMatch(/^What people are saying about pricing \(last 30 days\)/);
    expect(blocksOf(top)).toContain(
      'The top 3 about pricing, the subject of your last question. For the top 3 across all your topics: `/brief what’s new in 3 stories last 30 days`.',
    );
    expect(blocksOf(top)).toContain('[3]');
    expect(blocksOf(top)).not.toContain('[4]');
    const bullets = await brief('and 3 bullets', userId);
    expect(bullets.text).toMatch(/^What people are saying about pricing \(last 30 days\)/);
    expect(blocksOf(bullets)).toContain('• ');
    expect(blocksOf(bullets)).not.toContain('the subject of your last question');
    // The overview the note offers, and "top 3 stories" with no question before, are the overview.
    expect((await brief('what’s new in 3 stories last 30 days', userId)).text).toMatch(
      /^What people are saying \(last 30 days\)/,
    );
    const cold = await brief('3 bullets', 'UFORMAT2');
    expect(cold.text).toMatch(/^What people are saying \(last 7 days\)/);
    expect(blocksOf(cold)).toContain('• ');
  });

  it('"any problems with pricing" answers pricing, the negative first; "is globex eating our lunch" notes no idiom word', async () => {
    const problems = await brief('any problems with pricing');
    expect(problems.text).toBe((await brief('negative coverage of pricing')).text);
    expect(JSON.stringify(problems.blocks)).toContain('Negative first: 3 of the 15 mentions.');
    const lunch = await brief('is globex eating our lunch');
    expect(lunch.text).toBe((await brief('globex')).text);
    expect(JSON.stringify(lunch.blocks)).not.toContain('No item says');
  });

  it('help, my follows, the experts, the sources and thanks get the replies they mean', async () => {
    expect((await brief('what can you do?')).text).toBe((await brief('help')).text);
    for (const typed of ['what can you do for me', 'how can you help me?'])
      expect((await brief(typed)).text, typed).toBe((await brief('help')).text);
    expect((await brief('who are the experts')).text).toBe((await brief('sme list')).text);
    expect((await brief('sources')).text).toBe((await brief('feeds list')).text);
    expect((await brief('thanks!')).text).toMatch(/^You’re welcome\./);
    const userId = 'UFOLLOWS7';
    expect((await brief('my follows', userId)).text).toMatch(/^You follow nothing yet\./);
    await brief('follow pricing daily 07:00', userId);
    const follows = await brief('what am I following', userId);
    expect(follows.text).toMatch(/^You follow:\n• pricing \(digest 1\): daily at 07:00/);
    await brief('unfollow pricing', userId);
  });

  it('"/brief ask more" is a question, not the next page of the last answer', async () => {
    const userId = 'UASKMORE';
    await brief('pricing', userId);
    const reply = await brief('ask more', userId);
    expect(reply.text).toContain('“more” is not something to search for');
    expect(blocksOf(reply)).not.toContain('more of the sources');
  });
});

describe('questions as executives type them', () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
    await loadDemoCorpus(local);
    await addTopic(local, { name: 'acme', query: 'acme', kind: TopicKind.Company, actorId: 'USEED' });
  });
  afterAll(async () => {
    await local.cleanup();
  });
  const say = (text: string, userId = 'UEXEC09') =>
    runCommand(local, { userId, channelId: 'C0CHANNEL', text });
  const askLocal = (text: string) => ask(text, 'UEXEC09', 0, local);

  it('"now outages" works like "same for outages", and a question that found nothing is no later subject', async () => {
    const userId = 'UNOW0001';
    await say('pricing', userId);
    expect((await say('now outages', userId)).text).toMatch(
      /^What people are saying about outages \(last 7 days\)/,
    );
    expect((await say('now zzqxw', userId)).text).toMatch(/^Nothing about zzqxw/);
    expect((await say('just the negative ones', userId)).text).toMatch(
      /^What people are saying about outages \(last 7 days\)/,
    );
    expect((await say('now just news', userId)).text).toMatch(/^What the press is saying about outages/);
    expect((await say('now what are customers saying about globex', userId)).text).toMatch(
      /^What customers are saying about Globex/,
    );
  });

  it('"and for outages?", "what about globex" keep the last question’s period and audience, as "same for" does', async () => {
    const userId = 'UANDFOR1';
    await say('acme yesterday', userId);
    expect((await say('and for outages?', userId)).text).toMatch(
      /^What people are saying about outages \(yesterday\)/,
    );
    await say('reviews of acme last 30 days', userId);
    const customers = await say('and for globex?', userId);
    expect(customers.text).toMatch(/^What customers are saying about Globex \(last 30 days\)/);
    expect(JSON.stringify(customers.blocks)).toMatch(/\d+ customer posts \(of \d+ mentions\)/);
    await say('acme since 2026-11-01', userId);
    expect((await say('what about globex?', userId)).text).toMatch(
      /^What people are saying about Globex \(since 2026-11-01\)/,
    );
    expect((await say('how about for pricing last 30 days', userId)).text).toMatch(
      /^What people are saying about pricing \(last 30 days\)/,
    );
    // A question of its own after "and" is asked as typed.
    expect((await say('and what are customers saying about outages', userId)).text).toMatch(
      /^What customers are saying about outages \(last 7 days\)/,
    );
  });

  it('writes the company’s and competitors’ names as names in a subject of several words, and in notes', async () => {
    const title = async (text: string) => answerMessage(await askLocal(text), local.clock.now()).text;
    expect(await title('globex pricing')).toMatch(/^What people are saying about Globex pricing \(/);
    expect(await title('acme globex')).toMatch(/^What people are saying about Acme and Globex together \(/);
    const userId = 'UNAMES01';
    await say('acme', userId);
    expect(JSON.stringify((await say('top 3 stories', userId)).blocks)).toContain(
      'The top 3 about Acme, the subject of your last question.',
    );
  });

  it('filler words never become the subject', async () => {
    const buzz = subjectOf(await askLocal('whats teh buzz on globx'));
    expect(buzz).toMatchObject({ subject: 'globex', topicName: 'globex' });
    const complaints = await askLocal('how many complaints about pricing');
    expect(complaints.request.tone).toBe('negative');
    expect(subjectOf(complaints)).toMatchObject({ subject: 'pricing', topicName: 'pricing' });
    expect(subjectOf(complaints).counts.byKind).toEqual(subjectOf(await askLocal('pricing')).counts.byKind);
    expect((await say('what does kate_m think')).text).toMatch(/^What kate_m is saying/);
    expect((await say('whats our NPS')).text).toMatch(/^Nothing about Acme NPS in the last 7 days/);
    expect((await say('12 45')).text).toMatch(/^“12 45” is only a number, not something to search for\./);
    // One number alone opens that source of the last answer (test/briefing/drill.test.ts).
    expect((await say('3', 'UEXEC0NEW')).text).toMatch(
      /^There is no recent answer of yours to open source 3 of\./,
    );
  });

  it('"our pricing", "pricing acme", "pricing for acme": one subject, titled "acme pricing", one count', async () => {
    const acmePricing = subjectOf(await askLocal('acme pricing'));
    for (const asked of ['our pricing', 'pricing acme', 'pricing for acme', 'pricing at acme']) {
      const same = subjectOf(await askLocal(asked));
      expect([asked, same.subject, same.counts]).toEqual([asked, 'acme pricing', acmePricing.counts]);
    }
    // The company's pricing, not the whole topic (which holds Globex's pricing too).
    expect(acmePricing.counts.current).toBeGreaterThan(0);
    expect(acmePricing.counts.current).toBeLessThan(subjectOf(await askLocal('pricing')).counts.current);
  });

  it('"is globex cheaper than us": the pricing side by side, as "acme pricing vs globex pricing"', async () => {
    const cheaper = await askLocal('is globex cheaper than us');
    const sides = await askLocal('acme pricing vs globex pricing');
    expect(cheaper.subjects.map((side) => [side.subject, side.counts.current])).toEqual(
      sides.subjects.map((side) => [side.subject, side.counts.current]),
    );
    expect(cheaper.subjects.map((side) => side.subject)).toEqual(['acme pricing', 'globex pricing']);
  });

  it('"is globex cheaper than us" leads with the price figures each side’s sources give, the most direct first, and says what it compares', async () => {
    const cheaper = await askLocal('is globex cheaper than us');
    const figures = cheaper.priceFacts?.map(({ subject, facts }) => [
      subject,
      facts.map((fact) => fact.text),
    ]);
    expect(figures).toEqual([
      [
        'acme pricing',
        ['Acme raises Acme Desk prices by up to 18%', 'the quote under the new pricing is 17% higher'],
      ],
      [
        'globex pricing',
        [
          'Globex charges $0.90 per resolved conversation',
          'Globex offers 40% discount to teams switching from Acme',
        ],
      ],
    ]);
    const blocks = blocksOf(answerMessage(cheaper, local.clock.now()));
    expect(blocks).toContain(
      '*On price, the sources say* — *acme pricing:* “Acme raises Acme Desk prices by up to 18%” [',
    );
    expect(blocks).toContain('Briefbot compares what the sources say, not list prices.');
    // The lead line comes before the columns' counts.
    expect(blocks.indexOf('On price, the sources say')).toBeLessThan(blocks.indexOf('share of voice'));
    // Globex's own blog comes after independent coverage in its column, and no source is quoted twice.
    const globex = cheaper.subjects[1]?.summary.sentences ?? [];
    const cited = globex.flatMap((sentence) => sentence.citations);
    expect(new Set(cited).size).toBe(cited.length);
    const kinds = cited.map(
      (number) => cheaper.subjects[1]?.items.find((item) => item.number === number)?.feedKind,
    );
    expect(kinds[0]).not.toBe('competitor');
    expect(kinds.indexOf('competitor')).not.toBe(0);
    // The same side by side asked plainly has no price lead: it was not asked which is cheaper.
    const sides = await askLocal('acme pricing vs globex pricing');
    expect(sides.priceFacts).toBeUndefined();
    expect(blocksOf(answerMessage(sides, local.clock.now()))).not.toContain('On price');
  });

  it('titles and counts stay those of the topic, whatever words are around it', async () => {
    const cases: Array<[string, string]> = [
      ['should I be worried about globex', 'globex'],
      ['is the outage over', 'outages'],
      ['<@U0EXPERT1> pricing', 'pricing'],
      ['pricing <#C0NEWS|news>', 'pricing'],
      ['what should I tell the board about pricing', 'pricing'],
      ['tldr on globex', 'globex'],
    ];
    for (const [text, topic] of cases) {
      const asked = subjectOf(await askLocal(text));
      expect(asked.subject, text).toBe(topic);
      expect(asked.counts, text).toEqual(subjectOf(await askLocal(topic)).counts);
    }
    expect((await askLocal('should I be worried about globex')).request.tone).toBe('negative');
  });

  it('side by side applies "on pricing" and "our pricing" to both sides', async () => {
    const stacked = await askLocal('how do we stack up against globex on pricing');
    expect(stacked.subjects.map((side) => side.subject)).toEqual(['acme pricing', 'globex pricing']);
    const ours = await askLocal('compare our pricing to globex pricing');
    expect(ours.subjects.map((side) => side.counts.current)).toEqual(
      stacked.subjects.map((side) => side.counts.current),
    );
    const [acmePricing] = stacked.subjects;
    expect(acmePricing?.counts.current).toBeGreaterThan(0);
    expect(acmePricing?.counts.current).toBeLessThan(subjectOf(await askLocal('acme')).counts.current);
  });

  it('"is it getting worse", "is sentiment getting worse", "compare with last week", "the negative ones only" follow the last subject', async () => {
    const userId = 'UIT00001';
    await say('how is the outage story playing', userId);
    expect((await say('is it getting worse', userId)).text).toMatch(/^What people are saying about outages/);
    await say('pricing', userId);
    expect((await say('is sentiment getting worse', userId)).text).toMatch(
      /^What people are saying about pricing/,
    );
    const compared = await say('compare with last week', userId);
    expect(compared.text).toMatch(/^Pricing talk .* in the last 7 days \(\d+ vs \d+ the 7 days before\)/);
    await say('outages', userId);
    const negative = await say('the negative ones only', userId);
    expect(negative.text).toMatch(/^What people are saying about outages/);
    expect(blocksOf(negative)).toContain('Negative first:');
  });

  it('"more" at the end of an answer suggests a longer period that runs as written', async () => {
    const userId = 'UMORE0009';
    await say('pricing yesterday', userId);
    let last = await say('more', userId);
    for (let pages = 0; pages < 10 && last.text.startsWith('What people'); pages++)
      last = await say('more', userId);
    expect(last.text).toContain('Ask about a longer period for more, e.g. `/brief pricing last 7 days`');
    expect(parseAsk('pricing last 7 days', local.clock.now(), 'Europe/Berlin')).toMatchObject({
      subjects: ['pricing'],
      window: { days: 7 },
    });
    await say('pricing last 365 days', userId);
    last = await say('more', userId);
    for (let pages = 0; pages < 20 && last.text.startsWith('What people'); pages++)
      last = await say('more', userId);
    expect(last.text).toContain('already covers the longest period Briefbot looks back');
  });

  it('people are found by the name before their job title, or by a first name only one has', async () => {
    expect((await say('Marcus Lee')).text).toMatch(/^What Marcus Lee, VP Sales is saying/);
    expect((await say('what did Priya say')).text).toMatch(/^What Priya Raman is saying/);
    const dana = subjectOf(await askLocal('who is dana whitfield'));
    expect(dana.subject).toBe('dana whitfield');
    expect(dana.counts.current).toBeGreaterThan(0);
  });

  it('churn, the competitor, a list with commas, a recap in bullets and two slips', async () => {
    // "churn" is searched with its other phrasings ("switching from"); a question about leaving that
    // finds nothing still gets the words the feeds use.
    expect(subjectOf(await askLocal('churn')).alsoSearched).toContain('switching from');
    const leaving = await askLocal('churn in 2025');
    expect(subjectOf(leaving).counts.current).toBe(0);
    expect(leaving.suggestions).toEqual(
      expect.arrayContaining([
        '/brief complaints about acme',
        '/brief what are customers saying about switching',
      ]),
    );
    expect(subjectOf(await askLocal('what is the competitor doing on AI')).subject).toBe('globex AI');
    expect((await askLocal('pricing, outages')).subjects.map((side) => side.subject)).toEqual([
      'pricing',
      'outages',
    ]);
    const recap = await askLocal('summarize the week in 3 bullets');
    expect(recap.request.overview).toBe(true);
    expect(subjectOf(recap).items).toHaveLength(3);
    expect(subjectOf(await askLocal('what are peple saying about pricng'))).toMatchObject({
      topicName: 'pricing',
      correctedFrom: 'pricng',
    });
  });

  it('"and last week?" after a week or less is the 7 days just before the window shown, never overlapping it', async () => {
    const userId = 'UWEEK0001';
    await say('pricing', userId);
    // Monday 2 November, 10:00 in Berlin: the last 7 days began on 26 October, so 19 to 25 October,
    // named as what it is: the dates alone read as "last week" whatever it held.
    expect((await say('and last week?', userId)).text).toMatch(
      /^(?:What people are saying about pricing \(|No mentions of pricing in )the 7 days before those \(19–25 Oct\)/,
    );
    // After a day (Sunday 1 November): the 7 days before it.
    await say('pricing yesterday', userId);
    expect((await say('and last week?', userId)).text).toMatch(
      /^(?:What people are saying about pricing \(|No mentions of pricing in )the 7 days before yesterday \(25–31 Oct\)/,
    );
    expect((await say('and last week?', userId)).text).toMatch(
      /^(?:What people are saying about pricing \(|No mentions of pricing in )the 7 days before those \(18–24 Oct\)/,
    );
    // After a longer window, "last week" is what it means typed first: the last 7 days.
    await say('pricing last 30 days', userId);
    expect((await say('and last week?', userId)).text).toMatch(
      /^What people are saying about pricing \(last 7 days\)/,
    );
    await say('pricing last 30 days', userId);
    const again = await say('and last 30 days?', userId);
    expect(again.text).toMatch(/^What people are saying about pricing \(last 30 days\)/);
    expect(blocksOf(again)).toContain('That is the period your last answer covered (last 30 days)');
  });

  it('"just the press" after the overview is the press view of it, or says it cannot be narrowed', async () => {
    const userId = 'UPRESS001';
    const general = await say("what's new", userId);
    expect(general.text).toMatch(/^What people are saying \(last 7 days\)/);
    const press = await say('just the press', userId);
    expect(press.text).toMatch(/^What the press is saying \(last 7 days\)/);
    expect(blocksOf(press)).toMatch(/\d+ news mentions? \(of \d+\)/);
    expect(blocksOf(press)).toMatch(/Counted: news only; [^"]+ follow\./);
    const kinds = subjectOf(await ask('what is the press saying', userId, 5, local)).items.map(
      (item) => item.feedKind,
    );
    // The next page still lists the press first: the overview's reviews and forum posts come after.
    expect(kinds[0]).toBe('news');
    await say('any good news', userId);
    const good = await say('just the press', userId);
    expect(good.text).toMatch(/^What people are saying \(last 7 days\)/);
    expect(blocksOf(good)).toContain('This answer cannot be narrowed to the press');
  });

  it('"just customers" after "anything i should worry about" keeps the worries, from customers’ own words', async () => {
    const userId = 'UWORRY001';
    await say('anything i should worry about', userId);
    await say('tell me more about 1', userId);
    for (const narrowing of ['just customers', 'only reviews']) {
      const customers = await say(narrowing, userId);
      expect(customers.text).toMatch(/^What customers are saying \(last 7 days\)/);
      expect(blocksOf(customers)).toMatch(/Negative first: \d+ of the \d+ customer posts/);
      expect(blocksOf(customers)).not.toContain('cannot be narrowed');
    }
    await say('any good news', userId);
    const good = await say('just customers', userId);
    expect(good.text).toMatch(/^What customers are saying \(last 7 days\)/);
    expect(blocksOf(good)).toMatch(/Positive first: \d+ of the \d+ customer posts/);
    // A narrowing the question cannot take is said, never the same answer in silence.
    await say('any good news', userId);
    expect(blocksOf(await say('just the press', userId))).toContain(
      'This answer cannot be narrowed to the press, so here it is again.',
    );
  });

  it('"what is the press saying": By topic counts the news, as the other figures do', async () => {
    const press = subjectOf(await ask('what is the press saying', 'UPRESS002', 0, local));
    const all = subjectOf(await ask("what's new", 'UPRESS002', 0, local));
    const news = press.counts.current;
    expect(news).toBeLessThan(all.counts.current);
    expect(press.byTopic.length).toBeGreaterThan(1);
    for (const topic of press.byTopic) expect(topic.current, topic.name).toBeLessThanOrEqual(news);
    const acme = (answer: typeof press) => answer.byTopic.find((topic) => topic.name === 'acme')?.current;
    expect(acme(press)).toBeLessThan(acme(all) ?? 0);
  });

  it('"what the press is saying" sums up the news only, and says when there are few news stories', async () => {
    const answer = await ask('how did the outage play in the press', 'UEXEC09', 0, local);
    const outages = subjectOf(answer);
    expect(outages.counts.byKind.news).toBe(2);
    const newsNumbers = outages.items.filter((item) => item.feedKind === 'news').map((item) => item.number);
    expect(newsNumbers).toEqual([1, 2]);
    const cited = outages.summary.sentences.flatMap((sentence) => sentence.citations);
    expect(cited.length).toBeGreaterThan(0);
    for (const number of cited) expect(newsNumbers).toContain(number);
    expect(JSON.stringify(answerMessage(answer, local.clock.now()).blocks)).toContain(
      'Counted: news only; reviews, forum posts and a competitor’s own posts follow.',
    );
    // Where the news ends, the list says so.
    expect(JSON.stringify(answerMessage(answer, local.clock.now()).blocks)).toContain(
      'From [3] on, not news: reviews, forum posts and a competitor’s own posts.',
    );
    // All news: no note.
    const acme = await ask('acme in the press', 'UEXEC09', 0, local);
    expect(subjectOf(acme).items.every((item) => item.feedKind === 'news')).toBe(true);
    expect(JSON.stringify(answerMessage(acme, local.clock.now()).blocks)).not.toContain('are news;');
  });

  it('"and last week?" after a side by side where no one else spoke: no share of voice, only the own posts', async () => {
    const userId = 'UWEEK0004';
    await say('acme vs globex', userId);
    const reply = await say('and last week?', userId);
    expect(reply.text).toMatch(/^Acme vs Globex \(the 7 days before those \(19–25 Oct\)\)/);
    const text = blocksOf(reply);
    expect(text).toContain("*Globex*\\n1 mention, Globex's own post\\n");
    expect(text).not.toContain('% share of voice');
    expect(text).not.toContain('1 mentions');
    expect(text).toContain(
      'No one else mentioned Acme or Globex in the 7 days before those (19–25 Oct), so there is no share of voice to show; Globex published 1 post of its own.',
    );
  });

  it('"and last week?" that holds nothing is an answer, with the recent count; More names what was asked, never internal words', async () => {
    const userId = 'UQUIET001';
    const week = await say('how are we doing', userId);
    const recent = /^What people are saying about Acme \(last 7 days\): (\d+) mentions/.exec(week.text)?.[1];
    expect(recent).toBeDefined();
    await say('and last week?', userId);
    const before = await say('and the week before?', userId);
    // Monday 2 November in Berlin: the last 7 days began on 26 October; two weeks before, the calendar
    // week 12 to 18 October.
    expect(before.text).toBe(
      `No mentions of Acme in the calendar week 12–18 Oct (${recent} in the last 7 days).`,
    );
    expect(blocksOf(before)).not.toContain('feeds add');
    const more = await say('more', userId);
    expect(more.text).toMatch(/^Your last question found nothing about acme from 12 Oct to 18 Oct, so/);
    expect(more.text).not.toMatch(/\bwe from|\d{4}-\d{2}-\d{2}/);
    // Words no topic stands for, or a period still running: a miss, with what to try.
    expect((await say('zzqxw in 2025', userId)).text).toBe('Nothing about zzqxw in 2025.');
  });

  it('a follow-up about "how are we doing" is reworded with the company named, never "sentiment on we"', async () => {
    const userId = 'UREWORD01';
    await say('how are we doing', userId);
    await say('is it getting worse', userId);
    const opened = await say('tell me more about 1', userId);
    // The question asked again names the company; the footer quotes what the asker typed.
    expect(blocksOf(opened)).toContain('has sentiment on acme changed in the last 7 days"');
    expect(blocksOf(opened)).toContain('in your answer to “how are we doing”, then “is it getting worse”');
    await say('just customers', userId);
    const customers = blocksOf(await say('tell me more about 1', userId));
    expect(customers).toContain('has customer sentiment on acme changed in the last 7 days"');
    expect(customers).toContain(
      'in your answer to “how are we doing”, then “is it getting worse”, then “just customers”',
    );
    const why = await say('why?', userId);
    expect(why.text).toContain('`/brief complaints about acme`');
    for (const reply of [opened, why])
      expect(`${reply.text}${blocksOf(reply)}`).not.toMatch(/\bon we\b|about we\b/);
  });

  it('"why is sentiment down" answers its premise first, then the side that would move it, never the answer again', async () => {
    const userId = 'UPREMISE1';
    const before = await say('how are we doing', userId);
    const why = await say('why is sentiment down', userId);
    expect(why.text).not.toBe(before.text);
    const lines = blocksOf(why);
    const premise = lines.indexOf('Sentiment on Acme is not measurably down: the previous 7 days had');
    expect(premise).toBeGreaterThan(-1);
    expect(premise).toBeLessThan(lines.indexOf('Negative first:'));
    expect(lines).toMatch(
      /\d+% negative \(\d+ of \d+ mentions\) in the last 7 days\. The negative mentions come first below\./,
    );
    // The family: who, which way, about what; the last subject or the one named.
    const unhappy = await say('why are customers so unhappy', userId);
    expect(unhappy.text).toMatch(/^What customers are saying about Acme/);
    expect(blocksOf(unhappy)).toContain('The negative customer posts come first below.');
    const better = await say('why has it got better', userId);
    expect(blocksOf(better)).toContain('Sentiment on Acme is not measurably up:');
    expect(blocksOf(better)).toContain('Positive first:');
    const named = await say('why is sentiment on us dropping', 'UPREMISE2');
    expect(named.text).toMatch(/^What people are saying about Acme/);
    expect(blocksOf(named)).toContain('Sentiment on Acme is not measurably down');
    // A bare "why?" still says what Briefbot can tell.
    expect((await say('why?', userId)).text).toContain('Briefbot finds what is said, not why.');
    // After the negative side was asked for, "why?" offers its top story in full, not the same question again.
    await say('complaints about globex', 'UPREMISE3');
    const whyComplaints = await say('why?', 'UPREMISE3');
    expect(whyComplaints.text).toContain(
      'To dig in, ask `/brief tell me more about 1` for its first source in full, or `/brief globex last 30 days` for the trend.',
    );
    expect(whyComplaints.text).not.toContain('complaints about globex');
  });

  it('"and last week?" after the biggest story is the biggest story of the week before', async () => {
    const userId = 'UWEEK0003';
    await say("what's the biggest story", userId);
    expect((await say('and last week?', userId)).text).toMatch(
      /^The biggest story \(the 7 days before those \(19–25 Oct\)\)/,
    );
  });

  it('"our share of voice", "is globex gaining on us": the company against the other side, never a metric searched', async () => {
    const versus = (await askLocal('acme vs globex')).subjects.map((side) => [
      side.subject,
      side.counts.current,
    ]);
    for (const text of [
      "what's our share of voice vs globex",
      "what's our share of voice",
      'is globex gaining on us',
      'is globex winning',
      // Asked as the company: against its competitors, not against itself.
      'is acme winning',
    ]) {
      const answer = await askLocal(text);
      expect(
        answer.subjects.map((side) => [side.subject, side.counts.current]),
        text,
      ).toEqual(versus);
    }
    const negative = await askLocal('what percentage of mentions are negative');
    expect(negative.request).toMatchObject({ overview: true, tone: 'negative' });
    expect(blocksOf(answerMessage(negative, local.clock.now()))).toMatch(
      /Negative first: \d+ of the \d+ mentions/,
    );
    const reputation = await askLocal('is our reputation improving');
    expect(subjectOf(reputation).subject).toBe('acme');
    expect(subjectOf(reputation).counts).toEqual(subjectOf(await askLocal('acme')).counts);
    expect(blocksOf(answerMessage(reputation, local.clock.now()))).toMatch(
      /Too little the previous 7 days to compare|Negative share/,
    );
  });

  it('"what is globex saying about us" is globex on acme, with no word of the question searched', async () => {
    const said = subjectOf(await askLocal('what is globex saying about us'));
    expect(said.subject).toBe('globex on acme');
    expect(said.dropped).toEqual([]);
    expect(said.counts.current).toBeGreaterThan(0);
    expect(said.counts.current).toBeLessThan(subjectOf(await askLocal('globex')).counts.current);
    expect(subjectOf(await askLocal('what is globex saying about acme')).counts).toEqual(said.counts);
  });

  it('"what is globex saying about acme": Globex\'s own posts first, in the list and the summary, then coverage', async () => {
    const answer = await askLocal('what is globex saying about acme');
    const said = subjectOf(answer);
    expect(said.speaker).toMatchObject({ who: 'globex', about: 'Acme' });
    const own = said.items.filter((item) => item.feedKind === 'competitor').length;
    expect(own).toBeGreaterThan(0);
    expect(said.items.slice(0, own).every((item) => item.feedKind === 'competitor')).toBe(true);
    expect(said.items.slice(own).some((item) => item.feedKind !== 'competitor')).toBe(true);
    expect(said.summary.sentences[0]?.text).toMatch(/^The Globex Blog says:/);
    const shown = (asked: Answer) =>
      textsWithLimits(answerMessage(asked, local.clock.now())).map(([text]) => text);
    const texts = shown(answer);
    expect(texts[0]).toBe('What Globex is saying about Acme');
    expect(texts).toContainEqual(
      expect.stringMatching(
        /^Globex's own posts? first \(\d+ of the \d+ mentions\); after (?:it|them), coverage: what others said\.$/,
      ),
    );
    // "Our pricing" is the company's topic on pricing: Globex speaking still.
    expect(shown(await askLocal('what did globex say about our pricing'))[0]).toBe(
      'What Globex is saying about Acme pricing',
    );
  });

  it('"what is globex saying about itself", "globex\'s own posts": Globex\'s own posts first, then coverage', async () => {
    for (const question of ['what is globex saying about itself', "globex's own posts"]) {
      const answer = await askLocal(question);
      const said = subjectOf(answer);
      expect(said.dropped, question).toEqual([]);
      expect(said.counts.current, question).toBe(subjectOf(await askLocal('globex')).counts.current);
      const own = said.counts.byKind.competitor ?? 0;
      expect(own, question).toBeGreaterThan(0);
      // The first page is its own posts, as many as there are.
      expect(
        said.items.slice(0, Math.min(own, said.items.length)).every((item) => item.feedKind === 'competitor'),
        question,
      ).toBe(true);
      const texts = textsWithLimits(answerMessage(answer, local.clock.now())).map(([text]) => text);
      expect(texts[0], question).toBe('What Globex says itself');
      expect(texts, question).toContain(
        `Globex's own posts first (${own} of the ${said.counts.current} mentions); after them, coverage: what others said.`,
      );
      expect(texts.join('\n'), question).not.toMatch(/No item says/);
    }
    // Asked of the company itself, it is the plain answer about it.
    expect(subjectOf(await askLocal("acme's own posts")).counts).toEqual(
      subjectOf(await askLocal('acme')).counts,
    );
  });

  it('"what did globex say themselves", "globex staff": a clean heading, its own posts and its staff first', async () => {
    for (const question of [
      'what did globex say themselves',
      'globex staff',
      'what is globex saying about itself',
    ]) {
      const answer = await askLocal(question);
      const said = subjectOf(answer);
      expect(said.dropped, question).toEqual([]);
      expect(said.items[0]?.feedKind, question).toBe('competitor');
      expect(
        said.ownVoices.map((voice) => voice.label),
        question,
      ).toContain('Marcus Lee, VP Sales');
      expect(
        said.voices.filter((voice) => voice.kind === 'competitor'),
        question,
      ).toEqual([]);
      const texts = textsWithLimits(answerMessage(answer, local.clock.now())).map(([text]) => text);
      expect(texts[0], question).toBe('What Globex says itself');
      expect(texts.join('\n'), question).toMatch(
        /\*Voices\*\nGlobex's own: [^\n]*Marcus Lee, VP Sales \(2\)[^\n]*\nOthers: /,
      );
      expect(texts.join('\n'), question).not.toMatch(/No item says/);
    }
    expect(subjectOf(await askLocal('acme staff')).counts).toEqual(subjectOf(await askLocal('acme')).counts);
  });

  it('"globex staff", then "just the press": the press about globex, its own posts none of the news', async () => {
    const userId = 'UOWNPRESS1';
    await say('globex staff', userId);
    const press = await say('just the press', userId);
    expect(press.text).toMatch(/^What the press is saying about Globex \(last 7 days\)/);
    const shown = blocksOf(press);
    expect(shown).not.toMatch(/Globex's own posts|says itself|The Globex Blog says/);
    expect(shown).toMatch(/\d+ news mentions? \(of \d+\)/);
    // Sources under the news figures are the news first, never the competitor's own blog.
    const competitor = shown.indexOf('(_competitor_)');
    expect(shown.indexOf('(_news_)')).toBeGreaterThan(-1);
    expect(competitor === -1 || competitor > shown.indexOf('(_news_)')).toBe(true);
  });

  it('"and the week before?", "the week before that": the 7 days just before the last window', async () => {
    const userId = 'UWEEK0002';
    await say('globex', userId);
    // Monday 2 November, 10:00 in Berlin: the last 7 days began on 26 October, so 19 to 25 October.
    // Only Globex's own blog spoke that week (its posts count for it, though they never name it).
    expect((await say('and the week before?', userId)).text).toMatch(
      /^What people are saying about Globex \(the 7 days before those \(19–25 Oct\)\): 1 mention\. [^.]+ 7 days[^.]*\.(?: Mentions per day, oldest first: [\d, ]+\.)? The Globex Blog says:/,
    );
    await say('and yesterday?', userId);
    // Yesterday was Sunday 1 November: the 7 days before it.
    expect((await say('and the week before?', userId)).text).toMatch(
      /^(?:What people are saying about Globex \(|No mentions of Globex in )the 7 days before yesterday \(25–31 Oct\)/,
    );
    expect((await say('the week before that', userId)).text).toMatch(
      /^(?:What people are saying about Globex \(|No mentions of Globex in )the 7 days before those \(18–24 Oct\)/,
    );
    // A miss names the subject as searched: "we" is acme.
    expect((await say('how are we doing in 2025', userId)).text).toMatch(
      /^No mentions of Acme in 2025 \(\d+ in the last 30 days\)\.$/,
    );
    await say('pricing', userId);
    expect((await say('what about the previous week', userId)).text).toMatch(
      /^(?:What people are saying about pricing \(|No mentions of pricing in )the 7 days before those \(19–25 Oct\)/,
    );
  });

  it('a miss suggests the question as asked, "we" named as the company, and More after it the same', async () => {
    const we = await askLocal('how are we doing in 2025');
    expect(we.suggestions).toEqual(['/brief acme last 30 days']);
    const userId = 'UMISS0001';
    await say('outages', userId);
    await say('only reviews', userId);
    const miss = await say('and in 2025?', userId);
    const suggested = /`(\/brief what are customers saying about outages last \d+ days)`/.exec(
      blocksOf(miss),
    )?.[1];
    expect(suggested).toBeDefined();
    expect((await say('more', userId)).text).toContain(`\`${suggested}\``);
    await say('how are we doing in 2025', userId);
    expect((await say('more', userId)).text).toContain('`/brief acme last 30 days`');
  });

  it('"is it getting worse" after a subject answers how its negative share moved', async () => {
    const userId = 'UWORSE001';
    const toneLine = (reply: Reply) =>
      /(?:Too little the previous 7 days to compare|Negative share)[^"\\]*/.exec(blocksOf(reply))?.[0];
    const asked = toneLine(await say('is sentiment on pricing getting worse', 'UWORSE002'));
    expect(asked).toBeDefined();
    expect(toneLine(await say('pricing', userId))).toBeUndefined();
    expect(toneLine(await say('is it getting worse', userId))).toBe(asked);
  });

  it('a follow-up keeps the format asked: "3 bullets on pricing", then "and last 30 days?"', async () => {
    const userId = 'UBULLET01';
    await say('3 bullets on pricing', userId);
    const again = await say('and last 30 days?', userId);
    expect(again.text).toMatch(/^What people are saying about pricing \(last 30 days\)/);
    const moreButton = buttons(again as Message).find((button) => button.value?.startsWith('ask --from'));
    expect(moreButton?.value).toBe('ask --from 3 pricing in 3 bullets last 30 days');
    expect(blocksOf(again)).toContain('• ');
  });

  it('"more" after a question that found nothing says so, and the longer period that finds something', async () => {
    const userId = 'UMISS0001';
    await say('what are customers saying about outages in 2025', userId);
    expect((await say('more', userId)).text).toBe(
      'Your last question found nothing about outages in 2025, so there is nothing more to show. Over a longer period it finds something: `/brief what are customers saying about outages last 30 days`.',
    );
  });

  it('the page cap is said on the first page only; the biggest story keeps its title on More', async () => {
    const userId = 'UPAGES001';
    expect(blocksOf(await say('top 20 stories', userId))).toContain('A page shows at most 10 sources');
    const second = await say('more', userId);
    expect(second.text).toMatch(/^What people are saying/);
    expect(blocksOf(second)).not.toContain('A page shows at most 10 sources');
    const biggest = await say("what's the biggest story", userId);
    expect(biggest.text).toMatch(/^The biggest story \(/);
    // A lone item claims no "told by 1 source", and the week's figures are not the story's.
    expect(blocksOf(biggest)).not.toMatch(/told by 1 source/);
    expect(blocksOf(biggest)).toMatch(/chosen from \d+ mentions/);
    expect(blocksOf(biggest)).not.toContain('By topic');
    expect(blocksOf(biggest)).not.toContain('Sentiment');
    const next = await say('more', userId);
    expect(next.text).toMatch(/^The next biggest story \(/);
    // The next story is told in full too: a summary, not a bare link.
    expect(blocksOf(next)).toContain('summary from the sources');
    expect(next.text).toMatch(/\): \d+ mentions?\. \S/);
    const globex = await askLocal("what's the biggest story about globex");
    expect(subjectOf(globex)).toMatchObject({ subject: 'globex', topicName: 'globex' });
    const [lead, ...others] = subjectOf(globex).items;
    expect(lead?.mentions).toBe(others.length + 1);
    expect(answerMessage(globex, local.clock.now()).text).toMatch(/^The biggest story about Globex \(/);
  });

  it('"why?" after a side by side points to what it shows', async () => {
    const userId = 'UWHY00001';
    await say('acme vs globex', userId);
    const why = await say('why?', userId);
    expect(why.text).toContain('each side’s summary cites its sources');
    expect(why.text).not.toContain('Themes');
  });
});

describe('"last month" after a question, late in November', () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ now: '2026-11-24T12:00:00Z', env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
    await loadDemoCorpus(local);
    await addTopic(local, { ...demoCompanyTopic, actorId: 'USEED' });
  });
  afterAll(async () => {
    await local.cleanup();
  });
  const say = (text: string) => runCommand(local, { userId: 'UMONTH01', channelId: 'C0CHANNEL', text });

  it('an empty October answers the last 30 days, and says so', async () => {
    await say('how are we doing');
    const month = await say('what about last month');
    expect(month.text).toMatch(/^What people are saying about Acme \(last 30 days\): 22 mentions\./);
    expect(JSON.stringify(month.blocks)).toContain('Nothing in October, so this covers the last 30 days.');
    // Typed as a question of its own too.
    expect((await say('pricing last month')).text).toMatch(
      /^What people are saying about pricing \(last 30 days\)/,
    );
  });

  it('a later reply describes a follow-up that found nothing, never quoting Briefbot’s rewording of it', async () => {
    await say('how are we doing');
    expect((await say('and in 2025?')).text).toMatch(/^No mentions of Acme in 2025/);
    const opened = await say('tell me more about 2');
    const shown = JSON.stringify(opened.blocks);
    expect(shown).toContain(
      'Your last question found nothing about acme in 2025; this is source 2 in your answer to “how are we doing”.',
    );
    expect(shown).not.toContain('“we in 2025”');
  });
});

describe('whose story it is, when the competitor has no topic', () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
    await loadDemoCorpus(local);
    await addTopic(local, { ...demoCompanyTopic, actorId: 'USEED' });
    await removeTopic(local, 'globex', 'USEED');
  });
  afterAll(async () => {
    await local.cleanup();
  });

  it('a competitor’s feed still names it: its reviews, posts and staff are attributed as theirs', async () => {
    // Its review of a migration from Acme, among ten bullets on that (on acme alone, the week's news
    // and the posts reacting to it fill the ten).
    const acme = subjectOf(await ask('10 bullets on acme migration', 'UEXEC03', 0, local));
    const review = acme.items.find((item) =>
      item.title.startsWith('Globex Assist review: "Migration from Acme'),
    );
    expect(review?.about).toBe('globex');
    const cited = acme.summary.sentences.filter((sentence) => sentence.citations[0] === review?.number);
    for (const sentence of cited) expect(sentence.text).toMatch(/^A Globex customer says: “/);
    expect(voicesNote(await ask('pricing', 'UEXEC03', 0, local))).toContain(
      'Marcus Lee, VP Sales at Globex (',
    );
  });
});

describe("another competitor's feed: coverage of globex, never globex's own posts", () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
    await loadDemoCorpus(local);
    await addTopic(local, { ...demoCompanyTopic, actorId: 'USEED' });
  });
  afterAll(async () => {
    await local.cleanup();
  });
  const askHere = (text: string) => ask(text, 'UEXEC02', 0, local);
  const own = async (text: string) => subjectOf(await askHere(text)).ownPosts?.count ?? 0;

  it("counts as globex's own only the posts of the feed that stands for globex, in counts, share of voice, voices and what globex says", async () => {
    const before = subjectOf(await askHere('globex'));
    const ownBefore = before.ownPosts?.count ?? 0;
    expect(ownBefore).toBeGreaterThan(0);
    const shareBefore = subjectOf(await askHere('acme vs globex'), 1);
    // Initech's newsroom, as a marketer adds a second competitor: two posts that name Acme and Globex.
    const initech = await createFeed(local, {
      host: 'https://initech.example',
      title: 'Initech Newsroom',
      kind: 'competitor',
    });
    await storeFeedItems(local, initech, [
      {
        guid: 'i1',
        title: 'Initech beats Globex and Acme on price',
        text: 'Globex and Acme charge more than Initech.',
        author: 'Bob Slydell',
      },
      {
        guid: 'i2',
        title: 'Why teams leave Globex and Acme for Initech',
        text: 'Globex support is slow, Acme is pricey.',
        author: 'Bob Slydell',
      },
    ]);
    const after = subjectOf(await askHere('globex'));
    expect(after.counts.current).toBe(before.counts.current + 2);
    expect(after.ownPosts?.count).toBe(ownBefore);
    expect(after.ownVoices.map((voice) => voice.label)).not.toContain('Bob Slydell');
    expect(after.voices.map((voice) => voice.label)).toContain('Bob Slydell at Initech');
    // Share of voice: Initech's posts are mentions of globex by others, so they count in its share.
    const side = subjectOf(await askHere('acme vs globex'), 1);
    expect(side.ownPosts?.count).toBe(ownBefore);
    expect(side.counts.current - (side.ownPosts?.count ?? 0)).toBe(
      shareBefore.counts.current - (shareBefore.ownPosts?.count ?? 0) + 2,
    );
    // What globex says: its own posts first, never Initech's.
    const says = subjectOf(await askHere('what is globex saying about acme'));
    const first = says.items.slice(0, says.speaker?.own ?? 0);
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map((item) => item.feedTitle))).toEqual(new Set(['The Globex Blog']));
    // The news site made a competitor stands for another: still none of globex's own.
    await setFeedKind(local, '1', FeedKind.Competitor, 'UADMIN01');
    expect(await own('globex')).toBe(ownBefore);
    // Named as globex's, its posts are.
    const news = await local.db.prisma.feed.findUniqueOrThrow({
      where: { id: 1 },
      include: { _count: { select: { items: true } } },
    });
    await setFeedKind(local, '1', FeedKind.Competitor, 'UADMIN01', 'globex');
    expect(await own('globex')).toBeGreaterThan(ownBefore);
    expect(news._count.items).toBeGreaterThan(0);
  });

  it('names a competitor known only by its feed as feeds list does: typed in capitals, not shouted back', async () => {
    const vandelay = await createFeed(local, {
      host: 'https://vandelay.example',
      title: 'Vandelay Newsroom',
    });
    await setFeedKind(local, String(vandelay), FeedKind.Competitor, 'UADMIN01', 'VANDELAY');
    await storeFeedItems(local, vandelay, [
      { guid: 'v1', title: 'Vandelay cuts import prices', author: 'Kel Varnsen' },
      { guid: 'v2', title: 'Vandelay opens a latex desk', author: 'Kel Varnsen' },
    ]);
    const answer = await askHere('vandelay');
    expect(subjectOf(answer).ownPosts).toEqual({ count: 2, by: 'Vandelay' });
    expect(answerMessage(answer, local.clock.now()).text).not.toMatch(/VANDELAY/);
    expect(JSON.stringify(answerMessage(answer, local.clock.now()).blocks)).toContain(
      "2 mentions, all Vandelay's own posts",
    );
    // Its staff, heard about another subject, are named as the competitor is.
    await storeFeedItems(local, vandelay, [
      { guid: 'v3', title: 'Vandelay on Globex pricing', author: 'Kel Varnsen' },
      { guid: 'v4', title: 'Why Globex customers move to Vandelay', author: 'Kel Varnsen' },
      { guid: 'v5', title: 'Globex support, as Vandelay sees it', author: 'Kel Varnsen' },
    ]);
    expect(subjectOf(await askHere('globex')).voices.map((voice) => voice.label)).toContain(
      'Kel Varnsen at Vandelay',
    );
  });
});

describe('whose story it is: a company, and a competitor', () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
    await loadDemoCorpus(local);
    await addTopic(local, { ...demoCompanyTopic, actorId: 'USEED' });
  });
  afterAll(async () => {
    await local.cleanup();
  });
  const askHere = (text: string) => ask(text, 'UEXEC02', 0, local);
  const review = 'Globex Assist review: "Migration from Acme took two weeks" (4/5 stars)';
  const blockText = (answer: Answer) =>
    (answerMessage(answer, local.clock.now()).blocks as AnyBlock[]).flatMap((block) => [
      block.text?.text ?? '',
      ...(block.elements ?? []).map((element) =>
        typeof element.text === 'string' ? element.text : (element.text?.text ?? ''),
      ),
    ]);

  it('a competitor asked about alone says how many are its own posts, and names its staff apart from its voices', async () => {
    const answer = await askHere('tldr on globex');
    const globex = subjectOf(answer);
    const own = globex.counts.byKind.competitor ?? 0;
    expect(own).toBeGreaterThan(0);
    const texts = blockText(answer);
    // As the side by side says it: "17 mentions, 8 of them Globex's own posts".
    expect(texts).toContain(
      `last 7 days · ${globex.counts.current} mentions, ${own} of them Globex's own posts, ${globex.customerVoices} from customers · summary from the sources`,
    );
    expect(globex.voices.length).toBeGreaterThan(0);
    expect(globex.voices.filter((voice) => voice.kind === 'competitor')).toEqual([]);
    expect(globex.ownVoices.map((voice) => voice.label)).toContain('Marcus Lee, VP Sales');
    const fields = JSON.stringify(answerMessage(answer, local.clock.now()).blocks);
    expect(fields).toMatch(/\*Voices\*\\n[^*]*\\nGlobex's own: [^*]*Marcus Lee, VP Sales \(2\)/);
    expect(fields).not.toContain('Marcus Lee, VP Sales at Globex');
    // Every Voices line counts alike: a count only for who said more than one thing, never "(1)".
    const voicesField = /\*Voices\*\\n[^"]*/.exec(fields)?.[0] ?? '';
    expect(voicesField).toContain("Globex's own: ");
    expect(voicesField).not.toContain('(1)');
    // Read on a phone as the Voices line is: three names, then how many more.
    const ownLine = /Globex's own: ([^\\]*)/.exec(voicesField)?.[1] ?? '';
    expect(ownLine.split(' · ')).toHaveLength(3);
    expect(ownLine).toMatch(/, and \d+ more$/);
    expect(voicesNote(answer)).toMatch(/; Globex's own: Marcus Lee, VP Sales \(2, neutral\)/);
    // Asked about the company, nothing is its competitor's own.
    expect(subjectOf(await askHere('acme')).ownVoices).toEqual([]);
  });

  it('a competitor’s review about leaving us is no praise for us, and comes after our own', async () => {
    const praise = subjectOf(await askHere('praise for acme'));
    expect(praise.items.map((item) => item.title)).not.toContain(review);
    expect(praise.sideElsewhereAbout).toBe('globex, a competitor');
    const customers = subjectOf(await askHere('what are customers saying about acme'));
    expect(customers.items[0]?.title).not.toMatch(/^Globex/);
  });

  it('our good news on the first page is our own: another company’s praise never fills the both-sides place', async () => {
    for (const question of ['3 bullets on acme', 'how are we doing']) {
      const acme = subjectOf(await askHere(question));
      const first = acme.items.filter((item) => acme.summaryFrom.includes(item.number));
      expect(first.some((item) => item.sentiment === 'positive')).toBe(true);
      expect(first.filter((item) => item.sentiment === 'positive' && item.about)).toEqual([]);
      expect(first.map((item) => item.title)).not.toContain(review);
      // A question asked ("Best way to export…?") is not praise either.
      expect(first.filter((item) => item.sentiment === 'positive' && item.title.endsWith('?'))).toEqual([]);
    }
  });

  it('quotes another company’s customer as theirs in a summary about us', async () => {
    // On acme alone, the week's news and the posts reacting to it fill the ten bullets.
    const acme = subjectOf(await askHere('10 bullets on acme migration'));
    const theirs = acme.items.filter((item) => item.about === 'globex');
    expect(theirs.map((item) => item.title)).toContain(review);
    expect(acme.summary.sentences.map((sentence) => sentence.text)).toContainEqual(
      expect.stringMatching(/^A Globex customer says: “Globex migrated/),
    );
    for (const sentence of acme.summary.sentences) {
      const cited = acme.items.find((item) => item.number === sentence.citations[0]);
      if (cited?.about === 'globex' && cited.feedKind === 'review' && sentence.text !== `${cited.title}.`)
        expect(sentence.text).toMatch(/^A Globex customer says: “/);
    }
  });

  it('side by side, each column is that side’s own stories, and a story of the other side takes none of its places', async () => {
    const answer = await askHere('acme vs globex');
    const [acme, globex] = [subjectOf(answer, 0), subjectOf(answer, 1)];
    const titles = acme.items.map((item) => item.title);
    // The outage, told by its news story or by the post-incident report that followed it.
    expect(titles.some((title) => /^Acme (?:Desk suffers|publishes post-incident)/.test(title))).toBe(true);
    expect(titles.some((title) => title.startsWith('Acme raises Acme Desk prices'))).toBe(true);
    expect(acme.items.filter((item) => item.about)).toEqual([]);
    expect(globex.items.filter((item) => item.about)).toEqual([]);
    expect(acme.items.some((item) => globex.items.some((other) => sameStory(item, other)))).toBe(false);
  });

  it('side by side on one theme: each side has its own items and a sentence', async () => {
    const answer = await askHere('how do we stack up against globex on pricing');
    const [acme, globex] = [subjectOf(answer, 0), subjectOf(answer, 1)];
    expect(acme.items.map((item) => item.id)).not.toEqual(globex.items.map((item) => item.id));
    expect(acme.items[0]?.title).not.toMatch(/globex/i);
    expect(globex.items[0]?.title).toMatch(/globex/i);
    expect(acme.summary.sentences.length).toBeGreaterThan(0);
    expect(globex.summary.sentences.length).toBeGreaterThan(0);
  });

  it('an overview’s side note says the competitor’s stories are the competitor’s, naming only items on the page', async () => {
    const answer = await askHere('anything I should worry about');
    const note = blockText(answer).find((text) => text.includes('Negative first'));
    expect(note).toContain('about globex, a competitor');
    expect(note).not.toContain('not about your');
    const shown = subjectOf(answer).items.map((item) => item.number);
    for (const [, number] of (note ?? '').matchAll(/\[(\d+)\]/g)) expect(shown).toContain(Number(number));
  });

  it("one side of a competitor: a title's framing of our bad news is no complaint about it", async () => {
    const priceWar = 'Price war? Globex offers 40% discount to teams switching from Acme';
    const numberOf = (subject: ReturnType<typeof subjectOf>) =>
      subject.items.find((item) => item.title === priceWar)?.number;
    // "Price war?" names no one; the sentence naming Globex is its offer, bad news for Acme.
    const globex = await askHere('bad news about globex');
    const theirs = subjectOf(globex);
    expect(numberOf(theirs)).toBeDefined();
    expect(theirs.sideElsewhereNumbers).toContain(numberOf(theirs));
    expect(blockText(globex).join('\n')).toMatch(
      new RegExp(`\\[${numberOf(theirs)}\\][^)]* negative,? (?:but )?about acme\\)`),
    );
    // For Acme it is still among the worries, in its rank.
    const ours = subjectOf(await askHere('bad news about acme'));
    expect(numberOf(ours)).toBe(1);
    expect(ours.sideElsewhereNumbers).not.toContain(1);
  });

  it('one side of a competitor side by side counts as its card does: the mentions by others, not its own posts', async () => {
    const good = await askHere('good news about acme vs globex');
    const globex = subjectOf(good, 1);
    const others = globex.othersCounts;
    expect(others).not.toBeNull();
    expect(others?.current).toBeLessThan(globex.counts.current);
    const asking = Math.min(globex.sideAsking, others?.sentiment.positive ?? 0);
    const note = blockText(good).find((text) =>
      text.includes(`of the ${others?.current} mentions by others`),
    );
    expect(note).toContain(
      `Positive first: ${(others?.sentiment.positive ?? 0) - asking} of the ${others?.current} mentions by others.`,
    );
    expect(note).toContain("Globex's own 2 positive posts come after");
    expect(blockText(good).join('\n')).not.toContain(`of the ${globex.counts.current} mentions`);
  });

  it('one side of a competitor: its own posts are its own words, neither its praise nor complaints about it', async () => {
    const ownBlog = (item: AnswerItem) =>
      item.feedKind === 'competitor' && item.feedTitle === 'The Globex Blog';
    const good = await askHere('good news about globex');
    const praise = subjectOf(good);
    expect(praise.sideOwn).toBe(2);
    // The praise of others comes first; Globex's own launch posts after it.
    const firstOwn = praise.items.findIndex(ownBlog);
    const others = praise.counts.sentiment.positive - praise.sideAsking - praise.sideOwn;
    if (firstOwn >= 0) expect(firstOwn).toBeGreaterThanOrEqual(others);
    expect(blockText(good).join('\n')).toContain(
      `Positive first: ${others} of the 17 mentions. One other only asks a question, so it is no praise. Globex's own 2 positive posts come after: its own words, not praise.`,
    );
    // "New in Globex: SLA breach forecasting" reads negative, but is no complaint about Globex.
    const bad = await askHere('bad news about globex');
    expect(subjectOf(bad).items.slice(0, 2).some(ownBlog)).toBe(false);
    expect(blockText(bad).join('\n')).toContain(
      "None of the 17 mentions is negative about Globex itself ([1] and [2] are negative about acme), so these are the most relevant. Globex's own negative post comes after: its own words, not complaints.",
    );
  });

  it("customers' complaints: the note's item numbers are customer posts only, as it counts them", async () => {
    const answer = await askHere('complaints about globex');
    const subject = subjectOf(answer);
    const kindOf = new Map(subject.items.map((item, index) => [index + 1, item.feedKind]));
    expect(subject.sideElsewhereNumbers.length).toBeGreaterThan(0);
    for (const number of subject.sideElsewhereNumbers)
      expect(customerKinds, `[${number}]`).toContain(kindOf.get(number));
    const note = blockText(answer).find((text) => text.includes('None of the')) ?? '';
    expect(note).toMatch(
      /^:small_red_triangle_down: None of the \d+ customer posts is negative about Globex itself \(\[1\] is negative about acme\)/,
    );
  });

  it('complaints side by side keep their framing: a title, and a note for each side', async () => {
    const answer = await askHere('complaints about acme vs globex');
    const texts = blockText(answer);
    expect(texts[0]).toMatch(/^Complaints\b.*Acme vs Globex$/);
    // Globex's column: no customer's complaint is about Globex itself (its own blog's post is its own words).
    expect(
      texts.filter((text) => /Negative first|None of the \d+ customer posts is negative/.test(text)),
    ).toHaveLength(2);
    const globex = subjectOf(answer, 1);
    // An Acme complaint in Globex's column comes after Globex's own, named as Acme's.
    const acmeOwn = globex.items.filter((item) => item.about === 'acme').map((item) => item.number);
    for (const number of acmeOwn)
      expect(texts.join('\n')).toMatch(new RegExp(`\\[${number}\\][^)]*negative,? (?:but )?about acme`));
  });

  it('“we”, “our” and “acme” count the same: one count per side, and the same columns', async () => {
    const forms = [
      'how do we stack up against globex on pricing',
      'acme vs globex on pricing',
      'acme pricing vs globex pricing',
      'what’s our share of voice on pricing',
    ];
    const answers = await Promise.all(forms.map((form) => askHere(form)));
    const shape = (answer: Answer) =>
      answer.subjects.map((side) => ({
        count: side.counts.current,
        items: side.items.map((item) => item.id),
      }));
    for (const answer of answers.slice(1)) expect(shape(answer)).toEqual(shape(answers[0] as Answer));
    expect(subjectOf(answers[0] as Answer, 0).items.map((item) => item.title)).toContainEqual(
      expect.stringMatching(/^Acme raises Acme Desk prices by up to 18%/),
    );
  });

  it('customers side by side: each column is customers’ own words, summed up by what they say', async () => {
    const question = 'what are customers saying about acme vs globex';
    const answer = await askHere(question);
    for (const side of answer.subjects) {
      // What the reviewers say, not their reviews' headlines.
      for (const sentence of side.summary.sentences) expect(sentence.text).not.toMatch(/review: "/);
    }
    // Every page (More too): customers' words only.
    const more = await ask(question, 'UEXEC02', 3, local);
    for (const side of [...answer.subjects, ...more.subjects]) {
      expect(side.items.length).toBeGreaterThan(0);
      expect(side.items.map((item) => item.feedKind).filter((kind) => !customerKinds.includes(kind))).toEqual(
        [],
      );
    }
  });

  it('praise is quoted from what it says, and a question asked is not praise', async () => {
    const praise = subjectOf(await askHere('praise for acme'));
    expect(praise.summary.sentences.length).toBeGreaterThan(0);
    for (const sentence of praise.summary.sentences) expect(sentence.text).not.toMatch(/review: "/);
    const onSide = praise.items.slice(0, praise.sideTowards);
    expect(onSide.filter((item) => item.title.endsWith('?'))).toEqual([]);
  });

  it('just the press: the press first, a competitor’s own posts after it', async () => {
    const question = 'what is the press saying about globex last 30 days';
    const pages = [await askHere(question), await ask(question, 'UEXEC02', 5, local)];
    const kinds = pages.flatMap((page) => subjectOf(page).items.map((item) => item.feedKind));
    expect(kinds).toContain('news');
    expect(kinds).toContain('competitor');
    // The press, then everyone else, then the competitor's own marketing.
    const place = (kind: string) => (kind === 'news' ? 0 : kind === 'competitor' ? 2 : 1);
    expect(kinds.map(place)).toEqual([...kinds.map(place)].sort((a, b) => a - b));
  });

  it('just the press about a competitor: its own posts are none of the news counted, and never said to be', async () => {
    const answer = await askHere('just the press about globex');
    const globex = subjectOf(answer);
    expect(globex.counts.byKind.competitor ?? 0).toBeGreaterThan(0);
    expect(globex.ownPosts).toBeNull();
    const header = blockText(answer).find((text) => text.startsWith('last 7 days · '));
    expect(header).toMatch(/^last 7 days · \d+ news mentions \(of \d+\) · /);
    expect(blockText(answer).join('\n')).not.toMatch(/Globex's own posts?/);
  });

  it('the overview and App Home put our own big news above a competitor’s own blog posts', async () => {
    const { stories: top } = await topStories(local, { days: 7, count: 3 });
    expect(top.map((item) => item.title)).toContainEqual(
      expect.stringMatching(/^Acme raises Acme Desk prices/),
    );
    const overview = subjectOf(await askHere('top 10 stories'));
    const titles = overview.items.map((item) => item.title);
    const rise = titles.findIndex((title) => title.startsWith('Acme raises Acme Desk prices'));
    expect(rise).toBeGreaterThanOrEqual(0);
    const firstOwnPost = overview.items.findIndex((item) => item.feedKind === 'competitor');
    if (firstOwnPost >= 0) expect(rise).toBeLessThan(firstOwnPost);
  });

  it('"top 3 stories" lists App Home’s top stories, and offers the best positive story besides', async () => {
    const home = (await topStories(local, { days: 7, count: 3 })).stories.map((item) => item.title);
    const answer = await askHere('top 3 stories');
    expect(subjectOf(answer).items.map((item) => item.title)).toEqual(home);
    const texts = blockText(answer);
    expect(texts.join('\n')).not.toContain('moved up');
    const also = texts.filter((text) => text.startsWith('*Also, the best positive story:* '));
    expect(also).toHaveLength(1);
    expect(also[0]).toContain(subjectOf(answer).besides[0]?.url);
    expect(home).not.toContain(subjectOf(answer).besides[0]?.title);
  });

  it('the side note agrees in number: “1 of them … comes after”, “2 of them … come after”', async () => {
    const note = blockText(await askHere('anything I should worry about')).find((text) =>
      text.includes('Negative first'),
    );
    expect(note).toMatch(/\(1 of them, about globex, a competitor, comes after\)/);
  });

  it('bad news about us is ours even when it is a competitor’s move: only a story of the competitor alone comes after', async () => {
    const priceWar = /^Price war\? Globex offers 40% discount to teams switching from Acme/;
    const worry = subjectOf(await askHere('anything I should worry about'));
    // On the first page, among our worries, not labelled as the competitor's.
    const war = worry.items.find((item) => priceWar.test(item.title));
    expect(war).toBeDefined();
    expect(war?.about).toBeUndefined();
    // The competitor's own post, of it alone, is still theirs and after ours.
    expect(worry.sideElsewhereAbout).toBe('globex, a competitor');
    const complaints = await askHere('complaints about acme');
    expect(subjectOf(complaints).sideElsewhere).toBe(0);
    expect(blockText(complaints).join('\n')).not.toContain('about globex');
    // Their praise is still theirs: a competitor's good news is no good news of ours.
    expect(subjectOf(await askHere('praise for acme')).sideElsewhereAbout).toBe('globex, a competitor');
  });

  it('customers’ words side by side say so in the title', async () => {
    const texts = blockText(await askHere('what are customers saying about acme vs globex'));
    expect(texts[0]).toBe('What customers say: Acme vs Globex');
  });

  it('"who is saying it" after complaints names who complains about the subject itself, and where', async () => {
    // kate_m's thread is negative about Acme, not Globex; Globex's own blog criticises no one.
    const globex = voicesNote(await askHere('complaints about globex'));
    expect(globex).not.toContain('kate_m');
    expect(globex).not.toContain('The Globex Blog');
    // Nor is "Price war? Globex offers 40%…" a complaint about Globex: it is bad news for Acme.
    expect(globex).toBe('Who is saying it: no customer is complaining about Globex in this period.');
    const acme = voicesNote(await askHere('complaints about acme'));
    expect(acme).toMatch(/^Who is saying it: [^;]+\(1\); in Support Ops Community \(3\)/);
    expect(acme).not.toContain('The Globex Blog');
  });

  it('the card’s critical voices about globex are critical of globex itself: kate_m’s thread about Acme is not listed', async () => {
    const fields = JSON.stringify(
      answerMessage(await askHere('complaints about globex'), local.clock.now()).blocks,
    );
    expect(fields).toContain('*Critical customer voices*\\nnone');
    expect(fields).not.toContain('kate_m');
    // Praise lists those praising acme, each of them among the side's own voices.
    const praise = await askHere('praise for acme');
    const praised = JSON.stringify(answerMessage(praise, local.clock.now()).blocks);
    const [first] = subjectOf(praise).sideWho?.voices ?? [];
    expect(first).toBeDefined();
    expect(praised).toContain(`*Positive customer voices*\\n${first?.label.split(', ')[0]}`);
  });

  it('"who is saying it" separates names with " · " and names a competitor’s staff as theirs', async () => {
    const note = voicesNote(await askHere('pricing'));
    expect(note).toContain('Marcus Lee, VP Sales at Globex (');
    expect(note).toContain('Globex Events (1, neutral)');
    expect(note).toMatch(/\(\d+, [a-z ]+\) · /);
    expect(note).not.toMatch(/\(\d+(?:, [a-z ]+)?\), /);
  });
});

describe('"Fading" counts the last 24 hours, whatever days the period has', () => {
  let local: TestDeps;
  // Tuesday 24 November, 01:12 UTC: "since Friday" ends on a calendar day of 72 minutes.
  beforeAll(async () => {
    local = await createTestDeps({ now: '2026-11-24T01:12:00Z', env: { DEFAULT_TIMEZONE: 'UTC' } });
    const feedId = await createFeed(local, { host: 'https://fading.example.com' });
    const at = (iso: string, count: number, from: number) =>
      Array.from({ length: count }, (_, index) => ({
        guid: `f${from + index}`,
        title: `Zorblat story number ${from + index}`,
        publishedAt: new Date(iso),
      }));
    // Eight on Saturday; three on Monday afternoon, in the last 24 hours but not "today".
    await storeFeedItems(local, feedId, [
      ...at('2026-11-21T12:00:00Z', 8, 0),
      ...at('2026-11-23T15:00:00Z', 3, 8),
    ]);
  });
  afterAll(async () => {
    await local.cleanup();
  });

  it('"zorblat since friday" says nothing of fading while "zorblat last 24 hours" holds 3', async () => {
    const lastDay = subjectOf(await ask('zorblat last 24 hours', 'UFADE0001', 0, local));
    expect(lastDay.counts.current).toBe(3);
    const since = await ask('zorblat since friday', 'UFADE0001', 0, local);
    expect(subjectOf(since).counts.toEnd.at(-1)).toBe(3);
    const blocks = JSON.stringify(answerMessage(since, local.clock.now()).blocks);
    expect(blocks).toContain('Volume');
    expect(blocks).not.toContain('Fading: none in the last 24 h');
  });
  it('"last week" names the period it read, whichever way it is asked, and points to the calendar week', async () => {
    const say = (text: string) => runCommand(local, { userId: 'UWEEKS001', channelId: 'C0CHANNEL', text });
    const texts = (reply: Reply) => JSON.stringify(reply.blocks);
    // Typed: the last 7 days, saying so, with how to ask for the calendar week.
    const typed = await say('zorblat last week');
    expect(typed.text).toMatch(/^What people are saying about zorblat \(last 7 days\): 11 mentions/);
    expect(texts(typed)).toContain(
      '“Last week” is read as the last 7 days; for the calendar week before this one, ask “from 16 Nov to 22 Nov”.',
    );
    // After the last 7 days: the 7 days before those, named so, never read as "nothing last week";
    // the calendar week 16–22 Nov held the Saturday's 8.
    const before = await say('and last week?');
    expect(before.text).toBe('Nothing about zorblat in the 7 days before those (10–16 Nov).');
    expect(texts(before)).toContain(
      'The calendar week 16–22 Nov had 8: `/brief zorblat from 16 Nov to 22 Nov`.',
    );
    // After this week: the calendar week before, named so.
    await say('zorblat this week');
    const calendar = await say('and last week?');
    expect(calendar.text).toMatch(
      /^What people are saying about zorblat \(the calendar week 16–22 Nov\): 8 mentions/,
    );
    expect(texts(calendar)).not.toContain('The calendar week 16–22 Nov had');
  });
});

/** A company, zebracorp, and its competitor, quuxco: words no demo item says. */
async function addRivalTopics(local: TestDeps): Promise<void> {
  await addTopic(local, { name: 'zebracorp', query: 'zebracorp', kind: TopicKind.Company, actorId: 'USEED' });
  await addTopic(local, { name: 'quuxco', query: 'quuxco', kind: TopicKind.Competitor, actorId: 'USEED' });
}

describe('Share and More on an answer read before its topic was removed', () => {
  let own: TestDeps;
  const question = 'what are customers saying about pricing';
  const briefOwn = (text: string, userId = 'UEXEC01') =>
    runCommand(own, { userId, channelId: 'C0CHANNEL', text });

  beforeAll(async () => {
    own = await createTestDeps({ now, env: { BRIEFBOT_ADMINS: 'UADMIN01' } });
    await loadDemoCorpus(own);
  });
  afterAll(async () => {
    await own.cleanup();
  });

  it('refuses to post or page a different answer, and says which topic went, by whom, and what to ask', async () => {
    const read = await briefOwn(question);
    const [share, more] = buttons(read).map((button) => button.value as string);
    expect(share).toBe(`share --post ${question}`);
    // Before any change, both work as ever.
    expect((await briefOwn(share as string)).visibility).toBe('in_channel');
    own.clock.set('2026-11-02T10:00:00Z');
    await briefOwn(question);
    own.clock.set('2026-11-02T10:30:00Z');
    await removeTopic(own, 'pricing', 'UADMIN01');
    own.clock.set('2026-11-02T11:00:00Z');
    const posted = await briefOwn(share as string);
    expect(posted.visibility).not.toBe('in_channel');
    expect(posted.text).toBe(
      `Nothing was posted: pricing is no longer a topic (removed by <@UADMIN01> on 2 Nov 2026 10:30 UTC), so this answer would now differ from the one you read. Ask again (\`/brief ${question}\`) to see today's answer, then share that.`,
    );
    expect((await briefOwn(more as string)).text).toBe(
      `The list changed since you read it: pricing is no longer a topic (removed by <@UADMIN01> on 2 Nov 2026 10:30 UTC). Start again with \`/brief ${question}\`.`,
    );
    // Asked again, today's answer is the one its buttons share.
    const again = await briefOwn(question);
    expect((await briefOwn(buttons(again)[0]?.value as string)).visibility).toBe('in_channel');
  });

  it('Request a response on a story shown under a topic removed since files it under no topic, and says why', async () => {
    own.clock.set('2026-11-02T12:00:00Z');
    const read = await briefOwn('outages');
    // The first story's Request a response button, as pressed.
    const request = /"value":"(nudge item #\d+)"/.exec(JSON.stringify(read.blocks))?.[1];
    expect(request).toBeDefined();
    own.clock.set('2026-11-02T12:30:00Z');
    await removeTopic(own, 'outages', 'UADMIN01');
    const reply = await briefOwn(request as string);
    expect(reply.text).toMatch(
      /^outages, the topic you asked about, was removed by <@UADMIN01> on 2 Nov 2026 12:30 UTC, so this conversation has no topic: admins pick the expert, as for open conversations when a topic is removed\. Posted conversation \d+ in <#C0CHANNEL>/,
    );
    const [nudge] = await own.db.prisma.nudge.findMany();
    expect(nudge?.topicId).toBeNull();
  });
});
