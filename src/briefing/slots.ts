import { localDate, timeZoneName, zonedTime } from '../commands/dates.ts';
import { cachedDateFormat, type DateFormat, inWords } from '../format.ts';

export const Cadence = { Daily: 'daily', Weekdays: 'weekdays', Weekly: 'weekly' } as const;
export type Cadence = (typeof Cadence)[keyof typeof Cadence];

export type Timing = {
  cadence: string;
  timeOfDay: string;
  weekday: number | null;
  /** A weekly digest's days when there are several ("1,4"); otherwise `weekday` alone. */
  days?: string | null;
  timezone: string;
};

export const weekdayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function runsOn(timing: Timing, weekday: number): boolean {
  if (timing.cadence === Cadence.Weekdays) return weekday >= 1 && weekday <= 5;
  if (timing.cadence === Cadence.Weekly) return weeklyDays(timing).includes(weekday);
  return true;
}

/** The days (0 = Sunday) a weekly timing comes on, in week order. */
export function weeklyDays(timing: Pick<Timing, 'weekday' | 'days'>): number[] {
  return timing.days ? timing.days.split(',').map(Number) : [timing.weekday ?? 1];
}

/** [1, 4] -> "1,4" for the days column; null for one day, which `weekday` holds alone. */
export function storedDays(days: number[]): string | null {
  return days.length > 1 ? days.join(',') : null;
}

/** The slot (instant) of a local date at the schedule's time of day: 08:00 stays 08:00 across DST. */
function slotOn(timing: Timing, year: number, month: number, day: number): Date {
  const [hour, minute] = timing.timeOfDay.split(':').map(Number);
  return zonedTime(year, month, day, hour ?? 0, minute ?? 0, timing.timezone);
}

/** The most recent slot at or before `now`. */
export function latestSlot(timing: Timing, now: Date): Date {
  const today = localDate(now, timing.timezone);
  for (let back = 0; back <= 8; back++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const weekday = date.getUTCDay();
    if (!runsOn(timing, weekday)) continue;
    const slot = slotOn(timing, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error('no slot in the last 8 days');
}

/** The next slot after `now`. */
export function nextSlot(timing: Timing, now: Date): Date {
  const today = localDate(now, timing.timezone);
  for (let ahead = 0; ahead <= 8; ahead++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    if (!runsOn(timing, date.getUTCDay())) continue;
    const slot = slotOn(timing, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (slot.getTime() > now.getTime()) return slot;
  }
  throw new Error('no slot in the next 8 days');
}

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** "daily at 08:00 Europe/Berlin", "weekdays at 07:30 UTC", "every Monday and Thursday at 09:00 America/New_York". */
export function describeTiming(timing: Timing): string {
  const names = weeklyDays(timing).flatMap((day) => dayNames[day] ?? []);
  const listed = inWords(names);
  const when = timing.cadence === Cadence.Weekly ? `every ${listed}` : timing.cadence;
  return `${when} at ${timing.timeOfDay} ${timeZoneName(timing.timezone)}`;
}

/**
 * "in your DMs on weekdays at 08:00 UTC", "in your DMs daily at 08:00 UTC", "in your DMs every Monday at
 * 09:00 UTC": where a follow posts and when (`describeTiming`'s words), read as one phrase.
 */
export function inYourDms(when: string): string {
  return `in your DMs ${when.startsWith('weekdays') ? 'on ' : ''}${when}`;
}

const slotFormat: DateFormat = {
  locale: 'en-GB',
  options: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  },
};

/** "Tue 24 Nov 08:00": an instant on a schedule's own clock, whose zone its timing names. */
export function formatSlot(at: Date, timeZone: string): string {
  return cachedDateFormat(slotFormat, timeZone).format(at).replace(',', '');
}

/**
 * ", as 01:30 is skipped that night when clocks go forward": a slot moved to the first time that
 * exists, said where its next run is shown, so the schedule and the time do not seem to disagree.
 */
export function skippedTimeNote(timing: Pick<Timing, 'timeOfDay' | 'timezone'>, slot: Date): string {
  const local = formatSlot(slot, timing.timezone).slice(-5);
  return local === timing.timeOfDay
    ? ''
    : `, as ${timing.timeOfDay} is skipped that night when clocks go forward`;
}
