import { describe, expect, it } from 'vitest';
import { followUpQuestion } from '../../src/briefing/answer.ts';
import { read } from '../helpers/commands.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

describe('a follow-up that changes two parts of the last question at once', () => {
  const demo = useDemoCorpus();
  /** The question a follow-up asks, after `first`, for a person of its own. */
  async function after(first: string, then: string, userId: string): Promise<string | undefined> {
    await demo.brief(first, userId);
    return (await followUpQuestion(demo.deps, userId, then))?.question;
  }

  it('reads "same for outages but only reviews" as outages, customers’ words, over the last question’s period', async () => {
    expect(await after('pricing last 30 days', 'same for outages but only reviews', 'UTWO01')).toBe(
      'what are customers saying about outages last 30 days',
    );
    const reply = read(await demo.brief('same for outages but only reviews', 'UTWO01'));
    expect(reply).toContain('What customers are saying about outages');
    expect(reply).toContain('last 30 days · 4 customer posts (of 7 mentions)');
    expect(reply).not.toContain('outages but');
  });

  it('reads a side, the press or a language after the new subject as changing that part too', async () => {
    expect(await after('pricing last 30 days', 'same for outages but just the negative ones', 'UTWO02')).toBe(
      'negative coverage of outages last 30 days',
    );
    expect(await after('acme last 30 days', 'now globex, only news', 'UTWO03')).toBe(
      'globex in the press last 30 days',
    );
    expect(await after('pricing last 30 days', 'and globex in german', 'UTWO04')).toBe(
      'globex in German last 30 days',
    );
    // A subject, its period and two narrowings at once.
    expect(await after('pricing', 'same for outages last month but only reviews in german', 'UTWO12')).toBe(
      'what are customers saying about outages in German in October',
    );
  });

  it('reads "and globex last month" and "what about churn among customers this quarter" as subject and period, the rest kept', async () => {
    expect(await after('what are customers saying about pricing', 'and globex last month', 'UTWO05')).toBe(
      'what are customers saying about globex in October',
    );
    const churn = await after(
      'pricing last 30 days',
      'what about churn among customers this quarter',
      'UTWO06',
    );
    expect(churn).toBe('what are customers saying about churn this quarter');
  });

  it('reads a period and whose words (or a side) at once, in either order, as changing both', async () => {
    expect(await after('pricing', 'last month but only reviews', 'UTWO08')).toBe(
      'what are customers saying about pricing last month',
    );
    expect(await after('pricing', 'only reviews last month', 'UTWO09')).toBe(
      'what are customers saying about pricing last month',
    );
    expect(await after('pricing', 'and last month, only news', 'UTWO10')).toBe(
      'pricing in the press last month',
    );
    expect(await after('pricing', 'just the negative ones last 30 days', 'UTWO11')).toBe(
      'negative coverage of pricing last 30 days',
    );
    const reply = read(await demo.brief('only reviews last month', 'UTWO09'));
    expect(reply).toContain('What customers are saying about pricing');
    expect(reply).toMatch(/in October · \d+ customer posts? \(of \d+ mentions\)/);
  });

  it('keeps the last period for two subjects named anew ("same for acme vs globex")', async () => {
    expect(await after('pricing last 30 days', 'same for acme vs globex', 'UTWO07')).toBe(
      'acme vs globex last 30 days',
    );
  });
});
