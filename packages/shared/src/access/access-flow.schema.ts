import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";

// Access flows (AccessFlowV2 / AccessFlowUpsertV2 of Apono's public API): who may request what,
// who approves, for how long. Portcullis supports SELF_SERVE flows over integration targets.

export const ACCESS_FLOW_NAME_MAX = 100;
export const GRANT_DURATION_MIN_MAX = 30 * 24 * 60; // 30 days
export const DEFAULT_GRANT_DURATION_MIN = 60;
const REFERENCE_MAX = 256;
const LIST_MAX = 100;

/** `user`: a person (email, user name or id); `group`: its live members; `Owner`: the resource owner. */
export const CONDITION_TYPES = ["user", "group", "Owner"] as const;
export type TConditionType = (typeof CONDITION_TYPES)[number];
export const LOGICAL_OPERATORS = ["AND", "OR"] as const;
export const APPROVAL_MODES = ["ANY_OF", "ALL_OF"] as const;
export type TApprovalMode = (typeof APPROVAL_MODES)[number];
export const SCOPE_MODES = ["include_resources", "exclude_resources"] as const;
export const RESOURCE_SCOPE_TYPES = ["APONO_ID", "NAME", "TAG"] as const;

const ZReference = (what: string) =>
  z
    .string({ error: `Send ${what} as a string.` })
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(REFERENCE_MAX, { error: `${what} must be at most ${REFERENCE_MAX} characters.` });

const ZValues = (what: string) =>
  z
    .array(ZReference(what), { error: `Send ${what}s as a list of strings.` })
    .max(LIST_MAX, { error: `Give at most ${LIST_MAX} ${what}s.` });

/** ConditionUpsertV2. `values` name people or groups; `Owner` takes none. */
export const ZConditionUpsert = z
  .strictObject(
    {
      source_integration_reference: z
        .string({ error: "Send source_integration_reference as a string." })
        .trim()
        .max(REFERENCE_MAX)
        .nullish()
        .transform((value) => (value ? value : null)),
      type: z.enum(CONDITION_TYPES, { error: "type must be user, group or Owner (capital O)." }),
      match_operator: z
        .literal("is", { error: 'match_operator must be "is" (the only operator supported).' })
        .nullish()
        .transform(() => "is" as const),
      values: ZValues("value")
        .nullish()
        .transform((value) => value ?? []),
    },
    { error: unknownKeysError({ where: "a condition", notAnObject: "Send each condition as an object." }) },
  )
  .superRefine((condition, ctx) => {
    if (condition.type !== "Owner" && condition.values.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: `Select at least one ${condition.type === "user" ? "user" : "group"}.`,
      });
    if (condition.type === "Owner" && condition.values.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "Owner takes no values: the owner is resolved from the resource's tags.",
      });
  });

/** RequestorsUpsertV2: no conditions means anyone signed in may request. */
export const ZRequestorsUpsert = z.strictObject(
  {
    logical_operator: z.enum(LOGICAL_OPERATORS, { error: "logical_operator must be AND or OR." }),
    conditions: z
      .array(ZConditionUpsert, { error: "Send conditions as a list." })
      .max(LIST_MAX)
      .superRefine((conditions, ctx) => {
        conditions.forEach((condition, index) => {
          if (condition.type === "Owner")
            ctx.addIssue({
              code: "custom",
              path: [index, "type"],
              message: "Requestors are users or groups; Owner is only for approvers.",
            });
        });
      }),
  },
  { error: unknownKeysError({ where: "requestors", notAnObject: "Send requestors as an object." }) },
);

