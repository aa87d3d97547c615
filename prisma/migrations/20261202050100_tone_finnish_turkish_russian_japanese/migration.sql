-- Items in Finnish, Turkish, Russian and Japanese stored with no tone read ('unread') get theirs:
-- computed in code right after this migration (src/db/migrate.ts, readToneInLanguages, as for
-- 20261201040100_tone_nordic_central). No table changes.
SELECT 1;
