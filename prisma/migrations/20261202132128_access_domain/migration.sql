-- CreateEnum
CREATE TYPE "AccessStatus" AS ENUM ('PENDING', 'APPROVED', 'GRANTING', 'GRANTED', 'REVOKING', 'EXPIRED', 'REVOKED', 'REJECTED', 'CANCELED', 'FAILED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "CredentialsStatus" AS ENUM ('AVAILABLE', 'VIEWED', 'RESETTING', 'NOT_APPLICABLE');

-- CreateTable
CREATE TABLE "access_flows" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "trigger" TEXT NOT NULL DEFAULT 'SELF_SERVE',
    "requestors" JSONB NOT NULL,
    "request_for" JSONB,
    "access_targets" JSONB NOT NULL,
    "approver_policy" JSONB,
    "grant_duration_in_min" INTEGER,
    "timeframe" JSONB,
    "settings" JSONB NOT NULL,
    "integration_ids" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "access_flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_requests" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "requester_user_id" UUID,
    "requester_email" TEXT NOT NULL,
    "grantee_person_id" UUID,
    "grantee_email" TEXT NOT NULL,
    "access_flow_id" UUID,
    "flow_snapshot" JSONB NOT NULL,
    "status" "AccessStatus" NOT NULL DEFAULT 'PENDING',
    "justification" TEXT,
    "custom_fields" JSONB NOT NULL DEFAULT '{}',
    "duration_sec" INTEGER NOT NULL,
    "failure_reason" TEXT,
    "failure_fix" TEXT,
    "requested_again_of" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "granted_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_request_entitlements" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "integration_name" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" UUID NOT NULL,
    "resource_external_id" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "account_id" TEXT,
    "region" TEXT,
    "permission_id" TEXT NOT NULL,
    "permission_name" TEXT NOT NULL,
    "status" "AccessStatus" NOT NULL DEFAULT 'PENDING',
    "target_key" TEXT,
    "target" JSONB,
    "aws_detail" JSONB,
    "failure_reason" TEXT,
    "failure_fix" TEXT,
    "granted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "access_request_entitlements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_approvals" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "approver_user_id" UUID NOT NULL,
    "approver_person_id" UUID,
    "approver_email" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "managed_iam_users" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "person_id" UUID NOT NULL,
    "user_name" TEXT NOT NULL,
    "arn" TEXT,
    "access_key_id" TEXT,
    "secret_encrypted" TEXT,
    "key_created_at" TIMESTAMPTZ(3),
    "credentials_status" "CredentialsStatus" NOT NULL DEFAULT 'NOT_APPLICABLE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "managed_iam_users_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "access_flows_name_key_key" ON "access_flows"("name_key");

-- CreateIndex
CREATE INDEX "access_flows_created_at_id_idx" ON "access_flows"("created_at", "id");

-- CreateIndex
CREATE INDEX "access_flows_integration_ids_idx" ON "access_flows" USING GIN ("integration_ids");

-- CreateIndex
CREATE INDEX "access_requests_requester_user_id_created_at_idx" ON "access_requests"("requester_user_id", "created_at");

-- CreateIndex
CREATE INDEX "access_requests_status_created_at_idx" ON "access_requests"("status", "created_at");

-- CreateIndex
CREATE INDEX "access_requests_expires_at_idx" ON "access_requests"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "access_requests_number_key" ON "access_requests"("number");

-- CreateIndex
CREATE INDEX "access_request_entitlements_request_id_idx" ON "access_request_entitlements"("request_id");

-- CreateIndex
CREATE INDEX "access_request_entitlements_target_key_status_idx" ON "access_request_entitlements"("target_key", "status");

-- CreateIndex
CREATE INDEX "access_request_entitlements_integration_id_status_idx" ON "access_request_entitlements"("integration_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "access_approvals_request_id_approver_user_id_key" ON "access_approvals"("request_id", "approver_user_id");

-- CreateIndex
CREATE INDEX "managed_iam_users_person_id_idx" ON "managed_iam_users"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "managed_iam_users_integration_id_account_id_person_id_key" ON "managed_iam_users"("integration_id", "account_id", "person_id");

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_access_flow_id_fkey" FOREIGN KEY ("access_flow_id") REFERENCES "access_flows"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_request_entitlements" ADD CONSTRAINT "access_request_entitlements_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "access_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_approvals" ADD CONSTRAINT "access_approvals_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "access_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
