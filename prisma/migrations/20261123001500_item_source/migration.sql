-- Whose words an item is: for a competitor's own feed ("The Globex Blog"), the feed's title, indexed
-- with the item's title and text so that the competitor's topic and questions about it find its
-- posts that never name it ("Switching from Acme? 40% off"). Empty for every other kind of source.
ALTER TABLE "items" ADD COLUMN "source" TEXT NOT NULL DEFAULT '';

UPDATE "items" SET "source" = (SELECT COALESCE(f."title", '') FROM "feeds" f WHERE f."id" = "items"."feed_id")
WHERE "feed_id" IN (SELECT "id" FROM "feeds" WHERE "kind" = 'competitor');

-- The full-text index gains the column: rebuilt from "items" (external content, as before).
DROP TRIGGER "items_fts_delete";
DROP TRIGGER "items_fts_update";
DROP TABLE "items_fts";

CREATE VIRTUAL TABLE "items_fts" USING fts5(
    title,
    text,
    source,
    content='items',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO "items_fts"("items_fts") VALUES ('rebuild');
INSERT INTO "items_fts"("items_fts", rank) VALUES ('automerge', 8);

CREATE TRIGGER "items_fts_delete" AFTER DELETE ON "items" BEGIN
    INSERT INTO "items_fts"("items_fts", rowid, title, text, source)
    VALUES ('delete', old.id, old.title, old.text, old.source);
END;

CREATE TRIGGER "items_fts_update" AFTER UPDATE OF title, text, source ON "items" BEGIN
    INSERT INTO "items_fts"("items_fts", rowid, title, text, source)
    VALUES ('delete', old.id, old.title, old.text, old.source);
    INSERT INTO "items_fts"(rowid, title, text, source) VALUES (new.id, new.title, new.text, new.source);
END;
