import type { TIntegrationV4 } from "@portcullis/shared";
import { describe, expect, it } from "vitest";
import { failingField } from "./failing-field.ts";

function failed(
  config: Record<string, string>,
  errors: Array<{ scope: string; code: string; message: string }>,
): TIntegrationV4 {
  return {
    integration_config: config,
    portcullis: {
      status_message: null,
      errors: errors.map((error) => ({
        ...error,
        account_id: null,
        region: null,
        resource_type: null,
        fix: "",
      })),
    },
  } as unknown as TIntegrationV4;
}

describe("failingField", () => {
  it("opens the configuration value an error names", () => {
    const arn = "arn:aws:iam::111111111111:role/DoesNotExist";
    const integration = failed({ region: "us-east-1", management_account_role_arn: arn }, [
      {
        scope: "connector",
        code: "AccessDenied",
        message: `The role ${arn} cannot be assumed in us-east-1.`,
      },
    ]);
    expect(failingField(integration)).toBe("integration_config.management_account_role_arn");
  });

  it("falls back to the connector when the fetch could not start", () => {
    const integration = failed({ region: "us-east-1" }, [
      { scope: "connector", code: "NoCredentials", message: "No credentials." },
    ]);
    expect(failingField(integration)).toBe("connector_id");
  });
});
