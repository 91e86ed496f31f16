// `pnpm bench [--quick] [--only b1,b2,b3,b4,b5] [--update-readme] [--strict]`: the benchmarks of issue #6 against
// the AWS sandbox (in processes of its own) and a real PostgreSQL (DATABASE_URL's server, else an
// embedded one). Prints one table (figure, goal, measured, result) and writes it as JSON to
// apps/api/bench/results/<timestamp>.json and latest.json. `--update-readme` puts a full run's
// table in the README's Benchmarks section; `--strict` exits with 1 when a goal is missed.
//
// Order: B2 and B3 first, on an otherwise idle machine (they measure throughput and latency);
// then B1's large organization; once it has read its member accounts it only waits on its
// Organizations quota (the tags of its last accounts), and B1's small organization, its account
// run and B4 run in that shadow, so the full run fits in 10 minutes.
//
// Each suite owns its goals and the lines of the table (suites/*-figures.ts, suites/b1/figures.ts);
// a missed goal's note is written from the run's own measurements.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_PAGE_SIZES } from "../src/discovery/discovery-config.ts";
import { type BenchPostgres, startBenchPostgres } from "./lib/postgres.ts";
import { REPO_ROOT } from "./lib/processes.ts";
import { withBenchmarkTable } from "./lib/readme.ts";
import {
  type Figure,
  fmt,
  type Machine,
  machine,
  markdownTable,
  notesText,
  textTable,
} from "./lib/report.ts";
import { type SandboxProcess, startSandboxProcess } from "./lib/sandbox-client.ts";
import { allowedConcurrency, type DiscoveryResult, runDiscovery } from "./suites/b1/discovery-run.ts";
import { describeBound, discoveryFigures, scalingFigure } from "./suites/b1/figures.ts";
import { accountPlan, lowerBound, organizationPlan } from "./suites/b1/lower-bound.ts";
import { buildScenario, excludedAccounts, type OrgSize, orgSize } from "./suites/b1/scenario.ts";
import { persistenceFigures } from "./suites/b2-figures.ts";
import { type PersistenceResult, runPersistence } from "./suites/b2-persistence.ts";
import { type ApiResult, runApi } from "./suites/b3-api.ts";
import { apiFigures } from "./suites/b3-figures.ts";
import { bundleFigures, wizardFigure } from "./suites/b4-figures.ts";
import {
  type BundleResult,
  buildWeb,
  bundleSizes,
  existingWebDist,
  timeWizard,
  type UiResult,
} from "./suites/b4-web.ts";
import { scimFigures } from "./suites/b5-figures.ts";
import { b5Sizes, runScim, type ScimResult } from "./suites/b5-scim.ts";
import { type AccessBenchResult, b6Sizes, runAccessBench } from "./suites/b6-access.ts";
import { accessFigures } from "./suites/b6-figures.ts";

type Options = { quick: boolean; only: Set<string>; updateReadme: boolean; strict: boolean };

type Sizes = {
  small: number;
  large: number;
  b2Rows: number;
  b2Trials: number;
  b3Seconds: number;
  b3Warmup: number;
};

type Details = {
  b1?: DiscoveryResult[];
  b2?: PersistenceResult;
  b3?: ApiResult;
  b4?: { bundle: BundleResult; ui: UiResult | null; uiError?: string };
  b5?: ScimResult;
  b6?: AccessBenchResult;
};

/** What every suite of one run shares: its options, sizes, database server, log and results. */
type Run = {
  options: Options;
  sizes: Sizes;
  postgres: BenchPostgres;
  log: (line: string) => void;
  figures: Figure[];
  details: Details;
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      "update-readme": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
    },
  });
  return {
    quick: values.quick,
    only: new Set((values.only ?? "b1,b2,b3,b4,b5,b6").split(",").map((s) => s.trim().toLowerCase())),
    updateReadme: values["update-readme"],
    strict: values.strict,
  };
}

const sizesOf = (quick: boolean): Sizes =>
  quick
    ? { small: 15, large: 60, b2Rows: 10_000, b2Trials: 1, b3Seconds: 1, b3Warmup: 0.5 }
    : { small: 500, large: 2000, b2Rows: 100_000, b2Trials: 3, b3Seconds: 10, b3Warmup: 2 };

/** B2, then B3 on B2's data (100,000 resources) plus 1,000 integrations. */
async function runPersistenceAndApi(run: Run): Promise<void> {
  const { sizes, log } = run;
  log(
    `B2: upserting ${fmt.int(sizes.b2Rows)} resources, then again (every row conflicting), ${sizes.b2Trials} ${sizes.b2Trials === 1 ? "time" : "times"}`,
  );
  const b2 = await runPersistence(run.postgres, sizes.b2Rows, sizes.b2Trials);
  run.details.b2 = b2.result;
  run.figures.push(...persistenceFigures(b2.result));
  if (!run.options.only.has("b3")) return;
  log("B3: API under load (autocannon, 10 connections)");
  const api = await runApi({
    databaseUrl: b2.databaseUrl,
    integrationId: b2.integrationId,
    resources: sizes.b2Rows,
    integrations: 1000,
    seconds: sizes.b3Seconds,
    warmupSeconds: sizes.b3Warmup,
  });
  run.details.b3 = api;
  run.figures.push(...apiFigures(api));
}

