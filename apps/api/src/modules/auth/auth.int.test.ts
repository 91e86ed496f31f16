import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import {
  anonymous,
  type Callers,
  call,
  createAccount,
  sessionCaller,
  setUpCallers,
  TEST_PASSWORD,
  tokenCaller,
} from "../../../test/fixtures.ts";
import { sha256 } from "../../lib/tokens.ts";
import { AUTH_MESSAGES } from "../../plugins/access-control.ts";
import { CSRF_MESSAGE } from "../../plugins/csrf.ts";
import { LOGIN_FAILED_MESSAGE } from "./auth.service.ts";
import { INVALID_TOKEN_MESSAGE } from "./authenticator.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

let t: TestApp;
let callers: Callers;
let loginEmail: string;

beforeAll(async () => {
  // A low limit keeps the rate-limit test short: every refused sign-in costs a slow scrypt check.
  t = await createTestApp({ LOGIN_RATE_LIMIT: "3" });
  callers = await setUpCallers(t.database.db);
  loginEmail = (await createAccount(t.database.db, "login.user@example.com", "user")).email;
});
afterAll(() => t.close());

let address = 0;
/** Each test signs in from its own client address, so the rate limit of one does not touch another. */
function login(body: unknown, remoteAddress = `10.0.0.${++address}`) {
  return t.app.inject({ method: "POST", url: "/api/auth/login", payload: body as object, remoteAddress });
}

function sessionCookieOf(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie");
  return `${SESSION_COOKIE}=${cookie.value}`;
}

describe("POST /api/auth/login", () => {
  it("starts a session: an httpOnly, SameSite=Lax cookie and a CSRF token; the database keeps only a hash", async () => {
    const response = await login({ email: " Login.User@Example.com ", password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      email: "login.user@example.com",
      role: "user",
      auth_method: "session",
      csrf_token: expect.any(String),
    });
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(/portcullis_session=[^;]+;/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");
    const token = response.cookies.find((cookie) => cookie.name === SESSION_COOKIE)!.value;
    const stored = await t.database.db.session.findUnique({ where: { id: sha256(token) } });
    expect(stored?.csrfToken).toBe(body.csrf_token);
    expect(await t.database.db.session.count({ where: { id: token } })).toBe(0);

    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: sessionCookieOf(response) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);
  });

  it("answers the same 401 for a wrong password and for an unknown email", async () => {
    for (const body of [
      { email: loginEmail, password: "wrong password!" },
      { email: "nobody@example.com", password: TEST_PASSWORD },
    ]) {
      const response = await login(body);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ statusCode: 401, message: LOGIN_FAILED_MESSAGE });
      expect(response.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("validates the body with the shared messages", async () => {
    const cases: Array<[unknown, string, string]> = [
      [
        { email: "not-an-email", password: "x" },
        "email",
        "Enter a valid email address, such as name@example.com.",
      ],
      [{ email: "", password: "x" }, "email", "Enter your email address."],
      [{ email: "a@example.com", password: "" }, "password", "Enter your password."],
      [
        { email: "a@example.com", password: "x", remember: true },
        "",
        'Remove the field "remember": it is not part of a sign-in request.',
      ],
      [["a@example.com"], "", "Send email and password as a JSON object."],
    ];
    for (const [body, path, message] of cases) {
      const response = await login(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().issues).toContainEqual({ path, message });
    }
  });

  it("is rate-limited per client address and email, with Retry-After", async () => {
    const remoteAddress = "192.0.2.50";
    for (let attempt = 0; attempt < t.config.LOGIN_RATE_LIMIT; attempt += 1) {
      expect(
        (await login({ email: loginEmail, password: "wrong password!" }, remoteAddress)).statusCode,
      ).toBe(401);
    }
    const limited = await login({ email: loginEmail, password: TEST_PASSWORD }, remoteAddress);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(
      /^Too many sign-in attempts\. Wait \d+ seconds, then try again\.$/,
    );
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Another address, or another account from the same address, is not affected.
    expect((await login({ email: loginEmail, password: TEST_PASSWORD }, "192.0.2.51")).statusCode).toBe(200);
    expect(
      (await login({ email: "other@example.com", password: "wrong password!" }, remoteAddress)).statusCode,
    ).toBe(401);
  });

  it("replaces the session a browser already had", async () => {
    const first = await login({ email: loginEmail, password: TEST_PASSWORD });
    const second = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: loginEmail, password: TEST_PASSWORD },
      headers: { cookie: sessionCookieOf(first) },
      remoteAddress: "10.1.0.1",
    });
    expect(second.statusCode).toBe(200);
    const old = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: sessionCookieOf(first) },
    });
    expect(old.statusCode).toBe(401);
  });
});

