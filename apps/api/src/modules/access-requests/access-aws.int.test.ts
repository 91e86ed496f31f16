import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../../../test/fixtures.ts";
import { MEMBER_A, MGMT, permissionSetArn, userId } from "../../granting/testing/granting-scenario.ts";
import { until } from "./test/access-fixtures.ts";
import { ACCOUNT_ROLE, canAssume, OTHER_ROLE, SSO_PORTAL } from "./test/aws-access-fixtures.ts";
import { type AwsAccessWorld, startAwsAccessWorld } from "./test/aws-access-world.ts";

// Issue #18's "Done when", end to end through the API and the job queue with the REAL granter
// (AwsAccessGranter) against the sandbox: request → owner (from tags) approves → both grants
// exist in AWS and work → the session's access details → expiry takes both away.

let world: AwsAccessWorld;
let t: AwsAccessWorld["t"];
let h: AwsAccessWorld["h"];
let callers: AwsAccessWorld["callers"];
let people: AwsAccessWorld["people"];
let jobs: AwsAccessWorld["jobs"];
let seeded: AwsAccessWorld["seeded"];
const REQUESTS = "/api/user/v4/access-requests";

beforeAll(async () => {
  // person0 requests; person1 owns the resources by their `owner` tag.
  world = await startAwsAccessWorld({ requester: 0, owner: 1 });
  ({ t, h, callers, people, jobs, seeded } = world);
});
afterAll(async () => {
  await world?.close();
});

const assignments = () =>
  h.sandbox.state.assignments
    .list({ accountId: MEMBER_A })
    .map((a) => `${a.accountId}|${a.permissionSetArn}|${a.principalId}`);
const managedPolicies = () =>
  h.sandbox.state.iam.users(MGMT).flatMap((u) => (u.path === "/portcullis/" ? [...u.policies.keys()] : []));

