-- CreateTable
CREATE TABLE "job_workers" (
    "id" UUID NOT NULL,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_workers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_claims" (
    "job_id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "worker_id" UUID NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_claims_pkey" PRIMARY KEY ("job_id")
);

-- CreateIndex
CREATE INDEX "job_workers_last_seen_at_idx" ON "job_workers"("last_seen_at");

-- CreateIndex
CREATE INDEX "job_claims_worker_id_idx" ON "job_claims"("worker_id");

-- AddForeignKey
ALTER TABLE "job_claims" ADD CONSTRAINT "job_claims_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "job_workers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
