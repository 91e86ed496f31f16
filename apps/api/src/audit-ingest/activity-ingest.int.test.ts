// The CloudTrail audit ingest against the AWS sandbox (real SDK, real LookupEvents paging,
// delivery delay and 2 requests/s quota) and a real PostgreSQL. Granted entitlements are
// inserted as the access spine stores them (its grant path is not in this branch); the grants
// themselves are real, made in the sandbox by granting/'s AwsAccessGranter, and the calls are
// made with the credentials they handed out. Time moves by an offset on an injected clock.

import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { createDiscoveryRuntime, type DiscoveryRuntime } from "../discovery/runtime.ts";
import {
  type GrantingHarness,
  grantingConfig,
  organizationContext,
  person,
  startGrantingHarness,
} from "../granting/testing/granting-harness.ts";
import {
  BASE_KEY,
  CONNECTOR_ROLE,
  EXTERNAL_ID,
  grantingScenario,
  IDENTITY_STORE,
  INSTANCE_ARN,
  MANAGEMENT_ROLE,
  MEMBER_A,
  MEMBER_B,
  permissionSetArn,
  REGION,
} from "../granting/testing/granting-scenario.ts";
import type { GrantDetail, GrantTarget } from "../granting/types.ts";
import { activityStore } from "./activity-store.ts";
import { runActivityIngest } from "./ingest-runner.ts";
import {
  type AuditIntegration,
  endGrant,
  seedGrant,
  seedIntegration,
  seedPerson,
} from "./testing/audit-fixtures.ts";

const DELAY_MS = 5000;
let offset = 0;
const clock = () => Date.now() + offset;
const advance = (ms: number) => {
  offset += ms;
};

let h: GrantingHarness;
let database: TestDatabase;
let runtime: DiscoveryRuntime;

beforeEach(async () => {
  offset = 0;
  const scenario = grantingScenario();
  // Member account B's member role may not read CloudTrail.
  scenario.accounts[MEMBER_B]!.roles![0] = {
    name: "OrganizationAccountAccessRole",
    denyActions: ["cloudtrail:LookupEvents"],
  };
  h = await startGrantingHarness({ sandbox: { scenario, clock, cloudTrailDelayMs: DELAY_MS } });
  database = await createTestDatabase();
  runtime = createDiscoveryRuntime(grantingConfig(), { baseCredentials: async () => BASE_KEY });
});
afterEach(async () => {
  runtime.close();
  await h.close();
  await database.drop();
});

const ingest = () =>
  runActivityIngest({
    store: activityStore(database.db),
    runtime,
    logger: pino({ level: "silent" }),
    now: () => new Date(clock()),
    deliveryDelayMs: DELAY_MS,
    extraRegions: [],
  });

const integration = (name: string, audit = true) =>
  seedIntegration(database.db, {
    name,
    audit,
    connectorRoleArn: CONNECTOR_ROLE,
    externalId: EXTERNAL_ID,
    managementRoleArn: MANAGEMENT_ROLE,
    region: REGION,
  });

const ssoTarget = (accountId: string, ps = 0): GrantTarget => ({
  kind: "sso-account-assignment",
  accountId,
  permissionSetArn: permissionSetArn(ps),
  permissionSetName: `PermissionSet${ps}`,
  instanceArn: INSTANCE_ARN,
  identityStoreId: IDENTITY_STORE,
});
const roleTarget = (name: string, accountId = MEMBER_A): GrantTarget => ({
  kind: "iam-role",
  accountId,
  roleArn: `arn:aws:iam::${accountId}:role/${name}`,
});

/** Grants in the sandbox for real, then records the grant in the database as the spine would. */
async function grant(target: GrantTarget, i: number, on: AuditIntegration, name: string) {
  const subject = person(i);
  const outcome = await h.granter.grant(organizationContext(), subject, target);
  if (outcome.status !== "granted") throw new Error(`grant failed: ${JSON.stringify(outcome)}`);
  const personId = await seedPerson(database.db, subject.userName);
  const row = await seedGrant(database.db, {
    integration: on,
    integrationName: name,
    personId,
    email: subject.email,
    target,
    detail: outcome.detail as GrantDetail,
    grantedAt: new Date(clock()),
  });
  return { ...row, personId, detail: outcome.detail };
}

