import { ZGroupV1 } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Caller, type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { DEMO_SOURCE } from "../../core/directory-sources.ts";
import { createScimSource, GROUP, oktaUser, scimClient } from "../scim/test/scim-client.ts";
import { BUILT_IN_SOURCE_NAME, GROUP_WRITE_MESSAGES } from "./apono-groups.service.ts";

let t: TestApp;
let callers: Callers;
const GROUPS = "/api/admin/v1/groups";
const SOURCES = "/api/admin/v1/identity-sources";

const as = (caller: Caller, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) =>
  call(t.app, caller, { method, url, payload });
const admin = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) =>
  as(callers.adminToken, method, url, payload);

async function memberEmails(groupId: string): Promise<string[]> {
  const response = await admin("GET", `${GROUPS}/${groupId}/members`);
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .items.map((member: { email: string }) => member.email)
    .sort();
}

async function addPerson(sourceId: string, email: string): Promise<string> {
  const response = await admin("POST", `${SOURCES}/${sourceId}/people`, { user_name: email, email });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

let builtIn: { id: string; name: string };
let scimGroupId: string;
let identityCenterGroupId: string;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  const okta = await createScimSource(t.app, callers, "Okta for groups");
  const scim = scimClient(t.app, okta.token);
  const ann = (await scim("POST", "/Users", oktaUser("ann@groups.test"))).json().id;
  scimGroupId = (
    await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Okta admins", members: [{ value: ann }] })
  ).json().id;
  const identityCenter = await t.database.db.identitySource.create({
    data: { name: "Org (IAM Identity Center)", type: "iam_identity_center" },
  });
  identityCenterGroupId = (
    await t.database.db.identityGroup.create({
      data: { sourceId: identityCenter.id, displayName: "AWS admins", displayNameKey: "aws admins" },
    })
  ).id;
});
afterAll(() => t.close());

