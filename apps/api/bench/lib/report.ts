import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

/** One line of the table: a figure, its goal, what was measured, and whether it passed. */
export type Figure = {
  suite: string;
  figure: string;
  goal: string;
  measured: string;
  /** null: reported, not a goal. */
  pass: boolean | null;
  /** What bounds it, when a goal is missed (or a caveat worth reading). */
  note?: string;
};

export type Machine = {
  cpus: number;
  model: string;
  memoryGb: number;
  node: string;
  postgres: string;
  loadAverageBefore: number[];
  loadAverageAfter?: number[];
};

export function machine(postgres: string): Machine {
  let model = cpus()[0]?.model ?? "unknown";
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? model;
  } catch {
    // not Linux: os.cpus() has it
  }
  return {
    cpus: cpus().length,
    model: model.trim(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    loadAverageBefore: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
  s: (n: number) => `${n.toFixed(1)} s`,
  x: (n: number) => `${n.toFixed(2)}×`,
  mb: (n: number) => `${Math.round(n)} MB`,
  pct: (n: number) => `${(n * 100).toFixed(2)} %`,
  // autocannon reports whole milliseconds: 0 means under one.
  ms: (n: number) => (n < 1 ? "< 1 ms" : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`),
};

const verdict = (pass: boolean | null) => (pass === null ? "info" : pass ? "PASS" : "FAIL");

/** The table as plain text for the terminal. */
export function textTable(figures: readonly Figure[]): string {
  const rows = [
    ["", "Figure", "Goal", "Measured", "Result"],
    ...figures.map((f) => [f.suite, f.figure, f.goal, f.measured, verdict(f.pass)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

const cell = (text: string) => text.replaceAll("|", "\\|");

/** Each distinct note once, with the figures it explains. */
function groupedNotes(figures: readonly Figure[]): Array<{ note: string; figures: string[] }> {
  const groups = new Map<string, string[]>();
  for (const f of figures) {
    if (!f.note) continue;
    groups.set(f.note, [...(groups.get(f.note) ?? []), `${f.suite} ${f.figure}`]);
  }
  return [...groups].map(([note, names]) => ({ note, figures: names }));
}

/** The notes under the terminal's table. */
export function notesText(figures: readonly Figure[]): string {
  return groupedNotes(figures)
    .map((group) => `Why (${group.figures.join("; ")}):\n  ${group.note}`)
    .join("\n\n");
}

/** The table as Markdown, notes below it (for the README). */
export function markdownTable(figures: readonly Figure[]): string {
  const lines = [
    "| | Figure | Goal | Measured | Result |",
    "| --- | --- | --- | --- | --- |",
    ...figures.map(
      (f) =>
        `| ${f.suite} | ${cell(f.figure)} | ${cell(f.goal)} | ${cell(f.measured)} | ${f.pass === false ? "**FAIL**" : verdict(f.pass)} |`,
    ),
  ];
  const notes = groupedNotes(figures);
  if (notes.length > 0) {
    lines.push("", "What bounds the missed goals:", "");
    lines.push(...notes.map((group) => `- **${group.figures.join("; ")}**: ${group.note}`));
  }
  return lines.join("\n");
}
