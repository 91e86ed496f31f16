// Test harness for discovery: the AWS sandbox over HTTP (the real SDK, pointed at it through
// AWS_ENDPOINT_URL), a fresh real PostgreSQL database, the real pg-boss queue and workers.
import { type FaultRule, type Sandbox, type Scenario, startSandbox } from "@portcullis/aws-sandbox";
import pino from "pino";
import { createTestDatabase, type TestDatabase } from "../../../test/database.ts";
import { ensureDirectorySeed } from "../../bootstrap/directory-seed.ts";
import { loadConfig } from "../../config.ts";
import { enqueueSync } from "../../core/sync-run.repository.ts";
import type { Db } from "../../db/prisma.ts";
import type { Prisma, SyncRun } from "../../generated/prisma/client.ts";
import { jobHandlers } from "../../jobs/handlers.ts";
import type { JobTiming } from "../../jobs/job-timing.ts";
import { startQueue } from "../../jobs/pg-boss-queue.ts";
import type { Queue } from "../../jobs/queue.ts";
import { startWorkers } from "../../jobs/workers.ts";
import type { DiscoveryConfig } from "../discovery-config.ts";
import { createDiscoveryRuntime, type DiscoveryRuntime } from "../runtime.ts";
import type { SyncDeps } from "../sync/sync-deps.ts";
import { pointSdkAt } from "./sdk-env.ts";
import { TEST_TIMING, testDiscoveryConfig } from "./test-config.ts";
import { CONNECTOR_ROLE, MANAGEMENT_ROLE, REGION } from "./test-scenario.ts";

export const silent = pino({ level: "silent" });

export type IntegrationInput = {
  type: "aws-account" | "aws-organization";
  types: string[];
  config?: Record<string, string>;
  owner?: {
    attribute_type: "user" | "group";
    attribute_value: string[];
    source_integration_reference?: string | null;
  };
  ownersMapping?: {
    key_name: string;
    attribute_type: "user" | "group";
    source_integration_reference?: string | null;
  };
  connectorId?: string;
};

export type Harness = {
  sandbox: Sandbox;
  database: TestDatabase;
  db: Db;
  queue: Queue;
  runtime: DiscoveryRuntime;
  deps: SyncDeps;
  /** A connector on the scenario's connector role (or `roleArn`), CONNECTED. */
  createConnector(options?: { id?: string; roleArn?: string | null }): Promise<string>;
  /** Creates an integration and queues its first fetch, as the API does. */
  createIntegration(input: IntegrationInput): Promise<{ integrationId: string; runId: string }>;
  /** Queues another fetch (a manual refresh). */
  refresh(integrationId: string): Promise<string>;
  waitForRun(runId: string, timeoutMs?: number): Promise<SyncRun>;
  /** Restarts the sandbox on the same port with another scenario (the same clients keep working). */
  replaceScenario(scenario: Scenario, faults?: FaultRule[]): Promise<void>;
  close(): Promise<void>;
};

let integrationCounter = 0;

export async function startHarness(options: {
  scenario: Scenario;
  faults?: FaultRule[];
  discovery?: Partial<DiscoveryConfig>;
  timing?: Partial<JobTiming>;
  /** false: no workers in this process (a test runs them elsewhere). */
  workers?: boolean;
}): Promise<Harness> {
  let sandbox = await startSandbox({ scenario: options.scenario, port: 0, faults: options.faults, seed: 7 });
  pointSdkAt(sandbox.url);
  const database = await createTestDatabase();
  const db = database.db;
  await ensureDirectorySeed(db);
  const timing = { ...TEST_TIMING, ...options.timing };
  const queue = await startQueue(database.url, silent, { schedule: false, timing });
  const runtime = createDiscoveryRuntime(testDiscoveryConfig(options.discovery));
  const config = loadConfig({ LOG_LEVEL: "silent" });
  const deps: SyncDeps = {
    db,
    queue,
    logger: silent,
    runtime,
    timing,
    syncIntervalHours: config.SYNC_INTERVAL_HOURS,
  };
  if (options.workers !== false) {
    const handlers = jobHandlers({ db, queue, logger: silent, config, discovery: runtime });
    // The tick is run by the tests themselves, when they want it.
    delete handlers["maintenance.tick"];
    await startWorkers(queue, handlers);
  }

  const harness: Harness = {
    get sandbox() {
      return sandbox;
    },
    database,
    db,
    queue,
    runtime,
    deps,
    async createConnector(connector = {}) {
      const id = connector.id ?? `conn-${++integrationCounter}`;
      await db.connector.create({
        data: {
          id,
          name: `Connector ${id}`,
          roleArn: connector.roleArn === undefined ? CONNECTOR_ROLE : connector.roleArn,
          externalId: `ext-${id}`,
          region: REGION,
          status: "CONNECTED",
        },
      });
      return id;
    },
    async createIntegration(input) {
      const connectorId = input.connectorId ?? (await harness.createConnector());
      const config =
        input.config ??
        (input.type === "aws-account"
          ? { region: REGION }
          : {
              region: REGION,
              sso_region: REGION,
              sso_portal: "https://d-test000001.awsapps.com/start",
              management_account_role_arn: MANAGEMENT_ROLE,
            });
      return db.$transaction(async (tx) => {
        const integration = await tx.integration.create({
          data: {
            name: `integration-${++integrationCounter}-${Date.now()}`,
            type: input.type,
            status: "Initializing",
            connectorId,
            connectedResourceTypes: input.types,
            integrationConfig: config,
            owner: (input.owner ?? undefined) as Prisma.InputJsonObject | undefined,
            ownersMapping: (input.ownersMapping ?? undefined) as Prisma.InputJsonObject | undefined,
          },
        });
        const run = await enqueueSync(tx, queue, { integrationId: integration.id, trigger: "initial" });
        return { integrationId: integration.id, runId: run.id };
      });
    },
    async refresh(integrationId) {
      const run = await db.$transaction((tx) =>
        enqueueSync(tx, queue, { integrationId, trigger: "manual", status: "Refreshing" }),
      );
      queue.wake("integration.sync");
      return run.id;
    },
    async waitForRun(runId, timeoutMs = 30_000) {
      queue.wake("integration.sync");
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
        if (run.state !== "queued" && run.state !== "running") return run;
        if (Date.now() > deadline) {
          throw new Error(`Run ${runId} still ${run.state} after ${timeoutMs} ms: ${JSON.stringify(run)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async replaceScenario(scenario, faults) {
      const port = sandbox.port;
      await sandbox.close();
      sandbox = await startSandbox({ scenario, port, faults, seed: 7 });
      // Sessions of the old sandbox mean nothing to the new one.
      runtime.reset();
    },
    async close() {
      await queue.stop();
      runtime.close();
      await sandbox.close();
      await database.drop();
    },
  };
  return harness;
}
