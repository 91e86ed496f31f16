import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZCreateIntegration } from "../integrations/create-integration.schema.ts";
import {
  apiIssuesToFieldErrors,
  issuePath,
  validationErrorsToApiIssues,
  zodIssuesToApiIssues,
} from "./issues.ts";

describe("issuePath", () => {
  it("joins with dots like react-hook-form field names", () => {
    expect(issuePath(["owner", "attribute_value", 0])).toBe("owner.attribute_value.0");
    expect(issuePath([])).toBe("");
    expect(issuePath([Symbol("s")])).toBe("s");
  });
});

describe("zodIssuesToApiIssues", () => {
  it("maps a body's issues onto form field paths", () => {
    const result = ZCreateIntegration.safeParse({
      type: "aws-account",
      name: "",
      connector_id: "c",
      integration_config: { region: "" },
      connected_resource_types: ["aws-account-iam-role"],
    });
    expect(result.success).toBe(false);
    expect(zodIssuesToApiIssues(result.error!)).toEqual([
      { path: "name", message: "Enter a name." },
      { path: "integration_config.region", message: "Select a region." },
    ]);
  });
  it("accepts the issues array itself", () => {
    const error = z.object({ a: z.string() }).safeParse({}).error!;
    expect(zodIssuesToApiIssues(error.issues)).toEqual(zodIssuesToApiIssues(error));
  });
  it("reports the closest branch of a union, with its full path", () => {
    const ZValue = z.object({
      v: z.union([z.object({ kind: z.literal("a"), n: z.number() }), z.string({ error: "Send text." })]),
    });
    const error = ZValue.safeParse({ v: { kind: "a", n: "x" } }).error!;
    expect(zodIssuesToApiIssues(error)).toEqual([
      { path: "v.n", message: "Invalid input: expected number, received string" },
    ]);
  });
  it("keeps a union issue without branches (no matching discriminator)", () => {
    const error = ZCreateIntegration.safeParse({ type: "x" }).error!;
    expect(zodIssuesToApiIssues(error)).toEqual([
      { path: "type", message: 'Choose an integration type: "aws-account" or "aws-organization".' },
    ]);
  });
  it("removes exact duplicates and caps the count", () => {
    const error = z.array(z.string({ error: "Text." })).safeParse([1, 2, 3]).error!;
    expect(zodIssuesToApiIssues(error)).toHaveLength(3);
    expect(zodIssuesToApiIssues(error, { max: 2 })).toHaveLength(2);
    const duplicated = [...error.issues, ...error.issues];
    expect(zodIssuesToApiIssues(duplicated)).toHaveLength(3);
  });
  it("caps at 100 issues by default", () => {
    const error = z.array(z.string()).safeParse(Array.from({ length: 500 }, () => 1)).error!;
    expect(zodIssuesToApiIssues(error)).toHaveLength(100);
  });
});

describe("validationErrorsToApiIssues", () => {
  it("converts Fastify's instancePath to dotted paths", () => {
    expect(
      validationErrorsToApiIssues([
        { instancePath: "/integration_config/region", message: "Select a region." },
        { instancePath: "/", message: 'Remove the field "x": it is not part of an integration.' },
        { instancePath: "/a~1b/c~0d" },
      ]),
    ).toEqual([
      { path: "integration_config.region", message: "Select a region." },
      { path: "", message: 'Remove the field "x": it is not part of an integration.' },
      { path: "a/b.c~d", message: "This value is not valid." },
    ]);
  });
});

describe("apiIssuesToFieldErrors", () => {
  it("keeps the first message per field and puts body-level issues under root", () => {
    expect(
      apiIssuesToFieldErrors([
        { path: "name", message: "Enter a name." },
        { path: "name", message: "Second." },
        { path: "", message: "Remove the field." },
        { path: "integration_config.region", message: "Select a region." },
      ]),
    ).toEqual({
      name: "Enter a name.",
      root: "Remove the field.",
      "integration_config.region": "Select a region.",
    });
  });
  it("is safe for paths named like Object.prototype members", () => {
    const errors = apiIssuesToFieldErrors([
      { path: "constructor", message: "m" },
      { path: "__proto__", message: "p" },
    ]);
    expect(errors.constructor).toBe("m");
    expect(Object.keys(errors)).toEqual(["constructor", "__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
