import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { type AddressInfo, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseUrl } from "../test/global-setup.ts";
import { spawnEntry, waitForOutput } from "../test/process.ts";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "portcullis-main-"));
  await chmod(dataDir, 0o755);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const env = () => ({ DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "", SANDBOX: "0" });
const urlIn = (output: string) => output.match(/running at (http:\/\/\S+)/)?.[1];

/** A TCP server on a free loopback port, to hold that port (or to learn one nobody listens on once closed). */
async function listeningServer(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the `pnpm start` process", () => {
  it("starts on embedded PostgreSQL, refuses a second copy, stops cleanly on SIGTERM and keeps its data", {
    timeout: 240_000,
  }, async () => {
    const first = spawnEntry("apps/api/src/main.ts", env());
    await waitForOutput(first, (output) => urlIn(output) !== undefined);
    expect(first.output()).toMatch(/First start: sign in as admin@portcullis\.local/);
    expect(first.output()).toMatch(/Password \(shown once, store it now\): \S{12,}/);
    const health = await fetch(`${urlIn(first.output())}/api/health`);
    expect(await health.json()).toEqual({ status: "ok", database: "ok", queue: "ok" });

    const second = spawnEntry("apps/api/src/main.ts", env());
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running with DATA_DIR=.*Stop it first/);

    const postgresPid = Number(
      (await readFile(join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0],
    );
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(isAlive(postgresPid)).toBe(false);
    expect(existsSync(join(dataDir, "portcullis.pid"))).toBe(false);

    // The admin made on the first start is still there: no new one, no password printed.
    const third = spawnEntry("apps/api/src/main.ts", env());
    await waitForOutput(third, (output) => urlIn(output) !== undefined);
    expect(third.output()).not.toMatch(/First start/);
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  });

  it("says which port is taken and what to do, and leaves no PostgreSQL running", {
    timeout: 120_000,
  }, async () => {
    const taken = await listeningServer();
    const port = (taken.address() as AddressInfo).port;
    const otherDataDir = await mkdtemp(join(tmpdir(), "portcullis-main-port-"));
    await chmod(otherDataDir, 0o755);
    try {
      const blocked = spawnEntry("apps/api/src/main.ts", {
        ...env(),
        DATA_DIR: otherDataDir,
        PORT: String(port),
      });
      expect(await blocked.exited).toBe(1);
      expect(blocked.output()).toContain(`Port ${port} is already in use on 127.0.0.1`);
      expect(blocked.output()).toContain(`PORT=${port + 1} pnpm start`);
      expect(blocked.output()).not.toMatch(/EADDRINUSE/);
      expect(existsSync(join(otherDataDir, "postgres", "postmaster.pid"))).toBe(false);
    } finally {
      taken.close();
      await rm(otherDataDir, { recursive: true, force: true });
    }
  });

  it("says what to check when DATABASE_URL's server is down or its database missing", {
    timeout: 60_000,
  }, async () => {
    const closed = await listeningServer();
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = spawnEntry("apps/api/src/main.ts", {
      ...env(),
      DATABASE_URL: `postgres://app:s3cret-pw@127.0.0.1:${closedPort}/portcullis`,
    });
    expect(await down.exited).toBe(1);
    expect(down.output()).toContain(
      `Cannot reach the PostgreSQL server of DATABASE_URL (127.0.0.1:${closedPort}/portcullis): ECONNREFUSED.`,
    );
    expect(down.output()).not.toContain("s3cret-pw");

    const missing = spawnEntry("apps/api/src/main.ts", {
      ...env(),
      DATABASE_URL: databaseUrl(inject("testServerUrl"), "no_such_database"),
    });
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toMatch(
      /The database of DATABASE_URL \(.*\/no_such_database\) does not exist\. Create it/,
    );
  });

  it("recovers after being killed with SIGKILL (no orphaned PostgreSQL blocks the next start)", {
    timeout: 180_000,
  }, async () => {
    const killed = spawnEntry("apps/api/src/main.ts", env());
    await waitForOutput(killed, (output) => urlIn(output) !== undefined);
    killed.child.kill("SIGKILL");
    await killed.exited;
    const next = spawnEntry("apps/api/src/main.ts", env());
    await waitForOutput(next, (output) => urlIn(output) !== undefined);
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  });
});
