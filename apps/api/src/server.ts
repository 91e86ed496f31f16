import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "./app.ts";
import { ensureInitialAdmin, type InitialAdmin } from "./bootstrap/initial-admin.ts";
import type { AppConfig } from "./config.ts";
import { startEmbeddedPostgres } from "./db/embedded-postgres.ts";
import { migrateDatabase } from "./db/migrate.ts";
import { createPrisma } from "./db/prisma.ts";
import { jobHandlers } from "./jobs/handlers.ts";
import { startQueue } from "./jobs/queue.ts";
import { startWorkers } from "./jobs/workers.ts";
import type { Logger } from "./lib/logger.ts";
import { Shutdown } from "./lib/shutdown.ts";

export const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export type RunningServer = { url: string; initialAdmin: InitialAdmin; shutdown: Shutdown };

/**
 * The whole Portcullis process: database (embedded unless DATABASE_URL), migrations, job queue,
 * workers (unless WORKER=0), then the HTTP server. Returns once it listens.
 */
export async function startServer(config: AppConfig, logger: Logger): Promise<RunningServer> {
  const shutdown = new Shutdown(logger);
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, log: (m) => logger.info(m) });
      shutdown.add("embedded PostgreSQL", () => embedded.stop());
      databaseUrl = embedded.url;
      logger.info(
        `Embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${join(config.DATA_DIR, "postgres")}`,
      );
    }
    const applied = await migrateDatabase(databaseUrl);
    if (applied.length) logger.info(`Applied migrations: ${applied.join(", ")}`);

    const db = createPrisma(databaseUrl);
    shutdown.add("database client", () => db.$disconnect());
    const queue = await startQueue(databaseUrl, logger, { schedule: config.WORKER });
    shutdown.add("job queue", () => queue.stop());
    const initialAdmin = await ensureInitialAdmin(db, config);
    if (config.WORKER) await startWorkers(queue, jobHandlers({ db, queue, logger, config }));

    const app = await buildApp({
      config: { ...config, WEB_DIST_DIR: config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST },
      db,
      queue,
      logger,
    });
    shutdown.add("HTTP server", () => app.close());
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    const port = new URL(address).port;
    return { url: `http://localhost:${port}`, initialAdmin, shutdown };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}
