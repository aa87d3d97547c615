-- How an expert replied when there is no link to show (by email, by phone, in a private forum).
-- A replied conversation has a reply_url or a reply_note, never both; NULL in both only for older rows.
ALTER TABLE "nudges" ADD COLUMN "reply_note" TEXT;
