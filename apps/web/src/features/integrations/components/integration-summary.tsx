import { Badge, Group, Table, Text } from "@mantine/core";
import {
  CUSTOM_ACCESS_DETAILS_TITLE,
  formatConfigValue,
  INTEGRATION_CATALOG,
  resourceTypeLabel,
  type TIntegrationV4,
} from "@portcullis/shared";
import type { ReactNode } from "react";
import { AccessDetailsText } from "../../../components/access-details-message.tsx";
import { CopyValue } from "../../../components/copy-value.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useConnectorLabel } from "../../connectors/index.ts";

function ownerSource(name: string | null | undefined, reference: string | null): string {
  return name ?? reference ?? "every identity source";
}

/** The saved configuration of an integration, as a read-only table. */
export function IntegrationSummary({ integration }: { integration: TIntegrationV4 }) {
  const definition = INTEGRATION_CATALOG[integration.type];
  const { owner, owners_mapping: mapping } = integration;
  const connector = useConnectorLabel(integration.connector_id);
  const rows: Array<[string, ReactNode]> = [
    ["Type", definition.label],
    ["Connector", connector],
    [
      "Resource types",
      <Group gap={4} key="types">
        {integration.connected_resource_types.map((type) => (
          <Badge key={type} variant="light" color="gray" tt="none">
            {resourceTypeLabel(type)}
          </Badge>
        ))}
      </Group>,
    ],
    ...definition.params.map((param): [string, ReactNode] => {
      const raw = integration.integration_config[param.id];
      // ARNs are copied more often than read.
      return [
        param.label,
        raw?.startsWith("arn:") ? (
          <CopyValue key={param.id} value={raw} label={param.label} />
        ) : (
          formatConfigValue(param, raw)
        ),
      ];
    }),
    [
      `Custom Access Details (${CUSTOM_ACCESS_DETAILS_TITLE.toLowerCase()})`,
      integration.custom_access_details ? (
        <AccessDetailsText key="details" text={integration.custom_access_details} />
      ) : (
        "None"
      ),
    ],
    [
      "Integration Owner",
      owner
        ? `${owner.attribute_type === "user" ? "Users" : "Groups"} of ${ownerSource(owner.source_integration_name, owner.source_integration_reference)}: ${owner.attribute_value.join(", ")}`
        : "None",
    ],
    [
      "Resource Owner",
      mapping
        ? `Tag "${mapping.key_name}" names ${mapping.attribute_type === "user" ? "users" : "groups"} of ${ownerSource(mapping.source_integration_name, mapping.source_integration_reference)}`
        : "None",
    ],
    ["Integration ID", <CopyValue key="id" value={integration.id} label="Integration ID" />],
    ["Created", formatDateTime(integration.portcullis.created_at)],
    ["Updated", formatDateTime(integration.portcullis.updated_at)],
  ];
  return (
    <Table withTableBorder layout="fixed" verticalSpacing={8} fz="sm">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={{ base: "38%", sm: 260 }} scope="row" fw={500} c="dimmed">
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              {typeof value === "string" ? <Text size="sm">{value}</Text> : value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
