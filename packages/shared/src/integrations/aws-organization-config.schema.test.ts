import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZAwsOrganizationConfig } from "./aws-organization-config.schema.ts";

const valid = {
  region: "us-east-1",
  sso_region: "eu-west-1",
  sso_portal: "https://my-org.awsapps.com/start",
  management_account_role_arn: "arn:aws:iam::123456789012:role/PortcullisManagement",
};

describe("ZAwsOrganizationConfig", () => {
  it("applies the member role default", () => {
    expect(ZAwsOrganizationConfig.parse(valid)).toEqual({
      ...valid,
      member_account_role_name: "OrganizationAccountAccessRole",
    });
  });
  it("normalises the excluded OU list and keeps enable_audit", () => {
    expect(
      ZAwsOrganizationConfig.parse({
        ...valid,
        excluded_organization_unit_ids: "ou-aaa1-11111111, ou-aaa1-11111111",
        member_account_role_name: "Reader",
        enable_audit: "false",
      }),
    ).toEqual({
      ...valid,
      excluded_organization_unit_ids: "ou-aaa1-11111111",
      member_account_role_name: "Reader",
      enable_audit: "false",
    });
  });
  it("drops an empty OU list", () => {
    expect(ZAwsOrganizationConfig.parse({ ...valid, excluded_organization_unit_ids: "" })).not.toHaveProperty(
      "excluded_organization_unit_ids",
    );
  });
  it("requires region, SSO region, SSO portal and management role", () => {
    expect(issuesOf(ZAwsOrganizationConfig, {})).toEqual([
      { path: "region", message: "Select a region." },
      { path: "sso_region", message: "Select the AWS SSO region." },
      { path: "sso_portal", message: "Enter the SSO portal URL." },
      { path: "management_account_role_arn", message: "Enter the management account role ARN." },
    ]);
  });
  it("explains why account-only settings are rejected", () => {
    expect(issuesOf(ZAwsOrganizationConfig, { ...valid, credentials_rotation_period_in_days: "30" })).toEqual(
      [
        {
          path: "",
          message:
            'Remove "credentials_rotation_period_in_days": Credential Rotation is only available for Amazon Account integrations.',
        },
      ],
    );
    expect(issuesOf(ZAwsOrganizationConfig, { ...valid, profile: "apono" })).toEqual([
      {
        path: "",
        message: 'Remove "profile": AWS Profile Name is only available for Amazon Account integrations.',
      },
    ]);
  });
  it("rejects unknown keys", () => {
    expect(issuesOf(ZAwsOrganizationConfig, { ...valid, foo: "1", bar: "2" })).toEqual([
      {
        path: "",
        message:
          'Remove the fields "foo", "bar": they are not part of the Amazon Organization integration config.',
      },
    ]);
  });
  it("rejects values that are not strings", () => {
    expect(issuesOf(ZAwsOrganizationConfig, { ...valid, sso_portal: 5, enable_audit: false })).toEqual([
      { path: "sso_portal", message: "Send SSO Portal as a string." },
      { path: "enable_audit", message: 'Enable Audit must be "true" or "false".' },
    ]);
  });
});
