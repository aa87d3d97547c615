-- A posted nudge now always records its message ('' when the outbox gave no id, as the console's
-- does); NULL after posted_at means a post whose outcome was never recorded. Nudges posted before
-- this rule are recorded as posted.
UPDATE "nudges" SET "message_ts" = '' WHERE "posted_at" IS NOT NULL AND "message_ts" IS NULL;
