-- The last time Briefbot was without Slack and got it back: from when, until when, and the latest
-- reason, for App Home's and `/brief status`'s line on it (the state's own `since` moves on reconnecting).
ALTER TABLE "service_status" ADD COLUMN "down_since" DATETIME;
ALTER TABLE "service_status" ADD COLUMN "down_until" DATETIME;
ALTER TABLE "service_status" ADD COLUMN "down_detail" TEXT;
