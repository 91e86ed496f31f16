-- CreateEnum
CREATE TYPE "IdentitySourceType" AS ENUM ('scim', 'built-in', 'iam-identity-center', 'demo');

-- CreateEnum
CREATE TYPE "IdentitySourceStatus" AS ENUM ('pending', 'active');

-- CreateTable
CREATE TABLE "identity_sources" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "IdentitySourceType" NOT NULL,
    "status" "IdentitySourceStatus" NOT NULL DEFAULT 'pending',
    "token_hash" TEXT,
    "token_prefix" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_people" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "user_name" TEXT NOT NULL,
    "user_name_key" TEXT,
    "external_id" TEXT,
    "email" TEXT,
    "emails" JSONB NOT NULL DEFAULT '[]',
    "display_name" TEXT,
    "given_name" TEXT,
    "family_name" TEXT,
    "title" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "department" TEXT,
    "manager_id" TEXT,
    "employee_number" TEXT,
    "cost_center" TEXT,
    "organization" TEXT,
    "division" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "identity_people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_groups" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "display_name_key" TEXT NOT NULL,
    "external_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_group_members" (
    "group_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,

    CONSTRAINT "identity_group_members_pkey" PRIMARY KEY ("group_id","person_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "identity_sources_name_key" ON "identity_sources"("name");

-- CreateIndex
CREATE UNIQUE INDEX "identity_sources_token_hash_key" ON "identity_sources"("token_hash");

-- CreateIndex
CREATE INDEX "identity_people_source_id_created_at_id_idx" ON "identity_people"("source_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "identity_people_source_id_external_id_idx" ON "identity_people"("source_id", "external_id");

-- CreateIndex
CREATE INDEX "identity_people_source_id_email_idx" ON "identity_people"("source_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "identity_people_source_id_user_name_key_key" ON "identity_people"("source_id", "user_name_key");

-- CreateIndex
CREATE INDEX "identity_groups_source_id_created_at_id_idx" ON "identity_groups"("source_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "identity_groups_source_id_display_name_key_key" ON "identity_groups"("source_id", "display_name_key");

-- CreateIndex
CREATE INDEX "identity_group_members_person_id_idx" ON "identity_group_members"("person_id");

-- AddForeignKey
ALTER TABLE "identity_people" ADD CONSTRAINT "identity_people_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "identity_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_groups" ADD CONSTRAINT "identity_groups_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "identity_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_group_members" ADD CONSTRAINT "identity_group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "identity_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_group_members" ADD CONSTRAINT "identity_group_members_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "identity_people"("id") ON DELETE CASCADE ON UPDATE CASCADE;
