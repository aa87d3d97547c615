-- An expert's Slack account as last looked up (users.info), at most once a day before a nudge names
-- them: a deactivated one (they left) is not named on new nudges, and the admins are told once.
ALTER TABLE "smes" ADD COLUMN "slack_checked_at" DATETIME;
ALTER TABLE "smes" ADD COLUMN "deactivated_at" DATETIME;
