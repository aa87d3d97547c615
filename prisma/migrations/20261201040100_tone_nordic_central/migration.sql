-- Items in Swedish, Danish, Norwegian, Czech, Slovak and Romanian stored with no tone read
-- ('unread') get theirs: computed in code right after this migration (src/db/migrate.ts,
-- readToneInLanguages, as for 20261130040000_tone_other_languages). No table changes.
SELECT 1;
