import {
  resourceTypeLabel,
  type TAccessFlowSettingsV2,
  type TAccessRequestEntitlementV4,
  type TAccessRequestV3,
  type TAccessRequestV4,
  type TApproverPolicy,
} from "@portcullis/shared";
import type { EntitlementRow, FullRequest } from "./access-request.repository.ts";

/** What a request keeps of its flow when it is made (flow_snapshot). */
export type FlowSnapshot = {
  name: string;
  approver_policy: TApproverPolicy | null;
  settings: TAccessFlowSettingsV2;
  grant_duration_in_min: number | null;
};

export function snapshotOf(row: Pick<FullRequest, "flowSnapshot">): FlowSnapshot {
  return row.flowSnapshot as unknown as FlowSnapshot;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toEntitlementV4(row: EntitlementRow): TAccessRequestEntitlementV4 {
  return {
    integration: { id: row.integrationId, name: row.integrationName },
    resource: {
      id: row.resourceId,
      source_id: row.resourceExternalId,
      type: { id: row.resourceType, label: resourceTypeLabel(row.resourceType) },
      name: row.resourceName,
    },
    permission: { name: row.permissionName },
    status: row.status,
    portcullis: {
      id: row.id,
      permission_id: row.permissionId,
      account_id: row.accountId,
      region: row.region,
      failure_reason: row.failureReason,
      failure_fix: row.failureFix,
      granted_at: iso(row.grantedAt),
      revoked_at: iso(row.revokedAt),
    },
  };
}

/** AccessRequestV4; `canDecide`: may the caller approve or reject it now. */
export function toAccessRequestV4(row: FullRequest, canDecide: boolean): TAccessRequestV4 {
  const snapshot = snapshotOf(row);
  const groups = new Map<string, { integration: { id: string; name: string }; types: Set<string> }>();
  for (const entitlement of row.entitlements) {
    const group = groups.get(entitlement.integrationId) ?? {
      integration: { id: entitlement.integrationId, name: entitlement.integrationName },
      types: new Set<string>(),
    };
    group.types.add(entitlement.resourceType);
    groups.set(entitlement.integrationId, group);
  }
  return {
    id: row.id,
    status: row.status,
    duration_in_sec: row.durationSec,
    justification: row.justification,
    creation_date: row.createdAt.toISOString(),
    revocation_date: iso(row.revokedAt),
    custom_fields: row.customFields as Record<string, string>,
    access_groups: [...groups.values()].map((group) => ({
      integration: group.integration,
      resource_types: [...group.types].map((id) => ({ id, label: resourceTypeLabel(id) })),
    })),
    requestor: row.requesterUserId ? { id: row.requesterUserId, source_id: row.requesterEmail } : null,
    grantee: row.granteePersonId ? { id: row.granteePersonId, source_id: row.granteeEmail } : null,
    bundle: null,
    portcullis: {
      number: row.number,
      access_flow_id: row.accessFlowId,
      access_flow_name: row.accessFlow?.name ?? snapshot.name,
      approval_mode: snapshot.approver_policy?.approval_mode ?? null,
      require_approver_reason: snapshot.settings.require_approver_reason,
      can_decide: canDecide,
      approvals: row.approvals.map((approval) => ({
        approver_id: approval.approverUserId,
        approver_email: approval.approverEmail,
        decision: approval.decision,
        reason: approval.reason,
        at: approval.at.toISOString(),
      })),
      entitlements: row.entitlements.map(toEntitlementV4),
      failure_reason: row.failureReason,
      failure_fix: row.failureFix,
      granted_at: iso(row.grantedAt),
      expires_at: iso(row.expiresAt),
      requested_again_of: row.requestedAgainOf,
    },
  };
}

/** The admin AccessRequest of /api/v3/access-requests. */
export function toAccessRequestV3(row: FullRequest): TAccessRequestV3 {
  return {
    request_id: row.id,
    friendly_request_id: String(row.number),
    user_id: row.requesterUserId ?? row.requesterEmail,
    status: row.status,
    integration_id: row.entitlements[0]?.integrationId ?? "",
    resource_ids: [...new Set(row.entitlements.map((e) => e.resourceId))],
    permissions: [...new Set(row.entitlements.map((e) => e.permissionName))],
    justification: row.justification ?? "",
  };
}
