// GET /api/v3/activity and a request's timeline: filters, pagination, shape, authorization; and
// the audit ingest's warnings on the integration. Events are stored with the ingest's own store
// (activity-ingest.int.test.ts reads them from the sandbox's CloudTrail).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { anonymous, type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { activityStore } from "../../audit-ingest/activity-store.ts";
import type { ReadEvent } from "../../audit-ingest/cloudtrail-reader.ts";
import {
  type AuditIntegration,
  type SeededGrant,
  seedGrant,
  seedIntegration,
  seedPerson,
} from "../../audit-ingest/testing/audit-fixtures.ts";

const T0 = Date.parse("2026-11-30T10:00:00Z");
const ACCOUNT = "222222222222";
let t: TestApp;
let callers: Callers;
let one: AuditIntegration;
let two: AuditIntegration;
let alice: { personId: string; grant: SeededGrant };
let bob: { personId: string; grant: SeededGrant };

const event = (i: number, over: Partial<ReadEvent> = {}): ReadEvent => ({
  eventId: `evt-${i}-${Math.random().toString(36).slice(2)}`,
  eventTime: new Date(T0 + i * 60_000),
  eventName: "GetCallerIdentity",
  eventSource: "sts.amazonaws.com",
  resources: [],
  readOnly: true,
  sourceIp: "203.0.113.9",
  userAgent: "aws-cli/2",
  errorCode: null,
  errorMessage: null,
  principal: "someone",
  accessKeyId: "AKIAEXAMPLE",
  ...over,
});

async function seedPersonGrant(on: AuditIntegration, name: string, userName: string) {
  const personId = await seedPerson(t.database.db, userName);
  const grant = await seedGrant(t.database.db, {
    integration: on,
    integrationName: name,
    personId,
    email: userName,
    target: { kind: "iam-role", accountId: ACCOUNT, roleArn: `arn:aws:iam::${ACCOUNT}:role/app-readers` },
    detail: { managedUserName: `portcullis-${userName.split("@")[0]}` },
    grantedAt: new Date(T0),
  });
  return { personId, grant };
}

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  const base = {
    connectorRoleArn: "arn:aws:iam::111111111111:role/Connector",
    externalId: "x",
    managementRoleArn: "arn:aws:iam::111111111111:role/Mgmt",
    region: "us-east-1",
  };
  one = await seedIntegration(t.database.db, { ...base, name: "Activity one", audit: true });
  two = await seedIntegration(t.database.db, { ...base, name: "Activity two", audit: true });
  alice = await seedPersonGrant(one, "Activity one", "alice@example.com");
  bob = await seedPersonGrant(two, "Activity two", "bob@example.com");
  const store = activityStore(t.database.db);
  const link = (g: typeof alice, on: AuditIntegration) => ({
    requestId: g.grant.requestId,
    entitlementId: g.grant.entitlementId,
    personId: g.personId,
    integrationId: on.integrationId,
    accountId: ACCOUNT,
    region: "us-east-1",
  });
  // alice: 5 reads, 1 write, 1 refused write; bob: 2 reads.
  await store.storeEvents(link(alice, one), [
    ...[0, 1, 2, 3, 4].map((i) => event(i, { principal: "portcullis-alice" })),
    event(5, {
      eventName: "PutObject",
      eventSource: "s3.amazonaws.com",
      readOnly: false,
      resources: ["arn:aws:s3:::data/x"],
    }),
    event(6, {
      eventName: "DeleteBucket",
      readOnly: false,
      errorCode: "AccessDenied",
      errorMessage: "not authorized",
    }),
  ]);
  await store.storeEvents(link(bob, two), [event(10), event(11)]);
});
afterAll(() => t.close());

const list = (query: string, caller = callers.admin) =>
  call(t.app, caller, { method: "GET", url: `/api/v3/activity${query}` });

