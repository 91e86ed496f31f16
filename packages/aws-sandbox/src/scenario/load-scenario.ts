import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Scenario } from "./types.ts";
import { validateScenario } from "./validate-scenario.ts";

// The shipped demo organization (packages/aws-sandbox/scenarios/demo.json).
export const DEMO_SCENARIO_PATH = fileURLToPath(new URL("../../scenarios/demo.json", import.meta.url));

export function loadScenario(source: Scenario | string): Scenario {
  if (typeof source !== "string") return validateScenario(source);
  return validateScenario(JSON.parse(readFileSync(source, "utf8")) as unknown);
}
