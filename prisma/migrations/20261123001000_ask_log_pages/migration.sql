-- Which page of an answer was shown, and whether there was another: "/brief more" continues the
-- asker's last answer from these.
ALTER TABLE "ask_logs" ADD COLUMN "offset" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ask_logs" ADD COLUMN "has_more" BOOLEAN NOT NULL DEFAULT false;
