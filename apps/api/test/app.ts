import type { FastifyInstance } from "fastify";
import pino from "pino";
import { buildApp } from "../src/app.ts";
import { type AppConfig, loadConfig } from "../src/config.ts";
import { type Queue, startQueue } from "../src/jobs/queue.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export const silentLogger = pino({ level: "silent" });

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  queue: Queue;
  config: AppConfig;
  close(): Promise<void>;
};

/** The real app on its own fresh database and job queue, for `app.inject` tests. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const queue = await startQueue(database.url, silentLogger, { schedule: false });
  const config = loadConfig({ LOG_LEVEL: "silent", ...env });
  const app = await buildApp({ config, db: database.db, queue, logger: silentLogger });
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
