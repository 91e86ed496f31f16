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

/** The goals of B1 for one discovery run. */
export function discoveryFigures(
  result: DiscoveryResult,
  title: string,
  options: { rssNote?: string; wallNote?: string } = {},
): Figure[] {
  const b = result.bound;
  const ratio = result.wallSeconds / b.tLb;
  const callRatio = result.calls.total / result.plan.calls;
  const throttled = result.calls.throttled / Math.max(1, result.calls.total);
  const figures: Figure[] = [
    {
      suite: "B1",
      figure: `${title}: wall time vs T_lb`,
      goal: "≤ 1.25 × T_lb",
      measured: `${fmt.s(result.wallSeconds)} vs ${fmt.s(b.tLb)} = ${fmt.x(ratio)}`,
      pass: result.state === "succeeded" && ratio <= 1.25,
      ...(ratio > 1.25 && options.wallNote ? { note: options.wallNote } : {}),
    },
    {
      suite: "B1",
      figure: `${title}: calls vs minimal plan`,
      goal: "≤ 1.10 ×",
      measured: `${fmt.int(result.calls.total)} / ${fmt.int(result.plan.calls)} = ${fmt.x(callRatio)}`,
      pass: callRatio <= 1.1,
    },
    {
      suite: "B1",
      figure: `${title}: throttled responses`,
      goal: "≤ 5 % of calls",
      measured: `${fmt.int(result.calls.throttled)} (${fmt.pct(throttled)})`,
      pass: throttled <= 0.05,
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
      goal: "≤ 300 MB",
      measured: fmt.mb(result.worker.peakRssMb),
      pass: result.worker.peakRssMb <= 300,
      ...(result.worker.peakRssMb > 300 && options.rssNote ? { note: options.rssNote } : {}),
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