describe("POST /api/auth/logout", () => {
  it("ends the session and clears the cookie; it needs the CSRF token", async () => {
    const session = await sessionCaller(t.database.db, callers.userId);
    const cookie = session.headers.cookie!;
    const withoutCsrf = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().message).toBe(CSRF_MESSAGE);

    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: session.headers,
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    expect(String(response.headers["set-cookie"])).toMatch(/portcullis_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toBe(AUTH_MESSAGES.anonymous);
  });
});

describe("GET /api/auth/me", () => {
  it("says 401 to anonymous callers and to expired sessions", async () => {
    expect((await call(t.app, anonymous, { method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
    const session = await sessionCaller(t.database.db, callers.userId);
    const token = session.headers.cookie!.slice(`${SESSION_COOKIE}=`.length);
    await t.database.db.session.update({
      where: { id: sha256(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const response = await call(t.app, session, { method: "GET", url: "/api/auth/me" });
    expect(response.statusCode).toBe(401);
  });

  it("works with a bearer token, without a CSRF token", async () => {
    const response = await call(t.app, callers.adminToken, { method: "GET", url: "/api/auth/me" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ role: "admin", auth_method: "token", csrf_token: null });
  });

  it("refuses unknown, malformed and expired bearer tokens, even with a valid cookie", async () => {
    const expired = await tokenCaller(t.database.db, callers.userId, "expired");
    await t.database.db.apiToken.updateMany({
      where: { name: "expired" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    for (const authorization of [
      "Bearer pc_unknown",
      "Basic abc",
      "Bearer",
      expired.headers.authorization!,
    ]) {
      const response = await t.app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { authorization, cookie: callers.admin.headers.cookie! },
      });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().message).toBe(INVALID_TOKEN_MESSAGE);
    }
  });
});

describe("an account deleted while its request is being authenticated", () => {
  /**
   * The user table is held locked while the request reads its credential; the account is deleted,
   * then the read goes on. The caller must get a 401 (its session or token went with the account),
   * not a 500: Prisma's `include` once read the two in separate queries and crashed on `user.id`.
   */
  it.each(["session", "token"] as const)("answers 401 for its %s", async (kind) => {
    const account = await createAccount(t.database.db, `vanishing-${kind}@example.com`, "user");
    const caller =
      kind === "session"
        ? await sessionCaller(t.database.db, account.id)
        : await tokenCaller(t.database.db, account.id);
    const deleter = new pg.Client({ connectionString: t.database.url });
    await deleter.connect();
    try {
      await deleter.query("BEGIN");
      await deleter.query("LOCK TABLE app_users IN ACCESS EXCLUSIVE MODE");
      const response = call(t.app, caller, { method: "GET", url: "/api/auth/me" });
      await vi.waitFor(
        async () => {
          const { rows } = await deleter.query(
            "SELECT 1 FROM pg_locks WHERE relation = 'app_users'::regclass AND NOT granted",
          );
          expect(rows).toHaveLength(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      await deleter.query("DELETE FROM app_users WHERE id = $1", [account.id]);
      await deleter.query("COMMIT");
      expect((await response).statusCode).toBe(401);
    } finally {
      await deleter.end();
    }
  });
});

describe("Secure cookies", () => {
  it("are Secure when COOKIE_SECURE=1", async () => {
    const secure = await createTestApp({ COOKIE_SECURE: "1" });
    try {
      await createAccount(secure.database.db, "secure@example.com", "user");
      const response = await secure.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "secure@example.com", password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      expect(String(response.headers["set-cookie"])).toContain("Secure");
    } finally {
      await secure.close();
    }
  });
});
