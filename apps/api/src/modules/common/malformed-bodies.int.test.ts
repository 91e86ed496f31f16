import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { fakeConnectorChecker } from "../../../test/fake-connector-checker.ts";
import {
  accountBody,
  type Callers,
  countRows,
  createAccount,
  seedConnector,
  setUpCallers,
  snapshotContents,
  tokenCaller,
} from "../../../test/fixtures.ts";

// Property: whatever body a client throws at a write route (random JSON, wrong types, huge
// strings, unknown fields, text that is not JSON), the answer is a 4xx and nothing is written.

let t: TestApp;
let callers: Callers;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({}, { connectorChecker: fakeConnectorChecker().checker });
  callers = await setUpCallers(t.database.db);
  const connector = await seedConnector(t.database.db);
  ids.connector = connector.id;
  const created = await t.app.inject({
    method: "POST",
    url: "/api/admin/v4/integrations",
    headers: callers.adminToken.headers,
    payload: accountBody(connector.id),
  });
  ids.integration = created.json().id;
  ids.user = (await createAccount(t.database.db, "target@example.com", "user")).id;
  // Not the token the requests use: deleting that one would turn every later answer into a 401.
  await tokenCaller(t.database.db, callers.adminId, "target");
  ids.token = (await t.database.db.apiToken.findFirstOrThrow({ where: { name: "target" } })).id;
});
afterAll(() => t.close());

/** A valid body of each write route (the base that gets broken); `{}` for those that take none. */
function validBody(method: string, url: string): Record<string, unknown> {
  const key = `${method} ${url}`;
  const { type: _type, ...update } = accountBody(ids.connector!, { name: "Still Valid" });
  const bodies: Record<string, Record<string, unknown>> = {
    "POST /api/auth/login": { email: "someone@example.com", password: "not the password" },
    "POST /api/auth/tokens": { name: "token" },
    "POST /api/admin/users": { email: "new@example.com", role: "user", password: "a long enough password" },
    "POST /api/admin/v3/connectors": { name: "Connector", region: "us-east-1" },
    "PUT /api/admin/v3/connectors/:id": { name: "Connector" },
    "POST /api/admin/v4/integrations": accountBody(ids.connector!) as Record<string, unknown>,
    "PUT /api/admin/v4/integrations/:id": update,
  };
  return bodies[key] ?? {};
}

/** Real ids, so a body that slipped through would really change something. */
function concreteUrl(url: string): string {
  const id =
    url.startsWith("/api/admin/v4/integrations") || url.startsWith("/api/v2/integrations")
      ? ids.integration
      : url.startsWith("/api/admin/v3/connectors")
        ? ids.connector
        : url.startsWith("/api/admin/users")
          ? ids.user
          : ids.token;
  return url.replace(":id", id!);
}

const UNEXPECTED = "§unexpected";

/** A value no field accepts: booleans, arrays of non-strings, objects with an unknown key. */
const wrongValue = fc.oneof(
  fc.boolean(),
  fc.array(fc.oneof(fc.integer(), fc.boolean()), { minLength: 1, maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((value) => ({
    ...value,
    [UNEXPECTED]: true,
  })),
);

/** Any text, NUL characters and lone surrogates included. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ maxLength: 10 }).map((text) => `${text}\u0000`),
);

/** JSON text nested thousands of levels deep. */
const deepJson = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom(["[", "]"], ['{"a":', "}"]))
  .map(([depth, [open, close]]) => `${open!.repeat(depth)}1${close!.repeat(depth)}`);

const hugeString = fc
  .tuple(fc.integer({ min: 20_000, max: 300_000 }), fc.string({ minLength: 1, maxLength: 1 }))
  .map(([length, char]) => char.repeat(length));

type Attempt = { kind: "json"; value: unknown } | { kind: "text"; text: string };

function attempts(base: Record<string, unknown>): fc.Arbitrary<Attempt> {
  const fields = Object.keys(base);
  const json = (arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((value): Attempt => ({ kind: "json", value }));
  const broken: Array<fc.Arbitrary<Attempt>> = [
    deepJson.map((text): Attempt => ({ kind: "text", text })),
    // Any JSON value that is not an object (null is "no body", which some routes take).
    json(
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((value) => value !== null && (typeof value !== "object" || Array.isArray(value))),
    ),
    // A valid body plus unknown fields.
    json(
      fc
        .dictionary(
          fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !(key in base)),
          fc.jsonValue({ maxDepth: 2 }),
          {
            minKeys: 1,
            maxKeys: 4,
          },
        )
        .map((extra) => ({ ...base, ...extra })),
    ),
    // Random objects, always with at least one key no route knows.
    json(
      fc
        .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
        .map((value) => ({ ...value, [UNEXPECTED]: 1 })),
    ),
    // Text that is not JSON, sent as JSON.
    fc
      .string({ maxLength: 200 })
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      })
      .map((text): Attempt => ({ kind: "text", text })),
  ];
  if (fields.length > 0) {
    const field = fc.constantFrom(...fields);
    // One field of a valid body with the wrong type, or a huge string.
    broken.push(json(fc.tuple(field, wrongValue).map(([key, value]) => ({ ...base, [key]: value }))));
    broken.push(json(fc.tuple(field, hugeString).map(([key, value]) => ({ ...base, [key]: value }))));
    // One field replaced by arbitrary text (NUL, lone surrogates), plus an unknown field.
    broken.push(
      json(fc.tuple(field, anyText).map(([key, value]) => ({ ...base, [key]: value, [UNEXPECTED]: value }))),
    );
  } else {
    broken.push(json(hugeString));
  }
  return fc.oneof(...broken);
}

