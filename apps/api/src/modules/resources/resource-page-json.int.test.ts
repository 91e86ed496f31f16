// PostgreSQL builds a resource page's JSON (resource.repository.ts). These tests hold it to the
// row-by-row mapper it replaced, kept here as the reference: for the same rows the API must send
// the very bytes JSON.stringify made of the mapped page, and they must satisfy the shared schema.
import { type TResourceListV3, type TResourceV3, ZResourceListV3 } from "@portcullis/shared";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { accountBody, type Callers, call, seedConnector, setUpCallers } from "../../../test/fixtures.ts";
import { encodePageToken } from "../common/page-token.ts";
import { listResources } from "./resource-list.ts";

type ResourceRow = {
  id: string;
  name: string;
  type: string;
  external_id: string;
  account_id: string | null;
  region: string | null;
  tags: unknown;
  owners: string[] | null;
  owner_source: "tag" | "fallback" | "none";
  first_seen: Date;
  last_seen: Date;
};

/** The mapper the API used before PostgreSQL built the JSON (rows as pg parses them). */
function referenceResource(row: ResourceRow): TResourceV3 {
  const tags: Record<string, string> = {};
  if (typeof row.tags === "object" && row.tags !== null && !Array.isArray(row.tags)) {
    for (const [key, tag] of Object.entries(row.tags)) if (typeof tag === "string") tags[key] = tag;
  }
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    status: { status: "Active", message: null },
    portcullis: {
      external_id: row.external_id,
      account_id: row.account_id,
      region: row.region,
      tags,
      owners: row.owners ?? [],
      owner_source: row.owner_source,
      first_seen: row.first_seen.toISOString(),
      last_seen: row.last_seen.toISOString(),
    },
  };
}

let t: TestApp;
let callers: Callers;
let pool: pg.Pool;
let integrationId: string;

/** The reference page: the rows by (name, id), mapped, and the pagination around them. */
async function referencePage(options: {
  limit: number;
  type?: string;
  after?: { name: string; id: string };
}): Promise<TResourceListV3> {
  const { rows } = await pool.query<ResourceRow>(
    `SELECT id, name, type, external_id, account_id, region, tags, owners, owner_source, first_seen, last_seen
     FROM resources
     WHERE integration_id = $1 AND ($2::text IS NULL OR type = $2)
       AND ($3::text IS NULL OR (name, id) > ($3::text, $4::uuid))
     ORDER BY name, id LIMIT $5`,
    [
      integrationId,
      options.type ?? null,
      options.after?.name ?? null,
      options.after?.id ?? null,
      options.limit + 1,
    ],
  );
  const { rows: counted } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM resources WHERE integration_id = $1 AND ($2::text IS NULL OR type = $2)",
    [integrationId, options.type ?? null],
  );
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(referenceResource),
    pagination: {
      total: counted[0]!.n,
      limit: options.limit,
      offset: 0,
      next_page_token: rows.length > options.limit && last ? encodePageToken([last.name, last.id]) : null,
    },
  };
}

