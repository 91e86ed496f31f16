import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AWS_ORGANIZATION_RESOURCE_TYPES } from "@portcullis/shared";
import pino from "pino";
import { ensureDirectorySeed } from "../../../src/bootstrap/directory-seed.ts";
import { enqueueSync } from "../../../src/core/sync-run.repository.ts";
import { createPrisma, type Db } from "../../../src/db/prisma.ts";
import { DEFAULT_DISCOVERY_CONFIG } from "../../../src/discovery/discovery-config.ts";
import type { Prisma } from "../../../src/generated/prisma/client.ts";
import { DEFAULT_JOB_TIMING } from "../../../src/jobs/job-timing.ts";
import { startQueue } from "../../../src/jobs/pg-boss-queue.ts";
import type { BenchPostgres } from "../../lib/postgres.ts";
import { cpuSecondsOf, sampleMemory, spawnNode, waitForIdle, waitForOutput } from "../../lib/processes.ts";
import type { SandboxProcess } from "../../lib/sandbox-client.ts";
import type { CallSummary } from "../../lib/sandbox-messages.ts";
import { workerLaunch } from "../../lib/worker-launch.ts";
import { type CallPlan, type LowerBound, lowerBound } from "./lower-bound.ts";
import { HOT_REGION, MANAGEMENT_ACCOUNT } from "./scenario.ts";

export type DiscoveryKind = "organization" | "account";

export type DiscoveryResult = {
  label: string;
  kind: DiscoveryKind;
  state: string;
  wallSeconds: number;
  bound: LowerBound;
  plan: { calls: number; resources: number; byOperation: Record<string, number> };
  calls: CallSummary;
  scopes: { total: number; done: number; failed: number };
  resourcesStored: number;
  /** Resources stored for accounts of the excluded OU (must be none). */
  excludedResources: number;
  /** How it was launched; peak RSS over its life; CPU seconds and RSS samples from the enqueue to the end. */
  worker: {
    launch: string;
    peakRssMb: number;
    cpuSeconds: number;
    rssSamplesMb: Array<[number, number]>;
  };
  sandboxCpuSeconds: number;
  /** Seconds from the enqueue: the run started, its first scope started, the OU walk finished, its last scope finished. */
  timeline: Record<string, number | null>;
  errors: unknown;
};

const logger = pino({ level: "silent" });

/** Calls the worker may have in flight: its scope jobs times each scope's detail calls, capped by its sockets. */
export function allowedConcurrency(): number {
  const config = DEFAULT_DISCOVERY_CONFIG;
  return Math.min(config.maxSockets, DEFAULT_JOB_TIMING.workerConcurrency * config.detailConcurrency);
}

async function createConnector(db: Db): Promise<void> {
  await db.connector.upsert({
    where: { id: "bench" },
    update: {},
    create: {
      id: "bench",
      name: "bench",
      roleArn: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:role/PortcullisConnectorRole`,
      externalId: "bench-external-id",
      region: "us-east-1",
      status: "CONNECTED",
      // A fresh check, so the worker's maintenance tick does not check it again mid-run.
      lastCheck: {
        ok: true,
        checked_at: new Date(Date.now() + 3_600_000).toISOString(),
        message: "bench",
        warnings: [],
      },
    },
  });
}

/** The integration, created as the API creates it: in the transaction that queues its first fetch. */
async function createIntegration(
  db: Prisma.TransactionClient,
  kind: DiscoveryKind,
  label: string,
): Promise<string> {
  const common = {
    name: `bench-${label}`,
    connectorId: "bench",
    ownersMapping: { key_name: "owner", attribute_type: "user", source_integration_reference: null },
  };
  const integration =
    kind === "organization"
      ? await db.integration.create({
          data: {
            ...common,
            type: "aws-organization",
            connectedResourceTypes: [...AWS_ORGANIZATION_RESOURCE_TYPES].filter((type) =>
              [
                "aws-organization-account",
                "aws-organization-iam-role",
                "aws-organization-s3-bucket",
              ].includes(type),
            ),
            integrationConfig: {
              region: "us-east-1",
              sso_region: "us-east-1",
              sso_portal: "https://d-gen0000001.awsapps.com/start",
              management_account_role_arn: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:role/PortcullisManagementRole`,
              excluded_organization_unit_ids: "ou-gen0-excluded",
            },
          },
        })
      : await db.integration.create({
          data: {
            ...common,
            type: "aws-account",
            connectedResourceTypes: ["aws-account-ec2-instance", "aws-account-rds-instance"],
            integrationConfig: { region: HOT_REGION },
          },
        });
  return integration.id;
}

const TERMINAL = new Set(["succeeded", "partial", "failed"]);

/**
 * One discovery, end to end, against a sandbox in its own process: a worker process (launched as
 * `pnpm worker` launches it, the product's defaults) on a fresh database; the fetch is queued as
 * the API queues it, and the wall time runs from that commit to the run's finish.
 */
