import { performance } from "node:perf_hooks";
import { ensureDirectorySeed } from "../../src/bootstrap/directory-seed.ts";
import { createPrisma, type Db } from "../../src/db/prisma.ts";
import type { DiscoveredResource } from "../../src/discovery/discoverers/types.ts";
import { DEFAULT_DISCOVERY_CONFIG } from "../../src/discovery/discovery-config.ts";
import { OwnerResolver, ownerRules } from "../../src/discovery/sync/owners.ts";
import { ResourceWriter, type WriteMode } from "../../src/discovery/sync/resource-writer.ts";
import type { BenchPostgres } from "../lib/postgres.ts";

export type PhaseResult = { seconds: number; rowsPerSecond: number };

export type PersistenceTrial = { insert: PhaseResult; resync: PhaseResult; stored: number };

export type PersistenceResult = {
  rows: number;
  batchSize: number;
  tagJsonBytes: number;
  /** Every trial, in the order run: each into an empty database of its own. */
  trials: PersistenceTrial[];
  /** The median trial of each phase (by rows/s). */
  insert: PhaseResult;
  resync: PhaseResult;
  /** True when every trial stored exactly `rows` resources. */
  storedAll: boolean;
};

const TEAMS = ["payments", "search", "platform", "data", "identity", "mobile", "growth", "security"];

/** `count` IAM-role-like resources whose tags come to about 400 bytes of JSON each. */
export function syntheticResources(count: number, accountCount = 1000): DiscoveredResource[] {
  return Array.from({ length: count }, (_, n) => {
    const account = String(200000000000 + (n % accountCount));
    const team = TEAMS[n % TEAMS.length]!;
    const name = `${team}-role-${n.toString(36).padStart(6, "0")}`;
    return {
      type: "aws-organization-iam-role",
      externalId: `arn:aws:iam::${account}:role/${name}`,
      name,
      accountId: account,
      region: null,
      tags: {
        owner: `${["alice", "bob", "carol", "dave"][n % 4]}@portcullis.dev`,
        environment: ["prod", "staging", "dev"][n % 3]!,
        team,
        "cost-center": `cc-${1000 + (n % 9000)}`,
        service: `${team}-service-${n % 97}`,
        "managed-by": "terraform",
        "terraform-workspace": `${team}-${["prod", "staging", "dev"][n % 3]}-workspace`,
        "data-classification": ["internal", "confidential", "public"][n % 3]!,
        "created-by": "arn:aws:iam::111111111111:role/platform-deployer",
        description: `Role used by the ${team} team's workloads (number ${n}) to reach shared services.`,
      },
      metadata: {
        role_id: `AROA${n.toString(16).toUpperCase().padStart(17, "0")}`,
        path: "/",
        description: null,
        created_at: "2024-01-01T00:00:00.000Z",
        max_session_duration: 3600,
      },
    };
  });
}

async function createIntegration(db: Db): Promise<string> {
  await ensureDirectorySeed(db);
  const integration = await db.integration.create({
    data: {
      name: "bench-persistence",
      type: "aws-organization",
      connectedResourceTypes: ["aws-organization-iam-role"],
      integrationConfig: {},
      ownersMapping: { key_name: "owner", attribute_type: "user", source_integration_reference: null },
    },
  });
  return integration.id;
}

async function startRun(db: Db, integrationId: string): Promise<string> {
  const run = await db.syncRun.create({
    data: { integrationId, trigger: "manual", state: "running", startedAt: new Date() },
  });
  return run.id;
}

/**
 * Writes every resource through the product's writer (one transaction per batch), in the mode
 * a scope gets: `append` (COPY) on its first fetch, `upsert` once an earlier run had it.
 */
