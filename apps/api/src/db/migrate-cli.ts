// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (or to this DATA_DIR's embedded
// PostgreSQL, started for the purpose when it is not already running).
import { loadConfig } from "../config.ts";
import { withDatabase } from "./database-url.ts";
import { migrateDatabase } from "./migrate.ts";

const config = loadConfig();
await withDatabase(config, console.log, async (url) => {
  const applied = await migrateDatabase(url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
});
