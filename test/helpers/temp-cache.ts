import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { migrationsDir } from '../../src/db/migrate.ts';

// The project folder, found as the migrations are: from test/helpers, or from a benchmark's build
// under bench/.out, which imports these helpers too.
const root = dirname(dirname(migrationsDir));

/**
 * A folder under the temp folder that `build` fills once for these sources: named `prefix` and a
 * hash of every file in src/, test/helpers/ and prisma/ and of package-lock.json, so a change to any
 * of them builds it again. Test processes that ask at once wait for the one building (a lock folder
 * beside it); the folder appears whole or not at all. Ones untouched for a day are removed.
 */
export async function cachedFolder(prefix: string, build: (dir: string) => Promise<void>): Promise<string> {
  const folder = join(tmpdir(), `${prefix}${sourcesKey()}`);
  const lock = `${folder}.lock`;
  for (;;) {
    if (existsSync(folder)) {
      const now = new Date();
      utimesSync(folder, now, now);
      return folder;
    }
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A builder that died (its process gone, or no pid written within a minute) leaves the lock behind.
    if (lockAbandoned(lock)) rmSync(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    if (!existsSync(folder)) {
      const staging = mkdtempSync(`${folder}.build-`);
      try {
        await build(staging);
        publish(staging, folder);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
      removeStale(prefix, folder);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return folder;
}

/** A hash of the files that decide what the tests' cached folders hold. */
function sourcesKey(): string {
  const hash = createHash('sha256');
  const files = ['src', 'test/helpers', 'prisma'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name)),
  );
  for (const file of [...files, join(root, 'package-lock.json')].sort()) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 20);
}

/** Moves the finished build into place at once; one a builder that took over a lock put there first stays. */
function publish(staging: string, folder: string): void {
  try {
    renameSync(staging, folder);
  } catch (error) {
    if (!existsSync(folder)) throw error;
  }
}

function lockAbandoned(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    try {
      return Date.now() - statSync(lock).mtimeMs > 60_000;
    } catch {
      return false;
    }
  }
}

/** Folders built from older sources and untouched for a day (other checkouts may use newer ones). */
function removeStale(prefix: string, keep: string): void {
  for (const entry of readdirSync(tmpdir())) {
    const path = join(tmpdir(), entry);
    if (!entry.startsWith(prefix) || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}
