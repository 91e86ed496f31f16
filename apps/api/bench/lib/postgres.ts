import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "../../src/db/embedded-postgres.ts";
import { migrateDatabase } from "../../src/db/migrate.ts";
import { startQueue } from "../../src/jobs/pg-boss-queue.ts";

const TEMPLATE = "portcullis_bench_template";

/** A PostgreSQL server for the run, and fresh migrated databases on it, one per suite. */
export type BenchPostgres = {
  /** Where it came from, for the report. */
  source: "embedded" | "DATABASE_URL";
  serverVersion: string;
  /** A new database, migrated (pg-boss schema included), dropped by `close`. */
  createDatabase(label: string): Promise<string>;
  /** Drops a database `createDatabase` made (its autovacuum stops with it). */
  dropDatabase(url: string): Promise<void>;
  close(): Promise<void>;
};

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL's server when set (its user needs CREATEDB), else an embedded PostgreSQL in a
 * temporary folder. One template database is migrated once; suites copy it.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  const source = serverUrl ? "DATABASE_URL" : "embedded";
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), "portcullis-bench-"));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir, log: () => {} });
    serverUrl = embedded.url;
    stopServer = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const server = serverUrl;
  const created: string[] = [];
  const serverVersion = await admin(server, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE}`);
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0]?.v ?? "?";
  });
  const templateUrl = databaseUrl(server, TEMPLATE);
  await migrateDatabase(templateUrl);
  // pg-boss creates its schema on first start; once here puts it in every copy.
  const queue = await startQueue(templateUrl, pino({ level: "silent" }), { schedule: false });
  await queue.stop();

  return {
    source,
    serverVersion,
    async createDatabase(label) {
      const name = `bench_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(3).toString("hex")}`;
      await admin(server, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
      created.push(name);
      return databaseUrl(server, name);
    },
    async dropDatabase(url) {
      const name = new URL(url).pathname.slice(1);
      if (!created.includes(name)) throw new Error(`${name} is not a benchmark database`);
      await admin(server, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
      created.splice(created.indexOf(name), 1);
    },
    async close() {
      await admin(server, async (client) => {
        for (const name of [...created, TEMPLATE]) {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        }
      }).catch(() => {});
      await stopServer();
    },
  };
}
