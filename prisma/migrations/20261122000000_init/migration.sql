-- CreateTable
CREATE TABLE "feeds" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "site_url" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'news',
    "weight" REAL NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'active',
    "etag" TEXT,
    "last_modified" TEXT,
    "interval_sec" INTEGER NOT NULL DEFAULT 3600,
    "next_poll_at" DATETIME NOT NULL,
    "last_fetched_at" DATETIME,
    "last_success_at" DATETIME,
    "last_new_item_at" DATETIME,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_error_code" TEXT,
    "last_error" TEXT,
    "failing_since" DATETIME,
    "failure_announced_at" DATETIME,
    "added_by" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "items" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "feed_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "published_at" DATETIME NOT NULL,
    "date_estimated" BOOLEAN NOT NULL DEFAULT false,
    "fetched_at" DATETIME NOT NULL,
    "text" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "categories" TEXT NOT NULL DEFAULT '[]',
    "comment_count" INTEGER,
    "backlog" BOOLEAN NOT NULL DEFAULT false,
    "cluster_id" INTEGER,
    "sentiment" TEXT NOT NULL DEFAULT 'neutral',
    "sentiment_score" REAL NOT NULL DEFAULT 0,
    "controversy" REAL,
    "controversy_reasons" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "items_feed_id_fkey" FOREIGN KEY ("feed_id") REFERENCES "feeds" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "items_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "clusters" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "source_count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" DATETIME NOT NULL,
    "last_seen_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "item_signatures" (
    "item_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "published_at" DATETIME NOT NULL,
    "minhash" BLOB NOT NULL
);

-- CreateTable
CREATE TABLE "lsh_buckets" (
    "band" INTEGER NOT NULL,
    "hash" INTEGER NOT NULL,
    "item_id" INTEGER NOT NULL,
    "cluster_id" INTEGER NOT NULL,

    PRIMARY KEY ("band", "hash", "item_id")
);

-- CreateTable
CREATE TABLE "topics" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'theme',
    "channel_id" TEXT,
    "threshold" REAL,
    "created_by" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "item_topics" (
    "item_id" INTEGER NOT NULL,
    "topic_id" INTEGER NOT NULL,

    PRIMARY KEY ("item_id", "topic_id"),
    CONSTRAINT "item_topics_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "item_topics_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "digest_schedules" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT,
    "cadence" TEXT NOT NULL DEFAULT 'daily',
    "time_of_day" TEXT NOT NULL,
    "weekday" INTEGER,
    "timezone" TEXT NOT NULL,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "max_items" INTEGER NOT NULL DEFAULT 8,
    "quiet_day" TEXT NOT NULL DEFAULT 'note',
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_by" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "digest_runs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schedule_id" INTEGER NOT NULL,
    "slot" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "owner" TEXT,
    "parent_ts" TEXT,
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    CONSTRAINT "digest_runs_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "digest_schedules" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "channel_posts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel_id" TEXT NOT NULL,
    "item_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "source_id" INTEGER,
    "message_ts" TEXT,
    "posted_at" DATETIME NOT NULL,
    CONSTRAINT "channel_posts_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "smes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "timezone" TEXT,
    "away_until" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "beats" (
    "sme_id" INTEGER NOT NULL,
    "topic_id" INTEGER NOT NULL,

    PRIMARY KEY ("sme_id", "topic_id"),
    CONSTRAINT "beats_sme_id_fkey" FOREIGN KEY ("sme_id") REFERENCES "smes" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "beats_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "nudges" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cluster_id" INTEGER NOT NULL,
    "item_id" INTEGER NOT NULL,
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
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "nudges_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "nudges_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "nudges_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actor_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE UNIQUE INDEX "feeds_url_key" ON "feeds"("url");

-- CreateIndex
CREATE INDEX "feeds_status_next_poll_at_idx" ON "feeds"("status", "next_poll_at");

-- CreateIndex
CREATE INDEX "items_published_at_idx" ON "items"("published_at");

-- CreateIndex
CREATE INDEX "items_cluster_id_feed_id_idx" ON "items"("cluster_id", "feed_id");

-- CreateIndex
CREATE UNIQUE INDEX "items_feed_id_key_key" ON "items"("feed_id", "key");

-- CreateIndex
CREATE INDEX "clusters_last_seen_at_idx" ON "clusters"("last_seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "topics_name_key" ON "topics"("name");

-- CreateIndex
CREATE INDEX "item_topics_topic_id_idx" ON "item_topics"("topic_id");

-- CreateIndex
CREATE INDEX "digest_schedules_channel_id_idx" ON "digest_schedules"("channel_id");

-- CreateIndex
CREATE UNIQUE INDEX "digest_runs_schedule_id_slot_key" ON "digest_runs"("schedule_id", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "channel_posts_channel_id_item_id_key" ON "channel_posts"("channel_id", "item_id");

-- CreateIndex
CREATE UNIQUE INDEX "smes_user_id_key" ON "smes"("user_id");

-- CreateIndex
CREATE INDEX "beats_topic_id_idx" ON "beats"("topic_id");

-- CreateIndex
CREATE INDEX "nudges_state_idx" ON "nudges"("state");

-- CreateIndex
CREATE UNIQUE INDEX "nudges_cluster_id_channel_id_key" ON "nudges"("cluster_id", "channel_id");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