/** ResourcesScopeIntegrationAccessTargetV2: include or exclude resources by id, name or tag. */
export const ZResourcesScope = z
  .strictObject(
    {
      scope_mode: z.enum(SCOPE_MODES, {
        error: "scope_mode must be include_resources or exclude_resources.",
      }),
      type: z.enum(RESOURCE_SCOPE_TYPES, { error: "type must be APONO_ID, NAME or TAG." }),
      key: z
        .string()
        .trim()
        .max(128)
        .nullish()
        .transform((value) => (value ? value : null)),
      values: ZValues("value").min(1, { error: "Give at least one value." }),
    },
    { error: unknownKeysError({ where: "a resource scope", notAnObject: "Send each scope as an object." }) },
  )
  .superRefine((scope, ctx) => {
    if (scope.type === "TAG" && !scope.key)
      ctx.addIssue({ code: "custom", path: ["key"], message: "Enter the tag key to match." });
    if (scope.type !== "TAG" && scope.key)
      ctx.addIssue({ code: "custom", path: ["key"], message: "key is only for TAG scopes." });
  });

/** IntegrationAccessTargetUpsertV2. `permissions` are permission ids of the resource type. */
export const ZIntegrationAccessTargetUpsert = z.strictObject(
  {
    integration_reference: ZReference("the integration (id or name)"),
    resource_type: ZReference("the resource type"),
    permissions: ZValues("permission").min(1, { error: "Select at least one permission." }),
    resources_scopes: z
      .array(ZResourcesScope, { error: "Send resources_scopes as a list." })
      .max(LIST_MAX)
      .nullish()
      .transform((value) => value ?? []),
  },
  {
    error: unknownKeysError({
      where: "an integration target",
      notAnObject: "Send the integration target as an object.",
    }),
  },
);

/** AccessTargetUpsertV2: only `integration` targets (bundles and access scopes are not offered). */
export const ZAccessTargetUpsert = z
  .strictObject(
    {
      integration: ZIntegrationAccessTargetUpsert.nullish(),
      bundle: z.null({ error: "Bundles are not supported: use an integration target." }).optional(),
      access_scope: z
        .null({ error: "Access scopes are not supported: use an integration target." })
        .optional(),
    },
    {
      error: unknownKeysError({
        where: "an access target",
        notAnObject: "Send each access target as an object.",
      }),
    },
  )
  .superRefine((target, ctx) => {
    if (!target.integration)
      ctx.addIssue({ code: "custom", path: ["integration"], message: "Select an integration." });
  });

/** ApproverGroupUpsertV2: OR — one approval from anyone listed; AND — one per condition. */
export const ZApproverGroupUpsert = z.strictObject(
  {
    logical_operator: z.enum(LOGICAL_OPERATORS, { error: "logical_operator must be AND or OR." }),
    approvers: z
      .array(ZConditionUpsert, { error: "Send approvers as a list." })
      .min(1, { error: "Select at least one approver." })
      .max(LIST_MAX),
  },
  {
    error: unknownKeysError({
      where: "an approver group",
      notAnObject: "Send each approver group as an object.",
    }),
  },
);

/** ApproverPolicyUpsertV2: ANY_OF — one group is enough; ALL_OF — every group must approve. */
export const ZApproverPolicyUpsert = z.strictObject(
  {
    approval_mode: z.enum(APPROVAL_MODES, { error: "approval_mode must be ANY_OF or ALL_OF." }),
    approver_groups: z
      .array(ZApproverGroupUpsert, { error: "Send approver_groups as a list." })
      .min(1, { error: "Add at least one approver group." })
      .max(20, { error: "Give at most 20 approver groups." }),
  },
  {
    error: unknownKeysError({
      where: "an approver policy",
      notAnObject: "Send the approver policy as an object.",
    }),
  },
);

