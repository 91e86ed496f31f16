-- AlterTable
ALTER TABLE "sync_scopes" ADD COLUMN     "details" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "job_id" TEXT;
