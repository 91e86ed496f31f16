import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "./paths.ts";

export type MigrationsList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: Array<{
    path: string;
    migrationFile: { path: string; content: { tag: "ok"; value: string } };
  }>;
};

/** Reads prisma/migrations the way the Prisma CLI hands it to the schema engine. */
export async function readMigrationsList(dir = MIGRATIONS_DIR): Promise<MigrationsList> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => ({
      path: folder,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(join(dir, folder, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockfile = await readFile(join(dir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export async function readSchema(): Promise<{ path: string; content: string }> {
  return { path: "schema.prisma", content: await readFile(SCHEMA_PATH, "utf8") };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
