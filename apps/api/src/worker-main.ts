// `pnpm worker`: a worker-only process. Start as many as you like, on any machine that reaches the
// database; they share the work through the job queue.
import { loadConfig } from "./config.ts";
import { runningEmbeddedDatabaseUrl } from "./db/embedded-postgres.ts";
import { createPrisma } from "./db/prisma.ts";
import { joinDemoSandbox } from "./discovery/demo/demo-sandbox.ts";
import { jobHandlers } from "./jobs/handlers.ts";
import { startQueue } from "./jobs/pg-boss-queue.ts";
import { startWorkers } from "./jobs/workers.ts";
import { createLogger } from "./lib/logger.ts";
import { Shutdown } from "./lib/shutdown.ts";
import { exitForStartupFailure } from "./lib/startup-problem.ts";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const databaseUrl = config.DATABASE_URL ?? (await runningEmbeddedDatabaseUrl(config.DATA_DIR));
if (!databaseUrl) {
  console.error(
    "No database: set DATABASE_URL, or start `pnpm start` first so this worker can join its embedded PostgreSQL.",
  );
  process.exit(1);
}
const shutdown = new Shutdown(logger);
try {
  // With no AWS credentials, join the demo sandbox of the `pnpm start` of this DATA_DIR.
  await joinDemoSandbox(process.env, config.DATA_DIR, logger);
  const db = createPrisma(databaseUrl);
  shutdown.add("database client", () => db.$disconnect());
  const queue = await startQueue(databaseUrl, logger);
  shutdown.add("job queue", () => queue.stop());
  await startWorkers(queue, jobHandlers({ db, queue, logger, config }), {
    logger,
    activityIngestSeconds: config.AUDIT_INGEST_SECONDS,
  });
} catch (error) {
  await shutdown.run();
  exitForStartupFailure(
    error,
    { port: config.PORT, host: config.HOST, databaseUrl: config.DATABASE_URL },
    logger,
  );
}
shutdown.onSignals();
logger.info("Worker started");
