import { describe, expect, it } from "vitest";
import { parseDocument, type YAMLSeq } from "yaml";

import {
  managementRoleCloudFormation,
  managementRoleTerraform,
  memberRoleActions,
  memberRoleStackSet,
} from "./org-role-templates.ts";
import { ACCOUNT_READ_ACTIONS } from "./role-actions.ts";
import {
  cloudFormationTemplate,
  PRINCIPAL_PLACEHOLDER,
  permissionsPolicy,
  principalForAccount,
  terraformRoleSnippet,
  trustPolicy,
} from "./role-templates.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed CloudFormation is checked field by field below.
type Parsed = any;

const input = {
  connectorName: "Prod",
  externalId: "ext-123",
  trustedPrincipalArn: "arn:aws:iam::111122223333:root",
  roleName: "PortcullisConnector",
};
const MANAGEMENT = "arn:aws:iam::111122223333:role/PortcullisManagementRole";
const management = {
  connectorRoleArn: "arn:aws:iam::111122223333:role/PortcullisConnector",
  externalId: "ext-123",
  roleName: "PortcullisManagementRole",
  memberRoleName: "PortcullisMemberReadOnly",
};

// cfn-lint is not installable offline: this parses the templates as CloudFormation YAML (its
// short-form intrinsic tags included) and checks every resource type and property we use
// against the CloudFormation resource specification's names.
const INTRINSICS = ["Ref", "GetAtt", "If", "Equals", "Not", "Sub"];
const TOP_LEVEL = [
  "AWSTemplateFormatVersion",
  "Description",
  "Parameters",
  "Conditions",
  "Resources",
  "Outputs",
];
const ROLE_PROPERTIES = ["RoleName", "AssumeRolePolicyDocument", "ManagedPolicyArns", "Policies"];

function parseCloudFormation(text: string): Record<string, Record<string, unknown>> {
  const customTags = INTRINSICS.flatMap((name) => [
    { tag: `!${name}`, resolve: (value: unknown) => ({ [name === "Ref" ? "Ref" : `Fn::${name}`]: value }) },
    {
      tag: `!${name}`,
      collection: "seq" as const,
      resolve: (value: YAMLSeq) => ({ [`Fn::${name}`]: value.toJSON() }),
    },
  ]);
  const doc = parseDocument(text, { customTags });
  expect(doc.errors).toEqual([]);
  return doc.toJS() as Record<string, Record<string, unknown>>;
}

function checkCloudFormation(text: string) {
  const template = parseCloudFormation(text);
  expect(Object.keys(template).every((key) => TOP_LEVEL.includes(key))).toBe(true);
  expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
  const parameters = Object.keys(template.Parameters ?? {});
  const conditions = Object.keys(template.Conditions ?? {});
  for (const [, resource] of Object.entries(template.Resources ?? {})) {
    const { Type, Properties } = resource as { Type: string; Properties: Record<string, unknown> };
    expect(Type).toBe("AWS::IAM::Role");
    for (const key of Object.keys(Properties)) expect(ROLE_PROPERTIES).toContain(key);
  }
  // Every Ref names a parameter, a pseudo parameter or a resource; every If a condition.
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "Ref")
          expect([...parameters, ...Object.keys(template.Resources ?? {}), "AWS::NoValue"]).toContain(value);
        if (key === "Fn::If") expect(conditions).toContain((value as string[])[0]);
        walk(value);
      }
    }
  };
  walk(template.Resources);
  return template;
}

/**
 * The `terraform fmt` rules these snippets rely on (terraform itself is not installable
 * offline): two spaces per nesting level (one level per line that opens brackets), no
 * trailing spaces, and the `=` of consecutive single-line attributes aligned one space after
 * the longest name (a line opening a multi-line value is not part of the run).
 */
function expectTerraformFmtClean(text: string) {
  let depth = 0;
  let run: Array<{ line: string; eq: number; name: number }> = [];
  const flush = () => {
    if (run.length > 0) {
      expect(new Set(run.map((r) => r.eq)).size, run.map((r) => r.line).join("\n")).toBe(1);
      expect(Math.max(...run.map((r) => r.name)) + 1, run[0]!.line).toBe(run[0]!.eq);
    }
    run = [];
  };
  const count = (line: string, re: RegExp) => (line.replace(/"[^"]*"/g, "").match(re) ?? []).length;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const closesFirst = /^[}\])]/.test(trimmed) ? 1 : 0;
    depth -= closesFirst;
    if (trimmed !== "") expect(line.length - line.trimStart().length, line).toBe(depth * 2);
    expect(line).not.toMatch(/\s$/);
    const attribute = /^(\s*)("[^"]+"|[\w-]+)(\s+)=\s/.exec(line);
    const net = count(trimmed, /[{[(]/g) - count(trimmed, /[}\])]/g);
    if (attribute && net > 0) {
      // A value opening a multi-line block ends the run and is not aligned: one space before `=`.
      flush();
      expect(attribute[3], line).toBe(" ");
    } else if (attribute) {
      run.push({ line, eq: line.indexOf("="), name: attribute[1]!.length + attribute[2]!.length });
    } else {
      flush();
    }
    if (net + closesFirst > 0) depth += 1;
  }
  flush();
  expect(depth).toBe(0);
}

