import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
  StaticSelect,
} from '@slack/types';
import { toneLanguagesShort } from '../../analysis/sentiment.ts';
import type { Summary } from '../../analysis/summarize.ts';
import { inWords } from '../../format.ts';
import { displayFeedUrl } from '../../monitor/canonical-url.ts';

/** What every builder returns: blocks, and the plain-text fallback Slack shows in notifications. */
export type Message = { text: string; blocks: KnownBlock[] };
/**
 * A list that pages by a command of its own (`changes`, `topics test`): the command that shows the
 * next page, so a bare "more" right after it continues that list; null when the list is all shown
 * ("more" says so). Never sent to Slack.
 */
export type Continued = { continues?: string | null };

/** Slack's limits, held by construction in every builder. */
export const limits = {
  blocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  contextElements: 10,
  fields: 10,
  fieldText: 2000,
  fallbackText: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
} as const;

/** Untrusted text (feed content, user input) as mrkdwn that cannot mention, link or format by accident. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// A formatting character where Slack would read it as opening bold, italics, strike or code: at the
// start, after a space, an opening bracket or quote, or another such character ("snake_case",
// "100%_off" and "2*3" are left as they are).
const SLACK_FORMATTING = /(?<=^|[\s([{"'\u201c\u2018;*_~`])[*_~`]/gu;
// A line Slack would show as a quote: "&gt;" is how ">" reaches it, escaped.
const SLACK_QUOTE = /^(\s*)(&gt;)/gm;

/**
 * Feed text (titles, excerpts, authors, link labels) as mrkdwn that keeps its characters but not
 * Slack's formatting: a zero-width joiner before a formatting character stops it opening `*bold*`,
 * `_italics_`, `~strike~` or `code`, and before a leading ">" a quote.
 */
export function escapeFeedText(text: string): string {
  return escapeText(text).replace(SLACK_FORMATTING, '\u200d$&').replace(SLACK_QUOTE, '$1\u200d$2');
}