/** B4: the web app's bundle (built, or `--quick`'s up-to-date apps/web/dist) and the wizard. */
async function runWeb(run: Run): Promise<void> {
  const { log } = run;
  const existing = run.options.quick ? existingWebDist() : null;
  const reuse = existing?.dir ?? null;
  const outDir = reuse ?? (await mkdtemp(join(tmpdir(), "portcullis-bench-web-dist-")));
  try {
    let buildSeconds: number | null = null;
    if (existing) {
      log(`B4: measuring apps/web/dist (${existing.upToDate ? "up to date" : "OLDER than the web sources"})`);
    } else {
      log("B4: building the web app (vite build)");
      buildSeconds = await buildWeb(outDir);
    }
    const bundle = bundleSizes(outDir, buildSeconds);
    run.details.b4 = { bundle, ui: null };
    run.figures.push(...bundleFigures(bundle, existing));
    log("B4: Playwright, Amazon Account wizard → Confirm → Connected tab");
    try {
      const ui = await timeWizard(run.postgres, outDir);
      run.details.b4.ui = ui;
      run.figures.push(wizardFigure(ui));
    } catch (error) {
      run.details.b4.uiError = String(error);
      run.figures.push(wizardFigure({ error }));
    }
  } finally {
    if (!reuse) await rm(outDir, { recursive: true, force: true });
  }
}

/** B5: a SCIM source provisioned through the API as an IdP does it, then read by an IdP and the owner pickers. */
async function runScimSuite(run: Run): Promise<void> {
  const databaseUrl = await run.postgres.createDatabase("b5");
  try {
    const scim = await runScim(databaseUrl, b5Sizes(run.options.quick), run.log);
    run.details.b5 = scim;
    run.figures.push(...scimFigures(scim));
  } finally {
    await run.postgres.dropDatabase(databaseUrl);
  }
}

/** B6: Identity Center assignments granted and expired at scale through the product's jobs (issue #18 §6). */
async function runAccessSuite(run: Run): Promise<void> {
  const databaseUrl = await run.postgres.createDatabase("b6");
  try {
    const result = await runAccessBench(databaseUrl, b6Sizes(run.options.quick), run.log);
    run.details.b6 = result;
    run.figures.push(...accessFigures(result));
  } finally {
    await run.postgres.dropDatabase(databaseUrl);
  }
}

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/**
 * B1 (and B4 in its shadow). The large run first. Its member accounts are read long before its
 * Organizations quota has served the last account's tags; from then on it only waits on that
 * quota, and the small run (then the account run and B4) use the machine. Running both from the
 * start would have two workers and two sandboxes share 2 cores, and measure the contention. The
 * small runs' sandbox and workers start once the large run is queued (so their setup does not
 * hold it up); each of their fetches waits for its turn (`gate`) once its worker is idle.
 */
