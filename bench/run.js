#!/usr/bin/env node
// npm run bench [-- <name>...]: compiles the benchmarks with the sources (measuring what production runs,
// not the TypeScript loader), then runs each in its own process so one's memory never inflates another's.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace('.bench.ts', ''))
  .sort();
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
execFileSync(
  process.execPath,
  [new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname, '-p', 'tsconfig.bench.json'],
  {
    stdio: 'inherit',
    cwd: new URL('..', import.meta.url).pathname,
  },
);
const startScript = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts
  .start;
const runtimeFlags =
  /node ((?:--[\w-]+=\S+ )*)bin\/briefbot\.js/.exec(startScript)?.[1]?.trim().split(' ').filter(Boolean) ??
  [];
// The environment `npm start` sets for node (MALLOC_ARENA_MAX=2), so the process allocates as the bot's does.
const runtimeEnv = Object.fromEntries(
  (/((?:[A-Z_]+=\S+ )*)node /.exec(startScript)?.[1] ?? '')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((pair) => pair.split('=')),
);
let failed = false;
for (const name of wanted.length > 0 ? wanted : available) {
  const result = spawnSync(
    process.execPath,
    [
      // The V8 settings `npm start` runs the bot with (package.json), so the figures are production's.
      ...runtimeFlags,
      `${dir}.out/bench/${name}.bench.js`,
      ...process.argv.slice(2).filter((arg) => arg.startsWith('-')),
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, ...runtimeEnv },
    },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
