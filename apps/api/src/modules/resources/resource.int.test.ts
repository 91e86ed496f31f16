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
            first_seen: expect.any(String),
            last_seen: expect.any(String),
          },
        },
      ],
      pagination: { total: 250, limit: 1, offset: 0, next_page_token: expect.any(String) },
    });
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
