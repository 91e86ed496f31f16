import { z } from "zod";
import { AWS_TAG_KEY_MAX, AWS_TAG_KEY_PATTERN } from "../common/aws-formats.ts";
import { emptyTooLongOr } from "../common/checks.ts";
import { quoteValue } from "../common/quote-value.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";

export const OWNER_ATTRIBUTE_TYPES = ["user", "group"] as const;
export type TOwnerAttributeType = (typeof OWNER_ATTRIBUTE_TYPES)[number];

export const ZOwnerAttributeType = z.enum(OWNER_ATTRIBUTE_TYPES, {
  error: "Select an attribute: user or group.",
});

/**
 * What a resource's owner tag is matched against: any attribute a source's people have, or a
 * group's name (its members own). `user` matches an email, a user name or a person's id.
 */
export const OWNER_MAPPING_ATTRIBUTE_TYPES = [
  "user",
  "group",
  "email",
  "user_name",
  "department",
  "manager",
  "title",
  "employee_number",
  "cost_center",
  "organization",
  "division",
  "external_id",
] as const;
export type TOwnerMappingAttributeType = (typeof OWNER_MAPPING_ATTRIBUTE_TYPES)[number];

export const OWNER_MAPPING_ATTRIBUTE_MESSAGE = `Select an attribute: user, group or another attribute of a source (${OWNER_MAPPING_ATTRIBUTE_TYPES.slice(2).join(", ")}).`;

export const ZOwnerMappingAttributeType = z.enum(OWNER_MAPPING_ATTRIBUTE_TYPES, {
  error: OWNER_MAPPING_ATTRIBUTE_MESSAGE,
});

export const OWNER_VALUES_MAX = 100;
export const OWNER_VALUE_MAX = 256;
export const SOURCE_INTEGRATION_REFERENCE_MAX = 256;

/** The identity platform providing users/groups; empty means "not specified" (null). */
export const ZSourceIntegrationReference = z
  .string({ error: "Send source_integration_reference as a string." })
  .trim()
  .max(SOURCE_INTEGRATION_REFERENCE_MAX, {
    error: `Identity provider reference must be at most ${SOURCE_INTEGRATION_REFERENCE_MAX} characters.`,
  })
  .nullish()
  .transform((value) => (value === "" ? null : value));

const SELECT_OWNER_MESSAGE = "Select at least one user or group.";

/** Users (ids or emails) or group ids: at least one, no empty or repeated entries. */
export const ZOwnerValues = z
  .array(z.string({ error: "Send each owner as a string." }).trim(), { error: SELECT_OWNER_MESSAGE })
  .min(1, { error: SELECT_OWNER_MESSAGE })
  .max(OWNER_VALUES_MAX, { error: `Select at most ${OWNER_VALUES_MAX} users or groups.` })
  .superRefine((values, ctx) => {
    // Sizes are reported by min/max (see common/checks.ts).
    if (values.length > OWNER_VALUES_MAX) return;
    // Reported on the list itself: the form shows one message under its multi-select.
    if (values.some((value) => value === "")) {
      ctx.addIssue({ code: "custom", message: "Remove empty entries from the owners." });
    }
    if (values.some((value) => value.length > OWNER_VALUE_MAX)) {
      ctx.addIssue({ code: "custom", message: `Each owner must be at most ${OWNER_VALUE_MAX} characters.` });
    }
    const duplicates = [
      ...new Set(values.filter((value, index) => value !== "" && values.indexOf(value) !== index)),
    ];
    if (duplicates.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `Select each owner only once: ${duplicates.slice(0, 3).map(quoteValue).join(", ")} ${duplicates.length === 1 ? "is" : "are"} listed more than once.`,
      });
    }
  });

/** Integration owner (UpsertOwnerV4): fallback approver when no resource owner is found. */
export const ZOwner = z.strictObject(
  {
    attribute_type: ZOwnerAttributeType,
    attribute_value: ZOwnerValues,
    source_integration_reference: ZSourceIntegrationReference,
  },
  { error: unknownKeysError({ where: "the integration owner", notAnObject: "Send owner as an object." }) },
);

export type TOwner = z.output<typeof ZOwner>;
export type TOwnerInput = z.input<typeof ZOwner>;

const KEY_NAME_REQUIRED = "Enter the tag key that names the resource owner.";

/** A resource tag key: 1–128 characters allowed in AWS tag keys. */
export const ZTagKeyName = z
  .string({
    error: (issue) => (issue.input === undefined ? KEY_NAME_REQUIRED : "Send key_name as a string."),
  })
  .trim()
  .min(1, { error: KEY_NAME_REQUIRED })
  .max(AWS_TAG_KEY_MAX, { error: `Key name must be at most ${AWS_TAG_KEY_MAX} characters.` })
  .refine(
    emptyTooLongOr(AWS_TAG_KEY_MAX, (key) => AWS_TAG_KEY_PATTERN.test(key)),
    { error: "Key name may contain only letters, digits, spaces and the characters _ . : / = + - @" },
  );

/** Resource owner (UpsertOwnerMappingV4): the tag whose value names who approves access. */
export const ZOwnersMapping = z.strictObject(
  {
    key_name: ZTagKeyName,
    attribute_type: ZOwnerMappingAttributeType,
    source_integration_reference: ZSourceIntegrationReference,
  },
  {
    error: unknownKeysError({
      where: "the resource owner",
      notAnObject: "Send owners_mapping as an object.",
    }),
  },
);

export type TOwnersMapping = z.output<typeof ZOwnersMapping>;
export type TOwnersMappingInput = z.input<typeof ZOwnersMapping>;

export const OWNER_REQUIRED_MESSAGE =
  "When a resource owner is defined, an integration owner must be defined.";

/**
 * Cross-field rule: a resource owner needs an integration owner as fallback. Use as
 * `.superRefine(checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS)`.
 */
export function checkOwnerRequiredForMapping(
  value: { owner?: unknown; owners_mapping?: unknown },
  ctx: z.core.$RefinementCtx<unknown>,
): void {
  if (value.owners_mapping != null && value.owner == null) {
    ctx.addIssue({ code: "custom", path: ["owner"], message: OWNER_REQUIRED_MESSAGE });
  }
}

/**
 * Object-level rules are skipped by default when a field already failed; running them
 * anyway lets the form show every problem at once. The rule must then cope with a value
 * whose other fields are invalid, which `checkOwnerRequiredForMapping` does.
 */
export const RUN_EVEN_WITH_FIELD_ERRORS = {
  when: (payload: z.core.ParsePayload) => typeof payload.value === "object" && payload.value !== null,
};
