import { NAME_MESSAGES } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { fakeConnectorChecker } from "../../../test/fake-connector-checker.ts";
import { accountBody, type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { CONNECTOR_MESSAGES } from "./connector.service.ts";

let t: TestApp;
let callers: Callers;
const fake = fakeConnectorChecker();

beforeAll(async () => {
  t = await createTestApp({}, { connectorChecker: fake.checker });
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

function register(payload: unknown) {
  return call(t.app, callers.admin, { method: "POST", url: "/api/admin/v3/connectors", payload });
}

describe("POST /api/admin/v3/connectors", () => {
  it("registers a connector with a readable id and a generated external id, and checks it", async () => {
    const response = await register({
      name: "Prod US East",
      role_arn: "arn:aws:iam::123456789012:role/PortcullisConnector",
      region: "us-east-1",
    });
    expect(response.statusCode, response.body).toBe(201);
    const connector = response.json();
    expect(connector).toEqual({
      id: "aws-connector-prod-us-east",
      name: "Prod US East",
      status: "CONNECTED",
      version: expect.any(String),
      last_connected: expect.any(String),
      is_latest_version: true,
      cloud_provider_type: "AWS",
      sessions: [
        {
          id: expect.any(String),
          metadata: {
            cloud_provider_metadata: { aws_account_id: "123456789012", region: "us-east-1" },
            connector_version: expect.any(String),
          },
          last_connected_time: connector.last_connected,
        },
      ],
      role_arn: "arn:aws:iam::123456789012:role/PortcullisConnector",
      external_id: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      region: "us-east-1",
      aws_account_id: "123456789012",
      last_check: {
        ok: true,
        checked_at: expect.any(String),
        message: "Connected to AWS account 123456789012.",
        error_code: null,
        warnings: [],
        failed_step: null,
      },
      credentials: "role",
      pending_reason: null,
      used_by_integrations: 0,
    });
    expect(fake.calls.at(-1)).toMatchObject({ id: connector.id, externalId: connector.external_id });
    const actions = await t.database.db.auditLog.findMany({
      where: { targetId: connector.id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((entry) => entry.action)).toEqual(["connector.create", "connector.check"]);
  });

  it("adds a suffix when the id is taken, and refuses a taken name (409 on name)", async () => {
    const first = await register({ name: "Staging.", region: "eu-west-1" });
    expect(first.json().id).toBe("aws-connector-staging");
    const second = await register({ name: "staging", region: "eu-west-1" });
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe("aws-connector-staging-2");
    const taken = await register({ name: "staging", region: "eu-west-1" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().issues).toEqual([{ path: "name", message: CONNECTOR_MESSAGES.nameTaken }]);
  });

  it("still registers a connector whose role cannot be assumed, as PENDING with the reason", async () => {
    const response = await register({
      name: "Broken",
      role_arn: "arn:aws:iam::123456789012:role/BrokenRole",
      region: "us-east-1",
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: "PENDING",
      pending_reason: expect.stringContaining("access denied"),
      sessions: [],
      last_connected: null,
      last_check: {
        ok: false,
        error_code: "AccessDenied",
        message: expect.stringContaining("access denied"),
      },
    });
  });

  it("survives a checker that throws: the check is recorded as failed, not a 500", async () => {
    fake.respondWith(() => {
      throw new Error("socket hang up");
    });
    try {
      const response = await register({ name: "Flaky", region: "us-east-1" });
      expect(response.statusCode).toBe(201);
      expect(response.json().last_check).toMatchObject({
        ok: false,
        message: CONNECTOR_MESSAGES.checkCrashed,
      });
    } finally {
      fake.respondWith(null);
    }
  });

  it("validates the body with the shared messages", async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ region: "us-east-1" }, "name", NAME_MESSAGES.required],
      [
        { name: "x", region: "us-east-1", role_arn: "arn:aws:iam::1:role/x" },
        "role_arn",
        "Role ARN must look like arn:aws:iam::123456789012:role/RoleName.",
      ],
      [{ name: "x" }, "region", "Select the region the connector runs in."],
      [
        { name: "x", region: "us-east-1", id: "mine" },
        "",
        'Remove "id": it is derived from the name by the server.',
      ],
    ];
    for (const [payload, path, message] of cases) {
      const response = await register(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().issues).toContainEqual({ path, message });
    }
  });
});

describe("GET /api/admin/v3/connectors", () => {
  it("lists by id with status filter and keyset pages", async () => {
    const all = await t.database.db.connector.findMany({ orderBy: { id: "asc" } });
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const url: string = `/api/admin/v3/connectors?limit=2${token ? `&page_token=${token}` : ""}`;
      const body = (await call(t.app, callers.admin, { method: "GET", url })).json();
      seen.push(...body.items.map((item: { id: string }) => item.id));
      token = body.pagination.next_page_token;
    } while (token);
    expect(seen).toEqual(all.map((row) => row.id));

    const down = (
      await call(t.app, callers.admin, { method: "GET", url: "/api/admin/v3/connectors?status=PENDING" })
    ).json();
    expect(down.items.length).toBeGreaterThan(0);
    expect(down.items.every((item: { status: string }) => item.status === "PENDING")).toBe(true);
    const bad = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/v3/connectors?status=UP",
    });
    expect(bad.json().issues).toContainEqual({
      path: "status.0",
      message: "Status must be CONNECTED, PENDING or DISCONNECTED.",
    });
  });

  it("gets one by id; unknown ids are 404", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/v3/connectors/aws-connector-prod-us-east",
    });
    expect(response.json().name).toBe("Prod US East");
    expect(
      (await call(t.app, callers.admin, { method: "GET", url: "/api/admin/v3/connectors/nope" })).statusCode,
    ).toBe(404);
  });
});

