-- The competitor a feed of kind competitor stands for, set when it is added or by feeds set; null:
-- named by its title, as before.
ALTER TABLE "feeds" ADD COLUMN "competitor" TEXT;
