-- Japanese, Chinese, Thai and other scripts written without spaces have no words for the unicode61
-- tokenizer to split: it keeps a whole run ("ネスレ日本、") as one token, so a word inside it was never
-- found. "split_words" holds an item's title, text and source as the topic matcher tokenizes them
-- (src/analysis/query.ts: each such character a token), written by the code that stores items,
-- only for items holding such a script (NULL for the rest: nothing to store or index). A term in
-- those scripts is searched there as the phrase of its characters, which finds it inside a run.
-- Items stored before this migration are filled in by src/db/migrate.ts right after it.
ALTER TABLE "items" ADD COLUMN "split_words" TEXT;

DROP TRIGGER "items_fts_delete";
DROP TRIGGER "items_fts_update";
DROP TABLE "items_fts";

CREATE VIRTUAL TABLE "items_fts" USING fts5(
    title,
    text,
    source,
    split_words,
    content='items',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO "items_fts"("items_fts") VALUES ('rebuild');
INSERT INTO "items_fts"("items_fts", rank) VALUES ('automerge', 8);

CREATE TRIGGER "items_fts_delete" AFTER DELETE ON "items" BEGIN
    INSERT INTO "items_fts"("items_fts", rowid, title, text, source, split_words)
    VALUES ('delete', old.id, old.title, old.text, old.source, old.split_words);
END;

CREATE TRIGGER "items_fts_update" AFTER UPDATE OF title, text, source, split_words ON "items" BEGIN
    INSERT INTO "items_fts"("items_fts", rowid, title, text, source, split_words)
    VALUES ('delete', old.id, old.title, old.text, old.source, old.split_words);
    INSERT INTO "items_fts"(rowid, title, text, source, split_words)
    VALUES (new.id, new.title, new.text, new.source, new.split_words);
END;
