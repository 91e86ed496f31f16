-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "job_id" TEXT;
