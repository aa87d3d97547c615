import { describe, expect, it } from 'vitest';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { read } from '../helpers/commands.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

const berlin = 'Europe/Berlin';
// Tuesday 24 November 2026, 10:00 in Berlin.
const tuesday = new Date('2026-11-24T09:00:00Z');

function parse(text: string) {
  return parseAsk(text, tuesday, berlin);
}

describe('questions typed on a phone', () => {
  it('reads shorthand as the words it stands for, never as subject words', () => {
    const read = (text: string) => {
      const asked = parse(text);
      return { subjects: asked.subjects, window: asked.window.label, customers: asked.customers };
    };
    expect(read('whats up w pricing')).toEqual({
      subjects: ['pricing'],
      window: 'last 7 days',
      customers: false,
    });
    expect(read('pricing w/ customers')).toEqual({
      subjects: ['pricing'],
      window: 'last 7 days',
      customers: true,
    });
    expect(read('re: pricing').subjects).toEqual(['pricing']);
    expect(read('any news re globex ai').subjects).toEqual(['globex ai']);
    expect(read('wht r ppl sayin abt pricing').subjects).toEqual(['pricing']);
    expect(read('how r we doing this wk')).toEqual({
      subjects: ['we'],
      window: 'this week',
      customers: false,
    });
    expect(read('acme mtd')).toEqual({ subjects: ['acme'], window: 'this month', customers: false });
    expect(read('pricing yday').window).toBe('yesterday');
    expect(read('acme 2day').window).toBe('today');
    expect(read('outage status eod?')).toEqual({ subjects: ['outage'], window: 'today', customers: false });
    expect(read('whats the sentiment on globex rn').subjects).toEqual(['globex']);
    // "wow" alone is no week-over-week.
    expect(read('wow').subjects).toEqual(['wow']);
  });

  it('reads "w/o news" as customers only and "w/o reviews" as the press', () => {
    expect(parse('pricing w/o news')).toMatchObject({ subjects: ['pricing'], customers: true });
    expect(parse('pricing w/o reviews')).toMatchObject({ subjects: ['pricing'], press: true });
  });

  it('reads yoy, qoq and "this wk vs last wk" as two periods side by side', () => {
    const yoy = parse('pricing yoy');
    expect(yoy.subjects).toEqual(['pricing']);
    expect(yoy.window.days).toBe(365);
    expect(yoy.window.before?.days).toBe(365);
    expect(parse('acme qoq').window.before?.days).toBe(90);
    const weeks = parse('acme this wk vs last wk');
    expect(weeks.subjects).toEqual(['acme']);
    expect(weeks.window.before?.label).toBe('the 7 days before');
  });
});

describe('yes/no questions typed short', () => {
  it('reads "is globex cheaper" as against us, and "are we cheaper" as against our competitors', () => {
    expect(parse('is globex cheaper')).toMatchObject({
      subjects: ['us pricing', 'globex pricing'],
      price: true,
    });
    expect(parse('are we cheaper')).toMatchObject({
      subjects: ['us pricing', 'competitors pricing'],
      price: true,
    });
  });
});

describe('a short answer asked for', () => {
  it('reads "in one line", "tl;dr" and "just the numbers" as the shape, never as subject words', () => {
    for (const text of ['pricing in one line', 'pricing as a one-liner', 'pricing in one line last 30 days'])
      expect(parse(text), text).toMatchObject({ subjects: ['pricing'], shape: 'line' });
    // "tl;dr" asks for the answer itself, a summary: its semicolon is no word of the subject.
    for (const text of ['tl;dr pricing', 'pricing tl;dr'])
      expect(parse(text).subjects, text).toEqual(['pricing']);
    expect(parse('pricing in one line last 30 days').window.label).toBe('last 30 days');
    for (const text of [
      'pricing just numbers',
      'numbers on pricing',
      'pricing, just the numbers',
      'pricing numbers only',
    ])
      expect(parse(text), text).toMatchObject({ subjects: ['pricing'], shape: 'numbers' });
    expect(parse('tl;dr')).toMatchObject({ overview: true });
    expect(parse('just numbers')).toMatchObject({ overview: true, shape: 'numbers' });
  });

  const demo = useDemoCorpus();

  it('answers "pricing in one line" with its figures and one point, no fields to scroll past', async () => {
    const reply = await demo.brief('pricing in one line');
    const sections = reply.blocks.filter(
      (block) => block.type === 'section' && 'text' in block && !('accessory' in block),
    );
    expect(read(reply)).toContain('What people are saying about pricing');
    expect(read(reply)).not.toContain('*Volume*');
    const [line] = sections.map((block) => (block as { text?: { text?: string } }).text?.text ?? '');
    expect(line).toMatch(
      /^15 mentions, up from 1 in the previous 7 days; 20% positive, 60% neutral, 20% negative\. .+\[\d\]$/,
    );
    expect(line?.match(/\[\d\]/g)).toHaveLength(1);
  });

  it('answers "acme just numbers" with the counts on top and no summary', async () => {
    const reply = await demo.brief('acme just numbers');
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain(
      'Acme, last 7 days: 22 mentions; 8 (36%) positive, 6 (27%) neutral, 8 (36%) negative.',
    );
    expect(blocks).toContain('*Volume*');
    expect(blocks).toContain('22 mentions · counts only');
    expect(blocks).not.toContain('Acme will move Acme Desk customers');
  });
});
