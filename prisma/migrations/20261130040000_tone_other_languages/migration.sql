-- Items in German, French, Spanish, Italian, Dutch, Portuguese and Polish stored with no tone read
-- ('unread') get theirs: computed in code right after this migration (src/db/migrate.ts,
-- readToneInLanguages), as the tone of each language's lexicon. No table changes.
SELECT 1;
