import { cpus } from "node:os";
import { type Figure, fmt } from "../../lib/report.ts";
import type { DiscoveryResult } from "./discovery-run.ts";

/** The lower bound and its terms, for the terminal. */
export function describeBound(result: DiscoveryResult): string {
  const b = result.bound;
  return [
    `${result.label}: T_lb = max(T_org ${b.tOrg.toFixed(1)} s, T_sts ${b.tSts.toFixed(1)} s, T_conc ${b.tConc.toFixed(1)} s` +
      ` (${fmt.int(result.plan.calls)} calls × 35 ms / ${b.concurrency}), max T_bucket ${b.maxBucket.seconds.toFixed(1)} s` +
      ` [${b.maxBucket.key}]) + T_tail ${b.tTail.toFixed(2)} s = ${b.tLb.toFixed(1)} s (bound: ${b.bound})`,
    `${result.label}: wall ${result.wallSeconds.toFixed(1)} s = ${(result.wallSeconds / b.tLb).toFixed(2)} × T_lb;` +
      ` ${fmt.int(result.calls.total)} calls (plan ${fmt.int(result.plan.calls)}), ${fmt.int(result.calls.throttled)} throttled;` +
      ` worker peak RSS ${fmt.mb(result.worker.peakRssMb)}, CPU ${result.worker.cpuSeconds.toFixed(1)} s; sandbox CPU ${result.sandboxCpuSeconds.toFixed(1)} s`,
    `${result.label}: timeline (s from enqueue) ${Object.entries(result.timeline)
      .map(([step, at]) => `${step} ${at ?? "—"}`)
      .join(", ")}`,
  ].join("\n");
}

/** B1's goals for one discovery run. */
export const B1_GOALS = { wallOfLowerBound: 1.25, callsOfPlan: 1.1, throttledShare: 0.05, peakRssMb: 300 };

/** Where the run's CPU went: the worker's and the sandbox's seconds against its wall time. */
function cpuOf(result: DiscoveryResult): string {
  const busy = result.worker.cpuSeconds + result.sandboxCpuSeconds;
  return (
    `the worker used ${fmt.s(result.worker.cpuSeconds)} of CPU and the sandbox ` +
    `${fmt.s(result.sandboxCpuSeconds)} in ${fmt.s(result.wallSeconds)} ` +
    `(${(busy / result.wallSeconds).toFixed(2)} of ${cpus().length} cores, PostgreSQL's not counted)`
  );
}

/** Why the wall time was over its goal, from this run's bound, calls and CPU. */
export function wallNote(result: DiscoveryResult, context = ""): string {
  const b = result.bound;
  const terms =
    `T_org ${fmt.s(b.tOrg)}, T_sts ${fmt.s(b.tSts)}, T_conc ${fmt.s(b.tConc)}, max T_bucket ` +
    `${fmt.s(b.maxBucket.seconds)} (${b.maxBucket.key}), T_tail ${b.tTail.toFixed(2)} s`;
  const waiting = b.tLb > 0 ? result.wallSeconds - b.tLb : result.wallSeconds;
  return (
    `This run: ${fmt.s(result.wallSeconds)} against T_lb ${fmt.s(b.tLb)} (bound: ${b.bound}; ` +
    `${terms}), ${fmt.s(waiting)} over it; ${fmt.int(result.calls.total)} calls ` +
    `(${fmt.int(result.calls.throttled)} throttled); ${cpuOf(result)}. T_lb counts AWS's ` +
    `latency and quotas only: a run whose CPU (with PostgreSQL's and other processes') fills ` +
    `the cores waits on CPU, not on AWS.${context ? ` ${context}` : ""}`
  );
}