describe("GET /api/v3/activity", () => {
  it("lists every event newest first with its request, in Apono's shape, paged by limit and offset", async () => {
    const first = await list("?limit=4");
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.pagination).toEqual({ total: 9, limit: 4, offset: 0 });
    expect(body.data.map((d: { portcullis: { event_time: string } }) => d.portcullis.event_time)).toEqual([
      new Date(T0 + 11 * 60_000).toISOString(),
      new Date(T0 + 10 * 60_000).toISOString(),
      new Date(T0 + 6 * 60_000).toISOString(),
      new Date(T0 + 5 * 60_000).toISOString(),
    ]);
    const refused = body.data[2];
    expect(refused).toMatchObject({
      request_id: alice.grant.requestId,
      requestor_name: "alice@example.com",
      requestor_email: "alice@example.com",
      integration: "Activity one",
      resource_type: "aws-account-iam-role",
      resources: ["app-readers"],
      permissions: ["assume"],
      justification: "audit test",
      status: "GRANTED",
      trigger_type: "SELF_SERVE",
      access_flow: "Audit test flow",
      portcullis: {
        event_name: "DeleteBucket",
        read_only: false,
        error_code: "AccessDenied",
        error_message: "not authorized",
        source_ip: "203.0.113.9",
        user_agent: "aws-cli/2",
        account_id: ACCOUNT,
        region: "us-east-1",
        person_id: alice.personId,
        integration_id: one.integrationId,
        entitlement_id: alice.grant.entitlementId,
      },
    });
    const rest = (await list("?limit=4&offset=4")).json();
    const last = (await list("?limit=4&offset=8")).json();
    const ids = [...body.data, ...rest.data, ...last.data].map(
      (d: { portcullis: { event_id: string } }) => d.portcullis.event_id,
    );
    expect(new Set(ids).size).toBe(9);
  });

  it("filters by integration, person, request, time, writes only and errors only", async () => {
    const count = async (query: string) => (await list(query)).json().pagination.total;
    expect(await count(`?filter[integration_id]=${two.integrationId}`)).toBe(2);
    expect(
      await count(`?filter[integration_id]=${one.integrationId}&filter[integration_id]=${two.integrationId}`),
    ).toBe(9);
    expect(await count(`?filter[requestor_id]=${alice.personId}`)).toBe(7);
    expect(await count(`?filter[access_request_id]=${bob.grant.requestId}`)).toBe(2);
    const start = Math.floor((T0 + 5 * 60_000) / 1000);
    const end = Math.floor((T0 + 10 * 60_000) / 1000);
    expect(await count(`?start_date=${start}&end_date=${end}`)).toBe(3);
    expect(await count("?writes_only=true")).toBe(2);
    expect(await count("?errors_only=true")).toBe(1);
    expect(await count(`?writes_only=true&errors_only=true&filter[requestor_id]=${bob.personId}`)).toBe(0);
  });

  it("refuses bad filters with the field and the reason", async () => {
    const bad = await list("?start_date=yesterday");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [
        { path: "start_date", message: "start_date must be a time in seconds since 1970 (a whole number)." },
      ],
    });
    const reversed = await list("?start_date=200&end_date=100");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().issues).toEqual([
      { path: "end_date", message: "end_date must not be before start_date." },
    ]);
    const notId = await list("?filter[integration_id]=nope");
    expect(notId.statusCode).toBe(400);
    expect(notId.json().issues[0].message).toBe("Each filter[integration_id] must be an id (a UUID).");
    expect((await list("?writes_only=yes")).json().issues[0]).toEqual({
      path: "writes_only",
      message: 'writes_only must be "true" or "false".',
    });
  });

  it("is for admins only", async () => {
    expect((await list("", anonymous)).statusCode).toBe(401);
    expect((await list("", callers.user)).statusCode).toBe(403);
    expect((await list("", callers.userToken)).statusCode).toBe(403);
    expect((await list("", callers.adminToken)).statusCode).toBe(200);
  });
});

describe("GET /api/v3/access-requests/{id}/activity", () => {
  const timeline = (id: string, caller = callers.admin) =>
    call(t.app, caller, { method: "GET", url: `/api/v3/access-requests/${id}/activity` });

  it("gives one request's events, newest first", async () => {
    const response = await timeline(bob.grant.requestId);
    expect(response.statusCode).toBe(200);
    expect(response.json().data.map((d: { request_id: string }) => d.request_id)).toEqual([
      bob.grant.requestId,
      bob.grant.requestId,
    ]);
  });

  it("answers 404 for an unknown request and is for admins only", async () => {
    const missing = await timeline("00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("NOT_FOUND");
    expect((await timeline("not-an-id")).statusCode).toBe(404);
    expect((await timeline(bob.grant.requestId, callers.user)).statusCode).toBe(403);
    expect((await timeline(bob.grant.requestId, anonymous)).statusCode).toBe(401);
  });
});

describe("audit warnings on the integration", () => {
  it("shows an account whose CloudTrail cannot be read as a Warning with the permission to add", async () => {
    const store = activityStore(t.database.db);
    await store.setWarning({
      integrationId: two.integrationId,
      accountId: "333333333333",
      region: "us-east-1",
      code: "AccessDeniedException",
      message: "Audit: CloudTrail cannot be read in account 333333333333 (us-east-1): AccessDeniedException.",
      fix: "Allow cloudtrail:LookupEvents for arn:aws:iam::333333333333:role/OrganizationAccountAccessRole.",
      at: new Date(),
    });
    const get = (
      await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/admin/v4/integrations/${two.integrationId}`,
      })
    ).json();
    expect(get.status).toBe("Warning");
    expect(get.portcullis.status_message).toContain("Allow cloudtrail:LookupEvents");
    expect(get.portcullis.errors).toContainEqual(
      expect.objectContaining({ scope: "audit", account_id: "333333333333", code: "AccessDeniedException" }),
    );
    const listed = (
      await call(t.app, callers.admin, { method: "GET", url: "/api/admin/v4/integrations?limit=100" })
    ).json();
    const row = listed.items.find((i: { id: string }) => i.id === two.integrationId);
    expect(row.status).toBe("Warning");
    const other = listed.items.find((i: { id: string }) => i.id === one.integrationId);
    expect(other.status).toBe("Active");

    await store.clearWarning(two.integrationId, "333333333333", "us-east-1");
    const cleared = (
      await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/admin/v4/integrations/${two.integrationId}`,
      })
    ).json();
    expect(cleared.status).toBe("Active");
    // The list page is kept by the list cache: the warning's removal must reach it too.
    const relisted = (
      await call(t.app, callers.admin, { method: "GET", url: "/api/admin/v4/integrations?limit=100" })
    ).json();
    expect(relisted.items.find((i: { id: string }) => i.id === two.integrationId).status).toBe("Active");
  });
});
