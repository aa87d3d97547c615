-- The sources an answer showed, by their numbers: "/brief tell me more about 2" opens one up.
ALTER TABLE "ask_logs" ADD COLUMN "shown" TEXT NOT NULL DEFAULT '[]';
