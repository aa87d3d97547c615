-- The asker's own words for an answer, as typed (trimmed): a follow-up's are those of the question it
-- changed, then its own, one a line ("what are customers saying about pricing" / "last month"), so a
-- reply that names the answer quotes what they typed, not Briefbot's rewording. NULL: rows from before.
ALTER TABLE "ask_logs" ADD COLUMN "typed" TEXT;
