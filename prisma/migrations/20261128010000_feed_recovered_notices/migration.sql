-- Feeds now get a "works again" notice after a failing-feed alert. Alerts sent before this
-- migration count as settled, so an upgrade does not tell admins about old recoveries.
INSERT OR IGNORE INTO "deliveries" ("kind", "subject", "episode", "recipient", "message", "due_at", "attempts", "sent_at", "created_at")
SELECT 'feed-recovered', "subject", "episode", "recipient", '{}', NULL, 0, "created_at", "created_at"
FROM "deliveries" WHERE "kind" = 'feed-failing';
