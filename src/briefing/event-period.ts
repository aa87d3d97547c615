import { type EventText, eventKindsOf, eventWindowMs, groupEvents } from '../analysis/events.ts';
import { compileQuery } from '../analysis/query.ts';
import { topicLabel } from '../analysis/topics.ts';
import { localDate } from '../commands/dates.ts';
import { cachedStatement } from '../db/client.ts';
import { firstAtItsLink } from '../db/search.ts';
import type { Deps } from '../deps.ts';
import { competitorOf, shortFeedName } from '../monitor/feed-kind.ts';
import { type AskChoice, type AskRequest, companyWords, daysBefore, parsePeriod } from './ask-parse.ts';

/** How far back an event a period is named by is looked for: "since the launch" is a recent one. */
export const eventLookbackDays = 90;
/** Two events of the kind, of different companies, first told this close together: no telling which was meant. */
const sameTimeMs = 24 * 3600_000;
/** The newest items of the lookback read for events: more is a busier quarter than an answer waits for. */
const itemsRead = 3000;
/** The newest tellings of the kind grouped into events (grouping is quadratic). */
const tellingsGrouped = 80;
const dayMs = 24 * 3600_000;

type Party = { name: string; label: string; kind: string; query: string };
type Telling = EventText & { feedTitle: string | null; feedKind: string; competitor: string | null };
/** An event: its tellings (earliest first) and whose it is. */
type NamedEvent = { told: Telling[]; owner: Party | null };

