import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { accountBody, type Callers, call, seedConnector, setUpCallers } from "../../../test/fixtures.ts";
import {
  createScimSource,
  ENTERPRISE,
  GROUP,
  oktaUser,
  PATCH_OP,
  type Scim,
  scimClient,
} from "../scim/test/scim-client.ts";

// Owners follow the directory live: the resources list resolves them when read, so these tests
// change people and groups through SCIM and read again, with no fetch in between.

let t: TestApp;
let callers: Callers;
let connectorId: string;
let okta: { id: string; scim: Scim };
let entra: { id: string; scim: Scim };

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  connectorId = (await seedConnector(t.database.db)).id;
  const a = await createScimSource(t.app, callers, "Okta (owners)");
  const b = await createScimSource(t.app, callers, "Entra (owners)");
  okta = { id: a.id, scim: scimClient(t.app, a.token) };
  entra = { id: b.id, scim: scimClient(t.app, b.token) };
});
afterAll(() => t.close());

async function person(scim: Scim, email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await scim("POST", "/Users", oktaUser(email, { externalId: email, ...extra }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** An integration with the given resource owner rule, and one resource per tag set. */
async function integrationWith(
  ownersMapping: Record<string, unknown>,
  resources: Array<Record<string, string>>,
  owner: Record<string, unknown> = { attribute_type: "user", attribute_value: ["fallback@owners.test"] },
): Promise<string> {
  const created = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: accountBody(connectorId, { owner, owners_mapping: ownersMapping }),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  await t.database.db.resource.createMany({
    data: resources.map((tags, n) => ({
      integrationId: id,
      type: "aws-account-s3-bucket",
      externalId: `arn:aws:s3:::owners-${n}`,
      name: `bucket-${n}`,
      tags,
    })),
  });
  return id;
}

async function owners(integrationId: string) {
  const response = await call(t.app, callers.admin, {
    method: "GET",
    url: `/api/v3/integrations/${integrationId}/resources`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .data.map(
      (r: { portcullis: { owners: string[]; owner_source: string; owner_details: unknown[] } }) =>
        r.portcullis,
    );
}

describe("resource owners follow the directory live", () => {
  beforeAll(async () => {
    await person(okta.scim, "fallback@owners.test");
  });

  it("a membership change, a deactivation and a new person change who owns, without a fetch", async () => {
    const ann = await person(okta.scim, "ann@owners.test");
    const ben = await person(okta.scim, "ben@owners.test");
    const group = (
      await okta.scim("POST", "/Groups", {
        schemas: [GROUP],
        displayName: "Payments",
        members: [{ value: ann }],
      })
    ).json().id;
    const id = await integrationWith(
      { key_name: "team", attribute_type: "group", source_integration_reference: okta.id },
      [{ team: "payments" }],
    );
    expect((await owners(id))[0]).toMatchObject({
      owners: ["ann@owners.test"],
      owner_source: "tag",
      owner_details: [
        {
          owner: "ann@owners.test",
          sources: [{ id: okta.id, name: "Okta (owners)" }],
          attribute: "group",
          value: "payments",
        },
      ],
    });

    await okta.scim("PATCH", `/Groups/${group}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "add", path: "members", value: [{ value: ben }] }],
    });
    expect((await owners(id))[0].owners).toEqual(["ann@owners.test", "ben@owners.test"]);

    // Deactivated (Okta) and deleted people never own.
    await okta.scim("PATCH", `/Users/${ann}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect((await owners(id))[0].owners).toEqual(["ben@owners.test"]);
    await okta.scim("DELETE", `/Users/${ben}`);
    // Nobody left in the group: the integration owner takes over.
    expect((await owners(id))[0]).toMatchObject({
      owners: ["fallback@owners.test"],
      owner_source: "fallback",
    });

    const cid = await person(okta.scim, "cid@owners.test");
    await okta.scim("PATCH", `/Groups/${group}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "add", path: "members", value: [{ value: cid }] }],
    });
    expect((await owners(id))[0]).toMatchObject({ owners: ["cid@owners.test"], owner_source: "tag" });
  });

  it("a tag naming a person who is not there yet resolves once they are provisioned", async () => {
    const id = await integrationWith(
      { key_name: "owner", attribute_type: "email", source_integration_reference: null },
      [{ owner: "Newcomer@Owners.test" }],
    );
    expect((await owners(id))[0].owner_source).toBe("fallback");
    await person(entra.scim, "newcomer@owners.test");
    expect((await owners(id))[0]).toMatchObject({
      owners: ["newcomer@owners.test"],
      owner_source: "tag",
      owner_details: [
        expect.objectContaining({ attribute: "email", sources: [{ id: entra.id, name: "Entra (owners)" }] }),
      ],
    });
  });

  it("one person in two sources with the same email is one owner, from both sources", async () => {
    await person(okta.scim, "dana@owners.test");
    await person(entra.scim, "dana@owners.test");
    const id = await integrationWith(
      { key_name: "owner", attribute_type: "user", source_integration_reference: null },
      [{ owner: "dana@owners.test" }],
    );
    const [resource] = await owners(id);
    expect(resource.owners).toEqual(["dana@owners.test"]);
    expect(resource.owner_details).toHaveLength(1);
    expect(resource.owner_details[0].sources.map((s: { id: string }) => s.id).sort()).toEqual(
      [okta.id, entra.id].sort(),
    );
  });

  it("matches any attribute a source has: department, manager", async () => {
    const boss = await person(entra.scim, "boss@owners.test");
    await person(entra.scim, "eve@owners.test", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      [ENTERPRISE]: { department: "Risk", manager: { value: boss } },
    });
    await person(entra.scim, "fay@owners.test", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      [ENTERPRISE]: { department: "Risk" },
    });
    const byDepartment = await integrationWith(
      { key_name: "dept", attribute_type: "department", source_integration_reference: entra.id },
      [{ dept: "risk" }, { dept: "nobody" }],
    );
    const [risk, nobody] = await owners(byDepartment);
    expect(risk).toMatchObject({ owners: ["eve@owners.test", "fay@owners.test"], owner_source: "tag" });
    expect(nobody.owner_source).toBe("fallback");

    const byManager = await integrationWith(
      { key_name: "manager", attribute_type: "manager", source_integration_reference: entra.id },
      [{ manager: "boss@owners.test" }],
    );
    expect((await owners(byManager))[0]).toMatchObject({
      owners: ["eve@owners.test"],
      owner_details: [expect.objectContaining({ attribute: "manager", value: "boss@owners.test" })],
    });

    // The attribute is per source: department "Risk" is no Okta person's.
    const wrongSource = await integrationWith(
      { key_name: "dept", attribute_type: "department", source_integration_reference: okta.id },
      [{ dept: "risk" }],
    );
    expect((await owners(wrongSource))[0].owner_source).toBe("fallback");
  });

  it("a deactivated integration owner stops owning too", async () => {
    const gil = await person(okta.scim, "gil@owners.test");
    const id = await integrationWith(
      { key_name: "owner", attribute_type: "email", source_integration_reference: null },
      [{}],
      { attribute_type: "user", attribute_value: ["gil@owners.test"] },
    );
    expect((await owners(id))[0]).toMatchObject({ owners: ["gil@owners.test"], owner_source: "fallback" });
    await okta.scim("PATCH", `/Users/${gil}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", path: "active", value: "False" }],
    });
    expect((await owners(id))[0]).toMatchObject({ owners: [], owner_source: "none" });
  });
});
