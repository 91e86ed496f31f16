-- AlterTable
ALTER TABLE "access_request_entitlements" ADD COLUMN     "reconciled_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "access_request_entitlements_status_reconciled_at_idx" ON "access_request_entitlements"("status", "reconciled_at");
