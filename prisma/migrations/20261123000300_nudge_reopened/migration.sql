-- When an admin last reopened a finished conversation: an open one expires counting from then.
ALTER TABLE "nudges" ADD COLUMN "reopened_at" DATETIME;
