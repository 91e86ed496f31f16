// The worker as `pnpm worker` launches it: the built apps/api/dist/worker-main.js on plain node,
// with the flags of apps/api/scripts/worker-node-flags.mjs. BENCH_WORKER_ENTRY (a .ts file runs
// through tsx) and BENCH_WORKER_NODE_ARGS (space-separated; empty for none) override them, to
// compare launches.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { WORKER_NODE_FLAGS } from "../../scripts/worker-node-flags.mjs";
import { REPO_ROOT } from "./processes.ts";

const WORKER_ENTRY = "apps/api/dist/worker-main.js";

let built: Promise<unknown> | undefined;

/** Builds apps/api/dist once per bench run, so the worker measured is the current sources'. */
function buildApi(): Promise<unknown> {
  built ??= promisify(execFile)(process.execPath, ["apps/api/scripts/build.mjs"], { cwd: REPO_ROOT });
  return built;
}

export async function workerLaunch(): Promise<{ entry: string; nodeArgs: string[] }> {
  const entry = process.env.BENCH_WORKER_ENTRY ?? WORKER_ENTRY;
  const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean) ?? WORKER_NODE_FLAGS;
  if (!entry.endsWith(".ts")) await buildApi();
  return { entry, nodeArgs };
}
