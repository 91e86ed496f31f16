import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import {
  checkOwnerRequiredForMapping,
  OWNER_REQUIRED_MESSAGE,
  RUN_EVEN_WITH_FIELD_ERRORS,
  ZOwner,
  ZOwnersMapping,
  ZTagKeyName,
} from "./owner.schema.ts";

describe("ZOwner", () => {
  it("accepts users or groups, trimmed", () => {
    expect(ZOwner.parse({ attribute_type: "user", attribute_value: [" ana@example.com "] })).toEqual({
      attribute_type: "user",
      attribute_value: ["ana@example.com"],
    });
    expect(
      ZOwner.parse({
        attribute_type: "group",
        attribute_value: ["g-1", "g-2"],
        source_integration_reference: "Okta",
      }),
    ).toEqual({
      attribute_type: "group",
      attribute_value: ["g-1", "g-2"],
      source_integration_reference: "Okta",
    });
  });
  it("turns an empty source reference into null", () => {
    expect(
      ZOwner.parse({ attribute_type: "user", attribute_value: ["a"], source_integration_reference: "" })
        .source_integration_reference,
    ).toBeNull();
  });
  it("requires an attribute type of user or group", () => {
    expect(issuesOf(ZOwner, { attribute_type: "role", attribute_value: ["a"] })).toEqual([
      { path: "attribute_type", message: "Select an attribute: user or group." },
    ]);
  });
  it("requires at least one value", () => {
    for (const attribute_value of [[], undefined]) {
      expect(issuesOf(ZOwner, { attribute_type: "user", attribute_value })).toEqual([
        { path: "attribute_value", message: "Select at least one user or group." },
      ]);
    }
  });
  it("rejects empty and repeated values on the list", () => {
    expect(issuesOf(ZOwner, { attribute_type: "user", attribute_value: ["a", " "] })).toEqual([
      { path: "attribute_value", message: "Remove empty entries from the owners." },
    ]);
    expect(issuesOf(ZOwner, { attribute_type: "user", attribute_value: ["a", "b", " a"] })).toEqual([
      { path: "attribute_value", message: 'Select each owner only once: "a" is listed more than once.' },
    ]);
  });
  it("bounds the list and each value", () => {
    expect(issuesOf(ZOwner, { attribute_type: "user", attribute_value: ["x".repeat(257)] })).toEqual([
      { path: "attribute_value", message: "Each owner must be at most 256 characters." },
    ]);
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect(issuesOf(ZOwner, { attribute_type: "user", attribute_value: many })).toEqual([
      { path: "attribute_value", message: "Select at most 100 users or groups." },
    ]);
  });
  it("rejects unknown fields", () => {
    expect(
      issuesOf(ZOwner, { attribute_type: "user", attribute_value: ["a"], source_integration_id: "x" }),
    ).toEqual([
      {
        path: "",
        message: 'Remove the field "source_integration_id": it is not part of the integration owner.',
      },
    ]);
  });
});

describe("ZTagKeyName", () => {
  it("accepts AWS tag keys, trimmed", () => {
    expect(ZTagKeyName.parse(" owner ")).toBe("owner");
    expect(ZTagKeyName.parse("team:owner/approver=1+2-3@x")).toBe("team:owner/approver=1+2-3@x");
    expect(ZTagKeyName.parse("Propriétaire")).toBe("Propriétaire");
  });
  it("requires a key", () => {
    expect(issuesOf(ZTagKeyName, "")).toEqual([
      { path: "", message: "Enter the tag key that names the resource owner." },
    ]);
  });
  it("allows 128 characters and rejects 129", () => {
    expect(ZTagKeyName.safeParse("k".repeat(128)).success).toBe(true);
    expect(issuesOf(ZTagKeyName, "k".repeat(129))).toEqual([
      { path: "", message: "Key name must be at most 128 characters." },
    ]);
  });
  it("rejects characters AWS does not allow in tag keys", () => {
    expect(issuesOf(ZTagKeyName, "owner#1")).toEqual([
      {
        path: "",
        message: "Key name may contain only letters, digits, spaces and the characters _ . : / = + - @",
      },
    ]);
  });
});

describe("ZOwnersMapping", () => {
  it("accepts a key name and attribute type", () => {
    expect(ZOwnersMapping.parse({ key_name: "owner", attribute_type: "group" })).toEqual({
      key_name: "owner",
      attribute_type: "group",
    });
  });
  it("accepts any attribute a source has, such as department or manager", () => {
    expect(ZOwnersMapping.parse({ key_name: "team", attribute_type: "department" }).attribute_type).toBe(
      "department",
    );
    expect(ZOwnersMapping.safeParse({ key_name: "team", attribute_type: "shoe_size" }).success).toBe(false);
  });
  it("reports missing fields", () => {
    expect(issuesOf(ZOwnersMapping, {})).toEqual([
      { path: "key_name", message: "Enter the tag key that names the resource owner." },
      {
        path: "attribute_type",
        message:
          "Select an attribute: user, group or another attribute of a source (email, user_name, department, manager, title, employee_number, cost_center, organization, division, external_id).",
      },
    ]);
  });
});

describe("owner required for owners_mapping", () => {
  const ZBody = z
    .object({ name: z.string(), owner: z.unknown().optional(), owners_mapping: z.unknown().optional() })
    .superRefine(checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS);

  it("has the documented message", () => {
    expect(OWNER_REQUIRED_MESSAGE).toBe(
      "When a resource owner is defined, an integration owner must be defined.",
    );
  });
  it("requires owner when owners_mapping is set", () => {
    expect(issuesOf(ZBody, { name: "a", owners_mapping: {} })).toEqual([
      { path: "owner", message: OWNER_REQUIRED_MESSAGE },
    ]);
    expect(issuesOf(ZBody, { name: "a", owners_mapping: {}, owner: null })).toEqual([
      { path: "owner", message: OWNER_REQUIRED_MESSAGE },
    ]);
  });
  it("passes without owners_mapping, or with both", () => {
    expect(issuesOf(ZBody, { name: "a" })).toEqual([]);
    expect(issuesOf(ZBody, { name: "a", owners_mapping: null })).toEqual([]);
    expect(issuesOf(ZBody, { name: "a", owners_mapping: {}, owner: {} })).toEqual([]);
  });
  it("is reported together with other field errors", () => {
    expect(issuesOf(ZBody, { owners_mapping: {} })).toEqual([
      { path: "name", message: "Invalid input: expected string, received undefined" },
      { path: "owner", message: OWNER_REQUIRED_MESSAGE },
    ]);
  });
});
