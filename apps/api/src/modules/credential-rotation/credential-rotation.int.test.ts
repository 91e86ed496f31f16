import { randomUUID } from "node:crypto";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, silentLogger, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import {
  AwsManagedKeys,
  buildGrantContext,
  type GrantContext,
  type GrantTarget,
} from "../../granting/index.ts";
import { type GrantingHarness, startGrantingHarness } from "../../granting/testing/granting-harness.ts";
import { CONNECTOR_ROLE, EXTERNAL_ID, MGMT, REGION } from "../../granting/testing/granting-scenario.ts";
import { jobHandlers } from "../../jobs/handlers.ts";
import { secretBox } from "../../lib/secret-box.ts";
import {
  type CredentialRotationService,
  credentialRotationService,
  ROTATION_LEASE_MS,
} from "./credential-rotation.service.ts";
import { DAY_MS } from "./rotation-periods.ts";

// Credential rotation on a real PostgreSQL and the AWS sandbox, with time moved through the
// service's injected clock: the period, deferral while a grant is live, a fault between the
// steps within IAM's two keys, reset, rotation before a new grant, and cleanup.

const ROLE = `arn:aws:iam::${MGMT}:role/PortcullisManagementRole`;
const target: GrantTarget = { kind: "iam-role", accountId: MGMT, roleArn: ROLE };
const secrets = secretBox({ secretsKey: "credential-rotation-test-key-0123456789", dataDir: "/nonexistent" });

let t: TestApp;
let callers: Callers;
let h: GrantingHarness;
let service: CredentialRotationService;
let clock: Date;
let integrationId: string;
let ctx: GrantContext;

const later = (days: number, extraMs = 0) => {
  clock = new Date(clock.getTime() + days * DAY_MS + extraMs);
};

beforeAll(async () => {
  h = await startGrantingHarness();
  // The app seals new secrets with the same key as `secrets`, so the test can open them.
  t = await createTestApp(
    { SECRETS_KEY: "credential-rotation-test-key-0123456789" },
    { managedKeys: new AwsManagedKeys(h.runtime) },
  );
  callers = await setUpCallers(t.database.db);
  const connector = await t.database.db.connector.create({
    data: {
      id: `rotation-${randomUUID().slice(0, 8)}`,
      name: "Rotation sandbox",
      region: REGION,
      externalId: EXTERNAL_ID,
      roleArn: CONNECTOR_ROLE,
      status: "CONNECTED",
      awsAccountId: MGMT,
    },
  });
  const integration = await t.database.db.integration.create({
    data: {
      name: "Rotation account",
      type: "aws-account",
      status: "Active",
      connectorId: connector.id,
      connectedResourceTypes: ["aws-account-iam-role"],
      integrationConfig: {
        region: REGION,
        credentials_rotation_period_in_days: "30",
        credentials_cleanup_period_in_days: "60",
      },
    },
    include: { connector: true },
  });
  integrationId = integration.id;
  ctx = buildGrantContext({ ...integration, integrationId, connector: integration.connector });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await t?.close();
});
beforeEach(async () => {
  // Each test sees only its own managed users (the pass goes over all of them).
  await t.database.db.managedKeyRotation.deleteMany();
  await t.database.db.managedIamUser.deleteMany();
  clock = new Date();
  h.sandbox.clearFaults();
  service = credentialRotationService({
    db: t.database.db,
    keys: new AwsManagedKeys(h.runtime),
    secrets,
    now: () => clock,
  });
});

type Key = { accessKeyId: string; secretAccessKey: string };
const works = async (key: Key) => {
  const sts = new STSClient({ endpoint: h.sandbox.url, region: REGION, credentials: key, maxAttempts: 1 });
  try {
    // Any valid, active key may call GetCallerIdentity; a deactivated or deleted one may not.
    await sts.send(new GetCallerIdentityCommand({}));
    return true;
  } catch (error) {
    if (
      ["AccessDenied", "InvalidClientTokenId", "InvalidAccessKeyId", "SignatureDoesNotMatch"].includes(
        (error as Error).name,
      )
    )
      return false;
    throw error;
  }
};

