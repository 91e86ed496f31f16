-- DropIndex
DROP INDEX "identity_people_source_id_created_at_id_idx";

-- CreateIndex
CREATE INDEX "identity_people_source_id_created_at_id_deleted_at_idx" ON "identity_people"("source_id", "created_at", "id", "deleted_at");
