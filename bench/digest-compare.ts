// Builds of the digest code compared in one process (or one timed alone), on the digest bench's data: each
// build's buildDigests run in turn, round after round (the order swapped each round), so the machine's
// load falls on all alike. Per run: CPU time (user + system) and wall time; then the medians, and
// whether every build's digests are the same (a hash of all 300, plain and late).
//   npm run bench --silent -- digest   (compiles bench/.out), then
//   node --expose-gc --max-semi-space-size=4 bench/.out/bench/digest-compare.js \
//     bench/.out/src/briefing/digest.js /path/to/other/digest.js [--runs=5] [--late-only | --plain-only]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { buildDigests } from '../src/briefing/digest.ts';
import { dayMs, digestBenchData, digestsHash } from './digest-setup.ts';

const paths = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const phases = ['plain', 'late'].filter(
  (phase) => !process.argv.includes(`--${phase === 'plain' ? 'late' : 'plain'}-only`),
);
const runs = Number(
  /^--runs=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--runs=')) ?? '')?.[1] ?? 5,
);
if (paths.length === 0) {
  console.error(
    'Give the compiled digest.js files to compare (one to time alone), e.g. bench/.out/src/briefing/digest.js',
  );
  process.exit(2);
}
const builds = (await Promise.all(paths.map((path) => import(pathToFileURL(resolve(path)).href)))) as Array<{
  buildDigests: typeof buildDigests;
}>;
const { sqlite, plans, now, arriveLate, close } = await digestBenchData();
const since = new Date(now - dayMs);
const gc = (globalThis as { gc?: () => void }).gc;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

let differ = false;
for (const phase of phases) {
  if (phase === 'late') arriveLate();
  // Warmed up alike: each build compiles its code on a few schedules first.
  for (const build of builds) build.buildDigests(sqlite, plans.slice(0, 5), since, new Date(now));
  const cpu = builds.map(() => [] as number[]);
  const wall = builds.map(() => [] as number[]);
  const hashes = builds.map(() => new Set<string>());
  for (let round = 0; round < runs; round++) {
    const order = builds.map((_, index) => index);
    if (round % 2) order.reverse();
    for (const index of order) {
      gc?.();
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      const digests = (builds[index] as (typeof builds)[number]).buildDigests(
        sqlite,
        plans,
        since,
        new Date(now),
      );
      const wallMs = performance.now() - wallStart;
      const used = process.cpuUsage(cpuStart);
      cpu[index]?.push((used.user + used.system) / 1000);
      wall[index]?.push(wallMs);
      hashes[index]?.add(digestsHash(digests, now));
      console.log(
        `${phase} round ${round + 1} build ${String.fromCharCode(97 + index)}: cpu ${Math.round((used.user + used.system) / 1000)} ms, wall ${Math.round(wallMs)} ms`,
      );
    }
  }
  builds.forEach((_, index) => {
    console.log(
      `${phase} build ${String.fromCharCode(97 + index)} (${paths[index]}): median cpu ${Math.round(median(cpu[index] ?? []))} ms, wall ${Math.round(median(wall[index] ?? []))} ms; digests' hash ${[...(hashes[index] ?? [])].join(' ')}`,
    );
  });
  const all = new Set(hashes.flatMap((set) => [...set]));
  if (all.size !== 1) differ = true;
  console.log(`${phase}: every build's digests ${all.size === 1 ? 'the same' : 'DIFFER'}`);
}
await close();
process.exit(differ ? 1 : 0);
