import type {
  TAccessFlowV2,
  TApproverPolicy,
  TCondition,
  TIntegrationAccessTarget,
} from "@portcullis/shared";
import type { AccessFlow } from "../../generated/prisma/client.ts";

/** Stored JSON of a flow (written by the service in the answer's own shape). */
export type StoredRequestors = { logical_operator: "AND" | "OR"; conditions: TCondition[] };
export type StoredSettings = TAccessFlowV2["settings"];

export function storedTargets(row: Pick<AccessFlow, "accessTargets">): TIntegrationAccessTarget[] {
  return row.accessTargets as unknown as TIntegrationAccessTarget[];
}

export function storedPolicy(row: Pick<AccessFlow, "approverPolicy">): TApproverPolicy | null {
  return (row.approverPolicy as unknown as TApproverPolicy | null) ?? null;
}

export function storedSettings(row: Pick<AccessFlow, "settings">): StoredSettings {
  return row.settings as unknown as StoredSettings;
}

export function storedRequestors(row: Pick<AccessFlow, "requestors">): StoredRequestors {
  return row.requestors as unknown as StoredRequestors;
}

/** AccessFlowV2; integration names are the current ones (`names` by integration id). */
export function toAccessFlowV2(row: AccessFlow, names: ReadonlyMap<string, string>): TAccessFlowV2 {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    active: row.active,
    trigger: "SELF_SERVE",
    requestors: storedRequestors(row),
    request_for: null,
    access_targets: storedTargets(row).map((target) => ({
      integration: {
        ...target,
        integration_name: names.get(target.integration_id) ?? target.integration_name,
      },
      bundle: null,
      access_scope: null,
    })),
    approver_policy: storedPolicy(row),
    escalation_policy: null,
    grant_duration_in_min: row.grantDurationInMin,
    timeframe: null,
    settings: storedSettings(row),
    creation_date: row.createdAt.toISOString(),
    update_date: row.updatedAt.toISOString(),
  };
}
