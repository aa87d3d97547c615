import type {
  Button,
  ContextBlockElement,
  KnownBlock,
  SectionBlock,
  StaticSelect,
  TextObject,
} from '@slack/types';
import type { Message } from '../slack/blocks/common.ts';
import { actionOf, nudgeIdOfAssignBlock } from '../slack/ids.ts';

/** A button as the console shows it: numbered in the text, pressed with /press N. */
export type ConsoleButton = { label: string; actionId: string; value: string };
export type RenderedMessage = { text: string; buttons: ConsoleButton[] };
export type RenderOptions = { color?: boolean };

const emoji: Record<string, string> = {
  red_circle: '(red)',
  large_green_circle: '(green)',
  large_yellow_circle: '(yellow)',
  double_vertical_bar: '||',
  warning: '(!)',
  white_check_mark: '(ok)',
  white_circle: '(grey)',
  mag: '(?)',
  hourglass_flowing_sand: '…',
};

const ansi = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
} as const;

const dividerLine = '-'.repeat(40);

/**
 * "[press 2]": a button's number as `/press` takes it, never a bare "[2]", which an answer's
 * sources and `tell me more about 2` use for source 2.
 */
export function buttonTag(number: number): string {
  return `[press ${number}]`;
}

/** Block Kit as terminal text; the buttons numbered in order across the whole message. */
export function renderMessage(message: Message, options: RenderOptions = {}): RenderedMessage {
  const paint = (style: keyof typeof ansi, text: string) =>
    options.color && text ? `${ansi[style][0]}${text}${ansi[style][1]}` : text;
  const buttons: ConsoleButton[] = [];
  const buttonLabel = (element: Button) => {
    const label = plainText(element.text.text, element.text.emoji !== false);
    buttons.push({ label, actionId: actionOf(element.action_id ?? ''), value: element.value ?? '' });
    const link = element.url ? ` (${element.url})` : '';
    return paint('cyan', `${buttonTag(buttons.length)} ${label}${link}`);
  };
  const parts: string[] = [];
  for (const block of message.blocks) {
    const part = renderBlock(block, paint, buttonLabel);
    if (part !== null) parts.push(part);
  }
  const text = parts.length > 0 ? parts.join('\n') : mrkdwnToText(message.text);
  return { text, buttons };
}

type Paint = (style: keyof typeof ansi, text: string) => string;

function renderBlock(
  block: KnownBlock,
  paint: Paint,
  buttonLabel: (element: Button) => string,
): string | null {
  switch (block.type) {
    case 'header': {
      const text = plainText(block.text.text, block.text.emoji !== false);
      return `${paint('bold', text)}\n${'='.repeat(text.length)}`;
    }
    case 'section':
      return renderSection(block, buttonLabel);
    case 'context':
      return paint(
        'dim',
        indent(
          block.elements
            .map(contextText)
            .filter((text) => text !== '')
            .join('  '),
        ),
      );
    case 'divider':
      return dividerLine;
    case 'actions': {
      const labels = block.elements.flatMap((element) =>
        element.type === 'button'
          ? [buttonLabel(element)]
          : element.type === 'static_select'
            ? [selectLabels(element, buttonLabel)]
            : [],
      );
      return labels.length > 0 ? labels.join('  ') : null;
    }
    case 'image':
      return `[image: ${block.alt_text}]`;
    case 'markdown':
      return block.text;
    case 'input':
      // Slack's text box (the Ask Briefbot box on App Home): here, questions are typed as commands.
      return `[${plainText(block.label.text, block.label.emoji !== false)}: type the question as a command]`;
    default:
      return null;
  }
}

/**
 * A menu (an answer's "Request a response…"): its options pressable like buttons, each shown by the
 * source number it starts with ("Request a response…: [press 1] [1]  [press 2] [2]"), as Slack
 * shows one menu, not a button a source.
 */
function selectLabels(element: StaticSelect, buttonLabel: (element: Button) => string): string {
  const options = (element.options ?? []).map((option) => {
    const label = plainText(option.text.text, false);
    const shown = /^\[\d+\]/.exec(label)?.[0] ?? label;
    const pressed = buttonLabel({
      type: 'button',
      text: { type: 'plain_text', text: label },
      action_id: element.action_id ?? '',
      value: option.value ?? '',
    });
    return pressed.replace(label, shown);
  });
  return `${plainText(element.placeholder?.text ?? 'Choose', false)}: ${options.join('  ')}`;
}

