import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../test/fixtures.ts";

/**
 * Issue #20.3: Fastify answers some errors itself, before routing (an over-long path id, a bad
 * percent-encoding) or before a request exists (unparsable HTTP). They too get the one error
 * shape (statusCode, error, message, requestId) and the security headers.
 */

let t: TestApp;
let callers: Callers;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  port = Number(new URL(await t.app.listen({ port: 0, host: "127.0.0.1" })).port);
});
afterAll(() => t?.close());

function expectSecurityHeaders(headers: Record<string, unknown>) {
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
  expect(headers["strict-transport-security"]).toBeDefined();
}

/** Raw bytes over TCP, for HTTP no client library would send; resolves with the whole answer. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    socket.write(request);
  });
}

function parseRaw(answer: string) {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  const [status = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(":")).toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  return { status, headers, body: JSON.parse(body) };
}

describe("errors Fastify answers itself", () => {
  it("an over-long path id is a 414 in the one error shape, with the security headers", async () => {
    const response = await call(t.app, callers.admin, {
      method: "DELETE",
      url: `/api/admin/users/${"a".repeat(201)}`,
    });
    expect(response.statusCode).toBe(414);
    const body = response.json();
    expect(body).toEqual({
      statusCode: 414,
      error: "URI Too Long",
      code: "BAD_REQUEST",
      message: "The path is too long: each part of it may be at most 100 characters.",
      requestId: expect.any(String),
    });
    expect(response.headers["x-request-id"]).toBe(body.requestId);
    expectSecurityHeaders(response.headers);
  });

  it("a path with a broken percent-encoding is a 400 in the one error shape, with the security headers", async () => {
    const response = await call(t.app, callers.admin, { method: "GET", url: "/api/admin/users/%E0%A4%A" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      code: "BAD_REQUEST",
      message: "The path is not a valid URL: check its percent-encoding (%xx).",
      requestId: response.headers["x-request-id"],
    });
    expectSecurityHeaders(response.headers);
  });

  it("unparsable HTTP and over-large headers get the one error shape and the security headers", async () => {
    const garbage = parseRaw(await rawExchange("NOT HTTP AT ALL\r\n\r\n"));
    expect(garbage.status).toBe("HTTP/1.1 400 Bad Request");
    expect(garbage.body).toEqual({
      statusCode: 400,
      error: "Bad Request",
      code: "BAD_REQUEST",
      message: "The request is not valid HTTP.",
      requestId: garbage.headers["x-request-id"],
    });
    expectSecurityHeaders(garbage.headers);

    const huge = parseRaw(
      await rawExchange(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`),
    );
    expect(huge.status).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(huge.body).toMatchObject({ statusCode: 431, error: "Request Header Fields Too Large" });
    expectSecurityHeaders(huge.headers);
  });
});
