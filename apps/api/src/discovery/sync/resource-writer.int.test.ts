import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database.ts";
import type { DiscoveredResource } from "../discoverers/types.ts";
import { OwnerResolver, ownerRules } from "./owners.ts";
import { ResourceWriter, type WriteMode } from "./resource-writer.ts";

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
  // The integration owner is a live person of a directory source: owners resolve against it.
  const source = await database.db.identitySource.create({ data: { name: "Writer", type: "built_in" } });
  await database.db.identityPerson.create({
    data: {
      sourceId: source.id,
      userName: "fallback@portcullis.dev",
      userNameKey: "fallback@portcullis.dev",
      email: "fallback@portcullis.dev",
    },
  });
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

async function write(
  runId: string,
  resources: DiscoveredResource[],
  batchSize = 1000,
  mode: WriteMode = "upsert",
  target = { integrationId },
) {
  const integration = await database.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
  const writer = new ResourceWriter(
    database.db,
    new OwnerResolver(database.db, ownerRules(integration, [])),
    { integrationId: target.integrationId, runId, scopeKey: "aws-account-iam-role" },
    batchSize,
    mode,
  );
  await writer.add(resources);
  await writer.flush();
  return writer.written;
}

async function rows() {
  return database.db.resource.findMany({ where: { integrationId }, orderBy: { name: "asc" } });
}

/** The run's progress counter: resources it has written. */
async function resourcesFound(runId: string) {
  return (await database.db.syncRun.findUniqueOrThrow({ where: { id: runId } })).resourcesFound;
}

/** The integration's exact count of roles, kept by the statement triggers. */
async function countedRoles() {
  const counter = await database.db.resourceCount.findUniqueOrThrow({
    where: { integrationId_type: { integrationId, type: "aws-account-iam-role" } },
  });
  return counter.count;
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

    expect(await resourcesFound(second)).toBe(3);
    expect(await countedRoles()).toBe(4n);
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
    expect(await resourcesFound(again)).toBe(2_345);
  });

  it("writes nothing for a run that is over (a late worker)", async () => {
    await resetResources();
    const finished = await startRun("succeeded");
    expect(await write(finished, [role("late")])).toBe(0);
    expect(await rows()).toEqual([]);
  });

  it.each(["upsert", "append"] as const)(
    "settles a race with another writer of the same resource by writing the batch again as an upsert (%s)",
    async (mode) => {
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
        const writing = write(run, [role("contested", { by: "writer" }), role("free")], 1000, mode);
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
      expect(await resourcesFound(run)).toBe(2);
    },
  );
});

describe("the resource writer, appending a scope never fetched before (COPY)", () => {
  it("stores every row as an insert would: ids, scope, run, owners, times, progress and counts", async () => {
    await resetResources();
    const many = Array.from({ length: 1_234 }, (_, n) =>
      role(`new-${String(n).padStart(5, "0")}`, { n: String(n) }),
    );
    const run = await startRun();
    expect(await write(run, many, 500, "append")).toBe(1_234);

    const stored = await rows();
    expect(stored).toHaveLength(1_234);
    expect(new Set(stored.map((r) => r.id)).size).toBe(1_234);
    const first = stored[0]!;
    expect(first).toMatchObject({
      name: "new-00000",
      externalId: role("new-00000").externalId,
      accountId: "111111111111",
      region: null,
      tags: { n: "0" },
      metadata: { path: "/" },
      owners: ["fallback@portcullis.dev"],
      ownerSource: "fallback",
      scopeKey: "aws-account-iam-role",
      lastSyncRunId: run,
    });
    expect(first.firstSeen.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(first.lastSeen).toEqual(first.firstSeen);
    expect(await resourcesFound(run)).toBe(1_234);
    expect(await countedRoles()).toBe(1_234n);
  });

  it("keeps text exactly as discovered: tabs, newlines, backslashes, quotes and any script", async () => {
    await resetResources();
    const odd = 'tab\there "quoted" back\\slash\nnew line\r{braces},comma ünïcode 日本 🚀 \\N';
    const resource = {
      ...role("odd", { [odd]: odd, empty: "" }),
      name: odd,
      metadata: { description: odd, nested: { list: [odd, null, 1.5, true] } },
    };
    // Owners with quotes, commas and backslashes, as the text[] literal must carry them.
    const owners = [odd, 'o"b,{c}\\d', "NULL"];
    const writer = new ResourceWriter(
      database.db,
      // Owners as a resolver could return them: this test is about how the writer stores them.
      { resolve: async (sets) => sets.map(() => ({ owners, source: "fallback" as const, details: [] })) },
      { integrationId, runId: await startRun(), scopeKey: "aws-account-iam-role" },
      1000,
      "append",
    );
    await writer.add([resource]);
    await writer.flush();
    expect(writer.written).toBe(1);
    const [stored] = await rows();
    expect(stored).toMatchObject({ name: odd, tags: resource.tags, metadata: resource.metadata, owners });
  });

  it("turns to upserts from the first batch that meets a stored row, and loses nothing", async () => {
    await resetResources();
    const earlier = await startRun();
    // Rows 300–399 are stored already (say, by an attempt that crashed).
    const all = Array.from({ length: 1_000 }, (_, n) => role(`r-${String(n).padStart(4, "0")}`));
    expect(await write(earlier, all.slice(300, 400))).toBe(100);

    const run = await startRun();
    const retagged = all.map((r) => ({ ...r, tags: { by: "retry" } }));
    expect(await write(run, retagged, 250, "append")).toBe(1_000);

    expect(await database.db.resource.count({ where: { integrationId } })).toBe(1_000);
    expect(
      await database.db.resource.count({
        where: { integrationId, lastSyncRunId: run, tags: { equals: { by: "retry" } } },
      }),
    ).toBe(1_000);
    expect(await resourcesFound(run)).toBe(1_000);
    expect(await countedRoles()).toBe(1_000n);
  });

  it("writes nothing for a run that is over, nor for an integration deleted meanwhile", async () => {
    await resetResources();
    const finished = await startRun("succeeded");
    expect(await write(finished, [role("late")], 1000, "append")).toBe(0);
    expect(await rows()).toEqual([]);

    const doomed = await database.db.integration.create({
      data: { name: "doomed", type: "aws-account", connectedResourceTypes: [], integrationConfig: {} },
    });
    const doomedRun = await database.db.syncRun.create({
      data: { integrationId: doomed.id, trigger: "manual", state: "running", startedAt: new Date() },
    });
    await database.db.integration.delete({ where: { id: doomed.id } });
    expect(await write(doomedRun.id, [role("orphan")], 1000, "append", { integrationId: doomed.id })).toBe(0);
    expect(await database.db.resource.count({ where: { name: "orphan" } })).toBe(0);
  });
});
