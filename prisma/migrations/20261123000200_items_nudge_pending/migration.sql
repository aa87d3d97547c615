-- A new item waits here for the nudge check (set when stored, cleared once the check looked at it),
-- so an item stored by `briefbot poll`, or just before the process stopped, is still considered.
-- Items stored before this column are not pending: the check never nudges old news late.
ALTER TABLE "items" ADD COLUMN "nudge_pending" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "items_nudge_pending_idx" ON "items"("nudge_pending");
