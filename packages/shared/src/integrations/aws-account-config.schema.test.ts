import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZAwsAccountConfig } from "./aws-account-config.schema.ts";

describe("ZAwsAccountConfig", () => {
  it("needs only a region and applies the profile default", () => {
    expect(ZAwsAccountConfig.parse({ region: "us-east-1" })).toEqual({
      region: "us-east-1",
      profile: "apono",
    });
  });
  it("keeps every setting as a string and drops empty optional ones", () => {
    expect(
      ZAwsAccountConfig.parse({
        region: "eu-west-1",
        profile: "prod",
        enable_audit: "true",
        credentials_rotation_period_in_days: "30",
      }),
    ).toEqual({
      region: "eu-west-1",
      profile: "prod",
      enable_audit: "true",
      credentials_rotation_period_in_days: "30",
    });
    const parsed = ZAwsAccountConfig.parse({
      region: "eu-west-1",
      profile: "",
      enable_audit: "",
      credentials_rotation_period_in_days: "",
    });
    expect(parsed).toEqual({ region: "eu-west-1", profile: "apono" });
    expect(Object.keys(parsed)).toEqual(["region", "profile"]);
  });
  it("requires the region", () => {
    expect(issuesOf(ZAwsAccountConfig, {})).toEqual([{ path: "region", message: "Select a region." }]);
  });
  it("rejects settings of the organization type and unknown keys", () => {
    expect(issuesOf(ZAwsAccountConfig, { region: "us-east-1", sso_portal: "https://a.b" })).toEqual([
      {
        path: "",
        message: 'Remove the field "sso_portal": it is not part of the Amazon Account integration config.',
      },
    ]);
  });
  it("reports every invalid setting at once", () => {
    expect(
      issuesOf(ZAwsAccountConfig, {
        region: "x",
        enable_audit: "maybe",
        credentials_rotation_period_in_days: "0",
      }),
    ).toEqual([
      {
        path: "region",
        message: '"x" is not an AWS region. Select a region from the list, such as us-east-1.',
      },
      { path: "enable_audit", message: 'Enable Audit must be "true" or "false".' },
      {
        path: "credentials_rotation_period_in_days",
        message: "Credential Rotation must be a whole number of days, 1 or more.",
      },
    ]);
  });
  it("rejects a non-object", () => {
    expect(issuesOf(ZAwsAccountConfig, "region=us-east-1")).toEqual([
      { path: "", message: "Send integration_config as an object of settings." },
    ]);
    expect(issuesOf(ZAwsAccountConfig, null)).toEqual([
      { path: "", message: "Send integration_config as an object of settings." },
    ]);
  });
});
