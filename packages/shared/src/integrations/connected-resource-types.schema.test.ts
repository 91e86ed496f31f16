import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { makeConnectedResourceTypesSchema } from "./connected-resource-types.schema.ts";

const ZAccountTypes = makeConnectedResourceTypesSchema("aws-account");
const ZOrganizationTypes = makeConnectedResourceTypesSchema("aws-organization");

describe("connected_resource_types", () => {
  it("accepts resource types of the integration's type", () => {
    expect(ZAccountTypes.parse(["aws-account-iam-role", "aws-account-ec2-instance"])).toEqual([
      "aws-account-iam-role",
      "aws-account-ec2-instance",
    ]);
    expect(ZOrganizationTypes.parse(["aws-organization-account"])).toEqual(["aws-organization-account"]);
  });
  it("requires at least one", () => {
    for (const input of [[], undefined, null, "aws-account-iam-role"]) {
      expect(issuesOf(ZAccountTypes, input)).toEqual([
        { path: "", message: "Select at least one resource type." },
      ]);
    }
  });
  it("rejects types of another integration type", () => {
    expect(issuesOf(ZAccountTypes, ["aws-organization-account"])).toEqual([
      {
        path: "",
        message:
          '"aws-organization-account" is not a resource type of Amazon Account. Choose from: aws-account-iam-role, aws-account-iam-group, aws-account-iam-user, aws-account-s3-bucket, aws-account-ec2-instance, aws-account-rds-instance.',
      },
    ]);
  });
  it("names several unknown types once each", () => {
    expect(issuesOf(ZOrganizationTypes, ["a", "b", "a"])[0]?.message).toMatch(
      /^"a", "b" are not resource types of Amazon Organization\. Choose from: aws-organization-account/,
    );
  });
  it("rejects duplicates", () => {
    expect(issuesOf(ZAccountTypes, ["aws-account-iam-role", "aws-account-iam-role"])).toEqual([
      {
        path: "",
        message: 'Select each resource type only once: "aws-account-iam-role" is listed more than once.',
      },
    ]);
  });
  it("rejects non-strings at their index", () => {
    expect(issuesOf(ZAccountTypes, [1])).toEqual([
      { path: "0", message: "Send each resource type as a string." },
    ]);
  });
  it("rejects huge lists without listing each entry", () => {
    const issues = issuesOf(
      ZAccountTypes,
      Array.from({ length: 10_000 }, () => "aws-account-iam-role"),
    );
    expect(issues).toEqual([{ path: "", message: "Select at most 50 resource types." }]);
  });
});
