import { type TIntegrationV4, WIZARD_STEPS, ZCreateIntegrationFor } from "@portcullis/shared";
import { describe, expect, it } from "vitest";
import {
  emptyWizardValues,
  firstStepWithError,
  valuesFromIntegration,
  withNestedFields,
} from "./wizard-values.ts";

describe("wizard values", () => {
  it("start with the catalog defaults", () => {
    expect(emptyWizardValues("aws-account").integration_config).toEqual({
      region: "",
      profile: "apono",
      enable_audit: "false",
      credentials_rotation_period_in_days: "",
      credentials_cleanup_period_in_days: "",
    });
    expect(emptyWizardValues("aws-organization").integration_config.member_account_role_name).toBe(
      "OrganizationAccountAccessRole",
    );
  });

  it("fail the shared schema on exactly the fields the admin must fill", () => {
    const result = ZCreateIntegrationFor["aws-account"].safeParse(emptyWizardValues("aws-account"));
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join(".")).sort();
    expect(paths).toEqual(["connected_resource_types", "connector_id", "integration_config.region", "name"]);
  });

  it("parse once filled in", () => {
    const values = {
      ...emptyWizardValues("aws-account"),
      name: "Prod",
      connector_id: "aws-connector-prod",
      connected_resource_types: ["aws-account-s3-bucket"],
      integration_config: { ...emptyWizardValues("aws-account").integration_config, region: "us-east-1" },
    };
    const parsed = ZCreateIntegrationFor["aws-account"].parse(values);
    expect(parsed.integration_config).toEqual({
      region: "us-east-1",
      profile: "apono",
      enable_audit: "false",
    });
    expect(parsed.custom_access_details).toBeNull();
  });

  it("round-trip a saved integration without its type", () => {
    const saved = {
      id: "6f1c0b1e-3a43-4a5e-9a63-0f7c2f1f6d11",
      name: "Org",
      type: "aws-organization",
      category: "Cloud",
      connector_id: "aws-connector-a",
      status: "Active",
      last_sync_time: null,
      integration_config: { region: "eu-west-1", sso_region: "eu-west-1", unknown_key: "x" },
      connected_resource_types: ["aws-organization-account"],
      custom_access_details: null,
      owner: {
        attribute_type: "group",
        attribute_value: ["Platform"],
        source_integration_reference: "portcullis-directory",
      },
      owners_mapping: null,
      portcullis: {
        status_message: null,
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
        sync: null,
        errors: [],
      },
    } satisfies TIntegrationV4;
    const values = valuesFromIntegration(saved);
    expect(values.type).toBeUndefined();
    expect(values.integration_config.unknown_key).toBeUndefined();
    expect(values.integration_config.member_account_role_name).toBe("OrganizationAccountAccessRole");
    expect(values.owner?.attribute_value).toEqual(["Platform"]);
  });

  it("find the first step holding an error", () => {
    const steps = WIZARD_STEPS["aws-organization"];
    expect(firstStepWithError(steps, {})).toBeNull();
    expect(
      firstStepWithError(steps, {
        owner: { message: "x", type: "custom" },
        name: { message: "y", type: "custom" },
      })?.id,
    ).toBe("integration-config");
    expect(
      firstStepWithError(steps, {
        integration_config: { excluded_organization_unit_ids: { message: "z", type: "custom" } },
      })?.id,
    ).toBe("integration-config");
  });
});

describe("withNestedFields", () => {
  it("adds the sub-fields of the owner settings", () => {
    expect(withNestedFields(["custom_access_details", "owner", "owners_mapping"])).toEqual([
      "custom_access_details",
      "owner",
      "owner.attribute_type",
      "owner.attribute_value",
      "owner.source_integration_reference",
      "owners_mapping",
      "owners_mapping.key_name",
      "owners_mapping.attribute_type",
      "owners_mapping.source_integration_reference",
    ]);
  });
});
