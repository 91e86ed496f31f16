import {
  type TConnectorCheck,
  type TConnectorStatus,
  type TConnectorV3,
  ZConnectorCheck,
} from "@portcullis/shared";
import type { Connector } from "../../generated/prisma/client.ts";

/** Connectors are built into Portcullis (no separate agent to upgrade), so there is one version. */
export const CONNECTOR_VERSION = "portcullis-builtin-1";

/** The stored `last_check`, or null when it is missing or not in the expected shape. */
export function lastCheckOf(row: Pick<Connector, "lastCheck">): TConnectorCheck | null {
  const parsed = ZConnectorCheck.safeParse(row.lastCheck);
  return parsed.success ? parsed.data : null;
}

/**
 * ConnectorV3 plus our fields. A CONNECTED connector has one session (this process reaching
 * AWS) carrying the account and region, as Apono's connectors report theirs.
 */
/**
 * PENDING: a role ARN that has not worked yet (never checked, or AssumeRole failed while the
 * server's own credentials worked), so what is missing is the role or its trust policy.
 */
function viewStatus(row: Connector, check: TConnectorCheck | null): TConnectorStatus {
  if (row.status === "CONNECTED") return "CONNECTED";
  if (row.roleArn && (check === null || check.failed_step === "role")) return "PENDING";
  return "DISCONNECTED";
}

function pendingReason(row: Connector, check: TConnectorCheck | null): string | null {
  if (check === null) return `The role ${row.roleArn} has not been checked yet: Re-check once it exists.`;
  return check.message;
}

export function toConnectorV3(row: Connector, usedBy = 0): TConnectorV3 {
  const connected = row.status === "CONNECTED";
  const lastConnected = row.lastConnected?.toISOString() ?? null;
  const lastCheck = lastCheckOf(row);
  const status = viewStatus(row, lastCheck);
  return {
    id: row.id,
    name: row.name,
    status,
    version: CONNECTOR_VERSION,
    last_connected: lastConnected,
    is_latest_version: true,
    cloud_provider_type: "AWS",
    sessions:
      connected && lastConnected
        ? [
            {
              id: `${row.id}/builtin`,
              metadata: {
                cloud_provider_metadata: { aws_account_id: row.awsAccountId, region: row.region },
                connector_version: CONNECTOR_VERSION,
              },
              last_connected_time: lastConnected,
            },
          ]
        : [],
    role_arn: row.roleArn,
    external_id: row.externalId,
    region: row.region,
    aws_account_id: row.awsAccountId,
    last_check: lastCheck,
    credentials: row.roleArn ? "role" : "server",
    pending_reason: status === "PENDING" ? pendingReason(row, lastCheck) : null,
    used_by_integrations: usedBy,
  };
}
