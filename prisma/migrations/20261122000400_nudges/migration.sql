-- AlterTable
ALTER TABLE "nudges" ADD COLUMN "claimant_reminded_at" DATETIME;
ALTER TABLE "nudges" ADD COLUMN "dismiss_reason" TEXT;
ALTER TABLE "nudges" ADD COLUMN "posted_at" DATETIME;

