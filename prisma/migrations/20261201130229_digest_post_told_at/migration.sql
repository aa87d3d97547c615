-- When the story a digest posted was last told (its newest telling's publication time, when later than
-- the shown item's), so an older news story with a brand-new forum thread on it is posted as new, not late.
ALTER TABLE "channel_posts" ADD COLUMN "told_at" DATETIME;
