-- A mirror's copy of an article (an item at the address of an earlier item of the same story from
-- another feed, or a feed watched under two addresses) is marked once, when it is stored, so what
-- counts mentions reads a column instead of asking, for every item of a window, whether another
-- feed stored it first (that question cost the overview three seconds at a million items).
ALTER TABLE "items" ADD COLUMN "mirror" BOOLEAN NOT NULL DEFAULT false;

UPDATE "items" SET "mirror" = 1
WHERE "url" IS NOT NULL AND "cluster_id" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "items" o WHERE o."cluster_id" = "items"."cluster_id" AND o."url" = "items"."url"
    AND o."feed_id" <> "items"."feed_id" AND o."id" < "items"."id"
);

-- Counting by date reads the mark from the index, not from each item's row.
DROP INDEX "items_published_at_idx";
CREATE INDEX "items_published_at_mirror_idx" ON "items"("published_at", "mirror");

-- New items are marked by storeItems as they are inserted. An item that changes address or story,
-- or leaves (its feed removed), changes which copy came first for the items it shared an address with.
CREATE TRIGGER "items_mirror_update" AFTER UPDATE OF "url", "cluster_id", "feed_id" ON "items"
WHEN old."url" IS NOT new."url" OR old."cluster_id" IS NOT new."cluster_id" OR old."feed_id" IS NOT new."feed_id"
BEGIN
  UPDATE "items" SET "mirror" = ("url" IS NOT NULL AND "cluster_id" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "items" o WHERE o."cluster_id" = "items"."cluster_id" AND o."url" = "items"."url"
      AND o."feed_id" <> "items"."feed_id" AND o."id" < "items"."id"))
  WHERE "id" = new."id"
     OR ("cluster_id" = old."cluster_id" AND "url" = old."url" AND "id" > old."id")
     OR ("cluster_id" = new."cluster_id" AND "url" = new."url" AND "id" > new."id");
END;

CREATE TRIGGER "items_mirror_delete" AFTER DELETE ON "items"
WHEN old."url" IS NOT NULL AND old."cluster_id" IS NOT NULL
BEGIN
  UPDATE "items" SET "mirror" = EXISTS (
    SELECT 1 FROM "items" o WHERE o."cluster_id" = "items"."cluster_id" AND o."url" = "items"."url"
      AND o."feed_id" <> "items"."feed_id" AND o."id" < "items"."id")
  WHERE "cluster_id" = old."cluster_id" AND "url" = old."url" AND "id" > old."id" AND "mirror" = 1;
END;
