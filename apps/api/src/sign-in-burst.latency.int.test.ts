import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/app.ts";
import { type Caller, setUpCallers } from "../test/fixtures.ts";

/**
 * Issue #20.2: bad sign-ins (scrypt, N=2^17, ~0.5 s of CPU each) used to fill libuv's thread
 * pool, which static files wait on too: `GET /` took seconds for everyone during a burst. The
 * app runs for real here (listening, requests over TCP) with a web app build of its own.
 */

const BURST_CLIENTS = 50;
const BURST_CLIENT = fileURLToPath(new URL("../test/sign-in-burst-client.mjs", import.meta.url));
const SAMPLES_PER_TARGET = 100;
const P99_GOAL_MS = 200;
/** Sampling stops here even when requests are slow (the old code took seconds per request). */
const SAMPLING_LIMIT_MS = 20_000;
const REQUEST_LIMIT_MS = 5_000;

async function writeWebBuild(dir: string): Promise<void> {
  await mkdir(join(dir, "assets"), { recursive: true });
  const files: Record<string, string> = {
    "index.html": `<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>`,
    // An asset of a realistic size (a few hundred kB before compression).
    "assets/app-abc123.js": `console.log(${JSON.stringify(randomBytes(150_000).toString("base64"))});`,
  };
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text);
    await writeFile(join(dir, `${name}.br`), brotliCompressSync(text));
    await writeFile(join(dir, `${name}.gz`), gzipSync(text));
  }
}

type BurstOutcome = { statuses: Record<string, number>; retryAfterSeen: boolean };

/** BURST_CLIENTS looping bad sign-ins in a process of their own (test/sign-in-burst-client.mjs). */
function startBurst(base: string) {
  const child = spawn(process.execPath, [BURST_CLIENT], {
    env: { ...process.env, BASE: base, CLIENTS: String(BURST_CLIENTS) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const answered = new Promise<void>((resolve, reject) => {
    lines.once("line", () => resolve());
    child.once("exit", (code) => reject(new Error(`the burst client exited (${code}) before any answer`)));
  });
  const outcome = new Promise<BurstOutcome>((resolve) => {
    lines.on("line", (line) => {
      if (line.startsWith("{")) resolve(JSON.parse(line));
    });
  });
  return {
    answered,
    async stop(): Promise<BurstOutcome> {
      child.stdin.end();
      return outcome;
    },
  };
}

function p99(durations: number[]): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.99) - 1] ?? Number.POSITIVE_INFINITY;
}

describe("a burst of bad sign-ins", () => {
  let t: TestApp;
  let base: string;
  let webDir: string;
  let user: Caller;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), "portcullis-web-"));
    await writeWebBuild(webDir);
    // The per-address limit (10 × this per minute) must not be what stops the burst.
    t = await createTestApp({ WEB_DIST_DIR: webDir, LOGIN_RATE_LIMIT: "1000" });
    user = (await setUpCallers(t.database.db)).userToken;
    base = await t.app.listen({ port: 0, host: "127.0.0.1" });
  });

  afterAll(async () => {
    await t?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  // Latency on a shared 2-core machine: retries absorb a neighbour's CPU spike, while the
  // failure this guards against (seconds per request) fails every attempt.
  it("leaves the web app and the API under 200 ms p99", { retry: 2, timeout: 120_000 }, async () => {
    const targets: Array<{ name: string; url: string; headers: Record<string, string> }> = [
      { name: "GET /", url: "/", headers: { "accept-encoding": "br, gzip" } },
      { name: "GET /integrations (SPA route)", url: "/integrations", headers: {} },
      { name: "GET asset", url: "/assets/app-abc123.js", headers: { "accept-encoding": "br, gzip" } },
      { name: "GET /api/health", url: "/api/health", headers: {} },
      { name: "GET /api/portal/integrations", url: "/api/portal/integrations", headers: user.headers },
    ];
    /** Each target in turn, SAMPLES_PER_TARGET times (or until SAMPLING_LIMIT_MS): durations by target. */
    const sample = async () => {
      const durations = new Map<string, number[]>(targets.map((target) => [target.name, []]));
      const deadline = performance.now() + SAMPLING_LIMIT_MS;
      for (let round = 0; round < SAMPLES_PER_TARGET && performance.now() < deadline; round++) {
        for (const target of targets) {
          const started = performance.now();
          // A request slower than this counts as that slow: far beyond the goal either way.
          const response = await fetch(`${base}${target.url}`, {
            headers: target.headers,
            signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
          }).catch(() => null);
          await response?.arrayBuffer();
          durations.get(target.name)?.push(performance.now() - started);
          if (response) expect(response.status, target.name).toBe(200);
        }
      }
      return new Map([...durations].map(([name, values]) => [name, p99(values)]));
    };

    // The same requests without the burst first: what this (shared, possibly busy) machine
    // manages anyway. The first round is warm-up (connection pools, compiled schemas).
    await sample();
    const quiet = await sample();
    const burst = startBurst(base);
    let during: Map<string, number>;
    let answers: BurstOutcome;
    try {
      // Measure once the sign-ins are being answered, so hashing is under way.
      await burst.answered;
      during = await sample();
    } finally {
      answers = await burst.stop();
    }

    const report = Object.fromEntries(
      targets.map(({ name }) => [
        name,
        { quiet: Math.round(quiet.get(name) ?? 0), during: Math.round(during.get(name) ?? 0) },
      ]),
    );
    console.info(
      "p99 (ms) without and during the sign-in burst:",
      report,
      "sign-in answers:",
      answers.statuses,
    );
    // On an idle machine the quiet p99 is a few ms and this is the goal (under 200 ms
    // during the burst). On a shared, busy 2-core machine the quiet figure itself is noisy, so the
    // burst may at most double it plus P99_GOAL_MS: still far from the seconds of queueing behind
    // password hashing that this guards against.
    for (const { name } of targets) {
      const bound = 2 * (quiet.get(name) ?? 0) + P99_GOAL_MS;
      expect(during.get(name), `${name} p99 during the burst`).toBeLessThan(bound);
    }
    // Sign-ins still work during the burst (each wrong one hashed and refused); those beyond
    // what the hashing capacity takes are turned away at once with a time to retry.
    expect(answers.statuses["401"] ?? 0).toBeGreaterThan(0);
    expect(answers.retryAfterSeen).toBe(true);
  });
});
