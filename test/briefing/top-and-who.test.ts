import { describe, expect, it } from 'vitest';
import { read } from '../helpers/commands.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

const demo = useDemoCorpus({ now: '2026-11-02T09:00:00Z' });

describe('"top 3" after a subject', () => {
  it('says how many stories there are when the subject has fewer, not "the top 3" over two', async () => {
    const userId = 'UTOPFEW1';
    await demo.brief('how did the launch land', userId);
    for (const count of [3, 5, 10]) {
      const reply = read(await demo.brief(`top ${count}`, userId));
      expect(reply).toContain(
        `The 2 stories about launch — there is no third in the last 7 days. For the top ${count} across all your topics: \`/brief what’s new in ${count} stories\`.`,
      );
      expect(reply).not.toContain(`The top ${count} about`);
      expect(reply).toContain('[2]');
      expect(reply).not.toContain('[3]');
    }
  });

  it('keeps "the top 3" when the subject has that many', async () => {
    const userId = 'UTOPFEW2';
    await demo.brief('pricing', userId);
    const reply = read(await demo.brief('top 3', userId));
    expect(reply).toContain('The top 3 about pricing, the subject of your last question.');
    expect(reply).toContain('[3]');
  });
});
