import { Alert, Button, Drawer, Group, Paper, Select, Skeleton, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { TConnectorV3 } from "@portcullis/shared";
import { useEffect, useRef, useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { RelativeTime } from "../../../../components/relative-time.tsx";
import { errorMessage } from "../../../../components/states.tsx";
import {
  AddConnectorPanel,
  ConnectorCheckAlert,
  ConnectorStatusBadge,
  useCheckConnector,
  useConnectors,
} from "../../../connectors/index.ts";
import { FieldLabel, fieldHelp, splitFirstSentence } from "./field-help.tsx";
import type { WizardValues } from "./wizard-values.ts";

function connectorDescription(connector: TConnectorV3): string {
  const account = connector.aws_account_id
    ? `AWS account ${connector.aws_account_id}`
    : "AWS account not known yet";
  return `${connector.status === "CONNECTED" ? "Connected" : "Disconnected"} · ${account} · ${connector.region}`;
}

export function ConnectorStep() {
  const { control } = useFormContext<WizardValues>();
  const { field, fieldState } = useController({ control, name: "connector_id" });
  const connectors = useConnectors();
  const check = useCheckConnector();
  const [adding, setAdding] = useState(false);
  const narrow = useMediaQuery("(max-width: 48em)");
  const help = fieldHelp("connector_id");
  const [choose, addHint] = splitFirstSentence(help.help);
  const selected = connectors.data?.find((connector) => connector.id === field.value) ?? null;
  const names = useRef(new Map<string, string>());
  for (const connector of connectors.data ?? []) names.current.set(connector.id, connector.name);
  const [removed, setRemoved] = useState<string | null>(null);

  // Asked again each time the step opens: a connector deleted meanwhile must not linger.
  const { refetch } = connectors;
  useEffect(() => {
    void refetch();
  }, [refetch]);

  // The chosen connector was deleted (elsewhere, meanwhile): it leaves the field, and a message
  // says so, rather than a dangling id failing at Confirm.
  const { onChange } = field;
  useEffect(() => {
    if (!connectors.data || !field.value || selected) return;
    if (connectors.isFetching) return;
    setRemoved(names.current.get(field.value) ?? field.value);
    onChange("");
  }, [connectors.data, connectors.isFetching, field.value, selected, onChange]);

  const onConnected = (connector: TConnectorV3) => {
    setRemoved(null);
    field.onChange(connector.id);
    setAdding(false);
    notifications.show({
      color: "green",
      title: "Connector added",
      message: `${connector.name} passed its check and is selected.`,
    });
  };

  return (
    <Stack gap="md">
      {connectors.isPending ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading connectors">
          <Skeleton h={14} w={120} />
          <Skeleton h={36} />
        </Stack>
      ) : connectors.isError ? (
        <Alert color="red" title="The connectors could not be loaded" role="alert">
          <Text size="sm">{errorMessage(connectors.error)}</Text>
          <Button mt="xs" size="xs" variant="default" onClick={() => connectors.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : (
        <Select
          ref={field.ref}
          label={<FieldLabel label={help.label} optional={false} />}
          description={choose}
          withAsterisk
          placeholder={connectors.data.length ? "Select a connector" : "No connectors yet: add one below"}
          searchable
          nothingFoundMessage={connectors.data.length ? "No connector matches" : "No connectors yet"}
          data={connectors.data.map((connector) => ({ value: connector.id, label: connector.name }))}
          value={field.value || null}
          onChange={(value) => {
            if (value) setRemoved(null);
            field.onChange(value ?? "");
          }}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
          comboboxProps={{ withinPortal: true }}
          renderOption={({ option }) => {
            const connector = connectors.data.find((item) => item.id === option.value);
            return (
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                {connector && (
                  <Text size="xs" c="dimmed">
                    {connectorDescription(connector)}
                  </Text>
                )}
              </Stack>
            );
          }}
        />
      )}
      {removed && !selected && (
        <Alert
          color="yellow"
          variant="light"
          role="status"
          title="Connector deleted"
          data-testid="connector-removed"
        >
          <Text size="sm">
            The connector {removed} was deleted, so it is no longer selected. Choose another one or add a new
            connector.
          </Text>
        </Alert>
      )}
      {selected && (
        <Paper withBorder p="sm" radius="md" data-testid="selected-connector">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={600} size="sm">
              {selected.name}
            </Text>
            <ConnectorStatusBadge status={selected.status} />
          </Group>
          <Text size="sm" mt={4}>
            Portcullis will reach all the services of AWS account{" "}
            <Text span fw={600}>
              {selected.aws_account_id ?? "(not known until the connector passes a check)"}
            </Text>
            , where this connector runs.
          </Text>
          <Text size="xs" c="dimmed">
            Region {selected.region} · last connected <RelativeTime iso={selected.last_connected} />
          </Text>
          {selected.status === "DISCONNECTED" && (
            <Stack gap="xs" mt="xs">
              <ConnectorCheckAlert connector={selected} />
              <Group>
                <Button
                  size="xs"
                  variant="default"
                  loading={check.isPending}
                  onClick={() =>
                    check.mutate(selected.id, {
                      onError: (error) =>
                        notifications.show({
                          color: "red",
                          title: "The check could not run",
                          message: errorMessage(error),
                        }),
                    })
                  }
                >
                  Check again
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      )}
      <div>
        <Button variant="light" onClick={() => setAdding(true)}>
          + Add new connector
        </Button>
        <Text size="xs" c="dimmed" mt={4}>
          {addHint}
        </Text>
      </div>
      <Drawer
        opened={adding}
        onClose={() => setAdding(false)}
        position="right"
        size={narrow ? "100%" : "xl"}
        title="Add new connector"
      >
        {/* React events bubble through portals: the panel's own form submit must not reach
            the wizard's form, which would validate every step ("Select a connector." behind). */}
        <div onSubmit={(event) => event.stopPropagation()}>
          {adding && <AddConnectorPanel onConnected={onConnected} onCancel={() => setAdding(false)} />}
        </div>
      </Drawer>
    </Stack>
  );
}
