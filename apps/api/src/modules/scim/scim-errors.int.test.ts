import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
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

/** Every error answers in RFC 7644 §3.12's shape, writes nothing, and is never a 500. */
let t: TestApp;
let callers: Callers;
let scim: Scim;
let userId = "";
let groupId = "";

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  scim = scimClient(t.app, (await createScimSource(t.app, callers, "Errors")).token);
  userId = (await scim("POST", "/Users", oktaUser("err@example.com"))).json().id;
  groupId = (await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Errors" })).json().id;
});
afterAll(() => t.close());

function expectScimError(response: LightMyRequestResponse, status: number, scimType?: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toContain("application/scim+json");
  const body = response.json();
  expect(body).toEqual({
    schemas: [ERROR],
    status: String(status),
    detail: expect.any(String),
    ...(scimType ? { scimType } : {}),
  });
  return body;
}

const q = (filter: string) => encodeURIComponent(filter);
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

describe("invalidFilter", () => {
  it.each([
    "userName eq",
    'userName eq "unterminated',
    'userName zz "x"',
    '(userName eq "x"',
    'nosuchattribute eq "x"',
    'emails.nosuch eq "x"',
    "active gt true",
    'active eq "perhaps"',
    "userName eq true",
    'meta.created gt "not a date"',
    'active co "t"',
    "userName gt null",
    'emails[type eq "work" and x[y eq "z"]]',
    'userName eq "x"; DROP TABLE identity_people; --',
  ])("%s", async (filter) => {
    expectScimError(await scim("GET", `/Users?filter=${q(filter)}`), 400, "invalidFilter");
  });

  it("quotes in values are data, not SQL", async () => {
    const response = await scim("GET", `/Users?filter=${q("userName eq \"x' OR '1'='1\"")}`);
    expect(response.json().totalResults).toBe(0);
    expect(await t.database.db.identityPerson.count()).toBeGreaterThan(0);
  });

  it("on groups too", async () => {
    expectScimError(await scim("GET", `/Groups?filter=${q('userName eq "x"')}`), 400, "invalidFilter");
  });
});

describe("invalidValue", () => {
  it.each([
    ["no userName", { schemas: [USER] }],
    ["empty userName", { schemas: [USER], userName: "  " }],
    ["userName not text", { schemas: [USER], userName: 42 }],
    ["active not a boolean", { ...oktaUser("v1@example.com"), active: "yes" }],
    ["emails not a list", { ...oktaUser("v2@example.com"), emails: "v2@example.com" }],
    ["an email without value", { ...oktaUser("v3@example.com"), emails: [{ type: "work" }] }],
  ])("POST /Users with %s", async (_case, body) => {
    const before = await t.database.db.identityPerson.count();
    expectScimError(await scim("POST", "/Users", body), 400, "invalidValue");
    expect(await t.database.db.identityPerson.count()).toBe(before);
  });

  it("a group without displayName, or with a member that is no user of this source", async () => {
    expectScimError(await scim("POST", "/Groups", { schemas: [GROUP] }), 400, "invalidValue");
    expectScimError(
      await scim("POST", "/Groups", {
        schemas: [GROUP],
        displayName: "Ghosts",
        members: [{ value: randomUUID() }],
      }),
      400,
      "invalidValue",
    );
    expectScimError(
      await scim("POST", "/Groups", {
        schemas: [GROUP],
        displayName: "Ghosts",
        members: [{ value: "not-a-uuid" }],
      }),
      400,
      "invalidValue",
    );
    expectScimError(
      await scim("POST", "/Groups", {
        schemas: [GROUP],
        displayName: "Nested",
        members: [{ value: groupId, type: "Group" }],
      }),
      400,
      "invalidValue",
    );
    expect((await scim("GET", `/Groups?filter=${q('displayName eq "Ghosts"')}`)).json().totalResults).toBe(0);
  });

  it("a PATCH leaving userName empty, or an op without value; startIndex not a number", async () => {
    expectScimError(
      await scim("PATCH", `/Users/${userId}`, patch({ op: "replace", path: "userName", value: "" })),
      400,
      "invalidValue",
    );
    expectScimError(
      await scim("PATCH", `/Users/${userId}`, patch({ op: "add", path: "title" })),
      400,
      "invalidValue",
    );
    expectScimError(await scim("GET", "/Users?startIndex=abc"), 400, "invalidValue");
    expect((await scim("GET", `/Users/${userId}`)).json().userName).toBe("err@example.com");
  });
});