export const ZAccessFlowSettings = z.strictObject(
  {
    justification_required: z.boolean({ error: "justification_required must be true or false." }),
    require_approver_reason: z.boolean({ error: "require_approver_reason must be true or false." }),
    requestor_cannot_approve_himself: z.boolean({
      error: "requestor_cannot_approve_himself must be true or false.",
    }),
    require_mfa: z
      .literal(false, { error: "require_mfa is not supported: send false." })
      .optional()
      .transform(() => false),
    labels: z
      .array(z.string().trim().min(1).max(64), { error: "Send labels as a list of strings." })
      .max(20)
      .optional()
      .transform((value) => value ?? []),
    max_extensions: z
      .int()
      .min(0)
      .max(0, { error: "Extensions are not supported: send 0 or null." })
      .nullish(),
    extension_duration_in_min: z.int().min(0).nullish(),
  },
  { error: unknownKeysError({ where: "the settings", notAnObject: "Send settings as an object." }) },
);

export const DEFAULT_ACCESS_FLOW_SETTINGS = {
  justification_required: true,
  require_approver_reason: false,
  requestor_cannot_approve_himself: true,
  require_mfa: false,
  labels: [],
} as const;

/** The policy of a new flow: the resource owners approve (falling back to the integration owner). */
export function defaultApproverPolicy(): z.output<typeof ZApproverPolicyUpsert> {
  return {
    approval_mode: "ANY_OF",
    approver_groups: [
      {
        logical_operator: "OR",
        approvers: [{ type: "Owner", source_integration_reference: null, match_operator: "is", values: [] }],
      },
    ],
  };
}

const ZUnsupportedNull = (what: string) =>
  z.null({ error: `${what} is not supported: send null or leave it out.` }).optional();

/**
 * AccessFlowUpsertV2. Left out: `approver_policy` → the owners approve (explicit null: no
 * approval, granted at once); `grant_duration_in_min` → 60; `settings` → justification required,
 * requestors cannot approve themselves.
 */
export const ZAccessFlowUpsert = z.strictObject(
  {
    name: z
      .string({ error: "Enter a name." })
      .trim()
      .min(1, { error: "Enter a name." })
      .max(ACCESS_FLOW_NAME_MAX, { error: `Name must be at most ${ACCESS_FLOW_NAME_MAX} characters.` }),
    description: z
      .string()
      .trim()
      .max(1000, { error: "Description must be at most 1000 characters." })
      .nullish(),
    active: z.boolean({ error: "active must be true or false." }),
    trigger: z.literal("SELF_SERVE", { error: 'trigger must be "SELF_SERVE" (the only trigger supported).' }),
    requestors: ZRequestorsUpsert,
    request_for: ZUnsupportedNull("request_for (requesting for others)"),
    access_targets: z
      .array(ZAccessTargetUpsert, { error: "Send access_targets as a list." })
      .min(1, { error: "Add at least one access target." })
      .max(LIST_MAX),
    approver_policy: ZApproverPolicyUpsert.nullish().transform((value) =>
      value === undefined ? defaultApproverPolicy() : value,
    ),
    escalation_policy: ZUnsupportedNull("escalation_policy"),
    grant_duration_in_min: z
      .int({ error: "grant_duration_in_min must be a whole number of minutes." })
      .min(1, { error: "grant_duration_in_min must be at least 1 minute." })
      .max(GRANT_DURATION_MIN_MAX, {
        error: `grant_duration_in_min must be at most ${GRANT_DURATION_MIN_MAX} (30 days).`,
      })
      .nullish()
      .transform((value) => value ?? DEFAULT_GRANT_DURATION_MIN),
    timeframe: ZUnsupportedNull("timeframe"),
    settings: ZAccessFlowSettings.optional().transform(
      (value) => value ?? { ...DEFAULT_ACCESS_FLOW_SETTINGS, labels: [] },
    ),
    request_for_others: z
      .literal(false, { error: "request_for_others is not supported: send false." })
      .optional()
      .transform(() => false),
  },
  {
    error: unknownKeysError({
      where: "an access flow",
      notAnObject: "Send the access flow as a JSON object.",
    }),
  },
);

