import type { Machine } from "./report.ts";

const START = "<!-- bench:latest:start -->";
const END = "<!-- bench:latest:end -->";

type Report = {
  startedAt: string;
  seconds: number;
  machine: Machine;
  details: {
    b1?: Array<{
      label: string;
      wallSeconds: number;
      bound: {
        tOrg: number;
        tSts: number;
        tConc: number;
        tTail: number;
        tLb: number;
        maxBucket: { key: string; seconds: number };
        bound: string;
      };
    }>;
  };
};

/** The generated part of the README's Benchmarks section: date, machine, table, lower bounds. */
function latestBlock(report: Report, table: string): string {
  const m = report.machine;
  const bounds = (report.details.b1 ?? []).map((r) => {
    const b = r.bound;
    return `| ${r.label} | ${b.tOrg.toFixed(1)} s | ${b.tSts.toFixed(1)} s | ${b.tConc.toFixed(1)} s | ${b.maxBucket.seconds.toFixed(1)} s (${b.maxBucket.key}) | ${b.tTail.toFixed(2)} s | **${b.tLb.toFixed(1)} s** | ${r.wallSeconds.toFixed(1)} s | ${(r.wallSeconds / b.tLb).toFixed(2)}× |`;
  });
  return [
    START,
    `Latest full run: ${report.startedAt.slice(0, 16).replace("T", " ")} UTC, ${Math.round(report.seconds)} s in all, on ` +
      `${m.cpus} × ${m.model}, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.postgres}; ` +
      `load average ${m.loadAverageBefore.join(" / ")} before, ${(m.loadAverageAfter ?? []).join(" / ")} after.`,
    "",
    table,
    "",
    "B1's lower bounds, `T_lb = max(T_org, T_sts, T_conc, max T_bucket) + T_tail`:",
    "",
    "| Run | T_org | T_sts | T_conc | max T_bucket | T_tail | T_lb | Wall | Ratio |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...bounds,
    END,
  ].join("\n");
}

/**
 * The README with its Benchmarks section's generated block replaced (the hand-written text
 * around it stays); a new section at the end when there is none.
 */
export function withBenchmarkTable(readme: string, report: Report, table: string): string {
  const block = latestBlock(report, table);
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start >= 0 && end > start) return readme.slice(0, start) + block + readme.slice(end + END.length);
  return `${readme.trimEnd()}\n\n## Benchmarks\n\n${block}\n`;
}