describe("invalidSyntax", () => {
  it("malformed JSON, a body that is no object, a PatchOp without its schema or operations, an unknown op", async () => {
    const raw = await t.app.inject({
      method: "POST",
      url: "/scim/v2/Users",
      headers: { authorization: (await bearer()).authorization, "content-type": "application/scim+json" },
      payload: '{"userName": ',
    });
    expectScimError(raw, 400, "invalidSyntax");
    expectScimError(await scim("POST", "/Users", ["not", "an", "object"]), 400, "invalidSyntax");
    expectScimError(
      await scim("PATCH", `/Users/${userId}`, { Operations: [{ op: "replace", value: { active: false } }] }),
      400,
      "invalidSyntax",
    );
    expectScimError(
      await scim("PATCH", `/Users/${userId}`, { schemas: [PATCH_OP], Operations: [] }),
      400,
      "invalidSyntax",
    );
    expectScimError(
      await scim("PATCH", `/Users/${userId}`, patch({ op: "merge", path: "title", value: "x" })),
      400,
      "invalidSyntax",
    );
    expect((await scim("GET", `/Users/${userId}`)).json().active).toBe(true);
  });
});

describe("mutability", () => {
  it("PATCH on id, meta or groups; PUT with another id", async () => {
    expectScimError(
      await scim("PATCH", `/Users/${userId}`, patch({ op: "replace", path: "id", value: randomUUID() })),
      400,
      "mutability",
    );
    expectScimError(
      await scim(
        "PATCH",
        `/Users/${userId}`,
        patch({ op: "replace", path: "meta.created", value: "2000-01-01T00:00:00Z" }),
      ),
      400,
      "mutability",
    );
    expectScimError(
      await scim(
        "PATCH",
        `/Users/${userId}`,
        patch({ op: "add", path: "groups", value: [{ value: groupId }] }),
      ),
      400,
      "mutability",
    );
    expectScimError(
      await scim("PATCH", `/Users/${userId}`, patch({ op: "replace", value: { id: randomUUID() } })),
      400,
      "mutability",
    );
    expectScimError(
      await scim("PUT", `/Users/${userId}`, { ...oktaUser("err@example.com"), id: randomUUID() }),
      400,
      "mutability",
    );
    expectScimError(
      await scim("PUT", `/Groups/${groupId}`, { schemas: [GROUP], id: randomUUID(), displayName: "X" }),
      400,
      "mutability",
    );
  });
});

describe("noTarget", () => {
  it("remove without a path", async () => {
    expectScimError(await scim("PATCH", `/Users/${userId}`, patch({ op: "remove" })), 400, "noTarget");
    expectScimError(
      await scim("PATCH", `/Groups/${groupId}`, patch({ op: "remove", value: { members: [] } })),
      400,
      "noTarget",
    );
  });
});

describe("uniqueness", () => {
  it("a second user with the same userName (any case), a second group with the same displayName, also by PUT/PATCH", async () => {
    expectScimError(await scim("POST", "/Users", oktaUser("ERR@example.com")), 409, "uniqueness");
    expectScimError(
      await scim("POST", "/Groups", { schemas: [GROUP], displayName: "errors" }),
      409,
      "uniqueness",
    );
    const other = (await scim("POST", "/Users", oktaUser("other@example.com"))).json().id;
    expectScimError(await scim("PUT", `/Users/${other}`, oktaUser("err@example.com")), 409, "uniqueness");
    expectScimError(
      await scim(
        "PATCH",
        `/Users/${other}`,
        patch({ op: "replace", path: "userName", value: "Err@Example.com" }),
      ),
      409,
      "uniqueness",
    );
    expect((await scim("GET", `/Users/${other}`)).json().userName).toBe("other@example.com");
  });
});

describe("404 and 401", () => {
  it("unknown ids and endpoints are 404s", async () => {
    for (const url of [
      `/Users/${randomUUID()}`,
      "/Users/not-a-uuid",
      `/Groups/${randomUUID()}`,
      "/Schemas/urn:x",
      "/ResourceTypes/Robot",
      "/Robots",
    ]) {
      expectScimError(await scim("GET", url), 404);
    }
    expectScimError(await scim("PUT", `/Users/${randomUUID()}`, oktaUser("ghost@example.com")), 404);
    expectScimError(
      await scim(
        "PATCH",
        `/Groups/${randomUUID()}`,
        patch({ op: "replace", path: "displayName", value: "x" }),
      ),
      404,
    );
    expectScimError(await scim("DELETE", `/Groups/${randomUUID()}`), 404);
  });

  it("no token, a wrong token, another scheme, a personal API token: 401 with WWW-Authenticate", async () => {
    for (const headers of [
      {},
      { authorization: "Bearer pcs_wrong" },
      { authorization: "Basic dXNlcjpwYXNz" },
      callers.adminToken.headers,
      callers.admin.headers,
    ]) {
      const response = await t.app.inject({ method: "GET", url: "/scim/v2/Users", headers });
      expectScimError(response, 401);
      expect(response.headers["www-authenticate"]).toContain("Bearer");
    }
    expectScimError(await t.app.inject({ method: "GET", url: "/scim/v2/ServiceProviderConfig" }), 401);
  });

  it("text with NUL characters is refused in SCIM's shape", async () => {
    expectScimError(await scim("POST", "/Users", oktaUser("nul\u0000@example.com")), 400, "invalidValue");
  });
});

