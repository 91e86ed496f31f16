import {
  CONFIG_DEFAULTS,
  isIntegrationType,
  type TPortalIntegration,
  type TPortalSignIn,
} from "@portcullis/shared";
import type { PortalIntegrationRow } from "./portal.repository.ts";

/** The ~/.aws/config block end users paste to use their granted access from the AWS CLI. */
export function cliProfileSnippet(profile: string, region: string): string {
  return `[profile ${profile}]\nregion = ${region}\noutput = json\n`;
}

/** Organizations sign in through the AWS access portal; accounts through a CLI profile. */
export function signInOf(row: Pick<PortalIntegrationRow, "type" | "integrationConfig">): TPortalSignIn {
  const config = row.integrationConfig;
  if (row.type === "aws-organization") return { kind: "sso", url: config.sso_portal ?? "" };
  const profile = config.profile || CONFIG_DEFAULTS["aws-account"].profile;
  const region = config.region ?? "";
  return { kind: "cli-profile", profile, region, snippet: cliProfileSnippet(profile, region) };
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
