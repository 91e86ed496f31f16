// `pnpm bench [--quick] [--only b1,b2,b3,b4] [--update-readme] [--strict]`: the benchmarks of issue #6 against
// the AWS sandbox (in processes of its own) and a real PostgreSQL (DATABASE_URL's server, else an
// embedded one). Prints one table (figure, goal, measured, result) and writes it as JSON to
// apps/api/bench/results/<timestamp>.json and latest.json. `--update-readme` puts a full run's
// table in the README's Benchmarks section; `--strict` exits with 1 when a goal is missed.
//
// Order: B2 and B3 first, on an otherwise idle machine (they measure throughput and latency);
// then B1's large organization; once it has read its member accounts it only waits on its
// Organizations quota (the tags of its last accounts), and B1's small organization, its account
// run and B4 run in that shadow, so the full run fits in 10 minutes.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PAGE_SIZES } from "../src/discovery/discovery-config.ts";
import { NOTES } from "./lib/notes.ts";
import { startBenchPostgres } from "./lib/postgres.ts";
import { REPO_ROOT } from "./lib/processes.ts";
import { withBenchmarkTable } from "./lib/readme.ts";
import { type Figure, fmt, machine, markdownTable, notesText, textTable } from "./lib/report.ts";
import { type SandboxProcess, startSandboxProcess } from "./lib/sandbox-client.ts";
import { allowedConcurrency, type DiscoveryResult, runDiscovery } from "./suites/b1/discovery-run.ts";
import { describeBound, discoveryFigures, scalingFigure } from "./suites/b1/figures.ts";
import { accountPlan, lowerBound, organizationPlan } from "./suites/b1/lower-bound.ts";
import { buildScenario, excludedAccounts, type OrgSize, orgSize } from "./suites/b1/scenario.ts";
import { type PersistenceResult, type PhaseResult, runPersistence } from "./suites/b2-persistence.ts";
import { type ApiResult, type LoadTarget, runApi } from "./suites/b3-api.ts";
import {
  type BundleResult,
  buildWeb,
  bundleSizes,
  existingWebDist,
  timeWizard,
  type UiResult,
} from "./suites/b4-web.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    "update-readme": { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
});
const quick = values.quick;
const only = new Set((values.only ?? "b1,b2,b3,b4").split(",").map((s) => s.trim().toLowerCase()));
const SIZES = quick
  ? { small: 15, large: 60, b2Rows: 10_000, b2Trials: 1, b3Seconds: 1, b3Warmup: 0.5 }
  : { small: 500, large: 2000, b2Rows: 100_000, b2Trials: 3, b3Seconds: 10, b3Warmup: 2 };
const RSS_NOTE = NOTES.rss;

