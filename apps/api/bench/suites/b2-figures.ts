import { type Figure, fmt } from "../lib/report.ts";
import type { PersistenceResult, PhaseResult } from "./b2-persistence.ts";

/** B2's goal: rows written per second by the product's ResourceWriter, each phase. */
export const B2_GOAL_ROWS_PER_SECOND = 25_000;

const PHASES = [
  ["insert into an empty table", "insert"],
  ["re-sync, every row conflicting", "resync"],
] as const;

/** Why a phase was under its goal, from this run's trials. */
function note(result: PersistenceResult, key: "insert" | "resync"): string {
  const each = result.trials.map((trial) => fmt.int(trial[key].rowsPerSecond)).join(" · ");
  const how =
    key === "insert"
      ? "a first fetch appends each batch with COPY"
      : "a re-sync sends one UPDATE and one INSERT statement per batch (the rows as one JSON parameter)";
  return (
    `This run: ${result.trials.length} ${result.trials.length === 1 ? "trial" : "trials"} of ` +
    `${fmt.int(result.rows)} rows (~${fmt.int(result.tagJsonBytes)} B of tags each, batches of ` +
    `${fmt.int(result.batchSize)}): ${each} rows/s. Bounded by PostgreSQL's per-row work on the ` +
    `cores it shares with the client's encoding; ${how}. Trials that are all slow point at the ` +
    `host (compare B3's trivial route in the same run) as much as at the writer.`
  );
}

/** B2's lines of the table: each phase's median trial against the goal. */
export function persistenceFigures(result: PersistenceResult): Figure[] {
  const fastEnough = (phase: PhaseResult) => phase.rowsPerSecond >= B2_GOAL_ROWS_PER_SECOND;
  const trials = result.trials.length;
  return PHASES.map(([name, key]) => {
    const phase = result[key];
    const each = result.trials.map((trial) => fmt.int(trial[key].rowsPerSecond)).join(" · ");
    return {
      suite: "B2",
      figure: `${fmt.int(result.rows)} resources, ${name}`,
      goal: `≥ ${fmt.int(B2_GOAL_ROWS_PER_SECOND)} rows/s (≤ ${fmt.s(result.rows / B2_GOAL_ROWS_PER_SECOND)})${trials > 1 ? `, median of ${trials} runs` : ""}`,
      measured: `${fmt.int(phase.rowsPerSecond)} rows/s (${fmt.s(phase.seconds)})${trials > 1 ? `; runs: ${each}` : ""}`,
      pass: fastEnough(phase) && result.storedAll,
      ...(fastEnough(phase) ? {} : { note: note(result, key) }),
    };
  });
}
