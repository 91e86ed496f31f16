// `pnpm db:new-migration <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql, what
// `prisma migrate dev --create-only` does, with Prisma's schema engine (WebAssembly):
//   1. the SQL is the engine's diff from the schema as of the latest committed migration to the
//      current prisma/schema.prisma;
//   2. it is proven before it is written: the migrations plus the new SQL, replayed into a scratch
//      database, must give exactly the database that the schema itself creates (plus the
//      SCHEMA_EXTRAS, what the schema cannot express).
// With --empty it writes an empty migration.sql to fill in by hand, for what the schema cannot
// say (an expression index, say): list what it creates in schema-extras.ts, and the drift check
// (migrate.int.test.ts) proves the two agree.
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
import { withSchemaExtras } from "./schema-extras.ts";

const args = process.argv.slice(2);
const empty = args.includes("--empty");
const name = args
  .find((arg) => !arg.startsWith("--"))
  ?.replace(/[^a-z0-9_]+/gi, "_")
  .toLowerCase();
if (!name) {
  console.error("Usage: pnpm db:new-migration <name> [--empty]");
  process.exit(2);
}

async function writeMigration(sql: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "migration.sql"), sql);
  return folder;
}

if (empty) {
  const folder = await writeMigration(
    "-- Written by hand: what prisma/schema.prisma cannot express. List what it creates in\n" +
      "-- apps/api/src/db/schema-extras.ts; the drift check (migrate.int.test.ts) holds the two together.\n",
  );
  console.log(`Wrote ${folder}/migration.sql (empty). Fill it in, list its objects in schema-extras.ts.`);
  process.exit(0);
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
    const target = withSchemaExtras(await snapshotSchema(fromSchema.url));
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
    const folder = await writeMigration(sql);
    console.log(
      `Wrote ${folder}/migration.sql (verified against a scratch database). Review it, then commit it.`,
    );
  } finally {
    for (const database of [migrated, fromSchema])
      await admin.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
    await admin.end();
  }
});