const startedAt = new Date();
const log = (line: string) =>
  console.log(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const figures: Figure[] = [];
const details: {
  b1?: DiscoveryResult[];
  b2?: PersistenceResult;
  b3?: ApiResult;
  b4?: { bundle: BundleResult; ui: UiResult | null; uiError?: string };
} = {};

log(
  `${quick ? "quick" : "full"} run; load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
const postgres = await startBenchPostgres();
const host = machine(`PostgreSQL ${postgres.serverVersion} (${postgres.source})`);
if (host.loadAverageBefore[0]! > 1.5) {
  log(`warning: the 1-minute load average is ${host.loadAverageBefore[0]}; timings will be noisy`);
}

try {
  // B2, then B3 on B2's data (100,000 resources) plus 1,000 integrations.
  let b2: Awaited<ReturnType<typeof runPersistence>> | undefined;
  if (only.has("b2") || only.has("b3")) {
    log(
      `B2: upserting ${fmt.int(SIZES.b2Rows)} resources, then again (every row conflicting), ${SIZES.b2Trials} ${SIZES.b2Trials === 1 ? "time" : "times"}`,
    );
    b2 = await runPersistence(postgres, SIZES.b2Rows, SIZES.b2Trials);
    const r = b2.result;
    details.b2 = r;
    const fastEnough = (p: PhaseResult) => p.rowsPerSecond >= 25_000;
    for (const [name, phase, key] of [
      ["insert into an empty table", r.insert, "insert"],
      ["re-sync, every row conflicting", r.resync, "resync"],
    ] as const) {
      const each = r.trials.map((trial) => fmt.int(trial[key].rowsPerSecond)).join(" · ");
      figures.push({
        suite: "B2",
        figure: `${fmt.int(r.rows)} resources, ${name}`,
        goal: `≥ 25,000 rows/s (≤ ${fmt.s(r.rows / 25_000)})${r.trials.length > 1 ? `, median of ${r.trials.length} runs` : ""}`,
        measured: `${fmt.int(phase.rowsPerSecond)} rows/s (${fmt.s(phase.seconds)})${r.trials.length > 1 ? `; runs: ${each}` : ""}`,
        pass: fastEnough(phase) && r.storedAll,
        ...(fastEnough(phase) ? {} : { note: NOTES.b2 }),
      });
    }
  }
  if (only.has("b3") && b2) {
    log("B3: API under load (autocannon, 10 connections)");
    const api = await runApi({
      databaseUrl: b2.databaseUrl,
      integrationId: b2.integrationId,
      resources: SIZES.b2Rows,
      integrations: 1000,
      seconds: SIZES.b3Seconds,
      warmupSeconds: SIZES.b3Warmup,
    });
    details.b3 = api;
    const figure = (key: LoadTarget) => api.figures.find((f) => f.key === key)!;
    const trivial = figure("trivial");
    const sameBytes = figure("same-bytes");
    const lists = (["integrations", "page1", "deep"] as const).map(figure);
    figures.push(
      {
        suite: "B3",
        figure: `${trivial.name} (ceiling)`,
        goal: "reported",
        measured: `${fmt.int(trivial.requestsPerSecond)} req/s, p99 ${fmt.ms(trivial.p99Ms)}, ${fmt.int(trivial.bytesPerResponse)} B`,
        pass: null,
      },
      {
        suite: "B3",
        figure: `${sameBytes.name} (ceiling for ~${fmt.int(sameBytes.bytesPerResponse / 1024)} KB)`,
        goal: "reported",
        measured: `${fmt.int(sameBytes.requestsPerSecond)} req/s = ${((sameBytes.requestsPerSecond / trivial.requestsPerSecond) * 100).toFixed(1)} % of the trivial route, p99 ${fmt.ms(sameBytes.p99Ms)}`,
        pass: null,
      },
    );
    for (const list of lists) {
      const share = list.requestsPerSecond / trivial.requestsPerSecond;
      const clean = list.errors === 0 && list.non2xx === 0;
      const latencyNote = list.path.includes("/resources")
        ? NOTES.b3ResourcesLatency
        : NOTES.b3IntegrationsLatency;
      figures.push(
        {
          suite: "B3",
          figure: `${list.name}: throughput`,
          goal: "≥ 50 % of the trivial route",
          measured: `${fmt.int(list.requestsPerSecond)} req/s = ${(share * 100).toFixed(1)} %, ${fmt.int(list.bytesPerResponse / 1024)} KB each${clean ? "" : ` (${list.errors} errors, ${list.non2xx} non-2xx)`}`,
          pass: clean && share >= 0.5,
          ...(share >= 0.5 ? {} : { note: NOTES.b3Throughput }),
        },
        {
          suite: "B3",
          figure: `${list.name}: p99 latency`,
          goal: "≤ 50 ms",
          measured: `${fmt.ms(list.p99Ms)} (p50 ${fmt.ms(list.p50Ms)})`,
          pass: clean && list.p99Ms <= 50,
          ...(list.p99Ms <= 50 ? {} : { note: latencyNote }),
        },
      );
    }
    const page1 = figure("page1");
    const deep = figure("deep");
    figures.push({
      suite: "B3",
      figure: "resources: deep page vs page 1",
      goal: "as fast (≥ 90 % of page 1's req/s)",
      measured: `${fmt.int(deep.requestsPerSecond)} vs ${fmt.int(page1.requestsPerSecond)} req/s = ${((deep.requestsPerSecond / page1.requestsPerSecond) * 100).toFixed(0)} %`,
      pass: deep.requestsPerSecond >= 0.9 * page1.requestsPerSecond,
      ...(deep.requestsPerSecond >= 0.9 * page1.requestsPerSecond ? {} : { note: NOTES.b3DeepVsPage1 }),
    });
  }

  // B1 (and B4 in its shadow).
  const sandboxes: SandboxProcess[] = [];
  const b4 = async () => {
    const existing = quick ? existingWebDist() : null;
    const reuse = existing?.dir ?? null;
    const outDir = reuse ?? (await mkdtemp(join(tmpdir(), "portcullis-bench-web-dist-")));
    try {
      let buildSeconds: number | null = null;
      if (existing) {
        log(
          `B4: measuring apps/web/dist (${existing.upToDate ? "up to date" : "OLDER than the web sources"})`,
        );
      } else {
        log("B4: building the web app (vite build)");
        buildSeconds = await buildWeb(outDir);
      }
      const bundle = bundleSizes(outDir, buildSeconds);
      details.b4 = { bundle, ui: null };
      figures.push({
        suite: "B4",
        figure: `initial JavaScript (${bundle.initialFiles} files${existing ? `, apps/web/dist${existing.upToDate ? "" : " (stale)"}` : ""})`,
        goal: "≤ 200 KB gzipped",
        measured: `${bundle.initialKb.toFixed(1)} KB`,
        pass: bundle.initialKb <= 200,
      });
      for (const route of bundle.routes) {
        figures.push({
          suite: "B4",
          figure: `route chunk ${route.route}`,
          goal: "reported (own + shared not in the initial load)",
          measured: `${route.kb.toFixed(1)} KB gzipped, ${route.files} files`,
          pass: null,
        });
      }
      log("B4: Playwright, Amazon Account wizard → Confirm → Connected tab");
      try {
        const ui = await timeWizard(postgres, outDir);
        details.b4.ui = ui;
        figures.push({
          suite: "B4",
          figure: "Confirm → new row visible on the Connected tab",
          goal: "reported",
          measured: `${fmt.ms(ui.confirmToRowMs)} (Active after ${ui.confirmToActiveMs === null ? "—" : fmt.ms(ui.confirmToActiveMs)})`,
          pass: null,
        });
      } catch (error) {
        details.b4.uiError = String(error);
        figures.push({
          suite: "B4",
          figure: "Confirm → new row visible on the Connected tab",
          goal: "reported",
          measured: "could not be measured",
          pass: null,
          note: String(error).split("\n")[0],
        });
      }
    } finally {
      if (!reuse) await rm(outDir, { recursive: true, force: true });
    }
  };

  if (only.has("b1")) {
    const smallSize = orgSize(SIZES.small, quick);
    const largeSize: OrgSize = { ...orgSize(SIZES.large, quick), hotInstances: 0, hotDbInstances: 0 };
    const startSandbox = (size: OrgSize) => {
      const started = startSandboxProcess(size);
      started.then((sandbox) => sandboxes.push(sandbox)).catch(() => {});
      return started;
    };
    const runOrg = async (
      size: OrgSize,
      included: number,
      sandbox: Promise<SandboxProcess>,
      extra: Pick<Parameters<typeof runDiscovery>[0], "gate" | "onPoll"> = {},
    ) => {
      const scenario = buildScenario(size);
      const result = await runDiscovery({
        label: `org-${included}`,
        kind: "organization",
        postgres,
        sandbox: await sandbox,
        plan: organizationPlan(scenario, DEFAULT_PAGE_SIZES),
        excluded: excludedAccounts(scenario),
        progress: log,
        ...extra,
      });
      log(`B1 org-${included} done: ${result.wallSeconds.toFixed(1)} s`);
      return result;
    };
    log(
      `B1: organization of ${SIZES.large} accounts (+${largeSize.excluded} excluded); once its accounts are read, ` +
        `the organization of ${SIZES.small} (+${smallSize.excluded}) beside its last Organizations calls`,
    );
    // The large run first. Its member accounts are read long before its Organizations quota has
    // served the last account's tags; from then on it only waits on that quota, and the small
    // run (then the account run and B4) use the machine. Running both from the start would
    // have two workers and two sandboxes share 2 cores, and measure the contention. The small
    // runs' sandbox and workers start once the large run is queued (so their setup does not
    // hold it up); each of their fetches waits for its turn (`gate`) once its worker is idle.
    let largeQueued: () => void = () => {};
    const largeStarted = new Promise<void>((resolve) => {
      largeQueued = resolve;
    });
    let accountsRead: () => void = () => {};
    const largeQuiet = new Promise<void>((resolve) => {
      accountsRead = resolve;
    });
    // Or, at the latest, when the large run has about the small run's lower bound (and a
    // margin) left of its own, so both end together and the whole stays under 10 minutes.
    const lowerBoundOf = (size: OrgSize) =>
      lowerBound(organizationPlan(buildScenario(size), DEFAULT_PAGE_SIZES), allowedConcurrency()).tLb;
    const latestStart = Math.max(0, lowerBoundOf(largeSize) - lowerBoundOf(smallSize) - 20) * 1000;
    let largeQueuedAt: number | undefined;
    const large = runOrg(largeSize, SIZES.large, startSandbox(largeSize), {
      onPoll: (run) => {
        largeQueuedAt ??= Date.now();
        largeQueued();
        // Every member scope done; only the organization's own scope (the tags) is left.
        const membersDone =
          run.scopesTotal >= SIZES.large + 1 && run.scopesDone + run.scopesFailed >= run.scopesTotal - 1;
        if (membersDone || Date.now() - largeQueuedAt >= latestStart) accountsRead();
      },
    }).finally(() => {
      largeQueued();
      accountsRead();
    });
    const web = quick && only.has("b4") ? b4() : Promise.resolve();
    const smallSandbox = largeStarted.then(() => startSandbox(smallSize));
    const smallOrg = runOrg(smallSize, SIZES.small, smallSandbox, {
      gate: largeQuiet.then(() =>
        log(`B1: org-${SIZES.small} starts (org-${SIZES.large} has read its accounts, or is near its end)`),
      ),
    });
    const account = smallSandbox.then((sandbox) =>
      runDiscovery({
        label: "account-hot-spot",
        kind: "account",
        postgres,
        sandbox,
        plan: accountPlan(buildScenario(smallSize), DEFAULT_PAGE_SIZES),
        excluded: [],
        // Same sandbox: after the small organization's run has read its call log.
        gate: smallOrg.then(() =>
          log(
            `B1: account integration, EC2 and RDS of one account (${fmt.int(smallSize.hotInstances)} instances)`,
          ),
        ),
      }),
    );
    const small = (async () => {
      const done = { org: await smallOrg, account: await account };
      if (!quick && only.has("b4")) await b4();
      return done;
    })();
    const [smallDone, largeDone] = await Promise.all([small, large, web]);
    details.b1 = [smallDone.org, largeDone, smallDone.account];
    for (const result of details.b1) console.log(describeBound(result));
    figures.unshift(
      ...discoveryFigures(smallDone.org, `org ${SIZES.small} accounts`, {
        rssNote: RSS_NOTE,
        wallNote: NOTES.organizationWall,
      }),
      ...discoveryFigures(largeDone, `org ${SIZES.large} accounts`, {
        rssNote: RSS_NOTE,
        wallNote: NOTES.organizationWall,
      }),
      scalingFigure(smallDone.org, largeDone, SIZES.large / SIZES.small),
      ...discoveryFigures(smallDone.account, `account hot spot (${fmt.int(smallSize.hotInstances)} EC2)`, {
        rssNote: RSS_NOTE,
        wallNote: NOTES.hotSpot,
      }),
    );
  } else if (only.has("b4")) {
    await b4();
  }
  await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
} finally {
  await postgres.close();
}

host.loadAverageAfter = loadavg().map((n) => Math.round(n * 100) / 100);
const seconds = (Date.now() - startedAt.getTime()) / 1000;
const order = ["B1", "B2", "B3", "B4"];
figures.sort((a, b) => order.indexOf(a.suite) - order.indexOf(b.suite));
console.log(`\n${textTable(figures)}\n\n${notesText(figures)}\n`);
const failed = figures.filter((f) => f.pass === false).length;
log(
  `${quick ? "quick" : "full"} run took ${seconds.toFixed(0)} s; ${failed} of ${figures.filter((f) => f.pass !== null).length} goals missed`,
);

const resultsDir = join(REPO_ROOT, "apps/api/bench/results");
await mkdir(resultsDir, { recursive: true });
const report = { startedAt: startedAt.toISOString(), quick, seconds, machine: host, figures, details };
const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
await writeFile(
  join(resultsDir, `${stamp}${quick ? "-quick" : ""}.json`),
  `${JSON.stringify(report, null, 2)}\n`,
);
await writeFile(join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
log(`wrote apps/api/bench/results/${stamp}${quick ? "-quick" : ""}.json and latest.json`);

if (values["update-readme"]) {
  if (quick || only.size < 4) {
    log("--update-readme needs a full run of every suite; the README was left alone");
  } else {
    const readmePath = join(REPO_ROOT, "README.md");
    const readme = await readFile(readmePath, "utf8");
    await writeFile(readmePath, withBenchmarkTable(readme, report, markdownTable(figures)));
    log("updated the Benchmarks section of README.md");
  }
}
process.exitCode = values.strict && failed > 0 ? 1 : 0;
