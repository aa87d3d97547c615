import { wordForm } from '../analysis/query.ts';
import { contentTokens, splitSentences } from '../analysis/text-stats.ts';
import { cachedStatement } from '../db/client.ts';
import type { SearchHit } from '../db/search.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { escapeText } from '../slack/blocks/common.ts';
import { missedAbout, namingCompany, parseAsk } from './ask-parse.ts';

const lead =
  /^(?:(?:can\s+you\s+|could\s+you\s+)?(?:tell|show|give)\s+me\s+)?(?:(?:(?:some\s+)?more\s+(?:about|on)|(?:the\s+)?details?\s+(?:of|on|about|for)|expand(?:\s+on)?|open(?:\s+up)?|zoom\s+in\s+on|drill\s+into|what\s+about|what(?:'s|’s|\s+is)|about)\s+)?/i;
const spelled = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** "first" to "tenth": the words for a source's place, as people type them. */
export const ordinals = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

const noun = String.raw`(?:source|item|story|link|result|number|no\.?)`;
const numeral = String.raw`(?:#|\[)?(?<n>\d{1,3}|${spelled.join('|')})\]?`;
const ordinal = `(?<n>${ordinals.join('|')})`;
/** "2", "#2", "[2]", "source 2", "number two". */
const plainNumber = new RegExp(String.raw`^(?:(?:the\s+)?${noun}\s*)?${numeral}$`, 'i');
/** "the second one", "second story"; "second" alone only after "tell me more about" and the like. */
const ordinalNumber = new RegExp(String.raw`^(?:the\s+)?${ordinal}(?<named>\s+(?:one|${noun}))?$`, 'i');
/** "the second globex one", "globex 2", "globex's [2]", "globex source 2", "2 from globex". */
const sideForms = [
  new RegExp(String.raw`^(?:the\s+)?${ordinal}\s+(?<side>.+?)(?:\s+(?:one|${noun}))?$`, 'i'),
  new RegExp(String.raw`^(?:the\s+)?(?<side>.+?)(?:['’]s)?\s+(?:${noun}\s*)?${numeral}$`, 'i'),
  new RegExp(
    String.raw`^(?:(?:the\s+)?${noun}\s*)?${numeral}\s+(?:from|of|in|on|for)\s+(?:the\s+)?(?<side>.+?)(?:\s+(?:side|column))?$`,
    'i',
  ),
];

const numberOf = (word: string): number => {
  const said = word.toLowerCase();
  return /^\d+$/.test(said) ? Number(said) : spelled.indexOf(said) + 1 || ordinals.indexOf(said) + 1;
};

/**
 * A numbered source asked for; `side`: the column of a side by side it names ("globex 2");
 * `command`: what the asker typed before the number, named back when it is not one listed
 * (`nudge item`; "tell me more about" when absent).
 */
export type SourceAsked = { number: number; side?: string; command?: string };

/** The code of the refusal when there is no recent answer at all to take a number from. */
export const noRecentAnswer = 'NO_RECENT_ANSWER';

/**
 * "tell me more about 2", "more on [2]", "details on #1", "source 3", "the second one", "2": one
 * numbered source of the asker's last answer; "globex 2", "2 from globex": one of a side by side's
 * columns (only a side of that answer: `openSourceOfLastAnswer` tells). Null for anything else.
 */
export function sourceAsked(text: string): SourceAsked | null {
  const said = text
    .trim()
    .replace(/[\s?.!]+$/, '')
    .replace(/^(?:(?:and|ok(?:ay)?|so|now|please|pls)\s+)+/i, '');
  const rest = said.replace(lead, '');
  const led = rest.length < said.length;
  const plain = plainNumber.exec(rest)?.groups?.n;
  // "0" too: the reply lists the numbers there are, as it does for "99".
  if (plain) return { number: numberOf(plain) };
  const nth = ordinalNumber.exec(rest)?.groups;
  if (nth?.n && (led || nth.named)) return { number: numberOf(nth.n) };
  for (const form of sideForms) {
    const { side, n } = form.exec(rest)?.groups ?? {};
    if (side && n && numberOf(n) >= 1 && side.split(/\s+/).length <= 3) return { number: numberOf(n), side };
  }
  return null;
}

export type OpenedItem = SearchHit & { commentCount: number | null; points: number | null };

/** One source of an answer, opened: its words, topics, the other tellings of its story and related coverage. */
export type OpenedSource = {
  number: number;
  /** The column of a side by side it is in ("globex"); null in a one-subject answer. */
  side: string | null;
  /** The topic named with its number that is no column of the answer ("globex 2" after "pricing"): the story counts for it. */
  alsoAbout?: string;
  /** The next number the answer (that column) listed, if any, and whether that answer has more pages. */
  next: number | null;
  hasMore: boolean;
  /** A later question of the asker's that found nothing (so this is the answer before it). */
  /** After a question that found nothing: what it was about, as answered ("about acme in October"). */
  afterMiss: string | null;
  /** The question whose answer listed it, as asked. */
  question: string;
  /** The asker's own words for that answer, quoted (`askedWords`). */
  asked?: string;
  /** Where its list was shown when it is not the asker's own answer: "the answer @sam shared here", "the digest". */
  shownIn: string | null;
  /** Whose list it was when not the asker's: the colleague who shared it, or "digest". */
  listedBy: string | null;
  item: OpenedItem;
  /** Its text, whole sentences up to about 700 characters; `cut`: there is more at the link. */
  text: string;
  cut: boolean;
  topics: string[];
  /** The same story from other feeds (its cluster). */
  sameStory: OpenedItem[];
  /** Other stories sharing its distinctive words, within two weeks of it. */
  related: OpenedItem[];
  /** The latest conversation asked about its story, if any: a response was already requested. */
  conversation: SourceConversation | null;
};

export type SourceConversation = {
  id: number;
  channelId: string;
  state: string;
  claimantId: string | null;
  replyUrl: string | null;
  replyNote: string | null;
};

/** How long after an answer its sources can still be opened, as "/brief more" continues it. */
const openWithinMs = 12 * 3600_000;
const textBudget = 700;
const relatedWindowMs = 14 * 24 * 3600_000;

const itemColumns = `i.id, i.title, i.url, i.author, i.published_at AS publishedAt, COALESCE(f.title, '') AS feedTitle,
  f.kind AS feedKind, i.sentiment, i.comment_count AS commentCount, i.points,
  i.cluster_id AS clusterId`;

type ItemRow = Omit<OpenedItem, 'publishedAt' | 'feedTitle'> & { publishedAt: number; feedTitle: string };

const asItem = (row: ItemRow): OpenedItem => ({
  ...row,
  feedTitle: row.feedTitle || null,
  publishedAt: new Date(row.publishedAt),
});

/**
 * Whose ask log an answer shared in a channel is kept under: no person's, so it is nobody's
 * question, and anyone in the channel can open its sources.
 */
export function sharedAnswerOwner(channelId: string, sharedBy: string): string {
  return `${sharedPrefix}${channelId}:${sharedBy}`;
}

/** Who shared an answer kept under `sharedAnswerOwner`; undefined for a person's own question. */
export function sharerOf(owner: string): string | undefined {
  return owner.startsWith(sharedPrefix) ? owner.split(':')[2] : undefined;
}

const sharedPrefix = 'shared:';

/**
 * A digest's stories, numbered as its heading and thread number them, kept as an answer shown in `where` (its channel, or the person
 * whose DMs or preview show it), so "2" opens its 2. and not a source of an older answer.
 */
export async function keepDigestShown(
  deps: Deps,
  where: string,
  title: string,
  items: Array<{ id: number }>,
): Promise<void> {
  const itemIds = items.map((item) => item.id);
  await deps.db.prisma.askLog.create({
    data: {
      userId: sharedAnswerOwner(where, digestSharer),
      question: title.slice(0, 1000),
      windowDays: 0,
      itemCount: itemIds.length,
      shown: JSON.stringify(itemIds.map((id, index) => [index + 1, id])),
      at: deps.clock.now(),
    },
  });
}

export const digestSharer = 'digest';

/** Ask log rows of people, not of answers shared in a channel. */
export const askedByPeople = { NOT: { userId: { startsWith: sharedPrefix } } } as const;

/** The id of the topic called `name` (lower case), if any. */
function topicNamed(deps: Deps, name: string): number | undefined {
  return deps.db.sqlite
    .prepare('SELECT id FROM topics WHERE lower(name) = ?')
    .pluck()
    .safeIntegers(false)
    .get(name) as number | undefined;
}

/**
 * "globex 2" when [2] of a one-list answer is no globex story: the ones in it that are, to open
 * ("[1] and [5] are about globex: `/brief tell me more about 1` opens “Globex Assist review”"), or
 * that none is.
 */
function notAboutText(
  deps: Deps,
  yours: string,
  side: string,
  number: number,
  entries: Array<{ number: number }>,
  aboutIt: Array<{ number: number; itemId: number }>,
): string {
  const listed = entries.some((entry) => entry.number === number);
  const lead = `${yours.replace(/^./, (first) => first.toUpperCase())} ${
    listed ? `has [${number}], but it is not about ${side}` : `lists no [${number}]`
  }`;
  const answers = `\`/brief ${side}\` answers about ${side}.`;
  const first = aboutIt[0];
  if (!first) return `${lead}, and none of its sources is about ${side}: ${answers}`;
  const title = deps.db.sqlite.prepare('SELECT title FROM items WHERE id = ?').pluck().get(first.itemId) as
    | string
    | undefined;
  const numbers = aboutIt.map((entry) => `[${entry.number}]`);
  const which =
    numbers.length === 1
      ? `${numbers[0]} is`
      : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]} are`;
  // A feed's title in a reply read as mrkdwn: escaped, and short.
  const shown = title
    ?.replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(.{80})..+$/s, '$1…');
  return `${lead}. ${which} about ${side}: \`/brief tell me more about ${first.number}\` opens ${
    shown ? `“${shown}”` : `[${first.number}]`
  }, and ${answers}`;
}

/** The last answer shared in `channelId`, or digest shown there or to `userId`, since `since`. */
export function lastShownHere(deps: Deps, userId: string, channelId: string | null, since: Date) {
  return deps.db.prisma.askLog.findFirst({
    where: {
      OR: [channelId, userId].flatMap((where) =>
        where ? [{ userId: { startsWith: `${sharedPrefix}${where}:` } }] : [],
      ),
      at: { gte: since },
    },
    orderBy: { id: 'desc' },
  });
}

/**
 * What the asker typed for an answer, quoted, as a reply names it back to them: "“what are customers
 * saying about pricing”, then “last month”" for a follow-up, never Briefbot's rewording ("… in
 * October"); the question as logged for an answer logged before words were kept. Escaped mrkdwn.
 */
export function askedWords(log: { question: string; typed?: string | null }): string {
  const parts = (log.typed ?? '').split('\n').filter(Boolean);
  if (parts.length === 0) return `“${escapeText(log.question)}”`;
  // A long chain of follow-ups: the question it began with, and the last two changes.
  const quoted = parts.map((part) => `“${escapeText(part)}”`);
  return (quoted.length > 3 ? [quoted[0], '…', ...quoted.slice(-2)] : quoted).join(', then ');
}

/** The words to keep for an answer: `typed` after those of the question it follows up, if any. */
export function typedAfter(
  typed: string,
  before?: { question: string; typed?: string | null } | null,
): string {
  const own = typed.replace(/\s+/g, ' ').trim();
  if (!before) return own;
  const earlier = (before.typed ?? before.question).split('\n').filter(Boolean);
  return [...earlier.slice(-5), own].join('\n').slice(-1000);
}

/** Whether an ask log row is a digest's, not an answer's. */
export function isDigestShown(userId: string): boolean {
  return userId.startsWith(sharedPrefix) && userId.endsWith(`:${digestSharer}`);
}

/**
 * Source `asked.number` of the asker's last answer that listed sources (of the last 12 hours; any of
 * its pages), or of an answer shared in `channelId` since, opened up; of one column of a side by
 * side when `asked.side` names one. Null when the side named is none of that answer's ("soc 2" is a
 * question). Refused, saying what to type, when there is no answer to open, it listed no such
 * number, or both columns list it.
 */
export async function openSourceOfLastAnswer(
  deps: Deps,
  userId: string,
  asked: SourceAsked,
  channelId: string | null = null,
): Promise<OpenedSource | null> {
  const { number } = asked;
  const since = new Date(deps.clock.now().getTime() - openWithinMs);
  // A question that found nothing lists nothing to open: the answer before it is still on screen.
  const own = await deps.db.prisma.askLog.findFirst({
    where: { userId, at: { gte: since }, NOT: { shown: '[]' } },
    orderBy: { id: 'desc' },
  });
  // An answer shared in this channel, or a digest shown here or to the asker, after the asker's own
  // answer is the one on screen.
  const shared = await lastShownHere(deps, userId, channelId, since);
  const last = shared && (!own || shared.id > own.id) ? shared : own;
  // "more" on an answer a colleague shared here is logged as the asker's page: still the colleague's answer.
  const continued =
    shared &&
    own &&
    last === own &&
    own.offset > 0 &&
    own.question === shared.question &&
    !isDigestShown(shared.userId) &&
    (await deps.db.prisma.askLog.count({
      where: { userId, question: own.question, offset: 0, id: { gt: shared.id } },
    })) === 0;
  const sharer = shared && (last === shared || continued) ? sharerOf(shared.userId) : undefined;
  // The sharer's own shared answer is theirs, said as any answer of theirs is.
  const shownIn =
    sharer === digestSharer
      ? 'the digest'
      : sharer && sharer !== userId
        ? `the answer <@${sharer}> shared here`
        : null;
  if (!last) {
    // "soc 2" is a question; "acme 3" (a topic and a number) asks for a source, never a briefing on "acme 3".
    if (asked.side && topicNamed(deps, asked.side.toLowerCase()) === undefined) return null;
    // "acme 3": the subject is named already; its answer first, then its [3].
    throw new UserError(
      noRecentAnswer,
      asked.side && number >= 1
        ? `There is no recent answer of yours to open source ${number} of. Ask about ${asked.side} first: \`/brief ${asked.side}\`, then \`/brief tell me more about ${number}\` opens its source ${number}.`
        : `There is no recent answer of yours to open source ${number} of. Ask a question first, e.g. \`/brief what are customers saying about pricing\`, then \`/brief tell me more about 2\` for its second source.`,
    );
  }
  // Asked after a question that found nothing: said which answer this is.
  const latest = await deps.db.prisma.askLog.findFirst({
    where: { userId, at: { gte: since } },
    orderBy: { id: 'desc' },
    select: { id: true, question: true, subjects: true, at: true },
  });
  const afterMiss = latest && latest.id > last.id ? missedQuestion(deps, latest) : null;
  const yours = shownIn
    ? `${shownIn} (${askedWords(last)})`
    : `${afterMiss ? 'your last answer with sources' : 'your last answer'} (${askedWords(last)})`;
  const missed = afterMiss ? `Your last question found nothing ${afterMiss}. ` : '';
  // The pages of that question, the latest first: sources keep their numbers across pages.
  // A shared answer continued with "more" is logged as the asker's: its pages are both's.
  const pageOwners = [
    last.userId,
    ...(shared && shared !== last && shared.question === last.question ? [shared.userId] : []),
  ];
  const pages = await deps.db.prisma.askLog.findMany({
    where: { userId: { in: pageOwners }, question: last.question, at: { gte: since } },
    orderBy: { id: 'desc' },
    select: { shown: true },
  });
  const listed = new Map<string, { number: number; itemId: number; side: string }>();
  for (const page of pages)
    for (const [at, itemId, side = ''] of JSON.parse(page.shown) as Array<[number, number, string?]>)
      if (!listed.has(`${side}\u0000${at}`)) listed.set(`${side}\u0000${at}`, { number: at, itemId, side });
  const entries = [...listed.values()];
  const sides = [...new Set(entries.map((entry) => entry.side))];
  let column = entries;
  let alsoAbout: string | undefined;
  if (asked.side) {
    const wanted = asked.side.toLowerCase();
    const named = sides.filter(
      (side) => side.toLowerCase() === wanted || side.toLowerCase().split(/\s+/).includes(wanted),
    );
    if (named.length === 1) column = entries.filter((entry) => entry.side === named[0]);
    else {
      // "globex 2" after an answer of one list: that list's [2] when it is a globex story; a word
      // that names no topic ("soc 2") is a question.
      const topicId = topicNamed(deps, wanted);
      if (topicId === undefined) return null;
      // "pricing 2" after "acme vs globex": a topic, but no column of it.
      if (sides.length > 1)
        throw new UserError(
          'USAGE',
          `${missed}${yours.replace(/^./, (first) => first.toUpperCase())} is a side by side of ${sides.join(' and ')}, with no column for ${asked.side}: ${sides
            .map((one) => `\`/brief tell me more about ${one} ${number}\``)
            .join(' or ')} opens one of theirs, and \`/brief ${asked.side}\` answers about ${asked.side}.`,
        );
      const isAbout = deps.db.sqlite.prepare('SELECT 1 FROM item_topics WHERE item_id = ? AND topic_id = ?');
      const aboutIt = entries
        .filter((candidate) => isAbout.get(candidate.itemId, topicId) !== undefined)
        .sort((a, b) => a.number - b.number);
      if (!aboutIt.some((candidate) => candidate.number === number))
        throw new UserError(
          'USAGE',
          `${missed}${notAboutText(deps, yours, asked.side, number, entries, aboutIt)}`,
        );
      // "pricing 2" after "pricing" is just its [2].
      const subjects = (JSON.parse(last.subjects) as string[]).map((subject) => subject.toLowerCase());
      if (!subjects.includes(wanted)) alsoAbout = asked.side;
    }
  }
  // A side by side has no Request a response menu: `nudge item 2` is told where the button is.
  const requestThere =
    asked.command && sides.length > 1 ? ' The source it opens has a *Request a response* button.' : '';
  const found = column.filter((entry) => entry.number === number);
  if (found.length > 1)
    throw new UserError(
      'USAGE',
      `${missed}Both sides of ${yours} list a [${number}]: ${found.map((entry) => `\`/brief tell me more about ${entry.side} ${number}\``).join(' or ')}.${requestThere}`,
    );
  const [source] = found;
  if (!source) {
    const numbers = [...new Set(column.map((entry) => entry.number))].sort((a, b) => a - b);
    const whose = asked.side && sides.length > 1 ? ` for ${column[0]?.side}` : '';
    // Side by side, a bare number is ambiguous: the way to open one names its column.
    const opener =
      sides.length > 1
        ? sides.map((one) => `\`/brief tell me more about ${one} ${numbers[0]}\``).join(' or ')
        : `\`/brief ${asked.command ?? 'tell me more about'} ${numbers[0]}\``;
    throw new UserError(
      'USAGE',
      `${missed}${yours.replace(/^./, (first) => first.toUpperCase())} lists ${numbers.length === 1 ? 'source' : 'sources'} ${numberRange(numbers)}${whose || (sides.length > 1 ? ' on each side' : '')}: there is no [${number}].${
        last.hasMore && !isDigestShown(last.userId) ? ' `/brief more` shows the next ones.' : ''
      } ${asked.command && sides.length <= 1 ? 'Ask about one' : 'Open one'} with ${whose ? `\`/brief tell me more about ${column[0]?.side} ${numbers[0]}\`` : opener}.${requestThere}`,
    );
  }
  const itemId = source.itemId;
  const side = sides.length > 1 ? source.side : null;
  const next =
    column
      .map((entry) => entry.number)
      .sort((a, b) => a - b)
      .find((other) => other > number) ?? null;
  const opened = openItem(deps, itemId);
  if (!opened)
    throw new UserError(
      'USAGE',
      `Source [${number}] of your last answer is no longer stored (its feed was removed). Ask again for today's sources: \`/brief ${last.question}\`.`,
    );
  return {
    number,
    // "/brief more" continues an answer, the one shared in this channel too, never a digest.
    hasMore: last.hasMore && !isDigestShown(last.userId),
    next,
    side,
    ...(alsoAbout ? { alsoAbout } : {}),
    question: last.question,
    asked: askedWords(last),
    shownIn,
    listedBy: sharer && sharer !== userId ? sharer : null,
    afterMiss,
    ...opened,
  };
}

