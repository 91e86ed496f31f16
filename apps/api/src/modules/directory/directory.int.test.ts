import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import {
  DEMO_GROUPS,
  DEMO_USERS,
  ensureDirectorySeed,
  removeDemoDirectory,
} from "../../bootstrap/directory-seed.ts";
import { DEMO_SOURCE } from "../../core/directory-sources.ts";
import { createScimSource, oktaUser, scimClient } from "../scim/test/scim-client.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

describe("demo directory seed", () => {
  it("creates the Demo directory source, its people and groups once, however often it runs", async () => {
    await Promise.all([ensureDirectorySeed(t.database.db), ensureDirectorySeed(t.database.db)]);
    const db = t.database.db;
    const demo = await db.identitySource.findUniqueOrThrow({ where: { id: DEMO_SOURCE.id } });
    expect(demo).toMatchObject({ name: "Demo directory", type: "demo", status: "active" });
    expect(await db.identityPerson.count({ where: { sourceId: DEMO_SOURCE.id } })).toBe(DEMO_USERS.length);
    expect(await db.identityGroup.count({ where: { sourceId: DEMO_SOURCE.id } })).toBe(
      Object.keys(DEMO_GROUPS).length,
    );
    const memberships = Object.values(DEMO_GROUPS).reduce((sum, members) => sum + members.length, 0);
    expect(await db.identityGroupMember.count({ where: { group: { sourceId: DEMO_SOURCE.id } } })).toBe(
      memberships,
    );
  });
});

describe("directory routes (the owner pickers)", () => {
  it("list identity sources", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/identity-providers",
    });
    expect(response.json().items).toContainEqual({
      id: DEMO_SOURCE.id,
      name: "Demo directory",
      type: "demo",
    });
  });

  it("search live users of every source by email, user name or name, any case, with a limit", async () => {
    const byName = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?search=ALICE",
    });
    expect(byName.json().items).toEqual([
      {
        id: expect.any(String),
        email: "alice@portcullis.dev",
        name: "Alice Martin",
        user_name: "alice@portcullis.dev",
        provider_id: DEMO_SOURCE.id,
        provider_name: "Demo directory",
        provider_type: "demo",
      },
    ]);
    const limited = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/admin/directory/users?provider_id=${DEMO_SOURCE.id}&limit=3`,
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
    // Each field on its own: the middle of a display name matches, text spanning two fields does not.
    const inName = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?search=ice%20MAR",
    });
    expect(inName.json().items.map((user: { email: string }) => user.email)).toEqual([
      "alice@portcullis.dev",
    ]);
    for (const across of ["dev%0Aalice", "dev%20alice"]) {
      const response = await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/admin/directory/users?search=${across}`,
      });
      expect(response.json().items).toEqual([]);
    }
    const bad = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?limit=101",
    });
    expect(bad.json().issues).toContainEqual({
      path: "limit",
      message: "limit must be a whole number from 1 to 100.",
    });
  });

  it("a search matching more than a thousand people still gives the first ones in email order", async () => {
    const db = t.database.db;
    const source = await db.identitySource.create({ data: { name: "Many people", type: "built_in" } });
    await db.identityPerson.createMany({
      data: Array.from({ length: 1_100 }, (_, i) => {
        const userName = `many${String(1_099 - i).padStart(4, "0")}@crowd.test`;
        return { sourceId: source.id, userName, userNameKey: userName, email: userName };
      }),
    });
    // Past the thousand matches the search reads in email order instead of sorting them all.
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?search=CROWD.test&limit=3",
    });
    expect(response.json().items.map((user: { email: string }) => user.email)).toEqual([
      "many0000@crowd.test",
      "many0001@crowd.test",
      "many0002@crowd.test",
    ]);
    const few = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/users?search=many109&limit=3",
    });
    expect(few.json().items.map((user: { email: string }) => user.email)).toEqual([
      "many1090@crowd.test",
      "many1091@crowd.test",
      "many1092@crowd.test",
    ]);
  });

  it("search groups by name, with live member counts, and group by source", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/groups?search=on-",
    });
    expect(response.json().items).toEqual([
      {
        id: expect.any(String),
        name: "On-call",
        provider_id: DEMO_SOURCE.id,
        provider_name: "Demo directory",
        provider_type: "demo",
        member_count: 3,
      },
    ]);
    const all = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/admin/directory/groups?provider_id=${DEMO_SOURCE.id}`,
    });
    expect(all.json().items.map((group: { name: string }) => group.name)).toEqual([
      "Data",
      "Developers",
      "On-call",
      "Platform",
      "Security",
    ]);
  });

  it("read SCIM-provisioned people; a deactivated or deleted person is not offered", async () => {
    const source = await createScimSource(t.app, callers, "Picker IdP");
    const scim = scimClient(t.app, source.token);
    const kept = (await scim("POST", "/Users", oktaUser("kept@picker.test"))).json().id;
    const off = (await scim("POST", "/Users", oktaUser("off@picker.test"))).json().id;
    const gone = (await scim("POST", "/Users", oktaUser("gone@picker.test"))).json().id;
    await scim("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Picker team",
      members: [{ value: kept }, { value: off }],
    });
    const search = async () =>
      (
        await call(t.app, callers.admin, {
          method: "GET",
          url: "/api/admin/directory/users?search=picker.test",
        })
      ).json().items;
    expect((await search()).map((u: { email: string }) => u.email)).toEqual([
      "gone@picker.test",
      "kept@picker.test",
      "off@picker.test",
    ]);
    await scim("PATCH", `/Users/${off}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    await scim("DELETE", `/Users/${gone}`);
    expect(await search()).toEqual([
      expect.objectContaining({
        email: "kept@picker.test",
        provider_id: source.id,
        provider_name: "Picker IdP",
      }),
    ]);
    const groups = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/directory/groups?search=picker",
    });
    expect(groups.json().items).toEqual([expect.objectContaining({ name: "Picker team", member_count: 1 })]);
  });

  it("are for admins only", async () => {
    for (const url of [
      "/api/admin/identity-providers",
      "/api/admin/directory/users",
      "/api/admin/directory/groups",
    ]) {
      expect((await call(t.app, callers.user, { method: "GET", url })).statusCode).toBe(403);
    }
  });
});

describe("demo directory outside the demo", () => {
  it("is removed, people and all, by a start without the sandbox", async () => {
    await removeDemoDirectory(t.database.db);
    expect(await t.database.db.identitySource.count({ where: { type: "demo" } })).toBe(0);
    expect(await t.database.db.identityPerson.count({ where: { sourceId: DEMO_SOURCE.id } })).toBe(0);
  });
});
