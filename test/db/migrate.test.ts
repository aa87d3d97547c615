import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite, readMigrations } from '../../src/db/migrate.ts';
import { itemKey } from '../../src/monitor/parse.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A database file migrated up to the one migration whose name ends in `suffix`: as an earlier version left it. */
function databaseBefore(suffix: string) {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-migrate-'));
  const file = join(dir, 'old.db');
  const all = readMigrations();
  const upgrade = all.findIndex((migration) => migration.name.endsWith(suffix));
  expect(upgrade).toBeGreaterThan(0);
  migrateSqlite(file, all.slice(0, upgrade));
  return { file, all, upgrade, db: new Database(file) };
}

/**
 * Items stored as given (see storeToned) in a database before the migration named by `suffix`:
 * after migrating, each item's tone is as `expected` says ([id, sentiment]), and a later start
 * has nothing to migrate.
 */
function tonesAfterMigrating(
  suffix: string,
  rows: Parameters<typeof storeToned>[1],
  expected: ReadonlyArray<readonly [number, string]>,
): void {
  const { file, all, db } = databaseBefore(suffix);
  storeToned(db, rows);
  db.close();
  migrateSqlite(file, all);
  const after = new Database(file, { readonly: true });
  expect(after.prepare('SELECT id, sentiment FROM items ORDER BY id').raw().all()).toEqual(expected);
  after.close();
  expect(migrateSqlite(file, all)).toEqual([]);
}

/** Items of one feed stored with the tone and language given (id, title, text, sentiment, score, language). */
function storeToned(
  db: Database.Database,
  rows: ReadonlyArray<readonly [number, string, string, string, number, string]>,
): void {
  const now = Date.parse('2026-11-20T09:00:00Z');
  db.prepare('INSERT INTO feeds (id, url, next_poll_at, updated_at) VALUES (1, ?, ?, ?)').run(
    'https://news.example.com/feed.xml',
    now,
    now,
  );
  const item = db.prepare(
    `INSERT INTO items (id, feed_id, key, title, published_at, fetched_at, text, content_hash, updated_at,
       sentiment, sentiment_score, language)
     VALUES (?, 1, ?, ?, ?, ?, ?, 'h', ?, ?, ?, ?)`,
  );
  for (const [id, title, text, sentiment, score, language] of rows)
    item.run(id, `k${id}`, title, now, now, text, now, sentiment, score, language);
}

