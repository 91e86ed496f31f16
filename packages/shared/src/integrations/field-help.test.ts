import { describe, expect, it } from "vitest";
import { ZExcludedOrganizationUnitIdsField } from "./config-fields.schema.ts";
import { FIELD_HELP } from "./field-help.ts";

describe("FIELD_HELP", () => {
  it("has the documentation's labels and texts", () => {
    expect(FIELD_HELP.name).toEqual({
      label: "Integration Name",
      help: "Unique, alphanumeric, user-friendly name used to identify this integration when constructing an access flow",
      optional: false,
    });
    expect(FIELD_HELP["integration_config.region"]).toMatchObject({
      label: "Region",
      help: "Region in which the organization runs",
      optional: false,
    });
    expect(FIELD_HELP["integration_config.profile"]).toMatchObject({
      label: "AWS Profile Name",
      help: "Name of the AWS profile. By default, Portcullis sets this value to apono.",
      optional: true,
      placeholder: "apono",
    });
    expect(FIELD_HELP["integration_config.enable_audit"]?.help).toBe(
      "Feature that allows Portcullis to ingest and aggregate session audit logs",
    );
    expect(FIELD_HELP["integration_config.credentials_rotation_period_in_days"]?.label).toBe(
      "Credential Rotation",
    );
    expect(FIELD_HELP["integration_config.sso_portal"]?.help).toBe(
      "Single sign-on URL. This is required for Portcullis to generate a sign-in link for end users to use their granted access.",
    );
    expect(FIELD_HELP.custom_access_details?.help).toContain("up to 400 characters");
    expect(FIELD_HELP.owner?.label).toBe("Integration Owner");
    expect(FIELD_HELP.owners_mapping?.label).toBe("Resource Owner");
    expect(FIELD_HELP["owners_mapping.key_name"]?.help).toContain(
      "name of the tag created in your cloud environment",
    );
    expect(FIELD_HELP.connector_id?.label).toBe("Connector");
    expect(FIELD_HELP.connected_resource_types?.label).toBe("Resource types");
  });
  it("never mentions Apono", () => {
    for (const help of Object.values(FIELD_HELP)) {
      expect(`${help.label} ${help.help}`).not.toMatch(/\bApono\b/);
    }
  });
  it("shows an OU example that passes validation", () => {
    const help = FIELD_HELP["integration_config.excluded_organization_unit_ids"]?.help ?? "";
    expect(help).toBe("ID of organizational units to exclude. Example: ou-aaa1-11111111,ou-bbb2-22222222");
    const example = help.split("Example: ")[1];
    expect(ZExcludedOrganizationUnitIdsField.safeParse(example).success).toBe(true);
  });
});
