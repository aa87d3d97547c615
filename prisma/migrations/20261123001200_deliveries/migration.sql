-- Messages owed to one recipient each (escalations, failing-feed alerts, claim-expiry DMs), kept
-- until Slack took them, so a recipient whose post failed for now is tried again on its own.
CREATE TABLE "deliveries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "episode" BIGINT NOT NULL,
    "recipient" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "due_at" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sent_at" DATETIME,
    "error" TEXT,
    "created_at" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "deliveries_kind_subject_episode_recipient_key" ON "deliveries"("kind", "subject", "episode", "recipient");
CREATE INDEX "deliveries_due_at_idx" ON "deliveries"("due_at");
