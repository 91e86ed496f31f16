import {
  apiIssuesToFieldErrors,
  defaultAccessFlowUpsert,
  type TAccessFlowUpsertInput,
  type TAccessFlowV2,
  type TCondition,
} from "@portcullis/shared";
import type { UseFormSetError } from "react-hook-form";
import { errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";

/** The editor works on the upsert body itself, so the API's issue paths are the form's field names. */
export type FlowFormValues = TAccessFlowUpsertInput;
export type ConditionInput = NonNullable<FlowFormValues["requestors"]["conditions"]>[number];

function conditionInput(condition: TCondition): ConditionInput {
  return {
    type: condition.type,
    source_integration_reference: condition.source_integration_id,
    match_operator: "is",
    values: condition.values ?? [],
  };
}

/** A saved flow (AccessFlowV2) as the body that would save it unchanged. */
export function flowToFormValues(flow: TAccessFlowV2 | undefined): FlowFormValues {
  if (!flow) return defaultAccessFlowUpsert();
  return {
    name: flow.name,
    description: flow.description,
    active: flow.active,
    trigger: "SELF_SERVE",
    requestors: {
      logical_operator: flow.requestors.logical_operator,
      conditions: flow.requestors.conditions.map(conditionInput),
    },
    access_targets: flow.access_targets.flatMap((target) =>
      target.integration
        ? [
            {
              integration: {
                integration_reference: target.integration.integration_id,
                resource_type: target.integration.resource_type,
                permissions: target.integration.permissions,
                resources_scopes: (target.integration.resources_scopes ?? []).map((scope) => ({
                  scope_mode: scope.scope_mode,
                  type: scope.type,
                  key: scope.key,
                  values: scope.values,
                })),
              },
            },
          ]
        : [],
    ),
    approver_policy: flow.approver_policy
      ? {
          approval_mode: flow.approver_policy.approval_mode,
          approver_groups: flow.approver_policy.approver_groups.map((group) => ({
            logical_operator: group.logical_operator,
            approvers: group.approvers.map(conditionInput),
          })),
        }
      : null,
    grant_duration_in_min: flow.grant_duration_in_min,
    settings: {
      justification_required: flow.settings.justification_required,
      require_approver_reason: flow.settings.require_approver_reason,
      requestor_cannot_approve_himself: flow.settings.requestor_cannot_approve_himself,
      labels: flow.settings.labels,
    },
    request_for_others: false,
  };
}

// Paths the editor shows an error under; anything else is listed above the form. A message about
// one entry of a list (values.2, permissions.0) is shown under the list.
const SHOWN_PATHS = [
  /^name$/,
  /^description$/,
  /^requestors\.conditions\.\d+\.(values|source_integration_reference|type)$/,
  /^access_targets$/,
  /^access_targets\.\d+\.integration(\.(integration_reference|resource_type|permissions))?$/,
  /^access_targets\.\d+\.integration\.resources_scopes\.\d+\.(scope_mode|type|key|values)$/,
  /^approver_policy\.approval_mode$/,
  /^approver_policy\.approver_groups(\.\d+\.approvers)?$/,
  /^approver_policy\.approver_groups\.\d+\.approvers\.\d+\.(values|type|source_integration_reference)$/,
  /^grant_duration_in_min$/,
];

function shownPath(path: string): string | null {
  const listPath = path.replace(/\.(values|permissions)\.\d+$/, ".$1");
  return SHOWN_PATHS.some((pattern) => pattern.test(listPath)) ? listPath : null;
}

/**
 * Puts the API's words under the fields they name; returns what to show above the form (the
 * messages about no field the editor has, or the error itself), or null when all are placed.
 */
export function applyFlowErrors(error: unknown, setError: UseFormSetError<FlowFormValues>): string | null {
  if (!isApiError(error)) return errorMessage(error);
  const byPath = apiIssuesToFieldErrors(error.issues);
  if (error.code === "ACCESS_FLOW_NAME_TAKEN" && !byPath.name) byPath.name = error.message;
  const unplaced: string[] = [];
  let placed = 0;
  for (const [path, message] of Object.entries(byPath)) {
    const field = shownPath(path);
    if (field) {
      // Dynamic paths: the API's issue paths are the body's, which the form mirrors.
      setError(field as Parameters<UseFormSetError<FlowFormValues>>[0], { message });
      placed += 1;
    } else unplaced.push(message);
  }
  if (placed === 0 && unplaced.length === 0) return error.message;
  return unplaced.length > 0 ? unplaced.join(" ") : null;
}
