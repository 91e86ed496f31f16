import { describe, expect, it } from "vitest";
import { INTEGRATION_CATALOG } from "../catalog/integration-catalog.ts";
import { INTEGRATION_TYPES } from "../catalog/integration-types.ts";
import { CONFIG_FIELDS, configShape, formatConfigValue } from "./config-field-registry.ts";
import { ZIntegrationConfigFor } from "./integration-config.schema.ts";

describe("CONFIG_FIELDS", () => {
  it("is keyed by each field's own id", () => {
    for (const [key, field] of Object.entries(CONFIG_FIELDS)) expect(field.id).toBe(key);
  });
  it("is what the catalog lists and what each type's config schema validates", () => {
    for (const type of INTEGRATION_TYPES) {
      const params = INTEGRATION_CATALOG[type].params;
      for (const param of params) expect(param).toBe(CONFIG_FIELDS[param.id]);
      expect(Object.keys(ZIntegrationConfigFor[type].in.shape)).toEqual(params.map((param) => param.id));
    }
  });
  it("gives each kind the input it needs", () => {
    const kinds = Object.fromEntries(Object.values(CONFIG_FIELDS).map((field) => [field.id, field.kind]));
    expect(kinds).toEqual({
      region: "region",
      profile: "text",
      enable_audit: "boolean",
      credentials_rotation_period_in_days: "days",
      credentials_cleanup_period_in_days: "days",
      sso_region: "region",
      sso_portal: "text",
      management_account_role_arn: "text",
      excluded_organization_unit_ids: "ou-list",
      member_account_role_name: "text",
    });
  });
  it("configShape maps ids to schemas", () => {
    expect(configShape([CONFIG_FIELDS.region, CONFIG_FIELDS.profile])).toEqual({
      region: CONFIG_FIELDS.region.schema,
      profile: CONFIG_FIELDS.profile.schema,
    });
  });
});

describe("formatConfigValue", () => {
  it("says Not set for an empty value of any kind", () => {
    for (const field of Object.values(CONFIG_FIELDS)) {
      expect(formatConfigValue(field, "")).toBe("Not set");
      expect(formatConfigValue(field, undefined)).toBe("Not set");
      expect(formatConfigValue(field, null)).toBe("Not set");
    }
  });
  it("formats each kind", () => {
    expect(formatConfigValue({ kind: "region" }, "eu-west-1")).toBe("eu-west-1 — Europe (Ireland)");
    expect(formatConfigValue({ kind: "region" }, "xx-nowhere-9")).toBe("xx-nowhere-9");
    expect(formatConfigValue({ kind: "boolean" }, "true")).toBe("On");
    expect(formatConfigValue({ kind: "boolean" }, "false")).toBe("Off");
    expect(formatConfigValue({ kind: "days" }, "1")).toBe("Every day");
    expect(formatConfigValue({ kind: "days" }, "90")).toBe("Every 90 days");
    expect(formatConfigValue({ kind: "ou-list" }, "ou-a,ou-b")).toBe("ou-a, ou-b");
    expect(formatConfigValue({ kind: "text" }, "apono")).toBe("apono");
  });
});
