// `pnpm test`: every check CI runs (lint, types, unit + web, integration, e2e), ordered for a
// 2-core machine. CPU-bound stages share the cores with each other; the integration tests and
// the e2e tests mostly wait (on PostgreSQL, pg-boss polls, a browser, the app's own jobs), so
// they run side by side — each has its own PostgreSQL and its own ports, nothing shared. Run one
// after the other they left a core idle for minutes. Tests that measure latency
// (`*.latency.int.test.ts`) run before them, alone.
//
// A stage that fails fails the run (after the stages beside it finish, so their output is
// whole); later groups do not start. TEST_SERIAL=1 runs every stage alone, in order (to measure
// one, or to read a failure's output without the other stage's lines in between).
// TEST_FROM=<stage> starts at that stage's group. Each stage's wall time is printed at the end.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const serial = process.env.TEST_SERIAL === "1";
/** TEST_FROM=<stage>: start at that stage's group (after a failure, the earlier stages passed). */
const from = process.env.TEST_FROM;

/** A stage: commands run one after the other (`&&`). */
const stage = (name, ...commands) => ({ name, commands });

// Groups run in order; the stages of a group run side by side.
const GROUPS = [
  // Prisma's client: the type check, the builds and the tests all import it.
  [stage("generate", "node prisma/generate.mjs")],
  [
    stage("lint", "pnpm exec biome check ."),
    stage("typecheck", "pnpm -r --parallel typecheck"),
    stage("typecheck e2e", "pnpm exec tsc -p e2e"),
    // What the e2e tests run (`pnpm start`'s build), made before the integration tests, which
    // start the API from source and serve apps/web/dist when it is there: never half-written.
    stage(
      "e2e build",
      "node e2e/ensure-chromium.mjs",
      "pnpm --filter @portcullis/web --filter @portcullis/api build",
    ),
  ],
  [stage("unit", "pnpm exec vitest run --project unit --project web")],
  // Tests that measure latency (`*.latency.int.test.ts`: p99 goals) run with nothing beside them.
  [stage("latency", "pnpm exec vitest run --project integration --passWithNoTests .latency.int.test.ts")],
  [
    stage("integration", `pnpm exec vitest run --project integration --exclude "**/*.latency.int.test.ts"`),
    stage("e2e", "pnpm exec playwright test -c e2e"),
  ],
];

const timings = [];

function run(s, prefix) {
  return s.commands.reduce(
    (previous, command) =>
      previous.then((code) => (code === 0 ? runCommand(command, prefix ? `[${s.name}] ` : "") : code)),
    Promise.resolve(0),
  );
}

function runCommand(command, prefix) {
  return new Promise((resolve) => {
    const child = spawn(command, {
      cwd: ROOT,
      shell: true,
      stdio: prefix ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    if (prefix) {
      forwardLines(child.stdout, process.stdout, prefix);
      forwardLines(child.stderr, process.stderr, prefix);
    }
    child.on("error", (error) => {
      console.error(`${prefix}${command}: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// Whole lines, each with its stage's name, so two stages' output can be read apart.
function forwardLines(from, to, prefix) {
  let rest = "";
  from.setEncoding("utf8");
  from.on("data", (chunk) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) to.write(`${prefix}${line}\n`);
  });
  from.on("end", () => {
    if (rest) to.write(`${prefix}${rest}\n`);
  });
}

async function runTimed(s, prefix) {
  const started = Date.now();
  console.log(`\n▶ ${s.name}: ${s.commands.join(" && ")}`);
  const code = await run(s, prefix);
  const seconds = (Date.now() - started) / 1000;
  timings.push({ name: s.name, seconds, code });
  console.log(
    `${code === 0 ? "✔" : "✘"} ${s.name} (${seconds.toFixed(1)} s)${code === 0 ? "" : `, exit ${code}`}`,
  );
  return code;
}

const started = Date.now();
let failed = false;
const fromGroup = from ? GROUPS.findIndex((group) => group.some((s) => s.name === from)) : 0;
if (fromGroup < 0) {
  console.error(
    `TEST_FROM: no stage "${from}" (${GROUPS.flat()
      .map((s) => s.name)
      .join(", ")})`,
  );
  process.exit(2);
}
for (const group of GROUPS.slice(fromGroup)) {
  const side = !serial && group.length > 1;
  const codes = [];
  if (side) codes.push(...(await Promise.all(group.map((s) => runTimed(s, true)))));
  else
    for (const s of group) {
      codes.push(await runTimed(s, false));
      if (codes.at(-1) !== 0) break;
    }
  if (codes.some((code) => code !== 0)) {
    failed = true;
    break;
  }
}

console.log(`\nStages (wall time${serial ? ", one at a time" : "; stages of a group overlap"}):`);
for (const t of timings) {
  console.log(`  ${t.code === 0 ? "✔" : "✘"} ${t.name.padEnd(14)} ${t.seconds.toFixed(1).padStart(7)} s`);
}
console.log(`  total          ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
process.exit(failed ? 1 : 0);
