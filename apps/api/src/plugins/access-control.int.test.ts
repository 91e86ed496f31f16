import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, silentLogger, type TestApp } from "../../test/app.ts";
import {
  anonymous,
  type Caller,
  call,
  sessionCaller,
  setUpCallers,
  tokenCaller,
} from "../../test/fixtures.ts";
import { buildApp } from "../app.ts";
import type { RouteAccess } from "../modules/auth/auth.types.ts";
import { AUTH_MESSAGES } from "./access-control.ts";
import { CSRF_MESSAGE } from "./csrf.ts";

let t: TestApp;
let adminId: string;
let userId: string;

beforeAll(async () => {
  t = await createTestApp();
  const callers = await setUpCallers(t.database.db);
  adminId = callers.adminId;
  userId = callers.userId;
});
afterAll(() => t.close());

type Identity = { name: string; make: () => Promise<Caller>; role: "admin" | "user" | null };

const identities: Identity[] = [
  { name: "anonymous", make: async () => anonymous, role: null },
  { name: "user session", make: () => sessionCaller(t.database.db, userId), role: "user" },
  { name: "user bearer token", make: () => tokenCaller(t.database.db, userId), role: "user" },
  { name: "admin session", make: () => sessionCaller(t.database.db, adminId), role: "admin" },
  { name: "admin bearer token", make: () => tokenCaller(t.database.db, adminId), role: "admin" },
];

function expectedStatus(access: RouteAccess, role: Identity["role"]): 401 | 403 | "allowed" {
  if (access === "public") return "allowed";
  if (role === null) return 401;
  if (access === "admin" && role !== "admin") return 403;
  return "allowed";
}

/** A concrete URL for a route pattern: unknown ids, so no request changes anything that exists. */
function concreteUrl(pattern: string): string {
  return pattern
    .replace(/:id\b/g, crypto.randomUUID())
    .replace(/:type\b/g, "no-such-type")
    .replace(/\*$/, "x");
}

describe("authorization matrix", () => {
  it("covers every API route of the app, each with a declared access", () => {
    const apiRoutes = t.app.routeAccess.filter((route) => route.url.startsWith("/api/"));
    expect(apiRoutes.length).toBeGreaterThan(30);
    expect(apiRoutes.filter((route) => route.access === undefined)).toEqual([]);
  });

  it("answers 401 to anonymous callers, 403 to the wrong role, and lets the right ones through", async () => {
    const routes = t.app.routeAccess.filter(
      (route) =>
        route.url.startsWith("/api/") && route.method !== "HEAD" && !route.url.startsWith("/api/docs"),
    );
    const failures: string[] = [];
    for (const route of routes) {
      const url = concreteUrl(route.url);
      const payload = ["POST", "PUT", "PATCH"].includes(route.method) ? {} : undefined;
      for (const identity of identities) {
        // Fresh credentials per request: logout or token routes may end the ones they get.
        const caller = await identity.make();
        const response = await call(t.app, caller, { method: route.method as "GET", url, payload });
        const expected = expectedStatus(route.access!, identity.role);
        const ok =
          expected === "allowed"
            ? response.statusCode !== 401 && response.statusCode !== 403 && response.statusCode < 500
            : response.statusCode === expected;
        if (!ok)
          failures.push(
            `${route.method} ${route.url} as ${identity.name}: ${response.statusCode} (expected ${expected})`,
          );
        if (expected === 401) expect(response.json().message).toBe(AUTH_MESSAGES.anonymous);
        if (expected === 403) expect(response.json().message).toBe(AUTH_MESSAGES.adminOnly);
      }
    }
    expect(failures).toEqual([]);
  });

  it("closes a route that declares no access, to everyone", async () => {
    const app = await buildApp({ config: t.config, db: t.database.db, queue: t.queue, logger: silentLogger });
    app.get("/api/forgot-to-declare", async () => ({ secret: true }));
    await app.ready();
    try {
      expect(app.routeAccess).toContainEqual({
        method: "GET",
        url: "/api/forgot-to-declare",
        access: undefined,
      });
      for (const identity of identities) {
        const response = await call(app, await identity.make(), {
          method: "GET",
          url: "/api/forgot-to-declare",
        });
        expect(response.statusCode, identity.name).toBe(403);
        expect(response.json().message).toBe(AUTH_MESSAGES.undeclared);
      }
    } finally {
      await app.close();
    }
  });

  it("documents every API route in OpenAPI, with a tag", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json();
    const missing: string[] = [];
    for (const route of t.app.routeAccess) {
      if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs") || route.method === "HEAD")
        continue;
      const path = route.url.replace(/:(\w+)/g, "{$1}");
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      if (!operation?.tags?.length) missing.push(`${route.method} ${route.url}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("CSRF protection", () => {
  it("refuses cookie-authenticated writes without the session's token, before reading the body", async () => {
    const session = await sessionCaller(t.database.db, userId);
    const { "x-csrf-token": csrf, ...cookieOnly } = session.headers;
    const withoutHeader = { ...session, headers: cookieOnly };
    const wrongHeader = { ...session, headers: { ...cookieOnly, "x-csrf-token": `${csrf}x` } };
    for (const caller of [withoutHeader, wrongHeader]) {
      const response = await call(t.app, caller, {
        method: "POST",
        url: "/api/auth/tokens",
        payload: { name: 42 },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toBe(CSRF_MESSAGE);
    }
    const read = await call(t.app, withoutHeader, { method: "GET", url: "/api/auth/tokens" });
    expect(read.statusCode).toBe(200);
    const accepted = await call(t.app, session, {
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: "csrf ok" },
    });
    expect(accepted.statusCode).toBe(201);
    // Another session's token does not fit this one.
    const other = await sessionCaller(t.database.db, userId);
    const crossed = {
      ...session,
      headers: { ...cookieOnly, "x-csrf-token": other.headers["x-csrf-token"]! },
    };
    expect(
      (await call(t.app, crossed, { method: "POST", url: "/api/auth/tokens", payload: { name: "x" } }))
        .statusCode,
    ).toBe(403);
  });

  it("does not apply to bearer tokens", async () => {
    // The matrix above makes a token per route for the admin: start under the per-user limit.
    await t.database.db.apiToken.deleteMany({ where: { userId: adminId } });
    const token = await tokenCaller(t.database.db, adminId);
    const response = await call(t.app, token, {
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: "script" },
    });
    expect(response.statusCode).toBe(201);
  });
});
