import { createHash, randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { splitWordsOf } from '../analysis/query.ts';
import { scoreSentiment } from '../analysis/sentiment.ts';
import { toneLanguages } from '../analysis/sentiment-languages.ts';
import { ConfigError, settingProblem } from '../config.ts';
import { boundedKey } from '../monitor/parse.ts';
import { sqlitePath } from './problems.ts';

/** prisma/migrations of the project, found upwards from this module (sources, dist/ or a bench build). */
export const migrationsDir = findUpwards('prisma/migrations', dirname(fileURLToPath(import.meta.url)));

/** A project folder, found upwards from a module (sources, dist/ or a bench build). */
export function findUpwards(relative: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) throw new Error(`${relative} not found above ${from}`);
  }
}

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export { sqlitePath };

/**
 * The SQLite file DATABASE_URL names, its folder created and its migrations applied; returns them.
 * A file Briefbot cannot create or read is a setting to fix, said as the other settings are.
 */
export function prepareDatabase(databaseUrl: string): { file: string; applied: string[] } {
  if (!databaseUrl.startsWith('file:'))
    throw databaseSettingError(
      databaseUrl,
      'only SQLite is supported in this version; give a file, e.g. file:./data/briefbot.db',
    );
  const file = sqlitePath(databaseUrl);
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return { file, applied: migrateSqlite(file) };
  } catch (error) {
    const problem = databaseFileProblem(file, error as NodeJS.ErrnoException);
    if (problem) throw databaseSettingError(databaseUrl, problem);
    throw error;
  }
}

function databaseSettingError(databaseUrl: string, problem: string): ConfigError {
  return new ConfigError([settingProblem('DATABASE_URL', problem, databaseUrl)]);
}

/** Why the database file cannot be created or opened, in words; undefined for an error of another kind. */
function databaseFileProblem(file: string, error: NodeJS.ErrnoException): string | undefined {
  const writable = 'choose a folder Briefbot can write';
  if (error.code === 'EACCES' || error.code === 'EPERM')
    return `cannot create ${file} (permission denied); ${writable}`;
  if (error.code === 'EEXIST' || error.code === 'ENOTDIR')
    return `cannot create ${file}: ${error.path ?? dirname(file)} is a file, not a folder; ${writable}`;
  if (error.code === 'SQLITE_NOTADB')
    return `${file} is not a SQLite database; name a new file or Briefbot's own database`;
  if (error.code === 'SQLITE_CANTOPEN' || error.code === 'SQLITE_READONLY' || error.code === 'EROFS') {
    if (existsSync(file) && statSync(file).isDirectory())
      return `${file} is a folder; name a file in it, e.g. file:${join(file, 'briefbot.db')}`;
    const denied = !canWrite(existsSync(file) ? file : dirname(file));
    return `cannot ${existsSync(file) ? 'write' : 'create'} ${file} (${denied ? 'permission denied' : 'a read-only place'}); ${writable}`;
  }
  return undefined;
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies pending migrations in order, recording them in Prisma's own `_prisma_migrations`
 * table, so `prisma migrate deploy` and this agree. Safe with several processes starting at once.
 */
export function migrateSqlite(file: string, migrations = readMigrations()): string[] {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const applied: string[] = [];
    const run = db.transaction(() => {
      const done = new Set(
        db
          .prepare<[], { migration_name: string }>(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
          .all()
          .map((row) => row.migration_name),
      );
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        db.exec(migration.sql);
        completions[migration.name]?.(db);
        const now = Date.now();
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), migration.checksum, now, migration.name, now);
        applied.push(migration.name);
      }
    });
    // IMMEDIATE takes the write lock first, so two instances starting together migrate once.
    run.immediate();
    return applied;
  } finally {
    db.close();
  }
}

/** What a migration needs computed in code, right after its SQL, in its transaction. */
const completions: Record<string, (db: Database.Database) => void> = {
  '20261126100000_split_words': fillSplitWords,
  '20261130040000_tone_other_languages': readToneInLanguages,
  '20261201040100_tone_nordic_central': readToneInLanguages,
  '20261201050000_rekey_long_keys': rekeyLongKeys,
  '20261202050100_tone_finnish_turkish_russian_japanese': readToneInLanguages,
};

/**
 * Items keyed by the first 500 characters of an address longer than that (as stored before keys kept
 * a hash of the whole) take the key the address makes now, so the next poll finds them, not new
 * ones. A row that already has a twin under the new key keeps its old one. Returns how many moved.
 */
export function rekeyLongKeys(db: Database.Database): number {
  const rows = db
    .prepare<[], { id: number; url: string }>(
      'SELECT id, url FROM items WHERE length(key) = 500 AND length(url) > 500 AND substr(url, 1, 500) = key',
    )
    .all();
  const rekey = db.prepare('UPDATE OR IGNORE items SET key = ? WHERE id = ?');
  let moved = 0;
  for (const row of rows) moved += rekey.run(boundedKey(row.url), row.id).changes;
  return moved;
}

/**
 * Items stored with no tone read (`unread`) in a language now read (German, French, Polish…; since
 * 20261201040100 Swedish, Danish, Norwegian, Czech, Slovak and Romanian too, since 20261202050100
 * Finnish, Turkish, Russian and Japanese) get their tone, a page
 * of 500 at a time; the rest keep theirs. In the migration's transaction: a
 * start stopped halfway reads them all again at the next start, and a finished one never again.
 */
export function readToneInLanguages(db: Database.Database): number {
  const languages = toneLanguages.map((language) => `'${language}'`).join(', ');
  const page = db.prepare<[number], { id: number; title: string; text: string; language: string }>(
    `SELECT id, title, substr(text, 1, 400) AS text, language FROM items
      WHERE id > ? AND sentiment = 'unread' AND language IN (${languages}) ORDER BY id LIMIT 500`,
  );
  const store = db.prepare('UPDATE items SET sentiment = ?, sentiment_score = ? WHERE id = ?');
  let read = 0;
  for (let rows = page.all(0); rows.length > 0; rows = page.all((rows.at(-1) as { id: number }).id)) {
    for (const row of rows) {
      const tone = scoreSentiment(row.title, row.text, null, row.language);
      store.run(tone.label, tone.score, row.id);
    }
    read += rows.length;
  }
  return read;
}

/** Items stored before `split_words` existed get theirs (the update trigger indexes it), a page at a time. */
function fillSplitWords(db: Database.Database): void {
  const page = db.prepare<[number], { id: number; title: string; text: string; source: string }>(
    'SELECT id, title, text, source FROM items WHERE id > ? ORDER BY id LIMIT 500',
  );
  const fill = db.prepare('UPDATE items SET split_words = ? WHERE id = ?');
  for (let rows = page.all(0); rows.length > 0; rows = page.all((rows.at(-1) as { id: number }).id)) {
    for (const row of rows) {
      const words = splitWordsOf(row.title, row.text, row.source);
      if (words !== null) fill.run(words, row.id);
    }
  }
}
