import { isIntegrationType, withConfigDefaults } from "@portcullis/shared";
import { parseStoredConfig } from "../core/integration-config.ts";
import type { GrantConnector, GrantContext } from "./types.ts";

export class GrantContextError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** The plain values the spine reads from an integration row and its connector. */
export type GrantContextInput = {
  integrationId: string;
  /** integrations.type: "aws-account" or "aws-organization". */
  type: string;
  /** integrations.integration_config as stored (JSON). */
  integrationConfig: unknown;
  connector: GrantConnector | null;
};

function required(config: Record<string, string>, key: string, label: string): string {
  const value = config[key];
  if (!value) {
    throw new GrantContextError(
      `The integration has no ${label}.`,
      `Edit the integration and set ${label}, then retry the grant.`,
    );
  }
  return value;
}

/**
 * How the integration's AWS is reached, from the same settings discovery reads (see
 * discovery/sync/sync-target.ts): the connector, and for an organization the management role
 * (Identity Center is called with it, in the SSO Region) and the member role (IAM grants in a
 * member account are made with it). Throws GrantContextError with the fix when a setting is missing.
 */
export function buildGrantContext(input: GrantContextInput): GrantContext {
  if (!input.connector) {
    throw new GrantContextError(
      "The integration has no connector.",
      "Edit the integration and select a connector, then retry the grant.",
    );
  }
  if (!isIntegrationType(input.type)) {
    throw new GrantContextError(`Unknown integration type ${input.type}.`, "Create the integration again.");
  }
  const config = withConfigDefaults(input.type, parseStoredConfig(input.integrationConfig));
  const common = {
    integrationId: input.integrationId,
    connector: input.connector,
    region: config.region || input.connector.region,
  };
  if (input.type === "aws-account") return { ...common, kind: "aws-account" };
  return {
    ...common,
    kind: "aws-organization",
    ssoRegion: required(config, "sso_region", "AWS SSO Region"),
    managementRoleArn: required(config, "management_account_role_arn", "Management Account Role ARN"),
    memberRoleName: config.member_account_role_name || "OrganizationAccountAccessRole",
  };
}
