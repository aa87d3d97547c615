import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/console/render.ts';
import type { Message } from '../../src/slack/blocks/common.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

const demo = useDemoCorpus();

/** About as many characters as a line of a message holds on a phone. */
const phoneWidth = 42;

/**
 * The lines an answer takes on a phone: its text as the console shows it, links by their label only
 * (as Slack shows them), each line wrapped at a phone's width; a row of controls as Slack lays them
 * out, a menu a row and two buttons a row (the console lists a menu's options, Slack shows one).
 */
function phoneLines(answer: Message): number {
  const { text } = renderMessage({
    ...answer,
    blocks: answer.blocks.filter((block) => block.type !== 'actions'),
  });
  const textLines = text
    .replace(/ \(https?:\/\/[^)\s]+\)/g, '')
    .split('\n')
    .reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / phoneWidth)), 0);
  const controlRows = answer.blocks.reduce((rows, block) => {
    if (block.type !== 'actions') return rows;
    const menus = block.elements.filter((element) => element.type !== 'button').length;
    return rows + menus + Math.ceil((block.elements.length - menus) / 2);
  }, 0);
  return textLines + controlRows;
}

function blocksOf(answer: Message): KnownBlock[] {
  return answer.blocks;
}

describe('an answer on a phone', () => {
  it("the demo's pricing answer fits in fewer lines: one Request a response menu, the bars without their counts", async () => {
    const answer = await demo.brief('what are customers saying about pricing');
    // Before: 5 Request a response buttons and the counts beside the bars made it 65 phone lines.
    expect(phoneLines(answer)).toBeLessThanOrEqual(60);
    const json = JSON.stringify(answer.blocks);
    expect(json.match(/"Request a response"/g)).toBeNull();
    const menus = blocksOf(answer).flatMap((block) =>
      block.type === 'actions' ? block.elements.filter((element) => element.type === 'static_select') : [],
    );
    expect(menus).toHaveLength(1);
    const [menu] = menus;
    expect(menu?.type === 'static_select' && menu.placeholder?.text).toBe('Request a response…');
    expect(
      menu?.type === 'static_select' && menu.options?.map((option) => /^\[\d+\]/.exec(option.text.text)?.[0]),
    ).toEqual(['[1]', '[2]', '[3]', '[4]', '[5]']);
    expect(
      menu?.type === 'static_select' &&
        menu.options?.every((option) => /^nudge item #\d+$/.test(option.value ?? '')),
    ).toBe(true);
    // The bars are shown, their counts are said once, in the text a screen reader reads.
    expect(json).toMatch(/`[▁-█]{7}` per day/);
    expect(json).not.toContain('oldest first');
    expect(answer.text).toMatch(/Mentions per day, oldest first: \d+(, \d+){6}\./);
  });

  it('a source whose conversation is under way is offered as See conversation, and a shared answer offers none', async () => {
    const asked = await demo.brief('what are customers saying about pricing');
    const first = JSON.stringify(asked.blocks).match(/"value":"nudge item #(\d+)"/)?.[1];
    expect(first).toBeDefined();
    await demo.brief(`nudge item #${first}`);
    const again = JSON.stringify((await demo.brief('what are customers saying about pricing')).blocks);
    expect(again).toMatch(/"text":"\[1\] See conversation \d+: [^"]+","emoji":false},"value":"nudge #\d+"/);
    const shared = await demo.brief('share --post what are customers saying about pricing');
    expect(JSON.stringify(shared.blocks)).not.toContain('static_select');
  });
});
