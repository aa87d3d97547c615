-- Where a sent message is (its Slack ts, in the recipient's DM), so one inviting an expert to claim a
-- conversation can be redrawn once someone claims it. NULL: not sent, or sent before this was kept.
ALTER TABLE "deliveries" ADD COLUMN "sent_ts" TEXT;
