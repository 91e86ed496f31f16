import { describe, expect, it } from "vitest";
import { INTEGRATION_TYPES } from "../catalog/integration-types.ts";
import { ZCreateIntegrationFor } from "./create-integration.schema.ts";
import { FIELD_HELP } from "./field-help.ts";
import { WIZARD_STEPS, wizardStepForField } from "./wizard-steps.ts";

describe("WIZARD_STEPS", () => {
  it("follow the documented sections in order", () => {
    for (const type of INTEGRATION_TYPES) {
      expect(WIZARD_STEPS[type].map((step) => [step.id, step.title])).toEqual([
        ["resource-types", "Resource types"],
        ["connector", "Connector"],
        ["integration-config", "Integration Config"],
        ["get-more", "Get more with Portcullis"],
        ["confirm", "Confirm"],
      ]);
    }
  });
  it("place the account's fields as documented", () => {
    const fields = Object.fromEntries(WIZARD_STEPS["aws-account"].map((step) => [step.id, step.fields]));
    expect(fields).toEqual({
      "resource-types": ["connected_resource_types"],
      connector: ["connector_id"],
      "integration-config": [
        "name",
        "integration_config.region",
        "integration_config.profile",
        "integration_config.enable_audit",
      ],
      "get-more": [
        "integration_config.credentials_rotation_period_in_days",
        "integration_config.credentials_cleanup_period_in_days",
        "custom_access_details",
        "owner",
        "owners_mapping",
      ],
      confirm: [],
    });
  });
  it("place the organization's fields as documented", () => {
    const fields = Object.fromEntries(WIZARD_STEPS["aws-organization"].map((step) => [step.id, step.fields]));
    expect(fields["integration-config"]).toEqual([
      "name",
      "integration_config.region",
      "integration_config.sso_region",
      "integration_config.sso_portal",
      "integration_config.management_account_role_arn",
      "integration_config.excluded_organization_unit_ids",
      "integration_config.member_account_role_name",
      "integration_config.enable_audit",
    ]);
    expect(fields["get-more"]).toEqual(["custom_access_details", "owner", "owners_mapping"]);
  });
  it("cover every field of the create body except type and secret_store_config", () => {
    for (const type of INTEGRATION_TYPES) {
      const listed = WIZARD_STEPS[type].flatMap((step) => step.fields.map((field) => field.split(".")[0]));
      const shape = Object.keys(ZCreateIntegrationFor[type].shape).filter(
        (key) => key !== "type" && key !== "secret_store_config",
      );
      expect(new Set(listed)).toEqual(new Set(shape));
      const configKeys = Object.keys(ZCreateIntegrationFor[type].shape.integration_config.in.shape);
      const configFields = WIZARD_STEPS[type]
        .flatMap((step) => step.fields)
        .filter((field) => field.startsWith("integration_config."))
        .map((field) => field.slice("integration_config.".length));
      expect(configFields.sort()).toEqual(configKeys.sort());
    }
  });
  it("have help for every field", () => {
    for (const type of INTEGRATION_TYPES) {
      for (const field of WIZARD_STEPS[type].flatMap((step) => step.fields)) {
        expect(FIELD_HELP[field]?.label, field).toBeTruthy();
        expect(FIELD_HELP[field]?.help, field).toBeTruthy();
      }
    }
  });
});

describe("wizardStepForField", () => {
  it("finds the step of a field path, including nested paths", () => {
    expect(wizardStepForField("aws-account", "connected_resource_types")).toBe("resource-types");
    expect(wizardStepForField("aws-account", "connector_id")).toBe("connector");
    expect(wizardStepForField("aws-account", "integration_config.region")).toBe("integration-config");
    expect(wizardStepForField("aws-account", "integration_config.credentials_rotation_period_in_days")).toBe(
      "get-more",
    );
    expect(wizardStepForField("aws-organization", "owner.attribute_value")).toBe("get-more");
    expect(wizardStepForField("aws-organization", "owners_mapping.key_name")).toBe("get-more");
  });
  it("falls back to the confirm step", () => {
    expect(wizardStepForField("aws-account", "")).toBe("confirm");
    expect(wizardStepForField("aws-account", "integration_config")).toBe("confirm");
    expect(wizardStepForField("aws-account", "ownerX")).toBe("confirm");
  });
});