/** What an opened source shows of an item, whichever answer listed it; null when it is no longer stored. */
export type OpenedItemDetails = Pick<
  OpenedSource,
  'item' | 'text' | 'cut' | 'topics' | 'sameStory' | 'related' | 'conversation'
>;

/** One stored item, opened up: its words, topics, its story's other tellings, related coverage. */
export function openItem(deps: Deps, itemId: number): OpenedItemDetails | null {
  const row = deps.db.sqlite
    .prepare(`SELECT ${itemColumns}, i.text FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?`)
    .safeIntegers(false)
    .get(itemId) as (ItemRow & { text: string }) | undefined;
  if (!row) return null;
  const { text, ...item } = row;
  const body = wholeSentences(text, textBudget);
  const topics = deps.db.sqlite
    .prepare(
      'SELECT t.name FROM item_topics it JOIN topics t ON t.id = it.topic_id WHERE it.item_id = ? ORDER BY t.name',
    )
    .pluck()
    .safeIntegers(false)
    .all(itemId) as string[];
  const sameStory =
    item.clusterId === null
      ? []
      : (
          deps.db.sqlite
            .prepare(
              `SELECT ${itemColumns} FROM items i JOIN feeds f ON f.id = i.feed_id
               WHERE i.cluster_id = ? AND i.id != ? ORDER BY i.published_at LIMIT 5`,
            )
            .safeIntegers(false)
            .all(item.clusterId, itemId) as ItemRow[]
        ).map(asItem);
  return {
    item: asItem(item),
    text: body.text,
    cut: body.cut,
    topics,
    sameStory,
    related: relatedCoverage(deps, asItem(item), text),
    conversation: conversationAbout(deps, itemId, item.clusterId),
  };
}

