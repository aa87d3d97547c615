import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/index.ts';
import { read } from '../helpers/commands.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

const demo = useDemoCorpus();

/** The text of each section without a button: what is said, not the sources listed. */
function plainSections(reply: Reply): string[] {
  return reply.blocks
    .filter((block) => block.type === 'section' && 'text' in block && !('accessory' in block))
    .map((block) => (block as { text?: { text?: string } }).text?.text ?? '');
}

describe('a short shape asked of two sides side by side', () => {
  it('"acme vs globex in one line" is a line a side, its figures in words and its first point, no cards', async () => {
    const reply = await demo.brief('acme vs globex in one line');
    const text = read(reply);
    expect(text).toContain('"text":"acme vs Globex"');
    expect(text).toContain('side by side, a line each');
    // No cards, notes or summaries to scroll past on a phone.
    expect(text).not.toContain('per day, oldest first');
    expect(text).not.toContain('Share of voice, trend and sentiment count');
    const [lines] = plainSections(reply);
    const [acme, globex] = lines?.split('\n') ?? [];
    expect(acme).toMatch(
      /^\*acme\*: 22 mentions · \d+% share of voice\. Up from none in the previous 7 days; 36% positive, 27% neutral, 36% negative\. .+ \[\d\]$/,
    );
    // A competitor's trend and tone count what others said, as its card does, and say so.
    expect(globex).toMatch(
      /^\*Globex\*: 17 mentions, 8 of them Globex's own posts · \d+% share of voice\. What others said: up from none in the previous 7 days; 44% positive, 33% neutral, 22% negative\. .+ \[\d\]$/,
    );
    for (const line of [acme, globex]) expect(line?.match(/\[\d\]/g)).toHaveLength(1);
    // Each side's sources stay listed, so what a line cites opens.
    expect(text).toMatch(/\*\[1\]\* <https:\/\/saasledger\.example\/2026\/acme-desk-pricing-usage-tiers\|/);
    // No side's summary repeated under it.
    expect(plainSections(reply).filter((section) => section.startsWith('*acme* —'))).toEqual([]);
  });

  it('"acme vs globex just the numbers" counts each side as its card does, and gives no summaries', async () => {
    const reply = await demo.brief('acme vs globex just the numbers');
    const text = read(reply);
    expect(text).toContain(
      "Last 7 days. Acme: 22 mentions; 8 (36%) positive, 6 (27%) neutral, 8 (36%) negative. Globex: 9 mentions by others (Globex's own 8 of 17 left out); 4 (44%) positive, 3 (33%) neutral, 2 (22%) negative.",
    );
    // The cards agree with the numbers on top.
    expect(text).toContain(
      ':large_green_circle: 44% positive · :white_circle: 33% · :red_circle: 22% negative',
    );
    expect(text).toContain('side by side · counts only');
    expect(plainSections(reply).filter((section) => /^\*(?:acme|Globex)\* — /i.test(section))).toEqual([]);
    const negative = read(await demo.brief('how many are negative?'));
    expect(negative).toContain(
      "Globex: 2 of the 9 mentions by others (22%) are negative; 4 (44%) positive, 3 (33%) neutral; Globex's own 8 of 17 left out.",
    );
  });
});
