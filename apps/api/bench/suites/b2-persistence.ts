import { performance } from "node:perf_hooks";
import { ensureDirectorySeed } from "../../src/bootstrap/directory-seed.ts";
import { createPrisma, type Db } from "../../src/db/prisma.ts";
import type { DiscoveredResource } from "../../src/discovery/discoverers/types.ts";
import { DEFAULT_DISCOVERY_CONFIG } from "../../src/discovery/discovery-config.ts";
import { OwnerResolver, ownerRules } from "../../src/discovery/sync/owners.ts";
import { ResourceWriter } from "../../src/discovery/sync/resource-writer.ts";
import type { BenchPostgres } from "../lib/postgres.ts";

export type PersistenceResult = {
  rows: number;
  batchSize: number;
  tagJsonBytes: number;
  insert: { seconds: number; rowsPerSecond: number };
  resync: { seconds: number; rowsPerSecond: number };
  stored: number;
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

/** Writes every resource through the product's writer (one statement, one transaction, per batch). */
async function writeAll(db: Db, integrationId: string, runId: string, resources: DiscoveredResource[]) {
  const integration = await db.integration.findUniqueOrThrow({ where: { id: integrationId } });
  const rules = ownerRules(integration, await db.identityProvider.findMany());
  const writer = new ResourceWriter(
    db,
    new OwnerResolver(db, rules),
    { integrationId, runId, scopeKey: "bench" },
    DEFAULT_DISCOVERY_CONFIG.batchSize,
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

/**
 * B2: resources upserted into an empty table, then the same resources again (every row
 * conflicting), through the product's ResourceWriter over TCP to PostgreSQL.
 * Returns the database URL too: B3 reads this data.
 */
export async function runPersistence(
  postgres: BenchPostgres,
  rows: number,
): Promise<{ result: PersistenceResult; databaseUrl: string; integrationId: string }> {
  // A worker writes with a warm process: the same path is run first against another database
  // (so the measured table is still empty), for the JIT and the query caches.
  const warmUp = createPrisma(await postgres.createDatabase("b2_warm_up"), 4);
  try {
    const scratch = await createIntegration(warmUp);
    await writeAll(
      warmUp,
      scratch,
      await startRun(warmUp, scratch),
      syntheticResources(Math.min(rows, 10_000)),
    );
  } finally {
    await warmUp.$disconnect();
  }
  const databaseUrl = await postgres.createDatabase("b2");
  const db = createPrisma(databaseUrl, 4);
  try {
    const integration = { id: await createIntegration(db) };
    const resources = syntheticResources(rows);
    const insert = await writeAll(db, integration.id, await startRun(db, integration.id), resources);
    const resync = await writeAll(db, integration.id, await startRun(db, integration.id), resources);
    const stored = await db.resource.count({ where: { integrationId: integration.id } });
    await db.$executeRawUnsafe("ANALYZE resources");
    return {
      databaseUrl,
      integrationId: integration.id,
      result: {
        rows,
        batchSize: DEFAULT_DISCOVERY_CONFIG.batchSize,
        tagJsonBytes: Math.round(
          resources.reduce((sum, r) => sum + JSON.stringify(r.tags).length, 0) / resources.length,
        ),
        insert,
        resync,
        stored,
      },
    };
  } finally {
    await db.$disconnect();
  }
}
