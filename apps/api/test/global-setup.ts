import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { startQueue } from "../src/jobs/pg-boss-queue.ts";

export const TEMPLATE_DATABASE = "portcullis_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL of the test PostgreSQL server (any database on it); test files make their own databases. */
    testServerUrl: string;
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the whole run: TEST_DATABASE_URL's server when set, else an embedded one
 * in a temporary folder. A migrated template database makes each test file's fresh database cheap.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let cleanup = async () => {};
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), "portcullis-test-"));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir, log: () => {} });
    serverUrl = embedded.url;
    cleanup = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = databaseUrl(serverUrl, TEMPLATE_DATABASE);
  await migrateDatabase(templateUrl);
  // pg-boss creates its schema on first start; doing it once here puts it in every copy.
  const queue = await startQueue(templateUrl, pino({ level: "silent" }), { schedule: false });
  await queue.stop();

  project.provide("testServerUrl", serverUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return cleanup;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
