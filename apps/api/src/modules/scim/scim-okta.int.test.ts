import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, setUpCallers } from "../../../test/fixtures.ts";
import {
  createScimSource,
  ERROR,
  GROUP,
  oktaUser,
  PATCH_OP,
  type Scim,
  scimClient,
  USER,
} from "./test/scim-client.ts";

/**
 * Okta's published "SCIM 2.0 SPEC Test" (the Runscope suite Okta asks SCIM apps to pass), step by
 * step, plus the group-push requests Okta sends (PATCH with `members[value eq "…"]`, path-less replace).
 */
let t: TestApp;
let callers: Callers;
let scim: Scim;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  scim = scimClient(t.app, (await createScimSource(t.app, callers, "Okta")).token);
});
afterAll(() => t.close());

const q = (filter: string) => encodeURIComponent(filter);

describe("Okta SCIM 2.0 SPEC test", () => {
  const userName = `Runscope${Date.now()}Test@atko.com`;
  let id = "";

  it("Required Test: Test Users endpoint (count=1&startIndex=1 returns a ListResponse)", async () => {
    await scim("POST", "/Users", oktaUser("first@atko.com"));
    const response = await scim("GET", "/Users?count=1&startIndex=1");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/scim+json");
    const body = response.json();
    expect(body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
    expect(body.itemsPerPage).toBe(1);
    expect(body.startIndex).toBe(1);
    expect(body.totalResults).toBeGreaterThanOrEqual(1);
    expect(body.Resources).toHaveLength(1);
    expect(body.Resources[0]).toMatchObject({ id: expect.any(String), userName: expect.any(String) });
  });

  it("Required Test: Get Users/{{id}} of a listed user", async () => {
    const listed = (await scim("GET", "/Users?count=1&startIndex=1")).json().Resources[0];
    const response = await scim("GET", `/Users/${listed.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: listed.id, userName: listed.userName, schemas: [USER] });
  });

  it("Required Test: Test invalid User by username (none found, not an error)", async () => {
    const response = await scim("GET", `/Users?filter=${q(`userName eq "nobody-${randomUUID()}@atko.com"`)}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("Required Test: Test invalid User by ID (404 in SCIM's error shape)", async () => {
    const response = await scim("GET", `/Users/${randomUUID()}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ schemas: [ERROR], status: "404" });
  });

  it("Required Test: Make sure random user doesn't exist, then create it", async () => {
    const before = await scim("GET", `/Users?filter=${q(`userName eq "${userName}"`)}`);
    expect(before.json().totalResults).toBe(0);
    const created = await scim("POST", "/Users", oktaUser(userName));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    id = body.id;
    expect(body).toMatchObject({
      schemas: [USER],
      userName,
      active: true,
      name: { givenName: "Test", familyName: "User" },
      emails: [{ primary: true, value: userName, type: "work" }],
      meta: { resourceType: "User", location: expect.stringMatching(new RegExp(`/scim/v2/Users/${id}$`)) },
    });
    expect(created.headers.location).toBe(body.meta.location);
    expect(JSON.stringify(body)).not.toContain("1mJbtJ8p!");
  });

  it("Required Test: Verify that user was created (GET by id)", async () => {
    const response = await scim("GET", `/Users/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, userName, name: { familyName: "User", givenName: "Test" } });
  });

  it("Required Test: Expect failure when recreating user with same values (409 uniqueness)", async () => {
    const response = await scim("POST", "/Users", oktaUser(userName));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });
  });

  it("Required Test: Username Case Sensitivity Check (userName is caseExact false)", async () => {
    const response = await scim("GET", `/Users?filter=${q(`userName eq "${userName.toUpperCase()}"`)}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const duplicate = await scim("POST", "/Users", oktaUser(userName.toLowerCase()));
    expect(duplicate.statusCode).toBe(409);
  });

  it("Optional Test: Verify Groups endpoint", async () => {
    const response = await scim("GET", "/Groups?count=1&startIndex=1");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    });
  });

  it("Okta profile push: PUT replaces the user", async () => {
    const response = await scim("PUT", `/Users/${id}`, {
      ...oktaUser(userName),
      id,
      name: { givenName: "Another", familyName: "User" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, name: { givenName: "Another", familyName: "User" } });
    expect((await scim("GET", `/Users/${id}`)).json().name.givenName).toBe("Another");
  });

  it("Okta deactivation: PATCH replace active false (path-less value)", async () => {
    const response = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, active: false });
    const filtered = await scim("GET", `/Users?filter=${q(`userName eq "${userName}" and active eq false`)}`);
    expect(filtered.json().totalResults).toBe(1);
  });

  it("Okta reactivation: PATCH replace active true", async () => {
    const response = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expect(response.json().active).toBe(true);
  });

  it("Okta pagination: pages of startIndex/count cover every user once", async () => {
    for (let i = 0; i < 5; i++) await scim("POST", "/Users", oktaUser(`page${i}@atko.com`));
    const total = (await scim("GET", "/Users?count=0")).json();
    expect(total).toMatchObject({ itemsPerPage: 0, Resources: [] });
    const seen: string[] = [];
    for (let start = 1; start <= total.totalResults; start += 2) {
      const page = (await scim("GET", `/Users?startIndex=${start}&count=2`)).json();
      expect(page.startIndex).toBe(start);
      expect(page.totalResults).toBe(total.totalResults);
      seen.push(...page.Resources.map((user: { id: string }) => user.id));
    }
    expect(seen).toHaveLength(total.totalResults);
    expect(new Set(seen).size).toBe(total.totalResults);
    const past = (await scim("GET", `/Users?startIndex=${total.totalResults + 1}&count=2`)).json();
    expect(past).toMatchObject({ totalResults: total.totalResults, itemsPerPage: 0, Resources: [] });
  });
});

describe("Okta group push", () => {
  let groupId = "";
  let ann = "";
  let bob = "";

  beforeAll(async () => {
    ann = (await scim("POST", "/Users", oktaUser("ann@atko.com"))).json().id;
    bob = (await scim("POST", "/Users", oktaUser("bob@atko.com"))).json().id;
  });

  it("creates a group with members", async () => {
    const response = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Engineering",
      members: [{ value: ann, display: "ann@atko.com" }],
    });
    expect(response.statusCode).toBe(201);
    groupId = response.json().id;
    expect(response.json()).toMatchObject({
      schemas: [GROUP],
      displayName: "Engineering",
      members: [{ value: ann, type: "User" }],
      meta: { resourceType: "Group" },
    });
  });

  it("renames with a path-less replace carrying the id (Okta resends it)", async () => {
    const response = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { id: groupId, displayName: "Engineering (all)" } }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: "Engineering (all)", members: [{ value: ann }] });
  });

  it("adds members with op add, path members", async () => {
    const response = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "add", path: "members", value: [{ value: bob, display: "bob@atko.com" }] }],
    });
    expect(response.statusCode).toBe(200);
    expect(
      response
        .json()
        .members.map((m: { value: string }) => m.value)
        .sort(),
    ).toEqual([ann, bob].sort());
    expect((await scim("GET", `/Users/${bob}`)).json().groups).toEqual([
      expect.objectContaining({ value: groupId, display: "Engineering (all)" }),
    ]);
  });

  it('removes a member with path members[value eq "…"]', async () => {
    const response = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "remove", path: `members[value eq "${ann}"]` }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().members).toEqual([expect.objectContaining({ value: bob })]);
  });

  it("replaces the whole group with PUT (members cleared when absent)", async () => {
    const response = await scim("PUT", `/Groups/${groupId}`, {
      schemas: [GROUP],
      id: groupId,
      displayName: "Engineering",
      members: [{ value: ann }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: "Engineering", members: [{ value: ann }] });
    const cleared = await scim("PUT", `/Groups/${groupId}`, { schemas: [GROUP], displayName: "Engineering" });
    expect(cleared.json().members).toEqual([]);
  });

  it("deletes the group; it is gone and its members stay", async () => {
    expect((await scim("DELETE", `/Groups/${groupId}`)).statusCode).toBe(204);
    expect((await scim("GET", `/Groups/${groupId}`)).statusCode).toBe(404);
    expect((await scim("GET", `/Users/${ann}`)).statusCode).toBe(200);
  });
});