describe("every write route, given a malformed body", () => {
  it("answers 4xx to a NUL character anywhere, which PostgreSQL could not store", async () => {
    const { type: _type, ...update } = accountBody(ids.connector!, { custom_access_details: "a\u0000b" });
    const cases = [
      {
        method: "POST",
        url: "/api/admin/v4/integrations",
        payload: accountBody(ids.connector!, { custom_access_details: "a\u0000b" }),
        path: "custom_access_details",
      },
      {
        method: "PUT",
        url: `/api/admin/v4/integrations/${ids.integration}`,
        payload: update,
        path: "custom_access_details",
      },
      {
        method: "POST",
        url: "/api/admin/v4/integrations",
        payload: accountBody(ids.connector!, {
          owner: { attribute_type: "user", attribute_value: ["a\u0000"] },
        }),
        path: "owner.attribute_value.0",
      },
      {
        method: "POST",
        url: "/api/admin/v4/integrations",
        payload: accountBody(ids.connector!, { integration_config: { region: "us-east-1", "x\u0000": "1" } }),
        path: "integration_config",
      },
    ] as const;
    for (const { method, url, payload, path } of cases) {
      const response = await t.app.inject({ method, url, headers: callers.adminToken.headers, payload });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().issues).toEqual([
        { path, message: "Text may not contain the NUL character (\\u0000)." },
      ]);
    }
    const reads = t.app.routeAccess.filter(
      (route) =>
        route.method === "GET" && route.url.startsWith("/api/") && !route.url.startsWith("/api/docs"),
    );
    const query = [
      "name",
      "type",
      "search",
      "page_token",
      "provider_id",
      "target_id",
      "resource-type",
      "connector_id",
    ]
      .map((key) => `${key}=a%00`)
      .join("&");
    for (const route of reads) {
      for (const url of [
        `${route.url.replace(/:(\w+)/g, "x%00")}`,
        `${route.url.replace(/:(\w+)/g, "x")}?${query}`,
      ]) {
        if (url === route.url) continue;
        const response = await t.app.inject({ method: "GET", url, headers: callers.adminToken.headers });
        expect(response.statusCode, `${url}: ${response.body}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
      }
    }
  });

  it("answers 4xx (never 5xx) and writes nothing", async () => {
    const routes = t.app.routeAccess.filter(
      (route) => route.url.startsWith("/api/") && ["POST", "PUT", "PATCH", "DELETE"].includes(route.method),
    );
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const route of routes) {
      const url = concreteUrl(route.url);
      const countsBefore = await countRows(t.database.db);
      const contentsBefore = await snapshotContents(t.database.db);
      await fc.assert(
        fc.asyncProperty(attempts(validBody(route.method, route.url)), async (attempt) => {
          const response = await t.app.inject({
            method: route.method as "POST",
            url,
            // A bearer token: no CSRF token needed, so the body is what gets judged.
            headers: { ...callers.adminToken.headers, "content-type": "application/json" },
            payload: attempt.kind === "text" ? attempt.text : JSON.stringify(attempt.value),
          });
          // 401/403 would mean the body was never judged (the caller is an admin).
          if (
            response.statusCode < 400 ||
            response.statusCode >= 500 ||
            [401, 403].includes(response.statusCode)
          ) {
            throw new Error(
              `${route.method} ${route.url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`,
            );
          }
        }),
        { numRuns: 40 },
      );
      expect(await countRows(t.database.db), `${route.method} ${route.url}`).toEqual(countsBefore);
      expect(await snapshotContents(t.database.db), `${route.method} ${route.url}`).toBe(contentsBefore);
    }
  });
});
