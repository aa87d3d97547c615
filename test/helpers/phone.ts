import { renderMessage } from '../../src/console/render.ts';
import type { Message } from '../../src/slack/blocks/common.ts';

/** About as many characters as a line of a message holds on a phone. */
export const phoneWidth = 42;

/**
 * The lines an answer takes on a phone: its text as the console shows it, links by their label only
 * and an emoji two characters wide (as Slack shows them: the console spells ":information_source:"
 * out and a dot "(red)"), each line wrapped at a phone's width; a row of controls as Slack lays them
 * out, a menu a row and two buttons a row (the console lists a menu's options, Slack shows one).
 */
export function phoneLines(answer: Message): number {
  const { text } = renderMessage({
    ...answer,
    blocks: answer.blocks.filter((block) => block.type !== 'actions'),
  });
  const textLines = text
    .replace(/\((?:red|green|grey|yellow)\)|:[a-z0-9_+-]+:/g, '##')
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
