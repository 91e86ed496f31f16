import { Badge, Group, Select, Skeleton, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { resourceTypeLabel, type TOwnerSource, type TResourceV3 } from "@portcullis/shared";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { CopyValue } from "../../../components/copy-value.tsx";
import { KeysetPager, useKeysetPages } from "../../../components/keyset-pager.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { RESOURCES_PAGE_SIZE, useResources } from "../api/integrations.ts";

function ownerSourceLabel(source: TOwnerSource): { label: string; color: string; hint: string } {
  switch (source) {
    case "tag":
      return { label: "from tag", color: "teal", hint: "Found in the resource's owner tag." };
    case "fallback":
      return {
        label: "fallback owner",
        color: "orange",
        hint: "No owner tag: the integration owner approves.",
      };
    case "none":
      return { label: "no owner", color: "gray", hint: "No owner tag and no integration owner." };
    default: {
      const unknown: never = source;
      return { label: String(unknown), color: "gray", hint: "" };
    }
  }
}

function Tags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  if (entries.length === 0)
    return (
      <Text size="xs" c="dimmed">
        None
      </Text>
    );
  const shown = entries.slice(0, 4);
  return (
    <Group gap={4}>
      {shown.map(([key, value]) => (
        <Badge key={key} variant="outline" color="gray" tt="none" fw={400} maw="100%">
          {key}={value}
        </Badge>
      ))}
      {entries.length > shown.length && (
        <Tooltip
          label={entries
            .slice(shown.length)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}
          multiline
          w={280}
        >
          <Badge variant="light" color="gray" tabIndex={0}>
            +{entries.length - shown.length}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

const ATTRIBUTE_NAMES: Record<string, string> = { user_name: "user name", cost_center: "cost center" };

/** Which source and attribute resolved the owners, e.g. "Okta · department = risk". */
export function resolvedBy(resource: TResourceV3): string[] {
  const seen = new Set<string>();
  for (const detail of resource.portcullis.owner_details ?? []) {
    const sources = detail.sources.map((source) => source.name).join(", ");
    const attribute = ATTRIBUTE_NAMES[detail.attribute] ?? detail.attribute.replace(/_/g, " ");
    seen.add(`${sources} · ${attribute} = ${detail.value}`);
  }
  return [...seen];
}

function Owners({ resource }: { resource: TResourceV3 }) {
  const source = ownerSourceLabel(resource.portcullis.owner_source);
  const by = resolvedBy(resource);
  return (
    <Stack gap={2}>
      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
        {resource.portcullis.owners.length ? resource.portcullis.owners.join(", ") : "—"}
      </Text>
      {by.map((line) => (
        <Text
          key={line}
          size="xs"
          c="dimmed"
          data-testid="owner-resolved-by"
          style={{ overflowWrap: "anywhere" }}
        >
          {line}
        </Text>
      ))}
      <Tooltip label={source.hint}>
        <Badge
          size="xs"
          variant="light"
          color={source.color}
          tabIndex={0}
          w="fit-content"
          style={{ flexShrink: 0 }}
        >
          {source.label}
        </Badge>
      </Tooltip>
    </Stack>
  );
}

/** The discovered resources of an integration: paginated, filtered by type, searched by name or id. */
export function ResourcesTable({
  integrationId,
  resourceTypes,
  live,
  failed = false,
}: {
  integrationId: string;
  resourceTypes: readonly string[];
  live: boolean;
  /** The last fetch failed: no promise that resources are on their way. */
  failed?: boolean;
}) {
  // The type and the search live in the URL: a link or a reload shows the same list.
  const [params, setParams] = useSearchParams();
  const type = params.get("type");
  const [search, setSearchState] = useState(() => params.get("q") ?? "");
  const setType = (value: string | null) =>
    setParams(
      (previous) => {
        const nextParams = new URLSearchParams(previous);
        if (value) nextParams.set("type", value);
        else nextParams.delete("type");
        return nextParams;
      },
      { replace: true },
    );
  const setSearch = (value: string) => {
    setSearchState(value);
    setParams(
      (previous) => {
        const nextParams = new URLSearchParams(previous);
        if (value) nextParams.set("q", value);
        else nextParams.delete("q");
        return nextParams;
      },
      { replace: true },
    );
  };
  const [debounced] = useDebouncedValue(search, 300);
  const pages = useKeysetPages(JSON.stringify([type, debounced]));
  const resources = useResources(
    integrationId,
    { type, search: debounced, pageToken: pages.pageToken },
    live,
  );
  const data = resources.data;

  return (
    <Stack gap="sm">
      <Group grow wrap="wrap" align="flex-end" role="search" aria-label="Filter resources">
        <Select
          label="Resource type"
          placeholder="All types"
          clearable
          data={resourceTypes.map((id) => ({ value: id, label: resourceTypeLabel(id) }))}
          value={type}
          onChange={setType}
          miw={200}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Search"
          placeholder="Name or ARN"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          miw={200}
        />
      </Group>
      {resources.isPending ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading resources">
          {[0, 1, 2, 3].map((key) => (
            <Skeleton key={key} h={36} />
          ))}
        </Stack>
      ) : resources.isError ? (
        <ErrorState
          title="The resources could not be loaded"
          error={resources.error}
          onRetry={() => resources.refetch()}
        />
      ) : data && data.data.length === 0 ? (
        <EmptyState
          title={type || debounced ? "No resource matches" : "No resources yet"}
          message={
            type || debounced
              ? "Change the type or the search."
              : failed
                ? "The last fetch failed before it found any. Fix the error above, then retry the fetch."
                : "Resources appear here as the fetch discovers them."
          }
        />
      ) : data ? (
        <>
          {/* On a phone the table scrolls sideways; say so, the edge alone is easy to miss. */}
          <Text size="xs" c="dimmed" hiddenFrom="md" data-testid="resources-scroll-cue">
            Scroll the table sideways to see every column →
          </Text>
          <Table.ScrollContainer minWidth={900} type="native">
            <Table
              striped
              highlightOnHover
              verticalSpacing="xs"
              fz="sm"
              layout="fixed"
              aria-label="Resources"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">Name</Table.Th>
                  <Table.Th w="13%">Type</Table.Th>
                  <Table.Th w="15%">Account · region</Table.Th>
                  <Table.Th w="24%">Tags</Table.Th>
                  <Table.Th w="20%">Owner</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.map((resource) => (
                  <Table.Tr key={resource.id} data-testid="resource-row">
                    <Table.Td>
                      <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                        {resource.name}
                      </Text>
                      <CopyValue
                        value={resource.portcullis.external_id}
                        label={`the ARN of ${resource.name}`}
                        dimmed
                      />
                    </Table.Td>
                    <Table.Td>{resourceTypeLabel(resource.type)}</Table.Td>
                    <Table.Td>
                      {resource.portcullis.account_id ?? "—"}
                      {resource.portcullis.region ? ` · ${resource.portcullis.region}` : ""}
                    </Table.Td>
                    <Table.Td>
                      <Tags tags={resource.portcullis.tags} />
                    </Table.Td>
                    <Table.Td>
                      <Owners resource={resource} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <KeysetPager
            pages={pages}
            pageSize={RESOURCES_PAGE_SIZE}
            shown={data.data.length}
            pagination={data.pagination}
          />
        </>
      ) : null}
    </Stack>
  );
}
