// `pnpm db:new-migration <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql, what
// `prisma migrate dev --create-only` does, with Prisma's schema engine (WebAssembly):
//   1. the SQL is the engine's diff from the schema as of the latest committed migration to the
//      current prisma/schema.prisma;
//   2. it is proven before it is written: the migrations plus the new SQL, replayed into a scratch
//      database, must give exactly the database that the schema itself creates.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { loadConfig } from "../config.ts";
import { withDatabase } from "./database-url.ts";
import { migrateDatabase } from "./migrate.ts";
import { MIGRATIONS_DIR, PRISMA_DIR } from "./paths.ts";
import {
  compareSnapshots,
  executeScript,
  schemaCreationSql,
  snapshotSchema,
  sqlStatementsOnly,
} from "./schema-drift.ts";

const name = process.argv[2]?.replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: pnpm db:new-migration <name>");
  process.exit(2);
}

function schemaAtLatestMigration(): { path: string; content: string } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: PRISMA_DIR, encoding: "utf8" }).trim();
  const commit = git("log", "-1", "--format=%H", "--", "migrations");
  return { path: "schema.prisma", content: git("show", `${commit}:prisma/schema.prisma`) };
}

await withDatabase(loadConfig(), console.log, async (url) => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const scratch = (suffix: string) => {
    const scratchUrl = new URL(url);
    scratchUrl.pathname = `/portcullis_scratch_${process.pid}_${suffix}`;
    return { name: scratchUrl.pathname.slice(1), url: scratchUrl.toString() };
  };
  const [migrated, fromSchema] = [scratch("migrated"), scratch("schema")];
  try {
    for (const database of [migrated, fromSchema]) await admin.query(`CREATE DATABASE ${database.name}`);
    await migrateDatabase(migrated.url);
    await executeScript(fromSchema.url, await schemaCreationSql(url));
    const target = await snapshotSchema(fromSchema.url);
    if (compareSnapshots(await snapshotSchema(migrated.url), target).length === 0) {
      console.log("prisma/schema.prisma and the migrations agree; nothing to write.");
      return;
    }
    const sql = await schemaCreationSql(url, schemaAtLatestMigration());
    if (!sqlStatementsOnly(sql))
      throw new Error("The engine found no change; is the latest migration committed?");
    await executeScript(migrated.url, sql);
    const remaining = compareSnapshots(await snapshotSchema(migrated.url), target);
    if (remaining.length) {
      throw new Error(
        `The generated SQL does not reach the schema; differences left:\n${remaining.join("\n")}`,
      );
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "migration.sql"), sql);
    console.log(
      `Wrote ${folder}/migration.sql (verified against a scratch database). Review it, then commit it.`,
    );
  } finally {
    for (const database of [migrated, fromSchema])
      await admin.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
    await admin.end();
  }
});
