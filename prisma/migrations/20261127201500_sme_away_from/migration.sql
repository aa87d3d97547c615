-- An absence set ahead ("sme away from friday to next wednesday"): the expert gets nudges until it
-- starts. NULL: an absence (if any) that started when it was set.
ALTER TABLE "smes" ADD COLUMN "away_from" DATETIME;
