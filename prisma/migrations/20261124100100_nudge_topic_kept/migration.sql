-- The topic a conversation was asked on, kept when the topic is removed (topic_id then NULL), so
-- `stats` and `changes` still file it under that topic's name.
ALTER TABLE "nudges" ADD COLUMN "topic_name" TEXT;
