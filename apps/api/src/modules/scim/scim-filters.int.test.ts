import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, setUpCallers } from "../../../test/fixtures.ts";
import { createScimSource, ENTERPRISE, GROUP, type Scim, scimClient, USER } from "./test/scim-client.ts";

/** Every filter operator (RFC 7644 §3.4.2.2) on every filterable attribute, answered from PostgreSQL. */
let t: TestApp;
let callers: Callers;
let scim: Scim;
const ids: Record<string, string> = {};
let createdBetween = "";
let groupId = "";

function person(userName: string, extra: Record<string, unknown>) {
  return { schemas: [USER, ENTERPRISE], userName, ...extra };
}

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  scim = scimClient(t.app, (await createScimSource(t.app, callers, "Filters")).token);
  const people = [
    person("ann@example.com", {
      externalId: "E-1",
      displayName: "Ann Archer",
      name: { givenName: "Ann", familyName: "Archer" },
      title: "Pilot",
      active: true,
      emails: [
        { value: "ann@example.com", type: "work", primary: true },
        { value: "ann@home.test", type: "home" },
      ],
      [ENTERPRISE]: {
        department: "Flight",
        employeeNumber: "100",
        costCenter: "C1",
        organization: "Air",
        division: "North",
      },
    }),
    person("bob@example.com", {
      externalId: "E-2",
      displayName: "Bob Baker",
      name: { givenName: "Bob", familyName: "Baker" },
      active: false,
      emails: [{ value: "bob@work.test", type: "work" }],
      [ENTERPRISE]: { department: "Kitchen", employeeNumber: "200" },
    }),
    person("cy_100%@example.org", { displayName: "Cy", active: true, emails: [] }),
  ];
  for (const [index, body] of people.entries()) {
    const key = ["ann", "bob", "cy"][index]!;
    ids[key] = (await scim("POST", "/Users", body)).json().id;
    if (key === "ann") {
      // Time moves between the first user and the rest, so dates can tell them apart.
      const first = await t.database.db.identityPerson.findUniqueOrThrow({ where: { id: ids.ann } });
      createdBetween = new Date(first.createdAt.getTime() + 1).toISOString();
      await t.database.db.identityPerson.update({
        where: { id: ids.ann },
        data: {
          createdAt: new Date(first.createdAt.getTime() - 60_000),
          updatedAt: new Date(first.updatedAt.getTime() - 60_000),
        },
      });
    }
  }
  await scim("PATCH", `/Users/${ids.bob}`, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "add", path: `${ENTERPRISE}:manager`, value: ids.ann }],
  });
  groupId = (
    await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Pilots",
      externalId: "G-1",
      members: [{ value: ids.ann }],
    })
  ).json().id;
  await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Cooks", members: [{ value: ids.bob }] });
});
afterAll(() => t.close());

async function users(filter: string): Promise<string[]> {
  const response = await scim("GET", `/Users?filter=${encodeURIComponent(filter)}`);
  expect(response.statusCode, response.body).toBe(200);
  const names = Object.fromEntries(Object.entries(ids).map(([key, id]) => [id, key]));
  return response
    .json()
    .Resources.map((user: { id: string }) => names[user.id])
    .sort();
}

