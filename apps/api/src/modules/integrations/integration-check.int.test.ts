import type { TIntegrationCheck } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import {
  accountBody,
  type Callers,
  call,
  countRows,
  seedConnector,
  setUpCallers,
} from "../../../test/fixtures.ts";
import type { IntegrationCheckTarget } from "../../core/integration-check.types.ts";

let t: TestApp;
let callers: Callers;
let connectorId: string;
const seen: IntegrationCheckTarget[] = [];
const AWS_CHECK: TIntegrationCheck = {
  name: "Connector reachable",
  status: "passed",
  message: "reached",
  fix: null,
  field: null,
};

beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      integrationChecker: {
        async check(target) {
          seen.push(target);
          return [AWS_CHECK];
        },
      },
    },
  );
  callers = await setUpCallers(t.database.db);
  connectorId = (await seedConnector(t.database.db)).id;
});
afterAll(() => t.close());

function check(payload: unknown, caller = callers.admin) {
  return call(t.app, caller, { method: "POST", url: "/api/admin/v4/integrations/check", payload });
}

describe("POST /api/admin/v4/integrations/check", () => {
  it("answers named checks for the create body, the name first, and creates nothing", async () => {
    const before = await countRows(t.database.db);
    const response = await check(accountBody(connectorId, { name: "Checked Account" }));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().checks).toEqual([
      { name: "Name is free", status: "passed", message: expect.any(String), fix: null, field: null },
      AWS_CHECK,
    ]);
    expect(seen.at(-1)).toMatchObject({ type: "aws-account", config: { region: "us-east-1" } });
    expect(await countRows(t.database.db)).toEqual(before);
  });

  it("fails the name when another integration has it in another case", async () => {
    const created = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: accountBody(connectorId, { name: "UX Prod Account" }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const response = await check(accountBody(connectorId, { name: "ux prod account" }));
    expect(response.json().checks[0]).toMatchObject({
      name: "Name is free",
      status: "failed",
      field: "name",
    });
    const duplicate = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: accountBody(connectorId, { name: "ux prod account" }),
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it("fails an unknown connector on its field without calling AWS", async () => {
    const calls = seen.length;
    const response = await check(accountBody("no-such-connector"));
    expect(response.json().checks[1]).toMatchObject({ status: "failed", field: "connector_id" });
    expect(seen.length).toBe(calls);
  });

  it("is for admins only, and validates the body like create", async () => {
    expect((await check(accountBody(connectorId), callers.user)).statusCode).toBe(403);
    const bad = await check({ ...accountBody(connectorId), connected_resource_types: [] });
    expect(bad.statusCode).toBe(400);
  });
});
