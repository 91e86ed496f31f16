import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZCreateConnector, ZUpdateConnector } from "./connector-input.schema.ts";

const ROLE = "arn:aws:iam::123456789012:role/PortcullisConnector";

describe("ZCreateConnector", () => {
  it("accepts a name, region and optional role", () => {
    expect(ZCreateConnector.parse({ name: " Prod US East ", region: "us-east-1", role_arn: ROLE })).toEqual({
      name: "Prod US East",
      region: "us-east-1",
      role_arn: ROLE,
    });
    expect(ZCreateConnector.parse({ name: "Prod", region: "us-east-1" })).toEqual({
      name: "Prod",
      region: "us-east-1",
    });
  });
  it("treats an empty or null role as no role", () => {
    expect(
      ZCreateConnector.parse({ name: "Prod", region: "us-east-1", role_arn: "" }).role_arn,
    ).toBeUndefined();
    expect(
      ZCreateConnector.parse({ name: "Prod", region: "us-east-1", role_arn: null }).role_arn,
    ).toBeUndefined();
  });
  it("applies the naming rule and requires a region", () => {
    expect(issuesOf(ZCreateConnector, { name: "a/b" })).toEqual([
      { path: "name", message: "Name may contain only letters, digits, spaces, '-', '_' and '.'" },
      { path: "region", message: "Select the region the connector runs in." },
    ]);
    expect(issuesOf(ZCreateConnector, { name: "a", region: "nowhere-1" })).toEqual([
      {
        path: "region",
        message: '"nowhere-1" is not an AWS region. Select a region from the list, such as us-east-1.',
      },
    ]);
  });
  it("validates the role ARN", () => {
    expect(
      issuesOf(ZCreateConnector, { name: "a", region: "us-east-1", role_arn: "arn:aws:iam::1:role/x" }),
    ).toEqual([
      { path: "role_arn", message: "Role ARN must look like arn:aws:iam::123456789012:role/RoleName." },
    ]);
    expect(
      issuesOf(ZCreateConnector, { name: "a", region: "us-east-1", role_arn: "a".repeat(3000) }),
    ).toEqual([{ path: "role_arn", message: "Role ARN must be at most 2048 characters." }]);
  });
  it("rejects unknown fields, explaining id", () => {
    expect(issuesOf(ZCreateConnector, { name: "a", region: "us-east-1", id: "x" })).toEqual([
      { path: "", message: 'Remove "id": it is derived from the name by the server.' },
    ]);
  });
});

describe("ZUpdateConnector", () => {
  it("needs only the name", () => {
    expect(ZUpdateConnector.parse({ name: "Prod" })).toEqual({ name: "Prod" });
  });
  it("removes the role with null or an empty string", () => {
    expect(ZUpdateConnector.parse({ name: "Prod", role_arn: null }).role_arn).toBeNull();
    expect(ZUpdateConnector.parse({ name: "Prod", role_arn: "" }).role_arn).toBeNull();
    expect(ZUpdateConnector.parse({ name: "Prod", role_arn: ROLE }).role_arn).toBe(ROLE);
  });
  it("validates an optional region", () => {
    expect(ZUpdateConnector.parse({ name: "Prod", region: "eu-west-1" }).region).toBe("eu-west-1");
    expect(issuesOf(ZUpdateConnector, { name: "Prod", region: "" })).toEqual([
      { path: "region", message: "Select the region the connector runs in." },
    ]);
  });
  it("requires the name", () => {
    expect(issuesOf(ZUpdateConnector, {})).toEqual([{ path: "name", message: "Enter a name." }]);
  });
});
