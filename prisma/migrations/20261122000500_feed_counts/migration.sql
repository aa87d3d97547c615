-- How many feeds are in each state, kept by triggers: App Home and `feeds list` show these counts on
-- every view, and counting thousands of feeds each time costs about a millisecond of the bot's only thread.
CREATE TABLE "feed_status_counts" (
    "status" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0
);

INSERT INTO "feed_status_counts" ("status", "count")
SELECT "status", COUNT(*) FROM "feeds" GROUP BY "status";

CREATE TRIGGER "feeds_count_insert" AFTER INSERT ON "feeds" BEGIN
    INSERT INTO "feed_status_counts" ("status", "count") VALUES (new.status, 1)
        ON CONFLICT ("status") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "feeds_count_delete" AFTER DELETE ON "feeds" BEGIN
    UPDATE "feed_status_counts" SET "count" = "count" - 1 WHERE "status" = old.status;
END;

CREATE TRIGGER "feeds_count_update" AFTER UPDATE OF "status" ON "feeds" WHEN old.status IS NOT new.status BEGIN
    UPDATE "feed_status_counts" SET "count" = "count" - 1 WHERE "status" = old.status;
    INSERT INTO "feed_status_counts" ("status", "count") VALUES (new.status, 1)
        ON CONFLICT ("status") DO UPDATE SET "count" = "count" + 1;
END;
