// Discovery of a generated organization against the AWS sandbox, with AWS's rate limits
// enforced by the sandbox (token buckets, Organizations' one-call-per-API rule) and network
// latency. Prints the wall time next to the lower bound those limits allow.
//
//   node --import tsx apps/api/bench/discovery-bench.ts [accounts=100]
//
// Uses DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FaultRule, generateScenario, startSandbox } from "@portcullis/aws-sandbox";
import { AWS_ORGANIZATION_RESOURCE_TYPES } from "@portcullis/shared";
import pino from "pino";
import { ensureDirectorySeed } from "../src/bootstrap/directory-seed.ts";
import { loadConfig } from "../src/config.ts";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { createPrisma } from "../src/db/prisma.ts";
import { DEFAULT_RATE_LIMITS, loadDiscoveryConfig } from "../src/discovery/discovery-config.ts";
import { createDiscoveryRuntime } from "../src/discovery/runtime.ts";
import { jobHandlers } from "../src/jobs/handlers.ts";
import { loadJobTiming } from "../src/jobs/job-timing.ts";
import { startQueue } from "../src/jobs/queue.ts";
import { startWorkers } from "../src/jobs/workers.ts";
import { enqueueSync } from "../src/modules/integrations/sync-enqueue.ts";

const accounts = Number(process.argv[2] ?? 100);
const logger = pino({ level: process.env.LOG_LEVEL ?? "warn" });
const MGMT = "111111111111";
const limits = DEFAULT_RATE_LIMITS;

// AWS's quotas, as the sandbox enforces them: what the client-side limiters must respect.
const faults: FaultRule[] = [
  { type: "latency", ms: [10, 40] },
  { type: "single-flight", service: "organizations", per: "operation" },
  {
    type: "rate-limit",
    service: "organizations",
    burst: limits.organizations.burst,
    refillPerSecond: limits.organizations.rate,
    per: "organization",
  },
  {
    type: "rate-limit",
    service: "sts",
    burst: limits.sts.burst,
    refillPerSecond: limits.sts.rate,
    per: "account",
  },
  {
    type: "rate-limit",
    service: "iam",
    burst: limits.iam.burst,
    refillPerSecond: limits.iam.rate,
    per: "account",
  },
  {
    type: "rate-limit",
    service: "s3",
    burst: limits.s3.burst,
    refillPerSecond: limits.s3.rate,
    per: "account",
  },
];

const scenario = generateScenario({
  accounts,
  ous: Math.max(4, Math.round(accounts / 12)),
  depth: 3,
  excludedOuAccounts: Math.round(accounts / 20),
  rolesPerAccount: 4,
  bucketsPerAccount: 2,
  seed: 42,
});
const sandbox = await startSandbox({ scenario, faults, seed: 1 });
Object.assign(process.env, {
  AWS_ENDPOINT_URL: sandbox.url,
  AWS_ACCESS_KEY_ID: scenario.credentials[0]!.accessKeyId,
  AWS_SECRET_ACCESS_KEY: scenario.credentials[0]!.secretAccessKey,
  AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
});

let databaseUrl = process.env.DATABASE_URL;
let cleanup = async () => {};
if (!databaseUrl) {
  const dataDir = await mkdtemp(join(tmpdir(), "portcullis-bench-"));
  await chmod(dataDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir, log: () => {} });
  databaseUrl = embedded.url;
  cleanup = async () => {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
await migrateDatabase(databaseUrl);
const db = createPrisma(databaseUrl);
await ensureDirectorySeed(db);
const timing = { ...loadJobTiming(), pollIntervalMs: 200 };
const queue = await startQueue(databaseUrl, logger, { schedule: false, timing });
const runtime = createDiscoveryRuntime(loadDiscoveryConfig());
const handlers = jobHandlers({ db, queue, logger, config: loadConfig({}), discovery: runtime });
delete handlers["maintenance.tick"];
await startWorkers(queue, handlers);

await db.connector.create({
  data: {
    id: "bench",
    name: "bench",
    roleArn: `arn:aws:iam::${MGMT}:role/PortcullisConnectorRole`,
    externalId: "bench",
    region: "us-east-1",
    status: "CONNECTED",
  },
});
const started = performance.now();
const runId = await db.$transaction(async (tx) => {
  const integration = await tx.integration.create({
    data: {
      name: "bench-org",
      type: "aws-organization",
      connectorId: "bench",
      connectedResourceTypes: [...AWS_ORGANIZATION_RESOURCE_TYPES],
      integrationConfig: {
        region: "us-east-1",
        sso_region: "us-east-1",
        sso_portal: "https://d-gen0000001.awsapps.com/start",
        management_account_role_arn: `arn:aws:iam::${MGMT}:role/PortcullisManagementRole`,
        excluded_organization_unit_ids: "ou-gen0-excluded",
      },
    },
  });
  return (await enqueueSync(tx, queue, { integrationId: integration.id, trigger: "initial" })).id;
});
queue.wake("integration.sync");

let peakRss = 0;
for (;;) {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
  if (run.state !== "queued" && run.state !== "running") break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const seconds = (performance.now() - started) / 1000;
const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });

// The lower bound: every Organizations call, paced perfectly at the quota after its burst.
const orgCalls = sandbox.callCount({ service: "organizations", throttled: false });
const bound = Math.max(0, (orgCalls - limits.organizations.burst) / limits.organizations.rate);
const throttled = sandbox.calls({ throttled: true });
const byService: Record<string, number> = {};
for (const call of throttled) byService[call.service] = (byService[call.service] ?? 0) + 1;

console.log(
  JSON.stringify(
    {
      accounts,
      state: run.state,
      scopes: `${run.scopesDone} done, ${run.scopesFailed} failed of ${run.scopesTotal}`,
      resources: run.resourcesFound,
      accountsFound: run.accountsFound,
      awsCalls: sandbox.callCount(),
      organizationsCalls: orgCalls,
      seconds: Number(seconds.toFixed(1)),
      lowerBoundSeconds: Number(bound.toFixed(1)),
      ratio: Number((seconds / Math.max(bound, 0.001)).toFixed(2)),
      throttledCalls: byService,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    },
    null,
    2,
  ),
);

await queue.stop();
runtime.close();
await db.$disconnect();
await sandbox.close();
await cleanup();
