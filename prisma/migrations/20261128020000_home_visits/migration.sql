-- When each person last opened App Home, and when the visit before began: Home's "since you last looked".
CREATE TABLE "home_visits" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "opened_at" DATETIME NOT NULL,
    "looked_at" DATETIME
);
