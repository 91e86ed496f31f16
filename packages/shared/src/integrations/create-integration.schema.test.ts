import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import {
  ZCreateAwsAccountIntegration,
  ZCreateAwsOrganizationIntegration,
  ZCreateIntegration,
  ZCreateIntegrationFor,
} from "./create-integration.schema.ts";

const account = {
  type: "aws-account",
  name: "Prod account",
  connector_id: "aws-connector-prod",
  integration_config: { region: "us-east-1" },
  connected_resource_types: ["aws-account-iam-role", "aws-account-s3-bucket"],
};

const organization = {
  type: "aws-organization",
  name: "Acme org",
  connector_id: "aws-connector-mgmt",
  integration_config: {
    region: "us-east-1",
    sso_region: "us-east-1",
    sso_portal: "https://acme.awsapps.com/start",
    management_account_role_arn: "arn:aws:iam::111122223333:role/PortcullisManagement",
    excluded_organization_unit_ids: "ou-ab12-abcdefgh",
  },
  connected_resource_types: ["aws-organization-account", "aws-organization-s3-bucket"],
  custom_access_details: "Sign in through the AWS access portal.",
  owner: {
    attribute_type: "group",
    attribute_value: ["platform-admins"],
    source_integration_reference: "Okta",
  },
  owners_mapping: { key_name: "owner", attribute_type: "group" },
};