const client = <T>(Client: new (config: object) => T, credentials: object) =>
  new Client({ endpoint: h.sandbox.url, region: REGION, credentials, maxAttempts: 1, forcePathStyle: true });

const events = (where: object = {}) =>
  database.db.activityEvent.findMany({ where, orderBy: [{ eventTime: "asc" }, { eventName: "asc" }] });

describe("CloudTrail audit ingest", () => {
  it("stores an Identity Center session's and a managed IAM user's calls, late ones on the re-read after the grant ended", async () => {
    const on = await integration("Audit org");
    const sso = await grant(ssoTarget(MEMBER_A), 0, on, "Audit org");
    const iam = await grant(roleTarget("app-readers"), 1, on, "Audit org");

    const portal = h.sandbox.signInWithSso({
      userName: person(0).userName,
      accountId: MEMBER_A,
      permissionSetName: "PermissionSet0",
    });
    await client(STSClient, portal).send(new GetCallerIdentityCommand({}));
    await client(S3Client, portal).send(new ListBucketsCommand({}));
    const key = iam.detail.accessKey!;
    const sts = client(STSClient, key);
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER_A}:role/app-readers`, RoleSessionName: "s1" }),
    );
    await expect(
      sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER_A}:role/app-admins`, RoleSessionName: "s1" }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    // Someone else's calls in the same account are not the grant's activity.
    const other = await h.granter.grant(organizationContext(), person(2), roleTarget("app-readers"));
    if (other.status !== "granted") throw new Error("grant failed");
    await client(STSClient, other.detail.accessKey!).send(new GetCallerIdentityCommand({}));

    // The grants end at once; CloudTrail has delivered nothing yet.
    advance(1000);
    await endGrant(database.db, sso, new Date(clock()));
    await endGrant(database.db, iam, new Date(clock()));
    expect(await ingest()).toMatchObject({ entitlements: 2, stored: 0, done: 0, failed: 0 });
    expect(await events()).toEqual([]);

    // After the delivery delay the re-read finds them, and the ingest of the Identity Center grant
    // is done; the IAM grant's role session (s1) works until it expires, so that one waits for it.
    advance(DELAY_MS);
    expect(await ingest()).toMatchObject({ entitlements: 2, stored: 5, done: 1, failed: 0 });
    advance(3600_000 + DELAY_MS);
    // Portcullis's own role sessions are cached on the real clock: an hour later they are renewed.
    runtime.reset();
    expect(await ingest()).toMatchObject({ entitlements: 1, stored: 0, done: 1, failed: 0 });
    const stored = await events();
    expect(
      stored
        .filter((e) => e.entitlementId === sso.entitlementId)
        .map((e) => e.eventName)
        .sort(),
    ).toEqual(["GetCallerIdentity", "ListBuckets"]);
    const listBuckets = stored.find((e) => e.eventName === "ListBuckets")!;
    expect(listBuckets).toMatchObject({
      eventSource: "s3.amazonaws.com",
      readOnly: true,
      principal: person(0).userName,
      accountId: MEMBER_A,
      region: REGION,
      requestId: sso.requestId,
      personId: sso.personId,
      integrationId: on.integrationId,
      sourceIp: "127.0.0.1",
      errorCode: null,
    });
    expect(listBuckets.userAgent).toContain("aws-sdk-js");
    const iamEvents = stored.filter((e) => e.entitlementId === iam.entitlementId);
    expect(iamEvents.map((e) => e.eventName).sort()).toEqual([
      "AssumeRole",
      "AssumeRole",
      "GetCallerIdentity",
    ]);
    expect(new Set(iamEvents.map((e) => e.accessKeyId))).toEqual(new Set([key.accessKeyId]));
    const denied = iamEvents.find((e) => e.errorCode !== null)!;
    expect(denied).toMatchObject({ eventName: "AssumeRole", errorCode: "AccessDenied", readOnly: false });
    expect(denied.resources).toEqual([`arn:aws:iam::${MEMBER_A}:role/app-admins`]);

    // Done: later passes read nothing for them.
    h.sandbox.resetCalls();
    expect(await ingest()).toMatchObject({ entitlements: 0 });
    expect(h.sandbox.callCount({ service: "cloudtrail" })).toBe(0);

    // A re-read of the whole window (cursors lost) stores nothing twice.
    await database.db.activityIngestCursor.deleteMany({});
    expect(await ingest()).toMatchObject({ entitlements: 2, stored: 0, done: 2 });
    expect(await events()).toHaveLength(5);
  });

  it("attributes what a granted role's session did (found by the temporary key its AssumeRole issued) to the request", async () => {
    const on = await integration("Audit assumed");
    const iam = await grant(roleTarget("app-readers"), 1, on, "Audit assumed");
    const roleArn = `arn:aws:iam::${MEMBER_A}:role/app-readers`;
    const assumed = await client(STSClient, iam.detail.accessKey!).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "work" }),
    );
    const session = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
    await client(S3Client, session).send(new ListBucketsCommand({}));
    // Role chaining: the session assumes another role; that session's calls are the grant's too.
    const hop = await client(STSClient, session).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER_A}:role/app-admins`, RoleSessionName: "hop" }),
    );
    const hopKey = hop.Credentials!.AccessKeyId!;
    await client(STSClient, {
      accessKeyId: hopKey,
      secretAccessKey: hop.Credentials!.SecretAccessKey!,
      sessionToken: hop.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    // Someone else's session of the same role, under the same session name: another key.
    const other = await h.granter.grant(organizationContext(), person(2), roleTarget("app-readers"));
    if (other.status !== "granted") throw new Error("grant failed");
    const otherSession = await client(STSClient, other.detail.accessKey!).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "work" }),
    );
    const otherSts = client(STSClient, {
      accessKeyId: otherSession.Credentials!.AccessKeyId!,
      secretAccessKey: otherSession.Credentials!.SecretAccessKey!,
      sessionToken: otherSession.Credentials!.SessionToken!,
    });
    await otherSts.send(new GetCallerIdentityCommand({}));

    advance(DELAY_MS + 1000);
    expect(await ingest()).toMatchObject({ entitlements: 1, stored: 4, failed: 0 });
    const stored = await events();
    const byKey = (rows: typeof stored) => rows.map((e) => `${e.eventName} ${e.accessKeyId}`).sort();
    expect(byKey(stored)).toEqual(
      [
        `AssumeRole ${iam.detail.accessKey!.accessKeyId}`,
        `ListBuckets ${session.accessKeyId}`,
        `AssumeRole ${session.accessKeyId}`,
        `GetCallerIdentity ${hopKey}`,
      ].sort(),
    );
    for (const event of stored)
      expect(event).toMatchObject({
        requestId: iam.requestId,
        entitlementId: iam.entitlementId,
        personId: iam.personId,
        integrationId: on.integrationId,
        accountId: MEMBER_A,
      });
    expect(stored.find((e) => e.eventName === "ListBuckets")).toMatchObject({
      eventSource: "s3.amazonaws.com",
      principal: "work",
      readOnly: true,
    });

    // The session lives on after the pass that saw its AssumeRole: a later call is still the grant's.
    await client(STSClient, session).send(new GetCallerIdentityCommand({}));
    await otherSts.send(new GetCallerIdentityCommand({}));
    advance(DELAY_MS + 1000);
    expect(await ingest()).toMatchObject({ stored: 1, failed: 0 });
    const later = await events({ eventName: "GetCallerIdentity", accessKeyId: session.accessKeyId });
    expect(later.map((e) => e.requestId)).toEqual([iam.requestId]);

    // A re-read of the whole window (cursors lost) stores nothing twice.
    await database.db.activityIngestCursor.deleteMany({});
    expect(await ingest()).toMatchObject({ stored: 0, failed: 0 });
    expect(await events()).toHaveLength(5);
    expect(await database.db.activityAssumedSession.findMany({ where: { accessKeyId: hopKey } })).toEqual([
      expect.objectContaining({
        entitlementId: iam.entitlementId,
        roleArn: `arn:aws:iam::${MEMBER_A}:role/app-admins`,
      }),
    ]);
    expect(
      await database.db.activityAssumedSession.findMany({ where: { accessKeyId: session.accessKeyId } }),
    ).toEqual([
      expect.objectContaining({
        entitlementId: iam.entitlementId,
        accessKeyId: session.accessKeyId,
        accountId: MEMBER_A,
        roleArn,
        sessionArn: `arn:aws:sts::${MEMBER_A}:assumed-role/app-readers/work`,
        // CloudTrail's expiration has whole seconds: the session is bounded by the next one.
        expiresAt: new Date(Math.floor(assumed.Credentials!.Expiration!.getTime() / 1000) * 1000 + 1000),
      }),
    ]);
  });

  it("keeps reading a role session after the grant ended, until it expired and CloudTrail delivered", async () => {
    const on = await integration("Audit after revoke");
    const iam = await grant(roleTarget("app-readers"), 1, on, "Audit after revoke");
    const assumed = await client(STSClient, iam.detail.accessKey!).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER_A}:role/app-readers`,
        RoleSessionName: "late",
        DurationSeconds: 900,
      }),
    );
    const sts = client(STSClient, {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    });
    advance(1000);
    await endGrant(database.db, iam, new Date(clock()));
    // The revoke took the permission to assume the role, not the temporary key: it still works.
    advance(60_000);
    await sts.send(new GetCallerIdentityCommand({}));
    advance(DELAY_MS);
    expect(await ingest()).toMatchObject({ stored: 2, done: 0, failed: 0 });
    expect((await events()).map((e) => e.eventName)).toEqual(["AssumeRole", "GetCallerIdentity"]);
    expect((await events())[1]).toMatchObject({
      requestId: iam.requestId,
      accessKeyId: assumed.Credentials!.AccessKeyId,
    });

    // Expired (15 minutes) and delivered: the last pass, then nothing more for it.
    advance(15 * 60_000);
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "ExpiredToken" });
    expect(await ingest()).toMatchObject({ entitlements: 1, done: 1, failed: 0 });
    expect(await ingest()).toMatchObject({ entitlements: 0 });
  });

  it("reads a live grant again on each pass from one delivery delay back, without duplicates", async () => {
    const on = await integration("Audit live");
    const iam = await grant(roleTarget("app-readers"), 1, on, "Audit live");
    const sts = client(STSClient, iam.detail.accessKey!);
    await sts.send(new GetCallerIdentityCommand({}));
    advance(DELAY_MS + 1000);
    expect(await ingest()).toMatchObject({ stored: 1, done: 0 });

    // A call just before the pass is delivered only after it: the next pass's overlap finds it.
    await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER_A}:role/app-readers`, RoleSessionName: "s2" }),
    );
    expect(await ingest()).toMatchObject({ stored: 0, done: 0 });
    advance(DELAY_MS);
    const passAt = clock();
    expect(await ingest()).toMatchObject({ stored: 1, done: 0 });
    expect((await events()).map((e) => e.eventName)).toEqual(["GetCallerIdentity", "AssumeRole"]);
    const cursor = await database.db.activityIngestCursor.findUniqueOrThrow({
      where: { entitlementId: iam.entitlementId },
    });
    expect(cursor).toMatchObject({ doneAt: null, lastError: null, eventsStored: 2 });
    // Read up to the pass's own "now".
    expect(cursor.readUntil!.getTime()).toBeGreaterThanOrEqual(passAt);
    expect(cursor.readUntil!.getTime()).toBeLessThanOrEqual(clock());
  });

  it("turns a denied LookupEvents into a warning on the integration with the permission to add, and clears it once readable", async () => {
    const on = await integration("Audit denied");
    const sso = await grant(ssoTarget(MEMBER_B), 3, on, "Audit denied");
    advance(DELAY_MS);
    expect(await ingest()).toMatchObject({ entitlements: 1, stored: 0, failed: 1 });
    const warnings = await database.db.activityIngestWarning.findMany();
    expect(warnings).toEqual([
      expect.objectContaining({
        integrationId: on.integrationId,
        accountId: MEMBER_B,
        region: REGION,
        code: "AccessDeniedException",
        fix: `Allow cloudtrail:LookupEvents for arn:aws:iam::${MEMBER_B}:role/OrganizationAccountAccessRole.`,
      }),
    ]);
    expect(warnings[0]!.message).toContain(`CloudTrail cannot be read in account ${MEMBER_B}`);
    const cursor = await database.db.activityIngestCursor.findUniqueOrThrow({
      where: { entitlementId: sso.entitlementId },
    });
    expect(cursor.readUntil).toBeNull();
    expect(cursor.lastError).toContain("AccessDeniedException");

    // The permission is added: the next pass reads, and the warning goes.
    const roleArn = `arn:aws:iam::${MEMBER_B}:role/OrganizationAccountAccessRole`;
    const role = [...h.sandbox.world.roles.values()].find((r) => r.arn === roleArn)!;
    (role as { denyActions: readonly string[] }).denyActions = [];
    runtime.reset();
    advance(1000);
    expect(await ingest()).toMatchObject({ failed: 0 });
    expect(await database.db.activityIngestWarning.count()).toBe(0);
  });

  it("warns when the member role cannot be assumed, and clears it once it can", async () => {
    const on = await integration("Audit unreachable");
    await grant(ssoTarget(MEMBER_B), 3, on, "Audit unreachable");
    const roleArn = `arn:aws:iam::${MEMBER_B}:role/OrganizationAccountAccessRole`;
    const role = [...h.sandbox.world.roles.values()].find((r) => r.arn === roleArn)!;
    (role as { assumable: boolean }).assumable = false;
    runtime.reset();
    advance(DELAY_MS);
    expect(await ingest()).toMatchObject({ entitlements: 1, stored: 0 });
    expect(await database.db.activityIngestWarning.findMany()).toEqual([
      expect.objectContaining({ accountId: MEMBER_B, region: "*", code: "AssumeRoleFailed" }),
    ]);

    // The role is fixed (and may read CloudTrail): the next pass reads, and the warning goes.
    (role as { assumable: boolean }).assumable = true;
    (role as { denyActions: readonly string[] }).denyActions = [];
    runtime.reset();
    advance(1000);
    expect(await ingest()).toMatchObject({ failed: 0 });
    expect(await database.db.activityIngestWarning.count()).toBe(0);
  });

  it("stays within CloudTrail's 2 requests/s per account and region, 50 events a page", async () => {
    const on = await integration("Audit quota");
    const grants = [];
    for (let i = 0; i < 4; i++) grants.push(await grant(roleTarget("app-readers"), i, on, "Audit quota"));
    // One busy user: 60 calls, two pages of LookupEvents.
    const busy = client(STSClient, grants[0]!.detail.accessKey!);
    for (let i = 0; i < 60; i++) await busy.send(new GetCallerIdentityCommand({}));
    for (const g of grants.slice(1))
      await client(STSClient, g.detail.accessKey!).send(new GetCallerIdentityCommand({}));
    advance(DELAY_MS + 1000);
    h.sandbox.resetCalls();

    expect(await ingest()).toMatchObject({ entitlements: 4, stored: 63, failed: 0 });
    const lookups = h.sandbox.calls({ service: "cloudtrail", operation: "LookupEvents" });
    expect(lookups).toHaveLength(5);
    expect(h.sandbox.callCount({ service: "cloudtrail", throttled: true })).toBe(0);
    // Paced by the client-side limiter, not by AWS's throttling: about 500 ms apart.
    const gaps = lookups.slice(1).map((call, i) => call.at - lookups[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(400);
  });

  it("reads nothing for an integration with Enable Audit off", async () => {
    const off = await integration("Audit off", false);
    const iam = await grant(roleTarget("app-readers"), 1, off, "Audit off");
    await client(STSClient, iam.detail.accessKey!).send(new GetCallerIdentityCommand({}));
    advance(DELAY_MS + 1000);
    h.sandbox.resetCalls();
    expect(await ingest()).toEqual({ entitlements: 0, stored: 0, done: 0, failed: 0 });
    expect(h.sandbox.callCount({ service: "cloudtrail" })).toBe(0);
    expect(await events()).toEqual([]);
    expect(await database.db.activityIngestCursor.count()).toBe(0);
  });
});
