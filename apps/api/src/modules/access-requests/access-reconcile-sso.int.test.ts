import {
  CreateAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
} from "@aws-sdk/client-sso-admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../../../test/fixtures.ts";
import { organizationContext } from "../../granting/testing/granting-harness.ts";
import {
  INSTANCE_ARN,
  MEMBER_A,
  permissionSetArn,
  userId,
} from "../../granting/testing/granting-scenario.ts";
import { until } from "./test/access-fixtures.ts";
import { type AwsAccessWorld, startAwsAccessWorld } from "./test/aws-access-world.ts";

// Issue #18 §3: "access Portcullis created that no grant holds is removed", for Identity Center
// assignments. Portcullis knows which assignments it made from its entitlement rows: one whose
// every grant has ended but that is in AWS again (a revoke that was lost, the assignment left
// behind or made again) is deleted and audited; an admin's own assignments are left alone.

let world: AwsAccessWorld;
let t: AwsAccessWorld["t"];
let h: AwsAccessWorld["h"];
let people: AwsAccessWorld["people"];
let jobs: AwsAccessWorld["jobs"];
let seeded: AwsAccessWorld["seeded"];
const REQUESTS = "/api/user/v4/access-requests";
const job = (id: string) => ({
  id,
  retryCount: 0,
  retryLimit: 0,
  lastAttempt: true,
  signal: new AbortController().signal,
});

beforeAll(async () => {
  // Operations settle on their second status poll: the granter polls at once, so no 2 s waits.
  world = await startAwsAccessWorld(
    { requester: 0, owner: 1 },
    { granter: { identityCenter: { firstPollMs: 0, pollIntervalMs: 20 } } },
  );
  ({ t, h, people, jobs, seeded } = world);
});
afterAll(async () => {
  await world?.close();
});

const assignments = () =>
  h.sandbox.state.assignments
    .list({ accountId: MEMBER_A })
    .map((a) => `${a.permissionSetArn}|${a.principalId}`)
    .sort();

/** An assignment made behind Portcullis's back (an admin in the console), settled. */
async function assignDirectly(ps: number, principalId: string): Promise<void> {
  const ctx = organizationContext();
  const sso = await h.aws.get("sso-admin", await h.identities.management(ctx), ctx.region);
  const { AccountAssignmentCreationStatus: started } = await sso.send(
    new CreateAccountAssignmentCommand({
      InstanceArn: INSTANCE_ARN,
      TargetId: MEMBER_A,
      TargetType: "AWS_ACCOUNT",
      PermissionSetArn: permissionSetArn(ps),
      PrincipalType: "USER",
      PrincipalId: principalId,
    }),
  );
  await until(async () => {
    const { AccountAssignmentCreationStatus: status } = await sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: INSTANCE_ARN,
        AccountAssignmentCreationRequestId: started!.RequestId,
      }),
    );
    return status?.Status === "SUCCEEDED";
  });
}

async function statusOf(id: string) {
  return (await t.database.db.accessRequest.findUniqueOrThrow({ where: { id } })).status;
}

describe("the reconciler and Identity Center assignments", () => {
  it("deletes an assignment Portcullis made whose grants have all ended (a lost revoke), audits it, and leaves an admin's assignments alone", async () => {
    const created = await call(t.app, people.requester!.caller, {
      method: "POST",
      url: REQUESTS,
      payload: { entitlements: [{ resource_id: seeded.memberAccount.id, permission_id: "PermissionSet0" }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [req] = created.json();
    await call(t.app, people.owner!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: {},
    });
    await until(async () => (await statusOf(req.id)) === "GRANTED");
    const ours = `${permissionSetArn(0)}|${userId(0)}`;
    expect(assignments()).toEqual([ours]);

    // An admin's own assignments in the same account: the same permission set for someone else,
    // and another permission set for the same person. Portcullis never made them.
    await assignDirectly(0, userId(1));
    await assignDirectly(2, userId(0));
    const admins = [`${permissionSetArn(0)}|${userId(1)}`, `${permissionSetArn(2)}|${userId(0)}`];

    // While the grant is live, the reconciler removes nothing.
    expect((await jobs.reconcile(job("reconcile-sso-1"))).removed).toEqual([]);
    expect(assignments()).toEqual([...admins, ours].sort());

    const revoked = await call(t.app, people.requester!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/revoke`,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    await until(async () => (await statusOf(req.id)) === "REVOKED");
    expect(assignments()).toEqual(admins);

    // The revoke was "lost": the assignment is in AWS again after its row ended.
    await assignDirectly(0, userId(0));
    const [entitlement] = await t.database.db.accessRequestEntitlement.findMany({
      where: { requestId: req.id },
    });
    const report = await jobs.reconcile(job("reconcile-sso-2"));
    expect(report.removed).toEqual([`${people.requester!.id}|${entitlement!.targetKey}`]);
    expect(assignments()).toEqual(admins);
    const [entry] = await t.database.db.auditLog.findMany({
      where: { action: "access_grant.unheld_removed", targetId: entitlement!.id },
    });
    expect(entry?.after).toMatchObject({
      request_id: req.id,
      person_id: people.requester!.id,
      target_key: entitlement!.targetKey,
      ended_entitlements: [entitlement!.id],
    });

    // Compared once after it ended: a later pass neither removes nor looks again.
    h.sandbox.resetCalls();
    expect((await jobs.reconcile(job("reconcile-sso-3"))).removed).toEqual([]);
    expect(h.sandbox.callCount({ operation: "DeleteAccountAssignment" })).toBe(0);
    expect(assignments()).toEqual(admins);
  });
});
