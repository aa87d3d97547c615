-- The name an OPML list gave a feed (its outline's title or text), when it differs from the feed's
-- own title: `feeds list` and App Home show it, and `feeds export` writes it back. Null: none given.
ALTER TABLE "feeds" ADD COLUMN "listed_title" TEXT;
