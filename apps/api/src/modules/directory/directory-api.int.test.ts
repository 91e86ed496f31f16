import { ZAttributeListV1, ZGroupListV1, ZIdentityListV2, ZUserListV3 } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { DEMO_SOURCE } from "../../core/directory-sources.ts";
import {
  createScimSource,
  ENTERPRISE,
  GROUP,
  oktaUser,
  PATCH_OP,
  scimClient,
} from "../scim/test/scim-client.ts";

let t: TestApp;
let callers: Callers;
let source: { id: string };
let ida: string;
let groupId: string;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  const created = await createScimSource(t.app, callers, "Apono-shaped IdP");
  source = created;
  const scim = scimClient(t.app, created.token);
  ida = (
    await scim(
      "POST",
      "/Users",
      oktaUser("ida@api.test", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        name: { givenName: "Ida", familyName: "Lund" },
        emails: [
          { value: "Ida@api.test", primary: true, type: "work" },
          { value: "ida.lund@api.test", type: "home" },
        ],
        [ENTERPRISE]: { department: "Treasury", costCenter: "CC-7" },
      }),
    )
  ).json().id;
  const jon = (await scim("POST", "/Users", oktaUser("jon@api.test"))).json().id;
  groupId = (
    await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Treasury admins",
      externalId: "okta-g-1",
      members: [{ value: ida }, { value: jon }],
    })
  ).json().id;
  await scim("PATCH", `/Users/${jon}`, {
    schemas: [PATCH_OP],
    Operations: [{ op: "replace", value: { active: false } }],
  });
});
afterAll(() => t.close());

const get = (url: string, caller = callers.adminToken) => call(t.app, caller, { method: "GET", url });

describe("Apono-shaped directory API", () => {
  it("GET /api/admin/v3/users: UserV3 items, wildcard filters, by source, paginated", async () => {
    const response = await get("/api/admin/v3/users?first_name=id*");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(ZUserListV3.parse(body)).toEqual(body);
    expect(body).toEqual({
      items: [
        {
          id: ida,
          email: "ida@api.test",
          email_aliases: ["ida.lund@api.test"],
          first_name: "Ida",
          last_name: "Lund",
          active: true,
          roles: [],
          source_integration_id: source.id,
          source_integration_name: "Apono-shaped IdP",
          attributes: { department: ["Treasury"], cost_center: ["CC-7"] },
        },
      ],
      pagination: { next_page_token: null },
    });
    // An inactive person is listed as inactive.
    const bySource = (await get(`/api/admin/v3/users?source_integration_name=apono-shaped idp`)).json();
    expect(bySource.items.map((u: { email: string; active: boolean }) => [u.email, u.active])).toEqual(
      expect.arrayContaining([
        ["ida@api.test", true],
        ["jon@api.test", false],
      ]),
    );
    // Every page by its token, nothing twice.
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const next: { items: Array<{ id: string }>; pagination: { next_page_token: string | null } } = (
        await get(`/api/admin/v3/users?limit=5${token ? `&page_token=${encodeURIComponent(token)}` : ""}`)
      ).json();
      seen.push(...next.items.map((u) => u.id));
      token = next.pagination.next_page_token;
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await t.database.db.identityPerson.count({ where: { deletedAt: null } }));
    expect((await get(`/api/admin/v3/users/${ida}`)).json().email).toBe("ida@api.test");
    const missing = await get("/api/admin/v3/users/nope");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("NOT_FOUND");
    expect((await get("/api/admin/v3/users?page_token=garbage")).json().code).toBe("INVALID_PAGE_TOKEN");
  });

  it("GET /api/admin/v1/groups (+ members by email): GroupV1, only active members", async () => {
    const response = await get("/api/admin/v1/groups?name=*admins");
    const body = response.json();
    expect(ZGroupListV1.parse(body)).toEqual(body);
    expect(body.items).toEqual([
      {
        id: groupId,
        name: "Treasury admins",
        source_id: "okta-g-1",
        source_integration_id: source.id,
        source_integration_name: "Apono-shaped IdP",
      },
    ]);
    expect((await get(`/api/admin/v1/groups/${groupId}`)).json().name).toBe("Treasury admins");
    expect((await get(`/api/admin/v1/groups/${groupId}/members`)).json()).toEqual({
      items: [{ email: "ida@api.test" }],
      pagination: { next_page_token: null },
    });
    expect((await get(`/api/admin/v1/groups/${DEMO_SOURCE.id}/members`)).statusCode).toBe(404);
  });

  it("GET /api/v2/identities: active users and groups, with total/limit/offset", async () => {
    const body = (await get("/api/v2/identities?limit=100")).json();
    expect(body).toEqual(ZIdentityListV2.parse(body));
    expect(body.data).toContainEqual({ type: "user", name: "ida@api.test", id: ida });
    expect(body.data).toContainEqual({ type: "group", name: "Treasury admins", id: groupId });
    expect(body.data.some((i: { name: string }) => i.name === "jon@api.test")).toBe(false);
    expect(body.pagination).toEqual({ total: body.data.length, limit: 100, offset: 0 });
  });

  it("GET /api/admin/v1/attributes: values by type, source and search", async () => {
    const body = (
      await get(`/api/admin/v1/attributes?type=department&source_integration_reference=${source.id}`)
    ).json();
    expect(ZAttributeListV1.parse(body)).toEqual(body);
    expect(body.items).toEqual([
      {
        type: "department",
        value: "Treasury",
        source_id: null,
        source_integration_id: source.id,
        source_integration_name: "Apono-shaped IdP",
      },
    ]);
    const searched = (await get("/api/admin/v1/attributes?search=treas*")).json();
    expect(searched.items.map((a: { type: string; value: string }) => `${a.type}:${a.value}`)).toEqual([
      "department:Treasury",
      "group:Treasury admins",
    ]);
    const first = (await get("/api/admin/v1/attributes?limit=1&search=treas*")).json();
    const second = (
      await get(
        `/api/admin/v1/attributes?limit=1&search=treas*&page_token=${encodeURIComponent(first.pagination.next_page_token)}`,
      )
    ).json();
    expect([first.items[0].type, second.items[0].type]).toEqual(["department", "group"]);
    expect((await get("/api/admin/v1/attributes?type=shoe_size")).json().issues).toContainEqual({
      path: "type",
      message: expect.stringContaining("type must be one of"),
    });
  });

  it("is for admins only", async () => {
    for (const url of [
      "/api/admin/v3/users",
      `/api/admin/v3/users/${ida}`,
      "/api/admin/v1/groups",
      `/api/admin/v1/groups/${groupId}/members`,
      "/api/v2/identities",
      "/api/admin/v1/attributes",
    ]) {
      expect((await get(url, callers.userToken)).statusCode, url).toBe(403);
      expect((await get(url, { name: "anonymous", headers: {}, userId: null })).statusCode, url).toBe(401);
    }
  });
});