async function bearer() {
  const token = (await createScimSource(t.app, callers, `Raw ${randomUUID().slice(0, 8)}`)).token;
  return { authorization: `Bearer ${token}` };
}

describe("content types", () => {
  it("accepts application/json bodies as well, and always answers application/scim+json", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/scim/v2/Users",
      headers: { ...(await bearer()), "content-type": "application/json" },
      payload: oktaUser("json@example.com"),
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers["content-type"]).toContain("application/scim+json");
  });

  it("refuses a text body as invalidSyntax", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/scim/v2/Users",
      headers: { ...(await bearer()), "content-type": "text/plain" },
      payload: "userName=x",
    });
    expectScimError(response, 400, "invalidSyntax");
  });
});

describe("discovery endpoints", () => {
  it("ServiceProviderConfig, ResourceTypes and Schemas describe what is supported", async () => {
    const config = (await scim("GET", "/ServiceProviderConfig")).json();
    expect(config).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 1000 },
      bulk: { supported: false },
    });
    const types = (await scim("GET", "/ResourceTypes")).json();
    expect(types.Resources.map((type: { id: string }) => type.id)).toEqual(["User", "Group"]);
    expect((await scim("GET", "/ResourceTypes/User")).json().schemaExtensions).toEqual([
      { schema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", required: false },
    ]);
    const schemas = (await scim("GET", "/Schemas")).json();
    expect(schemas.totalResults).toBe(3);
    const user = (await scim("GET", `/Schemas/${USER}`)).json();
    expect(user.attributes.find((a: { name: string }) => a.name === "userName")).toMatchObject({
      required: true,
      uniqueness: "server",
      caseExact: false,
    });
  });
});

describe("the token decides the source", () => {
  it("one source's token can never read or change another's people or groups", async () => {
    const other = scimClient(t.app, (await createScimSource(t.app, callers, "Other IdP")).token);
    const foreignUser = (await other("POST", "/Users", oktaUser("err@example.com"))).json();
    expect(foreignUser.id).toBeDefined(); // the same userName is fine in another source
    const foreignGroup = (await other("POST", "/Groups", { schemas: [GROUP], displayName: "Errors" })).json();

    // Reads: not found, not listed, not matched by any filter.
    expectScimError(await scim("GET", `/Users/${foreignUser.id}`), 404);
    expectScimError(await scim("GET", `/Groups/${foreignGroup.id}`), 404);
    expect((await scim("GET", `/Users?filter=${q(`id eq "${foreignUser.id}"`)}`)).json().totalResults).toBe(
      0,
    );
    const mine = (await scim("GET", "/Users?count=1000")).json().Resources.map((u: { id: string }) => u.id);
    expect(mine).not.toContain(foreignUser.id);

    // Writes: refused as not found, and nothing changes.
    expectScimError(await scim("PUT", `/Users/${foreignUser.id}`, oktaUser("stolen@example.com")), 404);
    expectScimError(
      await scim("PATCH", `/Users/${foreignUser.id}`, patch({ op: "replace", value: { active: false } })),
      404,
    );
    expectScimError(await scim("DELETE", `/Users/${foreignUser.id}`), 404);
    expectScimError(await scim("DELETE", `/Groups/${foreignGroup.id}`), 404);
    expectScimError(
      await scim(
        "PATCH",
        `/Groups/${groupId}`,
        patch({ op: "add", path: "members", value: [{ value: foreignUser.id }] }),
      ),
      400,
      "invalidValue",
    );
    const untouched = (await other("GET", `/Users/${foreignUser.id}`)).json();
    expect(untouched).toMatchObject({ userName: "err@example.com", active: true });
    expect((await other("GET", `/Groups/${foreignGroup.id}`)).statusCode).toBe(200);
  });

  it("a rotated token stops working; a deleted source's token too", async () => {
    const source = await createScimSource(t.app, callers, "Rotating");
    const old = scimClient(t.app, source.token);
    expect((await old("GET", "/Users")).statusCode).toBe(200);
    const rotated = await call(t.app, callers.adminToken, {
      method: "POST",
      url: `/api/admin/v1/identity-sources/${source.id}/rotate-token`,
    });
    expect(rotated.statusCode).toBe(200);
    expectScimError(await old("GET", "/Users"), 401);
    const fresh = scimClient(t.app, rotated.json().token);
    expect((await fresh("GET", "/Users")).statusCode).toBe(200);
    await call(t.app, callers.adminToken, {
      method: "DELETE",
      url: `/api/admin/v1/identity-sources/${source.id}`,
    });
    expectScimError(await fresh("GET", "/Users"), 401);
  });

  it("a SCIM token opens nothing outside /scim/v2", async () => {
    const source = await createScimSource(t.app, callers, "Confined");
    for (const url of ["/api/auth/me", "/api/admin/v1/identity-sources", "/api/admin/users"]) {
      const response = await t.app.inject({
        method: "GET",
        url,
        headers: { authorization: `Bearer ${source.token}` },
      });
      expect(response.statusCode).toBe(401);
    }
  });
});