/** What Slack reads inside `<…>`: a user, channel or group, a special mention, a date, a web or mail link. */
const slackMarkup = /^(?:[@#][UWCGDS][A-Z0-9]+(?:\||$)|!\w|(?:https?|mailto):)/;

/**
 * Our mrkdwn with every `<…>` that is not Slack markup escaped: Slack would read a usage
 * placeholder such as `<id>` or `<@user>` as a link and show nothing of it.
 */
export function escapePlaceholders(mrkdwn: string): string {
  // Every message passes here: a feed address's password is never shown, whoever asks.
  return displayFeedUrl(mrkdwn).replace(/<([^<>\n]*)>/g, (whole, inner: string) =>
    slackMarkup.test(inner) ? whole : `&lt;${inner}&gt;`,
  );
}

/** A summary as mrkdwn: each sentence escaped, followed by the items it cites, "[1][2]". */
export function citedSentences(summary: Summary): string {
  const cited = summary.sentences.map(
    (sentence) => `${escapeFeedText(sentence.text)} ${sentence.citations.map((n) => `[${n}]`).join('')}`,
  );
  return summary.bullets ? cited.map((line) => `• ${line}`).join('\n') : cited.join(' ');
}

/** Cuts to `max` characters with an ellipsis, never through an emoji (half of one is text Slack refuses). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${sliceWhole(text, Math.max(0, max - 1)).trimEnd()}…`;
}

/** The first `max` characters, one fewer when the last would be half an emoji. */
function sliceWhole(text: string, max: number): string {
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * Cuts mrkdwn to `max` characters as `truncate` does, but never through a link or mention (`<…|…>`
 * cut open shows as raw markup) or an escape (`&am…`): the cut goes before it.
 */
export function truncateMrkdwn(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return cut;
  const body = cut.slice(0, -1);
  const open = body.lastIndexOf('<');
  const whole = open > body.lastIndexOf('>') ? body.slice(0, open) : body;
  return `${whole.replace(/&[a-z]{0,3}$/, '').trimEnd()}…`;
}

/** A link whose label is untrusted text; the URL is already canonical (http/https only). */
export function link(url: string | null, label: string): string {
  const safeLabel = escapeFeedText(label).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\//i.test(url)) return safeLabel;
  return `<${withoutLogin(url).replace(/[<>|\s]/g, encodeURIComponent)}|${safeLabel}>`;
}

/**
 * A link to an expert's reply named by where it is, "their reply on linkedin.com": its whole address
 * as the label is a string of characters a screen reader spells out.
 */
export function replyLink(url: string | null, whose = 'the reply'): string {
  const host = url ? /^https?:\/\/(?:[^/?#@]*@)?(?:www\.)?([^/:?#]+)/i.exec(url)?.[1] : undefined;
  return link(url, host ? `${whose} on ${host}` : whose);
}

/**
 * How a reply reads after "replied": its link (": the reply on linkedin.com"), or, when the expert
 * replied where there is no link, their note (" by email", ": called the customer").
 */
export function howReplied(url: string | null, note: string | null | undefined, whose = 'the reply'): string {
  if (url || !note) return `: ${replyLink(url, whose)}`;
  // "by email", "in the private forum" follow "replied" as they are; anything else after a colon.
  return /^(by|via|in|on|over|at|through|with|to|per)\s/i.test(note)
    ? ` ${escapeText(note)}`
    : `: ${escapeText(note)}`;
}

/** A link target without a `user:password@` login (a feed's, for fetching): Slack shows link targets. */
function withoutLogin(url: string): string {
  return url.replace(/^(https?:\/\/)[^/?#@]*@/i, '$1');
}

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text, limits.headerText), emoji: true },
  };
}

export function section(mrkdwn: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateMrkdwn(escapePlaceholders(mrkdwn), limits.sectionText) },
  };
  if (accessory) block.accessory = accessory;
  return block;
}

export function fields(entries: string[]): SectionBlock {
  return {
    type: 'section',
    fields: entries.slice(0, limits.fields).map((entry) => ({
      type: 'mrkdwn',
      text: truncateMrkdwn(escapePlaceholders(entry), limits.fieldText),
    })),
  };
}

export function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, limits.contextElements).map((text) => ({
      type: 'mrkdwn',
      text: truncateMrkdwn(escapePlaceholders(text), limits.sectionText),
    })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/**
 * `label`: what a screen reader says instead of the text, where the text alone ("Claim", "Mute
 * source") is one of several alike and needs what it is for ("Claim conversation 12: Acme raises…");
 * `confirm`: a button whose press is hard to take back asks first, in Slack's own dialog.
 */
export type ButtonExtras = { label?: string; confirm?: { title: string; text: string; yes: string } };

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
  extras: ButtonExtras = {},
): Button {
  const element: Button = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, limits.buttonText), emoji: true },
    action_id: actionId,
    value: sliceWhole(value, limits.buttonValue),
  };
  if (style) element.style = style;
  if (extras.label) element.accessibility_label = truncate(extras.label, limits.buttonText);
  if (extras.confirm)
    element.confirm = {
      title: { type: 'plain_text', text: truncate(extras.confirm.title, limits.confirmTitle) },
      text: { type: 'plain_text', text: truncate(extras.confirm.text, limits.confirmText) },
      confirm: { type: 'plain_text', text: truncate(extras.confirm.yes, limits.confirmButton) },
      deny: { type: 'plain_text', text: 'Cancel' },
    };
  return element;
}

/**
 * Buttons in one block. Slack refuses a block whose buttons share an action id (invalid_blocks), so
 * a second "run_command" goes as "run_command:2", a third as "run_command:3"; listeners match both.
 */
export function actions(blockId: string, elements: Array<Button | StaticSelect>): ActionsBlock {
  const seen = new Map<string, number>();
  const unique = elements.slice(0, limits.actionsElements).map((element) => {
    const id = element.action_id ?? '';
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? element : { ...element, action_id: `${id}:${count}` };
  });
  return { type: 'actions', block_id: blockId, elements: unique };
}