/** The latest conversation about an item's story (its cluster), or about the item itself. */
export function conversationAbout(
  deps: Deps,
  itemId: number,
  clusterId: number | null,
): SourceConversation | null {
  // Each side of the OR by its own index (nudges by item, by cluster): an answer asks this of every item it lists.
  return (
    (cachedStatement(
      deps.db.sqlite,
      `SELECT id, channel_id AS channelId, state, claimant_id AS claimantId, reply_url AS replyUrl, reply_note AS replyNote FROM (
         SELECT * FROM nudges WHERE item_id = ? UNION SELECT * FROM nudges WHERE cluster_id = ?
       ) ORDER BY id DESC LIMIT 1`,
    ).get(itemId, clusterId ?? -1) as SourceConversation | undefined) ?? null
  );
}

/** The latest conversation about each item's story, by item id: a digest's items offer it, not a second request. */
export function conversationsAbout(
  deps: Deps,
  items: Array<{ id: number }>,
): Map<number, SourceConversation> {
  const clusterOf = deps.db.sqlite
    .prepare('SELECT cluster_id FROM items WHERE id = ?')
    .pluck()
    .safeIntegers(false);
  return new Map(
    items.flatMap((item) => {
      const conversation = conversationAbout(
        deps,
        item.id,
        (clusterOf.get(item.id) as number | null) ?? null,
      );
      return conversation ? [[item.id, conversation] as const] : [];
    }),
  );
}

