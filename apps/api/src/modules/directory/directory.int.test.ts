import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { DEMO_GROUPS, DEMO_USERS, ensureDirectorySeed } from "../../bootstrap/directory-seed.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

describe("built-in directory seed", () => {
  it("creates the demo users and groups once, however often it runs", async () => {
    await Promise.all([ensureDirectorySeed(t.database.db), ensureDirectorySeed(t.database.db)]);
    const db = t.database.db;
    expect(await db.identityProvider.findMany()).toEqual([
      { id: "portcullis-directory", name: "Portcullis Directory", type: "builtin" },
    ]);
    expect(await db.directoryUser.count()).toBe(DEMO_USERS.length);
    expect(await db.directoryGroup.count()).toBe(Object.keys(DEMO_GROUPS).length);
    const memberships = Object.values(DEMO_GROUPS).reduce((sum, members) => sum + members.length, 0);
    expect(await db.directoryMembership.count()).toBe(memberships);
    const emails = (await db.directoryUser.findMany()).map((user) => user.email);
    for (const email of [
      "alice@portcullis.dev",
      "bob@portcullis.dev",
      "carol@portcullis.dev",
      "dave@portcullis.dev",
    ]) {
      expect(emails).toContain(email);
    }
  });
});

describe("directory routes", () => {
  it("list identity providers", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/identity-providers",
    });
    expect(response.json()).toEqual({
      items: [{ id: "portcullis-directory", name: "Portcullis Directory", type: "builtin" }],
    });
  });

  it("search users by email or name, any case, with a limit", async () => {
    const byName = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?search=ALICE",
    });
    expect(byName.json().items).toEqual([
      {
        id: expect.any(String),
        email: "alice@portcullis.dev",
        name: "Alice Martin",
        provider_id: "portcullis-directory",
      },
    ]);
    const limited = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?provider_id=portcullis-directory&limit=3",
    });
    expect(limited.json().items.map((user: { email: string }) => user.email)).toEqual([
      "alice@portcullis.dev",
      "bob@portcullis.dev",
      "carol@portcullis.dev",
    ]);
    const none = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?provider_id=okta",
    });
    expect(none.json().items).toEqual([]);
    // LIKE wildcards in the search text are literal.
    const wildcard = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?search=%25",
    });
    expect(wildcard.json().items).toEqual([]);
    const bad = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?limit=101",
    });
    expect(bad.json().issues).toContainEqual({
      path: "limit",
      message: "limit must be a whole number from 1 to 100.",
    });
  });

  it("search groups by name, with member counts", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/groups?search=on-",
    });
    expect(response.json().items).toEqual([
      { id: expect.any(String), name: "On-call", provider_id: "portcullis-directory", member_count: 3 },
    ]);
    const all = await call(t.app, callers.admin, { method: "GET", url: "/api/admin/directory/groups" });
    expect(all.json().items.map((group: { name: string }) => group.name)).toEqual([
      "Data",
      "Developers",
      "On-call",
      "Platform",
      "Security",
    ]);
  });
});
