import {
  CONFIG_DEFAULTS,
  isIntegrationType,
  type TPortalIntegration,
  type TPortalSignIn,
} from "@portcullis/shared";
import type { Integration } from "../../generated/prisma/client.ts";

function configOf(row: Integration): Record<string, string> {
  const value = row.integrationConfig;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** The ~/.aws/config block end users paste to use their granted access from the AWS CLI. */
export function cliProfileSnippet(profile: string, region: string): string {
  return `[profile ${profile}]\nregion = ${region}\noutput = json\n`;
}

/** Organizations sign in through the AWS access portal; accounts through a CLI profile. */
export function signInOf(row: Integration): TPortalSignIn {
  const config = configOf(row);
  if (row.type === "aws-organization") return { kind: "sso", url: config.sso_portal ?? "" };
  const profile = config.profile || CONFIG_DEFAULTS["aws-account"].profile;
  const region = config.region ?? "";
  return { kind: "cli-profile", profile, region, snippet: cliProfileSnippet(profile, region) };
}

export function toPortalIntegration(
  row: Integration & { _count: { resources: number } },
): TPortalIntegration {
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
