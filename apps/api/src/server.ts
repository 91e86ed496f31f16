import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "./app.ts";
import { ensureDirectorySeed, removeDemoDirectory } from "./bootstrap/directory-seed.ts";
import { ensureInitialAdmin, type InitialAdmin } from "./bootstrap/initial-admin.ts";
import type { AppConfig } from "./config.ts";
import { startEmbeddedPostgres } from "./db/embedded-postgres.ts";
import { migrateDatabase } from "./db/migrate.ts";
import { createPrisma } from "./db/prisma.ts";
import { createAwsConnectorChecker } from "./discovery/connector-check.ts";
import { advertiseDemoSandbox, type DemoSandbox, startDemoSandbox } from "./discovery/demo/demo-sandbox.ts";
import { createAwsIntegrationChecker } from "./discovery/integration-check.ts";
import { AwsManagedKeys, createGrantingRuntime } from "./granting/index.ts";
import { jobHandlers } from "./jobs/handlers.ts";
import { startQueue } from "./jobs/pg-boss-queue.ts";
import { startWorkers } from "./jobs/workers.ts";
import type { Logger } from "./lib/logger.ts";
import { Shutdown } from "./lib/shutdown.ts";
import { registerSandboxConnector } from "./modules/connectors/sandbox-connector.ts";

export const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export type RunningServer = {
  url: string;
  initialAdmin: InitialAdmin;
  shutdown: Shutdown;
  /** The AWS sandbox started for the demo (no AWS credentials configured), if any. */
  demo: DemoSandbox | null;
};

/**
 * The whole Portcullis process: database (embedded unless DATABASE_URL), migrations, job queue,
 * workers (unless WORKER=0), then the HTTP server. Returns once it listens.
 */
export async function startServer(config: AppConfig, logger: Logger): Promise<RunningServer> {
  const shutdown = new Shutdown(logger);
  try {
    // Before any AWS client exists: with no AWS credentials, this process talks to the sandbox.
    const demo = await startDemoSandbox(process.env, logger);
    if (demo) shutdown.add("AWS sandbox", () => demo.close());
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, log: (m) => logger.info(m) });
      shutdown.add("embedded PostgreSQL", () => embedded.stop());
      databaseUrl = embedded.url;
      logger.info(
        `Embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${join(config.DATA_DIR, "postgres")}`,
      );
    }
    if (demo) shutdown.add("AWS sandbox note", await advertiseDemoSandbox(demo, config.DATA_DIR));
    const applied = await migrateDatabase(databaseUrl);
    if (applied.length) logger.info(`Applied migrations: ${applied.join(", ")}`);

    const db = createPrisma(databaseUrl);
    shutdown.add("database client", () => db.$disconnect());
    // Closed after the queue has stopped, so jobs finishing during shutdown can still call AWS.
    const discovery = createGrantingRuntime();
    shutdown.add("AWS clients", async () => discovery.close());
    const queue = await startQueue(databaseUrl, logger, { schedule: config.WORKER });
    shutdown.add("job queue", () => queue.stop());
    const initialAdmin = await ensureInitialAdmin(db, config);
    // Demo people exist only while the AWS sandbox demo runs.
    if (demo) await ensureDirectorySeed(db);
    else await removeDemoDirectory(db);
    const connectorChecker = createAwsConnectorChecker({ runtime: discovery, db });
    if (demo) await registerSandboxConnector(db, demo, connectorChecker, logger);
    if (config.WORKER) {
      await startWorkers(
        queue,
        jobHandlers({ db, queue, logger, config, discovery, checker: connectorChecker }),
        { logger, activityIngestSeconds: config.AUDIT_INGEST_SECONDS },
      );
    }

    const app = await buildApp({
      config: { ...config, WEB_DIST_DIR: config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST },
      db,
      queue,
      logger,
      connectorChecker,
      integrationChecker: createAwsIntegrationChecker({ runtime: discovery }),
      managedKeys: new AwsManagedKeys({ aws: discovery.aws, sessions: discovery.sessions }),
    });
    shutdown.add("HTTP server", () => app.close());
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    const port = new URL(address).port;
    return { url: `http://localhost:${port}`, initialAdmin, shutdown, demo };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}
