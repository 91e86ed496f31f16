import { describe, expect, it } from "vitest";
import { ZPortalIntegration } from "./portal.schema.ts";

describe("ZPortalIntegration", () => {
  const base = {
    id: "i-1",
    name: "Acme org",
    type: "aws-organization",
    custom_access_details: null,
    resource_count: 12,
  };
  it("accepts an SSO sign-in", () => {
    const value = {
      ...base,
      sign_in: {
        kind: "sso",
        url: "https://acme.awsapps.com/start",
        profile: "apono-acme-org",
        snippet: "[sso-session apono-acme-org]\nsso_start_url = https://acme.awsapps.com/start\n",
      },
    };
    expect(ZPortalIntegration.parse(value)).toEqual(value);
  });
  it("accepts a CLI profile sign-in", () => {
    const value = {
      ...base,
      type: "aws-account",
      custom_access_details: "Connect to the VPN first.",
      sign_in: {
        kind: "cli-profile",
        profile: "apono",
        region: "us-east-1",
        snippet: "[profile apono]\nregion = us-east-1",
      },
    };
    expect(ZPortalIntegration.parse(value)).toEqual(value);
  });
  it("rejects a sign-in of an unknown kind or missing fields", () => {
    expect(ZPortalIntegration.safeParse({ ...base, sign_in: { kind: "password" } }).success).toBe(false);
    expect(
      ZPortalIntegration.safeParse({ ...base, sign_in: { kind: "cli-profile", profile: "a" } }).success,
    ).toBe(false);
  });
});
