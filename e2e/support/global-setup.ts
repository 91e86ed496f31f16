import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN } from "./accounts.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Starts the built app exactly as `pnpm start` runs it, on a free port with a fresh embedded
 * PostgreSQL in a temporary DATA_DIR, and stops it (database included) after the run.
 */
export default async function globalSetup() {
  const dataDir = await mkdtemp(join(tmpdir(), "portcullis-e2e-"));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  // The build `pnpm start` runs (test:e2e builds it first): the bundle is what users run.
  const app = spawn(process.execPath, ["--enable-source-maps", "apps/api/dist/main.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // The suite signs the same admin in from one address ~50 times in 4 minutes (each test
      // its own session); the default of 10 a minute refused one once. The limit itself is
      // tested in auth.int.test.ts.
      LOGIN_RATE_LIMIT: "1000",
      LOG_LEVEL: "warn",
      AWS_EC2_METADATA_DISABLED: "true",
      // The demo AWS sandbox stands in for AWS, whatever credentials this machine has.
      SANDBOX: "1",
      // The Activity checks wait on CloudTrail: the sandbox delivers events after 5 s, so read
      // every 2 s and re-read 6 s back (instead of every minute, 15 minutes back).
      AUDIT_INGEST_SECONDS: "2",
      AUDIT_DELIVERY_DELAY_MINUTES: "0.1",
      // A job that is not woken by its sender (a retry after a throttle, the ingest's timed
      // sends) waits for an idle worker's next look: every 200 ms here instead of every second.
      JOB_POLL_INTERVAL_MS: "200",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl, app);
  process.env.E2E_BASE_URL = baseUrl;
  // Tests that check the app's AWS side (access-lifecycle.spec.ts) find its sandbox here.
  process.env.E2E_DATA_DIR = dataDir;
  return async () => {
    await stop(app);
    await rm(dataDir, { recursive: true, force: true });
  };
}

async function waitForHealthy(baseUrl: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null)
      throw new Error(`The app exited with code ${app.exitCode} before it was healthy`);
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The app did not become healthy at ${baseUrl}`);
}

function stop(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    app.once("exit", () => resolve());
    app.kill("SIGTERM");
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
