-- The language an item is written in (ISO 639-1), told at ingest; NULL when too short to tell, and for
-- the items stored before: those keep the tone they were given, read as English.
ALTER TABLE "items" ADD COLUMN "language" TEXT;