async function groups(filter: string): Promise<string[]> {
  const response = await scim("GET", `/Groups?filter=${encodeURIComponent(filter)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .Resources.map((group: { displayName: string }) => group.displayName)
    .sort();
}

describe("User filters", () => {
  it.each([
    // eq / ne, case-insensitive on userName, displayName, emails; exact on id and externalId
    ['userName eq "ANN@example.com"', ["ann"]],
    ['userName ne "ann@example.com"', ["bob", "cy"]],
    ['externalId eq "E-2"', ["bob"]],
    ['externalId eq "e-2"', []],
    ['externalId ne "E-2"', ["ann", "cy"]],
    ['displayName eq "bob baker"', ["bob"]],
    ['emails.value eq "ANN@HOME.TEST"', ["ann"]],
    ['emails eq "bob@work.test"', ["bob"]],
    // co / sw / ew, with LIKE wildcards in the value taken literally
    ['userName co "@example."', ["ann", "bob", "cy"]],
    ['userName co "100%"', ["cy"]],
    ['userName co "_"', ["cy"]],
    ['userName co "%"', ["cy"]],
    ['userName sw "B"', ["bob"]],
    ['userName ew ".org"', ["cy"]],
    ['displayName sw "ann a"', ["ann"]],
    ['emails.value ew "@work.test"', ["bob"]],
    ['name.familyName sw "Bak"', ["bob"]],
    ['name.givenName eq "ann"', ["ann"]],
    ['title eq "pilot"', ["ann"]],
    // pr
    ["title pr", ["ann"]],
    ["externalId pr", ["ann", "bob"]],
    ["emails pr", ["ann", "bob"]],
    [`${ENTERPRISE}:manager pr`, ["bob"]],
    // gt / ge / lt / le on strings
    ['userName gt "b"', ["bob", "cy"]],
    ['userName ge "bob@example.com"', ["bob", "cy"]],
    ['userName lt "bob@example.com"', ["ann"]],
    ['userName le "bob@example.com"', ["ann", "bob"]],
    // booleans
    ["active eq true", ["ann", "cy"]],
    ["active eq false", ["bob"]],
    ["active ne true", ["bob"]],
    // dates
    [`meta.created lt "${new Date(Date.now() - 30_000).toISOString()}"`, ["ann"]],
    [`meta.lastModified gt "${new Date(Date.now() - 30_000).toISOString()}"`, ["bob", "cy"]],
    [`meta.lastModified ge "2000-01-01T00:00:00Z"`, ["ann", "bob", "cy"]],
    [`meta.created le "2000-01-01T00:00:00Z"`, []],
    // logical operators, not, parentheses, precedence (and before or)
    ['userName sw "a" or userName sw "b"', ["ann", "bob"]],
    ["active eq true and emails pr", ["ann"]],
    ["not (active eq true)", ["bob"]],
    ["not (title pr)", ["bob", "cy"]],
    ['userName sw "c" or userName sw "a" and active eq false', ["cy"]],
    ['(userName sw "c" or userName sw "a") and active eq true', ["ann", "cy"]],
    ['not (userName sw "a" or userName sw "b") and displayName pr', ["cy"]],
    // value filters on multi-valued attributes
    ['emails[type eq "work" and value co "work.test"]', ["bob"]],
    ['emails[type eq "home"]', ["ann"]],
    ["emails[primary eq true]", ["ann"]],
    // the enterprise extension, with its URN; attribute names are case-insensitive
    [`${ENTERPRISE}:department eq "flight"`, ["ann"]],
    [`${ENTERPRISE}:employeeNumber gt "150"`, ["bob"]],
    [`${ENTERPRISE}:costCenter eq "C1"`, ["ann"]],
    [`${ENTERPRISE}:organization eq "Air"`, ["ann"]],
    [`${ENTERPRISE}:division eq "north"`, ["ann"]],
    ['USERNAME EQ "bob@example.com"', ["bob"]],
    [`${USER}:userName eq "bob@example.com"`, ["bob"]],
    // null compares with presence
    ["title eq null", ["bob", "cy"]],
  ])("%s", async (filter, expected) => {
    expect(await users(filter)).toEqual(expected);
  });

  it("id eq and manager.value eq", async () => {
    expect(await users(`id eq "${ids.bob}"`)).toEqual(["bob"]);
    expect(await users(`id ne "${ids.bob}"`)).toEqual(["ann", "cy"]);
    expect(await users(`${ENTERPRISE}:manager.value eq "${ids.ann}"`)).toEqual(["bob"]);
  });

  it("meta.created splits users created before and after a moment", async () => {
    expect(await users(`meta.created lt "${createdBetween}"`)).toEqual(["ann"]);
  });

  it("combines with startIndex and count, totalResults counting every match", async () => {
    const response = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent('userName co "example"')}&startIndex=2&count=1`,
    );
    expect(response.json()).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
  });
});

describe("Group filters", () => {
  it.each([
    ['displayName eq "pilots"', ["Pilots"]],
    ['displayName ne "Pilots"', ["Cooks"]],
    ['displayName co "OOK"', ["Cooks"]],
    ['displayName sw "P"', ["Pilots"]],
    ['displayName ew "s"', ["Cooks", "Pilots"]],
    ['displayName gt "D"', ["Pilots"]],
    ["externalId pr", ["Pilots"]],
    ['externalId eq "G-1"', ["Pilots"]],
    ["members pr", ["Cooks", "Pilots"]],
    ['meta.lastModified gt "2000-01-01T00:00:00Z"', ["Cooks", "Pilots"]],
  ])("%s", async (filter, expected) => {
    expect(await groups(filter)).toEqual(expected);
  });

  it("members[value eq …], members.value and id", async () => {
    expect(await groups(`members[value eq "${ids.bob}"]`)).toEqual(["Cooks"]);
    expect(await groups(`members.value eq "${ids.ann}"`)).toEqual(["Pilots"]);
    expect(await groups(`id eq "${groupId}" and members[value eq "${ids.ann}"]`)).toEqual(["Pilots"]);
    expect(await groups(`id eq "${groupId}" and members[value eq "${ids.bob}"]`)).toEqual([]);
  });
});

describe("attributes and excludedAttributes", () => {
  it("attributes returns only those asked for, plus id and schemas", async () => {
    const response = await scim(
      "GET",
      `/Users/${ids.ann}?attributes=userName,name.givenName,${ENTERPRISE}:department`,
    );
    expect(response.json()).toEqual({
      schemas: [USER, ENTERPRISE],
      id: ids.ann,
      userName: "ann@example.com",
      name: { givenName: "Ann" },
      [ENTERPRISE]: { department: "Flight" },
    });
  });

  it("excludedAttributes drops them (never id), on lists too", async () => {
    const response = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent(`id eq "${ids.ann}"`)}&excludedAttributes=emails,meta,groups,id,name.familyName`,
    );
    const user = response.json().Resources[0];
    expect(user.id).toBe(ids.ann);
    expect(user.emails).toBeUndefined();
    expect(user.meta).toBeUndefined();
    expect(user.groups).toBeUndefined();
    expect(user.name).toEqual({ givenName: "Ann", formatted: "Ann Archer" });
  });

  it("applies to the sub-attributes of multi-valued attributes", async () => {
    const response = await scim("GET", `/Users/${ids.ann}?attributes=emails.value`);
    expect(response.json().emails).toEqual([{ value: "ann@example.com" }, { value: "ann@home.test" }]);
  });
});
