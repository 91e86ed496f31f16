// The organization's two roles, as the fetch uses them: the connector role assumes the
// Management Account Role (with the connector's external id), which reads Organizations, IAM
// Identity Center and its Identity Store, and assumes the member role in each account; the
// member role only lists the selected resource types. Both read-only.

import {
  cfnHeader,
  cfnPolicy,
  cfnRole,
  cfnRoleArnOutput,
  tfRole,
  tfRoleArnOutput,
  tfRolePolicy,
} from "./iam-role-template-parts.ts";
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

export function managementRoleCloudFormation(input: ManagementRoleInput): string {
  return `${cfnHeader(
    "Read-only Management Account Role for Portcullis (Organizations, IAM Identity Center, Identity Store).",
    [
      {
        name: "ConnectorRoleArn",
        description: "The connector's IAM role (its Role ARN in Portcullis); only it may assume this role.",
        default: yamlString(input.connectorRoleArn),
      },
      {
        name: "ExternalId",
        description: "The connector's external ID; only requests carrying it may assume this role.",
        default: yamlString(input.externalId),
        noEcho: true,
      },
      {
        name: "MemberRoleName",
        description: "The role to assume in every member account (deployed by the member-role StackSet).",
        default: yamlString(input.memberRoleName),
      },
    ],
  )}
Resources:
${cfnRole({
  logicalId: "PortcullisManagementRole",
  roleName: input.roleName,
  principalParameter: "ConnectorRoleArn",
  externalIdParameter: "ExternalId",
  policies: [
    cfnPolicy("PortcullisOrganizationReadOnly", [
      { actions: MANAGEMENT_ROLE_ACTIONS, resource: `"*"` },
      { actions: "sts:AssumeRole", resource: `!Sub "arn:\${AWS::Partition}:iam::*:role/\${MemberRoleName}"` },
    ]),
  ],
})}
${cfnRoleArnOutput("PortcullisManagementRole", "Paste this into the integration as the Management Account Role ARN.")}`;
}

export function managementRoleTerraform(input: ManagementRoleInput): string {
  return `${tfRole({
    resource: "portcullis_management",
    roleName: input.roleName,
    principalArn: input.connectorRoleArn,
    externalId: input.externalId,
  })}

${tfRolePolicy({
  resource: "portcullis_organization_read_only",
  name: "PortcullisOrganizationReadOnly",
  roleResource: "portcullis_management",
  statements: [
    { actions: MANAGEMENT_ROLE_ACTIONS, resource: `"*"` },
    { actions: "sts:AssumeRole", resource: hcl(`arn:aws:iam::*:role/${input.memberRoleName}`) },
  ],
})}

${tfRoleArnOutput("portcullis_management_role_arn", "portcullis_management")}`;
}

/**
 * The member role, for a CloudFormation StackSet (service-managed, auto-deploy) over the
 * organization: trusted by the management role only (no external id: the management role is
 * ours), listing only the selected types.
 */
export function memberRoleStackSet(input: {
  managementRoleArn: string;
  roleName: string;
  resourceTypes?: readonly string[];
}): string {
  const actions = memberRoleActions(input.resourceTypes);
  return `${cfnHeader(
    "Read-only member-account role for Portcullis. Deploy it to every account with a StackSet.",
    [
      {
        name: "ManagementRoleArn",
        description: "The Management Account Role Portcullis uses; only it may assume this role.",
        default: yamlString(input.managementRoleArn),
      },
    ],
  )}
Resources:
${cfnRole({
  logicalId: "PortcullisMemberRole",
  roleName: input.roleName,
  principalParameter: "ManagementRoleArn",
  policies: [
    cfnPolicy("PortcullisMemberReadOnly", [
      { actions: actions.length > 0 ? actions : ["iam:ListRoles"], resource: `"*"` },
    ]),
  ],
})}
${cfnRoleArnOutput("PortcullisMemberRole")}`;
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
