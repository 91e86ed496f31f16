import type { Db } from "../../db/prisma.ts";
import type { AccessStatus, CredentialsStatus, Prisma } from "../../generated/prisma/client.ts";

type Client = Db | Prisma.TransactionClient;

const FULL = {
  entitlements: { orderBy: { resourceName: "asc" } },
  approvals: { orderBy: { at: "asc" } },
  accessFlow: { select: { name: true } },
} satisfies Prisma.AccessRequestInclude;

export type FullRequest = Prisma.AccessRequestGetPayload<{ include: typeof FULL }>;
export type EntitlementRow = FullRequest["entitlements"][number];

/** A live directory person (active, not deleted). */
export type LivePerson = { id: string; email: string | null; userName: string; userNameKey: string | null };

const LIVE = { active: true, deletedAt: null } as const;
const PERSON = { id: true, email: true, userName: true, userNameKey: true } as const;

/** access_requests, their entitlements and approvals, managed IAM users; and the reads they need. */
export function accessRequestRepository(db: Db) {
  return {
    appUser(id: string, client: Client = db) {
      return client.appUser.findUnique({
        where: { id },
        select: { id: true, email: true, role: true, personId: true },
      });
    },
    /**
     * The live people an account is: its linked person (when live), else the live people with its
     * email. Inactive or deleted people are nobody: a deactivated approver no longer counts.
     */
    async livePeopleOf(
      user: { email: string; personId: string | null },
      client: Client = db,
    ): Promise<LivePerson[]> {
      if (user.personId) {
        const person = await client.identityPerson.findFirst({
          where: { id: user.personId, ...LIVE },
          select: PERSON,
        });
        return person ? [person] : [];
      }
      return client.identityPerson.findMany({
        where: { email: user.email.toLowerCase(), ...LIVE },
        select: PERSON,
        orderBy: { createdAt: "asc" },
      });
    },
    activeFlowsFor(integrationIds: string[]) {
      return db.accessFlow.findMany({
        where: { active: true, integrationIds: { hasSome: integrationIds } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
    },
    activeFlows() {
      return db.accessFlow.findMany({
        where: { active: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
    },
    flow(id: string) {
      return db.accessFlow.findUnique({ where: { id } });
    },
    resourcesByIds(ids: string[]) {
      return db.resource.findMany({ where: { id: { in: ids } } });
    },
    integrations(ids: string[]) {
      return db.integration.findMany({
        where: { id: { in: ids } },
        include: { connector: true },
      });
    },
    permissionSet(integrationId: string, name: string) {
      return db.resource.findFirst({
        where: { integrationId, type: "aws-organization-permission-set", name },
        select: { externalId: true, name: true, metadata: true },
      });
    },
    permissionSetNames(integrationId: string) {
      return db.resource
        .findMany({
          where: { integrationId, type: "aws-organization-permission-set" },
          select: { name: true },
          orderBy: { name: "asc" },
        })
        .then((rows) => rows.map((row) => row.name));
    },
    /** Resources of a type, by name (search: name contains, any case), for the request picker. */
    resourcesOfType(integrationId: string, type: string, search: string | undefined, take: number) {
      return db.resource.findMany({
        where: {
          integrationId,
          type,
          ...(search ? { name: { contains: search, mode: "insensitive" as const } } : {}),
        },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take,
      });
    },
    sources() {
      return db.identitySource.findMany({ select: { id: true, name: true, type: true } });
    },
    person(id: string) {
      return db.identityPerson.findUnique({
        where: { id },
        select: { ...PERSON, active: true, deletedAt: true },
      });
    },

    createRequest(tx: Client, data: Prisma.AccessRequestUncheckedCreateInput) {
      return tx.accessRequest.create({ data, include: FULL });
    },
    find(id: string, client: Client = db) {
      return client.accessRequest.findUnique({ where: { id }, include: FULL });
    },
    /** Locks the request's row for the rest of the transaction: decisions on one request take turns. */
    async lock(tx: Prisma.TransactionClient, id: string): Promise<void> {
      await tx.$queryRaw`SELECT id FROM access_requests WHERE id = ${id}::uuid FOR UPDATE`;
    },
    /** Compare-and-set: moves the request only from one of `from`; true when it moved. */
    async moveRequest(
      client: Client,
      id: string,
      from: AccessStatus[],
      data: Prisma.AccessRequestUncheckedUpdateManyInput & { status: AccessStatus },
    ): Promise<boolean> {
      const { count } = await client.accessRequest.updateMany({ where: { id, status: { in: from } }, data });
      return count === 1;
    },
    async moveEntitlement(
      client: Client,
      id: string,
      from: AccessStatus[],
      data: Prisma.AccessRequestEntitlementUncheckedUpdateManyInput & { status: AccessStatus },
    ): Promise<boolean> {
      const { count } = await client.accessRequestEntitlement.updateMany({
        where: { id, status: { in: from } },
        data,
      });
      return count === 1;
    },
    moveEntitlementsOf(client: Client, requestId: string, from: AccessStatus[], status: AccessStatus) {
      return client.accessRequestEntitlement.updateMany({
        where: { requestId, status: { in: from } },
        data: { status },
      });
    },
    addApproval(tx: Client, data: Prisma.AccessApprovalUncheckedCreateInput) {
      return tx.accessApproval.create({ data });
    },
    /**
     * Serialises everything about one (grantee, target) pair for the rest of the transaction, so
     * two revokes of overlapping grants cannot each leave the access to the other.
     */
    async lockTarget(tx: Prisma.TransactionClient, key: string): Promise<void> {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 18))::text AS locked`;
    },
    /** Other grants that still hold the same access for the same person. */
    async otherLiveHolders(
      client: Client,
      entitlementId: string,
      targetKey: string,
      granteePersonId: string,
    ): Promise<number> {
      return client.accessRequestEntitlement.count({
        where: {
          id: { not: entitlementId },
          targetKey,
          status: { in: ["GRANTING", "GRANTED"] },
          request: { granteePersonId },
        },
      });
    },

    /**
     * Whether anything Portcullis holds or held for the person suggests AWS may already have the
     * target: another grant live or being revoked, or one that failed after it was granted (its
     * revoke may have been lost). When nothing does, a first grant attempt need not look first.
     */
    async mayAlreadyBeInAws(
      client: Client,
      entitlementId: string,
      targetKey: string,
      granteePersonId: string,
    ): Promise<boolean> {
      const count = await client.accessRequestEntitlement.count({
        where: {
          id: { not: entitlementId },
          targetKey,
          request: { granteePersonId },
          OR: [
            { status: { in: ["GRANTING", "GRANTED", "REVOKING"] } },
            { status: "FAILED", grantedAt: { not: null } },
          ],
        },
      });
      return count > 0;
    },

    list(filter: {
      requesterUserId?: string;
      ids?: string[];
      statuses?: AccessStatus[];
      since?: Date;
      after?: { createdAt: Date; id: string };
      take: number;
      skip?: number;
    }) {
      const where: Prisma.AccessRequestWhereInput = {
        ...(filter.requesterUserId ? { requesterUserId: filter.requesterUserId } : {}),
        ...(filter.ids ? { id: { in: filter.ids } } : {}),
        ...(filter.statuses?.length ? { status: { in: filter.statuses } } : {}),
        ...(filter.since ? { createdAt: { gte: filter.since } } : {}),
        ...(filter.after
          ? {
              OR: [
                { createdAt: { lt: filter.after.createdAt } },
                { createdAt: filter.after.createdAt, id: { lt: filter.after.id } },
              ],
            }
          : {}),
      };
      return db.accessRequest.findMany({
        where,
        include: FULL,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: filter.take,
        skip: filter.skip,
      });
    },
    count(filter: { requesterUserId?: string; since?: Date }) {
      return db.accessRequest.count({
        where: {
          ...(filter.requesterUserId ? { requesterUserId: filter.requesterUserId } : {}),
          ...(filter.since ? { createdAt: { gte: filter.since } } : {}),
        },
      });
    },
    /** Pending requests, newest first (the approvals inbox filters them by who may decide). */
    pendingOrDecidedBy(userId: string, statuses: AccessStatus[] | undefined, take: number) {
      return db.accessRequest.findMany({
        where: {
          OR: [
            { status: { in: statuses?.length ? statuses : ["PENDING"] } },
            { approvals: { some: { approverUserId: userId } } },
          ],
        },
        include: FULL,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
      });
    },
    /** Granted requests whose time is up (the sweeper ends them). */
    expiredGranted(now: Date, take: number) {
      return db.accessRequest.findMany({
        where: { status: "GRANTED", expiresAt: { lte: now } },
        select: { id: true, expiresAt: true },
        orderBy: { expiresAt: "asc" },
        take,
      });
    },
    /** Requests stuck in REVOKING (their revoke job lost): the sweeper queues them again. */
    stuckRevoking(before: Date, take: number) {
      return db.accessRequest.findMany({
        where: { status: "REVOKING", updatedAt: { lte: before } },
        select: { id: true },
        take,
      });
    },

    /** Granted entitlements least recently compared with AWS (the reconciler's batch). */
    grantedToReconcile(take: number) {
      return db.accessRequestEntitlement.findMany({
        where: { status: "GRANTED" },
        orderBy: [{ reconciledAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
        select: { id: true, requestId: true },
        take,
      });
    },
    markReconciled(id: string) {
      return db.accessRequestEntitlement.updateMany({ where: { id }, data: { reconciledAt: new Date() } });
    },
    /** Live grants of a person (their access sessions). */
    liveEntitlementsOf(requesterUserId: string) {
      return db.accessRequestEntitlement.findMany({
        where: { status: "GRANTED", request: { requesterUserId } },
        include: { request: { select: { id: true, expiresAt: true, granteePersonId: true } } },
        orderBy: [{ grantedAt: "desc" }, { id: "asc" }],
      });
    },
    entitlement(id: string) {
      return db.accessRequestEntitlement.findUnique({
        where: { id },
        include: {
          request: { select: { id: true, expiresAt: true, granteePersonId: true, requesterUserId: true } },
        },
      });
    },
    integrationForDetails(id: string) {
      return db.integration.findUnique({
        where: { id },
        select: { id: true, name: true, type: true, integrationConfig: true, customAccessDetails: true },
      });
    },

    /** The accounts where Portcullis keeps managed IAM users (one integration that reaches each). */
    managedAccounts() {
      return db.managedIamUser.findMany({
        distinct: ["accountId"],
        select: { integrationId: true, accountId: true },
        orderBy: [{ accountId: "asc" }, { createdAt: "asc" }],
      });
    },
    /**
     * The IAM targets in `accountId` that grants hold now or are about to (through any
     * integration): granting, granted, being revoked, or approved and not yet started.
     */
    liveIamHolds(accountId: string) {
      return db.accessRequestEntitlement.findMany({
        where: {
          target: { path: ["accountId"], equals: accountId },
          OR: [
            { status: { in: ["GRANTING", "GRANTED", "REVOKING"] } },
            { status: "PENDING", request: { status: { in: ["APPROVED", "GRANTING"] } } },
          ],
        },
        select: { target: true, request: { select: { granteePersonId: true } } },
      });
    },
    /**
     * Identity Center assignments Portcullis made whose grants have all ended: entitlements of
     * kind sso-account-assignment that were GRANTED and are now EXPIRED, REVOKED or FAILED, not
     * compared with AWS since they ended, for a person and target no entitlement holds or is
     * about to (granting, granted, being revoked, or approved and not yet started). Oldest first.
     */
    endedAssignmentsToCheck(take: number) {
      return db.$queryRaw<
        Array<{ id: string; requestId: string; targetKey: string; granteePersonId: string }>
      >`
        SELECT e.id, e.request_id AS "requestId", e.target_key AS "targetKey",
               r.grantee_person_id AS "granteePersonId"
        FROM access_request_entitlements e
        JOIN access_requests r ON r.id = e.request_id
        WHERE e.target->>'kind' = 'sso-account-assignment'
          AND e.status IN ('EXPIRED', 'REVOKED', 'FAILED')
          AND e.granted_at IS NOT NULL
          AND e.target_key IS NOT NULL
          AND r.grantee_person_id IS NOT NULL
          AND (e.reconciled_at IS NULL OR e.reconciled_at < COALESCE(e.revoked_at, e.updated_at))
          AND NOT EXISTS (
            SELECT 1 FROM access_request_entitlements o
            JOIN access_requests orq ON orq.id = o.request_id
            WHERE o.target_key = e.target_key
              AND orq.grantee_person_id = r.grantee_person_id
              AND (o.status IN ('GRANTING', 'GRANTED', 'REVOKING')
                   OR (o.status IN ('PENDING', 'APPROVED') AND orq.status IN ('APPROVED', 'GRANTING')))
          )
        ORDER BY COALESCE(e.revoked_at, e.updated_at), e.id
        LIMIT ${take}`;
    },
    /** Entitlements of the person that hold the target now or are about to (see endedAssignmentsToCheck). */
    liveHolds(client: Client, targetKey: string, granteePersonId: string): Promise<number> {
      return client.accessRequestEntitlement.count({
        where: {
          targetKey,
          request: { granteePersonId },
          OR: [
            { status: { in: ["GRANTING", "GRANTED", "REVOKING"] } },
            {
              status: { in: ["PENDING", "APPROVED"] },
              request: { granteePersonId, status: { in: ["APPROVED", "GRANTING"] } },
            },
          ],
        },
      });
    },
    /**
     * Ended entitlements compared with AWS after they ended. Raw SQL: Prisma's @updatedAt would
     * move updated_at too, and the "since they ended" test reads it.
     */
    async markEndedChecked(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.$executeRaw`
        UPDATE access_request_entitlements SET reconciled_at = clock_timestamp()
        WHERE id = ANY(${ids}::uuid[])`;
    },
    managedUser(integrationId: string, accountId: string, personId: string) {
      return db.managedIamUser.findUnique({
        where: { integrationId_accountId_personId: { integrationId, accountId, personId } },
      });
    },
    upsertManagedUser(
      client: Client,
      key: { integrationId: string; accountId: string; personId: string },
      data: {
        userName: string;
        arn: string | null;
        accessKeyId?: string;
        secretEncrypted?: string;
        keyCreatedAt?: Date;
        credentialsStatus?: CredentialsStatus;
      },
    ) {
      return client.managedIamUser.upsert({
        where: { integrationId_accountId_personId: key },
        create: { ...key, ...data },
        update: data,
      });
    },
    /** AVAILABLE → VIEWED, clearing the kept secret; true when this call did it (shown once). */
    async markCredentialsViewed(id: string): Promise<boolean> {
      const { count } = await db.managedIamUser.updateMany({
        where: { id, credentialsStatus: "AVAILABLE" },
        data: { credentialsStatus: "VIEWED", secretEncrypted: null },
      });
      return count === 1;
    },
  };
}

export type AccessRequestRepository = ReturnType<typeof accessRequestRepository>;
