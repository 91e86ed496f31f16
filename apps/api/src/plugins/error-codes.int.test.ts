import { API_ERROR_CODES, type TApiErrorCode } from "@portcullis/shared";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app.ts";
import { fakeConnectorChecker } from "../../test/fake-connector-checker.ts";
import {
  accountBody,
  anonymous,
  type Callers,
  call,
  seedConnector,
  setUpCallers,
  TEST_PASSWORD,
} from "../../test/fixtures.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp({}, { connectorChecker: fakeConnectorChecker().checker });
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

/** The answer is an error of the one shape, with `code` and the status that code has. */
function expectCode(response: LightMyRequestResponse, code: TApiErrorCode) {
  const body = response.json();
  expect(body.code, response.body).toBe(code);
  expect(response.statusCode).toBe(API_ERROR_CODES[code].status);
  expect(body).toMatchObject({ statusCode: response.statusCode, error: expect.any(String) });
  expect(typeof body.message).toBe("string");
  expect(body.requestId).toBe(response.headers["x-request-id"]);
  return body;
}

describe("error codes", () => {
  it("VALIDATION_FAILED for a schema violation, with the field issues", async () => {
    const connector = await seedConnector(t.database.db);
    const response = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: accountBody(connector.id, { integration_config: {} }),
    });
    const body = expectCode(response, "VALIDATION_FAILED");
    expect(body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "integration_config.region" })]),
    );
  });

  it("VALIDATION_FAILED for a rule checked against the database (a disconnected connector)", async () => {
    const connector = await seedConnector(t.database.db, { status: "DISCONNECTED" });
    const response = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: accountBody(connector.id),
    });
    const body = expectCode(response, "VALIDATION_FAILED");
    expect(body.issues).toEqual([expect.objectContaining({ path: "connector_id" })]);
  });

  it("INTEGRATION_NAME_TAKEN, INTEGRATION_TYPE_IMMUTABLE and CONNECTOR_IN_USE", async () => {
    const connector = await seedConnector(t.database.db);
    const body = accountBody(connector.id);
    const created = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();

    const again = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: body,
    });
    expect(expectCode(again, "INTEGRATION_NAME_TAKEN").issues).toEqual([
      expect.objectContaining({ path: "name" }),
    ]);

    const retyped = await call(t.app, callers.admin, {
      method: "PUT",
      url: `/api/admin/v4/integrations/${id}`,
      payload: { ...body, type: "aws-organization" },
    });
    expectCode(retyped, "INTEGRATION_TYPE_IMMUTABLE");

    const deleted = await call(t.app, callers.admin, {
      method: "DELETE",
      url: `/api/admin/v3/connectors/${connector.id}`,
    });
    expect(expectCode(deleted, "CONNECTOR_IN_USE").message).toContain(body.name);
  });

  it("NOT_FOUND for an unknown object and an unknown route", async () => {
    const missing = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/v4/integrations/00000000-0000-4000-8000-000000000000",
    });
    expectCode(missing, "NOT_FOUND");
    expectCode(await call(t.app, callers.admin, { method: "GET", url: "/api/nothing-here" }), "NOT_FOUND");
  });

  it("UNAUTHENTICATED, INVALID_API_TOKEN, FORBIDDEN, CSRF_FAILED and LOGIN_FAILED", async () => {
    expectCode(
      await call(t.app, anonymous, { method: "GET", url: "/api/admin/v4/integrations" }),
      "UNAUTHENTICATED",
    );
    expectCode(
      await call(t.app, anonymous, {
        method: "GET",
        url: "/api/admin/v4/integrations",
        headers: { authorization: "Bearer pc_not-a-real-token" },
      }),
      "INVALID_API_TOKEN",
    );
    expectCode(
      await call(t.app, callers.user, { method: "GET", url: "/api/admin/v4/integrations" }),
      "FORBIDDEN",
    );
    const { "x-csrf-token": _csrf, ...cookieOnly } = callers.admin.headers;
    expectCode(
      await call(
        t.app,
        { ...callers.admin, headers: cookieOnly },
        { method: "POST", url: "/api/auth/logout" },
      ),
      "CSRF_FAILED",
    );
    expectCode(
      await call(t.app, anonymous, {
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "nobody@example.com", password: `${TEST_PASSWORD}!` },
      }),
      "LOGIN_FAILED",
    );
  });

  it("BAD_REQUEST for a body that is not JSON, INVALID_PAGE_TOKEN for a made-up page token", async () => {
    expectCode(
      await call(t.app, callers.admin, {
        method: "POST",
        url: "/api/admin/v4/integrations",
        payload: "{not json",
        headers: { "content-type": "application/json" },
      }),
      "BAD_REQUEST",
    );
    expectCode(
      await call(t.app, callers.admin, { method: "GET", url: "/api/admin/v4/integrations?page_token=zzz" }),
      "INVALID_PAGE_TOKEN",
    );
  });

  it("are listed in the OpenAPI document, on every error response", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json();
    for (const code of Object.keys(API_ERROR_CODES)) expect(document.info.description).toContain(code);
    const created = document.paths["/api/admin/v4/integrations"].post.responses["409"];
    const schema = created.content["application/json"].schema;
    expect(schema.required).toContain("code");
    expect(schema.properties.code.enum).toEqual(Object.keys(API_ERROR_CODES));
  });
});
