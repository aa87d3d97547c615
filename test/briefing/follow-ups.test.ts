import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic, TopicKind } from '../../src/analysis/topics.ts';
import { followUpQuestion } from '../../src/briefing/answer.ts';
import { read } from '../helpers/commands.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

describe('a follow-up that changes two parts of the last question at once', () => {
  const demo = useDemoCorpus();
  /** The question a follow-up asks, after `first`, for a person of its own. */
  async function followUpAfter(first: string, then: string, userId: string): Promise<string | undefined> {
    await demo.brief(first, userId);
    return (await followUpQuestion(demo.deps, userId, then))?.question;
  }

  it('reads "same for outages but only reviews" as outages, customers’ words, over the last question’s period', async () => {
    expect(await followUpAfter('pricing last 30 days', 'same for outages but only reviews', 'UTWO01')).toBe(
      'what are customers saying about outages last 30 days',
    );
    const reply = read(await demo.brief('same for outages but only reviews', 'UTWO01'));
    expect(reply).toContain('What customers are saying about outages');
    expect(reply).toContain('last 30 days · 4 customer posts (of 7 mentions)');
    expect(reply).not.toContain('outages but');
  });

  // [last question, follow-up, the question it asks]
  it.each([
    // A side, the press or a language after the new subject.
    [
      'pricing last 30 days',
      'same for outages but just the negative ones',
      'negative coverage of outages last 30 days',
    ],
    ['acme last 30 days', 'now globex, only news', 'globex in the press last 30 days'],
    ['pricing last 30 days', 'and globex in german', 'globex in German last 30 days'],
    // A subject, its period and two narrowings at once.
    [
      'pricing',
      'same for outages last month but only reviews in german',
      'what are customers saying about outages in German in October',
    ],
    // A subject and its period, the rest kept; whose words, as the new words ask.
    [
      'what are customers saying about pricing',
      'and globex last month',
      'what are customers saying about globex in October',
    ],
    [
      'pricing last 30 days',
      'what about churn among customers this quarter',
      'what are customers saying about churn this quarter',
    ],
    // A period and whose words (or a side), in either order.
    ['pricing', 'last month but only reviews', 'what are customers saying about pricing last month'],
    ['pricing', 'only reviews last month', 'what are customers saying about pricing last month'],
    ['pricing', 'and last month, only news', 'pricing in the press last month'],
    ['pricing', 'just the negative ones last 30 days', 'negative coverage of pricing last 30 days'],
    // No new subject: the last one, narrowed.
    ['pricing last 30 days', 'same for the negative ones', 'negative coverage of pricing last 30 days'],
    [
      'pricing last 30 days',
      'same for it but only reviews',
      'what are customers saying about pricing last 30 days',
    ],
    ['pricing last 30 days', 'same for only reviews', 'what are customers saying about pricing last 30 days'],
    // Two subjects named anew keep the last period.
    ['pricing last 30 days', 'same for acme vs globex', 'acme vs globex last 30 days'],
  ])('after "%s", reads "%s" as "%s"', async (first, then, asked) => {
    expect(await followUpAfter(first, then, `UTWO-${then}`)).toBe(asked);
  });

  it('answers "only reviews last month" as customers on the last subject, in October', async () => {
    await demo.brief('pricing', 'UTWO20');
    const reply = read(await demo.brief('only reviews last month', 'UTWO20'));
    expect(reply).toContain('What customers are saying about pricing');
    expect(reply).toMatch(/in October · \d+ customer posts? \(of \d+ mentions\)/);
  });
});

describe('whose words alone after "what about" or "and"', () => {
  const demo = useDemoCorpus();

  // [last question, follow-up, the question it asks]
  it.each([
    ['pricing last 30 days', 'what about customers', 'what are customers saying about pricing last 30 days'],
    ['pricing last 30 days', 'ok and the press?', 'pricing in the press last 30 days'],
    ['what’s new', 'and customers?', 'what are customers saying last 7 days'],
    // Typed alone after a question, the same: never "What people are saying about customers".
    ['pricing last 30 days', 'customers', 'what are customers saying about pricing last 30 days'],
    ['pricing last 30 days', 'the press?', 'pricing in the press last 30 days'],
  ])(
    'after "%s", "%s" is the last question in those words ("%s"), never a search for them',
    async (first, then, asked) => {
      const userId = `UWHOSE${first.length}${then.length}`;
      await demo.brief(first, userId);
      expect((await followUpQuestion(demo.deps, userId, then))?.question).toBe(asked);
    },
  );

  it('"what about customers" after pricing answers with customers’ words on pricing', async () => {
    await demo.brief('pricing', 'UWHOSE01');
    const reply = await demo.brief('what about customers', 'UWHOSE01');
    expect(reply.text).toMatch(/^What customers are saying about pricing/);
    expect(read(reply)).not.toContain('about customers');
  });

  it('"customers" with no question before stays a question of its own', async () => {
    expect(await followUpQuestion(demo.deps, 'UWHOSE02', 'customers')).toBeNull();
  });
});

describe('another company named after a question about one company’s theme', () => {
  const demo = useDemoCorpus();
  // Acme is the company, as in the demo console; Globex is a competitor already.
  beforeAll(() =>
    addTopic(demo.deps, { name: 'acme', query: 'acme', kind: TopicKind.Company, actorId: 'USEED' }),
  );

  it.each([
    ['globex pricing last 2 weeks', 'and acme?', 'acme pricing last 2 weeks'],
    ['globex pricing last 2 weeks', 'what about acme', 'acme pricing last 2 weeks'],
    ['acme outages', 'same for globex', 'globex outages last 7 days'],
    // No theme to keep: the company alone, as before.
    ['globex last 30 days', 'and acme?', 'acme last 30 days'],
    // Not a company: another subject, the theme not carried.
    ['globex pricing', 'and outages?', 'outages last 7 days'],
  ])('after "%s", reads "%s" as "%s"', async (first, then, asked) => {
    await demo.brief(first, `UPARTY-${first}-${then}`);
    expect((await followUpQuestion(demo.deps, `UPARTY-${first}-${then}`, then))?.question).toBe(asked);
  });

  it('"and acme?" after "globex pricing last 2 weeks" answers Acme pricing, saying how to get all of Acme', async () => {
    await demo.brief('globex pricing last 2 weeks', 'UPARTY01');
    const reply = await demo.brief('and acme?', 'UPARTY01');
    expect(reply.text).toMatch(/^What people are saying about Acme pricing/);
    expect(read(reply)).toContain(
      'About pricing, as your last question was. For everything about acme: `/brief acme last 2 weeks`.',
    );
  });
});
