import { wordForm } from '../analysis/query.ts';
import { contentTokens, splitSentences } from '../analysis/text-stats.ts';
import type { SearchHit } from '../db/search.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';

/**
 * "tell me more about 2", "more on [2]", "details on #1", "source 3", "open 4", "2": one numbered
 * source of the asker's last answer. The number, or null when the text asks something else.
 */
export function sourceNumberAsked(text: string): number | null {
  const said = text
    .trim()
    .replace(/[\s?.!]+$/, '')
    .replace(/^(?:(?:and|ok(?:ay)?|so|now|please|pls)\s+)+/i, '');
  const match =
    /^(?:(?:(?:can\s+you\s+|could\s+you\s+)?(?:tell|show|give)\s+me\s+)?(?:(?:some\s+)?more\s+(?:about|on)|(?:the\s+)?details?\s+(?:of|on|about|for)|expand(?:\s+on)?|open(?:\s+up)?|zoom\s+in\s+on|drill\s+into|what\s+about|what(?:'s|’s|\s+is)|about)\s+)?(?:(?:the\s+)?(?:source|item|story|link|result|number|no\.?)\s*)?(?:#|\[)?(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\]?$/i.exec(
      said,
    ) ??
    /^(?:(?:(?:can\s+you\s+|could\s+you\s+)?(?:tell|show|give)\s+me\s+)?(?:(?:some\s+)?more\s+(?:about|on)|(?:the\s+)?details?\s+(?:of|on|about|for)|expand(?:\s+on)?|open(?:\s+up)?|zoom\s+in\s+on|drill\s+into|what\s+about)\s+)(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:\s+(?:one|source|item|story|link|result))?$/i.exec(
      said,
    );
  const word = match?.[1]?.toLowerCase() ?? '';
  const number = /^\d+$/.test(word) ? Number(word) : spelled.indexOf(word) + 1 || ordinals.indexOf(word) + 1;
  return number >= 1 ? number : null;
}

const spelled = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ordinals = [
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

/** An item as answers list it, with its comment count when the feed gives one. */
export type OpenedItem = SearchHit & { commentCount: number | null };

/** One source of an answer, opened: its words, topics, the other tellings of its story and related coverage. */
export type OpenedSource = {
  number: number;
  /** The next number the answer listed, if any, and whether that answer has more pages. */
  next: number | null;
  hasMore: boolean;
  /** The question whose answer listed it, as asked. */
  question: string;
  item: OpenedItem;
  /** Its text, whole sentences up to about 700 characters; `cut`: there is more at the link. */
  text: string;
  cut: boolean;
  topics: string[];
  /** The same story from other feeds (its cluster). */
  sameStory: OpenedItem[];
  /** Other stories sharing its distinctive words, within two weeks of it. */
  related: OpenedItem[];
};

/** How long after an answer its sources can still be opened, as "/brief more" continues it. */
const openWithinMs = 12 * 3600_000;
const textBudget = 700;
const relatedWindowMs = 14 * 24 * 3600_000;

const itemColumns = `i.id, i.title, i.url, i.author, i.published_at AS publishedAt, COALESCE(f.title, '') AS feedTitle,
  f.kind AS feedKind, i.sentiment, i.comment_count AS commentCount,
  i.cluster_id AS clusterId`;

type ItemRow = Omit<OpenedItem, 'publishedAt' | 'feedTitle'> & { publishedAt: number; feedTitle: string };

const asItem = (row: ItemRow): OpenedItem => ({
  ...row,
  feedTitle: row.feedTitle || null,
  publishedAt: new Date(row.publishedAt),
});

/**
 * Source `number` of the asker's last answer (of the last 12 hours; any of its pages), opened up.
 * Refused, saying what to type, when there is no answer to open or it listed no such number.
 */
export async function openSourceOfLastAnswer(
  deps: Deps,
  userId: string,
  number: number,
): Promise<OpenedSource> {
  const since = new Date(deps.clock.now().getTime() - openWithinMs);
  const last = await deps.db.prisma.askLog.findFirst({
    where: { userId, at: { gte: since } },
    orderBy: { id: 'desc' },
  });
  if (!last)
    throw new UserError(
      'USAGE',
      `There is no recent answer of yours to open source ${number} of. Ask a question first, e.g. \`/brief what are customers saying about pricing\`, then \`/brief tell me more about 2\` for its second source.`,
    );
  // The pages of the last question, the latest first: sources keep their numbers across pages.
  const pages = await deps.db.prisma.askLog.findMany({
    where: { userId, question: last.question, at: { gte: since } },
    orderBy: { id: 'desc' },
    select: { shown: true },
  });
  const shown = new Map<number, number>();
  for (const page of pages)
    for (const [at, itemId] of JSON.parse(page.shown) as Array<[number, number]>)
      if (!shown.has(at)) shown.set(at, itemId);
  const itemId = shown.get(number);
  if (itemId === undefined) {
    const numbers = [...shown.keys()].sort((a, b) => a - b);
    throw new UserError(
      'USAGE',
      numbers.length === 0
        ? `Your last answer (“${last.question}”) listed no sources to open. Ask about something else, e.g. \`/brief what’s new\`.`
        : `Your last answer (“${last.question}”) lists ${numbers.length === 1 ? 'source' : 'sources'} ${numberRange(numbers)}: there is no [${number}].${
            last.hasMore ? ' `/brief more` shows the next ones.' : ''
          } Open one with \`/brief tell me more about ${numbers[0]}\`.`,
    );
  }
  const row = deps.db.sqlite
    .prepare(`SELECT ${itemColumns}, i.text FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?`)
    .safeIntegers(false)
    .get(itemId) as (ItemRow & { text: string }) | undefined;
  if (!row)
    throw new UserError(
      'USAGE',
      `Source [${number}] of your last answer is no longer stored (its feed was removed). Ask again for today's sources: \`/brief ${last.question}\`.`,
    );
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
    number,
    hasMore: last.hasMore,
    next: [...shown.keys()].sort((a, b) => a - b).find((other) => other > number) ?? null,
    question: last.question,
    item: asItem(item),
    text: body.text,
    cut: body.cut,
    topics,
    sameStory,
    related: relatedCoverage(deps, asItem(item), text),
  };
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
