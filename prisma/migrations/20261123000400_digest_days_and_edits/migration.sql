-- A weekly digest may come on several days ("1,4"); an edited timing owes no slot before the edit.
ALTER TABLE "digest_schedules" ADD COLUMN "days" TEXT;
ALTER TABLE "digest_schedules" ADD COLUMN "timing_changed_at" DATETIME;