/** Why the worker's peak RSS was over its goal, from this run's samples. */
export function rssNote(result: DiscoveryResult): string {
  const samples = result.worker.rssSamplesMb.map(([, mb]) => mb);
  const range =
    samples.length > 0
      ? `; samples from ${fmt.mb(Math.min(...samples))} to ${fmt.mb(Math.max(...samples))}`
      : "";
  return (
    `This run: peak ${fmt.mb(result.worker.peakRssMb)} (the kernel's high-water mark)${range} ` +
    `(details.b1[].worker.rssSamplesMb). Most of it is the worker's floor (node, Prisma's ` +
    `query-compiler WebAssembly, the AWS SDK, pg-boss), which \`pnpm worker\` bounds with the heap ` +
    `flags of apps/api/scripts/worker-node-flags.mjs: a miss means the floor or the live heap grew.`
  );
}

/** The goals of B1 for one discovery run. */
export function discoveryFigures(result: DiscoveryResult, title: string, context = ""): Figure[] {
  const b = result.bound;
  const ratio = result.wallSeconds / b.tLb;
  const callRatio = result.calls.total / result.plan.calls;
  const throttled = result.calls.throttled / Math.max(1, result.calls.total);
  const g = B1_GOALS;
  const figures: Figure[] = [
    {
      suite: "B1",
      figure: `${title}: wall time vs T_lb`,
      goal: `≤ ${g.wallOfLowerBound} × T_lb`,
      measured: `${fmt.s(result.wallSeconds)} vs ${fmt.s(b.tLb)} = ${fmt.x(ratio)}`,
      pass: result.state === "succeeded" && ratio <= g.wallOfLowerBound,
      ...(ratio > g.wallOfLowerBound ? { note: wallNote(result, context) } : {}),
    },
    {
      suite: "B1",
      figure: `${title}: calls vs minimal plan`,
      goal: `≤ ${g.callsOfPlan.toFixed(2)} ×`,
      measured: `${fmt.int(result.calls.total)} / ${fmt.int(result.plan.calls)} = ${fmt.x(callRatio)}`,
      pass: callRatio <= g.callsOfPlan,
    },
    {
      suite: "B1",
      figure: `${title}: throttled responses`,
      goal: `≤ ${g.throttledShare * 100} % of calls`,
      measured: `${fmt.int(result.calls.throttled)} (${fmt.pct(throttled)})`,
      pass: throttled <= g.throttledShare,
    },
    {
      suite: "B1",
      figure: `${title}: failed scopes`,
      goal: "0",
      measured: `${result.scopes.failed} of ${result.scopes.total} (${result.state})`,
      pass: result.scopes.failed === 0 && result.state === "succeeded",
    },
  ];
  if (result.kind === "organization") {
    figures.push({
      suite: "B1",
      figure: `${title}: calls for excluded-OU accounts`,
      goal: "0 (sandbox call log)",
      measured: `${result.calls.excludedCalls} calls, ${result.excludedResources} resources`,
      pass: result.calls.excludedCalls === 0 && result.excludedResources === 0,
    });
  }
  figures.push(
    {
      suite: "B1",
      figure: `${title}: resources stored`,
      goal: `= ${fmt.int(result.plan.resources)} (scenario)`,
      measured: fmt.int(result.resourcesStored),
      pass: result.resourcesStored === result.plan.resources,
    },
    {
      suite: "B1",
      figure: `${title}: worker peak RSS`,
      goal: `≤ ${g.peakRssMb} MB`,
      measured: fmt.mb(result.worker.peakRssMb),
      pass: result.worker.peakRssMb <= g.peakRssMb,
      ...(result.worker.peakRssMb > g.peakRssMb ? { note: rssNote(result) } : {}),
    },
  );
  return figures;
}

export function scalingFigure(small: DiscoveryResult, large: DiscoveryResult, factor: number): Figure {
  const budget = 1.2 * factor * small.wallSeconds;
  return {
    suite: "B1",
    figure: `scaling: ${large.label} vs ${factor} × ${small.label}`,
    goal: `≤ 1.2 × ${factor} × ${fmt.s(small.wallSeconds)} = ${fmt.s(budget)}`,
    measured: `${fmt.s(large.wallSeconds)} (${fmt.x(large.wallSeconds / small.wallSeconds)} the small run)`,
    pass: large.state === "succeeded" && large.wallSeconds <= budget,
  };
}
