import { type Figure, fmt } from "../lib/report.ts";
import type { BundleResult, UiResult } from "./b4-web.ts";

/** B4's goal: the first load's JavaScript, gzipped. */
export const B4_GOAL_INITIAL_KB = 200;

/** The bundle's lines: the first load against its goal, each route chunk reported. */
export function bundleFigures(bundle: BundleResult, existing: { upToDate: boolean } | null): Figure[] {
  const source = existing ? `, apps/web/dist${existing.upToDate ? "" : " (stale)"}` : "";
  return [
    {
      suite: "B4",
      figure: `initial JavaScript (${bundle.initialFiles} files${source})`,
      goal: `≤ ${B4_GOAL_INITIAL_KB} KB gzipped`,
      measured: `${bundle.initialKb.toFixed(1)} KB`,
      pass: bundle.initialKb <= B4_GOAL_INITIAL_KB,
    },
    ...bundle.routes.map(
      (route): Figure => ({
        suite: "B4",
        figure: `route chunk ${route.route}`,
        goal: "reported (own + shared not in the initial load)",
        measured: `${route.kb.toFixed(1)} KB gzipped, ${route.files} files`,
        pass: null,
      }),
    ),
  ];
}

/** The wizard's line: Confirm → the new row, or why it could not be measured. */
export function wizardFigure(ui: UiResult | { error: unknown }): Figure {
  const figure = "Confirm → new row visible on the Connected tab";
  if ("error" in ui) {
    return {
      suite: "B4",
      figure,
      goal: "reported",
      measured: "could not be measured",
      pass: null,
      note: String(ui.error).split("\n")[0],
    };
  }
  const active = ui.confirmToActiveMs === null ? "—" : fmt.ms(ui.confirmToActiveMs);
  return {
    suite: "B4",
    figure,
    goal: "reported",
    measured: `${fmt.ms(ui.confirmToRowMs)} (Active after ${active})`,
    pass: null,
  };
}
