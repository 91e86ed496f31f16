import type { Db } from "../../db/prisma.ts";
import type { CredentialsStatus, Prisma } from "../../generated/prisma/client.ts";

// The only place credential rotation reads or writes its tables: managed_iam_users (the spine's,
// for the key and credentials_status), managed_key_rotations (ours) and, read only,
// access_request_entitlements (is a grant of the managed user live, and when was the last one).

type Client = Db | Prisma.TransactionClient;

/** Grants that hold the managed user's key: IAM kinds only (Identity Center grants have no key). */
const IAM_KINDS = ["iam-role", "iam-group", "s3-bucket", "ec2-instance", "rds-instance"];

export type ManagedUserKey = { integrationId: string; accountId: string; personId: string };

export function credentialRotationRepository(db: Db) {
  return {
    /** Integrations that have managed IAM users, with what builds their GrantContext. */
    async integrationsWithManagedUsers() {
      const ids = await db.managedIamUser.findMany({
        distinct: ["integrationId"],
        select: { integrationId: true },
      });
      return db.integration.findMany({
        where: { id: { in: ids.map((row) => row.integrationId) } },
        include: { connector: true },
      });
    },

    integration(id: string) {
      return db.integration.findUnique({ where: { id }, include: { connector: true } });
    },

    async managedUsers(integrationId: string) {
      const users = await db.managedIamUser.findMany({
        where: { integrationId },
        orderBy: [{ accountId: "asc" }, { userName: "asc" }],
      });
      const rotations = await db.managedKeyRotation.findMany({
        where: { managedIamUserId: { in: users.map((user) => user.id) } },
      });
      const byId = new Map(rotations.map((row) => [row.managedIamUserId, row]));
      return users.map((user) => ({ ...user, rotation: byId.get(user.id) ?? null }));
    },

    async managedUser(id: string) {
      const user = await db.managedIamUser.findUnique({ where: { id } });
      if (!user) return null;
      const rotation = await db.managedKeyRotation.findUnique({ where: { managedIamUserId: id } });
      return { ...user, rotation };
    },

    managedUserByKey(key: ManagedUserKey) {
      return db.managedIamUser.findUnique({ where: { integrationId_accountId_personId: key } });
    },

    /**
     * Live grants of the managed user: approved and waiting for the grant job, granting, granted
     * or being revoked. Raw SQL: the kind is inside the entitlement's target JSON.
     */
    async liveGrants(key: ManagedUserKey, excludingEntitlementId?: string): Promise<number> {
      const rows = await db.$queryRaw<Array<{ n: bigint }>>`
        SELECT count(*) AS n
          FROM access_request_entitlements e
          JOIN access_requests r ON r.id = e.request_id
         WHERE e.integration_id = ${key.integrationId}::uuid
           AND e.account_id = ${key.accountId}
           AND r.grantee_person_id = ${key.personId}::uuid
           AND e.target->>'kind' = ANY(${IAM_KINDS})
           AND (e.status IN ('GRANTING', 'GRANTED', 'REVOKING')
                OR (e.status = 'PENDING' AND r.status IN ('APPROVED', 'GRANTING')))
           AND e.id IS DISTINCT FROM ${excludingEntitlementId ?? null}::uuid`;
      return Number(rows[0]?.n ?? 0);
    },

    /** When a grant of the managed user last started or ended (null: never). Raw SQL as above. */
    async lastGrantActivity(key: ManagedUserKey): Promise<Date | null> {
      const rows = await db.$queryRaw<Array<{ at: Date | null }>>`
        SELECT max(greatest(e.granted_at, e.revoked_at, e.updated_at)) AS at
          FROM access_request_entitlements e
          JOIN access_requests r ON r.id = e.request_id
         WHERE e.integration_id = ${key.integrationId}::uuid
           AND e.account_id = ${key.accountId}
           AND r.grantee_person_id = ${key.personId}::uuid
           AND e.target->>'kind' = ANY(${IAM_KINDS})`;
      return rows[0]?.at ?? null;
    },

    /** Compare-and-set of credentials_status: true when this call moved it. */
    async moveStatus(id: string, from: CredentialsStatus[], to: CredentialsStatus, client: Client = db) {
      const { count } = await client.managedIamUser.updateMany({
        where: { id, credentialsStatus: { in: from } },
        data: { credentialsStatus: to },
      });
      return count === 1;
    },

    /** The start of an attempt (the lease a crashed process's RESETTING is taken over after). */
    async markAttempt(id: string, now: Date) {
      await db.managedKeyRotation.upsert({
        where: { managedIamUserId: id },
        create: { managedIamUserId: id, lastAttemptAt: now },
        update: { lastAttemptAt: now },
      });
    },

    /** Compare-and-set on the last attempt's time: true when this call took the stale attempt over. */
    async takeOverAttempt(id: string, seen: Date | null, now: Date): Promise<boolean> {
      if (seen === null) {
        const created = await db.managedKeyRotation.createMany({
          data: [{ managedIamUserId: id, lastAttemptAt: now }],
          skipDuplicates: true,
        });
        return created.count === 1;
      }
      const { count } = await db.managedKeyRotation.updateMany({
        where: { managedIamUserId: id, lastAttemptAt: seen },
        data: { lastAttemptAt: now },
      });
      return count === 1;
    },

    /** Step 2 of a rotation: the new key is the user's key from now on; the old one is to retire. */
    async storeNewKey(
      id: string,
      key: { accessKeyId: string; secretEncrypted: string; keyCreatedAt: Date },
      retiringKeyId: string | null,
      now: Date,
    ) {
      await db.$transaction(async (tx) => {
        await tx.managedIamUser.update({ where: { id }, data: key });
        await tx.managedKeyRotation.upsert({
          where: { managedIamUserId: id },
          create: { managedIamUserId: id, retiringKeyId, lastAttemptAt: now },
          update: { retiringKeyId, lastAttemptAt: now },
        });
      });
    },

    /** The rotation is done: the key is AVAILABLE to be shown once; the audit entry in the same transaction. */
    async finishRotation(id: string, now: Date, audit: (tx: Prisma.TransactionClient) => Promise<void>) {
      await db.$transaction(async (tx) => {
        await tx.managedIamUser.update({ where: { id }, data: { credentialsStatus: "AVAILABLE" } });
        await tx.managedKeyRotation.upsert({
          where: { managedIamUserId: id },
          create: { managedIamUserId: id, lastRotatedAt: now, lastAttemptAt: now },
          update: {
            retiringKeyId: null,
            lastRotatedAt: now,
            lastAttemptAt: now,
            lastFailure: null,
            lastFailureFix: null,
          },
        });
        await audit(tx);
      });
    },

    /** The stored new key is gone from IAM: the old key (still active) is the user's key again. */
    async abandonNewKey(id: string, oldKeyId: string, oldKeyCreatedAt: Date | null) {
      await db.$transaction(async (tx) => {
        await tx.managedIamUser.update({
          where: { id },
          data: {
            accessKeyId: oldKeyId,
            secretEncrypted: null,
            credentialsStatus: "VIEWED",
            keyCreatedAt: oldKeyCreatedAt,
          },
        });
        await tx.managedKeyRotation.update({
          where: { managedIamUserId: id },
          data: { retiringKeyId: null },
        });
      });
    },

    async recordFailure(id: string, failure: { reason: string; fix: string }, now: Date) {
      await db.managedKeyRotation.upsert({
        where: { managedIamUserId: id },
        create: {
          managedIamUserId: id,
          lastFailure: failure.reason,
          lastFailureFix: failure.fix,
          lastAttemptAt: now,
        },
        update: { lastFailure: failure.reason, lastFailureFix: failure.fix, lastAttemptAt: now },
      });
    },

    /** Cleanup: the managed user and its rotation state, with the audit entry, in one transaction. */
    async deleteManagedUser(id: string, audit: (tx: Prisma.TransactionClient) => Promise<void>) {
      await db.$transaction(async (tx) => {
        await tx.managedKeyRotation.deleteMany({ where: { managedIamUserId: id } });
        await tx.managedIamUser.deleteMany({ where: { id } });
        await audit(tx);
      });
    },

    /** An access session (a granted entitlement) with who owns it, for reset-credentials. */
    session(id: string) {
      return db.accessRequestEntitlement.findUnique({
        where: { id },
        include: { request: { select: { id: true, granteePersonId: true, requesterUserId: true } } },
      });
    },
  };
}

export type CredentialRotationRepository = ReturnType<typeof credentialRotationRepository>;
export type ManagedUserWithRotation = NonNullable<
  Awaited<ReturnType<CredentialRotationRepository["managedUser"]>>
>;
