-- A conversation outlives its story's feed: removing the feed sets item_id to NULL and keeps the
-- story's title, link and source on the conversation, so the team's response record stays whole.
PRAGMA defer_foreign_keys=ON;
CREATE TABLE "new_nudges" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cluster_id" INTEGER NOT NULL,
    "item_id" INTEGER,
    "story_title" TEXT,
    "story_url" TEXT,
    "story_source" TEXT,
    "story_published_at" DATETIME,
    "topic_id" INTEGER,
    "channel_id" TEXT NOT NULL,
    "message_ts" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "angle" TEXT,
    "requested_by" TEXT,
    "claimant_id" TEXT,
    "claimed_at" DATETIME,
    "replied_at" DATETIME,
    "reply_url" TEXT,
    "reminded_at" DATETIME,
    "escalated_at" DATETIME,
    "snoozed_until" DATETIME,
    "dismiss_reason" TEXT,
    "claimant_reminded_at" DATETIME,
    "posted_at" DATETIME,
    "reopened_at" DATETIME,
    "redraw_due_at" DATETIME,
    "redraw_attempts" INTEGER NOT NULL DEFAULT 0,
    "redraw_mark" INTEGER NOT NULL DEFAULT 0,
    "claimant_dm_ts" TEXT,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "nudges_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "nudges_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "nudges_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_nudges" ("id", "cluster_id", "item_id", "topic_id", "channel_id", "message_ts", "state", "reasons", "angle", "requested_by", "claimant_id", "claimed_at", "replied_at", "reply_url", "reminded_at", "escalated_at", "snoozed_until", "dismiss_reason", "claimant_reminded_at", "posted_at", "reopened_at", "redraw_due_at", "redraw_attempts", "redraw_mark", "claimant_dm_ts", "created_at", "updated_at")
SELECT "id", "cluster_id", "item_id", "topic_id", "channel_id", "message_ts", "state", "reasons", "angle", "requested_by", "claimant_id", "claimed_at", "replied_at", "reply_url", "reminded_at", "escalated_at", "snoozed_until", "dismiss_reason", "claimant_reminded_at", "posted_at", "reopened_at", "redraw_due_at", "redraw_attempts", "redraw_mark", "claimant_dm_ts", "created_at", "updated_at" FROM "nudges";
DROP TABLE "nudges";
ALTER TABLE "new_nudges" RENAME TO "nudges";
CREATE INDEX "nudges_state_idx" ON "nudges"("state");
CREATE UNIQUE INDEX "nudges_cluster_id_channel_id_key" ON "nudges"("cluster_id", "channel_id");
CREATE INDEX "nudges_redraw_due_at_idx" ON "nudges"("redraw_due_at");
