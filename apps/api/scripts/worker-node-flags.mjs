// The node flags of a `pnpm worker` process, in one place: the root package.json's `worker` script
// launches with them (`node $(node apps/api/scripts/worker-node-flags.mjs) …`), and the benchmark
// (B1) imports them, so it measures the worker exactly as it is launched.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const WORKER_NODE_FLAGS = [
  // Stack traces name the TypeScript sources (apps/api/scripts/build.mjs writes the maps).
  "--enable-source-maps",
  // A worker's live heap stays under ~55 MB (50,000 EC2 instances included), but by default V8
  // lets the old space grow to ~4× that between full collections: 380–480 MB of RSS against a goal
  // of ≤ 300 MB (benchmark B1). A cap alone (192 MB) kept the peaks at 215–263 MB, but near its cap
  // V8 grows the heap only ~1.3× per full collection: 118 of them in a 500-account run instead of
  // 13, whose concurrent marking cost ~9 s of CPU and, with two workers on two cores, the org-500
  // wall-time goal (151 s against 126 s). Growing 2× per collection (41 of them) keeps the peaks at
  // 245–283 MB for about the CPU of no flags (org-500: 138 s). Semi-spaces of 8 MB (default 16)
  // save 30–50 MB for no measurable CPU. The 2,000-account run's RSS then sat on a plateau that
  // follows the cap (260–298 MB across runs at 192); at 160 it peaked at 272 MB (the 500-account
  // run 234) for the same wall time and ~2 % more CPU. The cap is a hard limit, not a target: a
  // worker whose live heap reached 160 MB would die "out of memory"; raise it if that ever changes.
  "--max-semi-space-size=8",
  "--max-old-space-size=160",
  // A V8 flag (node passes it through; NODE_OPTIONS would refuse it).
  "--heap-growing-percent=100",
];

// Run directly, it prints them for the shell (import.meta.url is the real path; argv[1] may not be).
const runDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) console.log(WORKER_NODE_FLAGS.join(" "));
