import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database.ts";
import type { DiscoveredResource } from "../discoverers/types.ts";
import { OwnerResolver, ownerRules } from "./owners.ts";
import { ResourceWriter } from "./resource-writer.ts";

let database: TestDatabase;
let integrationId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const integration = await database.db.integration.create({
    data: {
      name: "writer",
      type: "aws-account",
      connectedResourceTypes: ["aws-account-iam-role"],
      integrationConfig: {},
      owner: {
        attribute_type: "user",
        attribute_value: ["fallback@portcullis.dev"],
        source_integration_reference: null,
      },
    },
  });
  integrationId = integration.id;
});
afterAll(() => database.drop());

function role(name: string, tags: Record<string, string> = {}): DiscoveredResource {
  return {
    type: "aws-account-iam-role",
    externalId: `arn:aws:iam::111111111111:role/${name}`,
    name,
    accountId: "111111111111",
    region: null,
    tags,
    metadata: { path: "/" },
  };
}

async function startRun(state: "running" | "succeeded" = "running") {
  const run = await database.db.syncRun.create({
    data: { integrationId, trigger: "manual", state, startedAt: new Date() },
  });
  return run.id;
}

async function write(runId: string, resources: DiscoveredResource[], batchSize = 1000) {
  const integration = await database.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
  const writer = new ResourceWriter(
    database.db,
    new OwnerResolver(database.db, ownerRules(integration, [])),
    { integrationId, runId, scopeKey: "aws-account-iam-role" },
    batchSize,
  );
  await writer.add(resources);
  await writer.flush();
  return writer.written;
}

async function rows() {
  return database.db.resource.findMany({ where: { integrationId }, orderBy: { name: "asc" } });
}

async function resetResources() {
  await database.db.resource.deleteMany({ where: { integrationId } });
}

describe("the resource writer", () => {
  it("inserts new resources and rewrites the ones it has seen before in place", async () => {
    await resetResources();
    const first = await startRun();
    expect(await write(first, [role("a"), role("b", { team: "one" }), role("c")])).toBe(3);
    const before = await rows();

    const second = await startRun();
    expect(await write(second, [role("b", { team: "two" }), role("c"), role("d")])).toBe(3);
    const after = await rows();

    expect(after.map((r) => [r.name, r.lastSyncRunId])).toEqual([
      ["a", first],
      ["b", second],
      ["c", second],
      ["d", second],
    ]);
    const b = after.find((r) => r.name === "b")!;
    expect(b.tags).toEqual({ team: "two" });
    // Same row, same id: rewritten, not deleted and inserted again.
    expect(b.id).toBe(before.find((r) => r.name === "b")!.id);
    expect(b.firstSeen).toEqual(before.find((r) => r.name === "b")!.firstSeen);
    expect(b.owners).toEqual(["fallback@portcullis.dev"]);
    expect(b.ownerSource).toBe("fallback");
    expect(after.find((r) => r.name === "d")!.scopeKey).toBe("aws-account-iam-role");

    const progress = await database.db.syncRun.findUniqueOrThrow({ where: { id: second } });
    expect(progress.resourcesFound).toBe(3);
    const counter = await database.db.resourceCount.findUniqueOrThrow({
      where: { integrationId_type: { integrationId, type: "aws-account-iam-role" } },
    });
    expect(counter.count).toBe(4n);
  });

  it("writes a resource listed twice in one batch once, as last listed", async () => {
    await resetResources();
    const run = await startRun();
    expect(await write(run, [role("x", { v: "1" }), role("y"), role("x", { v: "2" })])).toBe(2);
    const stored = await rows();
    expect(stored.map((r) => r.name)).toEqual(["x", "y"]);
    expect(stored[0]!.tags).toEqual({ v: "2" });
  });

  it("writes in batches, two in flight, and counts every row once", async () => {
    await resetResources();
    const many = Array.from({ length: 2_345 }, (_, n) => role(`r-${String(n).padStart(5, "0")}`));
    const run = await startRun();
    expect(await write(run, many, 500)).toBe(2_345);
    expect(await database.db.resource.count({ where: { integrationId } })).toBe(2_345);
    // Again, every row already there, half of them with new tags.
    const again = await startRun();
    const changed = many.map((r, n) => (n % 2 === 0 ? { ...r, tags: { seen: "twice" } } : r));
    expect(await write(again, changed, 500)).toBe(2_345);
    expect(await database.db.resource.count({ where: { integrationId, lastSyncRunId: again } })).toBe(2_345);
    expect(
      await database.db.resource.count({ where: { integrationId, tags: { equals: { seen: "twice" } } } }),
    ).toBe(1_173);
    expect((await database.db.syncRun.findUniqueOrThrow({ where: { id: again } })).resourcesFound).toBe(
      2_345,
    );
  });

  it("writes nothing for a run that is over (a late worker)", async () => {
    await resetResources();
    const finished = await startRun("succeeded");
    expect(await write(finished, [role("late")])).toBe(0);
    expect(await rows()).toEqual([]);
  });

  it("settles a race with another writer of the same resource by writing the batch again as an upsert", async () => {
    await resetResources();
    const run = await startRun();
    // Another writer has inserted "contested" and not committed yet: the writer's plain INSERT
    // waits on it, then fails on the unique key once it commits.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(
        `INSERT INTO resources (id, integration_id, type, external_id, name)
         VALUES (gen_random_uuid(), $1, 'aws-account-iam-role', $2, 'contested')`,
        [integrationId, role("contested").externalId],
      );
      const otherPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const writing = write(run, [role("contested", { by: "writer" }), role("free")]);
      await vi.waitFor(
        async () => {
          const { rows: waiting } = await other.query(
            `SELECT 1 FROM pg_locks WHERE NOT granted AND pid <> $1 AND locktype = 'transactionid'`,
            [otherPid],
          );
          expect(waiting).toHaveLength(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      await other.query("COMMIT");
      expect(await writing).toBe(2);
    } finally {
      await other.end();
    }
    const stored = await rows();
    expect(stored.map((r) => [r.name, r.tags, r.lastSyncRunId])).toEqual([
      ["contested", { by: "writer" }, run],
      ["free", {}, run],
    ]);
  });
});