async function runDiscoveryAndWeb(run: Run): Promise<void> {
  const { sizes, log, options, postgres } = run;
  const sandboxes: SandboxProcess[] = [];
  const smallSize = orgSize(sizes.small, options.quick);
  const largeSize: OrgSize = { ...orgSize(sizes.large, options.quick), hotInstances: 0, hotDbInstances: 0 };
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
    `B1: organization of ${sizes.large} accounts (+${largeSize.excluded} excluded); once its accounts are read, ` +
      `the organization of ${sizes.small} (+${smallSize.excluded}) beside its last Organizations calls`,
  );
  try {
    const largeQueued = signal();
    const accountsRead = signal();
    // Or, at the latest, when the large run has about the small run's lower bound (and a
    // margin) left of its own, so both end together and the whole stays under 10 minutes.
    const lowerBoundOf = (size: OrgSize) =>
      lowerBound(organizationPlan(buildScenario(size), DEFAULT_PAGE_SIZES), allowedConcurrency()).tLb;
    const latestStart = Math.max(0, lowerBoundOf(largeSize) - lowerBoundOf(smallSize) - 20) * 1000;
    let largeQueuedAt: number | undefined;
    let largeScopesAtSmallStart: string | undefined;
    const large = runOrg(largeSize, sizes.large, startSandbox(largeSize), {
      onPoll: (progress) => {
        largeQueuedAt ??= Date.now();
        largeQueued.resolve();
        // Every member scope done; only the organization's own scope (the tags) is left.
        const membersDone =
          progress.scopesTotal >= sizes.large + 1 &&
          progress.scopesDone + progress.scopesFailed >= progress.scopesTotal - 1;
        if (membersDone || Date.now() - largeQueuedAt >= latestStart) {
          if (progress.scopesTotal > 0) {
            largeScopesAtSmallStart ??= `${progress.scopesDone + progress.scopesFailed} of ${progress.scopesTotal}`;
          }
          accountsRead.resolve();
        }
      },
    }).finally(() => {
      largeQueued.resolve();
      accountsRead.resolve();
    });
    const web = options.quick && options.only.has("b4") ? runWeb(run) : Promise.resolve();
    const smallSandbox = largeQueued.promise.then(() => startSandbox(smallSize));
    const smallOrg = runOrg(smallSize, sizes.small, smallSandbox, {
      gate: accountsRead.promise.then(() =>
        log(`B1: org-${sizes.small} starts (org-${sizes.large} has read its accounts, or is near its end)`),
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
      if (!options.quick && options.only.has("b4")) await runWeb(run);
      return done;
    })();
    const [smallDone, largeDone] = await Promise.all([small, large, web]);
    run.details.b1 = [smallDone.org, largeDone, smallDone.account];
    for (const result of run.details.b1) console.log(describeBound(result));
    // The host's share in the notes: other processes' load is CPU the runs did not get.
    const host = `The host's load average (1, 5, 15 min) when B1 ended: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}.`;
    const beside = largeScopesAtSmallStart
      ? `It started beside org-${sizes.large} (${largeScopesAtSmallStart} of whose scopes were done): two workers and two sandboxes shared the cores. ${host}`
      : host;
    run.figures.unshift(
      ...discoveryFigures(smallDone.org, `org ${sizes.small} accounts`, beside),
      ...discoveryFigures(largeDone, `org ${sizes.large} accounts`, host),
      scalingFigure(smallDone.org, largeDone, sizes.large / sizes.small),
      ...discoveryFigures(
        smallDone.account,
        `account hot spot (${fmt.int(smallSize.hotInstances)} EC2)`,
        host,
      ),
    );
  } finally {
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  }
}

/** The table in the terminal, the JSON report, and (`--update-readme`, full runs) the README. */
async function report(run: Run, host: Machine, startedAt: Date): Promise<number> {
  const { figures, options, log } = run;
  host.loadAverageAfter = loadavg().map((n) => Math.round(n * 100) / 100);
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const order = ["B1", "B2", "B3", "B4", "B5"];
  figures.sort((a, b) => order.indexOf(a.suite) - order.indexOf(b.suite));
  console.log(`\n${textTable(figures)}\n\n${notesText(figures)}\n`);
  const failed = figures.filter((f) => f.pass === false).length;
  const kind = options.quick ? "quick" : "full";
  log(
    `${kind} run took ${seconds.toFixed(0)} s; ${failed} of ${figures.filter((f) => f.pass !== null).length} goals missed`,
  );

  const resultsDir = join(REPO_ROOT, "apps/api/bench/results");
  await mkdir(resultsDir, { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    quick: options.quick,
    seconds,
    machine: host,
    figures,
    details: run.details,
  };
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const text = `${JSON.stringify(json, null, 2)}\n`;
  await writeFile(join(resultsDir, `${stamp}${options.quick ? "-quick" : ""}.json`), text);
  await writeFile(join(resultsDir, "latest.json"), text);
  log(`wrote apps/api/bench/results/${stamp}${options.quick ? "-quick" : ""}.json and latest.json`);

  if (options.updateReadme) {
    if (options.quick || options.only.size < 5) {
      log("--update-readme needs a full run of every suite; the README was left alone");
    } else {
      const readmePath = join(REPO_ROOT, "README.md");
      const readme = await readFile(readmePath, "utf8");
      await writeFile(readmePath, withBenchmarkTable(readme, json, markdownTable(figures)));
      log("updated the Benchmarks section of README.md");
    }
  }
  return failed;
}

async function main(): Promise<number> {
  const options = parseOptions();
  const startedAt = new Date();
  const log = (line: string) =>
    console.log(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  log(
    `${options.quick ? "quick" : "full"} run; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
  const postgres = await startBenchPostgres();
  const host = machine(`PostgreSQL ${postgres.serverVersion} (${postgres.source})`);
  if (host.loadAverageBefore[0]! > 1.5) {
    log(`warning: the 1-minute load average is ${host.loadAverageBefore[0]}; timings will be noisy`);
  }
  const run: Run = { options, sizes: sizesOf(options.quick), postgres, log, figures: [], details: {} };
  try {
    if (options.only.has("b2") || options.only.has("b3")) await runPersistenceAndApi(run);
    // B5 measures latency too: on the idle machine, before B1's workers and sandboxes start.
    if (options.only.has("b5")) await runScimSuite(run);
    if (options.only.has("b6")) await runAccessSuite(run);
    if (options.only.has("b1")) await runDiscoveryAndWeb(run);
    else if (options.only.has("b4")) await runWeb(run);
  } finally {
    await postgres.close();
  }
  const failed = await report(run, host, startedAt);
  return options.strict && failed > 0 ? 1 : 0;
}

process.exitCode = await main();
