// The organization's two roles, as the fetch uses them: the connector role assumes the
// Management Account Role (with the connector's external id), which reads Organizations, IAM
// Identity Center and its Identity Store, and assumes the member role in each account; the
// member role only lists the selected resource types. Both read-only.
import {
  ACCOUNT_READ_ACTIONS,
  IDENTITY_CENTER_READ_ACTIONS,
  ORGANIZATION_READ_ACTIONS,
} from "./role-actions.ts";
import { hcl, yamlString } from "./template-text.ts";

export const DEFAULT_MANAGEMENT_ROLE_NAME = "PortcullisManagementRole";
export const DEFAULT_MEMBER_ROLE_NAME = "PortcullisMemberReadOnly";
export const CONNECTOR_ROLE_PLACEHOLDER = "arn:aws:iam::<CONNECTOR_ACCOUNT_ID>:role/PortcullisConnector";

export type ManagementRoleInput = {
  /** The connector's role (or the identity Portcullis runs as when the connector has none). */
  connectorRoleArn: string;
  externalId: string;
  roleName: string;
  /** The member role it may assume in every account. */
  memberRoleName: string;
};

/** What the management role does in its own account: the organization, Identity Center, and management-account types. */
export const MANAGEMENT_ROLE_ACTIONS = [
  ...ORGANIZATION_READ_ACTIONS,
  ...IDENTITY_CENTER_READ_ACTIONS,
  ...ACCOUNT_READ_ACTIONS,
] as const;

/** The member role's actions for the selected resource types (all account types when none is given). */
export function memberRoleActions(resourceTypes?: readonly string[]): string[] {
  const byType: Record<string, readonly string[]> = {
    iam: ["iam:ListRoles", "iam:ListRoleTags"],
    s3: ["s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketTagging"],
  };
  if (!resourceTypes || resourceTypes.length === 0) return [...byType.iam!, ...byType.s3!];
  return resourceTypes.flatMap((type) =>
    type.endsWith("-iam-role") ? byType.iam! : type.endsWith("-s3-bucket") ? byType.s3! : [],
  );
}

function yamlList(items: readonly string[], indent: number): string {
  return items.map((item) => `${" ".repeat(indent)}- ${item}`).join("\n");
}

export function managementRoleCloudFormation(input: ManagementRoleInput): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: Read-only Management Account Role for Portcullis (Organizations, IAM Identity Center, Identity Store).
Parameters:
  ConnectorRoleArn:
    Type: String
    Description: The connector's IAM role (its Role ARN in Portcullis); only it may assume this role.
    Default: ${yamlString(input.connectorRoleArn)}
  ExternalId:
    Type: String
    Description: The connector's external ID; only requests carrying it may assume this role.
    Default: ${yamlString(input.externalId)}
    NoEcho: true
  MemberRoleName:
    Type: String
    Description: The role to assume in every member account (deployed by the member-role StackSet).
    Default: ${yamlString(input.memberRoleName)}
Resources:
  PortcullisManagementRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ${yamlString(input.roleName)}
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Ref ConnectorRoleArn
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: !Ref ExternalId
      Policies:
        - PolicyName: PortcullisOrganizationReadOnly
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
${yamlList(MANAGEMENT_ROLE_ACTIONS, 18)}
                Resource: "*"
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !Sub "arn:\${AWS::Partition}:iam::*:role/\${MemberRoleName}"
Outputs:
  RoleArn:
    Description: Paste this into the integration as the Management Account Role ARN.
    Value: !GetAtt PortcullisManagementRole.Arn
`;
}

export function managementRoleTerraform(input: ManagementRoleInput): string {
  const actions = MANAGEMENT_ROLE_ACTIONS.map((action) => `          ${hcl(action)},`).join("\n");
  return `resource "aws_iam_role" "portcullis_management" {
  name = ${hcl(input.roleName)}

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ${hcl(input.connectorRoleArn)} }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = ${hcl(input.externalId)} } }
    }]
  })
}

resource "aws_iam_role_policy" "portcullis_organization_read_only" {
  name = "PortcullisOrganizationReadOnly"
  role = aws_iam_role.portcullis_management.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
${actions}
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = ${hcl(`arn:aws:iam::*:role/${input.memberRoleName}`)}
      },
    ]
  })
}

output "portcullis_management_role_arn" {
  value = aws_iam_role.portcullis_management.arn
}
`;
}

/**
 * The member role, for a CloudFormation StackSet (service-managed, auto-deploy) over the
 * organization: trusted by the management role only, listing only the selected types.
 */
export function memberRoleStackSet(input: {
  managementRoleArn: string;
  roleName: string;
  resourceTypes?: readonly string[];
}): string {
  const actions = memberRoleActions(input.resourceTypes);
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: Read-only member-account role for Portcullis. Deploy it to every account with a StackSet.
Parameters:
  ManagementRoleArn:
    Type: String
    Description: The Management Account Role Portcullis uses; only it may assume this role.
    Default: ${yamlString(input.managementRoleArn)}
Resources:
  PortcullisMemberRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ${yamlString(input.roleName)}
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Ref ManagementRoleArn
            Action: sts:AssumeRole
      Policies:
        - PolicyName: PortcullisMemberReadOnly
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
${yamlList(actions.length > 0 ? actions : ["iam:ListRoles"], 18)}
                Resource: "*"
Outputs:
  RoleArn:
    Value: !GetAtt PortcullisMemberRole.Arn
`;
}

/** The AWS CLI commands that deploy the member role to every account of the organization. */
export function stackSetCommands(input: { managementRoleArn: string; rootId?: string }): string {
  const root = input.rootId ?? "<ROOT_OR_OU_ID>";
  return `aws cloudformation create-stack-set \\
  --stack-set-name portcullis-member-role \\
  --template-body file://portcullis-member-role.yaml \\
  --capabilities CAPABILITY_NAMED_IAM \\
  --permission-model SERVICE_MANAGED \\
  --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false \\
  --parameters ParameterKey=ManagementRoleArn,ParameterValue=${input.managementRoleArn}

aws cloudformation create-stack-instances \\
  --stack-set-name portcullis-member-role \\
  --deployment-targets OrganizationalUnitIds=${root} \\
  --regions us-east-1`;
}
