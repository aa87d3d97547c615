-- A removed topic's name as typed ("Économie"), kept beside its key (topic_name, "economie") so stats,
-- `nudge list` and the change log show it as it was shown, while matching stays by key. NULL while the
-- topic exists (its display name is read from topics) and for conversations of no topic.
ALTER TABLE "nudges" ADD COLUMN "topic_label" TEXT;

-- Conversations of topics removed before this was kept: the label their removal's log entry kept.
UPDATE "nudges" SET "topic_label" = (
  SELECT json_extract(a."detail", '$.label') FROM "audit_events" a
  WHERE a."action" = 'topic.remove' AND json_valid(a."detail")
    AND json_extract(a."detail", '$.name') = "nudges"."topic_name"
    AND json_type(a."detail", '$.label') = 'text'
  ORDER BY a."at" DESC, a."id" DESC LIMIT 1
)
WHERE "topic_id" IS NULL AND "topic_name" IS NOT NULL;
