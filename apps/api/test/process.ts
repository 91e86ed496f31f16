import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export type Spawned = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/**
 * Runs one of the API's entry points from source, through tsx (`node --import tsx <file>`): the
 * same process lifecycle `pnpm start` runs from its build (apps/api/dist), without building first.
 * `cleanEnv`: only PATH and HOME of this process's environment, so nothing of the test run's
 * configuration (timeouts, AWS settings) leaks into the child.
 */
export function spawnEntry(
  file: string,
  env: Record<string, string>,
  options: { cleanEnv?: boolean } = {},
): Spawned {
  const inherited = options.cleanEnv ? { PATH: process.env.PATH, HOME: process.env.HOME } : process.env;
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: REPO_ROOT,
    env: { ...inherited, LOG_LEVEL: "warn", AWS_EC2_METADATA_DISABLED: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves once `predicate(output)` holds; rejects if the process exits first or time runs out. */
export async function waitForOutput(
  spawned: Spawned,
  predicate: (output: string) => boolean,
  timeoutMs = 90_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(spawned.output())) {
    if (spawned.child.exitCode !== null)
      throw new Error(`exited (${spawned.child.exitCode}):\n${spawned.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${spawned.output()}`);
    // The next output, or a look at the clock every half second (a silent process still times out).
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 500);
      spawned.child.stdout?.once("data", () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }
}
