import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AlreadyRunningError,
  runningEmbeddedDatabaseUrl,
  startEmbeddedPostgres,
} from "./embedded-postgres.ts";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "portcullis-embedded-"));
  await chmod(dataDir, 0o755);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("embedded PostgreSQL", () => {
  it("keeps its data across restarts, one instance per data directory", async () => {
    const first = await startEmbeddedPostgres({ dataDir, log: () => {} });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    expect(await runningEmbeddedDatabaseUrl(dataDir)).toBe(first.url);
    await expect(startEmbeddedPostgres({ dataDir, log: () => {} })).rejects.toBeInstanceOf(
      AlreadyRunningError,
    );

    const serverPid = Number(
      (await readFile(join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0],
    );
    await first.stop();
    expect(isAlive(serverPid)).toBe(false);
    expect(await runningEmbeddedDatabaseUrl(dataDir)).toBeUndefined();

    const second = await startEmbeddedPostgres({ dataDir, log: () => {} });
    try {
      expect((await query(second.url, "SELECT v FROM kept")).rows).toEqual([{ v: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  it("runs side by side with an instance of another data directory", async () => {
    const otherDir = await mkdtemp(join(tmpdir(), "portcullis-embedded-other-"));
    await chmod(otherDir, 0o755);
    const [a, b] = await Promise.all([
      startEmbeddedPostgres({ dataDir, log: () => {} }),
      startEmbeddedPostgres({ dataDir: otherDir, log: () => {} }),
    ]);
    try {
      expect(a.port).not.toBe(b.port);
      expect((await query(b.url, "SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