describe("Apono group writes (/api/admin/v1/groups)", () => {
  it("POST with no built-in source yet: creates one, named Built-in directory, and the group in it", async () => {
    expect(await t.database.db.identitySource.count({ where: { type: "built_in" } })).toBe(0);
    const response = await admin("POST", GROUPS, { name: " Payments on-call ", members_emails: [] });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(ZGroupV1.parse(body)).toEqual(body);
    const source = await t.database.db.identitySource.findFirstOrThrow({ where: { type: "built_in" } });
    expect(source.name).toBe(BUILT_IN_SOURCE_NAME);
    builtIn = { id: source.id, name: source.name };
    expect(body).toEqual({
      id: expect.any(String),
      name: "Payments on-call",
      source_id: null,
      source_integration_id: source.id,
      source_integration_name: BUILT_IN_SOURCE_NAME,
    });
    expect(await memberEmails(body.id)).toEqual([]);
    const audit = await t.database.db.auditLog.findFirstOrThrow({
      where: { action: "identity_group.create", targetId: body.id },
    });
    expect(audit.actorId).toBe(callers.adminId);
  });

  it("POST with members by email (any case), into the oldest built-in source; a taken name is a 409", async () => {
    await addPerson(builtIn.id, "bo@groups.test");
    await addPerson(builtIn.id, "cy@groups.test");
    // A second built-in source is not where groups go: the oldest is.
    const newer = (await admin("POST", SOURCES, { name: "Newer built-in", type: "built-in" })).json();
    const created = await admin("POST", GROUPS, {
      name: "Risk reviewers",
      members_emails: ["BO@groups.test", "cy@groups.test", "bo@groups.test"],
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().source_integration_id).toBe(builtIn.id);
    expect(created.json().source_integration_id).not.toBe(newer.id);
    expect(await memberEmails(created.json().id)).toEqual(["bo@groups.test", "cy@groups.test"]);

    const taken = await admin("POST", GROUPS, { name: "risk REVIEWERS", members_emails: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: "IDENTITY_NAME_TAKEN",
      issues: [{ path: "name", message: "A group with this name already exists in this source." }],
    });
  });

  it("an email that names nobody in the built-in source is a 400 naming it, and nothing is written", async () => {
    const before = await t.database.db.identityGroup.count();
    // ann@groups.test exists, but in the SCIM source: a built-in group's members are its own source's.
    const response = await admin("POST", GROUPS, {
      name: "Unknown members",
      members_emails: ["bo@groups.test", "nobody@groups.test", "ann@groups.test"],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "VALIDATION_FAILED",
      message: GROUP_WRITE_MESSAGES.unknownEmails(2, builtIn.name),
      issues: [
        {
          path: "members_emails.1",
          message: GROUP_WRITE_MESSAGES.unknownEmail("nobody@groups.test", builtIn.name),
        },
        {
          path: "members_emails.2",
          message: GROUP_WRITE_MESSAGES.unknownEmail("ann@groups.test", builtIn.name),
        },
      ],
    });
    expect(response.json().message).toContain("2 of these emails");
    expect(await t.database.db.identityGroup.count()).toBe(before);

    const bad = await admin("POST", GROUPS, { name: "", members_emails: "bo@groups.test", extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .issues.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(["", "members_emails", "name"].sort());
  });

  it("PUT …/members sets exactly these members; PUT and DELETE …/members/{email} add and remove one", async () => {
    await addPerson(builtIn.id, "di@groups.test");
    const group = (
      await admin("POST", GROUPS, { name: "Treasury", members_emails: ["bo@groups.test", "cy@groups.test"] })
    ).json();
    const set = await admin("PUT", `${GROUPS}/${group.id}/members`, {
      members_emails: ["cy@groups.test", "DI@groups.test"],
    });
    expect(set.statusCode, set.body).toBe(204);
    expect(await memberEmails(group.id)).toEqual(["cy@groups.test", "di@groups.test"]);

    const unknown = await admin("PUT", `${GROUPS}/${group.id}/members`, {
      members_emails: ["bo@groups.test", "zed@groups.test"],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues).toEqual([
      {
        path: "members_emails.1",
        message: GROUP_WRITE_MESSAGES.unknownEmail("zed@groups.test", builtIn.name),
      },
    ]);
    expect(await memberEmails(group.id)).toEqual(["cy@groups.test", "di@groups.test"]);

    expect((await admin("PUT", `${GROUPS}/${group.id}/members/Bo%40groups.test`)).statusCode).toBe(204);
    // Adding a member twice changes nothing.
    expect((await admin("PUT", `${GROUPS}/${group.id}/members/bo@groups.test`)).statusCode).toBe(204);
    expect(await memberEmails(group.id)).toEqual(["bo@groups.test", "cy@groups.test", "di@groups.test"]);
    expect((await admin("DELETE", `${GROUPS}/${group.id}/members/cy@groups.test`)).statusCode).toBe(204);
    expect(await memberEmails(group.id)).toEqual(["bo@groups.test", "di@groups.test"]);

    for (const method of ["PUT", "DELETE"] as const) {
      const missing = await admin(method, `${GROUPS}/${group.id}/members/zed@groups.test`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({
        code: "NOT_FOUND",
        message: GROUP_WRITE_MESSAGES.unknownEmail("zed@groups.test", builtIn.name),
      });
    }
    expect((await admin("PUT", `${GROUPS}/${group.id}/members`, { members_emails: [] })).statusCode).toBe(
      204,
    );
    expect(await memberEmails(group.id)).toEqual([]);
  });

  it("PUT …/name renames (GroupV1 back); DELETE removes; unknown ids are 404s", async () => {
    const group = (
      await admin("POST", GROUPS, { name: "Old name", members_emails: ["bo@groups.test"] })
    ).json();
    const renamed = await admin("PUT", `${GROUPS}/${group.id}/name`, { name: "New name" });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ ...group, name: "New name" });
    expect((await admin("GET", `${GROUPS}/${group.id}`)).json().name).toBe("New name");
    const clash = await admin("PUT", `${GROUPS}/${group.id}/name`, { name: "TREASURY" });
    expect(clash.json().code).toBe("IDENTITY_NAME_TAKEN");

    expect((await admin("DELETE", `${GROUPS}/${group.id}`)).statusCode).toBe(204);
    expect((await admin("GET", `${GROUPS}/${group.id}`)).statusCode).toBe(404);
    expect(
      await t.database.db.auditLog.count({ where: { action: "identity_group.delete", targetId: group.id } }),
    ).toBe(1);
    for (const [method, url, payload] of [
      ["DELETE", `${GROUPS}/${group.id}`, undefined],
      ["PUT", `${GROUPS}/not-a-uuid/name`, { name: "x" }],
      ["PUT", `${GROUPS}/${group.id}/members`, { members_emails: [] }],
      ["PUT", `${GROUPS}/${group.id}/members/bo@groups.test`, undefined],
    ] as const) {
      const response = await admin(method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().code).toBe("NOT_FOUND");
    }
  });

  it("SCIM, IAM Identity Center and demo groups are their IdP's: 409 saying where to change them, nothing changed", async () => {
    const demoGroup = await t.database.db.identityGroup.findFirstOrThrow({
      where: { sourceId: DEMO_SOURCE.id },
    });
    const cases = [
      [scimGroupId, "Okta admins", "change the group in that IdP"],
      [identityCenterGroupId, "AWS admins", "change the group in IAM Identity Center"],
      [demoGroup.id, demoGroup.displayName, "fixed demo directory"],
    ] as const;
    for (const [id, name, advice] of cases) {
      for (const [method, url, payload] of [
        ["PUT", `${GROUPS}/${id}/name`, { name: "Hijacked" }],
        ["PUT", `${GROUPS}/${id}/members`, { members_emails: [] }],
        ["PUT", `${GROUPS}/${id}/members/bo@groups.test`, undefined],
        ["DELETE", `${GROUPS}/${id}/members/ann@groups.test`, undefined],
        ["DELETE", `${GROUPS}/${id}`, undefined],
      ] as const) {
        const response = await admin(method, url, payload);
        expect(response.statusCode, `${method} ${url}`).toBe(409);
        expect(response.json().code).toBe("IDENTITY_SOURCE_READ_ONLY");
        expect(response.json().message).toContain(`The group "${name}"`);
        expect(response.json().message).toContain(advice);
      }
      expect((await admin("GET", `${GROUPS}/${id}`)).json().name).toBe(name);
    }
    expect(await memberEmails(scimGroupId)).toEqual(["ann@groups.test"]);
  });

  it("admins only: users get 403, anonymous 401, a session without its CSRF token 403", async () => {
    const group = (await admin("POST", GROUPS, { name: "Guarded", members_emails: [] })).json();
    const writes = [
      ["POST", GROUPS, { name: "By a user", members_emails: [] }],
      ["PUT", `${GROUPS}/${group.id}/members`, { members_emails: [] }],
      ["PUT", `${GROUPS}/${group.id}/members/bo@groups.test`, undefined],
      ["DELETE", `${GROUPS}/${group.id}/members/bo@groups.test`, undefined],
      ["PUT", `${GROUPS}/${group.id}/name`, { name: "By a user" }],
      ["DELETE", `${GROUPS}/${group.id}`, undefined],
    ] as const;
    const noCsrf: Caller = {
      ...callers.admin,
      headers: { cookie: callers.admin.headers.cookie as string },
    };
    for (const [method, url, payload] of writes) {
      expect((await as(callers.user, method, url, payload)).statusCode, `user ${method} ${url}`).toBe(403);
      expect((await as(callers.userToken, method, url, payload)).statusCode, `token ${method} ${url}`).toBe(
        403,
      );
      expect(
        (await as({ name: "anonymous", headers: {}, userId: null }, method, url, payload)).statusCode,
      ).toBe(401);
      const csrf = await as(noCsrf, method, url, payload);
      expect(csrf.statusCode, `no CSRF ${method} ${url}`).toBe(403);
      expect(csrf.json().code).toBe("CSRF_FAILED");
    }
    // The admin's session (with its CSRF token) may.
    expect(
      (await as(callers.admin, "PUT", `${GROUPS}/${group.id}/name`, { name: "Guarded 2" })).statusCode,
    ).toBe(200);
    expect((await admin("GET", `${GROUPS}/${group.id}`)).json().name).toBe("Guarded 2");
    expect(await t.database.db.identityGroup.count({ where: { displayName: "By a user" } })).toBe(0);
  });
});
