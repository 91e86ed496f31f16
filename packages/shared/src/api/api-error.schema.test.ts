import { describe, expect, it } from "vitest";
import { toIntegrationConfigV2 } from "../catalog/integration-config-v2.ts";
import { ZApiError } from "./api-error.schema.ts";
import { ZCatalogListV2 } from "./catalog.schema.ts";
import { ZMessageResponse } from "./message-response.schema.ts";

describe("ZApiError", () => {
  it("accepts an error with and without issues", () => {
    const error = {
      statusCode: 400,
      error: "Bad Request",
      message: "Some fields need your attention.",
      requestId: "req-1",
      issues: [{ path: "integration_config.region", message: "Select a region." }],
    };
    expect(ZApiError.parse(error)).toEqual(error);
    const { issues: _issues, ...withoutIssues } = error;
    expect(ZApiError.parse(withoutIssues)).toEqual(withoutIssues);
  });
  it("drops internal fields such as a stack", () => {
    expect(
      ZApiError.parse({
        statusCode: 500,
        error: "Internal Server Error",
        message: "m",
        requestId: "r",
        stack: "…",
      }),
    ).not.toHaveProperty("stack");
  });
});

describe("ZMessageResponse", () => {
  it("has a message", () => {
    expect(ZMessageResponse.parse({ message: "Refresh started." })).toEqual({ message: "Refresh started." });
    expect(ZMessageResponse.safeParse({}).success).toBe(false);
  });
});

describe("ZCatalogListV2", () => {
  it("holds the catalog entries with offset pagination", () => {
    const list = {
      data: [toIntegrationConfigV2("aws-account"), toIntegrationConfigV2("aws-organization")],
      pagination: { total: 2, limit: 100, offset: 0 },
    };
    expect(ZCatalogListV2.parse(list)).toEqual(list);
  });
});
