import { describe, expect, it } from "vitest";
import { accountScopes, memberScope, organizationScopes, scopeKind } from "./scope-plan.ts";
import type { AccountTarget, OrganizationTarget } from "./sync-target.ts";

const common = {
  integration: {} as AccountTarget["integration"],
  connector: {} as AccountTarget["connector"],
  region: "eu-west-1",
};

describe("scope plans", () => {
  it("gives an account one scope per type, regional ones keyed by region", () => {
    const target: AccountTarget = {
      ...common,
      kind: "aws-account",
      types: ["aws-account-iam-role", "aws-account-rds-instance"],
    };
    expect(accountScopes(target, "111111111111")).toEqual([
      {
        key: "aws-account-iam-role",
        accountId: "111111111111",
        region: null,
        resourceTypes: ["aws-account-iam-role"],
        details: {},
      },
      {
        key: "aws-account-rds-instance/eu-west-1",
        accountId: "111111111111",
        region: "eu-west-1",
        resourceTypes: ["aws-account-rds-instance"],
        details: {},
      },
    ]);
  });

  it("gives an organization its walk, Identity Center and directory scopes; members come from the walk", () => {
    const target: OrganizationTarget = {
      ...common,
      kind: "aws-organization",
      types: ["aws-organization-iam-role", "aws-organization-group"],
      ssoRegion: "us-east-2",
      managementRoleArn: "arn",
      excludedOus: new Set(),
      memberRoleName: "OrganizationAccountAccessRole",
    };
    const scopes = organizationScopes(target, "111111111111");
    expect(scopes.map((s) => [s.key, s.region, s.resourceTypes])).toEqual([
      ["organization", null, []],
      ["aws-organization-group", "us-east-2", ["aws-organization-group"]],
      ["identity-center-directory", "us-east-2", []],
    ]);
    const member = memberScope({ id: "222222222222", name: "a", ouId: "ou-1", ouPath: "Root/A" }, [
      "aws-organization-iam-role",
    ]);
    expect(member).toMatchObject({
      key: "account/222222222222",
      details: { ou_id: "ou-1", ou_path: "Root/A" },
    });
    expect(
      [scopeKind("organization"), scopeKind(member.key), scopeKind("aws-organization-group")].concat(
        scopeKind("identity-center-directory"),
      ),
    ).toEqual(["organization-tree", "member-account", "resource-type", "identity-directory"]);
  });
});
