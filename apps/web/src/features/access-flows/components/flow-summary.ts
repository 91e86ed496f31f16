import { resourceTypeLabel, type TAccessFlowV2, type TCondition } from "@portcullis/shared";

/** "60 min" → "1 h", "2 days", "90 min". */
export function durationLabel(minutes: number | null): string {
  if (!minutes) return "—";
  if (minutes % 1440 === 0) return minutes === 1440 ? "1 day" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

function conditionLabel(condition: TCondition): string {
  if (condition.type === "Owner") return "Owner";
  const values = (condition.values ?? []).join(", ");
  const source = condition.source_integration_name ? ` (${condition.source_integration_name})` : "";
  return `${condition.type === "group" ? "Groups" : "Users"}: ${values}${source}`;
}

export function requestorsLabel(flow: TAccessFlowV2): string {
  if (flow.requestors.conditions.length === 0) return "Anyone";
  return flow.requestors.conditions.map(conditionLabel).join("; ");
}

export function targetLabels(flow: TAccessFlowV2): string[] {
  return flow.access_targets.flatMap((target) => {
    const integration = target.integration;
    if (!integration) return [];
    const scopes = integration.resources_scopes?.length
      ? ` · ${integration.resources_scopes.length} scope${integration.resources_scopes.length === 1 ? "" : "s"}`
      : "";
    return [
      `${integration.integration_name} · ${resourceTypeLabel(integration.resource_type)} · ${integration.permissions.join(", ")}${scopes}`,
    ];
  });
}

export function approversLabel(flow: TAccessFlowV2): string {
  const policy = flow.approver_policy;
  if (!policy) return "No approval";
  const groups = policy.approver_groups.map((group) =>
    group.approvers.map(conditionLabel).join(group.logical_operator === "AND" ? " and " : " or "),
  );
  if (groups.length === 1) return groups[0] ?? "";
  return `${policy.approval_mode === "ALL_OF" ? "All of" : "Any of"}: ${groups.map((group) => `(${group})`).join(", ")}`;
}
