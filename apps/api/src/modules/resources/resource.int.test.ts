import { ZResourceListV3 } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import {
  accountBody,
  type Callers,
  call,
  seedConnector,
  seedResources,
  setUpCallers,
} from "../../../test/fixtures.ts";

let t: TestApp;
let callers: Callers;
let integrationId: string;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  const connector = await seedConnector(t.database.db);
  const created = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: accountBody(connector.id),
  });
  integrationId = created.json().id;
  await seedResources(t.database.db, integrationId, 250);
  await seedResources(t.database.db, integrationId, 5, "aws-account-iam-role");
});
afterAll(() => t.close());

function list(query = "") {
  return call(t.app, callers.admin, {
    method: "GET",
    url: `/api/v3/integrations/${integrationId}/resources${query}`,
  });
}

describe("GET /api/v3/integrations/{id}/resources", () => {
  it("returns resources in the published shape with our extras", async () => {
    const response = await list("?limit=1&resource-type=aws-account-s3-bucket");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      data: [
        {
          id: expect.any(String),
          name: "bucket-0000",
          type: "aws-account-s3-bucket",
          status: { status: "Active", message: null },
          portcullis: {
            external_id: expect.stringMatching(/^arn:aws:s3:::bucket-0000-/),
            account_id: "111122223333",
            region: "us-east-1",
            tags: { owner: "alice@portcullis.dev" },
            owners: [],
            owner_source: "none",
            owner_details: [],
            first_seen: expect.any(String),
            last_seen: expect.any(String),
          },
        },
      ],
      pagination: { total: 250, limit: 1, offset: 0, next_page_token: expect.any(String) },
    });
  });

  it("builds every field as the shared schema says, odd values included", async () => {
    const type = "aws-account-odd-test";
    const at = new Date("2026-01-02T03:04:05.678Z");
    await t.database.db.resource.createMany({
      data: [
        {
          integrationId,
          type,
          externalId: "arn:aws:iam::111122223333:role/odd",
          name: 'odd "quoted" ünïcode \\ role',
          tags: { owner: "bob@portcullis.dev", count: 3, nested: { a: 1 }, Name: "x\ny" },
          owners: ["bob@portcullis.dev", "carol@portcullis.dev"],
          ownerSource: "tag",
          firstSeen: at,
          lastSeen: new Date(at.getTime() + 1),
        },
        { integrationId, type, externalId: "odd-2", name: "odd-tags-array", tags: [1, 2] },
      ],
    });
    try {
      const response = await list(`?resource-type=${type}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
      const body = response.json();
      // Nothing the schema would strip, nothing it would refuse.
      expect(ZResourceListV3.parse(body)).toEqual(body);
      expect(body.pagination).toEqual({ total: 2, limit: 100, offset: 0, next_page_token: null });
      expect(body.data[0]).toEqual({
        id: expect.any(String),
        name: 'odd "quoted" ünïcode \\ role',
        type,
        status: { status: "Active", message: null },
        portcullis: {
          external_id: "arn:aws:iam::111122223333:role/odd",
          account_id: null,
          region: null,
          tags: { Name: "x\ny", owner: "bob@portcullis.dev" },
          // Owners are resolved from the directory when read, not what a fetch stored: this
          // integration has no owner settings.
          owners: [],
          owner_source: "none",
          owner_details: [],
          first_seen: "2026-01-02T03:04:05.678Z",
          last_seen: "2026-01-02T03:04:05.679Z",
        },
      });
      expect(body.data[1].name).toBe("odd-tags-array");
      expect(body.data[1].portcullis.tags).toEqual({});
    } finally {
      await t.database.db.resource.deleteMany({ where: { type } });
    }
  });

  it("walks every page by keyset: no duplicates, nothing missing", async () => {
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const body: {
        data: Array<{ id: string }>;
        pagination: { total: number; next_page_token: string | null };
      } = (await list(`?limit=40${token ? `&page_token=${token}` : ""}`)).json();
      expect(body.pagination.total).toBe(255);
      seen.push(...body.data.map((resource) => resource.id));
      token = body.pagination.next_page_token;
    } while (token);
    expect(seen).toHaveLength(255);
    expect(new Set(seen).size).toBe(255);
    const expected = await t.database.db.resource.findMany({
      where: { integrationId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  it("filters by resource type and searches name or external id, any case", async () => {
    const roles = (await list("?resource-type=aws-account-iam-role")).json();
    expect(roles.pagination.total).toBe(5);
    expect(roles.data.every((resource: { type: string }) => resource.type === "aws-account-iam-role")).toBe(
      true,
    );
    const search = (await list("?search=BUCKET-012")).json();
    expect(search.data.map((resource: { name: string }) => resource.name)).toEqual(
      Array.from({ length: 10 }, (_, index) => `bucket-012${index}`),
    );
    const byArn = (await list("?search=arn:aws:s3:::bucket-0249")).json();
    expect(byArn.data.map((resource: { name: string }) => resource.name)).toEqual(["bucket-0249"]);
    // LIKE's wildcards in a search are literal text.
    expect((await list("?search=%25")).json()).toMatchObject({ data: [], pagination: { total: 0 } });
    expect((await list("?search=bucket_00")).json().pagination.total).toBe(0);
  });

  it("is a 404 for an unknown integration and a 400 for a foreign page token", async () => {
    const unknown = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/v3/integrations/${crypto.randomUUID()}/resources`,
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await list(`?page_token=${Buffer.from('["a","b"]').toString("base64url")}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe("page_token");
  });
});
