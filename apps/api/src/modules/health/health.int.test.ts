import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("GET /api/health", () => {
  it("reports the database and the queue", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: "ok", queue: "ok" });
  });

  it("says 503 when the database is gone", async () => {
    const { createPrisma } = await import("../../db/prisma.ts");
    const { buildApp } = await import("../../app.ts");
    const unreachable = createPrisma("postgresql://nobody:x@127.0.0.1:1/none");
    const app = await buildApp({
      config: t.config,
      db: unreachable,
      queue: t.queue,
      logger: (await import("../../../test/app.ts")).silentLogger,
    });
    const response = await app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: "degraded", database: "down", queue: "ok" });
    await app.close();
  });
});

describe("errors", () => {
  it("have one shape, with a request id that is also a response header", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/does-not-exist" });
    expect(response.statusCode).toBe(404);
    const body = response.json();
    expect(body).toEqual({
      statusCode: 404,
      error: "Not Found",
      code: "NOT_FOUND",
      message: expect.stringContaining("/api/does-not-exist"),
      requestId: expect.any(String),
    });
    expect(response.headers["x-request-id"]).toBe(body.requestId);
  });

  it("carry security headers", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
  });
});

describe("OpenAPI", () => {
  it("is generated from the routes and served at /api/docs/json", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    expect(response.json().paths["/api/health"]).toBeDefined();
  });
});
