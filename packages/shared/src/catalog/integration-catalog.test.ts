import { describe, expect, it } from "vitest";
import { AWS_ACCOUNT_CATALOG, AWS_ACCOUNT_RESOURCE_TYPES } from "./aws-account.catalog.ts";
import { AWS_ORGANIZATION_CATALOG, AWS_ORGANIZATION_RESOURCE_TYPES } from "./aws-organization.catalog.ts";
import {
  AWS_CATALOG_GROUP,
  CATALOG_GROUPS,
  CONFIG_DEFAULTS,
  getConfigParams,
  getIntegrationTypeDefinition,
  getResourceTypeIds,
  getResourceTypes,
  INTEGRATION_CATALOG,
  resourceTypeLabel,
} from "./integration-catalog.ts";
import { INTEGRATION_TYPES, isIntegrationType, ZIntegrationType } from "./integration-types.ts";

const param = (type: (typeof INTEGRATION_TYPES)[number], id: string) =>
  getConfigParams(type).find((p) => p.id === id);

describe("integration types", () => {
  it("are aws-account and aws-organization", () => {
    expect(INTEGRATION_TYPES).toEqual(["aws-account", "aws-organization"]);
    expect(isIntegrationType("aws-account")).toBe(true);
    expect(isIntegrationType("gcp-organization")).toBe(false);
    expect(isIntegrationType(undefined)).toBe(false);
  });
  it("ZIntegrationType explains the allowed values", () => {
    expect(ZIntegrationType.safeParse("x").error?.issues[0]?.message).toBe(
      'Choose an integration type: "aws-account" or "aws-organization".',
    );
  });
  it("each catalog entry is keyed by its own type, in category Cloud", () => {
    for (const type of INTEGRATION_TYPES) {
      expect(getIntegrationTypeDefinition(type).type).toBe(type);
      expect(INTEGRATION_CATALOG[type].category).toBe("Cloud");
    }
    expect(AWS_ACCOUNT_CATALOG.label).toBe("Amazon Account");
    expect(AWS_ORGANIZATION_CATALOG.label).toBe("Amazon Organization");
  });
});

describe("Amazon Account catalog", () => {
  it("has the documented settings, labels and help texts", () => {
    expect(getConfigParams("aws-account").map((p) => p.id)).toEqual([
      "region",
      "profile",
      "enable_audit",
      "credentials_rotation_period_in_days",
      "credentials_cleanup_period_in_days",
    ]);
    expect(param("aws-account", "region")).toMatchObject({
      label: "Region",
      optional: false,
      help: "Region in which the organization runs",
    });
    expect(param("aws-account", "region")?.values).toContain("us-east-1");
    expect(param("aws-account", "profile")).toMatchObject({
      label: "AWS Profile Name",
      optional: true,
      default: "apono",
      help: "Name of the AWS profile. By default, Portcullis sets this value to apono.",
    });
    expect(param("aws-account", "enable_audit")).toMatchObject({
      label: "Enable Audit",
      optional: true,
      default: "false",
      values: ["true", "false"],
      help: "Feature that allows Portcullis to ingest and aggregate session audit logs",
    });
    expect(param("aws-account", "credentials_rotation_period_in_days")).toMatchObject({
      label: "Credential Rotation",
      optional: true,
      step: "get-more",
      help: "Number of days after which the database credentials must be rotated",
    });
  });
  it("has the six resource types with global or region scope", () => {
    expect(getResourceTypeIds("aws-account")).toEqual([...AWS_ACCOUNT_RESOURCE_TYPES]);
    const scopes = Object.fromEntries(getResourceTypes("aws-account").map((r) => [r.id, r.scope]));
    expect(scopes).toEqual({
      "aws-account-iam-role": "global",
      "aws-account-iam-group": "global",
      "aws-account-iam-user": "global",
      "aws-account-s3-bucket": "global",
      "aws-account-ec2-instance": "region",
      "aws-account-rds-instance": "region",
    });
  });
  it("lists the SSM policy as the EC2 prerequisite", () => {
    const ec2 = getResourceTypes("aws-account").find((r) => r.id === "aws-account-ec2-instance");
    expect(ec2?.prerequisites.join(" ")).toContain("AmazonSSMManagedInstanceCore");
  });
});

