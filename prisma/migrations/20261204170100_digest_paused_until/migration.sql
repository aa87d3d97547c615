-- `digest pause 1 until jan 4`: when a paused digest resumes by itself. Kept after it resumed, as the
-- first slot then owed (slots before it were paused); cleared by a pause without an end or a resume.
ALTER TABLE "digest_schedules" ADD COLUMN "paused_until" DATETIME;
