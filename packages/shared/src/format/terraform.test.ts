import { describe, expect, it } from "vitest";
import { ZCreateIntegration } from "../integrations/create-integration.schema.ts";
import { hclString, terraformResourceLabel, toTerraformHcl } from "./terraform.ts";

describe("hclString", () => {
  it("escapes quotes, backslashes and control characters", () => {
    expect(hclString('say "hi"')).toBe('"say \\"hi\\""');
    expect(hclString("C:\\temp")).toBe('"C:\\\\temp"');
    expect(hclString("a\nb\r\tc")).toBe('"a\\nb\\r\\tc"');
    expect(hclString("bell\u0007")).toBe('"bell\\u0007"');
  });
  it("doubles template introducers so nothing is interpolated", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation syntax is the input under test
    expect(hclString("${var.x} and %{ if }")).toBe('"$${var.x} and %%{ if }"');
    expect(hclString("$5 and 100%")).toBe('"$5 and 100%"');
  });
  it("keeps Unicode as is", () => {
    expect(hclString("Propriétaire 👍🏽")).toBe('"Propriétaire 👍🏽"');
  });
});

describe("terraformResourceLabel", () => {
  it.each([
    ["Prod account", "prod_account"],
    ["  Prod--US.East ", "prod_us_east"],
    ["2024 audit", "integration_2024_audit"],
    ["...", "integration"],
  ])("%j → %j", (name, label) => {
    expect(terraformResourceLabel(name)).toBe(label);
  });
});

describe("toTerraformHcl", () => {
  it("writes an account integration", () => {
    const body = ZCreateIntegration.parse({
      type: "aws-account",
      name: "Prod account",
      connector_id: "aws-connector-prod",
      integration_config: { region: "us-east-1", credentials_rotation_period_in_days: "30" },
      connected_resource_types: ["aws-account-iam-role", "aws-account-s3-bucket"],
    });
    expect(toTerraformHcl(body)).toBe(
      [
        'resource "apono_resource_integration" "prod_account" {',
        '  name                     = "Prod account"',
        '  type                     = "aws-account"',
        '  connector_id             = "aws-connector-prod"',
        '  connected_resource_types = ["aws-account-iam-role", "aws-account-s3-bucket"]',
        "",
        "  integration_config = {",
        '    region                              = "us-east-1"',
        '    profile                             = "apono"',
        '    credentials_rotation_period_in_days = "30"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
  it("writes access details and owners, escaped", () => {
    const hcl = toTerraformHcl({
      type: "aws-organization",
      name: "Acme org",
      connector_id: "aws-connector-mgmt",
      integration_config: {
        region: "us-east-1",
        excluded_organization_unit_ids: undefined,
        enable_audit: "",
      },
      connected_resource_types: ["aws-organization-account"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL interpolation syntax is the input under test
      custom_access_details: 'Use "Acme SSO".\nThen run ${cmd} in C:\\tools.',
      owner: {
        attribute_type: "group",
        attribute_value: ["admins", 'odd "one"'],
        source_integration_reference: "Okta",
      },
      owners_mapping: { key_name: "owner", attribute_type: "group", source_integration_reference: null },
    });
    expect(hcl).toContain('  integration_config = {\n    region = "us-east-1"\n  }\n');
    expect(hcl).not.toContain("excluded_organization_unit_ids");
    expect(hcl).not.toContain("enable_audit");
    expect(hcl).toContain(
      '  custom_access_details = "Use \\"Acme SSO\\".\\nThen run $${cmd} in C:\\\\tools."',
    );
    expect(hcl).toContain(
      [
        "  owner = {",
        '    source_integration_name = "Okta"',
        '    type                    = "group"',
        '    values                  = ["admins", "odd \\"one\\""]',
        "  }",
      ].join("\n"),
    );
    expect(hcl).toContain(
      ["  owners_mapping = {", '    key_name       = "owner"', '    attribute_type = "group"', "  }"].join(
        "\n",
      ),
    );
    expect(hcl.endsWith("}\n")).toBe(true);
  });
  it("quotes config keys that are not identifiers and handles an empty config", () => {
    expect(
      toTerraformHcl({ type: "aws-account", name: "x", integration_config: { "odd key": "v" } }),
    ).toContain('    "odd key" = "v"');
    const empty = toTerraformHcl({ type: "aws-account", name: "x", integration_config: {} });
    expect(empty).toContain("  integration_config = {}");
    expect(empty).toContain("  connected_resource_types = []");
    expect(empty).not.toContain("connector_id");
  });
  it("escapes a hostile name in the resource label and the name", () => {
    const hcl = toTerraformHcl({ type: "aws-account", name: '"} evil {"', integration_config: {} });
    expect(hcl.split("\n")[0]).toBe('resource "apono_resource_integration" "evil" {');
    expect(hcl).toContain('  name                     = "\\"} evil {\\""');
  });
});
