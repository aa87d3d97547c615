/**
 * Publication dates as feeds really write them. The JavaScript date parser reads RFC 822 and ISO 8601,
 * but not the zone abbreviations of most of the world ("CEST", "AEDT") nor month names in other
 * languages ("23 déc. 2026", "3. März 2026"); those dates get a second, more lenient reading.
 */

// Offsets of the zone abbreviations feeds use that the built-in parser does not know (it knows
// UT, UTC, GMT, Z and the North American EST, EDT, CST, CDT, MST, MDT, PST, PDT).
const zoneOffsets: Record<string, string> = {
  cet: '+0100',
  cest: '+0200',
  met: '+0100',
  mest: '+0200',
  mez: '+0100',
  mesz: '+0200',
  wet: '+0000',
  west: '+0100',
  bst: '+0100',
  eet: '+0200',
  eest: '+0300',
  msk: '+0300',
  ist: '+0530',
  sgt: '+0800',
  hkt: '+0800',
  awst: '+0800',
  jst: '+0900',
  kst: '+0900',
  acst: '+0930',
  acdt: '+1030',
  aest: '+1000',
  aedt: '+1100',
  nzst: '+1200',
  nzdt: '+1300',
  hst: '-1000',
  akst: '-0900',
  akdt: '-0800',
  ast: '-0400',
  adt: '-0300',
  nst: '-0330',
  ndt: '-0230',
};

// Month names, accents removed, in the languages feeds are most often written in (English, German,
// French, Spanish, Italian, Dutch, Portuguese, Polish, Turkish, Russian, Ukrainian, the Nordic
// languages, Indonesian, Czech, Finnish); a word starting with one of these stems is that month.
// (Accents removed: Russian "май" reads "маи", Polish "paź" "paz", Czech "září" "zari".)
const monthStems: Array<[string, string[]]> = [
  ['Jan', ['jan', 'ene', 'gen', 'sty', 'oca', 'янв', 'tammi', 'leden', 'січ']],
  ['Feb', ['feb', 'fev', 'lut', 'sub', 'фев', 'helmi', 'unor', 'лют']],
  ['Mar', ['mar', 'maa', 'mrz', 'mrt', 'мар', 'maalis', 'brez', 'бер']],
  ['Apr', ['apr', 'avr', 'abr', 'kwi', 'nis', 'апр', 'huhti', 'dub', 'кві']],
  ['May', ['may', 'mai', 'mag', 'mei', 'mayo', 'maj', 'мая', 'маи', 'touko', 'kvet', 'тра']],
  ['Jun', ['jun', 'juin', 'giu', 'cze', 'haz', 'июн', 'kesa', 'cerven', 'чер']],
  ['Jul', ['jul', 'juil', 'lug', 'lip', 'tem', 'июл', 'heina', 'cervenec', 'лип']],
  ['Aug', ['aug', 'aou', 'ago', 'sie', 'agu', 'авг', 'agt', 'elo', 'srp', 'сер']],
  ['Sep', ['sep', 'set', 'wrz', 'eyl', 'сен', 'syys', 'zari', 'вер']],
  ['Oct', ['oct', 'okt', 'ott', 'out', 'paz', 'eki', 'окт', 'loka', 'rij', 'жов']],
  ['Nov', ['nov', 'lis', 'kas', 'ноя', 'marras', 'лис']],
  ['Dec', ['dec', 'dez', 'dic', 'gru', 'ara', 'дек', 'des', 'joulu', 'pro', 'гру']],
];

function englishMonth(word: string): string | undefined {
  // The longest matching stem wins: "juil" (July) over "jul", "juin" (June) over "jun".
  let best: { month: string; length: number } | undefined;
  for (const [month, stems] of monthStems) {
    for (const stem of stems) {
      if (word.startsWith(stem) && (!best || stem.length > best.length))
        best = { month, length: stem.length };
    }
  }
  return best?.month;
}

/**
 * Clocks differ by a little; a date further ahead of the fetch is a mistake (a wrong time zone, a
 * scheduled post) or a feed putting itself on top of Home, and is read as the fetch time.
 */
const maxAheadMs = 5 * 60 * 1000;

/** Whether a publication time (ms) is too far after the fetch (ms) to be believed. */
export function aheadOfFetch(time: number, fetchedAt: number): boolean {
  return time > fetchedAt + maxAheadMs;
}

