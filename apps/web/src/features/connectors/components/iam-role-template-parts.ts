// The shapes every Portcullis role template repeats — a role trusted by one principal (with
// the connector's external id, or without for member roles), inline policies of
// "Allow these actions on this resource" statements, and the role's ARN as an output — written
// once for CloudFormation and once for Terraform. The templates (role-templates.ts for the
// connector role, org-role-templates.ts for the organization's roles) only say what differs.
import { hcl, yamlString } from "./template-text.ts";

/** One Allow statement: a single action or a list, on a resource (a YAML or HCL value, already quoted). */
export type AllowStatement = { actions: string | readonly string[]; resource: string };

const pad = (indent: number) => " ".repeat(indent);

// ---------------------------------------------------------------- CloudFormation

export type CfnParameter = {
  name: string;
  description: string;
  default: string;
  allowedValues?: string;
  noEcho?: boolean;
};

/** The template's first lines and its `Parameters:` (all strings), each with a default. */
export function cfnHeader(description: string, parameters: readonly CfnParameter[]): string {
  const lines = [`AWSTemplateFormatVersion: "2010-09-09"`, `Description: ${description}`, "Parameters:"];
  for (const parameter of parameters) {
    lines.push(`  ${parameter.name}:`, "    Type: String", `    Description: ${parameter.description}`);
    if (parameter.allowedValues) lines.push(`    AllowedValues: ${parameter.allowedValues}`);
    lines.push(`    Default: ${parameter.default}`);
    if (parameter.noEcho) lines.push("    NoEcho: true");
  }
  return lines.join("\n");
}

function cfnStatement(statement: AllowStatement, indent: number): string {
  const lines = [`${pad(indent)}- Effect: Allow`];
  if (typeof statement.actions === "string") lines.push(`${pad(indent + 2)}Action: ${statement.actions}`);
  else {
    lines.push(`${pad(indent + 2)}Action:`);
    for (const action of statement.actions) lines.push(`${pad(indent + 4)}- ${action}`);
  }
  lines.push(`${pad(indent + 2)}Resource: ${statement.resource}`);
  return lines.join("\n");
}

/** One entry of a role's `Policies:`, its `- PolicyName` at `indent`. */
export function cfnPolicy(name: string, statements: readonly AllowStatement[], indent = 8): string {
  return [
    `${pad(indent)}- PolicyName: ${name}`,
    `${pad(indent + 2)}PolicyDocument:`,
    `${pad(indent + 4)}Version: "2012-10-17"`,
    `${pad(indent + 4)}Statement:`,
    ...statements.map((statement) => cfnStatement(statement, indent + 6)),
  ].join("\n");
}

/**
 * An `AWS::IAM::Role` trusted by the principal parameter (and only with the `ExternalId`
 * parameter when `externalIdParameter` is given). `managedPolicyArns` and `policies` are the
 * property's YAML, `policies` made of cfnPolicy entries.
 */
export function cfnRole(role: {
  logicalId: string;
  roleName: string;
  principalParameter: string;
  externalIdParameter?: string;
  managedPolicyArns?: string;
  policies: readonly string[];
}): string {
  const lines = [
    `  ${role.logicalId}:`,
    "    Type: AWS::IAM::Role",
    "    Properties:",
    `      RoleName: ${yamlString(role.roleName)}`,
    "      AssumeRolePolicyDocument:",
    `        Version: "2012-10-17"`,
    "        Statement:",
    "          - Effect: Allow",
    "            Principal:",
    `              AWS: !Ref ${role.principalParameter}`,
    "            Action: sts:AssumeRole",
  ];
  if (role.externalIdParameter) {
    lines.push(
      "            Condition:",
      "              StringEquals:",
      `                sts:ExternalId: !Ref ${role.externalIdParameter}`,
    );
  }
  if (role.managedPolicyArns) lines.push(role.managedPolicyArns);
  lines.push("      Policies:", ...role.policies);
  return lines.join("\n");
}

/** `Outputs:` with the role's ARN as `RoleArn`. */
export function cfnRoleArnOutput(logicalId: string, description?: string): string {
  return [
    "Outputs:",
    "  RoleArn:",
    ...(description ? [`    Description: ${description}`] : []),
    `    Value: !GetAtt ${logicalId}.Arn`,
    "",
  ].join("\n");
}

// ---------------------------------------------------------------- Terraform

/**
 * Attributes as `terraform fmt` lays them out: the `=` of consecutive single-line attributes
 * aligned one space after the longest name; a multi-line value ends the run (and is not aligned).
 */
export function tfAttributes(
  attributes: ReadonlyArray<[name: string, value: string]>,
  indent: number,
): string {
  const lines: string[] = [];
  let run: Array<[string, string]> = [];
  const flush = () => {
    const width = Math.max(...run.map(([name]) => name.length));
    for (const [name, value] of run) lines.push(`${pad(indent)}${name.padEnd(width)} = ${value}`);
    run = [];
  };
  for (const [name, value] of attributes) {
    if (value.includes("\n")) {
      if (run.length) flush();
      lines.push(`${pad(indent)}${name} = ${value}`);
    } else run.push([name, value]);
  }
  if (run.length) flush();
  return lines.join("\n");
}

/** An `aws_iam_role` trusted by `principalArn`, with the external id condition when one is given. */
export function tfRole(role: {
  resource: string;
  roleName: string;
  principalArn: string;
  externalId?: string;
}) {
  const statement = tfAttributes(
    [
      ["Effect", `"Allow"`],
      ["Principal", `{ AWS = ${hcl(role.principalArn)} }`],
      ["Action", `"sts:AssumeRole"`],
      ...(role.externalId !== undefined
        ? [
            ["Condition", `{ StringEquals = { "sts:ExternalId" = ${hcl(role.externalId)} } }`] as [
              string,
              string,
            ],
          ]
        : []),
    ],
    6,
  );
  return `resource "aws_iam_role" "${role.resource}" {
  name = ${hcl(role.roleName)}

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
${statement}
    }]
  })
}`;
}

function tfStatement(statement: AllowStatement, indent: number): string {
  const actions =
    typeof statement.actions === "string"
      ? hcl(statement.actions)
      : `[\n${statement.actions.map((action) => `${pad(indent + 2)}${hcl(action)},`).join("\n")}\n${pad(indent)}]`;
  return tfAttributes(
    [
      ["Effect", `"Allow"`],
      ["Action", actions],
      ["Resource", statement.resource],
    ],
    indent,
  );
}

/**
 * An `aws_iam_role_policy` on the role resource. One single-action statement is written inline
 * (`Statement = [{ … }]`), anything else as a list of statements.
 */
export function tfRolePolicy(policy: {
  resource: string;
  name: string;
  roleResource: string;
  statements: readonly AllowStatement[];
}): string {
  const [only] = policy.statements;
  const statements =
    policy.statements.length === 1 && only && typeof only.actions === "string"
      ? `[{\n${tfStatement(only, 6)}\n    }]`
      : `[\n${policy.statements.map((statement) => `      {\n${tfStatement(statement, 8)}\n      },`).join("\n")}\n    ]`;
  return `resource "aws_iam_role_policy" "${policy.resource}" {
  name = ${hcl(policy.name)}
  role = aws_iam_role.${policy.roleResource}.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = ${statements}
  })
}`;
}

/** An `output` with the role's ARN. */
export function tfRoleArnOutput(output: string, roleResource: string): string {
  return `output "${output}" {
  value = aws_iam_role.${roleResource}.arn
}
`;
}
