import {
  INTEGRATION_BODY_HINTS,
  INTEGRATION_CATALOG,
  NAME_MESSAGES,
  ZIntegrationListV4,
} from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import {
  accountBody,
  type Callers,
  call,
  organizationBody,
  seedConnector,
  seedResources,
  setUpCallers,
} from "../../../test/fixtures.ts";
import { INTEGRATION_MESSAGES } from "./integration-rules.ts";

let t: TestApp;
let callers: Callers;
let connectorId: string;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  connectorId = (await seedConnector(t.database.db)).id;
});
afterAll(() => t.close());

async function createIntegration(body: unknown) {
  const response = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function put(id: string, payload: unknown) {
  return call(t.app, callers.admin, { method: "PUT", url: `/api/admin/v4/integrations/${id}`, payload });
}

async function jobState(jobId: string): Promise<string | undefined> {
  const rows = await t.database.db.$queryRaw<Array<{ state: string }>>`
    SELECT state::text AS state FROM pgboss.job WHERE id = ${jobId}::uuid`;
  return rows[0]?.state;
}

describe("GET /api/admin/v4/integrations/{id}", () => {
  it("returns the integration with the progress and errors of its latest fetch", async () => {
    const created = await createIntegration(accountBody(connectorId));
    const run = await t.database.db.syncRun.findFirstOrThrow({ where: { integrationId: created.id } });
    await t.database.db.syncRun.update({
      where: { id: run.id },
      data: {
        state: "running",
        startedAt: new Date(),
        scopesTotal: 4,
        scopesDone: 2,
        scopesFailed: 1,
        resourcesFound: 17,
        errors: [
          {
            scope: "111122223333/us-east-1",
            account_id: "111122223333",
            region: "us-east-1",
            resource_type: "aws-account-ec2-instance",
            code: "AccessDenied",
            message: "ec2:DescribeInstances was denied.",
            fix: "Attach AmazonEC2ReadOnlyAccess to the connector's role.",
          },
          { not: "an error entry" },
        ],
      },
    });
    const response = await call(t.app, callers.adminToken, {
      method: "GET",
      url: `/api/admin/v4/integrations/${created.id}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().portcullis).toMatchObject({
      sync: {
        run_id: run.id,
        state: "running",
        scopes_total: 4,
        scopes_done: 2,
        scopes_failed: 1,
        resources_found: 17,
      },
      errors: [{ code: "AccessDenied", resource_type: "aws-account-ec2-instance", fix: expect.any(String) }],
    });
    expect(response.json().portcullis.errors).toHaveLength(1);
  });

  it("is a 404 for unknown or malformed ids", async () => {
    for (const id of [crypto.randomUUID(), "not-a-uuid"]) {
      const response = await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/admin/v4/integrations/${id}`,
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().message).toBe(`No integration with id "${id}".`);
    }
  });
});

describe("GET /api/admin/v4/integrations/{id}/sync-runs", () => {
  it("lists the fetch history newest first, with trigger, counters and per-scope errors", async () => {
    const created = await createIntegration(accountBody(connectorId));
    const initial = await t.database.db.syncRun.findFirstOrThrow({ where: { integrationId: created.id } });
    await t.database.db.syncRun.update({
      where: { id: initial.id },
      data: {
        state: "partial",
        startedAt: new Date(Date.now() - 5_000),
        finishedAt: new Date(),
        scopesTotal: 2,
        scopesDone: 1,
        scopesFailed: 1,
        resourcesFound: 9,
        message: "1 of 2 scopes failed.",
        errors: [
          {
            scope: "aws-account-s3-bucket",
            account_id: "111122223333",
            region: null,
            resource_type: "aws-account-s3-bucket",
            code: "AccessDenied",
            message: "s3:ListAllMyBuckets was denied.",
            fix: "Allow s3:ListAllMyBuckets on the connector's role.",
          },
        ],
      },
    });
    const manual = await t.database.db.syncRun.create({
      data: { integrationId: created.id, trigger: "manual", createdAt: new Date(Date.now() + 1_000) },
    });
    const response = await call(t.app, callers.adminToken, {
      method: "GET",
      url: `/api/admin/v4/integrations/${created.id}/sync-runs?limit=5`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { items } = response.json();
    expect(items.map((run: { run_id: string }) => run.run_id)).toEqual([manual.id, initial.id]);
    expect(items[0]).toMatchObject({ trigger: "manual", state: "queued", errors: [], message: null });
    expect(items[1]).toMatchObject({
      trigger: "initial",
      state: "partial",
      scopes_failed: 1,
      resources_found: 9,
      message: "1 of 2 scopes failed.",
      errors: [{ code: "AccessDenied", fix: "Allow s3:ListAllMyBuckets on the connector's role." }],
    });
  });

  it("is a 404 for an unknown integration and a 400 for a bad limit", async () => {
    const unknown = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/admin/v4/integrations/${crypto.randomUUID()}/sync-runs`,
    });
    expect(unknown.statusCode).toBe(404);
    const created = await createIntegration(accountBody(connectorId));
    const bad = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/admin/v4/integrations/${created.id}/sync-runs?limit=0`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe("limit");
  });
});

describe("GET /api/admin/v4/integrations", () => {
  let otherConnector: string;
  beforeAll(async () => {
    otherConnector = (await seedConnector(t.database.db)).id;
    for (const name of ["alpha-prod", "alpha-dev", "beta-prod", "Gamma Prod"]) {
      await createIntegration(accountBody(connectorId, { name: `list ${name}` }));
    }
    await createIntegration(organizationBody(otherConnector, { name: "list org-prod" }));
  });

  async function names(query: string): Promise<string[]> {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/admin/v4/integrations?${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    // The list is sent as JSON text, past the zod serializer: it must still be the schema's shape.
    const body = response.json();
    expect(ZIntegrationListV4.parse(body)).toEqual(body);
    expect(body.items.every((item: { portcullis: { sync: unknown } }) => item.portcullis.sync !== null)).toBe(
      true,
    );
    return body.items
      .map((item: { name: string }) => item.name)
      .filter((name: string) => name.startsWith("list "));
  }

  it("lists each integration exactly as GET by id returns it, latest fetch and errors included", async () => {
    const listed = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/v4/integrations?name=list*&limit=100",
    });
    const items: Array<{ id: string }> = listed.json().items;
    expect(items.length).toBeGreaterThanOrEqual(5);
    const someRun = await t.database.db.syncRun.findFirstOrThrow({ where: { integrationId: items[0]!.id } });
    await t.database.db.syncRun.update({
      where: { id: someRun.id },
      data: {
        state: "partial",
        scopesTotal: 3,
        scopesDone: 2,
        scopesFailed: 1,
        startedAt: new Date(),
        errors: [
          {
            scope: "s",
            account_id: "111122223333",
            region: "us-east-1",
            resource_type: "aws-account-s3-bucket",
            code: "AccessDenied",
            message: "m",
            fix: "f",
          },
        ],
      },
    });
    const again = (
      await call(t.app, callers.admin, {
        method: "GET",
        url: "/api/admin/v4/integrations?name=list*&limit=100",
      })
    ).json().items;
    for (const item of again) {
      const one = await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/admin/v4/integrations/${item.id}`,
      });
      expect(item).toEqual(one.json());
    }
    expect(again[0].portcullis.sync).toMatchObject({ state: "partial", scopes_failed: 1 });
    expect(again[0].portcullis.errors).toHaveLength(1);
  });

  it("filters by name with * wildcards, any case", async () => {
    expect((await names("name=*prod")).sort()).toEqual([
      "list Gamma Prod",
      "list alpha-prod",
      "list beta-prod",
      "list org-prod",
    ]);
    expect((await names("name=list%20alpha*")).sort()).toEqual(["list alpha-dev", "list alpha-prod"]);
    expect(await names("name=*ETA*")).toEqual(["list beta-prod"]);
    expect(await names("name=list%20alpha-dev")).toEqual(["list alpha-dev"]);
    expect(await names("name=list%20alpha")).toEqual([]);
    // LIKE wildcards are plain characters.
    expect(await names("name=list_alpha*")).toEqual([]);
    expect(await names("name=list%25alpha-dev")).toEqual([]);
    expect(await names("name=*%25*")).toEqual([]);
    expect((await names("name=list*a*prod")).sort()).toEqual([
      "list Gamma Prod",
      "list alpha-prod",
      "list beta-prod",
    ]);
  });

  it("filters by type (wildcards, repeatable), status and connector_id (repeatable)", async () => {
    expect(await names("type=aws-organization")).toEqual(["list org-prod"]);
    expect(await names("type=*organization")).toEqual(["list org-prod"]);
    expect((await names("type=aws-organization&type=aws-acc*")).length).toBe(5);
    expect(await names(`connector_id=${otherConnector}`)).toEqual(["list org-prod"]);
    expect((await names(`connector_id=${otherConnector}&connector_id=${connectorId}`)).length).toBe(5);
    expect((await names("status=Initializing")).length).toBe(5);
    expect(await names("status=Active")).toEqual([]);
  });

  it("rejects bad filters with the shared messages", async () => {
    const cases: Array<[string, string, string]> = [
      [
        "status=Broken",
        "status.0",
        "Status must be one of: Initializing, Refreshing, Active, Warning, Error, Disabled.",
      ],
      ["limit=0", "limit", "limit must be a whole number from 1 to 1000."],
      ["limit=1001", "limit", "limit must be a whole number from 1 to 1000."],
      [
        "page_token=bogus",
        "page_token",
        "page_token is not valid: pass the next_page_token of the previous page unchanged.",
      ],
    ];
    for (const [query, path, message] of cases) {
      const response = await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/admin/v4/integrations?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().issues).toContainEqual({ path, message });
    }
  });

  it("pages by keyset: every integration once, newest first, even while rows are added", async () => {
    const all = await t.database.db.integration.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/admin/v4/integrations?limit=3${token ? `&page_token=${token}` : ""}`;
      const body = (await call(t.app, callers.admin, { method: "GET", url })).json();
      seen.push(...body.items.map((item: { id: string }) => item.id));
      token = body.pagination.next_page_token;
      // A new integration appears mid-walk: it is newer, so it belongs before the cursor and is not repeated.
      if (pages++ === 0) await createIntegration(accountBody(connectorId, { name: "added while paging" }));
    } while (token);
    expect(seen).toEqual(all.map((row) => row.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("PUT /api/admin/v4/integrations/{id}", () => {
  it("replaces the settings, records before and after, and queues a fetch when discovery changes", async () => {
    const created = await createIntegration(accountBody(connectorId, { name: "Editable" }));
    await t.database.db.syncRun.updateMany({
      where: { integrationId: created.id },
      data: { state: "succeeded" },
    });
    await t.database.db.integration.update({ where: { id: created.id }, data: { status: "Active" } });

    const { type: _type, ...body } = accountBody(connectorId, {
      name: "Edited",
      integration_config: { region: "eu-west-1", profile: "prod" },
      connected_resource_types: ["aws-account-ec2-instance"],
      custom_access_details: "Ask #platform.",
    });
    const response = await put(created.id, body);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      name: "Edited",
      status: "Refreshing",
      integration_config: { region: "eu-west-1", profile: "prod" },
      connected_resource_types: ["aws-account-ec2-instance"],
      custom_access_details: "Ask #platform.",
      portcullis: { sync: { state: "queued" } },
    });
    const runs = await t.database.db.syncRun.findMany({
      where: { integrationId: created.id },
      orderBy: { createdAt: "asc" },
    });
    expect(runs.map((run) => run.trigger)).toEqual(["initial", "update"]);
    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { action: "integration.update", targetId: created.id },
    });
    expect(audit.before).toMatchObject({ name: "Editable" });
    expect(audit.after).toMatchObject({ name: "Edited" });

    // A rename alone queues nothing.
    const renamed = await put(created.id, { ...body, name: "Edited again" });
    expect(renamed.statusCode).toBe(200);
    expect(await t.database.db.syncRun.count({ where: { integrationId: created.id } })).toBe(2);
  });

  it("queues nothing when only the owners change, though the edit page sends every setting (unset ones as their default or '')", async () => {
    const created = await createIntegration(
      accountBody(connectorId, {
        owner: { attribute_type: "user", attribute_value: ["alice@portcullis.dev"] },
        owners_mapping: { key_name: "no-such-tag", attribute_type: "user" },
      }),
    );
    // Its first fetch is over (a waiting one would absorb any new one).
    await t.database.db.syncRun.updateMany({
      where: { integrationId: created.id },
      data: { state: "succeeded" },
    });
    await t.database.db.integration.update({ where: { id: created.id }, data: { status: "Active" } });
    // Every config key of the type, as the wizard's form holds them: the saved value, else the
    // catalog's default (Enable Audit "false") or "".
    const config = Object.fromEntries(
      INTEGRATION_CATALOG["aws-account"].params.map((param) => [
        param.id,
        created.integration_config[param.id] ?? param.default ?? "",
      ]),
    );
    expect(Object.values(config)).toContain("");
    expect(created.integration_config).not.toHaveProperty("enable_audit");
    expect(config).toHaveProperty("enable_audit", "false");
    const { type: _type, ...body } = accountBody(connectorId, {
      name: created.name,
      integration_config: config,
      owner: { attribute_type: "user", attribute_value: ["alice@portcullis.dev"] },
      owners_mapping: { key_name: "owner", attribute_type: "user" },
    });
    const response = await put(created.id, body);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().owners_mapping).toMatchObject({ key_name: "owner" });
    expect(await t.database.db.syncRun.count({ where: { integrationId: created.id } })).toBe(1);
  });

  it("keeps the type: the same type is tolerated, another one is a 400 on type", async () => {
    const created = await createIntegration(accountBody(connectorId));
    const { type: _type, ...body } = accountBody(connectorId, { name: created.name });
    expect((await put(created.id, { ...body, type: "aws-account" })).statusCode).toBe(200);
    const changed = await put(created.id, { ...body, type: "aws-organization" });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().issues).toEqual([{ path: "type", message: INTEGRATION_BODY_HINTS.type }]);
  });

  it("applies the rules of the integration's type, the connector, owner and name rules", async () => {
    const created = await createIntegration(organizationBody(connectorId));
    await createIntegration(accountBody(connectorId, { name: "Already Used" }));
    const { type: _type, ...body } = organizationBody(connectorId, { name: created.name });

    const accountConfig = await put(created.id, { ...body, integration_config: { region: "us-east-1" } });
    expect(accountConfig.statusCode).toBe(400);
    expect(accountConfig.json().issues).toContainEqual({
      path: "integration_config.sso_portal",
      message: "Enter the SSO portal URL.",
    });
    const accountTypes = await put(created.id, {
      ...body,
      connected_resource_types: ["aws-account-iam-role"],
    });
    expect(accountTypes.json().issues[0].message).toContain("is not a resource type of Amazon Organization");
    const notText = await put(created.id, { ...body, integration_config: { region: 1 } });
    expect(notText.json().issues).toContainEqual({
      path: "integration_config.region",
      message: "Send every integration config value as a string.",
    });

    const taken = await put(created.id, { ...body, name: "Already Used" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().issues).toEqual([{ path: "name", message: INTEGRATION_MESSAGES.nameTaken }]);
    expect((await put(created.id, { ...body, name: "" })).json().issues).toContainEqual({
      path: "name",
      message: NAME_MESSAGES.required,
    });

    const down = await seedConnector(t.database.db, { status: "DISCONNECTED" });
    const toDown = await put(created.id, { ...body, connector_id: down.id });
    expect(toDown.statusCode).toBe(400);
    expect(toDown.json().issues[0].path).toBe("connector_id");

    const badOwner = await put(created.id, {
      ...body,
      owner: { attribute_type: "user", attribute_value: ["zed@x.dev"] },
    });
    expect(badOwner.json().issues[0].path).toBe("owner.attribute_value");

    // Its own connector going down does not block other edits.
    await t.database.db.connector.update({ where: { id: connectorId }, data: { status: "DISCONNECTED" } });
    try {
      expect((await put(created.id, { ...body, custom_access_details: "still editable" })).statusCode).toBe(
        200,
      );
    } finally {
      await t.database.db.connector.update({ where: { id: connectorId }, data: { status: "CONNECTED" } });
    }
    expect((await put(crypto.randomUUID(), body)).statusCode).toBe(404);
  });
});

describe("DELETE /api/admin/v4/integrations/{id}", () => {
  it("removes its resources and runs and cancels its pending fetch jobs", async () => {
    const created = await createIntegration(accountBody(connectorId));
    await seedResources(t.database.db, created.id, 30);
    const run = await t.database.db.syncRun.findFirstOrThrow({ where: { integrationId: created.id } });
    expect(await jobState(run.jobId!)).toBe("created");

    const response = await call(t.app, callers.admin, {
      method: "DELETE",
      url: `/api/admin/v4/integrations/${created.id}`,
    });
    expect(response.statusCode).toBe(204);
    expect(await t.database.db.integration.count({ where: { id: created.id } })).toBe(0);
    expect(await t.database.db.resource.count({ where: { integrationId: created.id } })).toBe(0);
    expect(await t.database.db.syncRun.count({ where: { integrationId: created.id } })).toBe(0);
    expect(await jobState(run.jobId!)).toBe("cancelled");
    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { action: "integration.delete", targetId: created.id },
    });
    expect(audit.before).toMatchObject({ name: created.name, resources_removed: 30, jobs_cancelled: 1 });

    expect(
      (
        await call(t.app, callers.admin, {
          method: "DELETE",
          url: `/api/admin/v4/integrations/${created.id}`,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("POST /api/v2/integrations/{id}/refresh", () => {
  it("queues one fetch at a time, and moves the status to Refreshing", async () => {
    const created = await createIntegration(accountBody(connectorId, { name: "Refreshable" }));
    const refresh = () =>
      call(t.app, callers.admin, { method: "POST", url: `/api/v2/integrations/${created.id}/refresh` });

    const whileInitial = await refresh();
    expect(whileInitial.statusCode).toBe(200);
    expect(whileInitial.json().message).toBe(
      'A fetch of "Refreshable" is already queued; no new one was queued. Its progress is under portcullis.sync.',
    );

    await t.database.db.syncRun.updateMany({
      where: { integrationId: created.id },
      data: { state: "succeeded" },
    });
    await t.database.db.integration.update({ where: { id: created.id }, data: { status: "Active" } });
    // Two clicks at once queue one fetch.
    const [first, second] = await Promise.all([refresh(), refresh()]);
    expect([first.json().message, second.json().message].sort()).toEqual([
      'A fetch of "Refreshable" is already queued; no new one was queued. Its progress is under portcullis.sync.',
      'Queued a fetch of "Refreshable".',
    ]);
    const runs = await t.database.db.syncRun.findMany({
      where: { integrationId: created.id },
      orderBy: { createdAt: "asc" },
    });
    expect(runs.map((run) => [run.trigger, run.state])).toEqual([
      ["initial", "succeeded"],
      ["manual", "queued"],
    ]);
    expect(await jobState(runs[1]!.jobId!)).toBe("created");
    const row = await t.database.db.integration.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ status: "Refreshing", currentSyncRunId: runs[1]!.id });

    expect(
      (
        await call(t.app, callers.admin, {
          method: "POST",
          url: `/api/v2/integrations/${crypto.randomUUID()}/refresh`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("keeps Initializing while the first fetch has not finished", async () => {
    const created = await createIntegration(accountBody(connectorId));
    await t.database.db.syncRun.updateMany({
      where: { integrationId: created.id },
      data: { state: "failed" },
    });
    const response = await call(t.app, callers.admin, {
      method: "POST",
      url: `/api/v2/integrations/${created.id}/refresh`,
    });
    expect(response.json().message).toMatch(/^Queued a fetch/);
    expect((await t.database.db.integration.findUniqueOrThrow({ where: { id: created.id } })).status).toBe(
      "Initializing",
    );
  });
});
