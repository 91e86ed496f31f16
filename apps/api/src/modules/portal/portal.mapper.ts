import {
  CONFIG_DEFAULTS,
  isIntegrationType,
  type TPortalIntegration,
  type TPortalSignIn,
} from "@portcullis/shared";
import type { PortalIntegrationRow } from "./portal.repository.ts";

/** Lowercase letters, digits and dashes: safe in an ~/.aws/config section name. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "integration"
  );
}

/**
 * The CLI profile name of an integration: the admin's AWS Profile Name (default `apono`) and the
 * integration's name, so two integrations never share one (names are unique).
 */
export function cliProfileName(profile: string | undefined, integrationName: string): string {
  return `${slug(profile || CONFIG_DEFAULTS["aws-account"].profile)}-${slug(integrationName)}`;
}

/** The role the user's granted access names; the account's ID is filled in when known. */
export const ROLE_NAME_PLACEHOLDER = "YOUR_GRANTED_ROLE";

/** An ~/.aws/config role profile in the integration's account, from the default credentials. */
export function cliProfileSnippet(profile: string, region: string, accountId: string | null): string {
  return [
    `[profile ${profile}]`,
    `role_arn = arn:aws:iam::${accountId ?? "ACCOUNT_ID"}:role/${ROLE_NAME_PLACEHOLDER}`,
    "source_profile = default",
    `role_session_name = ${profile}`,
    `region = ${region}`,
    "output = json",
    "",
  ].join("\n");
}

/** An ~/.aws/config `sso-session`: `aws sso login --sso-session <name>` signs in through it. */
export function ssoSessionSnippet(name: string, startUrl: string, ssoRegion: string): string {
  return [
    `[sso-session ${name}]`,
    `sso_start_url = ${startUrl}`,
    `sso_region = ${ssoRegion}`,
    "sso_registration_scopes = sso:account:access",
    "",
  ].join("\n");
}

/** Organizations sign in through the AWS access portal; accounts through a CLI role profile. */
export function signInOf(
  row: Pick<PortalIntegrationRow, "type" | "integrationConfig" | "name"> & {
    connector?: { awsAccountId: string | null } | null;
  },
): TPortalSignIn {
  const config = row.integrationConfig;
  if (row.type === "aws-organization") {
    const name = cliProfileName(undefined, row.name);
    const url = config.sso_portal ?? "";
    const ssoRegion = config.sso_region || config.region || "";
    return { kind: "sso", url, profile: name, snippet: ssoSessionSnippet(name, url, ssoRegion) };
  }
  const profile = cliProfileName(config.profile, row.name);
  const region = config.region ?? "";
  const accountId = row.connector?.awsAccountId ?? null;
  return { kind: "cli-profile", profile, region, snippet: cliProfileSnippet(profile, region, accountId) };
}

export function toPortalIntegration(row: PortalIntegrationRow): TPortalIntegration {
  if (!isIntegrationType(row.type)) throw new Error(`Integration ${row.id} has unknown type ${row.type}`);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    custom_access_details: row.customAccessDetails,
    sign_in: signInOf(row),
    resource_count: row._count.resources,
  };
}
