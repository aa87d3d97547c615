-- The claimant's DM (Mark replied, Release): redrawn without its buttons when the conversation is
-- taken from them (reassigned, released or dismissed by an admin), so they don't look live.
ALTER TABLE "nudges" ADD COLUMN "claimant_dm_ts" TEXT;
