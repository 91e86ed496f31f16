import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { sha256 } from "../../lib/tokens.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

describe("personal API tokens", () => {
  it("are shown once, stored hashed, listed by prefix, usable as Bearer and revocable", async () => {
    const created = await call(t.app, callers.user, {
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: " deploy script ", expires_in_days: 30 },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: "deploy script",
      prefix: body.token.slice(0, 9),
      token: expect.stringMatching(/^pc_[A-Za-z0-9_-]{40}$/),
      created_at: expect.any(String),
      last_used_at: null,
      expires_at: expect.any(String),
    });
    const expiresInDays = (Date.parse(body.expires_at) - Date.parse(body.created_at)) / 86_400_000;
    expect(Math.round(expiresInDays)).toBe(30);

    // Only the hash is stored: the token itself appears nowhere in the row.
    const row = await t.database.db.apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.tokenHash).toBe(sha256(body.token));
    expect(JSON.stringify(row)).not.toContain(body.token);

    const listed = await call(t.app, callers.user, { method: "GET", url: "/api/auth/tokens" });
    expect(listed.statusCode).toBe(200);
    const item = listed.json().items.find((token: { id: string }) => token.id === body.id);
    expect(item).toEqual({ ...body, token: undefined });
    expect(listed.body).not.toContain(body.token);
    expect(listed.body).not.toContain(row.tokenHash);

    const bearer = {
      name: "new token",
      userId: callers.userId,
      headers: { authorization: `Bearer ${body.token}` },
    };
    const me = await call(t.app, bearer, { method: "GET", url: "/api/auth/me" });
    expect(me.json()).toMatchObject({ id: callers.userId, auth_method: "token" });
    const used = await t.database.db.apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(used.lastUsedAt).not.toBeNull();

    // The audit entry does not carry the secret either.
    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { action: "api_token.create", targetId: body.id },
    });
    expect(JSON.stringify(audit.after)).not.toContain(body.token);
    expect(JSON.stringify(audit.after)).not.toContain(row.tokenHash);

    const revoked = await call(t.app, callers.user, { method: "DELETE", url: `/api/auth/tokens/${body.id}` });
    expect(revoked.statusCode).toBe(204);
    expect((await call(t.app, bearer, { method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
  });

  it("records use at most once a minute", async () => {
    const created = (
      await call(t.app, callers.user, { method: "POST", url: "/api/auth/tokens", payload: { name: "busy" } })
    ).json();
    const bearer = {
      name: "busy",
      userId: callers.userId,
      headers: { authorization: `Bearer ${created.token}` },
    };
    await call(t.app, bearer, { method: "GET", url: "/api/auth/me" });
    const first = (await t.database.db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    await call(t.app, bearer, { method: "GET", url: "/api/auth/me" });
    const second = (await t.database.db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    expect(second).toEqual(first);
    expect(created.expires_at).toBeNull();
  });

  it("cannot touch another account's tokens", async () => {
    const mine = (
      await call(t.app, callers.admin, {
        method: "POST",
        url: "/api/auth/tokens",
        payload: { name: "admin" },
      })
    ).json();
    const response = await call(t.app, callers.user, {
      method: "DELETE",
      url: `/api/auth/tokens/${mine.id}`,
    });
    expect(response.statusCode).toBe(404);
    const listed = (await call(t.app, callers.user, { method: "GET", url: "/api/auth/tokens" })).json();
    expect(listed.items.map((token: { id: string }) => token.id)).not.toContain(mine.id);
    expect(
      (await call(t.app, callers.user, { method: "DELETE", url: "/api/auth/tokens/not-a-uuid" })).statusCode,
    ).toBe(404);
  });

  it("validates name and expiry with the shared messages", async () => {
    const cases: Array<[unknown, string, string]> = [
      [{}, "name", "Enter a name."],
      [{ name: "bad/name" }, "name", "Name may contain only letters, digits, spaces, '-', '_' and '.'"],
      [
        { name: "ok", expires_in_days: 0 },
        "expires_in_days",
        "Expiry must be a whole number of days from 1 to 365, or empty for a token that does not expire.",
      ],
      [{ name: "ok", token: "pc_mine" }, "", 'Remove the field "token": it is not part of an API token.'],
    ];
    for (const [payload, path, message] of cases) {
      const response = await call(t.app, callers.user, { method: "POST", url: "/api/auth/tokens", payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().issues).toContainEqual({ path, message });
    }
  });
});
