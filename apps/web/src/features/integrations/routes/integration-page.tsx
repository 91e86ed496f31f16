import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { INTEGRATION_CATALOG, isTerminalStatus } from "@portcullis/shared";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { RelativeTime } from "../../../components/relative-time.tsx";
import { ErrorState, errorMessage, LoadingState } from "../../../components/states.tsx";
import { hasErrorCode } from "../../../lib/api-client.ts";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useDeleteIntegration, useIntegration, useRefreshIntegration } from "../api/integrations.ts";
import { failingField } from "../components/failing-field.ts";
import { FetchHistory } from "../components/fetch-history.tsx";
import { IntegrationSummary } from "../components/integration-summary.tsx";
import { ManagedCredentials } from "../components/managed-credentials.tsx";
import { ResourcesTable } from "../components/resources-table.tsx";
import { IntegrationStatusBadge } from "../components/status-badge.tsx";
import { StatusDetails } from "../components/status-details.tsx";
import { SyncProgress } from "../components/sync-progress.tsx";

const TABS = ["overview", "resources", "history"];

export function IntegrationPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const integration = useIntegration(id);
  const refresh = useRefreshIntegration(id);
  const remove = useDeleteIntegration();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // The tab lives in the URL (`?tab=resources`): a link or a reload opens the same tab.
  const [params, setParams] = useSearchParams();
  const tab = TABS.includes(params.get("tab") ?? "") ? params.get("tab") : "overview";
  const setTab = (value: string | null) =>
    setParams(
      (previous) => {
        const nextParams = new URLSearchParams();
        if (value && value !== "overview") nextParams.set("tab", value);
        // The resource filters belong to the Resources tab only.
        if (value === "resources") {
          for (const key of ["type", "q"]) {
            const kept = previous.get(key);
            if (kept) nextParams.set(key, kept);
          }
        }
        return nextParams;
      },
      { replace: true },
    );
  usePageTitle(integration.data?.name ?? "Integration");

  if (integration.isPending) return <LoadingState label="Loading the integration…" />;
  if (integration.isError) {
    const gone = hasErrorCode(integration.error, "NOT_FOUND");
    return (
      <ErrorState
        title={gone ? "Integration not found" : "This integration could not be loaded"}
        error={integration.error}
        onRetry={gone ? undefined : () => integration.refetch()}
        action={
          <Button component={Link} to="/connected" variant="light">
            Back to Connected
          </Button>
        }
      />
    );
  }

  const current = integration.data;
  const running = !isTerminalStatus(current.status);
  const definition = INTEGRATION_CATALOG[current.type];

  const onRefresh = () =>
    refresh.mutate(undefined, {
      onSuccess: (answer) => notifications.show({ color: "blue", title: "Refresh", message: answer.message }),
      onError: (error) =>
        notifications.show({
          color: "red",
          title: "The refresh could not start",
          message: errorMessage(error),
        }),
    });

  const onDelete = () =>
    remove.mutate(current.id, {
      onSuccess: () => {
        notifications.show({
          color: "green",
          title: "Integration deleted",
          message: `${current.name} was deleted.`,
        });
        navigate("/connected", { replace: true });
      },
    });

  return (
    <Stack>
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/connected">
          Connected
        </Anchor>
        <Text>{current.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={2} style={{ overflowWrap: "anywhere" }}>
              {current.name}
            </Title>
            <IntegrationStatusBadge status={current.status} />
            <Badge variant="light" color="gray">
              {definition.label}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {current.last_sync_time ? (
              <>
                Last fetch <RelativeTime iso={current.last_sync_time} />
              </>
            ) : (
              "Not fetched yet"
            )}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={onRefresh} loading={refresh.isPending} disabled={running}>
            Refresh
          </Button>
          <Button variant="default" component={Link} to={`/connected/${current.id}/edit`}>
            Edit
          </Button>
          <Button color="red" variant="light" onClick={() => setConfirmingDelete(true)}>
            Delete
          </Button>
        </Group>
      </Group>
      {running && (
        <Paper withBorder p="md" radius="md">
          <Text size="sm" fw={600} mb={4}>
            {current.status === "Initializing" ? "First fetch in progress" : "Fetch in progress"}
          </Text>
          <SyncProgress sync={current.portcullis.sync} />
        </Paper>
      )}
      {/* Status changes (Initializing → Active, a failed fetch) are announced, politely. */}
      <VisuallyHidden role="status" aria-live="polite" data-testid="status-announcer">
        {`${current.name}: ${current.status}`}
      </VisuallyHidden>
      <StatusDetails
        integration={current}
        maxErrors={10}
        actions={
          current.status === "Error" && (
            <Group gap="xs" mt="sm">
              <Button
                size="xs"
                component={Link}
                to={`/connected/${current.id}/edit?field=${encodeURIComponent(failingField(current))}`}
              >
                Fix
              </Button>
              <Button size="xs" variant="default" onClick={onRefresh} loading={refresh.isPending}>
                Retry
              </Button>
            </Group>
          )
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Configuration</Tabs.Tab>
          <Tabs.Tab value="resources">Resources</Tabs.Tab>
          <Tabs.Tab value="history">Fetch history</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <IntegrationSummary integration={current} />
          <ManagedCredentials integrationId={current.id} integrationType={current.type} />
        </Tabs.Panel>
        <Tabs.Panel value="resources" pt="md">
          <ResourcesTable
            integrationId={current.id}
            resourceTypes={current.connected_resource_types}
            live={running}
            failed={current.status === "Error"}
          />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <FetchHistory integration={current} />
        </Tabs.Panel>
      </Tabs>
      <ConfirmDeleteModal
        opened={confirmingDelete}
        title={`Delete ${current.name}?`}
        confirmLabel="Delete integration"
        mutation={remove}
        onConfirm={onDelete}
        onClose={() => setConfirmingDelete(false)}
      >
        The integration and the {current.portcullis.sync?.resources_found ?? 0} resources it discovered are
        removed, and any fetch in progress is cancelled. This cannot be undone.
      </ConfirmDeleteModal>
    </Stack>
  );
}