/**
 * Sections of lines, each section filled up to Slack's 3,000 characters, within a block budget;
 * lines beyond it (and `leftOut` ones) are summarised as "…and N more".
 */
export function lineSections(
  lines: string[],
  maxBlocks: number,
  more: (hidden: number) => string,
  /** Lines left out before these (a list already cut to its first ten), counted in the note. */
  leftOut = 0,
): SectionBlock[] {
  const room = limits.sectionText - 40;
  const fits = (part: string[]) => part.join('\n').length <= room;
  const blocks: SectionBlock[] = [];
  let current: string[] = [];
  let shown = 0;
  for (const line of lines) {
    if (fits([...current, line])) {
      current.push(line);
      shown++;
      continue;
    }
    if (blocks.length + 1 >= maxBlocks) break;
    if (current.length) blocks.push(section(current.join('\n')));
    current = [truncate(line, room)];
    shown++;
  }
  let hidden = lines.length - shown + leftOut;
  if (hidden > 0) {
    // The note goes whole into the last section: lines give way to it, and are counted in it.
    while (current.length > 0 && !fits([...current, more(hidden)])) {
      current.pop();
      hidden++;
    }
    current.push(more(hidden));
  }
  if (current.length) blocks.push(section(current.join('\n')));
  return blocks;
}

/** Caps a message at Slack's block limit, keeping its beginning. */
export function capBlocks(blocks: KnownBlock[], max: number = limits.blocks): KnownBlock[] {
  return blocks.length <= max ? blocks : blocks.slice(0, max);
}

export function message(text: string, blocks: KnownBlock[]): Message {
  return { text: truncate(escapePlaceholders(text), limits.fallbackText), blocks: capBlocks(blocks) };
}

/** An item's tone at a glance, as answers, digests and nudges show it. */
export const sentimentMark: Record<string, string> = {
  positive: ':large_green_circle:',
  neutral: ':white_circle:',
  negative: ':red_circle:',
  unread: ':globe_with_meridians:',
};

/**
 * An item's tone as its mark and its word ("🔴 negative"): never the colour alone, which a screen
 * reader reads as "red circle" and some readers cannot tell apart. Empty for a tone with no mark.
 */
export function toneMark(sentiment: string): string {
  const mark = sentimentMark[sentiment];
  if (!mark) return '';
  return `${mark} ${sentiment === 'unread' ? 'tone not read' : sentiment}`;
}

/** "🔴 negative · ": an item line's tone, before what follows it; nothing for a tone with no mark. */
export function toneLead(sentiment: string): string {
  const mark = toneMark(sentiment);
  return mark ? `${mark} · ` : '';
}

/** " · DE": the language of a source not in English, as answers and digests tag it (nothing for English or unknown). */
export function languageTag(language: string | null | undefined): string {
  return language && language !== 'en' ? ` · ${language.toUpperCase()}` : '';
}

/** An item's tone in words: "negative", or that it was not read (an item in a language whose tone is not read). */
export function toneWord(sentiment: string): string {
  return sentiment === 'unread' ? 'tone not read (language not covered)' : sentiment;
}

/**
 * "Tone not read for 4 of the 5 mentions, in Japanese and Polish (Briefbot reads tone in English and
 * 17 other languages (`/brief help languages` lists them))": said wherever tone is counted, so a
 * count of the rest never passes for all of them.
 * `of`: what they are of ("the 5 mentions"); `languages`: their names, when known.
 */
export function toneNotReadText(unread: number, of: string, languages: string[] = []): string {
  const named = languages.length > 0 ? `, in ${inWords(languages)}` : '';
  return `${sentimentMark.unread} Tone not read for ${unread} of ${of}${named} (Briefbot reads tone in ${toneLanguagesShort})`;
}