/** A date the built-in parser reads, else the lenient reading, else null; years outside 1990–2200 are mistakes. */
export function parseFeedDate(text: string): Date | null {
  const trimmed = withColonTimes(text.trim());
  if (!trimmed) return null;
  const basic = basicIso(trimmed);
  if (basic !== undefined) return plausible(basic);
  // "Mon, 01 Jan 0001" (a placeholder some generators write) would read as 2001.
  if (/(?:^|\D)0\d{3}(?:\D|$)/.test(trimmed) && !/(?:^|\D)(?:19|2\d)\d{2}(?:\D|$)/.test(trimmed)) return null;
  // "05.11.2024" is the 5th of November wherever dots separate a date; the built-in parser reads May 11.
  if (/^\d{1,2}\.\d{1,2}\.\d{4}\b/.test(trimmed)) return plausible(lenientTime(trimmed));
  const posix = posixZone.exec(trimmed);
  if (posix) return plausible(inPosixZone(trimmed.slice(0, posix.index), posix));
  // The built-in parser reads a month by its first three letters: Finnish "marras" (November) is "Mar" to it.
  if (misreadMonth(trimmed)) return plausible(lenientTime(trimmed));
  const time = parseAsUtc(trimmed);
  return plausible(Number.isNaN(time) ? lenientTime(trimmed) : time);
}

// A time written with dots, as Finnish (and Danish, Norwegian) dates do: after "klo" (kello, "o'clock";
// Danish and Norwegian "kl."), or right after a date's year ("05.11.2024 10.00", "2024-11-05 10.00").
// A decimal number anywhere else ("2024 12.50", a year alone before it) is no time.
const dottedTime =
  /(?:\b(?:klo|kello|kl\.?)\s*|((?:(?<=.)(?<!\d)\d{4}|(?<!\d)\d{4}-\d{2}-\d{2}),?\s+))([01]?\d|2[0-3])\.([0-5]\d)(?:\.([0-5]\d))?(?=$|[\s+-]|z\b)/giu;

/** "ti, 05 marras 2024 klo 10.00" -> "ti, 05 marras 2024 10:00": the time as every reader below writes it. */
function withColonTimes(text: string): string {
  return text.replace(
    dottedTime,
    (_match, date: string | undefined, hour: string, minute: string, second: string | undefined) =>
      `${date ?? ''}${hour}:${minute}${second ? `:${second}` : ''}`,
  );
}

const englishMonths = new Set(monthStems.map(([month]) => month.toLowerCase()));

/** Whether a word of the date starts like one English month but is another month's name. */
function misreadMonth(text: string): boolean {
  for (const word of text.match(/\p{L}{4,}/gu) ?? []) {
    const lower = word.toLowerCase();
    const prefix = lower.slice(0, 3);
    if (englishMonths.has(prefix) && englishMonth(lower)?.toLowerCase() !== prefix) return true;
  }
  return false;
}

// ISO 8601's basic format, without separators: "20261124T090500Z", "20261124T0905+0100", "20261124".
const basicIsoDate =
  /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A date in ISO 8601's basic format (the built-in parser misreads it), or undefined when it is not one. */
function basicIso(text: string): number | undefined {
  const basic = basicIsoDate.exec(text);
  if (!basic) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = basic;
  const offset = zone.length === 3 ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
}

// A POSIX TZ string in place of a zone ("EST5EDT", "CET-1CEST"): standard name, hours west of UTC, summer name.
// ("GMT+1" is not one: it means an hour east, as people write it.)
const posixZone = /\s(?!(?:GMT|UTC|UT)[+-])([A-Z]{3,5})([+-]?\d{1,2})([A-Z]{3,5})?$/i;

/**
 * The date before a POSIX zone, in that zone. The four the IANA database keeps under that name
 * (EST5EDT, CST6CDT, MST7MDT, PST8PDT) know when summer time applies; any other is read at its
 * standard offset, since the string alone does not say when summer starts.
 */
function inPosixZone(date: string, zone: RegExpExecArray): number {
  const written = date.trim();
  const asUtc = parseAsUtc(written);
  const local = Number.isNaN(asUtc) ? lenientTime(written) : asUtc;
  if (Number.isNaN(local)) return local;
  const westHours = Number(zone[2]);
  const name = zone[0].trim().toUpperCase();
  let offsetMinutes = -westHours * 60;
  try {
    const named = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' })
      .formatToParts(new Date(local - offsetMinutes * 60_000))
      .find((part) => part.type === 'timeZoneName')?.value;
    const offset = /^GMT([+-])(\d{2}):(\d{2})$/.exec(named ?? '');
    if (offset) offsetMinutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  } catch {
    // Not an IANA name: its standard offset stands.
  }
  return local - offsetMinutes * 60_000;
}

