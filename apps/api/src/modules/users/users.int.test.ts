import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, createAccount, sessionCaller, setUpCallers } from "../../../test/fixtures.ts";
import { verifyPassword } from "../../lib/password.ts";
import { USER_MESSAGES, usersService } from "./users.service.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

describe("/api/admin/users", () => {
  it("creates an account with an initial password, never showing or logging its hash", async () => {
    const password = "a long initial password";
    const response = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/users",
      payload: { email: "New.Person@Example.com", role: "user", password },
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toEqual({
      id: expect.any(String),
      email: "new.person@example.com",
      role: "user",
      created_at: expect.any(String),
    });
    const row = await t.database.db.appUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(password, row.passwordHash ?? "")).toBe(true);

    const listed = await call(t.app, callers.adminToken, { method: "GET", url: "/api/admin/users" });
    expect(listed.json().items).toContainEqual(user);
    expect(listed.body).not.toContain("scrypt$");

    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { action: "user.create", targetId: user.id },
    });
    expect(audit.actorId).toBe(callers.adminId);
    expect(JSON.stringify(audit.after)).not.toContain("scrypt$");
    expect(JSON.stringify(audit.after)).not.toContain(password);

    const duplicate = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/users",
      payload: { email: "new.person@example.com", role: "admin", password },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().issues).toEqual([{ path: "email", message: USER_MESSAGES.emailTaken }]);
  });

  it("validates the body with the shared messages", async () => {
    const cases: Array<[unknown, string, string]> = [
      [
        { email: "x@example.com", role: "user", password: "short" },
        "password",
        "Password must be at least 12 characters.",
      ],
      [
        { email: "x@example.com", role: "owner", password: "long enough password" },
        "role",
        "Select a role: admin or user.",
      ],
      [
        { email: "nope", role: "user", password: "long enough password" },
        "email",
        "Enter a valid email address, such as name@example.com.",
      ],
      [
        { email: "x@example.com", role: "user", password: "long enough password", password_hash: "x" },
        "",
        'Remove the field "password_hash": it is not part of a user.',
      ],
    ];
    for (const [payload, path, message] of cases) {
      const response = await call(t.app, callers.admin, { method: "POST", url: "/api/admin/users", payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().issues).toContainEqual({ path, message });
    }
  });

  it("deletes an account with its sessions; not yourself; unknown ids are 404", async () => {
    const doomed = await createAccount(t.database.db, "doomed@example.com", "user");
    const doomedSession = await sessionCaller(t.database.db, doomed.id);
    const response = await call(t.app, callers.admin, {
      method: "DELETE",
      url: `/api/admin/users/${doomed.id}`,
    });
    expect(response.statusCode).toBe(204);
    expect((await call(t.app, doomedSession, { method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { action: "user.delete", targetId: doomed.id },
    });
    expect(audit.before).toMatchObject({ email: "doomed@example.com" });

    const self = await call(t.app, callers.admin, {
      method: "DELETE",
      url: `/api/admin/users/${callers.adminId}`,
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().message).toBe(USER_MESSAGES.deleteSelf);

    for (const id of [doomed.id, "not-a-uuid"]) {
      expect(
        (await call(t.app, callers.admin, { method: "DELETE", url: `/api/admin/users/${id}` })).statusCode,
      ).toBe(404);
    }
  });

  it("never leaves zero admins, even when two admins delete each other at once", async () => {
    const other = await t.database.db.appUser.findFirstOrThrow({ where: { role: "admin" } });
    const a = await createAccount(t.database.db, "admin-a@example.com", "admin");
    const b = await createAccount(t.database.db, "admin-b@example.com", "admin");
    // Leave exactly two admins: a and b.
    await t.database.db.appUser.update({ where: { id: other.id }, data: { role: "user" } });
    try {
      const [aDeletesB, bDeletesA] = await Promise.all([
        call(t.app, await sessionCaller(t.database.db, a.id), {
          method: "DELETE",
          url: `/api/admin/users/${b.id}`,
        }),
        call(t.app, await sessionCaller(t.database.db, b.id), {
          method: "DELETE",
          url: `/api/admin/users/${a.id}`,
        }),
      ]);
      // One wins; the other is refused: 409 when it ran alongside (the admin rows are locked),
      // 401 when it was authenticated after its own account was already gone.
      const statuses = [aDeletesB.statusCode, bDeletesA.statusCode];
      const detail = `${aDeletesB.body} / ${bDeletesA.body}`;
      expect(
        statuses.filter((status) => status === 204),
        detail,
      ).toHaveLength(1);
      expect(
        statuses.filter((status) => status === 409 || status === 401),
        detail,
      ).toHaveLength(1);
      expect(await t.database.db.appUser.count({ where: { role: "admin" } })).toBe(1);

      // The rule itself, for a request authenticated while its caller was still an admin.
      const survivor = await t.database.db.appUser.findFirstOrThrow({ where: { role: "admin" } });
      const refused = usersService({ db: t.database.db }).delete(survivor.id, {
        actor: { userId: callers.adminId, email: "former-admin@example.com" },
        requestId: "test",
      });
      await expect(refused).rejects.toMatchObject({ statusCode: 409, message: USER_MESSAGES.lastAdmin });
    } finally {
      await t.database.db.appUser.update({ where: { id: other.id }, data: { role: "admin" } });
    }
  });
});
