-- Each feed's newest item date, kept by triggers: `feeds list` and App Home count the stale feeds
-- (nothing new for 90 days) on every view, and a MAX over every feed's items each time is too slow.
ALTER TABLE "feeds" ADD COLUMN "newest_item_at" DATETIME;

UPDATE "feeds" SET "newest_item_at" = (SELECT MAX("published_at") FROM "items" WHERE "items"."feed_id" = "feeds"."id");

CREATE INDEX "feeds_status_newest_item_at_idx" ON "feeds"("status", "newest_item_at");
CREATE INDEX "feeds_status_consecutive_failures_idx" ON "feeds"("status", "consecutive_failures");

CREATE TRIGGER "items_newest_insert" AFTER INSERT ON "items" BEGIN
    UPDATE "feeds" SET "newest_item_at" = new.published_at
        WHERE "id" = new.feed_id AND ("newest_item_at" IS NULL OR "newest_item_at" < new.published_at);
END;

-- A date corrected or an item moved with its feed's address: rare, so recounted from the items.
CREATE TRIGGER "items_newest_update" AFTER UPDATE OF "published_at", "feed_id" ON "items"
    WHEN old.published_at IS NOT new.published_at OR old.feed_id IS NOT new.feed_id BEGIN
    UPDATE "feeds" SET "newest_item_at" = (SELECT MAX("published_at") FROM "items" WHERE "feed_id" = "feeds"."id")
        WHERE "id" IN (old.feed_id, new.feed_id);
END;

CREATE TRIGGER "items_newest_delete" AFTER DELETE ON "items" BEGIN
    UPDATE "feeds" SET "newest_item_at" = (SELECT MAX("published_at") FROM "items" WHERE "feed_id" = "feeds"."id")
        WHERE "id" = old.feed_id AND "newest_item_at" <= old.published_at;
END;
