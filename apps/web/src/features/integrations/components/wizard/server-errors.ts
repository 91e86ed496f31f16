import {
  apiIssuesToFieldErrors,
  type TIntegrationType,
  WIZARD_STEPS,
  wizardStepForField,
} from "@portcullis/shared";
import { errorMessage } from "../../../../components/states.tsx";
import { isApiError } from "../../../../lib/api-client.ts";

/** Where a failed save's errors go in the wizard. */
export type ServerErrorPlacement = {
  /** Messages to put under their fields, by react-hook-form path. */
  fields: Array<[path: string, message: string]>;
  /** Index of the first step holding one of those fields, to reopen; null when none. */
  firstStep: number | null;
  /** What the confirm step's alert says: errors no step shows, or the error itself. */
  alert: string | null;
};

export function placeServerError(type: TIntegrationType, error: unknown): ServerErrorPlacement {
  if (!isApiError(error) || error.issues.length === 0) {
    return { fields: [], firstStep: null, alert: errorMessage(error) };
  }
  const steps = WIZARD_STEPS[type];
  const fields: ServerErrorPlacement["fields"] = [];
  let firstStep: number | null = null;
  let unplaced: string | null = null;
  for (const [path, message] of Object.entries(apiIssuesToFieldErrors(error.issues))) {
    const stepId = path === "root" ? "confirm" : wizardStepForField(type, path);
    if (stepId === "confirm") {
      unplaced ??= message;
      continue;
    }
    fields.push([path, message]);
    const index = steps.findIndex((step) => step.id === stepId);
    if (firstStep === null || index < firstStep) firstStep = index;
  }
  return { fields, firstStep, alert: unplaced ?? (firstStep === null ? error.message : null) };
}
