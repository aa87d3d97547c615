import { UserError } from '../errors.ts';
import { escapeText } from '../slack/blocks/common.ts';

/**
 * Slash command text as Slack sends it with should_escape: users as <@U123|name>, channels as
 * <#C123|name>, links as <https://…|label>, and &, <, > escaped elsewhere. The console sends the
 * same text typed by hand, where a plain @U123 or #C123 also counts.
 */
export type Mention = { kind: 'user' | 'channel'; id: string };

export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Replaces Slack's link markup by the plain URL, and decodes the rest. */
export function plainText(text: string): string {
  return unescapeSlack(
    text
      .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1')
      .replace(/<([@#][A-Z0-9]+)(?:\|([^>]*))?>/g, '$1'),
  ).trim();
}

/** The user or channel a word names, in Slack's escaped form or typed as @U123 / #C123. */
export function parseMention(word: string): Mention | null {
  const match = /^<?([@#])([UWCGD][A-Z0-9]{2,})(?:\|[^>]*)?>?$/.exec(word.trim());
  if (!match) return null;
  return { kind: match[1] === '@' ? 'user' : 'channel', id: match[2] as string };
}

/** A person a word names: a mention, or a bare user id as the console types it ("UEXPERT02"). */
export function parsePerson(word: string): string | null {
  const mention = parseMention(word);
  if (mention) return mention.kind === 'user' ? mention.id : null;
  return /^[UW][A-Z0-9]{2,}$/.test(word.trim()) ? word.trim() : null;
}

/**
 * The channel a word names; otherwise a UserError: `usage` when the word is no channel at all, and
 * for a channel name Slack did not turn into a link ("#market", a channel that does not exist, or
 * typed in the console), how to name it.
 */
export function parseChannel(word: string, usage: string): string {
  const mention = parseMention(word);
  if (mention?.kind === 'channel') return mention.id;
  if (/^#[\w.-]+$/.test(word.trim()))
    throw new UserError(
      'USAGE',
      `Slack did not recognise ${word.trim()} as a channel: pick it from the list Slack shows as you type # (in the console, type the channel id, e.g. #C0123ABCD). ${usage}`.trimEnd(),
    );
  throw new UserError('USAGE', usage);
}

/** The first word and the rest, for routing "feeds add <url>". */
export function firstWord(text: string): [string, string] {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  return space === -1 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}

/** Words split on whitespace, keeping "quoted phrases" whole (quotes removed). */
export function words(text: string): string[] {
  const result: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) result.push(match[1] ?? match[2] ?? '');
  return result.filter((word) => word.length > 0);
}

/**
 * "pause 2 for the holidays", "until jan 5": the words that name what to pause, and the phrase saying
 * how long, kept aside; read as names, "5" would pause digest 5 and "for" would be "no feed".
 */
export function takePauseReason(typed: string[]): { rest: string[]; reason?: string } {
  const at = typed.findIndex(
    (word, index) => index > 0 && /^(?:until|till|til|for|through|thru|over|during|while)$/i.test(word),
  );
  return at === -1 ? { rest: typed } : { rest: typed.slice(0, at), reason: typed.slice(at).join(' ') };
}

/** " A pause has no end date: …": said when a feed's pause was given one, which Briefbot does not keep (a digest's it does). */
export function pauseReasonNote(reason: string | undefined): string {
  return reason
    ? ` A pause has no end date, so “${escapeText(reason)}” is not kept: it lasts until someone resumes it, with the resume command above.`
    : '';
}

/**
 * Edit distance, for "did you mean" on mistyped sub-commands and options. Two neighbouring letters
 * typed the wrong way round ("lsit", "--kidn") count as one slip, not two.
 */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, (beforePrevious[j - 2] as number) + 1);
      current.push(distance);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

// Words people use for a verb a group has under another name: suggested, never run.
const verbSynonyms: Record<string, string> = {
  rm: 'remove',
  del: 'remove',
  delete: 'remove',
  stop: 'pause',
  start: 'resume',
  edit: 'set',
};

/**
 * "Did you mean `/brief digest remove 1`?": the command guessed, with what was typed after the verb.
 * A mention or channel stays out of backticks, where Slack would show its raw id.
 */
export function didYouMean(group: string, verb: string, args: string): string {
  const command = `/brief ${[group, verb, args.trim()].filter(Boolean).join(' ')}`;
  const shown = command.includes('<') ? command : `\`${command}\``;
  return `Did you mean ${shown}? (\`/brief ${group} help\` shows them all.)`;
}

/** "/brief digest history": one line naming the verbs there are; `/brief <group> help` has the whole usage. */
export function unknownVerb(group: string, verb: string, verbs: readonly string[]): string {
  return `I don't know "/brief ${group} ${verb}". The ${group} commands are ${verbs.join(', ')}; \`/brief ${group} help\` shows how to type them.`;
}

/** The verb a mistyped or synonymous one likely meant: "lsit" → list, "delete" → remove, "stop" → pause. */
export function guessVerb(word: string, verbs: readonly string[]): string | undefined {
  const synonym = verbSynonyms[word.toLowerCase()];
  if (synonym && verbs.includes(synonym)) return synonym;
  return closest(word, verbs);
}

/**
 * A command to paste, in backticks. Slack shows a mention there as its raw `<@id>` or `<#id>`, so a
 * person is written `@id` and a channel `#id`, which the commands read as they read a mention.
 */
export function suggested(command: string): string {
  return `\`${command.replace(/<([@#])([UWCGD][A-Z0-9]+)(?:\|[^>]*)?>/g, '$1$2')}\``;
}
