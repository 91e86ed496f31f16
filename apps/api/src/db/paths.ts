import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's prisma/ folder: schema and migrations in Prisma's own layout. */
export const PRISMA_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../../prisma");
export const SCHEMA_PATH = join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = join(PRISMA_DIR, "migrations");
