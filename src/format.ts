/** "just now", "5 min", "3 h", "2 days": how long a span is, in words people scan quickly. */
export function formatDuration(ms: number): string {
  // Rounded before the unit is chosen, so 59.6 s reads "1 min", not "60 s".
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return seconds < 5 ? 'moments' : `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** "5 min ago" / "in 5 min". */
export function formatRelative(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  if (Math.abs(diff) < 5000) return 'just now';
  return diff < 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`;
}

// Building an Intl.DateTimeFormat costs about a millisecond: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "3 Nov 2026 14:05 UTC" in the given time zone. */
export function formatDateTime(at: Date, timeZone = 'UTC'): string {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}
