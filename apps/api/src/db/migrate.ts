import pg from "pg";
import { NO_FILTERS, readMigrationsList, readSchema } from "./migrations.ts";
import { withSchemaEngine } from "./schema-engine.ts";

// Any constant works; it only has to be the same for every Portcullis process.
const MIGRATION_LOCK_KEY = 7_061_636;

/**
 * Applies pending migrations with Prisma's own schema engine (WebAssembly), so `_prisma_migrations`
 * is kept exactly as `prisma migrate deploy` keeps it. A session-level advisory lock makes
 * processes that start together take turns; the second finds nothing left to apply.
 */
export async function migrateDatabase(connectionString: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString });
  await lockClient.connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const migrationsList = await readMigrationsList();
    const result = await withSchemaEngine(connectionString, await readSchema(), (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    return result.appliedMigrationNames;
  } finally {
    await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}
