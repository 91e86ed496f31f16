import { Badge, Button, Group, List, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { resourceTypeLabel } from "@portcullis/shared";
import { useEffect, useState } from "react";
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
  const [pages, setPages] = useState<Array<string | null>>([null]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts from the first page.
  useEffect(() => setPages([null]), [debounced]);
  const resources = usePortalResources(integrationId, debounced, pages[pages.length - 1] ?? null);
  const first = (pages.length - 1) * PORTAL_RESOURCES_PAGE;

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
          <Group justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {first + 1}–{first + resources.data.data.length} of {resources.data.pagination.total}
            </Text>
            <Group gap="xs">
              <Button
                size="compact-xs"
                variant="default"
                disabled={pages.length <= 1}
                onClick={() => setPages((p) => p.slice(0, -1))}
              >
                Previous
              </Button>
              <Button
                size="compact-xs"
                variant="default"
                disabled={!resources.data.pagination.next_page_token}
                onClick={() => {
                  const token = resources.data.pagination.next_page_token;
                  if (token) setPages((p) => [...p, token]);
                }}
              >
                Next
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}
