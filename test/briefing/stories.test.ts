import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { type AnswerItem, answerQuestion, topStories } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { demoCompanyTopic } from '../../src/console/demo.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, createTopic, storeFeedItems } from '../helpers/digest.ts';

const demo = useDemoCorpus({ now: '2026-11-24T22:00:00Z' });
// As in the console's demo: acme is the company, globex its competitor.
beforeAll(async () => {
  await addTopic(demo.deps, { ...demoCompanyTopic, actorId: 'USEED' });
});

async function overviewPage(offset: number): Promise<AnswerItem[]> {
  const { deps } = demo;
  const request = parseAsk("what's new", deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  const answer = await answerQuestion(deps, request, { userId: 'USTORY01', offset });
  return answer.subjects[0]?.items ?? [];
}

describe('events ranked by their coverage', () => {
  it('lists a story two sources tell before a lone post ranked a little higher as an item', async () => {
    const first = await overviewPage(0);
    const both = [...first, ...(await overviewPage(5))];
    const release = both.find((item) => item.url?.endsWith('/acme-desk-fall-release'));
    const analysis = both.find((item) => item.url?.endsWith('/usage-based-pricing-analysis'));
    // Acme's fall release, told by the news and a review, against an analysis one source tells
    // that ranks above it as an item (a search score is negative: the lower, the better).
    expect(release?.otherSources).toBe(1);
    expect(analysis?.otherSources).toBe(0);
    expect(analysis?.score).toBeLessThan(release?.score ?? 0);
    expect(both.indexOf(release as AnswerItem)).toBeLessThan(both.indexOf(analysis as AnswerItem));
    // The first page is the stories several sources tell; the lone posts come after.
    expect(first.map((item) => item.otherSources > 0)).toEqual([true, true, true, true, true]);
    // Acme's price rise (3 sources, 5 mentions) still leads: Globex's discount is told by as many
    // others, its own post being no coverage of it.
    expect(first[0]?.url).toBe('https://saasledger.example/2026/acme-desk-pricing-usage-tiers');
    // App Home's headlines alike.
    const { stories: home } = await topStories(demo.deps, { days: 7, count: 5 });
    expect(home.map((item) => item.url)).toEqual(first.map((item) => item.url));
  });
});

describe('events read in the language each mention was stored in', () => {
  it('keeps Acme’s new EU region apart from its outage in `what’s new` and on App Home: an English headline too short to tell is no Dutch outage', async () => {
    const deps = await createTestDeps({ now: '2026-11-01T12:00:00Z' });
    try {
      await createTopic(deps, 'acme', 'acme');
      const news = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
      const blog = await createFeed(deps, { host: 'https://blog.example.org', title: 'Blog' });
      await storeFeedItems(deps, news, [
        {
          guid: 'outage',
          title: 'Acme Desk outage: EU customers without tickets for four hours',
          text: 'Acme Desk customers in Frankfurt could not open tickets from 9:00 to 13:00.',
        },
      ]);
      await storeFeedItems(deps, blog, [
        { guid: 'residency', title: 'Acme Desk now storing EU customer tickets in Frankfurt', text: '' },
      ]);
      deps.clock.advance(3600_000);
      const request = parseAsk("what's new", deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
      const answer = await answerQuestion(deps, request, { userId: 'USTORY01' });
      const items = answer.subjects[0]?.items ?? [];
      expect(items.map((item) => item.title).sort()).toEqual([
        'Acme Desk now storing EU customer tickets in Frankfurt',
        'Acme Desk outage: EU customers without tickets for four hours',
      ]);
      expect(items.map((item) => item.otherSources)).toEqual([0, 0]);
      // App Home's headlines alike: two stories.
      const { stories: home } = await topStories(deps, { days: 7, count: 5 });
      expect(home.map((item) => item.sourceCount)).toEqual([1, 1]);
    } finally {
      await deps.cleanup();
    }
  });
});

describe('a subject’s answer: the report the conversation reacts to', () => {
  async function subjectUrls(deps: TestDeps, question: string): Promise<Array<string | null>> {
    const request = parseAsk(question, deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
    const answer = await answerQuestion(deps, request, { userId: 'USTORY01' });
    return (answer.subjects[0]?.items ?? []).map((item) => item.url);
  }

  it('lists the news of Acme’s price rise, which the forum threads and reviews react to, second in `pricing` (after the one other event of as many sources), before the thread and reviews reacting to it', async () => {
    const urls = await subjectUrls(demo.deps, 'pricing');
    const report = urls.indexOf('https://saasledger.example/2026/acme-desk-pricing-usage-tiers');
    // It was seventh (the Globex discount post, forum threads and an analysis say "pricing" or
    // "discount" more often), then third, after the forum thread reacting to it: ranked by its own
    // words counted with the sources telling it, not where its event ranks (its best telling's).
    expect(report).toBe(1);
    // The thread and reviews reacting to it come after it.
    for (const reaction of [
      'https://community.supportops.example/t/acme-price-increase-renegotiating-or-switching/8841',
      'https://www.stackrank.example/products/acme-desk/reviews/91231',
      'https://www.stackrank.example/products/acme-desk/reviews/91207',
    ])
      expect(urls.indexOf(reaction) === -1 || urls.indexOf(reaction) > report, reaction).toBe(true);
  });

  it('ranks a news report three sources react to above a lone post that repeats the subject’s word, and never lifts a competitor’s own post', async () => {
    const deps = await createTestDeps({ now: '2026-11-01T12:00:00Z' });
    try {
      await createTopic(deps, 'pricing', 'pricing OR price*');
      const hoursAgo = (hours: number) => new Date(deps.clock.now().getTime() - hours * 3_600_000);
      // One telling per source: [host, title, kind, guid, hours ago, title, text].
      const tellings = [
        [
          'https://news.example.com',
          'Example News',
          'news',
          'report',
          30,
          'Acme raises Acme Desk prices by 12% for teams on annual contracts',
          'Acme Desk customers on annual contracts will pay 12% more at renewal, Acme told customers on Monday.',
        ],
        [
          'https://forum.example.org',
          'Forum',
          'forum',
          'thread',
          20,
          'Acme Desk renewal: our quote is 12% higher under the new pricing',
          'Our Acme Desk renewal came in 12% higher on our annual contract. New pricing, same features.',
        ],
        [
          'https://reviews.example.net',
          'Reviews',
          'review',
          'review',
          10,
          'Acme Desk review: "Renewal pricing went up 12%"',
          'Acme Desk is fine but our annual contract renewal price went up 12% with no new features.',
        ],
        [
          'https://rival.example.com',
          'Rival Blog',
          'competitor',
          'pitch',
          15,
          'Acme Desk renewal up 12%? Our pricing stays flat',
          'Acme Desk teams facing a 12% renewal on annual contracts: our pricing and price list stay flat.',
        ],
        [
          'https://blog.example.org',
          'Musings',
          'blog',
          'essay',
          5,
          'Pricing pages, pricing psychology and pricing experiments',
          'Thoughts on pricing: why pricing pages matter, how pricing tests run, and pricing tiers.',
        ],
      ] as const;
      for (const [host, feedTitle, kind, guid, hours, title, text] of tellings) {
        const feed = await createFeed(deps, { host, title: feedTitle, kind });
        await storeFeedItems(deps, feed, [{ guid, title, text, publishedAt: hoursAgo(hours) }]);
      }
      const urls = await subjectUrls(deps, 'pricing');
      const at = (path: string) => urls.findIndex((url) => url?.endsWith(path));
      // The report (a little less relevant as an item than the essay repeating "pricing") ranks
      // above the lone essay; the rival's pitch, though it retells the rise too, is no report of it
      // and keeps its own (low) rank.
      expect(at('/report')).toBeGreaterThanOrEqual(0);
      expect(at('/report')).toBeLessThan(at('/essay'));
      // It ranks where its event ranks: before the thread and review reacting to it, though they say
      // "pricing" and it says only "prices".
      expect(at('/report')).toBeLessThan(at('/thread'));
      expect(at('/report')).toBeLessThan(at('/review'));
      expect(at('/pitch')).toBe(urls.length - 1);
    } finally {
      await deps.cleanup();
    }
  });
});
