import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import {
  makeUpdateIntegrationSchema,
  ZUpdateAwsAccountIntegration,
  ZUpdateAwsOrganizationIntegration,
  ZUpdateIntegration,
  ZUpdateIntegrationFor,
} from "./update-integration.schema.ts";

const accountUpdate = {
  name: "Prod account",
  connector_id: "aws-connector-prod",
  integration_config: { region: "us-east-1", enable_audit: "true" },
  connected_resource_types: ["aws-account-iam-role"],
};

describe("ZUpdateIntegrationFor / makeUpdateIntegrationSchema", () => {
  it("picks the schema of the integration's type", () => {
    expect(makeUpdateIntegrationSchema("aws-account")).toBe(ZUpdateAwsAccountIntegration);
    expect(makeUpdateIntegrationSchema("aws-organization")).toBe(ZUpdateAwsOrganizationIntegration);
    expect(ZUpdateIntegrationFor["aws-account"]).toBe(ZUpdateAwsAccountIntegration);
  });
  it("parses an update, applying defaults", () => {
    expect(ZUpdateAwsAccountIntegration.parse(accountUpdate)).toEqual({
      ...accountUpdate,
      integration_config: { region: "us-east-1", profile: "apono", enable_audit: "true" },
    });
  });
  it("rejects a type change with an explanation", () => {
    expect(issuesOf(ZUpdateAwsAccountIntegration, { ...accountUpdate, type: "aws-account" })).toEqual([
      {
        path: "",
        message: 'Remove "type": the type of an integration cannot be changed after it is created.',
      },
    ]);
  });
  it("validates config and resource types by type", () => {
    expect(issuesOf(ZUpdateAwsOrganizationIntegration, accountUpdate)).toEqual([
      { path: "integration_config.sso_region", message: "Select the AWS SSO region." },
      { path: "integration_config.sso_portal", message: "Enter the SSO portal URL." },
      {
        path: "integration_config.management_account_role_arn",
        message: "Enter the management account role ARN.",
      },
      {
        path: "connected_resource_types",
        message: expect.stringMatching(
          /^"aws-account-iam-role" is not a resource type of Amazon Organization\./,
        ),
      },
    ]);
  });
  it("requires an integration owner when a resource owner is set", () => {
    expect(
      issuesOf(ZUpdateAwsAccountIntegration, {
        ...accountUpdate,
        owners_mapping: { key_name: "o", attribute_type: "user" },
      }),
    ).toEqual([
      { path: "owner", message: "When a resource owner is defined, an integration owner must be defined." },
    ]);
  });
  it("rejects secret_store_config", () => {
    expect(
      issuesOf(ZUpdateAwsAccountIntegration, { ...accountUpdate, secret_store_config: {} })[0]?.path,
    ).toBe("secret_store_config");
  });
});

describe("ZUpdateIntegration (type not known yet)", () => {
  it("accepts any map of strings as config", () => {
    expect(
      ZUpdateIntegration.parse({ ...accountUpdate, integration_config: { anything: "x" } })
        .integration_config,
    ).toEqual({
      anything: "x",
    });
  });
  it("still applies the common rules", () => {
    expect(
      issuesOf(ZUpdateIntegration, {
        ...accountUpdate,
        name: "",
        connected_resource_types: [],
        owners_mapping: { key_name: "o", attribute_type: "user" },
        type: "aws-account",
      }),
    ).toEqual([
      { path: "name", message: "Enter a name." },
      { path: "connected_resource_types", message: "Select at least one resource type." },
      {
        path: "",
        message: 'Remove "type": the type of an integration cannot be changed after it is created.',
      },
      { path: "owner", message: "When a resource owner is defined, an integration owner must be defined." },
    ]);
  });
});