/** "1–5", "1–5, 8": the numbers an answer listed, in runs. */
function numberRange(numbers: number[]): string {
  const runs: string[] = [];
  let start = numbers[0] as number;
  let previous = start;
  for (const number of [...numbers.slice(1), Number.NaN]) {
    if (number === previous + 1) {
      previous = number;
      continue;
    }
    runs.push(start === previous ? `${start}` : `${start}–${previous}`);
    start = number;
    previous = number;
  }
  return runs.join(', ');
}

/** Whole sentences of `text` up to `budget` characters (at least the first, cut at a word). */
function wholeSentences(text: string, budget: number): { text: string; cut: boolean } {
  const kept: string[] = [];
  let length = 0;
  for (const sentence of splitSentences(text)) {
    if (length + sentence.length > budget) break;
    kept.push(sentence);
    length += sentence.length + 1;
  }
  if (kept.length === 0 && text.length > 0) {
    const cut = text.slice(0, budget).replace(/\s+\S*$/, '');
    return { text: `${cut}…`, cut: true };
  }
  const joined = kept.join(' ');
  return { text: joined, cut: joined.length < text.trim().length };
}

/**
 * Other stories told in the item's own distinctive words (those of its headline and first sentences
 * that few items of the fortnight use), within two weeks of it: at least two such words shared.
 * Its own story's other tellings are apart (`sameStory`).
 */
