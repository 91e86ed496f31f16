-- AlterTable
ALTER TABLE "app_users" ADD COLUMN     "person_id" UUID,
ALTER COLUMN "password_hash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "oidc_settings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_encrypted" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "admin_group" TEXT,
    "source_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oidc_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_users_person_id_key" ON "app_users"("person_id");

-- AddForeignKey
ALTER TABLE "app_users" ADD CONSTRAINT "app_users_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "identity_people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oidc_settings" ADD CONSTRAINT "oidc_settings_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "identity_sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;
