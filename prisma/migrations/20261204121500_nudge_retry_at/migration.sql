-- When a nudge is next tried (its post, or the look for a post whose answer was lost), when Slack's
-- 429 named a Retry-After: no pass tries it before then. NULL: no such wait (a look is due 2 minutes
-- after posted_at, a post at the next pass).
ALTER TABLE "nudges" ADD COLUMN "retry_at" DATETIME;
