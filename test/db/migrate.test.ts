import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite, readMigrations } from '../../src/db/migrate.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('migrations on a database made by an earlier version', () => {
  it('a nudge posted before message ids were always recorded counts as posted, not as interrupted', () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-migrate-'));
    const file = join(dir, 'old.db');
    const all = readMigrations();
    const upgrade = all.findIndex((migration) => migration.name.endsWith('_nudge_posts_recorded'));
    expect(upgrade).toBeGreaterThan(0);
    migrateSqlite(file, all.slice(0, upgrade));
    const db = new Database(file);
    const now = Date.parse('2026-11-20T09:00:00Z');
    db.prepare(
      "INSERT INTO feeds (id, url, next_poll_at, updated_at) VALUES (1, 'https://news.example.com/feed.xml', ?, ?)",
    ).run(now, now);
    db.prepare(
      'INSERT INTO clusters (id, item_count, source_count, first_seen_at, last_seen_at) VALUES (1, 1, 1, ?, ?)',
    ).run(now, now);
    db.prepare(
      `INSERT INTO items (id, feed_id, key, title, published_at, fetched_at, text, content_hash, cluster_id, updated_at)
       VALUES (1, 1, 'k', 'Acme pricing backlash', ?, ?, '', 'h', 1, ?)`,
    ).run(now, now, now);
    const nudge = db.prepare(
      `INSERT INTO nudges (cluster_id, item_id, channel_id, message_ts, posted_at, created_at, updated_at)
       VALUES (1, 1, ?, ?, ?, ?, ?)`,
    );
    nudge.run('C0ONE', null, now, now, now); // posted by the console: no message id
    nudge.run('C0TWO', '1700000001.000100', now, now, now); // posted to Slack
    nudge.run('C0THREE', null, null, now, now); // not posted yet
    db.close();
    expect(migrateSqlite(file, all)).toEqual(all.slice(upgrade).map((migration) => migration.name));
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT message_ts FROM nudges ORDER BY id').pluck().all()).toEqual([
      '',
      '1700000001.000100',
      null,
    ]);
    after.close();
  });
});