describe("Amazon Organization catalog", () => {
  it("has the documented settings", () => {
    expect(getConfigParams("aws-organization").map((p) => p.id)).toEqual([
      "region",
      "sso_region",
      "sso_portal",
      "management_account_role_arn",
      "excluded_organization_unit_ids",
      "member_account_role_name",
      "enable_audit",
    ]);
    expect(param("aws-organization", "sso_region")).toMatchObject({
      label: "AWS SSO Region",
      optional: false,
      help: "Region for which your single sign-on is configured",
    });
    expect(param("aws-organization", "sso_portal")).toMatchObject({
      label: "SSO Portal",
      optional: false,
      help: "Single sign-on URL. This is required for Portcullis to generate a sign-in link for end users to use their granted access.",
    });
    expect(param("aws-organization", "management_account_role_arn")).toMatchObject({
      label: "Management Account Role ARN",
      optional: false,
    });
    expect(param("aws-organization", "excluded_organization_unit_ids")).toMatchObject({
      label: "Exclude Organization Unit IDs",
      optional: true,
    });
    expect(param("aws-organization", "excluded_organization_unit_ids")?.help).toMatch(
      /^ID of organizational units to exclude\. Example: ou-/,
    );
    expect(param("aws-organization", "member_account_role_name")).toMatchObject({
      label: "Member Account Role Name",
      optional: true,
      default: "OrganizationAccountAccessRole",
    });
    expect(param("aws-organization", "credentials_rotation_period_in_days")).toBeUndefined();
  });
  it("has the five resource types with organization or member-account scope", () => {
    expect(getResourceTypeIds("aws-organization")).toEqual([...AWS_ORGANIZATION_RESOURCE_TYPES]);
    const scopes = Object.fromEntries(getResourceTypes("aws-organization").map((r) => [r.id, r.scope]));
    expect(scopes).toEqual({
      "aws-organization-account": "organization",
      "aws-organization-permission-set": "organization",
      "aws-organization-group": "organization",
      "aws-organization-iam-role": "member-account",
      "aws-organization-s3-bucket": "member-account",
    });
  });
});

describe("catalog data", () => {
  it("every resource type has a label, a description and a prerequisites list", () => {
    for (const type of INTEGRATION_TYPES) {
      for (const resourceType of getResourceTypes(type)) {
        expect(resourceType.id.startsWith(`${type}-`)).toBe(true);
        expect(resourceType.label).not.toBe("");
        expect(resourceType.description).not.toBe("");
        expect(Array.isArray(resourceType.prerequisites)).toBe(true);
      }
    }
  });
  it("defaults match the catalog's param defaults", () => {
    expect(CONFIG_DEFAULTS["aws-account"]).toEqual({ profile: "apono" });
    expect(CONFIG_DEFAULTS["aws-organization"]).toEqual({
      member_account_role_name: "OrganizationAccountAccessRole",
    });
    for (const type of INTEGRATION_TYPES) {
      for (const [key, value] of Object.entries(CONFIG_DEFAULTS[type])) {
        expect(param(type, key)?.default).toBe(value);
      }
    }
  });
  it("has the AWS group tile with both types", () => {
    expect(AWS_CATALOG_GROUP).toMatchObject({ id: "aws", label: "AWS", category: "Cloud" });
    expect(AWS_CATALOG_GROUP.types).toEqual(["aws-account", "aws-organization"]);
    expect(AWS_CATALOG_GROUP.description).not.toBe("");
    expect(CATALOG_GROUPS).toEqual([AWS_CATALOG_GROUP]);
  });
  it("labels resource types", () => {
    expect(resourceTypeLabel("aws-account-s3-bucket")).toBe("S3 bucket");
    expect(resourceTypeLabel("aws-organization-group")).toBe("IAM Identity Center group");
    expect(resourceTypeLabel("unknown")).toBe("unknown");
  });
});
