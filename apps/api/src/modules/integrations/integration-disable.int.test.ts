import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { accountBody, type Callers, call, seedConnector, setUpCallers } from "../../../test/fixtures.ts";
import { enqueueBackgroundRun } from "../../discovery/sync/enqueue-run.ts";

let t: TestApp;
let callers: Callers;
let connectorId: string;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  connectorId = (await seedConnector(t.database.db)).id;
});
afterAll(() => t.close());

function post(url: string) {
  return call(t.app, callers.admin, { method: "POST", url });
}

/** An integration whose first fetch is done: Active, due for its periodic fetch. */
async function activeIntegration(name: string) {
  const created = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: accountBody(connectorId, { name }),
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json();
  await t.database.db.syncRun.updateMany({ where: { integrationId: id }, data: { state: "succeeded" } });
  await t.database.db.integration.update({
    where: { id },
    data: { status: "Active", nextSyncAt: new Date(Date.now() - 60_000) },
  });
  return id as string;
}

const runsOf = (integrationId: string) =>
  t.database.db.syncRun.findMany({ where: { integrationId }, orderBy: { createdAt: "asc" } });

describe("disabling an integration", () => {
  it("stops every fetch (periodic, manual, after an edit) and hides it from the portal", async () => {
    const id = await activeIntegration("To disable");
    const disabled = await post(`/api/admin/v4/integrations/${id}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().status).toBe("Disabled");

    // Periodic: the one path that queues background fetches refuses it.
    expect(
      await enqueueBackgroundRun(t.database.db, t.queue, id, { trigger: "scheduled", status: "Refreshing" }),
    ).toBeNull();
    // Manual: a 409 with its code.
    const refresh = await post(`/api/v2/integrations/${id}/refresh`);
    expect(refresh.statusCode).toBe(409);
    expect(refresh.json()).toMatchObject({ code: "INTEGRATION_DISABLED" });
    expect(refresh.json().message).toContain("Enable it");
    // An edit of what is fetched is saved, but queues nothing.
    const edited = await call(t.app, callers.admin, {
      method: "PUT",
      url: `/api/admin/v4/integrations/${id}`,
      payload: accountBody(connectorId, { name: "To disable", integration_config: { region: "eu-west-1" } }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: "Disabled", integration_config: { region: "eu-west-1" } });
    expect((await runsOf(id)).map((run) => run.trigger)).toEqual(["initial"]);

    const portal = await call(t.app, callers.user, {
      method: "GET",
      url: "/api/portal/integrations?limit=100",
    });
    expect(portal.json().items.map((item: { id: string }) => item.id)).not.toContain(id);

    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { targetId: id, action: "integration.disable" },
    });
    expect(audit.before).toEqual({ status: "Active" });
    expect(audit.after).toEqual({ status: "Disabled" });
  });

  it("is undone by enable, which queues a fetch at once; both are no-ops when repeated", async () => {
    const id = await activeIntegration("To enable");
    expect((await post(`/api/admin/v4/integrations/${id}/disable`)).statusCode).toBe(200);
    const again = await post(`/api/admin/v4/integrations/${id}/disable`);
    expect(again.json().status).toBe("Disabled");
    expect(
      await t.database.db.auditLog.count({ where: { targetId: id, action: "integration.disable" } }),
    ).toBe(1);

    const enabled = await post(`/api/admin/v4/integrations/${id}/enable`);
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json().status).toBe("Refreshing");
    const runs = await runsOf(id);
    expect(runs.map((run) => [run.trigger, run.state])).toEqual([
      ["initial", "succeeded"],
      ["enable", "queued"],
    ]);
    expect(enabled.json().portcullis.sync.run_id).toBe(runs[1]!.id);

    const twice = await post(`/api/admin/v4/integrations/${id}/enable`);
    expect(twice.json().status).toBe("Refreshing");
    expect(await runsOf(id)).toHaveLength(2);
  });

  it("keeps a fetch that was still waiting, rather than queueing a second one", async () => {
    const id = await activeIntegration("Waiting fetch");
    expect((await post(`/api/v2/integrations/${id}/refresh`)).statusCode).toBe(200);
    expect((await post(`/api/admin/v4/integrations/${id}/disable`)).json().status).toBe("Disabled");
    const enabled = await post(`/api/admin/v4/integrations/${id}/enable`);
    expect(enabled.json().status).toBe("Refreshing");
    expect((await runsOf(id)).map((run) => run.trigger)).toEqual(["initial", "manual"]);
  });

  it("answers 404 for an unknown integration", async () => {
    for (const action of ["disable", "enable"]) {
      const response = await post(`/api/admin/v4/integrations/${crypto.randomUUID()}/${action}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("NOT_FOUND");
    }
  });
});
