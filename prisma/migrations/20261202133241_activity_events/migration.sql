-- CreateTable
CREATE TABLE "activity_events" (
    "id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(3) NOT NULL,
    "event_name" TEXT NOT NULL,
    "event_source" TEXT NOT NULL,
    "resources" TEXT[],
    "read_only" BOOLEAN NOT NULL,
    "source_ip" TEXT,
    "user_agent" TEXT,
    "error_code" TEXT,
    "error_message" TEXT,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "access_key_id" TEXT,
    "request_id" UUID NOT NULL,
    "entitlement_id" UUID NOT NULL,
    "person_id" UUID,
    "integration_id" UUID NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_ingest_cursors" (
    "entitlement_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "read_until" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "events_stored" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activity_ingest_cursors_pkey" PRIMARY KEY ("entitlement_id")
);

-- CreateTable
CREATE TABLE "activity_ingest_warnings" (
    "integration_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "fix" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_ingest_warnings_pkey" PRIMARY KEY ("integration_id","account_id","region")
);

-- CreateIndex
CREATE INDEX "activity_events_event_time_id_idx" ON "activity_events"("event_time", "id");

-- CreateIndex
CREATE INDEX "activity_events_request_id_event_time_idx" ON "activity_events"("request_id", "event_time");

-- CreateIndex
CREATE INDEX "activity_events_integration_id_event_time_idx" ON "activity_events"("integration_id", "event_time");

-- CreateIndex
CREATE INDEX "activity_events_person_id_event_time_idx" ON "activity_events"("person_id", "event_time");

-- CreateIndex
CREATE UNIQUE INDEX "activity_events_event_id_key" ON "activity_events"("event_id");

-- CreateIndex
CREATE INDEX "activity_ingest_cursors_done_at_idx" ON "activity_ingest_cursors"("done_at");
