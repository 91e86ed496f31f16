import { toIntegrationConfigV2 } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

describe("integrations catalog", () => {
  it("lists both AWS types in the published IntegrationConfig shape, for any signed-in account", async () => {
    const response = await call(t.app, callers.user, { method: "GET", url: "/api/v2/integrations-catalog" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.pagination).toEqual({ total: 2, limit: 2, offset: 0 });
    expect(body.data).toEqual([
      toIntegrationConfigV2("aws-account"),
      toIntegrationConfigV2("aws-organization"),
    ]);
    const account = body.data[0];
    expect(account).toMatchObject({ name: "Amazon Account", type: "aws-account", requires_secret: false });
    expect(account.params.find((param: { id: string }) => param.id === "profile")).toEqual({
      id: "profile",
      label: "AWS Profile Name",
      values: [],
      default: "apono",
      optional: true,
    });
    expect(account.params.find((param: { id: string }) => param.id === "region")).toMatchObject({
      optional: false,
    });
  });

  it("gets one type; unknown types are 404", async () => {
    const response = await call(t.app, callers.userToken, {
      method: "GET",
      url: "/api/v2/integrations-catalog/aws-organization",
    });
    expect(response.json()).toEqual(toIntegrationConfigV2("aws-organization"));
    const unknown = await call(t.app, callers.user, {
      method: "GET",
      url: "/api/v2/integrations-catalog/gcp-project",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe(
      'No integration type "gcp-project". Known types: aws-account, aws-organization.',
    );
  });
});