const words = (text: string) => text.toLowerCase().replace(/['’]s\b/g, '');
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The party (a company or competitor topic) a text names first, by its name or label. */
function firstParty(text: string, parties: Party[]): Party | null {
  const lower = words(text);
  let best: { party: Party; at: number } | null = null;
  for (const party of parties)
    for (const name of new Set([party.name.toLowerCase(), party.label.toLowerCase()])) {
      const at = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped(name)}(?![\\p{L}\\p{N}])`, 'u').exec(
        lower,
      )?.index;
      if (at !== undefined && (!best || at < best.at)) best = { party, at };
    }
  return best?.party ?? null;
}

/** Whose event it is: the first party its tellings' titles name, earliest first, or the competitor whose own post told it. */
function ownerOf(tellings: Telling[], parties: Party[]): Party | null {
  for (const telling of tellings) {
    const named = firstParty(telling.title, parties);
    if (named) return named;
  }
  const own = tellings.find((telling) => telling.competitor)?.competitor?.toLowerCase();
  return (
    parties.find((party) => party.name.toLowerCase() === own || party.label.toLowerCase() === own) ?? null
  );
}

/** The events of the kinds given in the lookback, newest first told first, each with whose it is. */
function recentEvents(
  deps: Deps,
  kinds: ReadonlySet<string>,
  parties: Party[],
  now: Date,
  /** The named company's topic query, as FTS5: only its items are read, so a busy quarter never hides its event. */
  fts: string | null,
): NamedEvent[] {
  const columns = `i.title, substr(i.text, 1, 400) AS text, i.language, i.published_at AS publishedAt, i.cluster_id AS clusterId,
       f.title AS feedTitle, f.kind AS feedKind, f.competitor AS feedCompetitor`;
  const period = `i.published_at >= ? AND i.published_at <= ? AND ${firstAtItsLink}`;
  const since = now.getTime() - eventLookbackDays * dayMs;
  const newest = 'ORDER BY i.published_at DESC, i.id DESC LIMIT ?';
  const rows = (
    fts
      ? cachedStatement(
          deps.db.sqlite,
          `SELECT ${columns} FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
           WHERE items_fts MATCH ? AND ${period} ${newest}`,
        )
          .safeIntegers(false)
          .all(fts, since, now.getTime(), itemsRead)
      : cachedStatement(
          deps.db.sqlite,
          `SELECT ${columns} FROM items i JOIN feeds f ON f.id = i.feed_id WHERE ${period} ${newest}`,
        )
          .safeIntegers(false)
          .all(since, now.getTime(), itemsRead)
  ) as Array<{
    title: string;
    text: string;
    language: string | null;
    publishedAt: number;
    clusterId: number | null;
    feedTitle: string | null;
    feedKind: string;
    feedCompetitor: string | null;
  }>;
  const tellings: Telling[] = rows
    .filter((row) => [...eventKindsOf(row)].some((kind) => kinds.has(kind)))
    .slice(0, tellingsGrouped)
    .map((row) => ({
      title: row.title,
      text: row.text,
      language: row.language,
      publishedAt: row.publishedAt,
      clusterId: row.clusterId,
      source: row.feedTitle,
      feedTitle: row.feedTitle,
      feedKind: row.feedKind,
      competitor:
        competitorOf({ kind: row.feedKind, title: row.feedTitle, competitor: row.feedCompetitor }) ?? null,
    }));
  const leads = groupEvents(tellings);
  const grouped = new Map<number, Telling[]>();
  leads.forEach((lead, index) => {
    grouped.set(lead, [...(grouped.get(lead) ?? []), tellings[index] as Telling]);
  });
  const events = [...grouped.values()]
    .map((told) => {
      const inOrder = [...told].sort((a, b) => a.publishedAt - b.publishedAt);
      return { told: inOrder, owner: ownerOf(inOrder, parties) };
    })
    .sort((a, b) => firstOf(a).publishedAt - firstOf(b).publishedAt);
  // One company's tellings of one kind within the events' window are one event, however worded
  // (a review that morning and the post-incident report that evening).
  const merged: NamedEvent[] = [];
  for (const found of events) {
    const last = merged[merged.length - 1];
    if (
      last?.owner &&
      last.owner.name === found.owner?.name &&
      firstOf(found).publishedAt - (last.told[last.told.length - 1] as Telling).publishedAt <= eventWindowMs
    )
      last.told.push(...found.told);
    else merged.push(found);
  }
  return merged.reverse();
}

const firstOf = (found: NamedEvent) => found.told[0] as Telling;
const sourcesOf = (found: NamedEvent) => new Set(found.told.map((telling) => telling.feedTitle)).size;

/**
 * The event meant, and the one before it: the most recent, unless another company's was first told
 * within a day of it; then the one more sources tell, by twice as many (Acme's outage in three
 * sources, not Globex's uptime post of the same morning), else the two are `tied`. An event whose
 * company is named is that company's most recent.
 */
function likeliest(
  events: NamedEvent[],
  named: boolean,
): [NamedEvent | undefined, (NamedEvent & { tied?: true }) | undefined] {
  const [latest] = events;
  if (!latest || named) return [latest, events[1]];
  const close = events.filter(
    (found) =>
      firstOf(latest).publishedAt - firstOf(found).publishedAt < sameTimeMs &&
      found.owner?.name !== latest.owner?.name,
  );
  if (close.length === 0) return [latest, events[1]];
  const [most, second] = [latest, ...close].sort((a, b) => sourcesOf(b) - sourcesOf(a)) as [
    NamedEvent,
    NamedEvent,
  ];
  if (sourcesOf(most) >= 2 * sourcesOf(second)) return [most, events[events.indexOf(most) + 1]];
  return [latest, { ...second, tied: true }];
}

/** Another company's event the words would name were ours not preferred, when it came after ours. */
function newerOf(all: NamedEvent[], ours: NamedEvent): NamedEvent | undefined {
  const [other] = likeliest(
    all.filter((found) => found.owner?.name !== ours.owner?.name),
    false,
  );
  return other && firstOf(other).publishedAt > firstOf(ours).publishedAt ? other : undefined;
}

/** The telling an event is named by: the press's first, else a competitor's own announcement, else its first. */
function shownOf(found: NamedEvent): Telling {
  return (
    found.told.find((telling) => telling.feedKind === 'news') ??
    found.told.find((telling) => telling.feedKind === 'competitor') ??
    firstOf(found)
  );
}

const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "31 Oct": a day as a question names it. */
function dayNamed(at: Date, zone: string): string {
  const day = localDate(at, zone);
  return `${day.day} ${months[day.month - 1]}`;
}

/** "globex": a name as a sentence writes it ("Globex"); a label typed with capitals stays as typed. */
function capitalised(label: string): string {
  return label === label.toLowerCase() ? `${label.charAt(0).toUpperCase()}${label.slice(1)}` : label;
}

/** “Globex launches Assist AI, an autonomous…”: a title quoted short. */
function quoted(title: string): string {
  return `“${title.length > 70 ? `${title.slice(0, 69).trimEnd()}…` : title}”`;
}

/**
 * "outage since the launch", "pricing before the price change", "after the Globex acquisition": the
 * period named by an event, looked up among the stories of the last 90 days. The event is the
 * named company's (or the subject's, when it is a company or competitor) most recent of that kind,
 * and the period runs from the day it was first told until now (or the 30 days up to it); the note
 * on top says which it took. With none of that kind, or two of different companies first told
 * within a day of each other, the default window stays and the note says so, with the questions to
 * ask instead. A request with no event, or one whose words tell no kind, is returned as it was.
 */
export async function withEventPeriod(
  deps: Deps,
  known: Array<{ name: string; kind: string; query: string; displayName?: string | null }>,
  request: AskRequest,
): Promise<AskRequest> {
  const event = request.event;
  if (!event) return request;
  const kinds = eventKindsOf({ title: event.words, text: '' });
  if (kinds.size === 0) return request;
  const now = deps.clock.now();
  const zone = deps.config.DEFAULT_TIMEZONE;
  const parties: Party[] = known
    .filter((topic) => topic.kind === 'company' || topic.kind === 'competitor')
    .map((topic) => ({ name: topic.name, label: topicLabel(topic), kind: topic.kind, query: topic.query }));
  // Whose event: the one its words name ("the Globex acquisition", "our launch"), else the subject's.
  const subject = request.subjects.length === 1 ? (request.subjects[0] ?? '') : '';
  const company = parties.find((party) => party.kind === 'company') ?? null;
  const named =
    firstParty(event.words, parties) ??
    (/^(?:our)\b/i.test(event.words) ? company : null) ??
    (companyWords.test(subject) ? company : firstParty(subject, parties));
  // "the Globex acquisition", "globex's launch": the kind's words, without whose.
  const what = event.words.replace(/^(?:the|our|their|its|this|that)\s+/i, '');
  const kindWords = named
    ? what.replace(new RegExp(`^(?:${escaped(named.label)}|${escaped(named.name)})(?:['’]s)?\\s+`, 'i'), '')
    : what;
  const all = recentEvents(deps, kinds, parties, now, named ? compileQuery(named.query).toFts() : null);
  // No company named: an executive's "the launch" is our own, read among our items, and anyone's only without one.
  const ours =
    !named && company
      ? recentEvents(deps, kinds, parties, now, compileQuery(company.query).toFts()).filter(
          (found) => found.owner?.name === company.name,
        )
      : [];
  const events = named ? all.filter((found) => found.owner?.name === named.name) : all;
  // "since 31 Oct", "from 1 Oct to 30 Oct": the period from (or the 30 days up to) the day of a time, as typed.
  const periodOf = (at: number) =>
    event.relation === 'since'
      ? `since ${dayNamed(new Date(at), zone)}`
      : `from ${dayNamed(new Date(at - 30 * dayMs), zone)} to ${dayNamed(new Date(at - dayMs), zone)}`;
  // With no subject before the event ("since the outage"), the question is the overview's.
  const against = event.versusBefore ? ' vs the period before' : '';
  const question = (period: string) => `${event.rest || 'what’s new'} ${period}${against}`;
  const ask = (period: string) => `\`/brief ${question(period)}\``;
  const notes = (request.notes ?? []).filter((note) => note !== event.note);
  const said = (note: string): AskRequest => ({ ...request, notes: [...notes, note] });
  const [latest, next]: [NamedEvent | undefined, (NamedEvent & { tied?: true }) | undefined] = ours[0]
    ? [ours[0], newerOf(all, ours[0]) ?? ours[1]]
    : likeliest(events, Boolean(named));
  if (!latest) {
    return said(
      `No ${named ? `${capitalised(named.label)} ` : ''}${kindWords} in the stories of the last ${eventLookbackDays} days, so this is the ${request.window.label}; name the day instead, e.g. ${ask(periodOf(request.window.since.getTime()))}.`,
    );
  }
  const whose = (found: NamedEvent) =>
    found.owner ? `${capitalised(found.owner.label)}'s` : /^[aeiou]/i.test(kindWords) ? 'an' : 'a';
  const dayOf = (found: NamedEvent) => dayNamed(new Date(firstOf(found).publishedAt), zone);
  const toldOn = (found: NamedEvent) =>
    `${dayOf(found)}: ${quoted(shownOf(found).title)} (${shortNameOf(shownOf(found).feedTitle)})`;
  // The question that names an event outright, and its button: "Since Globex's outage (1 Nov)".
  const naming = (found: NamedEvent) =>
    found.owner
      ? `${event.anchor} the ${capitalised(found.owner.label)} ${kindWords}`
      : `since ${dayOf(found)}`;
  const choiceOf = (found: NamedEvent, period: string): AskChoice => ({
    label: `${capitalised(event.anchor)} ${found.owner ? `${whose(found)} ${kindWords}` : `the ${kindWords}`} (${dayOf(found)})`,
    question: question(period),
  });
  if (next && 'tied' in next) {
    const either = [latest, next].map((found) => ask(naming(found)));
    return {
      ...said(
        `“${capitalised(event.words)}” could be ${whose(latest)} ${kindWords} (first told ${toldOn(latest)}) or ${whose(next)} (first told ${toldOn(next)}), so this is the ${request.window.label}; ask for one: ${either.join(' or ')}.`,
      ),
      choices: [latest, next].map((found) => choiceOf(found, naming(found))),
    };
  }
  const from = parsePeriod(periodOf(firstOf(latest).publishedAt), now, zone);
  if (!from) return request;
  // "acme vs globex since the launch vs before": the period since it, beside the one as long before
  // it to the hour, so neither is a part-day longer.
  const length = from.until.getTime() - from.since.getTime();
  const days = Math.max(1, Math.round(length / dayMs));
  const earlier = {
    since: new Date(from.since.getTime() - length),
    until: from.since,
    days,
    label: daysBefore(days),
  };
  const window = event.versusBefore ? { ...from, before: earlier } : from;
  // The event before it, or another company's after ours, when asking from its day would be another question.
  const after = next && firstOf(next).publishedAt > firstOf(latest).publishedAt;
  const runnerUp =
    next && dayOf(next) !== dayOf(latest)
      ? { found: next, period: after && next.owner ? naming(next) : periodOf(firstOf(next).publishedAt) }
      : null;
  const before = runnerUp
    ? ` For ${whose(runnerUp.found)} ${kindWords} ${after ? 'after' : 'before'} it (first told ${toldOn(runnerUp.found)}): ${ask(runnerUp.period)}.`
    : '';
  return {
    ...said(
      `${capitalised(event.anchor)} ${event.words}, read as ${whose(latest)} ${kindWords}${after ? ' (no company named, so ours)' : ''}, first told ${toldOn(latest)}.${before}`,
    ),
    window,
    ...(runnerUp ? { choices: [choiceOf(runnerUp.found, runnerUp.period)] } : {}),
  };
}

/** A telling's source as answers name it: "SaaS Ledger", not "SaaS Ledger: Customer Service Software". */
function shortNameOf(feedTitle: string | null): string {
  return feedTitle ? shortFeedName(feedTitle) : 'a source';
}
