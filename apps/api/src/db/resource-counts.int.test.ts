import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";

// The counters behind a resource page's `total` (migration 20261128004933_resource_pages) must
// equal a real count after anything that adds or removes resources.
let database: TestDatabase;
/** Six connections: statements run as discovery sends them, each its own transaction. */
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

async function newIntegration(name: string): Promise<string> {
  const row = await database.db.integration.create({
    data: { name, type: "aws-account", connectedResourceTypes: [], integrationConfig: {} },
  });
  return row.id;
}

/** Counters and real counts, per type, for one integration. */
async function countsOf(integrationId: string) {
  const counters = await database.db.resourceCount.findMany({ where: { integrationId } });
  const real = await database.db.resource.groupBy({
    by: ["type"],
    where: { integrationId },
    _count: { _all: true },
  });
  return {
    counters: Object.fromEntries(
      counters.filter((c) => c.count !== 0n).map((c) => [c.type, Number(c.count)]),
    ),
    real: Object.fromEntries(real.map((r) => [r.type, r._count._all])),
  };
}

/**
 * One batch upsert (rows in key order), conflicting rows updated: the discovery writer's
 * fallback statement (resource-writer.int.test.ts covers its usual UPDATE then INSERT). Every
 * type in `types` gets the names from..to.
 */
async function upsert(integrationId: string, types: string | string[], from: number, to: number) {
  await pool.query(
    `INSERT INTO resources (id, integration_id, type, external_id, name)
     SELECT gen_random_uuid(), $1::uuid, t.type, 'arn:' || n, 'r-' || n
     FROM unnest($2::text[]) AS t(type) CROSS JOIN generate_series($3::int, $4::int) AS n
     ORDER BY t.type, 'arn:' || n
     ON CONFLICT (integration_id, type, external_id) DO UPDATE SET name = EXCLUDED.name, last_seen = now()`,
    [integrationId, typeof types === "string" ? [types] : types, from, to],
  );
}

describe("resource counters", () => {
  it("follow inserts, conflicting upserts and deletes", async () => {
    const id = await newIntegration("counters-basic");
    await upsert(id, "role", 1, 300);
    await upsert(id, "role", 201, 400); // 100 conflicts, 100 new
    await upsert(id, "bucket", 1, 50);
    await pool.query("DELETE FROM resources WHERE integration_id = $1 AND type = 'role' AND name < 'r-2'", [
      id,
    ]);
    const { counters, real } = await countsOf(id);
    expect(real.role).toBeGreaterThan(0);
    expect(counters).toEqual(real);
  });

  it("stay exact under concurrent batches of one integration", async () => {
    const id = await newIntegration("counters-concurrent");
    // Twelve overlapping batches of two types, six at a time.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => upsert(id, ["bucket", "role"], i * 50, i * 50 + 120)),
    );
    const { counters, real } = await countsOf(id);
    expect(real).toEqual({ bucket: 671, role: 671 });
    expect(counters).toEqual(real);
  });

  it("go with their integration, and are emptied by a truncate", async () => {
    const kept = await newIntegration("counters-kept");
    const gone = await newIntegration("counters-gone");
    await upsert(kept, "role", 1, 10);
    await upsert(gone, "role", 1, 10);
    await database.db.integration.delete({ where: { id: gone } });
    expect(await database.db.resourceCount.count({ where: { integrationId: gone } })).toBe(0);
    expect((await countsOf(kept)).counters).toEqual({ role: 10 });
    await pool.query("TRUNCATE resources");
    expect(await database.db.resourceCount.count()).toBe(0);
  });

  it("refuse to move a resource to another integration or type", async () => {
    const id = await newIntegration("counters-identity");
    await upsert(id, "role", 1, 1);
    await expect(
      pool.query("UPDATE resources SET type = 'bucket' WHERE integration_id = $1", [id]),
    ).rejects.toThrow(/cannot change/);
    await pool.query("UPDATE resources SET type = 'role', name = 'renamed' WHERE integration_id = $1", [id]);
    expect((await countsOf(id)).counters).toEqual({ role: 1 });
  });
});
