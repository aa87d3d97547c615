/** "just now", "5 min", "3 h", "2 days": how long a span is, in words people scan quickly. */
export function formatDuration(ms: number): string {
  // Rounded before the unit is chosen, so 59.6 s reads "1 min", not "60 s".
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return seconds < 5 ? 'moments' : `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 60) return `${days} days`;
  // Past two months, days are too fine to scan: "9 months", then "2 years".
  if (days < 730) return `${Math.round(days / daysPerMonth)} months`;
  return `${Math.round(days / 365.25)} years`;
}

const daysPerMonth = 365.25 / 12;

/** "5 min ago" / "in 5 min". */
export function formatRelative(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  if (Math.abs(diff) < 5000) return 'just now';
  return diff < 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`;
}

/**
 * "26h ago", "2d ago": an age as a source's line under its title says it, the hours and days without
 * their space and word ("26 h ago" made a typical line one over a phone's 42 characters, three lines).
 */
export function formatAgo(at: Date, now: Date): string {
  return formatRelative(at, now).replace(
    /^(\d+) (h|days) ago$/,
    (_, count, unit: string) => `${count}${unit[0]} ago`,
  );
}

export type DateFormat = { locale: string; options: Omit<Intl.DateTimeFormatOptions, 'timeZone'> };

// Building an Intl.DateTimeFormat costs about a millisecond: one per format (a constant) and time zone, kept.
const formatters = new WeakMap<DateFormat, Map<string, Intl.DateTimeFormat>>();

/** The formatter for `format` (a module constant) in `timeZone`, built once and reused. */
export function cachedDateFormat(format: DateFormat, timeZone: string): Intl.DateTimeFormat {
  let byZone = formatters.get(format);
  if (!byZone) {
    byZone = new Map();
    formatters.set(format, byZone);
  }
  let formatter = byZone.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(format.locale, { ...format.options, timeZone });
    byZone.set(timeZone, formatter);
  }
  return formatter;
}

const dateTime: DateFormat = {
  locale: 'en-GB',
  options: {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  },
};

/** "3 Nov 2026 14:05 UTC" in the given time zone. */
export function formatDateTime(at: Date, timeZone = 'UTC'): string {
  // "3 Nov 2026, 14:05 UTC" from en-GB: format() is several times cheaper than formatToParts().
  return cachedDateFormat(dateTime, timeZone).format(at).replace(', ', ' ');
}

const dayTime: DateFormat = {
  locale: 'en-GB',
  options: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  },
};

