import type { AppConfig } from "../config.ts";
import { runningEmbeddedDatabaseUrl, startEmbeddedPostgres } from "./embedded-postgres.ts";

/**
 * Runs `work` with a database URL: DATABASE_URL when set, else the embedded server of DATA_DIR
 * (joined when a `pnpm start` already runs it, started and stopped around `work` otherwise).
 */
export async function withDatabase<T>(
  config: AppConfig,
  log: (message: string) => void,
  work: (url: string) => Promise<T>,
): Promise<T> {
  if (config.DATABASE_URL) return work(config.DATABASE_URL);
  const running = await runningEmbeddedDatabaseUrl(config.DATA_DIR);
  if (running) return work(running);
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, log });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}
