// npm run bench -- check: `briefbot feeds check --json` over many files in one call, as the team's checks run it.
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { report } from './report.ts';

const root = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? '../../../' : '../', import.meta.url));
const feedsDir = join(root, 'test', 'fixtures', 'feeds');
const files = readdirSync(feedsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    readdirSync(join(feedsDir, folder.name)).map((file) => join(feedsDir, folder.name, file)),
  );
const rounds = 8;

/** Files per second of one `feeds check --json` process over `files` repeated `rounds` times. */
async function filesPerSecond(files: string[]): Promise<{ count: number; perSecond: number }> {
  const sources = Array.from({ length: rounds }, () => files).flat();
  const start = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'bin', 'briefbot.js'), 'feeds', 'check', '--json', ...sources],
    {
      maxBuffer: 512 * 1024 * 1024,
    },
  ).catch((error: { stdout: string }) => error);
  const seconds = (performance.now() - start) / 1000;
  const lines = stdout.trim().split('\n').length;
  if (lines !== sources.length) throw new Error(`expected ${sources.length} results, got ${lines}`);
  return { count: sources.length, perSecond: sources.length / seconds };
}

// All the fixtures (some of them large podcast feeds), then the typical ones: under 50 KB.
const all = await filesPerSecond(files);
const typical = await filesPerSecond(files.filter((file) => statSync(file).size < 50 * 1024));
report(
  'check',
  [
    {
      label: `${all.count} files, one process`,
      value: all.perSecond,
      unit: 'files/s',
      baseline: 'target: hundreds of files a second',
    },
    {
      label: `${typical.count} files under 50 KB, one process`,
      value: typical.perSecond,
      unit: 'files/s',
      baseline: 'target: hundreds of files a second',
    },
  ],
  {
    files: all.count,
    files_per_s: Math.round(all.perSecond),
    small_files: typical.count,
    small_files_per_s: Math.round(typical.perSecond),
  },
);