// A zone or offset written in the date: a name the built-in parser knows, "Z", "+01:00", "-0500".
const writtenZone = /\b(?:gmt|utc|ut|[ecmp][sd]t)\b|(?:^|[\s\d])z$|[+-]\d{2}(?::?\d{2})?$|\s[+-]\d{4}\b/i;
// ISO dates without a time, which the built-in parser already reads as UTC.
const isoDateOnly = /^\d{4}(?:-\d{2}){0,2}$/;

/**
 * Date.parse, with a date that names no zone read as UTC: the built-in parser reads it in the
 * server's own zone, so the same feed would give other times on another server.
 */
function parseAsUtc(text: string): number {
  const time = Date.parse(text);
  if (Number.isNaN(time) || writtenZone.test(text) || isoDateOnly.test(text)) return time;
  const local = new Date(time);
  return Date.UTC(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
  );
}

function plausible(time: number): Date | null {
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2200 ? date : null;
}

/**
 * Known zone abbreviations become offsets, the month name becomes English, other words (weekdays,
 * "de", "um", "Uhr") go; a numeric day.month.year or day-month-year date becomes year/month/day.
 */
function lenientTime(text: string): number {
  // Seconds or milliseconds since 1970, as some generators write them.
  if (/^\d{10}(?:\d{3})?$/.test(text)) return Number(text) * (text.length === 10 ? 1000 : 1);
  // Chinese, Japanese and Korean dates: "2024年11月5日(火) 09:00", "2024년 11월 5일 09:00".
  const cjk =
    /^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]\s*(?:[(（][^)）]*[)）])?\s*(.*)$/u.exec(
      text,
    );
  if (cjk) return parseAsUtc(`${cjk[1]}/${cjk[2]}/${cjk[3]} ${lenientZone(cjk[4] ?? '')}`.trim());
  // Day first: "23.11.2026", "23-11-2026"; with slashes only when the day cannot be a month
  // ("24/11/2026"; the built-in parser reads "05/11/2026" as May 11, as US feeds mean it).
  const numeric = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b(.*)$/.exec(text);
  if (numeric && (numeric[2] !== '/' || Number(numeric[1]) > 12)) {
    const [, day, , month, year, rest] = numeric;
    return parseAsUtc(`${year}/${month}/${day}${lenientZone(rest ?? '')}`.trim());
  }
  const spacedOffset = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+([+-]\d{2}:?\d{2})$/.exec(
    text,
  );
  if (spacedOffset) return Date.parse(`${spacedOffset[1]}${spacedOffset[2]}`);
  const iso = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(\p{L}+)$/u.exec(text);
  if (iso) {
    const offset = zoneOffsets[(iso[2] ?? '').toLowerCase()];
    return offset ? Date.parse(`${iso[1]}${offset.slice(0, 3)}:${offset.slice(3)}`) : Number.NaN;
  }
  let month: string | undefined;
  const rewritten = text
    // An RFC 822 date starts with its weekday and a comma, in whatever language ("mar.," is Tuesday).
    .replace(/^\s*\p{L}+\.?\s*,/u, '')
    .replace(/\p{L}+\.?/gu, (word) => {
      const lower = word.replace(/\.$/, '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
      const zone = knownZone(lower, word);
      if (zone) return zone;
      const english = month ? undefined : englishMonth(lower);
      if (english) {
        month = english;
        return ` ${english} `;
      }
      return ' ';
    })
    .replace(/(\d)\.(?=\s|$)/g, '$1')
    // "November 20, 2026 - 10:00": a dash between the date and the time.
    .replace(/\s-\s(?=\d{1,2}:\d{2})/, ' ')
    .replace(/\s*,\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return month ? parseAsUtc(rewritten) : Number.NaN;
}

/** A zone the built-in parser knows stays as written; one it does not becomes its offset. */
function knownZone(lower: string, word: string): string | undefined {
  if (/^(?:gmt|utc|ut|z|[ecmp][sd]t)$/.test(lower)) return ` ${word} `;
  const offset = zoneOffsets[lower];
  return offset ? ` ${offset} ` : undefined;
}

function lenientZone(rest: string): string {
  return rest.replace(/\p{L}+/gu, (word) => knownZone(word.toLowerCase(), word) ?? ' ');
}
