import type { KnownBlock, SectionBlock } from '@slack/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import type { AnswerItem } from '../../src/briefing/answer.ts';
import type { Comparison, PeriodFigures } from '../../src/briefing/compare.ts';
import type { Reply } from '../../src/commands/index.ts';
import { demoCompanyTopic } from '../../src/console/demo.ts';
import type { EvidenceCounts } from '../../src/db/search.ts';
import { shortFeedName } from '../../src/monitor/feed-kind.ts';
import { itemLine } from '../../src/slack/blocks/answer.ts';
import { section } from '../../src/slack/blocks/common.ts';
import { changeWords, comparisonMessage, sidesComparisonMessage } from '../../src/slack/blocks/compare.ts';
import { answerItem } from '../helpers/answer-item.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { assertWithinSlackLimits } from '../helpers/slack-limits.ts';

const demo = useDemoCorpus({ now: '2026-11-24T22:00:00Z' });
const { brief } = demo;
// As in the console's demo: acme is the company, globex its competitor.
beforeAll(async () => {
  await addTopic(demo.deps, { ...demoCompanyTopic, actorId: 'USEED' });
});

function blocksOf(reply: Reply): KnownBlock[] {
  return (reply.blocks ?? []) as KnownBlock[];
}

/** The section texts and fields of a reply, in order, as a person reads them. */
function lines(reply: Reply): string[] {
  return blocksOf(reply).flatMap((block) => {
    if (block.type === 'header' || block.type === 'section')
      return [
        ...('text' in block && block.text ? [block.text.text] : []),
        ...('fields' in block && block.fields ? block.fields.map((field) => field.text) : []),
      ];
    if (block.type === 'context')
      return block.elements.map((element) => ('text' in element ? element.text : ''));
    return [];
  });
}

/** The two columns of a comparison: the period asked, then the one before. */
function columns(reply: Reply): [string, string] {
  const both = blocksOf(reply).find((block) => block.type === 'section' && 'fields' in block && block.fields);
  const texts = (both && 'fields' in both ? (both.fields ?? []) : []).map((field) => field.text);
  expect(texts).toHaveLength(2);
  return texts as [string, string];
}

/** The cards of two sides compared over two periods: a section with both periods as its two fields. */
function sideCards(reply: Reply): SectionBlock[] {
  return blocksOf(reply).filter(
    (block): block is SectionBlock => block.type === 'section' && block.fields?.length === 2,
  );
}

