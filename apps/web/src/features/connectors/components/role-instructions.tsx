import { Alert, Group, List, Stack, Tabs, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { CodeBlock } from "../../../components/code-block.tsx";
import {
  cloudFormationTemplate,
  DEFAULT_ROLE_NAME,
  permissionsPolicy,
  principalForAccount,
  SSM_POLICY_ARN,
  terraformRoleSnippet,
  trustPolicy,
} from "./role-templates.ts";

/**
 * How to create the connector's IAM role: a CloudFormation template and the same role in
 * Terraform, with the trust policy carrying this connector's external id, read-only
 * permissions, and the SSM policy needed for EC2.
 */
export function RoleInstructions({
  connectorName,
  externalId,
  portcullisAccountId,
}: {
  connectorName: string;
  externalId: string;
  portcullisAccountId: string | null;
}) {
  const [principal, setPrincipal] = useState(principalForAccount(portcullisAccountId));
  const [roleName, setRoleName] = useState(DEFAULT_ROLE_NAME);
  const [managementRoleArn, setManagementRoleArn] = useState("");
  const input = {
    connectorName,
    externalId,
    trustedPrincipalArn: principal,
    roleName: roleName || DEFAULT_ROLE_NAME,
    managementRoleArn: managementRoleArn.trim(),
  };
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={600}>
          External ID
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          Generated for this connector. The role's trust policy requires it (sts:ExternalId), so only this
          connector can assume the role.
        </Text>
        <CodeBlock code={externalId} label="External ID" />
      </div>
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label="Identity Portcullis runs as"
          description="The account root or role the Portcullis server uses; it is trusted to assume the role."
          value={principal}
          onChange={(event) => setPrincipal(event.currentTarget.value)}
          miw={240}
        />
        <TextInput
          label="Role name"
          description="Name of the IAM role to create."
          value={roleName}
          onChange={(event) => setRoleName(event.currentTarget.value)}
          miw={200}
        />
      </Group>
      <TextInput
        label="Organization management role (ARN, optional)"
        description="For an organization integration: the only role this connector role may assume. Leave empty for an Amazon Account."
        placeholder="arn:aws:iam::123456789012:role/PortcullisManagementRole"
        value={managementRoleArn}
        onChange={(event) => setManagementRoleArn(event.currentTarget.value)}
      />
      <Tabs defaultValue="cloudformation" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="cloudformation">CloudFormation</Tabs.Tab>
          <Tabs.Tab value="terraform">Terraform</Tabs.Tab>
          <Tabs.Tab value="policies">Policies (JSON)</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cloudformation" pt="xs">
          <Text size="xs" c="dimmed" mb={4}>
            Create a stack from this template in the AWS account to connect (CloudFormation → Create stack →
            Upload a template file). Copy the RoleArn output.
          </Text>
          <CodeBlock code={cloudFormationTemplate(input)} label="CloudFormation template" />
        </Tabs.Panel>
        <Tabs.Panel value="terraform" pt="xs">
          <Text size="xs" c="dimmed" mb={4}>
            The same role with the AWS provider; apply it in the account to connect.
          </Text>
          <CodeBlock code={terraformRoleSnippet(input)} label="Terraform snippet" />
        </Tabs.Panel>
        <Tabs.Panel value="policies" pt="xs">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Trust policy
            </Text>
            <CodeBlock code={trustPolicy(input)} label="Trust policy" maxHeight={220} />
            <Text size="sm" fw={600}>
              Permissions (read-only)
            </Text>
            <CodeBlock
              code={permissionsPolicy(input.managementRoleArn)}
              label="Permissions policy"
              maxHeight={220}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <Alert color="yellow" title="EC2 instances" role="note" data-testid="ec2-notice">
        {/* The policy ARN has no spaces: let it break anywhere, or it widens a phone's drawer. */}
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          To sync and manage access to EC2 servers, attach the AmazonSSMManagedInstanceCore policy to this
          role (
          <Text span ff="monospace" size="xs">
            {SSM_POLICY_ARN}
          </Text>
          ). Both templates do so.
        </Text>
      </Alert>
      <List size="xs" c="dimmed" spacing={2}>
        <List.Item>
          The permissions are the exact list, get and describe calls discovery makes; Portcullis changes
          nothing in the account.
        </List.Item>
        <List.Item>
          For an organization, the role may also assume the Management Account Role above — that role only,
          and only when you give its ARN. The organization wizard has the Management Account Role and the
          member-account role templates.
        </List.Item>
      </List>
    </Stack>
  );
}
