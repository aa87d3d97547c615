// npm run bench -- check: `briefbot feeds check --json` over many files in one call, as the team's checks run it.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
report(
  'check',
  [
    {
      label: `${sources.length} files, one process`,
      value: sources.length / seconds,
      unit: 'files/s',
      baseline: 'target: hundreds of files a second',
    },
  ],
  { files: sources.length, files_per_s: Math.round(sources.length / seconds) },
);
