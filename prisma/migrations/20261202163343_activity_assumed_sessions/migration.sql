-- CreateTable
CREATE TABLE "activity_assumed_sessions" (
    "entitlement_id" UUID NOT NULL,
    "access_key_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "role_arn" TEXT,
    "session_arn" TEXT,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activity_assumed_sessions_pkey" PRIMARY KEY ("entitlement_id","access_key_id")
);