/**
 * What the spine does for a granted IAM role: the request and its entitlement (GRANTED), the
 * grant in AWS, and the managed user's row with the sealed key (here already VIEWED).
 */
async function grantPerson(requesterUserId = callers.userId) {
  const personId = randomUUID();
  const subject = {
    personId,
    email: `${personId.slice(0, 8)}@example.com`,
    userName: `p-${personId.slice(0, 8)}`,
  };
  const outcome = await h.granter.grant(ctx, subject, target);
  if (outcome.status !== "granted" || !outcome.detail.accessKey) throw new Error(JSON.stringify(outcome));
  const key = outcome.detail.accessKey;
  const request = await t.database.db.accessRequest.create({
    data: {
      requesterUserId,
      requesterEmail: subject.email,
      granteePersonId: personId,
      granteeEmail: subject.email,
      flowSnapshot: {},
      status: "GRANTED",
      durationSec: 3600,
      grantedAt: clock,
      entitlements: {
        create: [
          {
            integrationId,
            integrationName: "Rotation account",
            resourceType: "aws-account-iam-role",
            resourceId: randomUUID(),
            resourceExternalId: ROLE,
            resourceName: "PortcullisManagementRole",
            accountId: MGMT,
            permissionId: "assume",
            permissionName: "assume",
            status: "GRANTED",
            targetKey: `iam-role:${ROLE}`,
            target,
            grantedAt: clock,
          },
        ],
      },
    },
    include: { entitlements: true },
  });
  const managed = await t.database.db.managedIamUser.create({
    data: {
      integrationId,
      accountId: MGMT,
      personId,
      userName: outcome.detail.managedUserName!,
      arn: outcome.detail.managedUserArn ?? null,
      accessKeyId: key.accessKeyId,
      keyCreatedAt: clock,
      credentialsStatus: "VIEWED",
    },
  });
  return { subject, key, request, entitlementId: request.entitlements[0]!.id, managed };
}

async function endGrant(requestId: string) {
  await t.database.db.accessRequest.update({
    where: { id: requestId },
    data: { status: "EXPIRED", revokedAt: clock },
  });
  await t.database.db.accessRequestEntitlement.updateMany({
    where: { requestId },
    data: { status: "EXPIRED", revokedAt: clock },
  });
}

const row = (id: string) => t.database.db.managedIamUser.findUniqueOrThrow({ where: { id } });
const rotationRow = (id: string) =>
  t.database.db.managedKeyRotation.findUnique({ where: { managedIamUserId: id } });
const keysInAws = (userName: string) =>
  (h.sandbox.state.iam.user(MGMT, userName)?.keys ?? []).map((k) => `${k.accessKeyId}:${k.status}`);
const auditOf = (id: string) =>
  t.database.db.auditLog
    .findMany({ where: { targetId: id }, orderBy: { id: "asc" } })
    .then((rows) => rows.map((r) => r.action));
const newKeyOf = async (id: string): Promise<Key> => {
  const managed = await row(id);
  return { accessKeyId: managed.accessKeyId!, secretAccessKey: await secrets.open(managed.secretEncrypted!) };
};