describe("access granted for real (AwsAccessGranter against the sandbox)", () => {
  it("a permission set in a member account and an IAM role: the owner from tags approves, both work in AWS, the portal shows how, and expiry takes both away", async () => {
    const created = await call(t.app, people.requester!.caller, {
      method: "POST",
      url: REQUESTS,
      payload: {
        entitlements: [
          { resource_id: seeded.memberAccount.id, permission_id: "PermissionSet0" },
          { resource_id: seeded.role.id, permission_id: "assume" },
        ],
        justification: "release 7",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [req] = created.json();
    expect(req.status).toBe("PENDING");

    // The owner resolved from the resources' tag sees it in their inbox and approves.
    const inbox = await call(t.app, people.owner!.caller, { method: "GET", url: "/api/user/v4/approvals" });
    expect(inbox.json().items.map((r: { id: string }) => r.id)).toContain(req.id);
    const approved = await call(t.app, people.owner!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: { reason: "ok" },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const granted = await until(async () => {
      const row = await t.database.db.accessRequest.findUnique({
        where: { id: req.id },
        include: { entitlements: true },
      });
      if (row?.status === "FAILED") throw new Error(`grant failed: ${row.failureReason}`);
      return row?.status === "GRANTED" ? row : null;
    });
    expect(granted.entitlements.map((e) => e.status)).toEqual(["GRANTED", "GRANTED"]);

    // In AWS: the assignment for person0's Identity Center user, and a working key for the role only.
    expect(assignments()).toEqual([`${MEMBER_A}|${permissionSetArn(0)}|${userId(0)}`]);
    expect(managedPolicies()).toHaveLength(1);

    const sessions = (
      await call(t.app, people.requester!.caller, { method: "GET", url: "/api/user/v1/access-sessions" })
    ).json().items as Array<{ id: string; name: string }>;
    expect(sessions.map((s) => s.name).sort()).toEqual([
      "PermissionSet0 on member-a",
      "assume on app-readers",
    ]);
    const details = async (name: string) => {
      const session = sessions.find((s) => s.name === name)!;
      const response = await call(t.app, people.requester!.caller, {
        method: "GET",
        url: `/api/user/v1/access-sessions/${session.id}/access-details`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const sso = await details("PermissionSet0 on member-a");
    expect(sso.custom_admin_message).toBe("Members: change tickets first.");
    expect(sso.link.url).toBe(`${SSO_PORTAL}/#/console?account_id=${MEMBER_A}&role_name=PermissionSet0`);
    expect(sso.cli).toContain(`sso_start_url = ${SSO_PORTAL}`);
    expect(sso.cli).toContain(`sso_account_id = ${MEMBER_A}\nsso_role_name = PermissionSet0`);

    const iam = await details("assume on app-readers");
    expect(iam.custom_admin_message).toBe("Management account: read only.");
    expect(iam.cli).toContain(`role_arn = ${ACCOUNT_ROLE}`);
    const key = {
      accessKeyId: iam.parameters.access_key_id as string,
      secretAccessKey: iam.parameters.secret_access_key as string,
    };
    expect(iam.cli).toContain(
      `aws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}`,
    );
    expect(await canAssume(h.sandbox.url, key, ACCOUNT_ROLE)).toBe(true);
    expect(await canAssume(h.sandbox.url, key, OTHER_ROLE)).toBe(false);
    // Shown once.
    expect((await details("assume on app-readers")).parameters.secret_access_key).toBeUndefined();

    // Expiry: the clock reaches expires_at (set, not waited for); the sweeper queues the revoke.
    await t.database.db.accessRequest.update({
      where: { id: req.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await jobs.sweep()).expired).toEqual([req.id]);
    await until(
      async () =>
        (await t.database.db.accessRequest.findUnique({ where: { id: req.id } }))?.status === "EXPIRED",
    );
    expect(assignments()).toEqual([]);
    expect(managedPolicies()).toEqual([]);
    expect(await canAssume(h.sandbox.url, key, ACCOUNT_ROLE)).toBe(false);
    const actions = (
      await t.database.db.auditLog.findMany({
        where: { targetId: { in: [req.id, ...granted.entitlements.map((e) => e.id)] } },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "access_grant.granted",
        "access_request.granted",
        "access_grant.revoked",
        "access_request.expired",
      ]),
    );
  });
  it("the reconciler removes access Portcullis created that no grant holds, keeps what grants hold, and audits it", async () => {
    const created = await call(t.app, people.requester!.caller, {
      method: "POST",
      url: REQUESTS,
      payload: { entitlements: [{ resource_id: seeded.role.id, permission_id: "assume" }] },
    });
    const [req] = created.json();
    await call(t.app, people.owner!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: {},
    });
    await until(
      async () =>
        (await t.database.db.accessRequest.findUnique({ where: { id: req.id } }))?.status === "GRANTED",
    );
    const [user] = h.sandbox.state.iam.users(MGMT).filter((u) => u.path === "/portcullis/");
    const held = [...user!.policies.keys()];
    expect(held).toHaveLength(1);
    // Left behind (a revoke that was lost): a second Portcullis policy and a group membership.
    user!.policies.set(
      "portcullis-0123456789abcdef",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: OTHER_ROLE }],
      }),
    );
    user!.groups.add("ops-admins");
    const key = (
      await t.database.db.managedIamUser.findFirstOrThrow({ where: { personId: people.requester!.id } })
    ).accessKeyId!;

    const report = await jobs.reconcile({
      id: "reconcile-test",
      retryCount: 0,
      retryLimit: 0,
      lastAttempt: true,
      signal: new AbortController().signal,
    });
    expect(report.removed).toEqual([user!.arn]);
    expect([...user!.policies.keys()]).toEqual(held);
    expect([...user!.groups]).toEqual([]);
    expect(user!.keys.map((k) => k.accessKeyId)).toEqual([key]);
    const [entry] = await t.database.db.auditLog.findMany({
      where: { action: "access_grant.unheld_removed", targetId: user!.arn },
    });
    expect(entry?.after).toMatchObject({
      account_id: MGMT,
      person_id: people.requester!.id,
      policy_names: ["portcullis-0123456789abcdef"],
      group_names: ["ops-admins"],
    });
    // A second pass finds nothing more to remove.
    expect(
      (
        await jobs.reconcile({
          id: "reconcile-test-2",
          retryCount: 0,
          retryLimit: 0,
          lastAttempt: true,
          signal: new AbortController().signal,
        })
      ).removed,
    ).toEqual([]);

    // Once the grant ends, nothing holds its policy either: had its revoke been lost, the reconciler takes it.
    await t.database.db.accessRequestEntitlement.updateMany({
      where: { requestId: req.id },
      data: { status: "REVOKED" },
    });
    await t.database.db.accessRequest.update({ where: { id: req.id }, data: { status: "REVOKED" } });
    const after = await jobs.reconcile({
      id: "reconcile-test-3",
      retryCount: 0,
      retryLimit: 0,
      lastAttempt: true,
      signal: new AbortController().signal,
    });
    expect(after.removed).toEqual([user!.arn]);
    expect([...user!.policies.keys()]).toEqual([]);
  });
  it("deleting an integration with live grants is refused (409 INTEGRATION_HAS_LIVE_GRANTS) until they are revoked", async () => {
    const created = await call(t.app, people.requester!.caller, {
      method: "POST",
      url: REQUESTS,
      payload: { entitlements: [{ resource_id: seeded.role.id, permission_id: "assume" }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [req] = created.json();
    const remove = () =>
      call(t.app, callers.admin, {
        method: "DELETE",
        url: `/api/admin/v4/integrations/${seeded.account.id}`,
      });
    // Approved: live from then on, whichever step the grant job has reached.
    await call(t.app, people.owner!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: {},
    });
    const refusedEarly = await remove();
    expect(refusedEarly.statusCode, refusedEarly.body).toBe(409);
    await until(
      async () =>
        (await t.database.db.accessRequest.findUnique({ where: { id: req.id } }))?.status === "GRANTED",
    );
    expect(managedPolicies()).toHaveLength(1);
    const refused = await remove();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "INTEGRATION_HAS_LIVE_GRANTS" });
    expect(refused.json().message).toMatch(/1 live access grant \(1 access request\)/);
    expect(await t.database.db.integration.findUnique({ where: { id: seeded.account.id } })).not.toBeNull();

    const revoked = await call(t.app, people.requester!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/revoke`,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    await until(
      async () =>
        (await t.database.db.accessRequest.findUnique({ where: { id: req.id } }))?.status === "REVOKED",
    );
    expect(managedPolicies()).toEqual([]);
    const deleted = await remove();
    expect(deleted.statusCode, deleted.body).toBe(204);
  });
});
