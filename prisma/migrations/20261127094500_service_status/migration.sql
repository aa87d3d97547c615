-- What the running Briefbot last said of its Slack connection, and when it last checked in, for
-- `npx briefbot status` (Socket Mode has no /healthz to ask).
CREATE TABLE "service_status" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "beat_at" DATETIME NOT NULL
);
