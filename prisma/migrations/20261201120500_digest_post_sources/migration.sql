-- How many sources tell the story a digest posted, counted when it was chosen (an event told in other
-- words by other feeds, not only its near-duplicate cluster), so the posted thread says "+2 other sources".
ALTER TABLE "channel_posts" ADD COLUMN "source_count" INTEGER;
