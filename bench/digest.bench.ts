// npm run bench -- digest: 300 digest schedules over 200,000 stored items; every digest built, none posted.
// Then the same items again with a fifth of them arriving 30 h after publication, and forum threads in
// the window retelling some of those older stories: the path where a later telling makes a story new.
import { buildDigests } from '../src/briefing/digest.ts';
import { dayMs, digestBenchData, digestsHash, itemCount, scheduleCount, topicCount } from './digest-setup.ts';
import { peakRssMb, report } from './report.ts';

const { sqlite, plans, now, retellings, arriveLate, close } = await digestBenchData();

function timed(): { ms: number; items: number; madeNew: number; hash: string } {
  const since = new Date(now - dayMs);
  buildDigests(sqlite, plans.slice(0, 5), since, new Date(now));
  const start = performance.now();
  const digests = buildDigests(sqlite, plans, since, new Date(now));
  const ms = performance.now() - start;
  const chosen = [...digests.values()].flatMap((digest) => digest.items);
  const madeNew = chosen.filter(
    (item) =>
      item.publishedAt.getTime() < since.getTime() && (item.toldAt?.getTime() ?? 0) >= since.getTime(),
  ).length;
  return { ms, items: chosen.length, madeNew, hash: digestsHash(digests, now) };
}

const plain = timed();
const plainPeak = peakRssMb();
arriveLate();
const late = timed();
const peak = peakRssMb();
await close();

console.log(
  `${scheduleCount} schedules over ${itemCount} items (${topicCount} topics, 150 channels); ${plain.items} items chosen in all`,
);
console.log(
  `with a fifth arriving 30 h late and ${retellings} forum threads retelling older stories: ${late.items} items chosen, ${late.madeNew} older stories made new by a later telling`,
);
// What every digest shows, hashed: a change meant to be faster only must leave both the same.
console.log(`every digest's hash: plain ${plain.hash}, late ${late.hash}`);
report(
  'digest',
  [
    { label: 'build every digest', value: plain.ms, unit: 'ms', baseline: 'target <= 3,000 ms' },
    {
      label: 'the same, a fifth arriving 30 h late',
      value: late.ms,
      unit: 'ms',
      baseline: `target <= 1.5x the row above (${(late.ms / plain.ms).toFixed(2)}x)`,
    },
    { label: 'peak RSS after the plain build', value: plainPeak, unit: 'MB', baseline: 'no target' },
    { label: 'peak RSS after both', value: peak, unit: 'MB', baseline: 'no target' },
  ],
  {
    build_all_ms: Math.round(plain.ms),
    late_arrivals_ms: Math.round(late.ms),
    late_ratio: Math.round((late.ms / plain.ms) * 100) / 100,
    late_made_new: late.madeNew,
    peak_rss_mb: Math.round(plainPeak),
    peak_rss_late_mb: Math.round(peak),
  },
);
