import { describe, expect, it } from "vitest";
import { cfnRole, tfAttributes, tfRole, tfRolePolicy } from "./iam-role-template-parts.ts";

describe("role template parts", () => {
  it("align the = of consecutive single-line Terraform attributes, and restart after a multi-line one", () => {
    expect(
      tfAttributes(
        [
          ["a", "1"],
          ["longer", "2"],
          ["list", "[\n  1,\n]"],
          ["b", "3"],
          ["bb", "4"],
        ],
        2,
      ),
    ).toBe(["  a      = 1", "  longer = 2", "  list = [\n  1,\n]", "  b  = 3", "  bb = 4"].join("\n"));
  });

  it("trust with the external id only when one is given", () => {
    const withId = tfRole({ resource: "r", roleName: "R", principalArn: "arn:p", externalId: "x" });
    expect(withId).toContain(`Condition = { StringEquals = { "sts:ExternalId" = "x" } }`);
    expect(withId).toContain(`Principal = { AWS = "arn:p" }`);
    const without = tfRole({ resource: "r", roleName: "R", principalArn: "arn:p" });
    expect(without).not.toContain("Condition");
    expect(without).toContain(`Principal = { AWS = "arn:p" }`);
    expect(without).toContain(`Effect    = "Allow"`);
    const cfn = cfnRole({ logicalId: "L", roleName: "R", principalParameter: "P", policies: [] });
    expect(cfn).toContain("AWS: !Ref P");
    expect(cfn).not.toContain("ExternalId");
  });

  it("write one single-action statement inline, several as a list", () => {
    const one = tfRolePolicy({
      resource: "p",
      name: "P",
      roleResource: "r",
      statements: [{ actions: "sts:AssumeRole", resource: `"arn:x"` }],
    });
    expect(one).toContain(`Statement = [{\n      Effect   = "Allow"\n      Action   = "sts:AssumeRole"`);
    const two = tfRolePolicy({
      resource: "p",
      name: "P",
      roleResource: "r",
      statements: [
        { actions: ["s3:ListAllMyBuckets"], resource: `"*"` },
        { actions: "sts:AssumeRole", resource: `"arn:x"` },
      ],
    });
    expect(two).toContain(
      `Statement = [\n      {\n        Effect = "Allow"\n        Action = [\n          "s3:ListAllMyBuckets",`,
    );
  });
});