function relatedCoverage(deps: Deps, item: OpenedItem, text: string): OpenedItem[] {
  const at = item.publishedAt.getTime();
  const [from, to] = [at - relatedWindowMs, at + relatedWindowMs];
  const lead = `${item.title} ${splitSentences(text).slice(0, 2).join(' ')}`;
  const forms = [...new Set(contentTokens(lead).map(wordForm))]
    .filter((form) => form.length >= 3)
    .slice(0, 16);
  const inWindow = deps.db.sqlite
    .prepare('SELECT COUNT(*) FROM items WHERE published_at BETWEEN ? AND ?')
    .pluck()
    .safeIntegers(false)
    .get(from, to) as number;
  const countOf = deps.db.sqlite.prepare(
    `SELECT COUNT(*) FROM items_fts JOIN items i ON i.id = items_fts.rowid
     WHERE items_fts MATCH ? AND i.published_at BETWEEN ? AND ?`,
  );
  // Distinctive: in some other item, and in at most a fifth of the fortnight's (the company's name is not).
  const distinctive = forms.filter((form) => {
    const count = countOf.pluck().safeIntegers(false).get(`"${form}"*`, from, to) as number;
    return count >= 2 && count <= Math.max(2, inWindow / 5);
  });
  if (distinctive.length < 2) return [];
  const candidates = deps.db.sqlite
    .prepare(
      `SELECT ${itemColumns}, i.title || ' ' || i.text AS words FROM items_fts JOIN items i ON i.id = items_fts.rowid
       JOIN feeds f ON f.id = i.feed_id
       WHERE items_fts MATCH ? AND i.published_at BETWEEN ? AND ? AND i.id != ?
         AND (i.cluster_id IS NULL OR i.cluster_id IS NOT ?)
       ORDER BY bm25(items_fts) LIMIT 40`,
    )
    .safeIntegers(false)
    .all(distinctive.map((form) => `"${form}"*`).join(' OR '), from, to, item.id, item.clusterId) as Array<
    ItemRow & { words: string }
  >;
  return candidates
    .map(({ words, ...row }) => {
      // As the prefix query matched: a word form shared is a token beginning with it.
      const tokens = [...new Set(contentTokens(words))];
      return {
        row,
        shared: distinctive.filter((form) => tokens.some((token) => token.startsWith(form))).length,
      };
    })
    .filter(({ shared }) => shared >= 2)
    .sort((a, b) => b.shared - a.shared || b.row.publishedAt - a.row.publishedAt)
    .slice(0, 4)
    .map(({ row }) => asItem(row));
}

/** "about acme in October": what a logged question that found nothing was about, as answered. */
function missedQuestion(deps: Deps, log: { question: string; subjects: string; at: Date }): string {
  const company = cachedStatement(
    deps.db.sqlite,
    "SELECT name FROM topics WHERE kind = 'company' ORDER BY name LIMIT 1",
  ).get() as { name: string } | undefined;
  const asked = parseAsk(log.question, log.at, deps.config.DEFAULT_TIMEZONE);
  return missedAbout(asked, namingCompany(JSON.parse(log.subjects) as string[], company?.name));
}
