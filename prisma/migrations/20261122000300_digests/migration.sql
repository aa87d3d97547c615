-- AlterTable
ALTER TABLE "digest_runs" ADD COLUMN "heartbeat_at" DATETIME;

-- CreateTable
CREATE TABLE "channel_feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" INTEGER,
    "feed_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "channel_feedback_channel_id_feed_id_idx" ON "channel_feedback"("channel_id", "feed_id");


-- Digests read the items that arrived since their last run: by arrival, not publication.
CREATE INDEX "items_created_at_idx" ON "items"("created_at");
