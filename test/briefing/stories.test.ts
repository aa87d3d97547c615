import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { type AnswerItem, answerQuestion, topStories } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { demoCompanyTopic } from '../../src/console/demo.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { createTestDeps } from '../helpers/deps.ts';
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