const ODD = "aws-account-odd-json";

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  pool = new pg.Pool({ connectionString: t.database.url, max: 2 });
  const connector = await seedConnector(t.database.db);
  const created = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: accountBody(connector.id),
  });
  integrationId = created.json().id;
  // Every kind of value a column can hold, through the same pg driver the API reads with.
  const resources: Array<
    [string, string | null, string | null, unknown, string[] | null, string, string, string]
  > = [
    // name, account_id, region, tags, owners, owner_source, first_seen, last_seen
    [
      "plain",
      "111122223333",
      "us-east-1",
      { owner: "alice@portcullis.dev" },
      ["alice@portcullis.dev"],
      "tag",
      "2026-01-02T03:04:05.678Z",
      "2026-01-02T03:04:05.679Z",
    ],
    ["nulls", null, null, {}, null, "none", "2026-01-01T00:00:00.000Z", "2026-12-31T23:59:59.999Z"],
    [
      'quote " backslash \\ slash / end',
      "0",
      "eu-west-1",
      { 'k"ey': 'v"al\\ue' },
      [],
      "fallback",
      "1999-12-31T23:59:59.001Z",
      "2000-01-01T00:00:00.010Z",
    ],
    [
      "control \n\t\r\b\f \u0001 \u001f \u007f chars",
      null,
      "x\ny",
      { "tab\tkey": "new\nline", bell: "\u0007" },
      ["a\nb"],
      "none",
      "2026-06-15T12:30:45.100Z",
      "2026-06-15T12:30:45.100Z",
    ],
    [
      "ünïcödé 名前 🚀 e\u0301 \u2028\u2029",
      "ü",
      "🌍",
      { Name: "名前 🚀", ключ: "значение", "emoji🚀": "✓" },
      ["zoë@portcullis.dev", "名@portcullis.dev"],
      "tag",
      "2026-03-04T05:06:07.890Z",
      "2026-03-04T05:06:07.891Z",
    ],
    // Numeric keys come first in a JS object; the rest keep jsonb's order (shorter keys first).
    [
      "numeric tag keys",
      null,
      null,
      {
        b: "1",
        "10": "ten",
        "2": "two",
        "0": "zero",
        "01": "leading zero",
        "-1": "minus",
        "4294967294": "max index",
        "4294967295": "not an index",
        "99999999999": "long",
        aa: "x",
        "": "empty key",
      },
      ["x"],
      "tag",
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ],
    // Stored JSON that is not a map of strings: the strings are kept, the rest left out.
    [
      "tags with other values",
      null,
      null,
      { s: "kept", n: 3, f: 1.5, b: true, z: null, o: { a: 1 }, a: ["x"] },
      [],
      "none",
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ],
    ["tags an array", null, null, [1, 2], [], "none", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"],
    [
      "tags a string",
      null,
      null,
      "not tags",
      [],
      "none",
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ],
    ["tags null json", null, null, null, [], "none", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"],
    // Equal names: the id decides the order (and the cursor).
    [
      "same name",
      null,
      null,
      { empty: "" },
      [""],
      "none",
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ],
    ["same name", null, null, {}, [], "none", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"],
    ["", null, null, {}, [], "none", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"],
  ];
  for (const [
    index,
    [name, accountId, region, tags, owners, ownerSource, firstSeen, lastSeen],
  ] of resources.entries()) {
    await pool.query(
      `INSERT INTO resources (id, integration_id, type, external_id, name, account_id, region, tags, owners, owner_source, first_seen, last_seen)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::"OwnerSource", $10, $11)`,
      [
        integrationId,
        ODD,
        `arn:odd:${index}:"é"`,
        name,
        accountId,
        region,
        JSON.stringify(tags),
        owners,
        ownerSource,
        firstSeen,
        lastSeen,
      ],
    );
  }
  for (let index = 0; index < 30; index += 1) {
    await pool.query(
      `INSERT INTO resources (id, integration_id, type, external_id, name, tags, owners, first_seen, last_seen)
       VALUES (gen_random_uuid(), $1, 'aws-account-s3-bucket', $2, $3, $4::jsonb, '{}', now(), now())`,
      [
        integrationId,
        `arn:aws:s3:::b-${index}`,
        `bucket-${String(index % 7).padStart(2, "0")}`,
        JSON.stringify({ Name: `b${index}`, team: "platform" }),
      ],
    );
  }
});
afterAll(async () => {
  await pool?.end();
  await t.close();
});

describe("resource pages built by PostgreSQL", () => {
  it("are the reference mapper's bytes, odd values included, and satisfy the shared schema", async () => {
    const page = await listResources(t.database.db, integrationId, { limit: 100, "resource-type": ODD });
    const reference = await referencePage({ limit: 100, type: ODD });
    expect(reference.data).toHaveLength(13);
    expect(page.count).toBe(13);
    expect(page.json).toBe(JSON.stringify(reference));
    const body = JSON.parse(page.json);
    expect(ZResourceListV3.parse(body)).toEqual(body);
  });

  it("put numeric tag keys first, as JSON.parse ordered them for the mapper", async () => {
    const page = await listResources(t.database.db, integrationId, { limit: 100, "resource-type": ODD });
    const numeric = JSON.parse(page.json).data.find((r: TResourceV3) => r.name === "numeric tag keys");
    expect(Object.keys(numeric.portcullis.tags)).toEqual([
      "0",
      "2",
      "10",
      "4294967294",
      "",
      "b",
      "-1",
      "01",
      "aa",
      "4294967295",
      "99999999999",
    ]);
  });

  it("are the reference's bytes on every page of a keyset walk, in both directions of the page size", async () => {
    for (const limit of [1, 4, 100]) {
      let after: { name: string; id: string } | undefined;
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await listResources(t.database.db, integrationId, {
          limit,
          ...(token ? { page_token: token } : {}),
        });
        const reference = await referencePage({ limit, after });
        expect(page.json).toBe(JSON.stringify(reference));
        const last = reference.data[reference.data.length - 1];
        token = reference.pagination.next_page_token ?? undefined;
        after = last ? { name: last.name, id: last.id } : undefined;
        pages += 1;
      } while (token);
      expect(pages).toBe(Math.ceil(43 / limit));
    }
  });

  it("answer an empty page as the mapper did", async () => {
    const page = await listResources(t.database.db, integrationId, {
      limit: 10,
      "resource-type": "none-such",
    });
    expect(page.count).toBe(0);
    expect(page.json).toBe(
      JSON.stringify({ data: [], pagination: { total: 0, limit: 10, offset: 0, next_page_token: null } }),
    );
  });

  it("go out over HTTP as PostgreSQL built them, with the JSON content type", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/v3/integrations/${integrationId}/resources?resource-type=${ODD}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.body).toBe(JSON.stringify(await referencePage({ limit: 100, type: ODD })));
  });
});