describe("rotation period and live grants", () => {
  it("rotates a key past the period at the first pass when no grant is live, never while one is", async () => {
    const { key, request, managed } = await grantPerson();
    later(29);
    expect((await service.runDue()).rotated).not.toContain(managed.id);

    later(2); // 31 days: due, but the grant is live
    const deferred = await service.runDue();
    expect(deferred.deferred).toContain(managed.id);
    expect(deferred.rotated).not.toContain(managed.id);
    expect((await row(managed.id)).accessKeyId).toBe(key.accessKeyId);
    expect(await works(key)).toBe(true);

    await endGrant(request.id);
    const done = await service.runDue();
    expect(done.rotated).toContain(managed.id);
    const after = await row(managed.id);
    expect(after.accessKeyId).not.toBe(key.accessKeyId);
    expect(after.credentialsStatus).toBe("AVAILABLE");
    const fresh = await newKeyOf(managed.id);
    expect(await works(fresh)).toBe(true);
    expect(await works(key)).toBe(false);
    expect(keysInAws(managed.userName)).toEqual([`${fresh.accessKeyId}:Active`]);
    expect((await rotationRow(managed.id))?.lastRotatedAt?.getTime()).toBe(clock.getTime());
    expect(await auditOf(managed.id)).toEqual(["managed_iam_user.key_rotated"]);

    // Not due again until the new key is 30 days old.
    expect((await service.runDue()).rotated).not.toContain(managed.id);
  });

  it("shows key ages, last and next rotation to admins only", async () => {
    const { managed } = await grantPerson();
    later(31);
    const url = `/api/v3/integrations/${integrationId}/credentials`;
    const admin = await call(t.app, callers.admin, { method: "GET", url });
    expect(admin.statusCode).toBe(200);
    const body = admin.json();
    expect(body).toMatchObject({ rotation_period_in_days: 30, cleanup_period_in_days: 60 });
    const item = body.items.find((i: { id: string }) => i.id === managed.id);
    // The API process's clock is the real one: the key is 0 days old there.
    expect(item).toMatchObject({
      user_name: managed.userName,
      access_key_id: managed.accessKeyId,
      key_age_in_days: 0,
      live_grants: 1,
      credentials_status: "VIEWED",
    });
    expect(Date.parse(item.next_rotation_at) - managed.keyCreatedAt!.getTime()).toBe(30 * DAY_MS);
    // Through the service's clock (31 days on): due and deferred.
    const viaClock = (await service.credentialsOf(integrationId)).items.find((i) => i.id === managed.id);
    expect(viaClock).toMatchObject({ key_age_in_days: 31, rotation_deferred: true });

    expect((await call(t.app, callers.user, { method: "GET", url })).statusCode).toBe(403);
    expect(
      (await call(t.app, { name: "anon", headers: {}, userId: null }, { method: "GET", url })).statusCode,
    ).toBe(401);
    const missing = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/v3/integrations/${randomUUID()}/credentials`,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe("faults between the steps (IAM's two keys)", () => {
  it("a failed delete leaves the new key usable; the next pass finishes once the lease is over", async () => {
    const { key, request, managed } = await grantPerson();
    await endGrant(request.id);
    later(31);
    h.sandbox.addFault({
      type: "error",
      service: "iam",
      operation: "DeleteAccessKey",
      code: "AccessDenied",
      status: 403,
      count: 1,
    });
    const failed = await service.runDue();
    expect(failed.failed.map((f) => f.id)).toContain(managed.id);

    const between = await row(managed.id);
    expect(between.credentialsStatus).toBe("RESETTING");
    expect(between.accessKeyId).not.toBe(key.accessKeyId);
    expect(await rotationRow(managed.id)).toMatchObject({
      retiringKeyId: key.accessKeyId,
      lastFailure: expect.stringContaining("AccessDenied"),
      lastFailureFix: expect.stringContaining("iam:DeleteAccessKey"),
    });
    const fresh = await newKeyOf(managed.id);
    expect(keysInAws(managed.userName)).toEqual([
      `${key.accessKeyId}:Inactive`,
      `${fresh.accessKeyId}:Active`,
    ]);
    expect(await works(fresh)).toBe(true);

    // Within the lease nobody takes it over; after it, the pass resumes where it stopped.
    expect((await service.runDue()).rotated).not.toContain(managed.id);
    later(0, ROTATION_LEASE_MS);
    expect((await service.runDue()).rotated).toContain(managed.id);
    expect(keysInAws(managed.userName)).toEqual([`${fresh.accessKeyId}:Active`]);
    expect(await row(managed.id)).toMatchObject({
      credentialsStatus: "AVAILABLE",
      accessKeyId: fresh.accessKeyId,
    });
    expect(await rotationRow(managed.id)).toMatchObject({ retiringKeyId: null, lastFailure: null });
    expect(await auditOf(managed.id)).toEqual([
      "managed_iam_user.key_rotation_failed",
      "managed_iam_user.key_rotated",
    ]);
  });

  it("a new key deleted behind its back (e.g. by a concurrent grant) is abandoned for the old one, then redone", async () => {
    const { key, request, managed } = await grantPerson();
    await endGrant(request.id);
    later(31);
    h.sandbox.addFault({
      type: "error",
      service: "iam",
      operation: "UpdateAccessKey",
      code: "AccessDenied",
      status: 403,
      count: 1,
    });
    await service.runDue();
    const lost = (await row(managed.id)).accessKeyId!;
    const owner = h.sandbox.state.iam.user(MGMT, managed.userName)!;
    h.sandbox.state.iam.removeKey(owner, lost);
    later(0, ROTATION_LEASE_MS);
    const report = await service.runDue();
    expect(report.failed.map((f) => f.reason).join()).toContain("is not in IAM");
    expect(await row(managed.id)).toMatchObject({
      accessKeyId: key.accessKeyId,
      credentialsStatus: "VIEWED",
    });
    expect(await works(key)).toBe(true);
    expect((await service.runDue()).rotated).toContain(managed.id);
    expect(await works(await newKeyOf(managed.id))).toBe(true);
    expect(await works(key)).toBe(false);
  });

  it("a failed CreateAccessKey keeps the old key and status; the next pass rotates", async () => {
    const { key, request, managed } = await grantPerson();
    await endGrant(request.id);
    later(31);
    h.sandbox.addFault({
      type: "error",
      service: "iam",
      operation: "CreateAccessKey",
      code: "AccessDenied",
      status: 403,
      count: 1,
    });
    expect((await service.runDue()).failed.map((f) => f.id)).toContain(managed.id);
    expect(await row(managed.id)).toMatchObject({
      credentialsStatus: "VIEWED",
      accessKeyId: key.accessKeyId,
    });
    expect(await works(key)).toBe(true);
    expect((await service.runDue()).rotated).toContain(managed.id);
    expect(await works(await newKeyOf(managed.id))).toBe(true);
  });
});

describe("reset credentials", () => {
  it("rotates the caller's own session key on demand, even while granted; VIEWED → RESETTING → AVAILABLE", async () => {
    const { key, entitlementId, managed } = await grantPerson();
    expect(
      await service.resetCredentials(callers.userId, entitlementId, { actor: null, requestId: "r1" }),
    ).toEqual({
      message: expect.stringContaining("access details"),
    });
    const after = await row(managed.id);
    expect(after.credentialsStatus).toBe("AVAILABLE");
    expect(await works(await newKeyOf(managed.id))).toBe(true);
    expect(await works(key)).toBe(false);
    expect(await auditOf(managed.id)).toEqual(["managed_iam_user.key_rotated"]);
  });

  it("is POST /api/user/v1/access-sessions/{id}/reset-credentials for the session's own requester", async () => {
    const { key, entitlementId, managed } = await grantPerson();
    const url = `/api/user/v1/access-sessions/${entitlementId}/reset-credentials`;
    const sessions = await call(t.app, callers.user, { method: "GET", url: "/api/user/v1/access-sessions" });
    expect(sessions.json().items.find((s: { id: string }) => s.id === entitlementId)).toMatchObject({
      can_reset_credentials: true,
    });
    expect((await call(t.app, callers.admin, { method: "POST", url })).statusCode).toBe(404);
    expect(
      (await call(t.app, { name: "anon", headers: {}, userId: null }, { method: "POST", url })).statusCode,
    ).toBe(401);
    const reset = await call(t.app, callers.user, { method: "POST", url });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().message).toContain("access details");
    expect((await row(managed.id)).credentialsStatus).toBe("AVAILABLE");
    expect(await works(await newKeyOf(managed.id))).toBe(true);
    expect(await works(key)).toBe(false);
  });

  it("refuses another person's session, sessions without keys, and a reset already running", async () => {
    const { entitlementId, managed } = await grantPerson();
    await expect(
      service.resetCredentials(callers.adminId, entitlementId, { actor: null, requestId: "r" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      service.resetCredentials(callers.userId, "not-a-uuid", { actor: null, requestId: "r" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await t.database.db.managedIamUser.update({
      where: { id: managed.id },
      data: { credentialsStatus: "RESETTING" },
    });
    await t.database.db.managedKeyRotation.upsert({
      where: { managedIamUserId: managed.id },
      create: { managedIamUserId: managed.id, lastAttemptAt: clock },
      update: { lastAttemptAt: clock },
    });
    await expect(
      service.resetCredentials(callers.userId, entitlementId, { actor: null, requestId: "r" }),
    ).rejects.toMatchObject({
      code: "CREDENTIALS_RESET_IN_PROGRESS",
    });

    const sso = await grantPerson();
    await t.database.db.accessRequestEntitlement.update({
      where: { id: sso.entitlementId },
      data: { target: { kind: "sso-account-assignment", accountId: MGMT } },
    });
    await expect(
      service.resetCredentials(callers.userId, sso.entitlementId, { actor: null, requestId: "r" }),
    ).rejects.toMatchObject({
      code: "CREDENTIALS_NOT_RESETTABLE",
      statusCode: 409,
    });
  });
});

describe("asking again while rotation is due", () => {
  it("rotates before the new grant when no other grant is live, so the person gets the new key", async () => {
    const first = await grantPerson();
    await endGrant(first.request.id);
    later(31);
    // The new request's entitlement is the one being granted: it does not count as live.
    const key = { integrationId, accountId: MGMT, personId: first.subject.personId };
    const again = await t.database.db.accessRequestEntitlement.create({
      data: {
        requestId: first.request.id,
        integrationId,
        integrationName: "Rotation account",
        resourceType: "aws-account-iam-role",
        resourceId: randomUUID(),
        resourceExternalId: ROLE,
        resourceName: "PortcullisManagementRole",
        accountId: MGMT,
        permissionId: "assume",
        permissionName: "assume",
        status: "GRANTING",
        target,
      },
    });
    expect(await service.rotateBeforeGrant(key, again.id)).toBe("rotated");
    expect(await row(first.managed.id)).toMatchObject({ credentialsStatus: "AVAILABLE" });
    expect(await works(first.key)).toBe(false);
    expect(await works(await newKeyOf(first.managed.id))).toBe(true);
    // Not due any more.
    expect(await service.rotateBeforeGrant(key, again.id)).toBe("not-due");
  });

  it("does not rotate under another live grant", async () => {
    const first = await grantPerson();
    later(31);
    const key = { integrationId, accountId: MGMT, personId: first.subject.personId };
    expect(await service.rotateBeforeGrant(key, randomUUID())).toBe("not-due");
    expect(await works(first.key)).toBe(true);
  });
});

describe("asking again through the grant job", () => {
  it("the access.grant job rotates the due key first: the new grant comes with the new key, the old one is retired", async () => {
    const first = await grantPerson();
    await endGrant(first.request.id);
    later(31);
    // The grant job grants to a person of the directory: the one the first grant went to.
    const source = await t.database.db.identitySource.create({
      data: {
        name: `Rotation people ${first.subject.personId.slice(0, 8)}`,
        type: "built_in",
        status: "active",
      },
    });
    await t.database.db.identityPerson.create({
      data: {
        id: first.subject.personId,
        sourceId: source.id,
        userName: first.subject.userName,
        email: first.subject.email,
      },
    });
    const again = await t.database.db.accessRequest.create({
      data: {
        requesterUserId: callers.userId,
        requesterEmail: first.subject.email,
        granteePersonId: first.subject.personId,
        granteeEmail: first.subject.email,
        flowSnapshot: {},
        status: "APPROVED",
        durationSec: 3600,
        entitlements: {
          create: [
            {
              integrationId,
              integrationName: "Rotation account",
              resourceType: "aws-account-iam-role",
              resourceId: randomUUID(),
              resourceExternalId: ROLE,
              resourceName: "PortcullisManagementRole",
              accountId: MGMT,
              permissionId: "assume",
              permissionName: "assume",
              status: "PENDING",
              targetKey: `iam-role:${ROLE}`,
              target,
            },
          ],
        },
      },
    });
    const handlers = jobHandlers({
      db: t.database.db,
      queue: t.queue,
      logger: silentLogger,
      config: { ...t.config, SECRETS_KEY: "credential-rotation-test-key-0123456789" },
      discovery: { ...h.runtime, config: h.aws.config, reset: () => {}, close: () => {} } as never,
      managedKeys: new AwsManagedKeys(h.runtime),
      granter: h.granter,
      now: () => clock,
    });
    await handlers["access.grant"]!({ requestId: again.id }, {
      id: "grant-again",
      retryCount: 0,
      retryLimit: 3,
      lastAttempt: false,
      signal: new AbortController().signal,
    } as never);

    const granted = await t.database.db.accessRequest.findUniqueOrThrow({ where: { id: again.id } });
    expect(granted.status).toBe("GRANTED");
    const after = await row(first.managed.id);
    expect(after).toMatchObject({ credentialsStatus: "AVAILABLE" });
    expect(after.accessKeyId).not.toBe(first.key.accessKeyId);
    expect(await works(await newKeyOf(first.managed.id))).toBe(true);
    expect(await works(first.key)).toBe(false);
    expect(keysInAws(first.managed.userName)).toEqual([`${after.accessKeyId}:Active`]);
    const rotated = await t.database.db.auditLog.findFirstOrThrow({
      where: { targetId: first.managed.id, action: "managed_iam_user.key_rotated" },
    });
    expect(rotated.after).toMatchObject({ trigger: "request-again", access_key_id: after.accessKeyId });
  });
});

describe("cleanup", () => {
  it("deletes managed users with no grant for the cleanup period, with their keys, and audits it", async () => {
    const idle = await grantPerson();
    await endGrant(idle.request.id);
    const recent = await grantPerson();
    later(59);
    await endGrant(recent.request.id);
    later(2); // idle: 61 days since its grant ended; recent: 2 days
    const report = await service.runDue();
    expect(report.deleted).toContain(idle.managed.id);
    expect(report.deleted).not.toContain(recent.managed.id);
    expect(h.sandbox.state.iam.user(MGMT, idle.managed.userName)).toBeUndefined();
    expect(await works(idle.key)).toBe(false);
    expect(await t.database.db.managedIamUser.findUnique({ where: { id: idle.managed.id } })).toBeNull();
    expect(await auditOf(idle.managed.id)).toEqual(["managed_iam_user.deleted"]);
    expect(h.sandbox.state.iam.user(MGMT, recent.managed.userName)).toBeDefined();
  });

  it("never deletes a user whose grant is live, however old", async () => {
    const live = await grantPerson();
    later(400);
    const report = await service.runDue();
    expect(report.deleted).not.toContain(live.managed.id);
    expect(h.sandbox.state.iam.user(MGMT, live.managed.userName)).toBeDefined();
  });
});

describe("the credentials.rotate job", () => {
  it("runs the pass with the injected clock and keys (queued by the maintenance tick)", async () => {
    const { key, request, managed } = await grantPerson();
    await endGrant(request.id);
    later(31);
    const handlers = jobHandlers({
      db: t.database.db,
      queue: t.queue,
      logger: silentLogger,
      config: { ...t.config, SECRETS_KEY: "credential-rotation-test-key-0123456789" },
      discovery: { ...h.runtime, config: h.aws.config, reset: () => {}, close: () => {} } as never,
      managedKeys: new AwsManagedKeys(h.runtime),
      now: () => clock,
    });
    await handlers["credentials.rotate"]!({}, { id: "job-1" } as never);
    const after = await row(managed.id);
    expect(after.accessKeyId).not.toBe(key.accessKeyId);
    expect(await works(await newKeyOf(managed.id))).toBe(true);
    expect(await works(key)).toBe(false);
  });
});
