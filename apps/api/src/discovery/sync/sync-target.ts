import { isIntegrationType, parseOrganizationUnitIds, withConfigDefaults } from "@portcullis/shared";
import { parseStoredConfig } from "../../core/integration-config.ts";
import type { Db } from "../../db/prisma.ts";
import type { Connector, Integration } from "../../generated/prisma/client.ts";
import { DiscoveryError } from "./discovery-error.ts";

type Common = {
  integration: Pick<Integration, "id" | "name" | "owner" | "ownersMapping">;
  connector: Connector;
  /** Selected resource types. */
  types: string[];
  /** The integration's region: EC2 and RDS are read there, global APIs are called there. */
  region: string;
};

export type AccountTarget = Common & { kind: "aws-account" };

export type OrganizationTarget = Common & {
  kind: "aws-organization";
  ssoRegion: string;
  managementRoleArn: string;
  excludedOus: ReadonlySet<string>;
  memberRoleName: string;
};

/** An integration ready to be fetched: its connector and its settings, read once. */
export type SyncTarget = AccountTarget | OrganizationTarget;

function invalid(message: string, fix: string): DiscoveryError {
  return new DiscoveryError({ code: "InvalidConfiguration", message, fix, retryable: false });
}

function required(config: Record<string, string>, key: string, label: string): string {
  const value = config[key];
  if (!value) throw invalid(`The integration has no ${label}.`, `Edit the integration and set ${label}.`);
  return value;
}

/** Null when the integration is gone (deleted while its fetch waited). */
export async function loadSyncTarget(db: Db, integrationId: string): Promise<SyncTarget | null> {
  const integration = await db.integration.findUnique({
    where: { id: integrationId },
    include: { connector: true },
  });
  if (!integration) return null;
  if (!integration.connector) {
    throw invalid(
      "The integration has no connector.",
      "Edit the integration and select a connector, then fetch again.",
    );
  }
  if (!isIntegrationType(integration.type)) {
    throw invalid(
      `Unknown integration type ${integration.type}.`,
      "Delete this integration and create it again.",
    );
  }
  const config = withConfigDefaults(integration.type, parseStoredConfig(integration.integrationConfig));
  const common: Common = {
    integration,
    connector: integration.connector,
    types: integration.connectedResourceTypes,
    region: config.region || integration.connector.region,
  };
  if (integration.type === "aws-account") return { ...common, kind: "aws-account" };
  return {
    ...common,
    kind: "aws-organization",
    ssoRegion: required(config, "sso_region", "AWS SSO Region"),
    managementRoleArn: required(config, "management_account_role_arn", "Management Account Role ARN"),
    excludedOus: new Set(parseOrganizationUnitIds(config.excluded_organization_unit_ids ?? "")),
    memberRoleName: config.member_account_role_name || "OrganizationAccountAccessRole",
  };
}
