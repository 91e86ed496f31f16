import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { ACCESS_REQUEST_MESSAGES } from "./access-request.service.ts";
import {
  type Person,
  recordingGranter,
  seedAccountIntegration,
  seedPeople,
  startAccessWorkers,
  TEST_SECRETS,
  until,
} from "./test/access-fixtures.ts";

let t: TestApp;
let callers: Callers;
let people: Record<string, Person>;
let fake: ReturnType<typeof recordingGranter>;
let jobs: Awaited<ReturnType<typeof startAccessWorkers>>;
let seeded: Awaited<ReturnType<typeof seedAccountIntegration>>;
let ownedRole: { id: string };
let fallbackRole: { id: string };
let bucket: { id: string };

const FLOWS = "/api/admin/v2/access-flows";
const REQUESTS = "/api/user/v4/access-requests";

beforeAll(async () => {
  t = await createTestApp(TEST_SECRETS);
  callers = await setUpCallers(t.database.db);
  ({ people } = await seedPeople(t, ["alice", "bob", "carol", "dave"]));
  fake = recordingGranter();
  jobs = await startAccessWorkers(t, fake.granter);
  seeded = await seedAccountIntegration(t, {
    fallbackOwner: people.carol!.email,
    customAccessDetails: "Ask #ops for help.",
  });
  ownedRole = await seeded.resource("Deployer", "aws-account-iam-role", { owner: people.alice!.email });
  fallbackRole = await seeded.resource("Auditor", "aws-account-iam-role", {});
  bucket = await seeded.resource("logs-bucket", "aws-account-s3-bucket", { owner: people.alice!.email });
  const flow = await call(t.app, callers.admin, {
    method: "POST",
    url: FLOWS,
    payload: {
      name: "Prod roles",
      active: true,
      trigger: "SELF_SERVE",
      requestors: {
        logical_operator: "OR",
        conditions: [{ type: "user", values: [people.bob!.email, people.dave!.email] }],
      },
      access_targets: [
        {
          integration: {
            integration_reference: seeded.integration.name,
            resource_type: "aws-account-iam-role",
            permissions: ["assume"],
          },
        },
        {
          integration: {
            integration_reference: seeded.integration.id,
            resource_type: "aws-account-s3-bucket",
            permissions: ["read-only"],
          },
        },
      ],
    },
  });
  expect(flow.statusCode, flow.body).toBe(201);
});
afterAll(() => t?.close());

async function request(person: Person, resourceId: string, extra: Record<string, unknown> = {}) {
  return call(t.app, person.caller, {
    method: "POST",
    url: REQUESTS,
    payload: {
      entitlements: [{ resource_id: resourceId, permission_id: extra.permission ?? "assume" }],
      justification: "incident 42",
      duration_in_sec: 1800,
      ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== "permission")),
    },
  });
}

async function statusOf(id: string) {
  return (await t.database.db.accessRequest.findUniqueOrThrow({ where: { id } })).status;
}

