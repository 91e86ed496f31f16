import { describe, expect, it } from "vitest";
import { toIntegrationConfigV2 } from "../catalog/integration-config-v2.ts";
import { API_ERROR_CODES, ZApiError, ZApiErrorCode } from "./api-error.schema.ts";
import { ZCatalogListV2 } from "./catalog.schema.ts";
import { ZMessageResponse } from "./message-response.schema.ts";

describe("API_ERROR_CODES", () => {
  it("gives each code one error status and a description", () => {
    for (const [code, { status, description }] of Object.entries(API_ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+[A-Z]$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(description.length).toBeGreaterThan(10);
    }
  });
  it("includes the codes scripts are told to branch on", () => {
    for (const code of ["INTEGRATION_NAME_TAKEN", "CONNECTOR_IN_USE", "VALIDATION_FAILED", "NOT_FOUND"])
      expect(ZApiErrorCode.options).toContain(code);
  });
  it("refuses an error without a known code", () => {
    const error = { statusCode: 400, error: "Bad Request", message: "m", requestId: "r" };
    expect(ZApiError.safeParse(error).success).toBe(false);
    expect(ZApiError.safeParse({ ...error, code: "SOMETHING_ELSE" }).success).toBe(false);
  });
});

describe("ZApiError", () => {
  it("accepts an error with and without issues", () => {
    const error = {
      statusCode: 400,
      error: "Bad Request",
      code: "VALIDATION_FAILED",
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
        code: "INTERNAL_ERROR",
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
