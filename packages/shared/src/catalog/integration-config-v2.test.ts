import { describe, expect, it } from "vitest";
import { ZIntegrationConfigV2 } from "../api/catalog.schema.ts";
import { AWS_REGION_CODES } from "./aws-regions.ts";
import { toIntegrationConfigV2 } from "./integration-config-v2.ts";

describe("toIntegrationConfigV2", () => {
  it("produces the published IntegrationConfig shape for an account", () => {
    const config = toIntegrationConfigV2("aws-account");
    expect(ZIntegrationConfigV2.parse(config)).toEqual(config);
    expect(config).toMatchObject({
      name: "Amazon Account",
      type: "aws-account",
      requires_secret: false,
      supported_secret_types: [],
    });
    expect(Object.keys(config).sort()).toEqual(
      ["description", "name", "params", "requires_secret", "supported_secret_types", "type"].sort(),
    );
    expect(config.params).toEqual([
      { id: "region", label: "Region", values: [...AWS_REGION_CODES], default: "", optional: false },
      { id: "profile", label: "AWS Profile Name", values: [], default: "apono", optional: true },
      {
        id: "enable_audit",
        label: "Enable Audit",
        values: ["true", "false"],
        default: "false",
        optional: true,
      },
      {
        id: "credentials_rotation_period_in_days",
        label: "Credential Rotation",
        values: [],
        default: "",
        optional: true,
      },
      {
        id: "credentials_cleanup_period_in_days",
        label: "Credentials Cleanup Period",
        values: [],
        default: "",
        optional: true,
      },
    ]);
  });
  it("produces an organization entry with required SSO settings", () => {
    const config = toIntegrationConfigV2("aws-organization");
    expect(config.name).toBe("Amazon Organization");
    const byId = Object.fromEntries(config.params.map((p) => [p.id, p]));
    expect(byId.sso_portal).toEqual({
      id: "sso_portal",
      label: "SSO Portal",
      values: [],
      default: "",
      optional: false,
    });
    expect(byId.member_account_role_name?.default).toBe("OrganizationAccountAccessRole");
    expect(byId.sso_region?.values).toEqual([...AWS_REGION_CODES]);
  });
  it("returns copies, so callers cannot change the catalog", () => {
    const first = toIntegrationConfigV2("aws-account");
    first.params[0]?.values.push("mars-1");
    expect(toIntegrationConfigV2("aws-account").params[0]?.values).not.toContain("mars-1");
  });
});
