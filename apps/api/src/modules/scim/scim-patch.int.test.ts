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

/** Every PATCH shape of RFC 7644 §3.5.2 (add, replace, remove; with and without path; value filters). */
let t: TestApp;
let callers: Callers;
let scim: Scim;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  scim = scimClient(t.app, (await createScimSource(t.app, callers, "Patches")).token);
});
afterAll(() => t.close());

let counter = 0;
async function newUser(extra: Record<string, unknown> = {}): Promise<string> {
  counter += 1;
  const response = await scim("POST", "/Users", {
    schemas: [USER],
    userName: `patch${counter}@example.com`,
    name: { givenName: "Pat", familyName: "Ch" },
    emails: [
      { value: `patch${counter}@example.com`, type: "work", primary: true },
      { value: `home${counter}@example.net`, type: "home" },
    ],
    title: "Tester",
    ...extra,
  });
  return response.json().id;
}

async function patchUser(id: string, ...Operations: unknown[]) {
  const response = await scim("PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations });
  expect(response.statusCode, response.body).toBe(200);
  // What PATCH answers is what is stored.
  expect((await scim("GET", `/Users/${id}`)).json()).toEqual(response.json());
  return response.json();
}

describe("users", () => {
  it("add with a path sets a single-valued attribute", async () => {
    const user = await patchUser(await newUser(), { op: "add", path: "displayName", value: "Pat" });
    expect(user.displayName).toBe("Pat");
  });

  it("add with a path appends to a multi-valued attribute", async () => {
    const user = await patchUser(await newUser(), {
      op: "add",
      path: "emails",
      value: [{ value: "third@example.org", type: "other" }],
    });
    expect(user.emails.map((e: { value: string }) => e.value)).toHaveLength(3);
  });

  it("add without a path merges an object of attributes (core and extension)", async () => {
    const user = await patchUser(await newUser(), {
      op: "add",
      value: { displayName: "Merged", name: { givenName: "M" }, [ENTERPRISE]: { department: "Dept" } },
    });
    expect(user).toMatchObject({
      displayName: "Merged",
      name: { givenName: "M", familyName: "Ch" },
      [ENTERPRISE]: { department: "Dept" },
    });
  });

  it("replace with a path: a sub-attribute, a complex attribute, a whole multi-valued attribute", async () => {
    const id = await newUser();
    expect(
      (await patchUser(id, { op: "replace", path: "name.familyName", value: "Bond" })).name.familyName,
    ).toBe("Bond");
    expect(
      (await patchUser(id, { op: "replace", path: "name", value: { givenName: "James" } })).name.givenName,
    ).toBe("James");
    const user = await patchUser(id, {
      op: "replace",
      path: "emails",
      value: [{ value: "only@example.com", type: "work", primary: true }],
    });
    expect(user.emails).toEqual([{ value: "only@example.com", type: "work", primary: true }]);
  });

  it("replace with a value filter changes only the matching element", async () => {
    const user = await patchUser(await newUser(), {
      op: "replace",
      path: 'emails[type eq "home"].value',
      value: "new-home@example.net",
    });
    expect(user.emails).toEqual([
      expect.objectContaining({ type: "work", primary: true }),
      { value: "new-home@example.net", type: "home" },
    ]);
  });

  it("replace with a value filter matching nothing adds the element (what Entra expects)", async () => {
    const id = await newUser({ emails: [] });
    const user = await patchUser(id, {
      op: "replace",
      path: 'emails[type eq "work"].value',
      value: "w@example.com",
    });
    expect(user.emails).toEqual([{ type: "work", value: "w@example.com" }]);
  });

  it("replace without a path", async () => {
    const user = await patchUser(await newUser(), { op: "replace", value: { title: "Boss", active: false } });
    expect(user).toMatchObject({ title: "Boss", active: false });
  });

  it("remove: a single-valued attribute, a filtered element, a whole multi-valued attribute, an extension attribute", async () => {
    const id = await newUser({ [ENTERPRISE]: { department: "D", costCenter: "C" } });
    expect((await patchUser(id, { op: "remove", path: "title" })).title).toBeUndefined();
    const filtered = await patchUser(id, { op: "remove", path: 'emails[type eq "home"]' });
    expect(filtered.emails.map((e: { type: string }) => e.type)).toEqual(["work"]);
    expect((await patchUser(id, { op: "remove", path: "emails" })).emails).toEqual([]);
    const extension = await patchUser(id, { op: "remove", path: `${ENTERPRISE}:department` });
    expect(extension[ENTERPRISE]).toEqual({ costCenter: "C" });
  });

  it("several operations apply in order, atomically: one bad operation changes nothing", async () => {
    const id = await newUser();
    const response = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "replace", path: "title", value: "Changed" },
        { op: "replace", path: "id", value: "x" },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect((await scim("GET", `/Users/${id}`)).json().title).toBe("Tester");
    const ordered = await patchUser(
      id,
      { op: "replace", path: "title", value: "First" },
      { op: "replace", path: "title", value: "Second" },
    );
    expect(ordered.title).toBe("Second");
  });

  it("moves meta.version and meta.lastModified", async () => {
    const id = await newUser();
    const before = (await scim("GET", `/Users/${id}`)).json().meta;
    const after = (await patchUser(id, { op: "replace", path: "title", value: "Newer" })).meta;
    expect(after.version).not.toBe(before.version);
    expect(Date.parse(after.lastModified)).toBeGreaterThanOrEqual(Date.parse(before.lastModified));
  });
});

