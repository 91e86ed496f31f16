import { apiIssuesToFieldErrors, type TCreateAccessRequest, ZCreateAccessRequest } from "@portcullis/shared";
import type { UseFormSetError } from "react-hook-form";
import { z } from "zod";
import { errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";

/**
 * The wizard's values: what is picked at each step. Justification and duration are checked by the
 * shared create schema's own rules; the entitlements are every resource × permission picked.
 */
export const ZRequestAccessForm = z.object({
  integration_id: z.string().min(1, { error: "Select an integration." }),
  resource_type: z.string().min(1, { error: "Select a resource type." }),
  resource_ids: z.array(z.string()).min(1, { error: "Select at least one resource." }),
  permission_ids: z.array(z.string()).min(1, { error: "Select a permission." }),
  duration_in_sec: ZCreateAccessRequest.shape.duration_in_sec,
  justification: ZCreateAccessRequest.shape.justification,
});

export type RequestAccessInput = z.input<typeof ZRequestAccessForm>;
export type RequestAccessValues = z.output<typeof ZRequestAccessForm>;

export const EMPTY_REQUEST: RequestAccessInput = {
  integration_id: "",
  resource_type: "",
  resource_ids: [],
  permission_ids: [],
  duration_in_sec: null,
  justification: "",
};

/** The create body: one entitlement per resource and permission picked. */
export function toCreateBody(values: RequestAccessValues): TCreateAccessRequest {
  return ZCreateAccessRequest.parse({
    entitlements: values.resource_ids.flatMap((resource_id) =>
      values.permission_ids.map((permission_id) => ({ resource_id, permission_id })),
    ),
    justification: values.justification,
    duration_in_sec: values.duration_in_sec,
  });
}

/** Where each path of the create body is shown in the wizard. */
function fieldOf(path: string): keyof RequestAccessInput | null {
  if (path === "justification" || path === "duration_in_sec") return path;
  if (/^entitlements\.\d+\.permission_id$/.test(path)) return "permission_ids";
  if (path === "entitlements" || /^entitlements\.\d+(\.resource_id)?$/.test(path)) return "resource_ids";
  return null;
}

/**
 * Puts the API's words under the wizard's fields; returns the sentence for above the form when
 * the refusal is about no field (no flow matches, nobody could approve, …).
 */
export function applyRequestErrors(
  error: unknown,
  setError: UseFormSetError<RequestAccessInput>,
): string | null {
  if (!isApiError(error)) return errorMessage(error);
  let placed = 0;
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(apiIssuesToFieldErrors(error.issues))) {
    const field = fieldOf(path);
    if (field) {
      setError(field, { message });
      placed += 1;
    } else unplaced.push(message);
  }
  if (placed === 0) return error.message;
  return unplaced.length > 0 ? unplaced.join(" ") : null;
}
