-- CreateTable
CREATE TABLE "ask_logs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "subjects" TEXT NOT NULL DEFAULT '[]',
    "window_days" INTEGER NOT NULL,
    "item_count" INTEGER NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ask_logs_at_idx" ON "ask_logs"("at");