function actionsOf(policy: string): string[] {
  return JSON.parse(policy).Statement.flatMap((statement: { Action: string | string[] }) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );
}

describe("connector role templates", () => {
  it("puts the external id into the trust policy of every form", () => {
    const trust = JSON.parse(trustPolicy(input));
    expect(trust.Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe("ext-123");
    expect(trust.Statement[0].Principal.AWS).toBe(input.trustedPrincipalArn);
    expect(cloudFormationTemplate(input)).toContain('Default: "ext-123"');
    expect(terraformRoleSnippet(input)).toContain('"sts:ExternalId" = "ext-123"');
  });

  it("grants only the read actions discovery calls, and AssumeRole on the management role alone", () => {
    for (const action of actionsOf(permissionsPolicy())) {
      expect(action).toMatch(/:(List|Get|Describe)/);
    }
    const withOrg = JSON.parse(permissionsPolicy(MANAGEMENT));
    const assume = withOrg.Statement.find((s: { Action: unknown }) => s.Action === "sts:AssumeRole");
    expect(assume.Resource).toBe(MANAGEMENT);
    for (const text of [
      cloudFormationTemplate(input),
      terraformRoleSnippet({ ...input, managementRoleArn: MANAGEMENT }),
    ]) {
      expect(text).not.toContain("role/*");
      expect(text).not.toMatch(/organizations:(List|Describe)\*/);
    }
  });

  it("is valid CloudFormation (structure, resource types, properties, refs)", () => {
    const template = checkCloudFormation(cloudFormationTemplate({ ...input, managementRoleArn: MANAGEMENT }));
    expect(Object.keys(template.Parameters!)).toContain("ManagementRoleArn");
  });

  it("is terraform fmt-clean", () => {
    expectTerraformFmtClean(terraformRoleSnippet(input));
    expectTerraformFmtClean(terraformRoleSnippet({ ...input, managementRoleArn: MANAGEMENT }));
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

describe("organization role templates", () => {
  it("management role: trusts the connector role with the external id; reads only; assumes only the member role name", () => {
    const cfn = managementRoleCloudFormation(management);
    const template = checkCloudFormation(cfn);
    const role = (template.Resources as Record<string, { Properties: Parsed }>).PortcullisManagementRole!;
    const trust = role.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal.AWS).toEqual({ Ref: "ConnectorRoleArn" });
    expect(trust.Condition.StringEquals["sts:ExternalId"]).toEqual({ Ref: "ExternalId" });
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    for (const action of statements[0].Action)
      expect(action).toMatch(/^(organizations|sso|identitystore|iam|s3|ec2|rds):(List|Get|Describe)/);
    expect(statements[1]).toMatchObject({ Action: "sts:AssumeRole" });
    expect(JSON.stringify(statements[1].Resource)).toContain(`role/${"$"}{MemberRoleName}`);
    const tf = managementRoleTerraform(management);
    expectTerraformFmtClean(tf);
    expect(tf).toContain('"arn:aws:iam::*:role/PortcullisMemberReadOnly"');
  });

  it("member role for a StackSet: trusted by the management role, listing only the selected types", () => {
    const text = memberRoleStackSet({
      managementRoleArn: MANAGEMENT,
      roleName: "PortcullisMemberReadOnly",
      resourceTypes: ["aws-organization-s3-bucket"],
    });
    const template = checkCloudFormation(text);
    const role = (template.Resources as Record<string, { Properties: Parsed }>).PortcullisMemberRole!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.AWS).toEqual({
      Ref: "ManagementRoleArn",
    });
    expect(role.Properties.Policies[0].PolicyDocument.Statement[0].Action).toEqual(
      memberRoleActions(["aws-organization-s3-bucket"]),
    );
    expect(memberRoleActions(["aws-organization-iam-role"])).toEqual(["iam:ListRoles", "iam:ListRoleTags"]);
    for (const action of memberRoleActions()) expect(ACCOUNT_READ_ACTIONS).toContain(action);
  });
});
