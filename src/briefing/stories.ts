import { type EventText, groupEvents } from '../analysis/events.ts';
import type { RankedHit } from '../db/search.ts';

/** One event: every item telling it (the best ranked first), and how many sources tell it. */
export type Event<T> = { items: T[]; sources: number };

/**
 * Items (ranked) grouped by the event they tell, in the order of each event's best-ranked item
 * (see groupEvents). `read`: an item's words and date, its source (`feed`), and how many sources
 * its near-duplicate cluster counts, beyond those read here.
 */
export function groupByEvent<T>(
  items: readonly T[],
  read: (item: T) => EventText & { feed: string | number; sourceCount: number },
): Array<Event<T>> {
  const texts = items.map(read);
  const leads = groupEvents(texts);
  // A group's lead is its first item, so the events come out in the order of their leads.
  const grouped = new Map<number, number[]>();
  leads.forEach((lead, index) => {
    grouped.set(lead, [...(grouped.get(lead) ?? []), index]);
  });
  return [...grouped.values()].map((indexes) => {
    const told = indexes.map(
      (index) => texts[index] as EventText & { feed: string | number; sourceCount: number },
    );
    return {
      items: indexes.map((index) => items[index] as T),
      sources: Math.max(new Set(told.map((text) => text.feed)).size, ...told.map((text) => text.sourceCount)),
    };
  });
}

/**
 * One event of an answer, however many items tell it: `lead` its best-ranked item, `items` every
 * item of it (the lead first), `listed` one item per near-duplicate cluster of them.
 */
export type Story<T extends RankedHit> = Event<T> & { lead: T; listed: T[] };

/**
 * The stories of ranked hits, in rank order: items that tell one event in different words (a news
 * story, the forum threads and reviews of one outage) are one story.
 */
export function storiesOf<T extends RankedHit>(hits: readonly T[]): Array<Story<T>> {
  return groupByEvent(hits, (hit) => ({
    title: hit.title,
    text: hit.excerpt,
    publishedAt: hit.publishedAt.getTime(),
    clusterId: hit.clusterId,
    source: hit.feedTitle,
    feed: hit.feedTitle ?? hit.feedKind,
    sourceCount: hit.sourceCount,
  })).map((event) => ({ ...event, lead: event.items[0] as T, listed: dedupeStories(event.items) }));
}

/** One item per near-duplicate cluster, the first of each (the best ranked, when given ranked). */
export function dedupeStories<T extends RankedHit>(hits: readonly T[]): T[] {
  const seen = new Set<number>();
  return hits.filter((hit) => {
    if (hit.clusterId === null) return true;
    if (seen.has(hit.clusterId)) return false;
    seen.add(hit.clusterId);
    return true;
  });
}
