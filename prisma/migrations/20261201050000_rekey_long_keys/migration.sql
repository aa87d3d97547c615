-- Items whose GUID or link is longer than 500 characters were keyed by its first 500; keys now keep
-- its first 459 and a hash of the whole. The new keys are computed in code, right after this script
-- (src/db/migrate.ts, rekeyLongKeys), for the rows whose stored address the old key was cut from.
SELECT 1;