describe("PUT /api/admin/v3/connectors/{id}", () => {
  it("renames without a new check; a new role or region is checked again", async () => {
    const created = (await register({ name: "Editable", region: "us-east-1" })).json();
    const callsBefore = fake.calls.length;
    const renamed = await call(t.app, callers.admin, {
      method: "PUT",
      url: `/api/admin/v3/connectors/${created.id}`,
      payload: { name: "Edited" },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: created.id, name: "Edited", status: "CONNECTED" });
    expect(fake.calls.length).toBe(callsBefore);

    const repointed = await call(t.app, callers.admin, {
      method: "PUT",
      url: `/api/admin/v3/connectors/${created.id}`,
      payload: { name: "Edited", role_arn: "arn:aws:iam::123456789012:role/BrokenRole" },
    });
    expect(repointed.json()).toMatchObject({
      status: "PENDING",
      role_arn: "arn:aws:iam::123456789012:role/BrokenRole",
    });
    expect(fake.calls.length).toBe(callsBefore + 1);

    const taken = await call(t.app, callers.admin, {
      method: "PUT",
      url: `/api/admin/v3/connectors/${created.id}`,
      payload: { name: "Prod US East" },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().issues).toEqual([{ path: "name", message: CONNECTOR_MESSAGES.nameTaken }]);
    expect(
      (
        await call(t.app, callers.admin, {
          method: "PUT",
          url: "/api/admin/v3/connectors/nope",
          payload: { name: "x" },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("POST /api/admin/v3/connectors/{id}/check", () => {
  it("stores the outcome of a live check", async () => {
    const created = (
      await register({
        name: "Recheck",
        role_arn: "arn:aws:iam::123456789012:role/BrokenRole",
        region: "us-east-1",
      })
    ).json();
    // Its role cannot be assumed yet: Pending, saying what is missing, never Connected.
    expect(created.status).toBe("PENDING");
    expect(created.pending_reason).toContain("BrokenRole");
    fake.respondWith(() => ({
      ok: true,
      accountId: "999988887777",
      callerArn: null,
      message: "Fixed.",
      errorCode: null,
      warnings: ["No EC2 access."],
    }));
    try {
      const response = await call(t.app, callers.admin, {
        method: "POST",
        url: `/api/admin/v3/connectors/${created.id}/check`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        status: "CONNECTED",
        aws_account_id: "999988887777",
        last_connected: expect.any(String),
        last_check: { ok: true, message: "Fixed.", warnings: ["No EC2 access."] },
      });
    } finally {
      fake.respondWith(null);
    }
    expect(
      (await call(t.app, callers.admin, { method: "POST", url: "/api/admin/v3/connectors/nope/check" }))
        .statusCode,
    ).toBe(404);
  });

  it("is a 503 in a process without a checker", async () => {
    const bare = await createTestApp();
    try {
      const admin = await setUpCallers(bare.database.db);
      const created = await call(bare.app, admin.admin, {
        method: "POST",
        url: "/api/admin/v3/connectors",
        payload: { name: "Unchecked", region: "us-east-1" },
      });
      expect(created.json()).toMatchObject({ status: "DISCONNECTED", last_check: null });
      const response = await call(bare.app, admin.admin, {
        method: "POST",
        url: `/api/admin/v3/connectors/${created.json().id}/check`,
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().message).toBe(CONNECTOR_MESSAGES.checksUnavailable);
    } finally {
      await bare.close();
    }
  });
});

describe("DELETE /api/admin/v3/connectors/{id}", () => {
  it("refuses a connector in use, naming the integrations; deletes an unused one", async () => {
    const used = (await register({ name: "In Use", region: "us-east-1" })).json();
    const integration = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: accountBody(used.id, { name: "Depends On It" }),
    });
    expect(integration.statusCode).toBe(201);
    const refused = await call(t.app, callers.admin, {
      method: "DELETE",
      url: `/api/admin/v3/connectors/${used.id}`,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      'Connector "aws-connector-in-use" is used by 1 integration: "Depends On It". Delete them or move them to another connector first.',
    );

    const unused = (await register({ name: "Unused", region: "us-east-1" })).json();
    expect(
      (await call(t.app, callers.admin, { method: "DELETE", url: `/api/admin/v3/connectors/${unused.id}` }))
        .statusCode,
    ).toBe(204);
    expect(await t.database.db.connector.count({ where: { id: unused.id } })).toBe(0);
    expect(
      (await call(t.app, callers.admin, { method: "DELETE", url: `/api/admin/v3/connectors/${unused.id}` }))
        .statusCode,
    ).toBe(404);
  });
});
