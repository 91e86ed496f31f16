import { Button, Drawer, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { TConnectorV3 } from "@portcullis/shared";
import { useState } from "react";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { RelativeTime } from "../../../components/relative-time.tsx";
import { EmptyState, ErrorState, errorMessage } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useCheckConnector, useConnectors, useDeleteConnector } from "../api/connectors.ts";
import { AddConnectorPanel } from "../components/add-connector-panel.tsx";
import { ConnectorCheckAlert } from "../components/connector-check-alert.tsx";
import { ConnectorStatusBadge } from "../components/connector-status-badge.tsx";
import { EditConnectorPanel } from "../components/edit-connector-panel.tsx";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

function usedByText(count: number): string {
  return count === 1 ? "Used by 1 integration" : `Used by ${count} integrations`;
}

function ConnectorCard({
  connector,
  onDelete,
  onEdit,
}: {
  connector: TConnectorV3;
  onDelete: () => void;
  onEdit: () => void;
}) {
  const finished = connector.status === "CONNECTED" && connector.credentials === "role";
  const check = useCheckConnector();
  const [showCheck, setShowCheck] = useState(false);
  const onCheck = () =>
    check.mutate(connector.id, {
      onSuccess: (checked) => {
        setShowCheck(true);
        notifications.show({
          color: checked.status === "CONNECTED" ? "green" : "red",
          title:
            checked.status === "CONNECTED"
              ? `${checked.name} is connected`
              : `${checked.name} failed its check`,
          message: checked.last_check?.message ?? "",
        });
      },
      onError: (error) =>
        notifications.show({ color: "red", title: "The check could not run", message: errorMessage(error) }),
    });
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="li"
      data-testid="connector-row"
      data-connector-id={connector.id}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{connector.name}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {connector.id}
          </Text>
          <Text size="xs" c="dimmed" data-testid="connector-used-by">
            {usedByText(connector.used_by_integrations)}
          </Text>
        </div>
        <ConnectorStatusBadge status={connector.status} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="sm" spacing="sm">
        <Field label="AWS account">{connector.aws_account_id ?? "Not known yet"}</Field>
        <Field label="Region">{connector.region}</Field>
        <Field label="Last connected">
          <RelativeTime iso={connector.last_connected} />
        </Field>
        <Field label="Role">{connector.role_arn ?? "None: the Portcullis server's own credentials"}</Field>
      </SimpleGrid>
      {(showCheck || !finished) && (
        <div style={{ marginTop: 12 }}>
          <ConnectorCheckAlert connector={connector} />
        </div>
      )}
      <Group mt="sm" gap="xs">
        <Button size="xs" variant={finished ? "default" : "filled"} onClick={onEdit}>
          {finished ? "Edit" : "Finish setup"}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={onCheck}
          loading={check.isPending}
          aria-label={`Re-check ${connector.name}`}
        >
          Re-check
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          onClick={onDelete}
          aria-label={`Delete ${connector.name}`}
        >
          Delete
        </Button>
      </Group>
    </Paper>
  );
}

export function ConnectorsPage() {
  usePageTitle("Connectors");
  const connectors = useConnectors();
  const remove = useDeleteConnector();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<TConnectorV3 | null>(null);
  const [editing, setEditing] = useState<TConnectorV3 | null>(null);
  const narrow = useMediaQuery("(max-width: 48em)");

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Connectors</Title>
          <Text c="dimmed" size="sm">
            How Portcullis reaches your AWS accounts. Integrations need a connected connector.
          </Text>
        </div>
        <Button onClick={() => setAdding(true)}>+ Add new connector</Button>
      </Group>
      {connectors.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading connectors">
          <Skeleton h={120} radius="md" />
          <Skeleton h={120} radius="md" />
        </Stack>
      ) : connectors.isError ? (
        <ErrorState
          title="The connectors could not be loaded"
          error={connectors.error}
          onRetry={() => connectors.refetch()}
        />
      ) : connectors.data.length === 0 ? (
        <EmptyState
          title="No connectors yet"
          message="Add a connector: an IAM role in the AWS account to connect, which Portcullis assumes with a generated external ID."
          action={<Button onClick={() => setAdding(true)}>+ Add new connector</Button>}
        />
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label="Connectors">
          {connectors.data.map((connector) => (
            <ConnectorCard
              key={connector.id}
              connector={connector}
              onDelete={() => setDeleting(connector)}
              onEdit={() => setEditing(connector)}
            />
          ))}
        </Stack>
      )}
      <Drawer
        opened={adding}
        onClose={() => setAdding(false)}
        position="right"
        size={narrow ? "100%" : "xl"}
        title="Add new connector"
      >
        {adding && (
          <AddConnectorPanel
            onConnected={(connector) => {
              setAdding(false);
              notifications.show({
                color: "green",
                title: "Connector added",
                message:
                  connector.credentials === "server"
                    ? `${connector.name} uses the Portcullis server's own credentials. Add a role with Edit.`
                    : `${connector.name} is connected.`,
              });
            }}
            onCancel={() => setAdding(false)}
          />
        )}
      </Drawer>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size={narrow ? "100%" : "xl"}
        title={editing ? `Edit ${editing.name}` : ""}
      >
        {editing && <EditConnectorPanel connector={editing} onDone={() => setEditing(null)} />}
      </Drawer>
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={deleting ? `Delete ${deleting.name}?` : ""}
        confirmLabel="Delete connector"
        mutation={remove}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({
                color: "green",
                title: "Connector deleted",
                message: `${deleting.name} was deleted.`,
              });
              setDeleting(null);
            },
          })
        }
        onClose={() => setDeleting(null)}
      >
        Portcullis forgets this connector. A connector that integrations use cannot be deleted: move or delete
        them first.
      </ConfirmDeleteModal>
    </Stack>
  );
}