/** Slack's user picker: here, the command that does what picking someone does. */
function userPicker(block: SectionBlock): string {
  const nudgeId = nudgeIdOfAssignBlock(block.block_id);
  // The topic the section names: its own `sme add` command (an escalation), or "No expert covers
  // outages yet", "The expert on outages is away" (the channel message).
  const text = block.text?.text ?? '';
  const topic =
    /sme add @someone ([^\s`]+)`/.exec(text)?.[1] ??
    /(?:covers|experts? on) (\S+?)(?: yet| (?:is|are) away)/.exec(text)?.[1];
  return nudgeId
    ? `[Choose an expert: here, /brief sme add @someone ${topic ?? '<topic>'} puts them on the beat, or /brief nudge reassign ${nudgeId} @someone gives them this one]`
    : '[Choose someone: not available in the console]';
}

function renderSection(block: SectionBlock, buttonLabel: (element: Button) => string): string | null {
  const lines: string[] = [];
  if (block.text) lines.push(textObject(block.text));
  for (const field of block.fields ?? []) lines.push(fieldLine(field));
  if (block.accessory?.type === 'button') lines.push(buttonLabel(block.accessory));
  if (block.accessory?.type === 'users_select') lines.push(userPicker(block));
  return lines.length > 0 ? lines.join('\n') : null;
}

/** Slack shows a field as a bold label over its value; a terminal reads better as "label: value". */
function fieldLine(field: TextObject): string {
  if (field.type === 'plain_text') return plainText(field.text, field.emoji !== false);
  const labelled = /^\s*\*([^*\n]+)\*:?\s*\n([\s\S]*)$/.exec(field.text);
  if (labelled) return `${mrkdwnToText(labelled[1] ?? '')}: ${mrkdwnToText((labelled[2] ?? '').trim())}`;
  const [label, ...rest] = field.text.split('\n');
  if (rest.length === 0) return mrkdwnToText(field.text);
  return `${mrkdwnToText(label ?? '').replace(/:$/, '')}: ${mrkdwnToText(rest.join(' ').trim())}`;
}

function contextText(element: ContextBlockElement): string {
  if (element.type === 'mrkdwn' || element.type === 'plain_text') return textObject(element);
  if (element.type === 'image') return `[${element.alt_text}]`;
  return '';
}

function textObject(text: TextObject): string {
  return text.type === 'plain_text' ? plainText(text.text, text.emoji !== false) : mrkdwnToText(text.text);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** plain_text is shown literally: Slack only turns its emoji shortcodes into pictures. */
function plainText(text: string, withEmoji: boolean): string {
  return withEmoji ? replaceEmoji(text) : text;
}

function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (shortcode, name: string) => emoji[name] ?? shortcode);
}

function decodeEntities(text: string): string {
  // &amp; last, so an escaped "&lt;" stays the text "&lt;".
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Bold, italic and strike markers off; code, URLs and names untouched by them. */
function stripEmphasis(text: string): string {
  return text
    .replace(/(?<![\w*])\*(?=\S)([^*\n]*?\S|\S)\*(?![\w*])/g, '$1')
    .replace(/(?<![\w_])_(?=\S)([^_\n]*?\S|\S)_(?![\w_])/g, '$1')
    .replace(/(?<![\w~])~(?=\S)([^~\n]*?\S|\S)~(?![\w~])/g, '$1');
}

function formatted(text: string): string {
  return decodeEntities(replaceEmoji(stripEmphasis(text)));
}

/** Slack's markup in angle brackets: links, user and channel mentions, special mentions. */
function angleToken(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) return label ? `@${decodeEntities(label).replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${decodeEntities(label).replace(/^#/, '')}` : target;
  if (target.startsWith('!')) {
    if (label) return decodeEntities(label);
    return `@${target.slice(1).split('^')[0]}`;
  }
  const url = decodeEntities(target);
  if (!label) return url.replace(/^mailto:/, '');
  const shown = formatted(label);
  return shown === url || `mailto:${shown}` === url ? shown : `${shown} (${url})`;
}

/**
 * A bold, italic or strike span that holds code or a link ("~Add feeds: `/brief feeds add …`~", a done
 * Get started step), markers off: Slack styles the whole span, code included, while mrkdwnToText reads
 * code and links apart, so the markers around them would otherwise be shown as typed. Code and links
 * are matched first, so a marker inside one is left alone.
 */
const spansAcrossCode = ['*', '_', '~'].map(
  (mark) =>
    new RegExp(
      `(\`\`\`[\\s\\S]*?\`\`\`|\`[^\`\\n]+\`|<[^<>\\n]+>)|(?<![\\w${mark}])\\${mark}(?=\\S)((?:[^${mark}\`<\\n]|\`[^\`\\n]+\`|<[^<>\\n]+>)+?)(?<=\\S)\\${mark}(?![\\w${mark}])`,
      'g',
    ),
);

function unmarkSpansAcrossCode(text: string): string {
  return spansAcrossCode.reduce(
    (result, pattern) =>
      result.replace(pattern, (whole, code: string | undefined, inner: string | undefined) =>
        code !== undefined || inner === undefined || !/[`<]/.test(inner) ? whole : inner,
      ),
    text,
  );
}

/** Slack mrkdwn as plain text: what a reader would see, without the markup. */
export function mrkdwnToText(text: string): string {
  return unmarkSpansAcrossCode(text)
    .split(/(```[\s\S]*?```|`[^`\n]+`|<[^<>\n]+>)/)
    .map((part, index) => {
      // Odd indices are the captured code spans and angle-bracket tokens.
      if (index % 2 === 0) return formatted(part);
      if (part.startsWith('`')) return decodeEntities(part);
      return angleToken(part.slice(1, -1));
    })
    .join('');
}
