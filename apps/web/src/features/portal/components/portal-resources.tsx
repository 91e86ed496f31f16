import { Badge, Group, List, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { resourceTypeLabel } from "@portcullis/shared";
import { useState } from "react";
import { KeysetPager, useKeysetPages } from "../../../components/keyset-pager.tsx";
import { ErrorState } from "../../../components/states.tsx";
import { PORTAL_RESOURCES_PAGE, usePortalResources } from "../api/portal.ts";

/** The resources of one integration, searchable, as end users see them. */
export function PortalResources({
  integrationId,
  integrationName,
}: {
  integrationId: string;
  integrationName: string;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const pages = useKeysetPages(debounced);
  const resources = usePortalResources(integrationId, debounced, pages.pageToken);

  return (
    <Stack gap="xs">
      <TextInput
        label={`Search resources of ${integrationName}`}
        placeholder="Name or ARN"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        size="sm"
      />
      {resources.isPending ? (
        <Stack gap={4} aria-busy="true" aria-label="Loading resources">
          <Skeleton h={20} />
          <Skeleton h={20} />
        </Stack>
      ) : resources.isError ? (
        <ErrorState
          title="The resources could not be loaded"
          error={resources.error}
          onRetry={() => resources.refetch()}
        />
      ) : resources.data.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {debounced ? "No resource matches." : "No resources."}
        </Text>
      ) : (
        <>
          <List spacing={4} size="sm" listStyleType="none" aria-label={`Resources of ${integrationName}`}>
            {resources.data.data.map((resource) => (
              <List.Item key={resource.id} data-testid="portal-resource">
                <Group gap="xs" wrap="nowrap">
                  <Badge size="xs" variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
                    {resourceTypeLabel(resource.type)}
                  </Badge>
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {resource.name}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
          <KeysetPager
            pages={pages}
            pageSize={PORTAL_RESOURCES_PAGE}
            shown={resources.data.data.length}
            pagination={resources.data.pagination}
            compact
          />
        </>
      )}
    </Stack>
  );
}
