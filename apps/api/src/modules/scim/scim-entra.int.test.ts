import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, setUpCallers } from "../../../test/fixtures.ts";
import {
  createScimSource,
  ENTERPRISE,
  GROUP,
  PATCH_OP,
  type Scim,
  scimClient,
  USER,
} from "./test/scim-client.ts";

/**
 * Microsoft Entra ID's provisioning requests, as its SCIM Validator exercises them: lookups by
 * userName / externalId / displayName, PATCH with capitalised ops and "True"/"False" strings,
 * the enterprise extension (manager add/remove), membership checks with `members[value eq …]`.
 */
let t: TestApp;
let callers: Callers;
let scim: Scim;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  scim = scimClient(t.app, (await createScimSource(t.app, callers, "Entra")).token);
});
afterAll(() => t.close());

const q = (filter: string) => encodeURIComponent(filter);
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

function entraUser(userName: string, externalId: string) {
  return {
    schemas: [USER, ENTERPRISE],
    externalId,
    userName,
    active: true,
    displayName: "Ada Lovelace",
    title: "Engineer",
    emails: [{ primary: true, type: "work", value: userName }],
    name: { formatted: "Ada Lovelace", familyName: "Lovelace", givenName: "Ada" },
    [ENTERPRISE]: {
      employeeNumber: "1701",
      department: "Research",
      costCenter: "CC-1",
      organization: "Analytical",
    },
  };
}

