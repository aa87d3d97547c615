-- A topic's name as typed ("Économie", "Café"), shown wherever the topic is; `name` stays the key
-- (lower case, accents dropped) that commands and questions match. Existing topics show their key.
ALTER TABLE "topics" ADD COLUMN "display_name" TEXT;
UPDATE "topics" SET "display_name" = "name";
