import { Accordion, Alert, Button, Group, Stack, Table, Text } from "@mantine/core";
import {
  formatConfigValue,
  INTEGRATION_CATALOG,
  resourceTypeLabel,
  type TIdentityProvider,
  type TIntegrationType,
  type TUpdateIntegration,
  type TWizardStepId,
  toTerraformHcl,
} from "@portcullis/shared";
import type { ReactNode } from "react";
import { AccessDetailsText } from "../../../../components/access-details-message.tsx";
import { CodeBlock } from "../../../../components/code-block.tsx";
import { useConnectors } from "../../../connectors/index.ts";
import { useIdentityProviders } from "../../../directory/index.ts";
import { fieldHelp } from "./field-help.tsx";

/**
 * What the summary reads: the body as the shared schema parsed it (defaults applied), with
 * the config as the published map of strings. While the form does not parse yet, the form's
 * own values are shown, which have the same shape.
 */
export type ConfirmValues = TUpdateIntegration;

function attributeText(
  type: string,
  reference: string | null | undefined,
  providers: readonly TIdentityProvider[],
) {
  const provider = providers.find((item) => item.id === reference || item.name === reference);
  const word = type === "group" ? "Group" : "User";
  // No reference: looked up in every source, as the owner picker offers it when there are several.
  if (!reference && providers.length > 1) return `${word} (Every source)`;
  return provider ? `${word} (${provider.name})` : word;
}

function Section({
  title,
  step,
  onEdit,
  rows,
}: {
  title: string;
  step: TWizardStepId;
  onEdit: (step: TWizardStepId) => void;
  rows: Array<[string, ReactNode]>;
}) {
  return (
    <section aria-label={title}>
      <Group justify="space-between" mb={4}>
        <Text fw={600}>{title}</Text>
        <Button variant="subtle" size="compact-sm" onClick={() => onEdit(step)} aria-label={`Edit ${title}`}>
          Edit
        </Button>
      </Group>
      <Table withTableBorder layout="fixed" verticalSpacing={6} fz="sm">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={{ base: "40%", sm: 240 }} fw={500} c="dimmed" scope="row">
                {label}
              </Table.Th>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

export function ConfirmStep({
  type,
  values,
  onEdit,
  serverError,
}: {
  type: TIntegrationType;
  values: ConfirmValues;
  onEdit: (step: TWizardStepId) => void;
  serverError: string | null;
}) {
  const connectors = useConnectors();
  const providers = useIdentityProviders().data ?? [];
  const definition = INTEGRATION_CATALOG[type];
  const connector = connectors.data?.find((item) => item.id === values.connector_id);
  const params = (step: "integration-config" | "get-more") =>
    definition.params
      .filter((param) => param.step === step)
      .map((param): [string, ReactNode] => [
        param.label,
        formatConfigValue(param, values.integration_config[param.id]),
      ]);
  const owner = values.owner;
  const mapping = values.owners_mapping;
  const hcl = toTerraformHcl({ ...values, type });

  return (
    <Stack gap="lg">
      {serverError && (
        <Alert color="red" title="The integration could not be saved" role="alert">
          {serverError}
        </Alert>
      )}
      <Section
        title="Resource types"
        step="resource-types"
        onEdit={onEdit}
        rows={[
          ["Integration type", definition.label],
          ["Resource types", values.connected_resource_types.map(resourceTypeLabel).join(", ")],
        ]}
      />
      <Section
        title="Connector"
        step="connector"
        onEdit={onEdit}
        rows={[
          ["Connector", connector ? `${connector.name} (${connector.id})` : values.connector_id],
          ["AWS account", connector?.aws_account_id ?? "Not known yet"],
        ]}
      />
      <Section
        title="Integration Config"
        step="integration-config"
        onEdit={onEdit}
        rows={[[fieldHelp("name").label, values.name], ...params("integration-config")]}
      />
      <Section
        title="Get more with Portcullis"
        step="get-more"
        onEdit={onEdit}
        rows={[
          ...params("get-more"),
          [
            fieldHelp("custom_access_details").label,
            values.custom_access_details ? (
              <AccessDetailsText key="details" text={values.custom_access_details} />
            ) : (
              "None"
            ),
          ],
          [
            fieldHelp("owner").label,
            owner
              ? `${attributeText(owner.attribute_type, owner.source_integration_reference, providers)}: ${owner.attribute_value.join(", ")}`
              : "None",
          ],
          [
            fieldHelp("owners_mapping").label,
            mapping
              ? `Tag key "${mapping.key_name}" → ${attributeText(mapping.attribute_type, mapping.source_integration_reference, providers)}`
              : "None",
          ],
        ]}
      />
      <Accordion variant="contained" chevronPosition="right">
        <Accordion.Item value="terraform">
          <Accordion.Control>Using Terraform?</Accordion.Control>
          <Accordion.Panel>
            <Text size="sm" c="dimmed" mb="xs">
              The same integration as an apono_resource_integration resource, including custom_access_details.
              Copy it into your Terraform code to manage the integration there.
            </Text>
            <CodeBlock code={hcl} label="Terraform configuration" />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
