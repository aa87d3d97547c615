-- What kept part of a feed from being read while it reads (a CDATA section never closed), kept
-- apart from last_error, which says only why the feed could not be read at all.
ALTER TABLE "feeds" ADD COLUMN "partial_read" TEXT;
-- Such notes stored as a healthy feed's last error until now move to their own column.
UPDATE "feeds" SET "partial_read" = "last_error", "last_error" = NULL
 WHERE "consecutive_failures" = 0 AND "last_error" LIKE 'a CDATA section is never closed%';
