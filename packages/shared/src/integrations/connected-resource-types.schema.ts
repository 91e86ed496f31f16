import { z } from "zod";
import { INTEGRATION_CATALOG, type TResourceTypeOf } from "../catalog/integration-catalog.ts";
import type { TIntegrationType } from "../catalog/integration-types.ts";
import { quoteValue } from "../common/quote-value.ts";

export const SELECT_RESOURCE_TYPE_MESSAGE = "Select at least one resource type.";
export const RESOURCE_TYPES_MAX = 50;

/**
 * `connected_resource_types` of one integration type: at least one, only that type's
 * resource types, each once. Problems are reported on the list itself (not on an index),
 * because the form shows one message under its checkbox group.
 */
export function makeConnectedResourceTypesSchema<T extends TIntegrationType>(type: T) {
  const definition = INTEGRATION_CATALOG[type];
  const allowed: ReadonlySet<string> = new Set(
    definition.resourceTypes.map((resourceType) => resourceType.id),
  );

  return z
    .array(z.string({ error: "Send each resource type as a string." }), {
      error: SELECT_RESOURCE_TYPE_MESSAGE,
    })
    .min(1, { error: SELECT_RESOURCE_TYPE_MESSAGE })
    .max(RESOURCE_TYPES_MAX, { error: `Select at most ${RESOURCE_TYPES_MAX} resource types.` })
    .superRefine((values, ctx) => {
      // Sizes are reported by min/max (see common/checks.ts).
      if (values.length > RESOURCE_TYPES_MAX) return;
      const unknown = [...new Set(values.filter((value) => !allowed.has(value)))];
      if (unknown.length > 0) {
        const shown = unknown.slice(0, 3).map(quoteValue).join(", ");
        ctx.addIssue({
          code: "custom",
          message:
            unknown.length === 1
              ? `${shown} is not a resource type of ${definition.label}. Choose from: ${[...allowed].join(", ")}.`
              : `${shown}${unknown.length > 3 ? " and others" : ""} are not resource types of ${definition.label}. Choose from: ${[...allowed].join(", ")}.`,
        });
      }
      const duplicates = [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
      if (duplicates.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `Select each resource type only once: ${duplicates.slice(0, 3).map(quoteValue).join(", ")} ${duplicates.length === 1 ? "is" : "are"} listed more than once.`,
        });
      }
    })
    .transform((values) => values as TResourceTypeOf<T>[]);
}
