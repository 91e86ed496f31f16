-- CreateTable
CREATE TABLE "managed_key_rotations" (
    "managed_iam_user_id" UUID NOT NULL,
    "retiring_key_id" TEXT,
    "last_rotated_at" TIMESTAMPTZ(3),
    "last_failure" TEXT,
    "last_failure_fix" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),

    CONSTRAINT "managed_key_rotations_pkey" PRIMARY KEY ("managed_iam_user_id")
);
