import { describe, expect, it } from "vitest";
import {
  cloudFormationTemplate,
  PRINCIPAL_PLACEHOLDER,
  permissionsPolicy,
  principalForAccount,
  terraformRoleSnippet,
  trustPolicy,
} from "./role-templates.ts";

const input = {
  connectorName: "Prod",
  externalId: "ext-123",
  trustedPrincipalArn: "arn:aws:iam::111122223333:root",
  roleName: "PortcullisConnector",
};

describe("role templates", () => {
  it("puts the external id into the trust policy of every form", () => {
    const trust = JSON.parse(trustPolicy(input));
    expect(trust.Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe("ext-123");
    expect(trust.Statement[0].Principal.AWS).toBe(input.trustedPrincipalArn);
    expect(cloudFormationTemplate(input)).toContain('Default: "ext-123"');
    expect(terraformRoleSnippet(input)).toContain('"sts:ExternalId" = "ext-123"');
  });

  it("grants only read actions (plus assuming member roles)", () => {
    const policy = JSON.parse(permissionsPolicy());
    const actions: string[] = policy.Statement.flatMap((statement: { Action: string | string[] }) =>
      Array.isArray(statement.Action) ? statement.Action : [statement.Action],
    );
    for (const action of actions) {
      expect(action).toMatch(/:(List|Get|Describe)|^sts:(GetCallerIdentity|AssumeRole)$/);
    }
  });

  it("mentions the SSM policy for EC2", () => {
    expect(cloudFormationTemplate(input)).toContain("AmazonSSMManagedInstanceCore");
    expect(terraformRoleSnippet(input)).toContain("AmazonSSMManagedInstanceCore");
  });

  it("never lets a value start a Terraform interpolation", () => {
    expect(terraformRoleSnippet({ ...input, externalId: "$" + "{evil}" })).toContain('"$${evil}"');
  });

  it("derives the trusted principal from an account id", () => {
    expect(principalForAccount("111122223333")).toBe("arn:aws:iam::111122223333:root");
    expect(principalForAccount(null)).toBe(PRINCIPAL_PLACEHOLDER);
    expect(principalForAccount("abc")).toBe(PRINCIPAL_PLACEHOLDER);
  });
});
