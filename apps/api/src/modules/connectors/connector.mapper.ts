import { type TConnectorCheck, type TConnectorV3, ZConnectorCheck } from "@portcullis/shared";
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
export function toConnectorV3(row: Connector): TConnectorV3 {
  const connected = row.status === "CONNECTED";
  const lastConnected = row.lastConnected?.toISOString() ?? null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
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
    last_check: lastCheckOf(row),
  };
}