/** What a new flow starts from in the editor (the owners approve, 1 hour, justification required). */
export function defaultAccessFlowUpsert(): z.input<typeof ZAccessFlowUpsert> {
  return {
    name: "",
    active: true,
    trigger: "SELF_SERVE",
    requestors: { logical_operator: "OR", conditions: [] },
    access_targets: [],
    approver_policy: {
      approval_mode: "ANY_OF",
      approver_groups: [{ logical_operator: "OR", approvers: [{ type: "Owner" }] }],
    },
    grant_duration_in_min: DEFAULT_GRANT_DURATION_MIN,
    settings: { ...DEFAULT_ACCESS_FLOW_SETTINGS, labels: [] },
    request_for_others: false,
  };
}

// ---- Responses (AccessFlowV2) ----

export const ZCondition = z.object({
  source_integration_id: z.string().nullable(),
  source_integration_name: z.string().nullable(),
  type: z.enum(CONDITION_TYPES),
  match_operator: z.string().nullable(),
  values: z.array(z.string()).nullable(),
});

export const ZResourcesScopeV2 = z.object({
  scope_mode: z.enum(SCOPE_MODES),
  type: z.enum(RESOURCE_SCOPE_TYPES),
  key: z.string().nullable(),
  values: z.array(z.string()),
});

export const ZIntegrationAccessTarget = z.object({
  integration_id: z.string(),
  integration_name: z.string(),
  resource_type: z.string(),
  permissions: z.array(z.string()),
  resources_scopes: z.array(ZResourcesScopeV2).nullable(),
});

export const ZAccessTarget = z.object({
  integration: ZIntegrationAccessTarget.nullable(),
  bundle: z.null(),
  access_scope: z.null(),
});

export const ZApproverGroup = z.object({
  logical_operator: z.enum(LOGICAL_OPERATORS),
  approvers: z.array(ZCondition),
});

export const ZApproverPolicy = z.object({
  approval_mode: z.enum(APPROVAL_MODES),
  approver_groups: z.array(ZApproverGroup),
});

export const ZAccessFlowSettingsV2 = z.object({
  justification_required: z.boolean(),
  require_approver_reason: z.boolean(),
  requestor_cannot_approve_himself: z.boolean(),
  require_mfa: z.boolean(),
  labels: z.array(z.string()),
  max_extensions: z.number().int().nullable(),
  extension_duration_in_min: z.number().int().nullable(),
});

export const ZAccessFlowV2 = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  trigger: z.literal("SELF_SERVE"),
  requestors: z.object({ logical_operator: z.enum(LOGICAL_OPERATORS), conditions: z.array(ZCondition) }),
  request_for: z.null(),
  access_targets: z.array(ZAccessTarget),
  approver_policy: ZApproverPolicy.nullable(),
  escalation_policy: z.null(),
  grant_duration_in_min: z.number().int().nullable(),
  timeframe: z.null(),
  settings: ZAccessFlowSettingsV2,
  creation_date: ZIsoDateTime,
  update_date: ZIsoDateTime.nullable(),
});

export const ZAccessFlowListV2 = z.object({
  items: z.array(ZAccessFlowV2),
  pagination: z.object({ next_page_token: z.string().nullable() }),
});

export type TConditionUpsert = z.output<typeof ZConditionUpsert>;
export type TAccessFlowUpsert = z.output<typeof ZAccessFlowUpsert>;
export type TAccessFlowUpsertInput = z.input<typeof ZAccessFlowUpsert>;
export type TApproverPolicyUpsert = z.output<typeof ZApproverPolicyUpsert>;
export type TResourcesScope = z.output<typeof ZResourcesScope>;
export type TCondition = z.output<typeof ZCondition>;
export type TIntegrationAccessTarget = z.output<typeof ZIntegrationAccessTarget>;
export type TApproverPolicy = z.output<typeof ZApproverPolicy>;
export type TAccessFlowSettingsV2 = z.output<typeof ZAccessFlowSettingsV2>;
export type TAccessFlowV2 = z.output<typeof ZAccessFlowV2>;
export type TAccessFlowListV2 = z.output<typeof ZAccessFlowListV2>;
