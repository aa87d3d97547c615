-- The votes an item has where it was posted, when its feed states them (hnrss.org's "Points: 312"); null when it does not.
ALTER TABLE "items" ADD COLUMN "points" INTEGER;
