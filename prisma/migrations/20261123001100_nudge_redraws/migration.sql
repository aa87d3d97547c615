-- A nudge message whose redraw Slack refused (a 429, a 500) or never got (the process stopped) is
-- redrawn by the background cycle: when the next try is due, how many failed, and a mark bumped by
-- each change so an older redraw never clears a newer one.
ALTER TABLE "nudges" ADD COLUMN "redraw_due_at" DATETIME;
ALTER TABLE "nudges" ADD COLUMN "redraw_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "nudges" ADD COLUMN "redraw_mark" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "nudges_redraw_due_at_idx" ON "nudges"("redraw_due_at");
