import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZAwsAccountConfig } from "./aws-account-config.schema.ts";
import { ZAwsOrganizationConfig } from "./aws-organization-config.schema.ts";
import {
  withConfigDefaults,
  ZIntegrationConfigFor,
  ZIntegrationConfigMap,
} from "./integration-config.schema.ts";

describe("ZIntegrationConfigFor", () => {
  it("maps each type to its config schema", () => {
    expect(ZIntegrationConfigFor["aws-account"]).toBe(ZAwsAccountConfig);
    expect(ZIntegrationConfigFor["aws-organization"]).toBe(ZAwsOrganizationConfig);
  });
});

describe("withConfigDefaults", () => {
  it("fills in the account's profile", () => {
    expect(withConfigDefaults("aws-account", { region: "us-east-1" })).toEqual({
      region: "us-east-1",
      profile: "apono",
    });
  });
  it("fills in the organization's member role", () => {
    expect(withConfigDefaults("aws-organization", { region: "us-east-1" })).toEqual({
      region: "us-east-1",
      member_account_role_name: "OrganizationAccountAccessRole",
    });
  });
  it("keeps set values and treats empty ones as unset", () => {
    expect(
      withConfigDefaults("aws-account", {
        region: "us-east-1",
        profile: "",
        enable_audit: undefined,
        x: null,
      }),
    ).toEqual({ region: "us-east-1", profile: "apono" });
    expect(withConfigDefaults("aws-account", { profile: "prod" })).toEqual({ profile: "prod" });
  });
  it("does not modify its argument", () => {
    const config = { region: "us-east-1" };
    withConfigDefaults("aws-account", config);
    expect(config).toEqual({ region: "us-east-1" });
  });
});

describe("ZIntegrationConfigMap", () => {
  it("accepts a map of strings", () => {
    expect(ZIntegrationConfigMap.parse({ region: "us-east-1", anything: "x" })).toEqual({
      region: "us-east-1",
      anything: "x",
    });
  });
  it("rejects non-string values and non-objects", () => {
    expect(issuesOf(ZIntegrationConfigMap, { region: 1 })).toEqual([
      { path: "region", message: "Send every integration config value as a string." },
    ]);
    expect(issuesOf(ZIntegrationConfigMap, [])).toEqual([
      { path: "", message: "Send integration_config as an object of settings." },
    ]);
  });
  it("bounds keys, values and entries", () => {
    expect(issuesOf(ZIntegrationConfigMap, { ["k".repeat(65)]: "v" })[0]?.message).toBe(
      "Integration config keys must be at most 64 characters.",
    );
    expect(issuesOf(ZIntegrationConfigMap, { k: "v".repeat(8193) })).toEqual([
      { path: "k", message: "Integration config values must be at most 8192 characters." },
    ]);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(issuesOf(ZIntegrationConfigMap, many)).toEqual([
      { path: "", message: "Integration config may have at most 50 settings." },
    ]);
  });
});