describe("requesting access", () => {
  it("refuses what no flow allows, a missing justification and a too long duration, with the field and reason", async () => {
    const notRequestor = await request(people.carol!, ownedRole.id);
    expect(notRequestor.statusCode).toBe(403);
    expect(notRequestor.json()).toMatchObject({ code: "NO_MATCHING_ACCESS_FLOW" });
    expect(notRequestor.json().message).toContain("assume on Deployer");

    const wrongPermission = await request(people.bob!, bucket.id, { permission: "read-write" });
    expect(wrongPermission.statusCode).toBe(403);

    const noJustification = await request(people.bob!, ownedRole.id, { justification: null });
    expect(noJustification.statusCode).toBe(400);
    expect(noJustification.json().issues).toEqual([
      { path: "justification", message: 'Enter a justification: the access flow "Prod roles" requires one.' },
    ]);

    const tooLong = await request(people.bob!, ownedRole.id, { duration_in_sec: 7200 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().issues[0].path).toBe("duration_in_sec");

    const unknown = await request(people.bob!, "00000000-0000-4000-8000-000000000000");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0].path).toBe("entitlements.0.resource_id");
  });

  it("refuses an account that is not a live directory person", async () => {
    const response = await call(t.app, callers.user, {
      method: "POST",
      url: REQUESTS,
      payload: { entitlements: [{ resource_id: ownedRole.id, permission_id: "assume" }], justification: "x" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: "REQUESTER_NOT_IN_DIRECTORY",
      message: ACCESS_REQUEST_MESSAGES.notInDirectory,
    });
  });

  it("refuses a request nobody could approve: the only owner is the requester, who may not approve", async () => {
    const own = await seeded.resource("BobsRole", "aws-account-iam-role", { owner: people.bob!.email });
    const response = await request(people.bob!, own.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("NO_POSSIBLE_APPROVER");
    expect(response.json().message).toContain("other than you");
  });
});

describe("approving, granting, using and revoking", () => {
  it("the tag's owner approves once (two clicks at once grant once); the grant, session and key shown once follow", async () => {
    const created = await request(people.bob!, ownedRole.id);
    expect(created.statusCode, created.body).toBe(201);
    const [req] = created.json();
    expect(req).toMatchObject({
      status: "PENDING",
      duration_in_sec: 1800,
      justification: "incident 42",
      requestor: { id: people.bob!.userId, source_id: people.bob!.email },
      portcullis: {
        access_flow_name: "Prod roles",
        can_decide: false,
        entitlements: [{ status: "PENDING" }],
      },
    });

    // Not approvers: the fallback owner (a tag names the owner), the requester, another requestor.
    const carol = await call(t.app, people.carol!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: {},
    });
    expect(carol.statusCode).toBe(404); // an approver of nothing here cannot even see it
    const bob = await call(t.app, people.bob!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: {},
    });
    expect(bob.statusCode).toBe(403);
    expect(bob.json().code).toBe("REQUESTOR_CANNOT_APPROVE");
    const daveSees = await call(t.app, people.dave!.caller, { method: "GET", url: `${REQUESTS}/${req.id}` });
    expect(daveSees.statusCode).toBe(404);

    const inbox = await call(t.app, people.alice!.caller, { method: "GET", url: "/api/user/v4/approvals" });
    expect(inbox.json().items.map((item: { id: string }) => item.id)).toContain(req.id);
    expect(
      (await call(t.app, people.alice!.caller, { method: "GET", url: `${REQUESTS}/${req.id}` })).json()
        .portcullis.can_decide,
    ).toBe(true);

    const [first, second] = await Promise.all([
      call(t.app, people.alice!.caller, {
        method: "POST",
        url: `${REQUESTS}/${req.id}/approve`,
        payload: { reason: "ok" },
      }),
      call(t.app, people.alice!.caller, {
        method: "POST",
        url: `${REQUESTS}/${req.id}/approve`,
        payload: { reason: "ok" },
      }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);

    await until(async () => (await statusOf(req.id)) === "GRANTED");
    const grants = fake.calls.filter(
      (c) => c.op === "grant" && c.key === "iam-role:arn:aws:iam::111122223333:role/Deployer",
    );
    expect(grants).toEqual([
      { op: "grant", personId: people.bob!.id, key: "iam-role:arn:aws:iam::111122223333:role/Deployer" },
    ]);
    const row = await t.database.db.accessRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(row.expiresAt!.getTime() - row.grantedAt!.getTime()).toBe(1800 * 1000);
    // Its expiry is a job queued now, due at expires_at (durable across restarts).
    const [expiry] = await t.database.db.$queryRawUnsafe<Array<{ start_after: Date }>>(
      "SELECT start_after FROM pgboss.job WHERE name = 'access.revoke' AND data->>'requestId' = $1 AND data->>'ending' = 'EXPIRED'",
      req.id,
    );
    expect(expiry?.start_after.getTime()).toBe(row.expiresAt!.getTime());

    const sessions = (
      await call(t.app, people.bob!.caller, { method: "GET", url: "/api/user/v1/access-sessions" })
    ).json();
    const session = sessions.items.find((s: { request_ids: string[] }) => s.request_ids.includes(req.id));
    expect(session).toMatchObject({
      name: "assume on Deployer",
      credentials_status: "AVAILABLE",
      integration: { id: seeded.integration.id },
    });
    const details = (
      await call(t.app, people.bob!.caller, {
        method: "GET",
        url: `/api/user/v1/access-sessions/${session.id}/access-details`,
      })
    ).json();
    expect(details.custom_admin_message).toBe("Ask #ops for help.");
    expect(details.parameters.secret_access_key).toMatch(/^secret-/);
    expect(details.cli).toContain(`aws_secret_access_key = ${details.parameters.secret_access_key}`);
    expect(details.cli).toContain("role_arn = arn:aws:iam::111122223333:role/Deployer");
    const again = (
      await call(t.app, people.bob!.caller, {
        method: "GET",
        url: `/api/user/v1/access-sessions/${session.id}/access-details`,
      })
    ).json();
    expect(again.parameters.secret_access_key).toBeUndefined();
    expect(again.cli).not.toContain(details.parameters.secret_access_key);
    expect(
      (
        await call(t.app, people.bob!.caller, {
          method: "GET",
          url: `/api/user/v1/access-sessions/${session.id}`,
        })
      ).json().credentials_status,
    ).toBe("VIEWED");
    // Nobody else reads it.
    expect(
      (
        await call(t.app, people.dave!.caller, {
          method: "GET",
          url: `/api/user/v1/access-sessions/${session.id}/access-details`,
        })
      ).statusCode,
    ).toBe(404);

    const actions = (
      await t.database.db.auditLog.findMany({ where: { targetId: req.id }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual([
      "access_request.create",
      "access_request.approve",
      "access_request.approved",
      "access_request.granted",
    ]);
    expect(await t.database.db.auditLog.count({ where: { action: "access_grant.granted" } })).toBeGreaterThan(
      0,
    );
    const audit = JSON.stringify(
      (await t.database.db.auditLog.findMany({})).map((entry) => [entry.before, entry.after]),
    );
    expect(audit).not.toContain(details.parameters.secret_access_key);

    // Revoke: the role is taken back in AWS.
    const revoked = await call(t.app, people.bob!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/revoke`,
    });
    expect(revoked.statusCode).toBe(200);
    await until(async () => (await statusOf(req.id)) === "REVOKED");
    expect(fake.present.has(`${people.bob!.id}|iam-role:arn:aws:iam::111122223333:role/Deployer`)).toBe(
      false,
    );
  });

  it("reference counting: revoking one of two grants of the same role keeps it; the last revoke removes it", async () => {
    const key = "iam-role:arn:aws:iam::111122223333:role/Auditor";
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const [req] = (await request(people.bob!, fallbackRole.id)).json();
      // No tag: the integration owner (carol) approves.
      const ok = await call(t.app, people.carol!.caller, {
        method: "POST",
        url: `${REQUESTS}/${req.id}/approve`,
        payload: {},
      });
      expect(ok.statusCode, ok.body).toBe(200);
      await until(async () => (await statusOf(req.id)) === "GRANTED");
      ids.push(req.id);
    }
    const revokesBefore = fake.calls.filter((c) => c.op === "revoke" && c.key === key).length;
    await call(t.app, people.bob!.caller, { method: "POST", url: `${REQUESTS}/${ids[0]}/revoke` });
    await until(async () => (await statusOf(ids[0]!)) === "REVOKED");
    expect(fake.calls.filter((c) => c.op === "revoke" && c.key === key).length).toBe(revokesBefore);
    expect(fake.present.has(`${people.bob!.id}|${key}`)).toBe(true);
    expect(await t.database.db.auditLog.count({ where: { action: "access_grant.kept" } })).toBeGreaterThan(0);

    // The second ends by expiry, found by the sweeper (as after a restart that lost the delayed job).
    await t.database.db.accessRequest.update({
      where: { id: ids[1] },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const swept = await jobs.sweep();
    expect(swept.expired).toContain(ids[1]);
    await until(async () => (await statusOf(ids[1]!)) === "EXPIRED");
    expect(fake.calls.filter((c) => c.op === "revoke" && c.key === key).length).toBe(revokesBefore + 1);
    expect(fake.present.has(`${people.bob!.id}|${key}`)).toBe(false);
  });

  it("a rejection ends the request; a failed grant says why and what to do", async () => {
    const [req] = (await request(people.bob!, bucket.id, { permission: "read-only" })).json();
    const rejected = await call(t.app, people.alice!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/reject`,
      payload: { reason: "not needed" },
    });
    expect(rejected.json()).toMatchObject({
      status: "REJECTED",
      portcullis: { approvals: [{ decision: "REJECTED", reason: "not needed" }] },
    });
    const again = await call(t.app, people.bob!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/request-again`,
      payload: { justification: "really needed" },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()[0]).toMatchObject({
      status: "PENDING",
      justification: "really needed",
      portcullis: {
        requested_again_of: req.id,
        entitlements: [{ resource: { id: bucket.id }, permission: { name: "read-only" } }],
      },
    });
    const notHis = await call(t.app, people.dave!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/request-again`,
      payload: {},
    });
    expect(notHis.statusCode).toBe(404);
    const late = await call(t.app, people.alice!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("ACCESS_REQUEST_STATE_CONFLICT");

    fake.failNextGrant("AccessDenied: iam:CreateUser", "Allow iam:CreateUser for the connector role.");
    const [failing] = (await request(people.dave!, bucket.id, { permission: "read-only" })).json();
    await call(t.app, people.alice!.caller, {
      method: "POST",
      url: `${REQUESTS}/${failing.id}/approve`,
      payload: {},
    });
    await until(async () => (await statusOf(failing.id)) === "FAILED");
    const got = (
      await call(t.app, people.dave!.caller, { method: "GET", url: `${REQUESTS}/${failing.id}` })
    ).json();
    expect(got.portcullis).toMatchObject({
      failure_reason: "read-only on logs-bucket: AccessDenied: iam:CreateUser",
      failure_fix: "Allow iam:CreateUser for the connector role.",
    });
  });

  it("an owner deactivated in SCIM while a request waits no longer counts", async () => {
    const [req] = (await request(people.dave!, ownedRole.id)).json();
    await t.database.db.identityPerson.update({ where: { id: people.alice!.id }, data: { active: false } });
    try {
      const refused = await call(t.app, people.alice!.caller, {
        method: "POST",
        url: `${REQUESTS}/${req.id}/approve`,
        payload: {},
      });
      expect(refused.statusCode).toBe(404);
      expect(await statusOf(req.id)).toBe("PENDING");
      // With no live tag owner, the integration owner (the fallback) decides.
      const carol = await call(t.app, people.carol!.caller, { method: "GET", url: `${REQUESTS}/${req.id}` });
      expect(carol.json().portcullis.can_decide).toBe(true);
    } finally {
      await t.database.db.identityPerson.update({ where: { id: people.alice!.id }, data: { active: true } });
    }
    const cancel = await call(t.app, people.dave!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/revoke`,
    });
    expect(cancel.statusCode).toBe(200);
    expect(await statusOf(req.id)).toBe("CANCELED");
  });
});

describe("the reconciler", () => {
  it("grants again access removed in AWS behind Portcullis's back, or marks the grant FAILED with the reason", async () => {
    const [req] = (await request(people.dave!, fallbackRole.id)).json();
    await call(t.app, people.carol!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: {},
    });
    await until(async () => (await statusOf(req.id)) === "GRANTED");
    const entitlement = await t.database.db.accessRequestEntitlement.findFirstOrThrow({
      where: { requestId: req.id },
    });
    const key = `${people.dave!.id}|iam-role:arn:aws:iam::111122223333:role/Auditor`;
    const job = {
      id: "reconcile",
      retryCount: 0,
      retryLimit: 0,
      lastAttempt: true,
      signal: new AbortController().signal,
    };

    expect((await jobs.reconcile(job, 1000)).restored).toEqual([]);
    fake.present.delete(key);
    expect((await jobs.reconcile(job, 1000)).restored).toEqual([entitlement.id]);
    expect(fake.present.has(key)).toBe(true);
    expect(
      await t.database.db.auditLog.count({
        where: { action: "access_grant.restored", targetId: entitlement.id },
      }),
    ).toBe(1);

    fake.present.delete(key);
    fake.failNextGrant("AccessDenied: iam:PutUserPolicy", "Allow iam:PutUserPolicy for the connector role.");
    expect((await jobs.reconcile(job, 1000)).failed).toEqual([entitlement.id]);
    expect(
      await t.database.db.accessRequestEntitlement.findUniqueOrThrow({ where: { id: entitlement.id } }),
    ).toMatchObject({
      status: "FAILED",
      failureReason: "Missing in AWS and not restored: AccessDenied: iam:PutUserPolicy",
    });
  });
});

describe("who sees what", () => {
  it("lists only one's own requests; admins list and bulk revoke all; users are refused the admin routes", async () => {
    const bobs = (await call(t.app, people.bob!.caller, { method: "GET", url: REQUESTS })).json();
    expect(bobs.items.length).toBeGreaterThan(0);
    expect(
      bobs.items.every((r: { requestor: { id: string } }) => r.requestor.id === people.bob!.userId),
    ).toBe(true);
    const other = await call(t.app, people.bob!.caller, {
      method: "GET",
      url: `${REQUESTS}?requestor=${people.dave!.userId}`,
    });
    expect(other.statusCode).toBe(403);

    for (const url of ["/api/v3/access-requests", FLOWS]) {
      expect((await call(t.app, people.bob!.caller, { method: "GET", url })).statusCode).toBe(403);
      expect(
        (await call(t.app, { name: "anon", headers: {}, userId: null }, { method: "GET", url })).statusCode,
      ).toBe(401);
    }
    const all = (await call(t.app, callers.admin, { method: "GET", url: "/api/v3/access-requests" })).json();
    expect(all.pagination.total).toBeGreaterThanOrEqual(bobs.items.length);
    expect(all.data[0]).toHaveProperty("friendly_request_id");

    const [req] = (await request(people.bob!, ownedRole.id)).json();
    const refused = await call(t.app, people.bob!.caller, {
      method: "POST",
      url: "/api/v3/access-requests-bulk/revoke",
      payload: { request_ids: [req.id] },
    });
    expect(refused.statusCode).toBe(403);
    const bulk = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/v3/access-requests-bulk/revoke",
      payload: { request_ids: [req.id] },
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(await statusOf(req.id)).toBe("CANCELED");
  });

  it("selectable integrations, types, resources and permissions follow the caller's flows", async () => {
    const bobs = (
      await call(t.app, people.bob!.caller, { method: "GET", url: "/api/v3/selectable-integrations" })
    ).json();
    expect(bobs.data).toEqual([
      { id: seeded.integration.id, name: seeded.integration.name, type: "aws-account" },
    ]);
    const carols = (
      await call(t.app, people.carol!.caller, { method: "GET", url: "/api/v3/selectable-integrations" })
    ).json();
    expect(carols.data).toEqual([]);
    const base = `/api/v3/selectable-integrations/${seeded.integration.id}`;
    const types = (
      await call(t.app, people.bob!.caller, { method: "GET", url: `${base}/resource-types` })
    ).json();
    expect(types.data.map((d: { id: string }) => d.id)).toEqual([
      "aws-account-iam-role",
      "aws-account-s3-bucket",
    ]);
    const found = (
      await call(t.app, people.bob!.caller, {
        method: "GET",
        url: `${base}/aws-account-iam-role/resources?search=deploy`,
      })
    ).json();
    expect(found.data.map((d: { name: string }) => d.name)).toEqual(["Deployer"]);
    const perms = (
      await call(t.app, people.bob!.caller, {
        method: "GET",
        url: `${base}/aws-account-s3-bucket/permissions`,
      })
    ).json();
    expect(perms).toMatchObject({ data: ["read-only"], allow_multiple: true });

    const all = (
      await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/v3/integrations/${seeded.integration.id}/permissions`,
      })
    ).json();
    expect(all.data).toEqual([
      { id: "assume", name: "assume", resource_type: "aws-account-iam-role" },
      { id: "read-only", name: "read-only", resource_type: "aws-account-s3-bucket" },
      { id: "read-write", name: "read-write", resource_type: "aws-account-s3-bucket" },
    ]);
    expect(
      (
        await call(t.app, people.bob!.caller, {
          method: "GET",
          url: `/api/v3/integrations/${seeded.integration.id}/permissions`,
        })
      ).statusCode,
    ).toBe(403);
  });
});
