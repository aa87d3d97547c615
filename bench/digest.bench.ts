// npm run bench -- digest: 300 digest schedules over 200,000 stored items; every digest built, none posted.
// Then the same items again with a fifth of them arriving 30 h after publication, and forum threads in
// the window retelling some of those older stories: the path where a later telling makes a story new.
// buildDigests builds through candidatePool, as the digest runner builds the runs due in one minute
// (one read of the candidates for them all, each digest cut to its window); posting is not timed.
// The last rows compare ten schedules built as the runner built them before, each reading its own window.
import { buildDigests, loadCandidates, selectDigest, topicIdsByName } from '../src/briefing/digest.ts';
import { dayMs, digestBenchData, digestsHash, itemCount, scheduleCount, topicCount } from './digest-setup.ts';
import { peakRssMb, report } from './report.ts';

const { sqlite, plans, now, retellings, arriveLate, close } = await digestBenchData();

/** CPU time (user + system) and wall time of `work`, in ms: the machine is shared, CPU time says more. */
function measured<T>(work: () => T): { result: T; ms: number; cpuMs: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

function timed(): { ms: number; cpuMs: number; items: number; madeNew: number; hash: string } {
  const since = new Date(now - dayMs);
  buildDigests(sqlite, plans.slice(0, 5), since, new Date(now));
  const { result: digests, ms, cpuMs } = measured(() => buildDigests(sqlite, plans, since, new Date(now)));
  const chosen = [...digests.values()].flatMap((digest) => digest.items);
  const madeNew = chosen.filter(
    (item) =>
      item.publishedAt.getTime() < since.getTime() && (item.toldAt?.getTime() ?? 0) >= since.getTime(),
  ).length;
  return { ms, cpuMs, items: chosen.length, madeNew, hash: digestsHash(digests, now) };
}

/** Ten schedules' digests, each from its own read of the window (the runner before), then from one read. */
function aloneAndShared(): { aloneCpuMs: number; sharedCpuMs: number } {
  const since = new Date(now - dayMs);
  const until = new Date(now);
  const ten = plans.slice(0, 10);
  const alone = measured(() =>
    ten.map((plan) =>
      selectDigest(sqlite, plan, loadCandidates(sqlite, since, until), topicIdsByName(sqlite), since, until),
    ),
  );
  const shared = measured(() => buildDigests(sqlite, ten, since, until));
  const same = alone.result.every(
    (digest, index) => JSON.stringify(digest) === JSON.stringify(shared.result.get(ten[index]?.id ?? 0)),
  );
  if (!same) throw new Error('ten digests built alone differ from the same built from one read');
  return { aloneCpuMs: alone.cpuMs, sharedCpuMs: shared.cpuMs };
}

const plain = timed();
const plainPeak = peakRssMb();
// After the plain build, so both ways run warm; before the late arrivals change the window.
const ten = aloneAndShared();
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
    { label: 'its CPU time', value: plain.cpuMs, unit: 'ms', baseline: 'no target' },
    {
      label: 'the same, a fifth arriving 30 h late',
      value: late.ms,
      unit: 'ms',
      baseline: `target <= 1.5x the row above (${(late.ms / plain.ms).toFixed(2)}x)`,
    },
    { label: 'its CPU time', value: late.cpuMs, unit: 'ms', baseline: 'no target' },
    {
      label: 'ten schedules, each its own read (CPU)',
      value: ten.aloneCpuMs,
      unit: 'ms',
      baseline: 'the runner before: one read per due schedule',
    },
    {
      label: 'the same ten from one read (CPU)',
      value: ten.sharedCpuMs,
      unit: 'ms',
      baseline: `the runner now (${(ten.aloneCpuMs / ten.sharedCpuMs).toFixed(1)}x less)`,
    },
    { label: 'peak RSS after the plain build', value: plainPeak, unit: 'MB', baseline: 'no target' },
    { label: 'peak RSS after both', value: peak, unit: 'MB', baseline: 'no target' },
  ],
  {
    build_all_ms: Math.round(plain.ms),
    build_all_cpu_ms: Math.round(plain.cpuMs),
    late_arrivals_cpu_ms: Math.round(late.cpuMs),
    ten_alone_cpu_ms: Math.round(ten.aloneCpuMs),
    ten_shared_cpu_ms: Math.round(ten.sharedCpuMs),
    late_arrivals_ms: Math.round(late.ms),
    late_ratio: Math.round((late.ms / plain.ms) * 100) / 100,
    late_made_new: late.madeNew,
    peak_rss_mb: Math.round(plainPeak),
    peak_rss_late_mb: Math.round(peak),
  },
);