describe("ZCreateIntegration", () => {
  it("parses an Amazon Account body, applying defaults", () => {
    expect(ZCreateIntegration.parse(account)).toEqual({
      ...account,
      integration_config: { region: "us-east-1", profile: "apono" },
    });
  });
  it("parses an Amazon Organization body with owners", () => {
    const parsed = ZCreateIntegration.parse(organization);
    expect(parsed.type).toBe("aws-organization");
    expect(parsed.integration_config).toEqual({
      ...organization.integration_config,
      member_account_role_name: "OrganizationAccountAccessRole",
    });
    expect(parsed.owner).toEqual(organization.owner);
    expect(parsed.owners_mapping).toEqual(organization.owners_mapping);
  });
  it("trims the name and normalises custom access details", () => {
    const parsed = ZCreateIntegration.parse({
      ...account,
      name: "  Prod  ",
      custom_access_details: "a\r\nb",
    });
    expect(parsed.name).toBe("Prod");
    expect(parsed.custom_access_details).toBe("a\nb");
  });
  it("accepts null for the optional fields", () => {
    expect(
      ZCreateIntegration.safeParse({
        ...account,
        custom_access_details: null,
        owner: null,
        owners_mapping: null,
        secret_store_config: null,
      }).success,
    ).toBe(true);
  });
  it("requires a known type", () => {
    const message = 'Choose an integration type: "aws-account" or "aws-organization".';
    expect(issuesOf(ZCreateIntegration, { ...account, type: "gcp-organization" })).toEqual([
      { path: "type", message },
    ]);
    expect(issuesOf(ZCreateIntegration, { ...account, type: undefined })).toEqual([
      { path: "type", message },
    ]);
  });
  it("rejects a body that is not an object", () => {
    expect(issuesOf(ZCreateIntegration, "x")).toEqual([
      { path: "", message: "Send the integration as a JSON object." },
    ]);
    expect(issuesOf(ZCreateIntegration, null)).toEqual([
      { path: "", message: "Send the integration as a JSON object." },
    ]);
  });
  it("requires a connector", () => {
    for (const connector_id of [undefined, null, "", "  "]) {
      expect(issuesOf(ZCreateIntegration, { ...account, connector_id })).toEqual([
        { path: "connector_id", message: "Select a connector." },
      ]);
    }
  });
  it("bounds the connector id", () => {
    expect(issuesOf(ZCreateIntegration, { ...account, connector_id: "c".repeat(129) })).toEqual([
      { path: "connector_id", message: "Connector ID must be at most 128 characters." },
    ]);
  });
  it("applies the naming rule", () => {
    expect(issuesOf(ZCreateIntegration, { ...account, name: "Prod/1" })).toEqual([
      { path: "name", message: "Name may contain only letters, digits, spaces, '-', '_' and '.'" },
    ]);
    expect(issuesOf(ZCreateIntegration, { ...account, name: "" })).toEqual([
      { path: "name", message: "Enter a name." },
    ]);
  });
  it("requires resource types of its own type", () => {
    expect(issuesOf(ZCreateIntegration, { ...account, connected_resource_types: [] })).toEqual([
      { path: "connected_resource_types", message: "Select at least one resource type." },
    ]);
    expect(
      issuesOf(ZCreateIntegration, { ...organization, connected_resource_types: ["aws-account-iam-role"] })[0]
        ?.message,
    ).toMatch(/^"aws-account-iam-role" is not a resource type of Amazon Organization\./);
  });
  it("validates the config of the chosen type", () => {
    expect(
      issuesOf(ZCreateIntegration, { ...account, integration_config: organization.integration_config }),
    ).toEqual([
      {
        path: "integration_config",
        message:
          'Remove the fields "sso_region", "sso_portal", "management_account_role_arn", "excluded_organization_unit_ids": they are not part of the Amazon Account integration config.',
      },
    ]);
    expect(issuesOf(ZCreateIntegration, { ...account, integration_config: undefined })).toEqual([
      { path: "integration_config", message: "Send integration_config as an object of settings." },
    ]);
  });
  it("requires an integration owner when a resource owner is set", () => {
    expect(issuesOf(ZCreateIntegration, { ...organization, owner: null })).toEqual([
      { path: "owner", message: "When a resource owner is defined, an integration owner must be defined." },
    ]);
    expect(issuesOf(ZCreateIntegration, { ...organization, owner: undefined })).toEqual([
      { path: "owner", message: "When a resource owner is defined, an integration owner must be defined." },
    ]);
  });
  it("reports the owner rule together with other errors", () => {
    expect(
      issuesOf(ZCreateIntegration, { ...organization, owner: null, name: "", connector_id: "" }),
    ).toEqual([
      { path: "name", message: "Enter a name." },
      { path: "connector_id", message: "Select a connector." },
      { path: "owner", message: "When a resource owner is defined, an integration owner must be defined." },
    ]);
  });
  it("rejects secret_store_config with an explanation", () => {
    expect(
      issuesOf(ZCreateIntegration, { ...account, secret_store_config: { aws: { region: "us-east-1" } } }),
    ).toEqual([
      {
        path: "secret_store_config",
        message:
          "Remove secret_store_config: AWS integrations read credentials through their connector, so an external secret store is not supported.",
      },
    ]);
  });
  it("rejects unknown fields", () => {
    expect(issuesOf(ZCreateIntegration, { ...account, category: "Cloud" })).toEqual([
      { path: "", message: 'Remove the field "category": it is not part of an integration.' },
    ]);
    expect(issuesOf(ZCreateIntegration, { ...account, id: "x" })).toEqual([
      { path: "", message: 'Remove "id": it is assigned by the server.' },
    ]);
  });
  it("reports huge strings as validation errors", () => {
    const huge = "x".repeat(2_000_000);
    const issues = issuesOf(ZCreateIntegration, {
      ...organization,
      name: huge,
      connector_id: huge,
      custom_access_details: huge,
      integration_config: {
        ...organization.integration_config,
        sso_portal: huge,
        management_account_role_arn: huge,
      },
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      "name",
      "connector_id",
      "custom_access_details",
      "integration_config.sso_portal",
      "integration_config.management_account_role_arn",
    ]);
    for (const issue of issues) expect(issue.message.length).toBeLessThan(200);
  });
  it("offers the branch schemas by type", () => {
    expect(ZCreateIntegrationFor["aws-account"]).toBe(ZCreateAwsAccountIntegration);
    expect(ZCreateIntegrationFor["aws-organization"]).toBe(ZCreateAwsOrganizationIntegration);
    expect(ZCreateAwsAccountIntegration.safeParse(organization).success).toBe(false);
  });
  it("parses what a blank wizard form holds into field errors", () => {
    const blankForm = {
      type: "aws-organization",
      name: "",
      connector_id: "",
      integration_config: {
        region: "",
        sso_region: "",
        sso_portal: "",
        management_account_role_arn: "",
        excluded_organization_unit_ids: "",
        member_account_role_name: "",
        enable_audit: "",
      },
      connected_resource_types: [],
      custom_access_details: "",
      owner: null,
      owners_mapping: null,
    };
    expect(issuesOf(ZCreateAwsOrganizationIntegration, blankForm)).toEqual([
      { path: "name", message: "Enter a name." },
      { path: "connector_id", message: "Select a connector." },
      { path: "integration_config.region", message: "Select a region." },
      { path: "integration_config.sso_region", message: "Select the AWS SSO region." },
      { path: "integration_config.sso_portal", message: "Enter the SSO portal URL." },
      {
        path: "integration_config.management_account_role_arn",
        message: "Enter the management account role ARN.",
      },
      { path: "connected_resource_types", message: "Select at least one resource type." },
    ]);
  });
});