describe("Entra ID users", () => {
  let id = "";
  let managerId = "";

  it("creates a user with the enterprise extension", async () => {
    managerId = (await scim("POST", "/Users", entraUser("boss@contoso.com", "ext-boss"))).json().id;
    const response = await scim("POST", "/Users", entraUser("ada@contoso.com", "ext-ada"));
    expect(response.statusCode).toBe(201);
    id = response.json().id;
    expect(response.json()).toMatchObject({
      schemas: [USER, ENTERPRISE],
      userName: "ada@contoso.com",
      externalId: "ext-ada",
      title: "Engineer",
      [ENTERPRISE]: {
        employeeNumber: "1701",
        department: "Research",
        costCenter: "CC-1",
        organization: "Analytical",
      },
    });
  });

  it("finds the user by userName and by externalId; a missing one gives an empty list", async () => {
    const byUserName = await scim("GET", `/Users?filter=${q('userName eq "ada@contoso.com"')}`);
    expect(byUserName.json()).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const byExternalId = await scim("GET", `/Users?filter=${q('externalId eq "ext-ada"')}`);
    expect(byExternalId.json()).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    // externalId is caseExact.
    expect((await scim("GET", `/Users?filter=${q('externalId eq "EXT-ADA"')}`)).json().totalResults).toBe(0);
    const missing = await scim("GET", `/Users?filter=${q('userName eq "nobody@contoso.com"')}`);
    expect(missing.json()).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('replaces attributes with capitalised ops and filtered paths (emails[type eq "work"].value)', async () => {
    const response = await scim(
      "PATCH",
      `/Users/${id}`,
      patch(
        { op: "Replace", path: "displayName", value: "Ada King" },
        { op: "Replace", path: "name.familyName", value: "King" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "ada.king@contoso.com" },
        { op: "Replace", path: `${ENTERPRISE}:department`, value: "Mathematics" },
        { op: "Add", path: "title", value: "Countess" },
      ),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      displayName: "Ada King",
      title: "Countess",
      name: { givenName: "Ada", familyName: "King" },
      emails: [{ type: "work", value: "ada.king@contoso.com", primary: true }],
      [ENTERPRISE]: { department: "Mathematics", employeeNumber: "1701" },
    });
    const found = await scim("GET", `/Users?filter=${q('emails.value eq "ADA.KING@contoso.com"')}`);
    expect(found.json().Resources.map((u: { id: string }) => u.id)).toEqual([id]);
  });

  it("accepts path-less values whose keys are paths (Entra's shape)", async () => {
    const response = await scim(
      "PATCH",
      `/Users/${id}`,
      patch({ op: "Replace", value: { "name.givenName": "Augusta", [`${ENTERPRISE}:costCenter`]: "CC-2" } }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: { givenName: "Augusta" },
      [ENTERPRISE]: { costCenter: "CC-2" },
    });
  });

  it("adds and removes the manager", async () => {
    const added = await scim(
      "PATCH",
      `/Users/${id}`,
      patch({ op: "Add", path: `${ENTERPRISE}:manager`, value: managerId }),
    );
    expect(added.json()[ENTERPRISE].manager).toMatchObject({ value: managerId });
    const byManager = await scim(
      "GET",
      `/Users?filter=${q(`${ENTERPRISE}:manager.value eq "${managerId}"`)}`,
    );
    expect(byManager.json().Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    const removed = await scim(
      "PATCH",
      `/Users/${id}`,
      patch({ op: "Remove", path: `${ENTERPRISE}:manager` }),
    );
    expect(removed.statusCode).toBe(200);
    expect(removed.json()[ENTERPRISE].manager).toBeUndefined();
  });

  it('disables with "False" and enables with "True" (strings, as Entra sends them)', async () => {
    const disabled = await scim(
      "PATCH",
      `/Users/${id}`,
      patch({ op: "Replace", path: "active", value: "False" }),
    );
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().active).toBe(false);
    const row = await t.database.db.identityPerson.findUniqueOrThrow({ where: { id } });
    expect(row.active).toBe(false);
    const enabled = await scim("PATCH", `/Users/${id}`, patch({ op: "Replace", value: { active: "True" } }));
    expect(enabled.json().active).toBe(true);
    const invalid = await scim(
      "PATCH",
      `/Users/${id}`,
      patch({ op: "Replace", path: "active", value: "maybe" }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ status: "400", scimType: "invalidValue" });
  });

  it("deletes the user: 204, then 404, gone from lists, the row kept inactive for history", async () => {
    const doomed = (await scim("POST", "/Users", entraUser("gone@contoso.com", "ext-gone"))).json().id;
    expect((await scim("DELETE", `/Users/${doomed}`)).statusCode).toBe(204);
    expect((await scim("GET", `/Users/${doomed}`)).statusCode).toBe(404);
    expect((await scim("DELETE", `/Users/${doomed}`)).statusCode).toBe(404);
    expect(
      (await scim("GET", `/Users?filter=${q('userName eq "gone@contoso.com"')}`)).json().totalResults,
    ).toBe(0);
    const row = await t.database.db.identityPerson.findUniqueOrThrow({ where: { id: doomed } });
    expect(row).toMatchObject({ active: false, userName: "gone@contoso.com" });
    expect(row.deletedAt).not.toBeNull();
    // The user name is free again: the IdP may provision the person anew.
    expect((await scim("POST", "/Users", entraUser("gone@contoso.com", "ext-gone"))).statusCode).toBe(201);
  });
});

describe("Entra ID groups", () => {
  let groupId = "";
  let memberA = "";
  let memberB = "";

  beforeAll(async () => {
    memberA = (await scim("POST", "/Users", entraUser("a@contoso.com", "ext-a"))).json().id;
    memberB = (await scim("POST", "/Users", entraUser("b@contoso.com", "ext-b"))).json().id;
  });

  it("creates a group and finds it by displayName without its members", async () => {
    const created = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Sales",
      externalId: "g-ext",
      members: [],
    });
    expect(created.statusCode).toBe(201);
    groupId = created.json().id;
    const found = await scim(
      "GET",
      `/Groups?excludedAttributes=members&filter=${q('displayName eq "sales"')}`,
    );
    expect(found.json()).toMatchObject({
      totalResults: 1,
      Resources: [{ id: groupId, displayName: "Sales", externalId: "g-ext" }],
    });
    expect(found.json().Resources[0].members).toBeUndefined();
    const one = await scim("GET", `/Groups/${groupId}?excludedAttributes=members`);
    expect(one.json()).toMatchObject({ id: groupId, displayName: "Sales", schemas: [GROUP] });
    expect(one.json().members).toBeUndefined();
  });

  it("adds members (op Add, path members) and checks membership with members[value eq …]", async () => {
    const added = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "Add", path: "members", value: [{ value: memberA }, { value: memberB }] }),
    );
    expect(added.statusCode).toBe(200);
    const check = (user: string) =>
      scim(
        "GET",
        `/Groups?excludedAttributes=members&filter=${q(`id eq "${groupId}" and members[value eq "${user}"]`)}`,
      );
    expect((await check(memberA)).json().totalResults).toBe(1);
    expect((await check(memberB)).json().totalResults).toBe(1);
    expect(
      (await scim("GET", `/Groups?filter=${q(`members.value eq "${memberA}"`)}`)).json().totalResults,
    ).toBe(1);
  });

  it("removes a member with op Remove, path members and a value list", async () => {
    const removed = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "Remove", path: "members", value: [{ value: memberA }] }),
    );
    expect(removed.statusCode).toBe(200);
    expect(removed.json().members.map((m: { value: string }) => m.value)).toEqual([memberB]);
  });

  it("replaces displayName and externalId, and replaces all members", async () => {
    const response = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch(
        { op: "Replace", path: "displayName", value: "Sales EMEA" },
        { op: "Replace", path: "externalId", value: "g-ext-2" },
        { op: "Replace", path: "members", value: [{ value: memberA }] },
      ),
    );
    expect(response.json()).toMatchObject({
      displayName: "Sales EMEA",
      externalId: "g-ext-2",
      members: [{ value: memberA }],
    });
  });

  it("removes every member with op Remove, path members", async () => {
    const response = await scim("PATCH", `/Groups/${groupId}`, patch({ op: "Remove", path: "members" }));
    expect(response.json().members).toEqual([]);
  });

  it("a deleted user leaves its groups", async () => {
    await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "Add", path: "members", value: [{ value: memberB }] }),
    );
    await scim("DELETE", `/Users/${memberB}`);
    expect((await scim("GET", `/Groups/${groupId}`)).json().members).toEqual([]);
  });

  it("deletes the group", async () => {
    expect((await scim("DELETE", `/Groups/${groupId}`)).statusCode).toBe(204);
    expect((await scim("GET", `/Groups/${groupId}`)).json()).toMatchObject({ status: "404" });
  });
});
