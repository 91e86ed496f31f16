import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, organizationBody, seedConnector, setUpCallers } from "../../../test/fixtures.ts";
import { sha256 } from "../../lib/tokens.ts";
import { CSRF_MESSAGE } from "../../plugins/csrf.ts";
import { oktaUser, scimClient } from "../scim/test/scim-client.ts";
import { DIRECTORY_MESSAGES } from "./built-in-directory.service.ts";
import { SOURCE_MESSAGES } from "./identity-source.service.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
});
afterAll(() => t.close());

const SOURCES = "/api/admin/v1/identity-sources";
const admin = () => callers.adminToken;

describe("identity sources API", () => {
  it("creates a SCIM source: its token shown once, stored hashed, its base URL given", async () => {
    const created = await call(t.app, callers.admin, {
      method: "POST",
      url: SOURCES,
      payload: { name: " Okta (prod) ", type: "scim" },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: "Okta (prod)",
      type: "scim",
      status: "pending",
      scim_base_url: "http://localhost:80/scim/v2",
      token: expect.stringMatching(/^pcs_[A-Za-z0-9_-]{40}$/),
      token_prefix: body.token.slice(0, 10),
      people_count: 0,
      group_count: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const row = await t.database.db.identitySource.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.tokenHash).toBe(sha256(body.token));
    expect(JSON.stringify(row)).not.toContain(body.token);
    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { action: "identity_source.create", targetId: body.id },
    });
    expect(JSON.stringify(audit.after)).not.toContain(body.token);

    const one = await call(t.app, admin(), { method: "GET", url: `${SOURCES}/${body.id}` });
    expect(one.json()).toEqual({ ...body, token: undefined });
    const list = await call(t.app, admin(), { method: "GET", url: SOURCES });
    expect(list.body).not.toContain(body.token);
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(body.id);
  });

  it("counts live people and groups, and moves status and updated_at when the IdP provisions", async () => {
    const source = (
      await call(t.app, admin(), {
        method: "POST",
        url: SOURCES,
        payload: { name: "Counting", type: "scim" },
      })
    ).json();
    const scim = scimClient(t.app, source.token);
    const a = (await scim("POST", "/Users", oktaUser("a@count.test"))).json().id;
    await scim("POST", "/Users", oktaUser("b@count.test"));
    await scim("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "G",
      members: [{ value: a }],
    });
    await scim("DELETE", `/Users/${a}`);
    const after = (await call(t.app, admin(), { method: "GET", url: `${SOURCES}/${source.id}` })).json();
    expect(after).toMatchObject({ status: "active", people_count: 1, group_count: 1 });
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(source.updated_at));
    // Readable (not editable) through the admin API.
    const people = (
      await call(t.app, admin(), { method: "GET", url: `${SOURCES}/${source.id}/people` })
    ).json();
    expect(people).toMatchObject({
      total: 1,
      items: [{ user_name: "b@count.test", email: "b@count.test", active: true }],
    });
    const refused = await call(t.app, admin(), {
      method: "POST",
      url: `${SOURCES}/${source.id}/people`,
      payload: { user_name: "x" },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(DIRECTORY_MESSAGES.notBuiltIn);
  });

  it("renames, refuses duplicate names and bad input with the field, rotates, deletes", async () => {
    const source = (
      await call(t.app, admin(), { method: "POST", url: SOURCES, payload: { name: "Entra", type: "scim" } })
    ).json();
    const renamed = await call(t.app, admin(), {
      method: "PATCH",
      url: `${SOURCES}/${source.id}`,
      payload: { name: "Entra ID" },
    });
    expect(renamed.json()).toMatchObject({ name: "Entra ID", token_prefix: source.token_prefix });
    const duplicate = await call(t.app, admin(), {
      method: "POST",
      url: SOURCES,
      payload: { name: "Entra ID", type: "built-in" },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({
      message: SOURCE_MESSAGES.nameTaken,
      issues: [{ path: "name" }],
    });
    for (const payload of [
      { name: "", type: "scim" },
      { name: "X", type: "iam-identity-center" },
      { name: "X", type: "scim", token: "mine" },
    ]) {
      const bad = await call(t.app, admin(), { method: "POST", url: SOURCES, payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().issues.length).toBeGreaterThan(0);
    }
    const rotated = await call(t.app, admin(), {
      method: "POST",
      url: `${SOURCES}/${source.id}/rotate-token`,
    });
    expect(rotated.json().token).not.toBe(source.token);
    expect(rotated.json().token_prefix).toBe(rotated.json().token.slice(0, 10));
    expect(
      (await call(t.app, admin(), { method: "DELETE", url: `${SOURCES}/${source.id}` })).statusCode,
    ).toBe(204);
    expect((await call(t.app, admin(), { method: "GET", url: `${SOURCES}/${source.id}` })).statusCode).toBe(
      404,
    );
    expect((await call(t.app, admin(), { method: "GET", url: `${SOURCES}/not-a-uuid` })).statusCode).toBe(
      404,
    );
    expect(
      (await call(t.app, admin(), { method: "DELETE", url: `${SOURCES}/${randomUUID()}` })).statusCode,
    ).toBe(404);
  });

  it("refuses to rename or delete an IAM Identity Center source: it follows its organization integration", async () => {
    const connector = await seedConnector(t.database.db);
    const created = await call(t.app, admin(), {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: organizationBody(connector.id, { name: "Org with Identity Center" }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const source = await t.database.db.identitySource.create({
      data: {
        name: "Org with Identity Center",
        type: "iam_identity_center",
        integrationId: created.json().id,
      },
    });
    const rename = await call(t.app, admin(), {
      method: "PATCH",
      url: `${SOURCES}/${source.id}`,
      payload: { name: "Renamed by hand" },
    });
    expect(rename.statusCode).toBe(409);
    expect(rename.json()).toMatchObject({
      code: "IDENTITY_SOURCE_MANAGED_BY_INTEGRATION",
      message: SOURCE_MESSAGES.managedByIntegration(
        "Org with Identity Center",
        "Org with Identity Center",
        "renamed",
      ),
    });
    expect(rename.json().message).toContain("Rename the integration instead");
    const remove = await call(t.app, callers.admin, { method: "DELETE", url: `${SOURCES}/${source.id}` });
    expect(remove.statusCode).toBe(409);
    expect(remove.json().code).toBe("IDENTITY_SOURCE_MANAGED_BY_INTEGRATION");
    expect(remove.json().message).toContain("Delete the integration to remove it");
    const kept = await t.database.db.identitySource.findUniqueOrThrow({ where: { id: source.id } });
    expect(kept.name).toBe("Org with Identity Center");
    expect(await t.database.db.auditLog.count({ where: { targetId: source.id } })).toBe(0);
  });

  it("is for admins only, and session writes need the CSRF token", async () => {
    expect((await call(t.app, callers.user, { method: "GET", url: SOURCES })).statusCode).toBe(403);
    expect(
      (
        await call(t.app, callers.userToken, {
          method: "POST",
          url: SOURCES,
          payload: { name: "U", type: "scim" },
        })
      ).statusCode,
    ).toBe(403);
    const noCsrf = await t.app.inject({
      method: "POST",
      url: SOURCES,
      headers: { cookie: callers.admin.headers.cookie! },
      payload: { name: "No CSRF", type: "scim" },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().message).toBe(CSRF_MESSAGE);
    expect(await t.database.db.identitySource.count({ where: { name: "No CSRF" } })).toBe(0);
  });
});

describe("built-in sources", () => {
  let sourceId = "";

  beforeAll(async () => {
    const created = await call(t.app, admin(), {
      method: "POST",
      url: SOURCES,
      payload: { name: "Team", type: "built-in" },
    });
    expect(created.json()).toMatchObject({
      type: "built-in",
      token: null,
      scim_base_url: null,
      token_prefix: null,
    });
    sourceId = created.json().id;
  });

  it("has no token: rotation is refused, and no SCIM token reaches it", async () => {
    const rotate = await call(t.app, admin(), { method: "POST", url: `${SOURCES}/${sourceId}/rotate-token` });
    expect(rotate.statusCode).toBe(409);
    expect(rotate.json().message).toBe(SOURCE_MESSAGES.noToken);
    const row = await t.database.db.identitySource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(row.tokenHash).toBeNull();
  });

  it("admins add, edit, deactivate and remove people", async () => {
    const people = `${SOURCES}/${sourceId}/people`;
    const created = await call(t.app, callers.admin, {
      method: "POST",
      url: people,
      payload: { user_name: "dana", email: "Dana@Team.test", display_name: "Dana", department: "Ops" },
    });
    expect(created.statusCode).toBe(201);
    const dana = created.json();
    expect(dana).toMatchObject({
      user_name: "dana",
      email: "dana@team.test",
      active: true,
      department: "Ops",
      groups: [],
    });
    const duplicate = await call(t.app, admin(), {
      method: "POST",
      url: people,
      payload: { user_name: "DANA" },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().issues).toEqual([
      { path: "user_name", message: DIRECTORY_MESSAGES.userNameTaken },
    ]);
    const badEmail = await call(t.app, admin(), {
      method: "POST",
      url: people,
      payload: { user_name: "e", email: "nope" },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().issues[0].path).toBe("email");

    const edited = await call(t.app, admin(), {
      method: "PATCH",
      url: `${people}/${dana.id}`,
      payload: { active: false, title: "Lead" },
    });
    expect(edited.json()).toMatchObject({
      active: false,
      title: "Lead",
      department: "Ops",
      email: "dana@team.test",
    });
    expect((await call(t.app, admin(), { method: "DELETE", url: `${people}/${dana.id}` })).statusCode).toBe(
      204,
    );
    expect(
      (await call(t.app, admin(), { method: "PATCH", url: `${people}/${dana.id}`, payload: { title: "x" } }))
        .statusCode,
    ).toBe(404);
    expect((await call(t.app, admin(), { method: "GET", url: people })).json().total).toBe(0);
    const audit = await t.database.db.auditLog.count({ where: { targetId: dana.id } });
    expect(audit).toBe(3);
  });

  it("admins add groups with members, change and delete them; members must be of the same source", async () => {
    const people = `${SOURCES}/${sourceId}/people`;
    const groups = `${SOURCES}/${sourceId}/groups`;
    const eve = (
      await call(t.app, admin(), { method: "POST", url: people, payload: { user_name: "eve" } })
    ).json();
    const fay = (
      await call(t.app, admin(), { method: "POST", url: people, payload: { user_name: "fay" } })
    ).json();
    const group = await call(t.app, admin(), {
      method: "POST",
      url: groups,
      payload: { display_name: "Ops", member_ids: [eve.id] },
    });
    expect(group.statusCode).toBe(201);
    expect(group.json()).toMatchObject({ display_name: "Ops", members: [{ id: eve.id, user_name: "eve" }] });
    const changed = await call(t.app, admin(), {
      method: "PATCH",
      url: `${groups}/${group.json().id}`,
      payload: { display_name: "Operations", member_ids: [fay.id] },
    });
    expect(changed.json()).toMatchObject({ display_name: "Operations", members: [{ id: fay.id }] });
    const foreign = await call(t.app, admin(), {
      method: "POST",
      url: groups,
      payload: { display_name: "X", member_ids: [randomUUID()] },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().issues[0].path).toBe("member_ids");
    const listed = (await call(t.app, admin(), { method: "GET", url: `${groups}?limit=10` })).json();
    expect(listed).toMatchObject({ total: 1, items: [{ display_name: "Operations" }] });
    expect(
      (await call(t.app, admin(), { method: "DELETE", url: `${groups}/${group.json().id}` })).statusCode,
    ).toBe(204);
    expect((await call(t.app, admin(), { method: "GET", url: groups })).json().total).toBe(0);
    const source = (await call(t.app, admin(), { method: "GET", url: `${SOURCES}/${sourceId}` })).json();
    expect(source).toMatchObject({ status: "active", people_count: 2, group_count: 0 });
  });
});