export async function runDiscovery(options: {
  label: string;
  kind: DiscoveryKind;
  postgres: BenchPostgres;
  sandbox: SandboxProcess;
  plan: CallPlan;
  excluded: readonly string[];
  progress?: (line: string) => void;
  /** Waited for once the worker is up and idle, before the fetch is queued (so setup overlaps other runs). */
  gate?: Promise<unknown>;
  /** Called at every poll of the run's row (every 100 ms). */
  onPoll?: (run: { scopesTotal: number; scopesDone: number; scopesFailed: number }) => void;
}): Promise<DiscoveryResult> {
  const { sandbox, plan } = options;
  const url = await options.postgres.createDatabase(options.label);
  const db = createPrisma(url, 2);
  const dataDir = await mkdtemp(join(tmpdir(), "portcullis-bench-worker-"));
  await ensureDirectorySeed(db);
  await createConnector(db);
  const launch = await workerLaunch();
  const worker = spawnNode(launch.entry, {
    nodeArgs: launch.nodeArgs,
    env: {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_ACCESS_KEY_ID: sandbox.credential.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandbox.credential.secretAccessKey,
      AWS_REGION: "us-east-1",
      // The API wakes its in-process worker at once; a separate worker polls. 100 ms stands in
      // for the in-process wake-up, so the pick-up of the first job is not a second of noise.
      JOB_POLL_INTERVAL_MS: "100",
      ...(process.env.BENCH_WORKER_EXTRA_ENV ? JSON.parse(process.env.BENCH_WORKER_EXTRA_ENV) : {}),
    },
  });
  const queue = await startQueue(url, logger, { schedule: false });
  try {
    await waitForOutput(worker, /Worker started/);
    // As in production, the fetch finds the worker up and idle (its SDK preload done).
    await waitForIdle(worker.pid);
    await options.gate;
    await sandbox.reset();
    const memory = sampleMemory(worker.pid, 250);
    const sandboxCpu0 = cpuSecondsOf(sandbox.process.pid) ?? 0;
    const workerCpu0 = cpuSecondsOf(worker.pid) ?? 0;
    const { run, integrationId } = await db.$transaction(async (tx) => {
      const id = await createIntegration(tx, options.kind, options.label);
      return {
        integrationId: id,
        run: await enqueueSync(tx, queue, { integrationId: id, trigger: "initial" }),
      };
    });
    const started = Date.now();
    let lastProgress = started;
    let state = "queued";
    for (;;) {
      const row = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      state = row.state;
      options.onPoll?.(row);
      if (TERMINAL.has(state)) break;
      if (worker.child.exitCode !== null) throw new Error(`The worker exited:\n${worker.output()}`);
      if (Date.now() - lastProgress > 30_000) {
        lastProgress = Date.now();
        options.progress?.(
          `${options.label}: ${Math.round((Date.now() - started) / 1000)} s, ${row.scopesDone + row.scopesFailed}/${row.scopesTotal} scopes, ${row.resourcesFound} resources`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    const wallSeconds = (finished.finishedAt!.getTime() - finished.createdAt.getTime()) / 1000;
    const { peakBytes, samples } = memory.stop();
    const workerCpu = (cpuSecondsOf(worker.pid) ?? 0) - workerCpu0;
    const sandboxCpu = (cpuSecondsOf(sandbox.process.pid) ?? 0) - sandboxCpu0;
    const calls = await sandbox.summary(options.excluded);
    const stored = await db.resource.count({ where: { integrationId } });
    const excludedResources =
      options.excluded.length === 0
        ? 0
        : await db.resource.count({ where: { integrationId, accountId: { in: [...options.excluded] } } });
    const step = Math.max(1, Math.ceil(samples.length / 60));
    const since = (date: Date | null | undefined) =>
      date ? Math.round((date.getTime() - finished.createdAt.getTime()) / 100) / 10 : null;
    const scopeTimes = await db.syncScope.aggregate({
      where: { runId: run.id },
      _min: { startedAt: true },
      _max: { finishedAt: true },
    });
    const tree = await db.syncScope.findFirst({ where: { runId: run.id, key: "organization" } });
    return {
      label: options.label,
      kind: options.kind,
      state,
      wallSeconds,
      bound: lowerBound(plan, allowedConcurrency()),
      plan: { calls: plan.calls, resources: plan.resources, byOperation: plan.byOperation },
      calls,
      scopes: { total: finished.scopesTotal, done: finished.scopesDone, failed: finished.scopesFailed },
      resourcesStored: stored,
      excludedResources,
      worker: {
        launch: ["node", ...launch.nodeArgs, launch.entry].join(" "),
        peakRssMb: peakBytes / 2 ** 20,
        cpuSeconds: workerCpu,
        rssSamplesMb: samples
          .filter((_, i) => i % step === 0)
          .map((s) => [Math.round(s.at / 100) / 10, Math.round(s.rss / 2 ** 20)]),
      },
      sandboxCpuSeconds: sandboxCpu,
      timeline: {
        runStarted: since(finished.startedAt),
        firstScopeStarted: since(scopeTimes._min.startedAt),
        organizationWalkDone: since(tree?.finishedAt),
        lastScopeDone: since(scopeTimes._max.finishedAt),
        runFinished: since(finished.finishedAt),
      },
      errors: finished.errors,
    };
  } finally {
    await queue.stop();
    await worker.stop();
    if (process.env.BENCH_WORKER_LOG) await writeFile(process.env.BENCH_WORKER_LOG, worker.output());
    await db.$disconnect();
    await rm(dataDir, { recursive: true, force: true });
  }
}
