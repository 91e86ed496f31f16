-- AlterTable
ALTER TABLE "identity_sources" ADD COLUMN     "integration_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "identity_sources_integration_id_key" ON "identity_sources"("integration_id");

-- AddForeignKey
ALTER TABLE "identity_sources" ADD CONSTRAINT "identity_sources_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
