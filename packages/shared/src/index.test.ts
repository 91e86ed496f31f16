import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as shared from "./index.ts";

const schemas: Array<[string, z.ZodType]> = [];
for (const [name, value] of Object.entries(shared as Record<string, unknown>)) {
  if (value instanceof z.ZodType) schemas.push([name, value]);
}

// Response shapes: the API serialises them with `encode`, and documents them as output.
const RESPONSE_SCHEMAS = [
  "ZAccessFlowListV2",
  "ZAccessFlowV2",
  "ZAccessRequestListV3",
  "ZAccessRequestListV4",
  "ZAccessRequestV4",
  "ZAccessSessionDetailsV1",
  "ZAccessSessionListV1",
  "ZPermissionListV3",
  "ZSelectableIntegrationList",
  "ZSelectablePermissions",
  "ZSelectableResourceList",
  "ZSelectableResourceTypeList",
  "ZApiError",
  "ZApiToken",
  "ZAppUser",
  "ZCatalogListV2",
  "ZConnectorListV3",
  "ZConnectorV3",
  "ZCreatedApiToken",
  "ZDirectoryGroup",
  "ZDirectoryUser",
  "ZIdentityProvider",
  "ZIntegrationConfigV2",
  "ZIntegrationListV4",
  "ZIntegrationV4",
  "ZMe",
  "ZMessageResponse",
  "ZPortalIntegration",
  "ZResourceListV3",
  "ZResourceV3",
  "ZSyncRun",
] as const;

describe("package entry point", () => {
  it("exports the documented API", () => {
    for (const name of [
      "ZCreateIntegration",
      "ZUpdateIntegration",
      "makeUpdateIntegrationSchema",
      "ZUpdateIntegrationFor",
      "WIZARD_STEPS",
      "FIELD_HELP",
      "countAccessDetailsCharacters",
      "CUSTOM_ACCESS_DETAILS_MAX",
      "withConfigDefaults",
      "toIntegrationConfigV2",
      "AWS_REGIONS",
      "AWS_CATALOG_GROUP",
      "ZCreateConnector",
      "ZUpdateConnector",
      "connectorIdFromName",
      "ZListIntegrationsQuery",
      "ZListResourcesQuery",
      "isTerminalStatus",
      "INTEGRATION_STATUSES",
      "ZLoginBody",
      "ZCreateApiToken",
      "ZCreateAppUser",
      "ZDirectorySearchQuery",
      "toTerraformHcl",
      "zodIssuesToApiIssues",
      ...RESPONSE_SCHEMAS,
    ]) {
      expect(shared, name).toHaveProperty(name);
    }
  });
  it("names every zod schema with a Z prefix", () => {
    expect(schemas.length).toBeGreaterThan(50);
    for (const [name] of schemas) expect(name).toMatch(/^Z[A-Z]/);
  });
  it("every schema converts to JSON Schema for request documentation (input)", () => {
    for (const [name, schema] of schemas) {
      for (const target of ["draft-2020-12", "openapi-3.0"] as const) {
        expect(
          () => z.toJSONSchema(schema, { io: "input", target, unrepresentable: "any" }),
          name,
        ).not.toThrow();
      }
    }
  });
  it("response schemas have no transforms, so they document and encode as they are", () => {
    for (const name of RESPONSE_SCHEMAS) {
      const schema = (shared as Record<string, unknown>)[name] as z.ZodType;
      expect(() => z.toJSONSchema(schema, { io: "output", target: "openapi-3.0" }), name).not.toThrow();
    }
  });
  it("request bodies document strictness and required fields", () => {
    const json = z.toJSONSchema(shared.ZCreateAwsAccountIntegration, { io: "input" }) as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(json.additionalProperties).toBe(false);
    expect(json.required).toEqual(
      expect.arrayContaining([
        "type",
        "name",
        "connector_id",
        "integration_config",
        "connected_resource_types",
      ]),
    );
  });
});
