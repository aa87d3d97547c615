import { UserError } from '../errors.ts';

/** A feed as its number names it in `feeds list`. */
export type NumberedFeed = { id: number; title: string | null; url: string };

/** The feed number a word is ("3", "#3"), or null: a number is never a host to fetch. */
export function feedNumberOf(text: string): number | null {
  const number = /^#?(\d{1,9})$/.exec(text.trim())?.[1];
  return number === undefined ? null : Number(number);
}

/**
 * The refusal when a feed number is typed where an address goes (`feeds add 3`): an address is
 * needed, and which feed the number is, if any, with what to type for it.
 */
export function feedNumberGiven(
  typed: string,
  feed: NumberedFeed | null,
  command: 'add' | 'move' | 'check',
): UserError {
  const needed = command === 'check' ? 'a feed address or file' : 'a feed address';
  const start = `"${typed.trim()}" looks like a feed number, but feeds ${command} needs ${needed} (e.g. https://example.com/feed.xml).`;
  if (!feed) {
    return new UserError(
      'ADDRESS_NEEDED',
      `${start} There is no feed ${feedNumberOf(typed)} either; the feeds and their numbers are in: \`/brief feeds list\`.`,
    );
  }
  const name = `Feed ${feed.id} is ${feed.title ?? 'untitled'} (${feed.url})`;
  const next = {
    add: `${name}, which Briefbot already watches; to add another feed, give its address: \`/brief feeds add <url>\`.`,
    move: `${name}; give the address it moves to: \`/brief feeds move <id-or-url> <new-url>\`.`,
    check: `${name}; to check it, give its address: \`/brief feeds check ${feed.url}\`.`,
  }[command];
  return new UserError('ADDRESS_NEEDED', `${start} ${next}`);
}