describe('migrations on a database made by an earlier version', () => {
  it('a nudge posted before message ids were always recorded counts as posted, not as interrupted', () => {
    const { file, all, upgrade, db } = databaseBefore('_nudge_posts_recorded');
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

  it("gives a removed topic's conversations its name as typed, from its removal's log entry", () => {
    const { file, all, upgrade, db } = databaseBefore('_nudge_topic_label');
    const now = Date.parse('2026-11-20T09:00:00Z');
    db.prepare(
      'INSERT INTO clusters (id, item_count, source_count, first_seen_at, last_seen_at) VALUES (1, 1, 1, ?, ?)',
    ).run(now, now);
    const nudge = db.prepare(
      'INSERT INTO nudges (cluster_id, topic_name, channel_id, created_at, updated_at) VALUES (1, ?, ?, ?, ?)',
    );
    nudge.run('economie', 'C0ONE', now, now); // its removal kept the name as typed
    nudge.run('pricing', 'C0TWO', now, now); // removed before labels were kept
    nudge.run(null, 'C0THREE', now, now); // no topic
    const removal = db.prepare(
      `INSERT INTO audit_events (at, actor_id, action, subject_type, subject_id, detail)
       VALUES (?, 'U0ADMIN1', 'topic.remove', 'topic', ?, ?)`,
    );
    removal.run(now, '1', JSON.stringify({ name: 'economie', label: 'Économie', query: 'economie' }));
    removal.run(now, '2', JSON.stringify({ name: 'pricing', query: 'pricing' }));
    db.close();
    expect(migrateSqlite(file, all)).toEqual(all.slice(upgrade).map((migration) => migration.name));
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT topic_label FROM nudges ORDER BY id').pluck().all()).toEqual([
      'Économie',
      null,
      null,
    ]);
    after.close();
  });

  it("indexes a competitor's items stored before by the competitor's name, and keeps the index whole", () => {
    const { file, all, db } = databaseBefore('_item_source');
    const now = Date.parse('2026-11-20T09:00:00Z');
    const feed = db.prepare(
      'INSERT INTO feeds (id, url, title, kind, next_poll_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    feed.run(1, 'https://globex.example.com/feed.xml', 'The Globex Blog', 'competitor', now, now);
    feed.run(2, 'https://news.example.com/feed.xml', 'Globex Watch', 'news', now, now);
    const item = db.prepare(
      `INSERT INTO items (id, feed_id, key, title, published_at, fetched_at, text, content_hash, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '', 'h', ?)`,
    );
    const index = db.prepare('INSERT INTO items_fts (rowid, title, text) VALUES (?, ?, ?)');
    for (const [id, feedId, title] of [
      [1, 1, 'Switching from Acme? 40% off'],
      [2, 2, 'Acme raises prices'],
    ] as const) {
      item.run(id, feedId, `k${id}`, title, now, now, now);
      index.run(id, title, '');
    }
    db.close();
    migrateSqlite(file, all);
    const after = new Database(file);
    const matching = (query: string) =>
      after.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid').pluck().all(query);
    // The competitor's own post by its name; a news feed's title says nothing of whose words they are.
    expect(matching('globex')).toEqual([1]);
    expect(matching('acme')).toEqual([1, 2]);
    // The index stays in step with the rows: a removed item leaves it, an edited one is found anew.
    after.prepare('DELETE FROM items WHERE id = 1').run();
    after.prepare("UPDATE items SET title = 'Acme cuts prices' WHERE id = 2").run();
    expect(matching('globex')).toEqual([]);
    expect(matching('cuts')).toEqual([2]);
    // FTS5 raises an error when the index and the rows disagree.
    expect(() =>
      after.prepare("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    after.close();
  });
  it('makes the items stored before searchable inside runs of Japanese, and keeps the index whole', () => {
    const { file, all, db } = databaseBefore('_split_words');
    const now = Date.parse('2026-11-20T09:00:00Z');
    db.prepare(
      'INSERT INTO feeds (id, url, title, kind, next_poll_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)',
    ).run('https://ja.example.com/feed.xml', 'Nikkei', 'news', now, now);
    const item = db.prepare(
      `INSERT INTO items (id, feed_id, key, title, published_at, fetched_at, text, content_hash, updated_at)
       VALUES (?, 1, ?, ?, ?, ?, ?, 'h', ?)`,
    );
    const index = db.prepare('INSERT INTO items_fts (rowid, title, text, source) VALUES (?, ?, ?, ?)');
    for (const [id, title, text] of [
      [1, 'ネスレ日本、過去最高益を発表', 'Nestlé Japan の売上は好調。'],
      [2, 'Acme raises prices', 'Customers complain.'],
    ] as const) {
      item.run(id, `k${id}`, title, now, now, text, now);
      index.run(id, title, text, '');
    }
    db.close();
    migrateSqlite(file, all);
    const after = new Database(file);
    const matching = (query: string) =>
      after.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid').pluck().all(query);
    expect(matching('split_words : "最 高 益"')).toEqual([1]);
    expect(matching('nestle OR acme')).toEqual([1, 2]);
    expect(after.prepare('SELECT split_words FROM items WHERE id = 2').pluck().get()).toBeNull();
    after.prepare('DELETE FROM items WHERE id = 1').run();
    expect(matching('split_words : "最 高 益"')).toEqual([]);
    expect(() =>
      after.prepare("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    after.close();
  });

  it("marks a mirror's copies stored before as mirrors, and counting by date reads the mark from the index", () => {
    const { file, all, db } = databaseBefore('_items_mirror');
    const now = Date.parse('2026-11-20T09:00:00Z');
    const feed = db.prepare('INSERT INTO feeds (id, url, next_poll_at, updated_at) VALUES (?, ?, ?, ?)');
    feed.run(1, 'https://news.example.com/feed.xml', now, now);
    feed.run(2, 'https://mirror.example.org/feed.xml', now, now);
    db.prepare(
      'INSERT INTO clusters (id, item_count, source_count, first_seen_at, last_seen_at) VALUES (1, 3, 2, ?, ?), (2, 1, 1, ?, ?)',
    ).run(now, now, now, now);
    const item = db.prepare(
      `INSERT INTO items (id, feed_id, key, url, title, published_at, fetched_at, text, content_hash, cluster_id, updated_at)
       VALUES (?, ?, ?, ?, 'Acme raises prices', ?, ?, '', 'h', ?, ?)`,
    );
    item.run(1, 1, 'a', 'https://news.example.com/a', now, now, 1, now); // first at its address
    item.run(2, 2, 'a', 'https://news.example.com/a', now, now, 1, now); // the mirror's copy
    item.run(3, 2, 'b', 'https://mirror.example.org/b', now, now, 1, now); // the same story elsewhere
    item.run(4, 2, 'c', 'https://news.example.com/a', now, now, 2, now); // same address, another story
    item.run(5, 2, 'd', null, now, now, 1, now); // no address
    db.close();
    migrateSqlite(file, all);
    const after = new Database(file);
    expect(after.prepare('SELECT id FROM items WHERE mirror ORDER BY id').pluck().all()).toEqual([2]);
    const plan = after
      .prepare('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM items i WHERE i.published_at >= ? AND i.mirror = 0')
      .all(now)
      .map((row) => (row as { detail: string }).detail)
      .join('; ');
    expect(plan).toContain('USING COVERING INDEX items_published_at_mirror_idx');
    after.close();
  });

  it('reads the tone of German, French… items stored when only English tone was read, and no other', () => {
    const { file, all, db } = databaseBefore('_tone_other_languages');
    storeToned(db, [
      [1, 'Datenleck bei Société Générale: Kunden sind besorgt', 'Ein schwerer Skandal.', 'unread', 0, 'de'],
      [2, 'Les clients saluent l’excellent service', '', 'unread', 0, 'fr'],
      [3, '고객 불만', '', 'unread', 0, 'ko'],
      [4, 'Διαρροή δεδομένων στην τράπεζα', '', 'unread', 0, 'el'],
      [5, 'Acme raises prices', 'Customers complain.', 'negative', -0.5, 'en'],
    ]);
    db.close();
    migrateSqlite(file, all);
    const after = new Database(file, { readonly: true });
    const tones = () => after.prepare('SELECT id, sentiment FROM items ORDER BY id').raw().all();
    expect(tones()).toEqual([
      [1, 'negative'],
      [2, 'positive'],
      [3, 'unread'],
      [4, 'unread'],
      [5, 'negative'],
    ]);
    after.close();
    // Once: a later start has nothing to migrate.
    expect(migrateSqlite(file, all)).toEqual([]);
  });

  it('reads the tone of Swedish, Danish, Norwegian, Czech, Slovak and Romanian items stored unread, and no other', () => {
    tonesAfterMigrating(
      '_tone_nordic_central',
      [
        [1, 'Dataläcka hos Telia: kunderna är oroliga', '', 'unread', 0, 'sv'],
        [2, 'Kunderne roser den nye service fra Danske Bank', '', 'unread', 0, 'da'],
        [3, 'Appen fungerer ikke etter siste oppdatering', '', 'unread', 0, 'no'],
        [4, 'Únik dat v bance: zákazníci mají obavy', '', 'unread', 0, 'cs'],
        [5, 'Používatelia sú spokojní s rýchlou podporou', '', 'unread', 0, 'sk'],
        [6, 'Clienţii critică scumpirea drastică', '', 'unread', 0, 'ro'],
        [7, 'Διαρροή δεδομένων στην τράπεζα', '', 'unread', 0, 'el'],
        [8, 'Kunden loben den neuen Service', '', 'neutral', 0.1, 'de'],
      ],
      [
        [1, 'negative'],
        [2, 'positive'],
        [3, 'negative'],
        [4, 'negative'],
        [5, 'positive'],
        [6, 'negative'],
        [7, 'unread'],
        // A tone read before is kept as it was stored.
        [8, 'neutral'],
      ],
    );
  });

  it('reads the tone of Finnish, Turkish, Russian and Japanese items stored unread, and no other', () => {
    tonesAfterMigrating(
      '_tone_finnish_turkish_russian_japanese',
      [
        [1, 'Asiakkaat ovat huolissaan tietovuodosta', '', 'unread', 0, 'fi'],
        [2, 'Kullanıcılar hızlı ve nazik destek ekibinden memnun', '', 'unread', 0, 'tr'],
        [3, 'Приложение постоянно падает и работает очень медленно', '', 'unread', 0, 'ru'],
        [4, 'Διαρροή δεδομένων στην τράπεζα', '', 'unread', 0, 'el'],
        [5, 'Kunden loben den neuen Service', '', 'neutral', 0.1, 'de'],
        [6, 'ソシエテ・ジェネラルで顧客から不満の声', '', 'unread', 0, 'ja'],
      ],
      [
        [1, 'negative'],
        [2, 'positive'],
        [3, 'negative'],
        [4, 'unread'],
        // A tone read before is kept as it was stored.
        [5, 'neutral'],
        [6, 'negative'],
      ],
    );
  });

  it("moves a read-in-part note kept as a healthy feed's last error to its own column, and leaves failures", () => {
    const { file, all, db } = databaseBefore('_feed_partial_read');
    const now = Date.parse('2026-11-20T09:00:00Z');
    const feed = db.prepare(
      'INSERT INTO feeds (id, url, next_poll_at, updated_at, consecutive_failures, last_error) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const note =
      'a CDATA section is never closed (line 1, column 40): read up to the last whole item before it';
    feed.run(1, 'https://news.example.com/feed.xml', now, now, 0, note);
    feed.run(2, 'https://down.example.com/feed.xml', now, now, 3, 'The server answered HTTP 500.');
    feed.run(3, 'https://fine.example.com/feed.xml', now, now, 0, null);
    db.close();
    migrateSqlite(file, all);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT id, last_error, partial_read FROM feeds ORDER BY id').raw().all()).toEqual([
      [1, null, note],
      [2, 'The server answered HTTP 500.', null],
      [3, null, null],
    ]);
    after.close();
  });

  it('re-keys items stored under the first 500 characters of a longer address to the key it makes now', () => {
    const { file, all, db } = databaseBefore('_rekey_long_keys');
    const now = Date.parse('2026-11-20T09:00:00Z');
    db.prepare(
      "INSERT INTO feeds (id, url, next_poll_at, updated_at) VALUES (1, 'https://news.example.com/feed.xml', ?, ?)",
    ).run(now, now);
    const deepLink = (n: number) => `https://news.example.com/story?id=${n}&session=${'s'.repeat(560)}${n}`;
    const item = db.prepare(
      `INSERT INTO items (id, feed_id, key, url, title, published_at, fetched_at, text, content_hash, updated_at)
       VALUES (?, 1, ?, ?, ?, ?, ?, '', 'h', ?)`,
    );
    // As the earlier version stored them: the address cut at 500 characters.
    item.run(1, deepLink(1).slice(0, 500), deepLink(1), 'A deep link', now, now, now);
    // Already stored again under the new key (polled once after an upgrade without this migration): left as is.
    item.run(2, deepLink(2).slice(0, 500), deepLink(2), 'Twice', now, now, now);
    item.run(3, itemKey('', deepLink(2), 'Twice', null), deepLink(2), 'Twice', now, now, now);
    // A long GUID with a short address: no address to compute the key from (the next poll finds it by its GUID's first 500).
    item.run(4, 'g'.repeat(500), 'https://news.example.com/p/4', 'A long GUID', now, now, now);
    item.run(5, 'https://news.example.com/p/5', 'https://news.example.com/p/5', 'Short', now, now, now);
    db.close();
    migrateSqlite(file, all);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT id, key FROM items ORDER BY id').raw().all()).toEqual([
      [1, itemKey('', deepLink(1), 'A deep link', null)],
      [2, deepLink(2).slice(0, 500)],
      [3, itemKey('', deepLink(2), 'Twice', null)],
      [4, 'g'.repeat(500)],
      [5, 'https://news.example.com/p/5'],
    ]);
    expect(itemKey('', deepLink(1), '', null)).not.toBe(deepLink(1).slice(0, 500));
    after.close();
  });
});