/** "28 Jul 2022": a day, with its year, in UTC. */
export function formatDay(at: Date): string {
  return at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "Mon 30 Nov 09:00 UTC": a moment within the coming days (a snooze's end), with its weekday. */
export function formatDayTime(at: Date, timeZone = 'UTC'): string {
  return cachedDateFormat(dayTime, timeZone).format(at).replace(', ', ' ');
}

/**
 * "at 09:00 their time (Mon 23 Nov 20:00 GMT-5)": when something reaches someone in another time
 * zone, on their clock, then the moment in `timeZone` (Briefbot's), so both readers know when.
 */
export function formatTheirTime(at: Date, theirZone: string, timeZone = 'UTC'): string {
  const clock = /\d\d:\d\d/.exec(formatDayTime(at, theirZone))?.[0] ?? '';
  return `at ${clock} their time (${formatDayTime(at, timeZone)})`;
}

const clockTime: DateFormat = {
  locale: 'en-GB',
  options: { hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' },
};

/** "09:12 UTC": a time today, where the day goes without saying (Home's "Updated"). */
export function formatClockTime(at: Date, timeZone = 'UTC'): string {
  return cachedDateFormat(clockTime, timeZone).format(at);
}

const dayFormat: DateFormat = {
  locale: 'en-GB',
  options: { weekday: 'short', day: 'numeric', month: 'short', timeZoneName: 'short' },
};

const dayYearFormat: DateFormat = {
  locale: 'en-GB',
  options: { ...dayFormat.options, year: 'numeric' },
};

/** Past this, a day's year is said: "Tue 1 Jun 2027" is not next week's Tuesday. */
export const yearShownAfterMs = 183 * 24 * 3600 * 1000;

/** "Sat 28 Nov (end of day, UTC)": the day an away ends, as it was read; "Mon 1 Mar 2027 (…)" when its year is not `now`'s, or it is more than about 6 months after `now`. */
export function formatUntilDay(at: Date, timeZone = 'UTC', now?: Date): string {
  // A day read in another zone (an expert's own) starts or ends at another hour here: said as that time
  // ("Mon 30 Nov 11:00 GMT-5", the minute after its last one).
  const clock = / (\d\d):(\d\d) /.exec(formatDayTime(at, timeZone));
  if (clock && !['00:00', '23:59'].includes(`${clock[1]}:${clock[2]}`))
    return formatDayTime(new Date(at.getTime() + (clock[2] === '59' ? 60_000 : 0)), timeZone);
  const yearOf = (date: Date) =>
    cachedDateFormat(dayYearFormat, timeZone)
      .formatToParts(date)
      .find((entry) => entry.type === 'year')?.value;
  const withYear =
    now !== undefined && (at.getTime() - now.getTime() > yearShownAfterMs || yearOf(at) !== yearOf(now));
  const parts = cachedDateFormat(withYear ? dayYearFormat : dayFormat, timeZone).formatToParts(at);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  const year = withYear ? ` ${part('year')}` : '';
  return `${part('weekday')} ${part('day')} ${part('month')}${year} (end of day, ${part('timeZoneName')})`;
}

/** True for a time zone name this runtime knows (IANA, e.g. Europe/Berlin). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** "1 mention", "2 mentions": a count with its noun, plural when it is not one. */
/** A wait in minutes as people say it: "45 min", "5 h", "3 days"; "—" for none. */
export function formatWait(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 60 / 24)} days`;
}

/** A window's label as it reads in a sentence: "in the last 7 days", "this week", "since 2026-11-01". */
export function windowPhrase(label: string): string {
  return /^(?:last|past)\b/.test(label) ? `in the ${label}` : /^the\b/.test(label) ? `in ${label}` : label;
}

/** "a", "a and b", "a, b and c": a list as running text says it. */
export function inWords(parts: string[]): string {
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

/**
 * "a, b, c and 117 more": the names that fit in `room` characters, the others counted (`where`
 * follows the count: " (`/brief topics list`)"). Slack cuts a section at 3,000 characters.
 */
export function namesWithin(names: string[], room: number, where = ''): string {
  const all = names.join(', ');
  if (all.length <= room) return all;
  const shown: string[] = [];
  for (const name of names) {
    const rest = names.length - shown.length - 1;
    if ([...shown, name].join(', ').length + ` and ${rest} more${where}`.length > room) break;
    shown.push(name);
  }
  return `${shown.join(', ')} and ${names.length - shown.length} more${where}`;
}

/**
 * Topic names in a reply that lists them all ("The topics are: …"): as many as fit in `room`, then
 * where the rest are. A line that names two lists (a change log's "topics a, b → c") gives each less.
 */
export function topicNamesWithin(names: string[], room = 1500): string {
  return namesWithin(names, room, ' (`/brief topics list` shows them all)');
}

export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** A week's count against the week before, as a topic list shows it: " (▲ up from 3 the week before)". */
export function weekChange(current: number, previous: number): string {
  if (current === previous) return previous === 0 ? '' : ' (steady)';
  if (previous === 0) return ' (none the week before)';
  return ` (${trendArrow(current > previous)} from ${previous} the week before)`;
}

/** "▲ up", "▼ down": the arrow with its word, as a screen reader reads "▲" as a black triangle. */
export function trendArrow(up: boolean): string {
  return up ? '▲ up' : '▼ down';
}

/**
 * A count against the one before it: "▲ up 25% vs the previous 7 days (12)". From a base under 10 it
 * gives the count instead, which a percentage would blow up ("▲ 1400%" for 1 → 15): "▲ up from 1 in
 * the previous 7 days".
 */
export function changeText(current: number, previous: number, before: string): string {
  if (previous === 0)
    return current === 0 ? `none in ${before} either` : `${trendArrow(true)} from none in ${before}`;
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) return `steady vs ${before} (${previous})`;
  const arrow = trendArrow(change > 0);
  if (previous < 10) return `${arrow} from ${previous} in ${before}`;
  return `${arrow} ${Math.abs(change)}% vs ${before} (${previous})`;
}

/** What is done with the items already in a feed when it is added or moved, in the same words everywhere. */
export const keptNotAnnounced = 'kept, not announced';

/**
 * What happens to the items a feed already has when it is added: answers count them at once (they
 * are stored and searchable), but none is announced in a digest or nudge.
 */
export function backlogNote(items: number): string {
  if (items === 0) return 'It has no items yet; new items from now on count.';
  return `${items === 1 ? 'Its 1 item already in the feed' : `Its ${items} items already in the feed`}: ${keptNotAnnounced} (answers count ${items === 1 ? 'it' : 'them'} now; only new items go into digests and nudges).`;
}
