import {
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import {
  INTEGRATION_CATALOG,
  INTEGRATION_STATUSES,
  INTEGRATION_TYPES,
  isIntegrationType,
  isTerminalStatus,
  type TIntegrationStatus,
  type TIntegrationV4,
} from "@portcullis/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { LoadMoreButton } from "../../../components/load-more-button.tsx";
import { RelativeTime } from "../../../components/relative-time.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useConnectorLabel } from "../../connectors/index.ts";
import { type IntegrationListFilters, integrationKeys } from "../api/integration-keys.ts";
import { useIntegrationList } from "../api/integrations.ts";
import { IntegrationStatusBadge } from "../components/status-badge.tsx";
import { StatusDetails } from "../components/status-details.tsx";
import { SyncProgress, syncCountsText } from "../components/sync-progress.tsx";

const isStatus = (value: string): value is TIntegrationStatus =>
  (INTEGRATION_STATUSES as readonly string[]).includes(value);

function IntegrationCard({
  integration,
  highlighted,
}: {
  integration: TIntegrationV4;
  highlighted: boolean;
}) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [highlighted]);
  const running = !isTerminalStatus(integration.status);
  const sync = integration.portcullis.sync;
  const connector = useConnectorLabel(integration.connector_id);
  return (
    <Paper
      ref={ref}
      withBorder
      p="md"
      radius="md"
      component="li"
      data-testid="integration-row"
      data-integration-id={integration.id}
      data-highlighted={highlighted || undefined}
      style={
        highlighted
          ? { borderColor: "var(--mantine-color-blue-6)", boxShadow: "0 0 0 2px var(--mantine-color-blue-2)" }
          : undefined
      }
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Anchor
              component={Link}
              to={`/connected/${integration.id}`}
              fw={600}
              size="lg"
              style={{ overflowWrap: "anywhere" }}
            >
              {integration.name}
            </Anchor>
            {highlighted && (
              <Badge size="sm" color="blue" variant="filled">
                New
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {INTEGRATION_CATALOG[integration.type].label} ·{" "}
            {integration.connector_id ? `connector ${connector}` : "no connector"}
          </Text>
        </Stack>
        <div style={{ flexShrink: 0 }}>
          <IntegrationStatusBadge status={integration.status} />
        </div>
      </Group>
      {running ? (
        <div style={{ marginTop: 8 }}>
          <SyncProgress sync={sync} />
        </div>
      ) : (
        <Text size="xs" c="dimmed" mt={6}>
          {integration.last_sync_time ? (
            <>
              Last fetch <RelativeTime iso={integration.last_sync_time} />
            </>
          ) : (
            "Not fetched yet"
          )}
          {sync ? ` · ${syncCountsText(sync, false).replace(/ found$/, "")}` : ""}
        </Text>
      )}
      {(integration.status === "Warning" || integration.status === "Error") && (
        <div style={{ marginTop: 8 }}>
          <StatusDetails integration={integration} maxErrors={2} />
        </div>
      )}
    </Paper>
  );
}

export function ConnectedPage() {
  usePageTitle("Connected");
  const [params, setParams] = useSearchParams();
  const highlight = params.get("highlight");
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const types = params.getAll("type").filter(isIntegrationType);
  const statuses = params.getAll("status").filter(isStatus);

  // The arrays are rebuilt from the URL on every render; the query key compares contents.
  const filters: IntegrationListFilters = { search: debouncedSearch, types, statuses };
  const list = useIntegrationList(filters);
  const queryClient = useQueryClient();
  const justCreated = highlight
    ? queryClient.getQueryData<TIntegrationV4>(integrationKeys.detail(highlight))
    : undefined;

  // The search box writes to the URL once typing settles, so the filter survives a reload.
  useEffect(() => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (debouncedSearch.trim()) next.set("q", debouncedSearch.trim());
        else next.delete("q");
        return next;
      },
      { replace: true },
    );
  }, [debouncedSearch, setParams]);

  const setList = (key: "type" | "status", values: string[]) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete(key);
        for (const value of values) next.append(key, value);
        return next;
      },
      { replace: true },
    );

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(debouncedSearch.trim() || types.length || statuses.length);

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Connected</Title>
          <Text c="dimmed" size="sm">
            Your integrations and the state of their latest fetch.
          </Text>
        </div>
        <Button component={Link} to="/catalog">
          Connect an integration
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" role="search" aria-label="Filter integrations">
        <TextInput
          label="Search by name"
          placeholder="Integration name"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
        />
        <MultiSelect
          label="Type"
          placeholder={types.length ? undefined : "All types"}
          data={INTEGRATION_TYPES.map((type) => ({ value: type, label: INTEGRATION_CATALOG[type].label }))}
          value={types}
          onChange={(values) => setList("type", values)}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="Status"
          placeholder={statuses.length ? undefined : "All statuses"}
          data={[...INTEGRATION_STATUSES]}
          value={statuses}
          onChange={(values) => setList("status", values)}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      {list.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading integrations">
          {/* The integration just created is known from the server's answer: show it at once. */}
          {justCreated && !filtered && (
            <Stack
              component="ul"
              gap="sm"
              p={0}
              m={0}
              style={{ listStyle: "none" }}
              aria-label="Integrations"
            >
              <IntegrationCard integration={justCreated} highlighted />
            </Stack>
          )}
          {[0, 1, 2].map((key) => (
            <Skeleton key={key} h={92} radius="md" />
          ))}
        </Stack>
      ) : list.isError ? (
        <ErrorState
          title="The integrations could not be loaded"
          error={list.error}
          onRetry={() => list.refetch()}
        />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No integration matches"
            message="Change the search or the filters to see more."
            action={
              <Button
                variant="default"
                onClick={() => {
                  setSearch("");
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No integrations yet"
            message="Connect an AWS account or organization from the Catalog; it appears here while its first fetch runs."
            action={
              <Button component={Link} to="/catalog/aws">
                Connect AWS
              </Button>
            }
          />
        )
      ) : (
        <>
          <Text size="xs" c="dimmed" aria-live="polite">
            {items.length} integration{items.length === 1 ? "" : "s"}
            {list.hasNextPage ? " shown" : ""}
          </Text>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label="Integrations">
            {items.map((integration) => (
              <IntegrationCard
                key={integration.id}
                integration={integration}
                highlighted={integration.id === highlight}
              />
            ))}
          </Stack>
          <LoadMoreButton query={list} />
        </>
      )}
    </Stack>
  );
}
