import type { FastifyInstance } from "fastify";
import pino from "pino";
import { buildApp } from "../src/app.ts";
import { type AppConfig, loadConfig } from "../src/config.ts";
import type { ConnectorChecker } from "../src/core/connector-check.types.ts";
import type { IntegrationChecker } from "../src/core/integration-check.types.ts";
import type { ManagedKeyOperations } from "../src/granting/index.ts";
import { startQueue } from "../src/jobs/pg-boss-queue.ts";
import type { Queue } from "../src/jobs/queue.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export const silentLogger = pino({ level: "silent" });

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  queue: Queue;
  config: AppConfig;
  close(): Promise<void>;
};

export type TestAppOptions = {
  connectorChecker?: ConnectorChecker;
  integrationChecker?: IntegrationChecker;
  /** Wraps the real queue the app gets (e.g. to fail right after a send); `queue` stays the real one. */
  wrapQueue?: (queue: Queue) => Queue;
  /** The AWS side of "Reset credentials" (granting's AwsManagedKeys on a sandbox). */
  managedKeys?: ManagedKeyOperations;
};

/** The real app on its own fresh database and job queue, for `app.inject` tests. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const queue = await startQueue(database.url, silentLogger, { schedule: false });
  const config = loadConfig({ LOG_LEVEL: "silent", ...env });
  const app = await buildApp({
    config,
    db: database.db,
    queue: options.wrapQueue ? options.wrapQueue(queue) : queue,
    logger: silentLogger,
    connectorChecker: options.connectorChecker,
    integrationChecker: options.integrationChecker,
    managedKeys: options.managedKeys,
  });
  await app.ready();
  return {
    app,
    database,
    queue,
    config,
    async close() {
      await app.close();
      await queue.stop();
      await database.drop();
    },
  };
}
