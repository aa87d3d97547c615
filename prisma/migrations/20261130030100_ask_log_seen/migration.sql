-- The stories an answer's pages have shown so far (their items and near-duplicate clusters, per
-- column), so More never shows one again nor passes one over when a later page reads more mentions.
ALTER TABLE "ask_logs" ADD COLUMN "seen" TEXT NOT NULL DEFAULT '{}';