async function writeAll(
  db: Db,
  integrationId: string,
  runId: string,
  resources: DiscoveredResource[],
  mode: WriteMode,
) {
  const integration = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
  const rules = ownerRules(
    integration,
    await db.identitySource.findMany({ select: { id: true, name: true, type: true } }),
  );
  const writer = new ResourceWriter(
    db,
    new OwnerResolver(db, rules),
    { integrationId, runId, scopeKey: "bench" },
    DEFAULT_DISCOVERY_CONFIG.batchSize,
    mode,
  );
  const started = performance.now();
  // As a scope does: a page at a time (1000 resources), then the rest at the end.
  for (let i = 0; i < resources.length; i += 1000) await writer.add(resources.slice(i, i + 1000));
  await writer.flush();
  const seconds = (performance.now() - started) / 1000;
  if (writer.written !== resources.length) {
    throw new Error(`wrote ${writer.written} of ${resources.length} resources`);
  }
  return { seconds, rowsPerSecond: resources.length / seconds };
}

/** The middle value by rows/s (the lower middle for an even count). */
function medianPhase(phases: readonly PhaseResult[]): PhaseResult {
  const sorted = [...phases].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** One trial: the resources into an empty table, then again (every row conflicting). */
async function runTrial(
  db: Db,
  resources: DiscoveredResource[],
): Promise<PersistenceTrial & { integrationId: string }> {
  const integrationId = await createIntegration(db);
  const insert = await writeAll(db, integrationId, await startRun(db, integrationId), resources, "append");
  const resync = await writeAll(db, integrationId, await startRun(db, integrationId), resources, "upsert");
  const stored = await db.resource.count({ where: { integrationId } });
  return { integrationId, insert, resync, stored };
}

/**
 * B2: resources upserted into an empty table, then the same resources again (every row
 * conflicting), through the product's ResourceWriter over TCP to PostgreSQL. `trials` times,
 * each in a new database; the figures are the median trial, since this shared host moves a
 * single run by ±25 %. Returns the last trial's database too: B3 reads its data (after its own
 * VACUUM ANALYZE, so nothing is analyzed here).
 */
export async function runPersistence(
  postgres: BenchPostgres,
  rows: number,
  trials: number,
): Promise<{ result: PersistenceResult; databaseUrl: string; integrationId: string }> {
  // A worker writes with a warm process: the same path is run first against another database
  // (so the measured table is still empty), for the JIT and the query caches.
  const warmUpUrl = await postgres.createDatabase("b2_warm_up");
  const warmUp = createPrisma(warmUpUrl, 4);
  try {
    const scratch = await createIntegration(warmUp);
    const warmUpRows = syntheticResources(Math.min(rows, 10_000));
    await writeAll(warmUp, scratch, await startRun(warmUp, scratch), warmUpRows, "append");
    await writeAll(warmUp, scratch, await startRun(warmUp, scratch), warmUpRows, "upsert");
  } finally {
    await warmUp.$disconnect();
  }
  await postgres.dropDatabase(warmUpUrl);
  const resources = syntheticResources(rows);
  const results: PersistenceTrial[] = [];
  let last: { databaseUrl: string; integrationId: string } | undefined;
  for (let trial = 1; trial <= trials; trial += 1) {
    // Dropped, its autovacuum stops too: no trial pays for the cleanup of the one before it.
    if (last) await postgres.dropDatabase(last.databaseUrl);
    const databaseUrl = await postgres.createDatabase(`b2_${trial}`);
    const db = createPrisma(databaseUrl, 4);
    try {
      const { integrationId, ...result } = await runTrial(db, resources);
      results.push(result);
      last = { databaseUrl, integrationId };
    } finally {
      await db.$disconnect();
    }
  }
  if (!last) throw new Error("B2 needs at least one trial");
  return {
    ...last,
    result: {
      rows,
      batchSize: DEFAULT_DISCOVERY_CONFIG.batchSize,
      tagJsonBytes: Math.round(
        resources.reduce((sum, r) => sum + JSON.stringify(r.tags).length, 0) / resources.length,
      ),
      trials: results,
      insert: medianPhase(results.map((t) => t.insert)),
      resync: medianPhase(results.map((t) => t.resync)),
      storedAll: results.every((t) => t.stored === rows),
    },
  };
}
