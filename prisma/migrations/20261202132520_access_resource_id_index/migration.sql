-- CreateIndex
CREATE INDEX "resources_id_idx" ON "resources"("id");
