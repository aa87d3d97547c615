import { type EventText, eventGroups, groupEvents } from '../analysis/events.ts';
import { type RankedHit, storyReach } from '../db/search.ts';

/**
 * One event: every item telling it (the best ranked first), how many sources tell it, and (ranked
 * by coverage) its best item's score counted with its coverage.
 */
export type Event<T> = { items: T[]; sources: number; score?: number };

/** What groupByEvent reads of an item: its words and date, its source (`feed`, and its kind), and its near-duplicate cluster's sources. */
export type EventRead = EventText & { feed: string | number; kind?: string; sourceCount: number };

/**
 * How events are ranked by their coverage: `score` an item's rank score (higher ranks first) and
 * `reach` how much a story told by that many sources counts, as the score already counts its
 * near-duplicate cluster's sources.
 */
export type CoverageRank<T> = { score: (item: T) => number; reach: (sources: number) => number };

/**
 * Items (ranked) grouped by the event they tell (see groupEvents), in the order of each event's
 * best-ranked item; with `rank`, in the order of that item's score counted with the event's
 * coverage instead: the score's reach of its own near-duplicates replaced by the reach of the
 * sources telling the event, a competitor's own posts not counted (their marketing is not
 * coverage). So an event five sources tell ranks above a lone post of a like score.
 */
export function groupByEvent<T>(
  items: readonly T[],
  read: (item: T) => EventRead,
  rank?: CoverageRank<T>,
): Array<Event<T>> {
  const texts = items.map(read);
  const leads = groupEvents(texts);
  // A group's lead is its first item, so the events come out in the order of their leads.
  const grouped = new Map<number, number[]>();
  leads.forEach((lead, index) => {
    grouped.set(lead, [...(grouped.get(lead) ?? []), index]);
  });
  const events = [...grouped.values()].map((indexes) => {
    const told = indexes.map((index) => texts[index] as EventRead);
    const lead = told[0] as EventRead;
    const covering = new Set(told.filter((text) => text.kind !== 'competitor').map((text) => text.feed)).size;
    return {
      items: indexes.map((index) => items[index] as T),
      sources: Math.max(new Set(told.map((text) => text.feed)).size, ...told.map((text) => text.sourceCount)),
      weight: rank
        ? (rank.score(items[indexes[0] as number] as T) * rank.reach(Math.max(covering, lead.sourceCount))) /
          rank.reach(lead.sourceCount)
        : 0,
    };
  });
  // Stable: events of a like weight keep their leads' order.
  if (rank) events.sort((a, b) => b.weight - a.weight);
  return events.map(({ items: told, sources, weight }) => ({
    items: told,
    sources,
    ...(rank ? { score: weight } : {}),
  }));
}

/**
 * One event of an answer, however many items tell it: `lead` its best-ranked item, `items` every
 * item of it (the lead first), `listed` one item per near-duplicate cluster of them.
 */
export type Story<T extends RankedHit> = Event<T> & { lead: T; listed: T[] };

/**
 * The stories of ranked hits: items that tell one event in different words (a news story, the
 * forum threads and reviews of one outage) are one story. By coverage (unless told not to, when the
 * hits are in an order of their own), an event more sources tell ranks higher (see groupByEvent).
 */
export function storiesOf<T extends RankedHit>(
  hits: readonly T[],
  options: { byCoverage: boolean } = { byCoverage: true },
): Array<Story<T>> {
  return groupByEvent(
    hits,
    hitText,
    // A search score is negative, the more relevant the more so.
    options.byCoverage ? { score: (hit) => -hit.score, reach: storyReach } : undefined,
  ).map((event) => ({ ...event, lead: event.items[0] as T, listed: dedupeStories(event.items) }));
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

/** What groupByEvent reads of a ranked hit. */
function hitText(hit: RankedHit): EventRead {
  return {
    title: hit.title,
    text: hit.excerpt,
    publishedAt: hit.publishedAt.getTime(),
    clusterId: hit.clusterId,
    source: hit.feedTitle,
    language: hit.language ?? null,
    feed: hit.feedTitle ?? hit.feedKind,
    kind: hit.feedKind,
    sourceCount: hit.sourceCount,
  };
}

/**
 * Ranked hits, each listed apart, with the report of each event ranked where the event ranks: of
 * the items telling one event (see groupEvents), its centre (a news telling if there is one, the
 * one most like the others; never a competitor's own post) takes the score of the event's best
 * telling (a competitor's own posts not counted) with that score's reach of its near-duplicates'
 * sources replaced by the reach of the sources telling the event, as groupByEvent ranks an event by
 * its lead (a competitor's own posts not counted). So the news story the forum threads and reviews
 * react to ranks above them and above a lone post that says the subject's words more often; the
 * reactions keep their own scores. A report `lifts` declines (another company's story, in an answer
 * about ours) keeps its own. In score order (a search score is negative, the more relevant the more
 * so); of a like score, as given.
 */
export function retellingsCounted<T extends RankedHit>(
  hits: readonly T[],
  lifts: (hit: T) => boolean = () => true,
): T[] {
  const texts = hits.map(hitText);
  // The news reports the event the threads and reviews react to; a competitor's post is no report.
  const fitness = (kind: string | undefined) => (kind === 'news' ? 2 : kind === 'competitor' ? 0 : 1);
  const { lead, centre } = eventGroups(texts, (index) => fitness(texts[index]?.kind));
  // Of each event: the sources telling it, and its best telling's score counted with them.
  const covering = new Map<number, Set<string | number>>();
  const best = new Map<number, T>();
  hits.forEach((hit, index) => {
    if (hit.feedKind === 'competitor') return;
    const group = lead[index] as number;
    covering.set(group, (covering.get(group) ?? new Set()).add((texts[index] as EventRead).feed));
    const first = best.get(group);
    if (!first || hit.score < first.score) best.set(group, hit);
  });
  const counted = (hit: T, sources: number) =>
    (hit.score * storyReach(Math.max(sources, hit.sourceCount))) / storyReach(hit.sourceCount);
  return hits
    .map((hit, index) => {
      const group = lead[index] as number;
      const sources = covering.get(group)?.size ?? 0;
      const told = best.get(group) ?? hit;
      if (centre[index] !== index || hit.feedKind === 'competitor' || !lifts(hit)) return hit;
      const score = Math.min(hit.score, counted(hit, sources), counted(told, sources));
      return score < hit.score ? { ...hit, score } : hit;
    })
    .map((hit, index) => ({ hit, index }))
    .sort((a, b) => a.hit.score - b.hit.score || a.index - b.index)
    .map(({ hit }) => hit);
}
