import { Accordion, Alert, Stack, Tabs, Text } from "@mantine/core";
import { CodeBlock } from "../../../components/code-block.tsx";
import {
  CONNECTOR_ROLE_PLACEHOLDER,
  DEFAULT_MANAGEMENT_ROLE_NAME,
  DEFAULT_MEMBER_ROLE_NAME,
  managementRoleCloudFormation,
  managementRoleTerraform,
  memberRoleStackSet,
  stackSetCommands,
} from "./org-role-templates.ts";

const MANAGEMENT_PLACEHOLDER = `arn:aws:iam::<MANAGEMENT_ACCOUNT_ID>:role/${DEFAULT_MANAGEMENT_ROLE_NAME}`;

/**
 * How to create the organization's roles: the Management Account Role (CloudFormation or
 * Terraform, trusting the connector's role with its external id) and a read-only member role
 * for every account through a StackSet — the safer choice than OrganizationAccountAccessRole.
 */
export function OrganizationRoleTemplates({
  connectorRoleArn,
  externalId,
  managementRoleArn,
  memberRoleName,
  resourceTypes,
}: {
  connectorRoleArn: string | null;
  externalId: string | null;
  managementRoleArn: string;
  memberRoleName: string;
  resourceTypes: readonly string[];
}) {
  const member =
    memberRoleName && memberRoleName !== "OrganizationAccountAccessRole"
      ? memberRoleName
      : DEFAULT_MEMBER_ROLE_NAME;
  const management = {
    connectorRoleArn: connectorRoleArn ?? CONNECTOR_ROLE_PLACEHOLDER,
    externalId: externalId ?? "<CONNECTOR_EXTERNAL_ID>",
    roleName: DEFAULT_MANAGEMENT_ROLE_NAME,
    memberRoleName: member,
  };
  const managementArn = managementRoleArn || MANAGEMENT_PLACEHOLDER;
  return (
    <Accordion variant="contained" data-testid="organization-role-templates">
      <Accordion.Item value="roles">
        <Accordion.Control>
          How to create the Management Account Role and the member-account role
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Text size="sm">
              The connector's role assumes the <b>Management Account Role</b> (with the connector's external
              ID), which reads the organization, IAM Identity Center and its Identity Store, and assumes the
              member-account role in each account. Every permission is read-only.
            </Text>
            <Tabs defaultValue="cloudformation" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="cloudformation">Management role: CloudFormation</Tabs.Tab>
                <Tabs.Tab value="terraform">Management role: Terraform</Tabs.Tab>
                <Tabs.Tab value="member">Member role: StackSet</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="cloudformation" pt="xs">
                <Text size="xs" c="dimmed" mb={4}>
                  Create a stack from it in the management account; paste its RoleArn output above.
                </Text>
                <CodeBlock
                  code={managementRoleCloudFormation(management)}
                  label="Management role CloudFormation"
                />
              </Tabs.Panel>
              <Tabs.Panel value="terraform" pt="xs">
                <Text size="xs" c="dimmed" mb={4}>
                  The same role with the AWS provider, applied in the management account.
                </Text>
                <CodeBlock code={managementRoleTerraform(management)} label="Management role Terraform" />
              </Tabs.Panel>
              <Tabs.Panel value="member" pt="xs">
                <Stack gap="xs">
                  <Alert color="yellow" title="Safer than OrganizationAccountAccessRole" role="note">
                    <Text size="sm">
                      The default member role, OrganizationAccountAccessRole, has administrator access in
                      every account. This role, {member}, only lists the selected resource types. Deploy it to
                      every account with a service-managed StackSet, then set Member Account Role Name to{" "}
                      {member}.
                    </Text>
                  </Alert>
                  <CodeBlock
                    code={memberRoleStackSet({
                      managementRoleArn: managementArn,
                      roleName: member,
                      resourceTypes,
                    })}
                    label="Member role StackSet template"
                  />
                  <CodeBlock
                    code={stackSetCommands({ managementRoleArn: managementArn })}
                    label="StackSet commands"
                  />
                </Stack>
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
