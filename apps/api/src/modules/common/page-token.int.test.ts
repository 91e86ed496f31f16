import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import {
  accountBody,
  type Caller,
  type Callers,
  call,
  seedConnector,
  seedResources,
  setUpCallers,
} from "../../../test/fixtures.ts";
import { encodePageToken } from "./page-token.ts";

/**
 * Every endpoint that takes a `page_token` answers a token it did not make with a 400 on
 * `page_token`, never a 500 (issue #20.3: a NUL inside a decoded token reached PostgreSQL).
 */

let t: TestApp;
let callers: Callers;
let integrationId: string;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  const connector = await seedConnector(t.database.db);
  const created = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: accountBody(connector.id, { name: "Fuzzed" }),
  });
  integrationId = created.json().id;
  await t.database.db.integration.update({ where: { id: integrationId }, data: { status: "Active" } });
  await seedResources(t.database.db, integrationId, 2);
});
afterAll(() => t?.close());

const cursorPart = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "\udc00x", "-271821-04-20T00:00:00.000Z", "2026-13-45"),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);
/** Tokens an attacker could send: well-formed cursors with hostile parts, other JSON, raw text. */
const hostileToken = fc.oneof(
  fc.array(cursorPart, { minLength: 1, maxLength: 3 }).map((parts) => encodePageToken(parts)),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? "null").toString("base64url")),
  fc.string({ unit: "binary", maxLength: 60 }),
);

const UUID = "00000000-0000-4000-8000-000000000000";
const NUL_TOKEN = "WyJcdTAwMDAiXQ"; // ["\u0000"], the token of the issue

/** Each endpoint's cursor shape, and tokens of that shape whose content the database cannot take. */
type Endpoint = { path: () => string; caller: () => Caller; invalid: string[][] };
const ENDPOINTS: Record<string, Endpoint> = {
  "GET /api/admin/v3/connectors": {
    path: () => "/api/admin/v3/connectors",
    caller: () => callers.admin,
    invalid: [["\u0000"], ["a\u0000"], ["\ud800"]],
  },
  "GET /api/admin/v4/integrations": {
    path: () => "/api/admin/v4/integrations",
    caller: () => callers.admin,
    invalid: [
      ["\u0000", UUID],
      ["-271821-04-20T00:00:00.000Z", UUID],
      ["2026-01-01T00:00:00.000Z", `${UUID}\u0000`],
    ],
  },
  "GET /api/v3/integrations/{id}/resources": {
    path: () => `/api/v3/integrations/${integrationId}/resources`,
    caller: () => callers.adminToken,
    invalid: [
      ["\u0000", UUID],
      ["bucket\u0000", UUID],
      ["\udc00", UUID],
    ],
  },
  "GET /api/portal/integrations": {
    path: () => "/api/portal/integrations",
    caller: () => callers.user,
    invalid: [["\u0000"], ["Fuzzed\u0000"], ["\ud800"]],
  },
  "GET /api/portal/integrations/{id}/resources": {
    path: () => `/api/portal/integrations/${integrationId}/resources`,
    caller: () => callers.user,
    invalid: [
      ["\u0000", UUID],
      ["bucket\u0000", UUID],
      ["\udc00", UUID],
    ],
  },
  "GET /api/admin/audit-log": {
    path: () => "/api/admin/audit-log",
    caller: () => callers.admin,
    invalid: [["\u0000"], ["99999999999999999999"]],
  },
};

async function expectPageTokenRefused(endpoint: Endpoint, token: string) {
  const response = await call(t.app, endpoint.caller(), {
    method: "GET",
    url: `${endpoint.path()}?${new URLSearchParams({ page_token: token })}`,
  });
  expect(response.statusCode, `${token}: ${response.body}`).toBe(400);
  expect(response.json()).toMatchObject({
    statusCode: 400,
    issues: [{ path: "page_token", message: expect.stringContaining("page_token is not valid") }],
  });
}

describe.each(Object.entries(ENDPOINTS))("%s with a page_token it did not make", (_name, endpoint) => {
  it("answers 200 or a 400 on page_token, never a 500", async () => {
    await expectPageTokenRefused(endpoint, NUL_TOKEN);
    for (const parts of endpoint.invalid) await expectPageTokenRefused(endpoint, encodePageToken(parts));

    await fc.assert(
      fc.asyncProperty(hostileToken, async (token) => {
        const response = await call(t.app, endpoint.caller(), {
          method: "GET",
          url: `${endpoint.path()}?${new URLSearchParams({ page_token: token })}`,
        });
        expect([200, 400], `${response.statusCode} ${response.body}`).toContain(response.statusCode);
        if (response.statusCode === 400) {
          expect(response.json().issues?.[0]?.path).toBe("page_token");
        }
      }),
      { numRuns: 60 },
    );
  });
});
