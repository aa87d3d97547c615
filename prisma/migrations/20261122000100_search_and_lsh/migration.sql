-- Full-text index over item titles and text (hand-written: Prisma does not model FTS5).
-- External-content table: the text lives once, in "items". New items are indexed by the code that
-- inserts them (src/db/items.ts) in the same transaction: an insert trigger would make FTS5 flush
-- its pending index to disk at every row (each trigger runs in a savepoint), several times slower.
-- Updates and deletes, rarer and also made by Prisma (cascades), keep the index in sync by trigger.
CREATE VIRTUAL TABLE "items_fts" USING fts5(
    title,
    text,
    content='items',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER "items_fts_delete" AFTER DELETE ON "items" BEGIN
    INSERT INTO "items_fts"("items_fts", rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER "items_fts_update" AFTER UPDATE OF title, text ON "items" BEGIN
    INSERT INTO "items_fts"("items_fts", rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO "items_fts"(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- LSH buckets are looked up and written by their key only: store them in the key's b-tree.
DROP TABLE "lsh_buckets";
CREATE TABLE "lsh_buckets" (
    "band" INTEGER NOT NULL,
    "hash" INTEGER NOT NULL,
    "item_id" INTEGER NOT NULL,
    "cluster_id" INTEGER NOT NULL,
    PRIMARY KEY ("band", "hash", "item_id")
) WITHOUT ROWID;

-- Merge index segments in larger steps: less merge work while ingesting, a little more segments to read.
INSERT INTO "items_fts"("items_fts", rank) VALUES ('automerge', 8);

-- Feeds whose last checks failed are listed first; most feeds have none, so this index stays small to scan.
CREATE INDEX "feeds_consecutive_failures_idx" ON "feeds"("consecutive_failures");
