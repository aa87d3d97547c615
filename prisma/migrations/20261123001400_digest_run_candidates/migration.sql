-- How many new stories the digest's window held when the run chose its items, so that a run resumed
-- after a crash still heads its post "top 8 of 22".
ALTER TABLE "digest_runs" ADD COLUMN "candidate_count" INTEGER;