describe("groups", () => {
  it("add, replace and remove members with and without paths and filters", async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const id = (await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Shapes" })).json().id;
    const members = async (...Operations: unknown[]) => {
      const response = await scim("PATCH", `/Groups/${id}`, { schemas: [PATCH_OP], Operations });
      expect(response.statusCode, response.body).toBe(200);
      return response
        .json()
        .members.map((m: { value: string }) => m.value)
        .sort();
    };
    expect(await members({ op: "add", path: "members", value: [{ value: a }, { value: b }] })).toEqual(
      [a, b].sort(),
    );
    // Adding a member twice keeps one.
    expect(await members({ op: "add", path: "members", value: [{ value: a }] })).toEqual([a, b].sort());
    expect(await members({ op: "add", value: { members: [{ value: c }] } })).toEqual([a, b, c].sort());
    expect(await members({ op: "remove", path: `members[value eq "${b}"]` })).toEqual([a, c].sort());
    expect(await members({ op: "remove", path: "members", value: [{ value: a }] })).toEqual([c]);
    expect(await members({ op: "replace", path: "members", value: [{ value: a }, { value: b }] })).toEqual(
      [a, b].sort(),
    );
    expect(
      await members({ op: "replace", value: { displayName: "Shapes 2", members: [{ value: c }] } }),
    ).toEqual([c]);
    expect(await members({ op: "remove", path: "members" })).toEqual([]);
    expect((await scim("GET", `/Groups/${id}`)).json().displayName).toBe("Shapes 2");
  });
});

describe("concurrent PATCHes (IdPs send membership changes in parallel)", () => {
  it("each lands: none is lost to another's read-modify-write", async () => {
    const people: string[] = [];
    for (let i = 0; i < 12; i++) people.push(await newUser());
    const id = (await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Parallel" })).json().id;
    const responses = await Promise.all(
      people.map((person) =>
        scim("PATCH", `/Groups/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: "add", path: "members", value: [{ value: person }] }],
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(people.map(() => 200));
    const members = (await scim("GET", `/Groups/${id}`))
      .json()
      .members.map((m: { value: string }) => m.value);
    expect(members.sort()).toEqual([...people].sort());

    const user = people[0]!;
    const titles = await Promise.all(
      ["a", "b", "c", "d"].map((suffix) =>
        scim("PATCH", `/Users/${user}`, {
          schemas: [PATCH_OP],
          Operations: [
            { op: "add", path: "emails", value: [{ value: `${suffix}@parallel.test`, type: suffix }] },
          ],
        }),
      ),
    );
    expect(titles.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    expect((await scim("GET", `/Users/${user}`)).json().emails).toHaveLength(6);
  });
});