describe('two periods side by side', () => {
  it('"pricing this week vs last week" says the change first, in words, then both weeks with their stories', async () => {
    const reply = await brief('pricing this week vs last week');
    assertWithinSlackLimits(reply, 'pricing this week vs last week');
    const [title, lead] = lines(reply);
    expect(title).toBe('Pricing: last 7 days vs the 7 days before');
    // The change is said first, in words, with both counts and the tone: no arrow stands for it.
    expect(lead).toBe(
      '*Pricing talk rose 15-fold* in the last 7 days (15 vs 1 the 7 days before), mostly neutral: “Price war? Globex offers 40% discount to teams switching from Acme”',
    );
    expect(reply.text).toMatch(/^Pricing talk rose 15-fold in the last 7 days \(15 vs 1 the 7 days before\)/);
    const [now, before] = columns(reply);
    expect(now).toMatch(
      /^\*Last 7 days\* · 17–24 Nov\n15 mentions\n.*positive 20% \(3\).*neutral 60% \(9\).*negative 20% \(3\)/,
    );
    expect(now).toContain('Top story: <https://saasledger.example/2026/globex-switching-discount|Price war?');
    expect(now).toContain('Sources: StackRank (5)');
    expect(before).toMatch(/^\*The 7 days before\* · 10–17 Nov\n1 mention\n/);
    expect(before).toContain('Top story: <https://saasledger.example/2026/support-tooling-survey|');
    // Pricing is neither the company nor a competitor: no share of voice is made up.
    expect(now).not.toContain('Share of voice');
    // The same counts as the plain answer's Volume, and its trend.
    const plain = await brief('pricing last 7 days');
    expect(plain.text).toMatch(/: 15 mentions\. Up from 1 in the previous 7 days/);
    // What moved, counted in both periods with pricing's own search.
    expect(lines(reply)).toContain(
      '*What moved* (themes)\nNew: acme desk (7, none the 7 days before) · New: discount (7, none the 7 days before) · New: renewal (7, none the 7 days before) · New: first year (3, none the 7 days before)',
    );
    // Each period's stories: this week's numbered, with their buttons; the week before's linked.
    const text = JSON.stringify(blocksOf(reply));
    expect(text).toContain('*[1]* <https://saasledger.example/2026/globex-switching-discount|');
    expect(text).toContain('*The 7 days before* · 10–17 Nov');
    expect(text).toContain('"value":"share --post pricing this week vs last week"');
    // Words, not shapes or colours: no arrow, and every tone's dot has its word beside it.
    expect(text).not.toMatch(/[▲▼]/);
    expect(text.match(/:(?:red|large_green|white)_circle:(?! (?:positive|neutral|negative))/g)).toBeNull();
    // The whole first page of the week asked is listed, so More goes on from its sixth story.
    expect(text).toContain('*[5]* <');
    expect(text).toContain('"value":"ask --from 5 pricing this week vs last week"');
  });

  it('a company or competitor has its share of voice in each period, counted as side by side counts it', async () => {
    const reply = await brief('globex compared to last week');
    const [now, before] = columns(reply);
    expect(lines(reply)[1]).toMatch(
      /^\*Globex talk rose 17-fold\* in the last 7 days \(17 vs 1 the 7 days before\)/,
    );
    expect(now).toContain('Share of voice: 29%');
    // Its own posts are said in its count, as its one-period answer says them.
    expect(now).toMatch(/^\*Last 7 days\* · 17–24 Nov\n17 mentions, 8 of them Globex's own posts\n/);
    expect(before).toMatch(/^\*The 7 days before\* · 10–17 Nov\n1 mention, Globex's own post\n/);
    // The week before, Globex's one mention was its own post: no one else's to share.
    expect(before).toContain('Share of voice: none, as no one else mentioned them');
    const versus = await brief('acme vs globex');
    expect(JSON.stringify(versus.blocks)).toContain('29% share of voice');
  });

  it('"compare with last week" after a question compares that question\'s subject', async () => {
    const userId = 'UCOMPARE1';
    await brief('what are customers saying about outages', userId);
    const compared = await brief('compare with last week', userId);
    expect(lines(compared)[0]).toBe('Outages: last 7 days vs the 7 days before');
    expect(lines(compared)[1]).toMatch(
      /^\*Customers' talk about outages: \d+ mentions\* in the last 7 days, none the 7 days before/,
    );
    assertWithinSlackLimits(compared, 'compare with last week');
  });

  it('"same for outages" after a comparison compares outages over the same two periods', async () => {
    const userId = 'UCOMPARE2';
    await brief('pricing this week vs last week', userId);
    const outages = await brief('same for outages', userId);
    expect(lines(outages)[0]).toBe('Outages: last 7 days vs the 7 days before');
    expect(lines(outages)[1]).toMatch(
      /^\*Outages: 7 mentions\* in the last 7 days, none the 7 days before[,:]/,
    );
    // Two named periods alike, and "and for globex?" as "same for" is.
    await brief('pricing this month vs october', userId);
    expect(lines(await brief('and for globex?', userId))[0]).toBe('Globex: this month vs October');
  });

  it('a follow-up keeps periods as typed, or by their days when neither their names nor the words typed read back as them', async () => {
    const userId = 'UCOMPARE3';
    // "the 7 days before" of yesterday is no "the day before": the periods are read back as typed.
    await brief('pricing yesterday vs last week', userId);
    expect(lines(await brief('same for outages', userId))[0]).toBe('Outages: yesterday vs the 7 days before');
    // Read as this week against the 7 days before, whose names read back as other periods: by their days.
    const pricing = await brief('how does pricing yesterday compare to last week', userId);
    expect(lines(pricing)[0]).toBe('Pricing: this week vs the 7 days before');
    const globex = await brief('same for globex', userId);
    expect(lines(globex)[0]).toBe('Globex: from 23 Nov to 24 Nov vs from 16 Nov to 22 Nov');
    expect(lines(globex).join('\n')).not.toContain('cannot be carried over');
    // The same two periods as the question before: its columns' days.
    const days = (reply: Reply) => columns(reply).map((column) => column.split('\n')[0]?.split(' · ')[1]);
    expect(days(globex)).toEqual(['23–24 Nov', '16–22 Nov']);
    expect(days(globex)).toEqual(days(pricing));
  });

  it('"more" after a comparison pages on through both periods\' stories, and says so on each page', async () => {
    const userId = 'UCOMPARE4';
    await brief('pricing this week vs last week', userId);
    const pages = [await brief('more', userId), await brief('more', userId)];
    expect(pages.map((page) => lines(page).find((line) => / · sources \d/.test(line)))).toEqual([
      'last 7 days · 15 mentions · sources 6–10',
      'last 7 days · 15 mentions · sources 11–15',
    ]);
    for (const page of pages) {
      assertWithinSlackLimits(page, 'more after a comparison');
      expect(lines(page)).toContain(
        ':information_source: More stories of the two periods compared: the last 7 days (17–24 Nov), numbered on, then the 7 days before (10–17 Nov).',
      );
    }
  });

  it('"what changed since last week": every topic, the ones that moved named', async () => {
    const reply = await brief('what changed since last week');
    expect(lines(reply)[0]).toBe('Everything followed: last 7 days vs the 7 days before');
    expect(lines(reply)[1]).toMatch(
      /^\*Talk about your topics rose 17-fold\* in the last 7 days \(34 vs 2 the 7 days before\)/,
    );
    expect(lines(reply)).toContain(
      '*What moved* (topics)\nNew: acme (22, none the 7 days before) · Up: globex (17, from 1) · Up: pricing (15, from 1) · New: outages (7, none the 7 days before)',
    );
  });

  it("periods of unequal length are said plainly, with a day's average, and a quiet period is named as such", async () => {
    const reply = await brief('pricing this month vs october');
    assertWithinSlackLimits(reply, 'pricing this month vs october');
    expect(lines(reply)[0]).toBe('Pricing: this month vs October');
    expect(lines(reply)[1]).toMatch(/^\*Pricing: 16 mentions\* this month, none in October[,:]/);
    expect(lines(reply)).toContain(
      ':straight_ruler: The periods are not the same length: this month is 24 days, October 31 days. A day averages 0.7 mentions against 0.0.',
    );
    expect(columns(reply)[1]).toBe('*October* · 1–31 Oct\nNo mentions');
    expect(lines(reply)).toContain('No mentions in October.');
  });

  it('overlapping periods are never counted twice: "yesterday vs last week" is yesterday against the 7 days before it', async () => {
    const reply = await brief('pricing yesterday vs last week');
    expect(lines(reply)[0]).toBe('Pricing: yesterday vs the 7 days before');
    expect(lines(reply)).toContain(
      ':information_source: Last 7 days takes in yesterday, so yesterday is set against the 7 days before it.',
    );
    expect(lines(reply).join('\n')).toContain(
      'The periods are not the same length: yesterday is 24 hours, the 7 days before 7 days.',
    );
  });

  it("two sides and two periods: each side's figures in both periods, a card a side, who moved first", async () => {
    const reply = await brief('acme vs globex this week vs last week');
    assertWithinSlackLimits(reply, 'acme vs globex this week vs last week');
    const read = lines(reply);
    expect(read[0]).toBe('Acme vs Globex: last 7 days vs the 7 days before');
    // Who moved, said first, in words with both counts: the bigger move first (Globex's own posts
    // left out, as side by side leaves them out).
    expect(read[1]).toBe(
      '*Who moved:* Acme rose from none (22 vs 0), Globex rose from none (9 vs 0), in the last 7 days against the 7 days before',
    );
    // A card a side: its change, then its figures in each period (mentions, sentiment, share of voice).
    const cards = sideCards(reply);
    expect(cards.map((card) => card.text?.text?.split('\n')[0])).toEqual([
      '*Acme* rose from none (22 vs 0)',
      '*Globex* rose from none (9 vs 0)',
    ]);
    const [acme, globex] = cards.map((card) => (card.fields ?? []).map((field) => field.text)) as [
      string[],
      string[],
    ];
    expect(acme[0]).toMatch(
      /^\*Last 7 days\* · 17–24 Nov\n22 mentions\n.*negative 36% \(8\)\nShare of voice: 71%$/,
    );
    expect(acme[1]).toBe('*The 7 days before* · 10–17 Nov\nNo mentions');
    // The same figures as the side's own two periods compared (Acme posts nothing of its own).
    const [acmeNow, acmeBefore] = columns(await brief('acme compared to last week'));
    expect(acme).toEqual([acmeNow.split('\nTop story')[0], acmeBefore.split('\nTop story')[0]]);
    expect(globex[1]).toContain('Share of voice: none, as no one else mentioned them');
    // Then each side's stories of the week asked, numbered as side by side numbers them.
    expect(read).toContain('*Globex* · last 7 days');
    // Globex's [1] is the one side by side lists first (the first source its summary cites).
    const firstOfGlobex = (text: string[]) =>
      text
        .slice(text.findLastIndex((line) => line.startsWith('*Globex*')))
        .find((line) => line.startsWith('*[1]* <'))
        ?.split('|')[0];
    expect(firstOfGlobex(read)).toMatch(/^\*\[1\]\* <https:\/\/saasledger\.example\/2026\/globex-/);
    expect(firstOfGlobex(read)).toBe(firstOfGlobex(lines(await brief('acme vs globex'))));
    expect(read.join('\n')).not.toContain('Side by side shows one period');
    expect(reply.text).toMatch(
      /^Who moved: Acme rose from none \(22 vs 0\), Globex rose from none \(9 vs 0\)/,
    );
    // More goes on with each side's stories of the week asked, said so on top.
    await brief('acme vs globex this week vs last week', 'USIDES1');
    expect(lines(await brief('more', 'USIDES1'))).toContain(
      ':information_source: More stories of each side in the last 7 days (17–24 Nov), the later of the two periods compared, numbered on; the cards above count that period alone.',
    );
    // "In one line": a line a side, its change first; a competitor's own posts, left out of its
    // count, are said beside it in each period.
    const one = await brief('acme vs globex this week vs last week in one line');
    assertWithinSlackLimits(one, 'acme vs globex this week vs last week in one line');
    expect(lines(one)).toEqual([
      'Acme vs Globex: last 7 days vs the 7 days before',
      '*Acme*: rose from none, 22 mentions in the last 7 days against none the 7 days before, mixed in tone.\n*Globex*: rose from none, 9 mentions by others (+8 own posts) in the last 7 days against none (+1 own post) the 7 days before, mixed in tone.',
    ]);
  });

  it("two sides and two periods: each side's card names the themes that moved most, as its own comparison counts them", async () => {
    const reply = await brief('acme vs globex this week vs last week');
    const moved = sideCards(reply).map((card) => card.text?.text?.split('\n').slice(1));
    expect(moved).toEqual([
      [
        'What moved: New: renewal (7, from none) · New: pricing (6, from none) · New: discount (5, from none)',
      ],
      ['What moved: New: ai (5, from none) · New: discount (4, from none) · New: pricing (4, from none)'],
    ]);
    // The same moves, and counts, as the side's own two periods compared: its first three.
    const own = lines(await brief('acme this week vs last week')).find((line) =>
      line.startsWith('*What moved*'),
    );
    expect(own?.split('\n')[1]?.split(' · ').slice(0, 3).join(' · ')).toBe(
      moved[0]?.[0]?.replace('What moved: ', '').replace(/from none/g, 'none the 7 days before'),
    );
    // A card stays short enough to read on a phone: its change, what moved, and two columns of four lines.
    for (const card of sideCards(reply))
      expect(
        [card.text?.text ?? '', ...(card.fields ?? []).map((field) => field.text)].join('\n').split('\n')
          .length,
      ).toBeLessThanOrEqual(12);
  });

  it("two sides and two periods: each side's top story of the period before, a line under its stories", async () => {
    const read = lines(await brief('pricing vs outages this week vs last week'));
    // Two themes are named in the header as their cards name them, capitalised as "Acme vs Globex" is.
    expect(read[0]).toBe('Pricing vs Outages: last 7 days vs the 7 days before');
    const storiesOf = (side: string) => read.slice(read.indexOf(`*${side}* · last 7 days`));
    // Then against now: the week before's top story follows the side's stories of the week asked.
    const pricing = storiesOf('Pricing');
    expect(pricing.slice(0, 5).map((line) => line.slice(0, 5))).toEqual([
      '*Pric',
      '*[1]*',
      '*[2]*',
      '*[3]*',
      '*The ',
    ]);
    expect(pricing[4]).toBe(
      '*The 7 days before* (10–17 Nov), its top story: <https://saasledger.example/2026/support-tooling-survey|Survey: 62% of support leaders plan to cut tooling spend next year> · SaaS Ledger',
    );
    expect(storiesOf('Outages')[4]).toBe('*The 7 days before* (10–17 Nov): no mentions.');
    // The same top story as the side's own two periods compared names for the week before.
    expect(columns(await brief('pricing this week vs last week'))[1]).toContain(
      'Top story: <https://saasledger.example/2026/support-tooling-survey|',
    );
  });

  it("two sides and two periods: a competitor's own posts are neither its praise nor complaints, as side by side counts them", async () => {
    const reply = await brief('acme vs globex this week vs last week');
    const [, globex] = sideCards(reply).map((card) => (card.fields ?? []).map((field) => field.text));
    // Globex's tone counts what others said: the side-by-side card's, not its launch posts'.
    const versus = lines(await brief('acme vs globex')).find((line) => line.startsWith('*Globex*\n'));
    const othersTone = versus?.split('\n').at(-1);
    // The same shares: the side-by-side card's by their dots (a phone's line), the period's with their words.
    expect(othersTone).toBe(
      ':large_green_circle: 44% positive · :white_circle: 33% · :red_circle: 22% negative',
    );
    expect(globex?.[0]).toBe(
      `*Last 7 days* · 17–24 Nov\n17 mentions, 8 of them Globex's own posts\n:large_green_circle: positive 44% (4) · :white_circle: neutral 33% (3) · :red_circle: negative 22% (2)\nShare of voice: 29%`,
    );
    // The week before, its one mention was its own post: no one else's tone to read.
    expect(globex?.[1]).toBe(
      "*The 7 days before* · 10–17 Nov\n1 mention, Globex's own post\nTone: none by others\nShare of voice: none, as no one else mentioned them",
    );
    expect(lines(reply)).toContain(
      ":information_source: Who moved, what moved, tone and share of voice leave out Globex's own posts.",
    );
    // What moved counts others' words too: Globex's own posts about tickets are none of its moves,
    // though its own comparison, counting every mention, names them.
    const card = sideCards(reply)[1]?.text?.text ?? '';
    expect(card).not.toContain('tickets');
    expect(lines(await brief('globex this week vs last week'))).toContainEqual(
      expect.stringContaining('New: tickets (7, none the 7 days before)'),
    );
  });

  it("two sides and two periods where a competitor's only mentions are its own posts: still its card, never an empty answer", async () => {
    const reply = await brief('acme vs globex from 10 nov to 17 nov vs the period before');
    expect(lines(reply)[0]).toBe('Acme vs Globex: from 10 Nov to 17 Nov vs the 8 days before');
    // Its own post is no one else's mention, but Globex was not quiet: it posted.
    expect(lines(reply)[1]).toBe(
      '*Who moved:* Acme was quiet in both (0 vs 0), Globex had no mentions by others in either (0 vs 0), from 10 Nov to 17 Nov against the 8 days before',
    );
    const [, globex] = sideCards(reply).map((card) => (card.fields ?? []).map((field) => field.text));
    expect(globex?.[0]).toBe(
      "*From 10 Nov to 17 Nov* · 10–17 Nov\n1 mention, Globex's own post\nTone: none by others\nShare of voice: none, as no one else mentioned them",
    );
  });

  it('"acme vs globex since the launch vs before": the period since the event against one as long before it', async () => {
    const reply = await brief('acme vs globex since the launch vs before');
    assertWithinSlackLimits(reply, 'acme vs globex since the launch vs before');
    const read = lines(reply);
    expect(read[0]).toBe('Acme vs Globex: since 18 November vs the 7 days before');
    expect(read[1]).toMatch(/^\*Who moved:\* .* since 18 November against the 7 days before$/);
    // The event is found as "since the launch" alone is, and "vs before" is no part of its words.
    expect(read.join('\n')).toContain(
      "Since the launch, read as Acme's launch (no company named, so ours), first told 18 Nov",
    );
    // The period before is as long to the hour: no note of unequal lengths, and its days are named.
    expect(read.join('\n')).not.toContain('not the same length');
    expect(sideCards(reply).map((card) => card.fields?.[1]?.text.split('\n')[0])).toEqual([
      '*The 7 days before* · 11–17 Nov',
      '*The 7 days before* · 11–17 Nov',
    ]);
    // The runner-up event's question keeps the comparison.
    expect(JSON.stringify(reply.blocks)).toContain(
      'acme vs globex since the Globex launch vs the period before',
    );
    // One subject: the same two periods.
    expect(lines(await brief('acme since the launch vs before'))[0]).toBe(
      'Acme: since 18 November vs the 7 days before',
    );
  });

  it('follow-ups of a comparison around an event keep both periods: "same for globex", "more"', async () => {
    const userId = 'UEVENTVS1';
    await brief('acme since the launch vs before', userId);
    // Another subject: its own launch, looked up again, and the period as long before it.
    const globex = lines(await brief('same for globex', userId));
    expect(globex[0]).toBe('Globex: since 22 November vs the 3 days before');
    expect(globex.join('\n')).toContain("Since the launch, read as Globex's launch");
    await brief('acme vs globex since the launch vs before', userId);
    // More names the later period as a person would: "since 18 November", never "in the since …".
    expect(lines(await brief('more', userId))).toContain(
      ':information_source: More stories of each side since 18 November (18–24 Nov), the later of the two periods compared, numbered on; the cards above count that period alone.',
    );
  });

  it("customers' words asked: the lead and the columns say whose words are counted", async () => {
    const reply = await brief('what are customers saying about pricing this week vs last week');
    expect(lines(reply)[1]).toMatch(
      /^\*Customers' talk about pricing rose 8-fold\* in the last 7 days \(8 vs 1 the 7 days before\)/,
    );
    expect(columns(reply)[0]).toContain('\n8 customer posts (of 15 mentions)\n');
  });

  it('two periods with nothing in either: the usual empty answer, never an empty table', async () => {
    const reply = await brief('pricing in march vs april');
    expect(reply.text).toBe('No mentions of pricing in April or in March (16 in the last 30 days).');
  });
});

describe('a change in words', () => {
  it.each([
    [24, 12, 'doubled'],
    [36, 12, 'tripled'],
    [15, 1, 'rose 15-fold'],
    [6, 12, 'halved'],
    [14, 10, 'rose 40%'],
    [7, 10, 'fell 30%'],
    [10, 10, 'held steady'],
    [5, 0, 'rose from none'],
    [0, 5, 'went quiet'],
  ])('%i against %i: %s', (now, before, words) => {
    expect(changeWords(now, before)).toBe(words);
  });
});

describe('the comparison builder', () => {
  const counts = (count: number): EvidenceCounts => ({
    current: count,
    previous: 0,
    sentiment: { positive: 0, neutral: 0, negative: count },
    previousSentiment: { positive: 0, neutral: 0, negative: 0 },
    byKind: { news: count },
    byCompetitor: {},
    daily: [],
    toEnd: [],
  });

  it('stays within Slack limits whatever the feeds write, and escapes their text', () => {
    const long = `<b>${'Renewal & pricing '.repeat(200)}</b>`;
    const item = (number: number): AnswerItem =>
      answerItem({
        id: number,
        title: long,
        url: `https://example.com/${number}`,
        publishedAt: new Date('2026-11-24T10:00:00Z'),
        feedTitle: long,
        number,
      });
    const period = (label: string, count: number): PeriodFigures => ({
      label,
      dates: '17–24 Nov',
      hours: 168,
      counts: counts(count),
      othersOnly: false,
      of: { counts: counts(count), together: null, otherVoices: count, customerVoices: 0, ownPosts: null },
      stories: Array.from({ length: 10 }, (_, at) => item(at + 1)),
      sources: Array.from({ length: 3 }, () => ({ label: long, count })),
      share: 40,
    });
    const comparison: Comparison = {
      label: '<b>Renewal & pricing</b>',
      later: period('last 7 days', 24),
      earlier: period('the 7 days before', 12),
      shifts: Array.from({ length: 4 }, (_, at) => ({
        name: long,
        now: at + 3,
        before: 0,
        move: 'new' as const,
      })),
      shiftsOf: 'themes',
      heard: null,
    };
    const reply = comparisonMessage(comparison, {
      asked: [],
      actions: [],
      story: (story, numbered) =>
        section(itemLine(story, new Date('2026-11-24T22:00:00Z'), shortFeedName, numbered)),
      names: shortFeedName,
      sentiment: () => 'negative 100%',
      mentions: (figures) => `${figures.counts.current} mentions`,
    });
    assertWithinSlackLimits(reply, 'a comparison of long feed text');
    expect(reply.text).toMatch(
      /^&lt;b&gt;Renewal &amp; pricing&lt;\/b&gt; talk doubled in the last 7 days \(24 vs 12 the 7 days before\)/,
    );
    // The header is plain text, shown as typed; every mrkdwn text has it escaped.
    expect(JSON.stringify(reply.blocks.slice(1))).not.toContain('<b>');
    // Two sides, each with ten stories and long names: a card a side, still within the limits.
    const sides = sidesComparisonMessage([comparison, { ...comparison, label: long }], {
      title: `${long} vs ${long}`,
      asked: [],
      actions: [],
      story: (story) => section(itemLine(story, new Date('2026-11-24T22:00:00Z'), shortFeedName)),
      names: shortFeedName,
      sentiment: () => 'negative 100%',
      mentions: (figures) => `${figures.counts.current} mentions`,
    });
    assertWithinSlackLimits(sides, 'two sides of long feed text');
    expect(JSON.stringify(sides.blocks.slice(1))).not.toContain('<b>');
    expect(sides.text).toMatch(/^Who moved: &lt;b&gt;Renewal &amp; pricing&lt;\/b&gt; doubled \(24 vs 12\)/);
  });
});
