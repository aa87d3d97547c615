import { cachedDateFormat, type DateFormat, isTimeZone } from '../format.ts';
import { closest } from './text.ts';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const calendarDate: DateFormat = {
  locale: 'en-US',
  options: { year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'long' },
};
const wallClock: DateFormat = {
  locale: 'en-US',
  options: {
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  },
};

/** The calendar date (y, m, d) and weekday (0 = Sunday) of an instant in a time zone. */
export function localDate(
  at: Date,
  timeZone: string,
): { year: number; month: number; day: number; weekday: number } {
  const parts = cachedDateFormat(calendarDate, timeZone).formatToParts(at);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: weekdays.indexOf(part('weekday').toLowerCase()),
  };
}

/** The instant a wall-clock time in a time zone happens (DST-aware, to the minute). */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (instant: number) => {
    const parts = cachedDateFormat(wallClock, timeZone).formatToParts(new Date(instant));
    const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - instant;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** Local midnight of the day `offsetDays` from the day of `at`, in a time zone. */
export function startOfLocalDay(at: Date, timeZone: string, offsetDays = 0): Date {
  const today = localDate(at, timeZone);
  const day = shift(today, offsetDays);
  return zonedTime(day.year, day.month, day.day, 0, 0, timeZone);
}

/**
 * "2026-12-01", "tomorrow", "friday", "in 3 days": the end of that day in the time zone, or
 * undefined when the text is not a date Briefbot understands.
 */
export function parseUntilDate(text: string, now: Date, timeZone: string): Date | undefined {
  // "the end of friday", "next monday", "Dec 1st": the words around the day say nothing more.
  const value = text
    .trim()
    .toLowerCase()
    .replace(/^(?:the )?end of /, '')
    .replace(/^next (?=[a-z]+$)/, '')
    .replace(/(\d)(?:st|nd|rd|th)\b/, '$1')
    .replace(/,/g, '');
  const today = localDate(now, timeZone);
  let target: { year: number; month: number; day: number } | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  // "in 5 days", and as people say a stretch of time: "for a week", "3 days", "for 2 weeks".
  const span = /^(?:in |for )?(\d{1,3}|an?|one) (day|week)s?$/.exec(value);
  const inDays = span
    ? [span[0], String((/^\d/.test(span[1] ?? '') ? Number(span[1]) : 1) * (span[2] === 'week' ? 7 : 1))]
    : null;
  // "fri", "tues", "thurs": a weekday by its start.
  const weekday = value.length >= 3 ? weekdays.find((name) => name.startsWith(value)) : undefined;
  const monthDay = /^([a-z]{3,9})\.? (\d{1,2})(?: (\d{4}))?$/.exec(value);
  const dayMonth = /^(\d{1,2}) ([a-z]{3,9})\.?(?: (\d{4}))?$/.exec(value);
  const named = monthDay
    ? { month: monthOf(monthDay[1] ?? ''), day: Number(monthDay[2]), year: monthDay[3] }
    : dayMonth
      ? { month: monthOf(dayMonth[2] ?? ''), day: Number(dayMonth[1]), year: dayMonth[3] }
      : undefined;
  if (named?.month) {
    // "Dec 1" without a year: the next one, this year or next.
    const passed = named.month < today.month || (named.month === today.month && named.day < today.day);
    const year = named.year ? Number(named.year) : today.year + (passed ? 1 : 0);
    target = { year, month: named.month, day: named.day };
  } else if (iso) target = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  else if (value === 'today') target = today;
  else if (value === 'tomorrow') target = shift(today, 1);
  // Understood, so the caller can say it has passed rather than that it is unreadable.
  else if (value === 'yesterday') target = shift(today, -1);
  else if (inDays) target = shift(today, Number(inDays[1]));
  else if (weekday) target = shift(today, (weekdays.indexOf(weekday) - today.weekday + 7) % 7 || 7);
  if (!target) return undefined;
  const check = new Date(Date.UTC(target.year, target.month - 1, target.day));
  // "2026-02-31" is not a day.
  if (check.getUTCMonth() + 1 !== target.month || check.getUTCDate() !== target.day) return undefined;
  return zonedTime(target.year, target.month, target.day, 23, 59, timeZone);
}

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** 1 to 12 for "dec", "december" or "sept" (a month's name or its start); undefined for another word. */
function monthOf(word: string): number | undefined {
  const index = months.findIndex((month) => month.startsWith(word));
  return word.length >= 3 && index >= 0 ? index + 1 : undefined;
}

function shift(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** A time zone as typed, read: its IANA name, and what was assumed when the text was an abbreviation. */
export type ZoneReading = { zone: string; note?: string };

type Abbreviation = { zone: string; offset: string; summer?: boolean; other?: string };

// An abbreviation means that region's clock all year: EST in July is New York time (EDT then).
const abbreviations: Record<string, Abbreviation> = {
  CET: { zone: 'Europe/Paris', offset: 'UTC+1', summer: true },
  CEST: { zone: 'Europe/Paris', offset: 'UTC+2', summer: true },
  EET: { zone: 'Europe/Athens', offset: 'UTC+2', summer: true },
  EEST: { zone: 'Europe/Athens', offset: 'UTC+3', summer: true },
  WET: { zone: 'Europe/Lisbon', offset: 'UTC+0', summer: true },
  WEST: { zone: 'Europe/Lisbon', offset: 'UTC+1', summer: true },
  BST: { zone: 'Europe/London', offset: 'UTC+1', summer: true, other: 'Bangladesh: Asia/Dhaka' },
  MSK: { zone: 'Europe/Moscow', offset: 'UTC+3' },
  EST: { zone: 'America/New_York', offset: 'UTC-5', summer: true },
  EDT: { zone: 'America/New_York', offset: 'UTC-4', summer: true },
  ET: { zone: 'America/New_York', offset: 'UTC-5', summer: true },
  CST: { zone: 'America/Chicago', offset: 'UTC-6', summer: true, other: 'China: Asia/Shanghai' },
  CDT: { zone: 'America/Chicago', offset: 'UTC-5', summer: true },
  CT: { zone: 'America/Chicago', offset: 'UTC-6', summer: true },
  MST: { zone: 'America/Denver', offset: 'UTC-7', summer: true, other: 'Arizona: America/Phoenix' },
  MDT: { zone: 'America/Denver', offset: 'UTC-6', summer: true },
  MT: { zone: 'America/Denver', offset: 'UTC-7', summer: true },
  PST: { zone: 'America/Los_Angeles', offset: 'UTC-8', summer: true },
  PDT: { zone: 'America/Los_Angeles', offset: 'UTC-7', summer: true },
  PT: { zone: 'America/Los_Angeles', offset: 'UTC-8', summer: true },
  AKST: { zone: 'America/Anchorage', offset: 'UTC-9', summer: true },
  AKDT: { zone: 'America/Anchorage', offset: 'UTC-8', summer: true },
  HST: { zone: 'Pacific/Honolulu', offset: 'UTC-10' },
  AST: { zone: 'America/Halifax', offset: 'UTC-4', summer: true, other: 'Arabia: Asia/Riyadh' },
  BRT: { zone: 'America/Sao_Paulo', offset: 'UTC-3' },
  IST: {
    zone: 'Asia/Kolkata',
    offset: 'UTC+5:30',
    other: 'Ireland: Europe/Dublin; Israel: Asia/Jerusalem',
  },
  SGT: { zone: 'Asia/Singapore', offset: 'UTC+8' },
  HKT: { zone: 'Asia/Hong_Kong', offset: 'UTC+8' },
  JST: { zone: 'Asia/Tokyo', offset: 'UTC+9' },
  KST: { zone: 'Asia/Seoul', offset: 'UTC+9' },
  AWST: { zone: 'Australia/Perth', offset: 'UTC+8' },
  ACST: { zone: 'Australia/Adelaide', offset: 'UTC+9:30', summer: true },
  AEST: { zone: 'Australia/Sydney', offset: 'UTC+10', summer: true },
  AEDT: { zone: 'Australia/Sydney', offset: 'UTC+11', summer: true },
  NZST: { zone: 'Pacific/Auckland', offset: 'UTC+12', summer: true },
  NZDT: { zone: 'Pacific/Auckland', offset: 'UTC+13', summer: true },
  SAST: { zone: 'Africa/Johannesburg', offset: 'UTC+2' },
};

// Offsets that are not whole hours have no Etc/ zone: the zones that keep them all year.
const fractionalOffsets: Record<string, string> = {
  '+03:30': 'Asia/Tehran',
  '+04:30': 'Asia/Kabul',
  '+05:30': 'Asia/Kolkata',
  '+05:45': 'Asia/Kathmandu',
  '+06:30': 'Asia/Yangon',
  '+08:45': 'Australia/Eucla',
  '+09:30': 'Australia/Darwin',
  '-09:30': 'Pacific/Marquesas',
};

// Zones said in words ("9am pacific time", "uk time"); a city's own name ("london time") is read from
// the IANA zones, so only regions, countries and coasts are listed. "central" alone is North America's.
const zoneWords: Record<string, string> = {
  pacific: 'America/Los_Angeles',
  'us pacific': 'America/Los_Angeles',
  'west coast': 'America/Los_Angeles',
  mountain: 'America/Denver',
  'us mountain': 'America/Denver',
  central: 'America/Chicago',
  'us central': 'America/Chicago',
  eastern: 'America/New_York',
  'us eastern': 'America/New_York',
  'east coast': 'America/New_York',
  alaska: 'America/Anchorage',
  hawaii: 'Pacific/Honolulu',
  atlantic: 'America/Halifax',
  'central european': 'Europe/Paris',
  'eastern european': 'Europe/Athens',
  'western european': 'Europe/Lisbon',
  uk: 'Europe/London',
  'united kingdom': 'Europe/London',
  british: 'Europe/London',
  england: 'Europe/London',
  ireland: 'Europe/Dublin',
  irish: 'Europe/Dublin',
  germany: 'Europe/Berlin',
  german: 'Europe/Berlin',
  france: 'Europe/Paris',
  french: 'Europe/Paris',
  spain: 'Europe/Madrid',
  italy: 'Europe/Rome',
  netherlands: 'Europe/Amsterdam',
  india: 'Asia/Kolkata',
  indian: 'Asia/Kolkata',
  israel: 'Asia/Jerusalem',
  china: 'Asia/Shanghai',
  japan: 'Asia/Tokyo',
  korea: 'Asia/Seoul',
  brazil: 'America/Sao_Paulo',
  'new zealand': 'Pacific/Auckland',
  'south africa': 'Africa/Johannesburg',
  'australian eastern': 'Australia/Sydney',
  'australian western': 'Australia/Perth',
  utc: 'UTC',
  gmt: 'UTC',
  'greenwich mean': 'UTC',
};

let cityZones: Map<string, string> | undefined;

/** "london", "new york", "sao paulo": the zones named Region/City, by their city. */
function zoneOfCity(city: string): string | undefined {
  cityZones ??= new Map(
    Intl.supportedValuesOf('timeZone').flatMap((zone) => {
      const [region, place, more] = zone.split('/');
      return region && place && !more && region !== 'Etc'
        ? [[place.toLowerCase().replace(/_/g, ' '), zone] as const]
        : [];
    }),
  );
  return cityZones.get(city);
}

/** "pacific time", "central european time", "london time", "uk": the zone they name, if any. */
function zoneOfWords(text: string): string | undefined {
  const phrase = text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(?:\s(?:standard|daylight|summer))?\stime$/, '')
    .trim();
  return zoneWords[phrase] ?? zoneOfCity(phrase);
}

const longestZoneWords = 4;

/**
 * Words that name a zone together, joined into one ("9am", "pacific", "time" -> "9am", "pacific
 * time"), so a digest or follow reads them as one time zone.
 */
export function joinZoneWords(list: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < list.length; index++) {
    const size = [longestZoneWords, 3, 2].find(
      (length) => index + length <= list.length && zoneOfWords(list.slice(index, index + length).join(' ')),
    );
    out.push(size ? list.slice(index, index + size).join(' ') : (list[index] as string));
    if (size) index += size - 1;
  }
  return out;
}

const referenceYear = 2026;

const offsetFormat: DateFormat = { locale: 'en-US', options: { timeZoneName: 'longOffset' } };

/** A zone's offset from UTC in minutes at an instant ("GMT+05:30" is 330). */
function offsetMinutes(zone: string, at: Date): number {
  const name =
    cachedDateFormat(offsetFormat, zone)
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const [, sign, hours = '0', minutes = '0'] = /GMT([+-])(\d{2}):(\d{2})/.exec(name) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** "UTC+5:30", "UTC-8", "UTC+0". */
function offsetText(minutes: number): string {
  const whole = Math.abs(minutes);
  const rest = whole % 60 ? `:${String(whole % 60).padStart(2, '0')}` : '';
  return `UTC${minutes < 0 ? '-' : '+'}${Math.floor(whole / 60)}${rest}`;
}

/** "“pacific time” is read as America/Los_Angeles: local time there, moving with its summer time (…)". */
function zoneWordsReading(typed: string, zone: string): ZoneReading {
  // Standard time is the lower offset of January and July, in either hemisphere (a fixed year: no clock).
  const [january, july] = [0, 6].map((month) =>
    offsetMinutes(zone, new Date(Date.UTC(referenceYear, month, 15))),
  );
  const standard = Math.min(january as number, july as number);
  const clock =
    january === july
      ? offsetText(standard)
      : `local time there, moving with its summer time (for a fixed offset, say ${offsetText(standard)})`;
  return { zone, note: `“${typed.trim().replace(/\s+/g, ' ')}” is read as ${zone}: ${clock}` };
}

/** What to type instead of a time zone Briefbot does not know. */
/** The zone a mistyped name most likely means ("Europe/Berln": Europe/Berlin); undefined when none is close. */
export function closestTimeZone(word: string): string | undefined {
  const zones = Intl.supportedValuesOf('timeZone');
  const near = closest(
    word.toLowerCase(),
    zones.map((zone) => zone.toLowerCase()),
  );
  return near === undefined ? undefined : zones.find((zone) => zone.toLowerCase() === near);
}

export const timeZoneExamples =
  'a zone like Europe/Paris or America/New_York, CET or PST, pacific time or london time, or UTC+2';

/**
 * "Europe/Paris", "europe/paris", "UTC", "CET", "PST", "UTC+2", "GMT-5", "+05:30", "pacific time",
 * "london time": the IANA zone meant, with a note when an abbreviation or words were read as a
 * region; undefined when it is none of these.
 */
export function parseTimeZone(text: string): ZoneReading | undefined {
  const value = text.trim().replace(/−/g, '-');
  const upper = value.toUpperCase();
  if (upper === 'UTC' || upper === 'Z' || upper === 'GMT') return { zone: 'UTC' };
  const offset = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(value);
  if (offset) {
    const [, sign, hoursText, minutesText = '00'] = offset;
    const hours = Number(hoursText);
    if (minutesText === '00') {
      if (hours === 0) return { zone: 'UTC' };
      // Etc/GMT-2 is UTC+2: POSIX counts the other way.
      if (hours <= (sign === '+' ? 14 : 12)) return { zone: `Etc/GMT${sign === '+' ? '-' : '+'}${hours}` };
      return undefined;
    }
    const zone = fractionalOffsets[`${sign}${String(hours).padStart(2, '0')}:${minutesText}`];
    return zone
      ? { zone, note: `UTC${sign}${hours}:${minutesText} is read as ${zone}, which keeps it all year` }
      : undefined;
  }
  const abbreviation = abbreviations[upper];
  if (abbreviation) {
    const clock = abbreviation.summer
      ? `local time there, moving with its summer time (for a fixed offset, say ${abbreviation.offset})`
      : `${abbreviation.offset}`;
    const other = abbreviation.other ? `; for ${abbreviation.other}` : '';
    return { zone: abbreviation.zone, note: `${upper} is read as ${abbreviation.zone}: ${clock}${other}` };
  }
  const named = zoneOfWords(value);
  if (named) return zoneWordsReading(value, named);
  if (!value.includes('/') || !isTimeZone(value)) return undefined;
  // Zones are matched whatever the case; kept as typed when that is already the usual spelling.
  if (value !== value.toLowerCase() && value !== upper) return { zone: value };
  const known = Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === value.toLowerCase());
  return {
    zone:
      known ??
      value
        .toLowerCase()
        .replace(/(^|[/_-])([a-z])/g, (_, before, letter) => `${before}${letter.toUpperCase()}`),
  };
}

/** "Europe/Paris" as is; "Etc/GMT-2" as "UTC+2", the way people write a fixed offset. */
export function timeZoneName(zone: string): string {
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  if (!etc) return zone;
  return `UTC${etc[1] === '+' ? '-' : '+'}${etc[2]}`;
}
