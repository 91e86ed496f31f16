import { describe, expect, it } from "vitest";
import { connectorIdFromName } from "./connector-id.ts";

describe("connectorIdFromName", () => {
  it.each([
    ["Prod US East", "aws-connector-prod-us-east"],
    ["prod-us-east-1", "aws-connector-prod-us-east-1"],
    ["  Prod__US  East!! ", "aws-connector-prod-us-east"],
    ["Sandbox.v2", "aws-connector-sandbox-v2"],
    ["aws-connector-prod", "aws-connector-prod"],
    ["AWS Connector Prod", "aws-connector-prod"],
    ["AWS connector", "aws-connector"],
    ["---", "aws-connector"],
    ["", "aws-connector"],
  ])("%j → %j", (name, id) => {
    expect(connectorIdFromName(name)).toBe(id);
  });
  it("only produces lowercase letters, digits and single dashes", () => {
    for (const name of ["Ünïcode Näme", "a  -  b", "x".repeat(100)]) {
      expect(connectorIdFromName(name)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });
});
