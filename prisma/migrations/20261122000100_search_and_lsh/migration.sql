-- Full-text index over item titles and text (hand-written: Prisma does not model FTS5).
-- External-content table: the text lives once, in "items"; triggers keep the index in sync.
CREATE VIRTUAL TABLE "items_fts" USING fts5(
    title,
    text,
    content='items',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER "items_fts_insert" AFTER INSERT ON "items" BEGIN
    INSERT INTO "items_fts"(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

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
CREATE INDEX "lsh_buckets_item_id_idx" ON "lsh_buckets"("item_id");
