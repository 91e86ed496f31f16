import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrisma, type Db } from "../src/db/prisma.ts";
import { databaseUrl } from "./global-setup.ts";

export type TestDatabase = { url: string; name: string; db: Db; drop(): Promise<void> };

/**
 * A database of its own for a test file, on the run's real PostgreSQL: migrated (copied from the
 * template) unless `empty` is asked for.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = inject("testServerUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(
    serverUrl,
    options.empty
      ? `CREATE DATABASE ${name}`
      : `CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`,
  );
  const url = databaseUrl(serverUrl, name);
  const db = createPrisma(url, 5);
  return {
    url,
    name,
    db,
    async drop() {
      await db.$disconnect();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
