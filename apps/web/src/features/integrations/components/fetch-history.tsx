import { Badge, List, Skeleton, Stack, Table, Text } from "@mantine/core";
import {
  isTerminalSyncState,
  type TIntegrationV4,
  type TSyncRunHistoryItem,
  type TSyncState,
} from "@portcullis/shared";
import { ErrorState } from "../../../components/states.tsx";
import { formatDateTime, formatDuration } from "../../../lib/format.ts";
import { useSyncRuns } from "../api/integrations.ts";

function stateLook(state: TSyncState): { color: string; label: string } {
  switch (state) {
    case "queued":
      return { color: "gray", label: "Queued" };
    case "running":
      return { color: "blue", label: "Running" };
    case "succeeded":
      return { color: "green", label: "Succeeded" };
    case "partial":
      return { color: "yellow", label: "Partial" };
    case "failed":
      return { color: "red", label: "Failed" };
    case "cancelled":
      return { color: "gray", label: "Cancelled" };
    default: {
      const unknown: never = state;
      return { color: "gray", label: String(unknown) };
    }
  }
}

function RunsTable({ runs }: { runs: readonly TSyncRunHistoryItem[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" fz="sm" aria-label="Fetch history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Duration</Table.Th>
            <Table.Th>Scopes</Table.Th>
            <Table.Th>Accounts</Table.Th>
            <Table.Th>Resources</Table.Th>
            <Table.Th>Errors</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => {
            const look = stateLook(run.state);
            const errors = run.errors ?? [];
            return (
              <Table.Tr key={run.run_id} data-testid="sync-run-row">
                <Table.Td>
                  {formatDateTime(run.started_at)}
                  {run.trigger && (
                    <Text size="xs" c="dimmed">
                      {run.trigger}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={look.color} variant="light">
                    {look.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {formatDuration(run.started_at, run.finished_at) ??
                    (isTerminalSyncState(run.state) ? "—" : "running…")}
                </Table.Td>
                <Table.Td>
                  {run.scopes_done}/{run.scopes_total}
                  {run.scopes_failed > 0 ? ` (${run.scopes_failed} failed)` : ""}
                </Table.Td>
                <Table.Td>{run.accounts_found}</Table.Td>
                <Table.Td>{run.resources_found}</Table.Td>
                <Table.Td maw={320}>
                  {errors.length === 0 ? (
                    run.message ? (
                      <Text size="xs">{run.message}</Text>
                    ) : (
                      "—"
                    )
                  ) : (
                    <List size="xs" spacing={2}>
                      {errors.slice(0, 3).map((error) => (
                        <List.Item key={`${error.scope}:${error.code}`}>
                          {error.scope}: {error.message}
                        </List.Item>
                      ))}
                      {errors.length > 3 && <List.Item>and {errors.length - 3} more</List.Item>}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Sync runs of the integration, newest first, polled while a fetch is running. */
export function FetchHistory({ integration }: { integration: TIntegrationV4 }) {
  const runs = useSyncRuns(integration.id, integration.status);
  if (runs.isPending) {
    return (
      <Stack gap={6} aria-busy="true" aria-label="Loading the fetch history">
        <Skeleton h={36} />
        <Skeleton h={36} />
      </Stack>
    );
  }
  if (runs.isError) {
    return (
      <ErrorState
        title="The fetch history could not be loaded"
        error={runs.error}
        onRetry={() => runs.refetch()}
      />
    );
  }
  if (runs.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No fetch has run yet.
      </Text>
    );
  }
  return <RunsTable runs={runs.data.items} />;
}
