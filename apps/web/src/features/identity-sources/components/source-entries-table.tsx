import { Button, Group, Paper, Skeleton, Stack, Table, VisuallyHidden } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { OffsetPager } from "../../../components/offset-pager.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";

/** How the panel words its entries: "people"/"person", "groups"/"group". */
export type EntryNouns = { one: string; many: string; Many: string };

/**
 * What the People and Groups panels of a source share: the Add button of a built-in source, the
 * loading, error and empty states, the table with its Edit/Remove buttons, and the pager. Each
 * panel keeps its own columns, form and confirmation.
 */
export function SourceEntriesTable<Entry extends { id: string }>({
  query,
  nouns,
  editable,
  emptyMessage,
  minWidth,
  headers,
  cells,
  rowTestId,
  actionName,
  removeLabel,
  offset,
  pageSize,
  onOffset,
  onAdd,
  onEdit,
  onRemove,
}: {
  query: UseQueryResult<{ items: Entry[]; total: number }>;
  nouns: EntryNouns;
  editable: boolean;
  emptyMessage: string;
  minWidth: number;
  headers: string[];
  cells: (entry: Entry) => ReactNode;
  rowTestId: string;
  /** The entry's name in the buttons' accessible names ("Edit <name>"). */
  actionName: (entry: Entry) => string;
  removeLabel: "Remove" | "Delete";
  offset: number;
  pageSize: number;
  onOffset: (offset: number) => void;
  onAdd: () => void;
  onEdit: (entry: Entry) => void;
  onRemove: (entry: Entry) => void;
}) {
  return (
    <Stack gap="sm">
      {editable && (
        <Group justify="flex-end">
          <Button onClick={onAdd}>Add {nouns.one}</Button>
        </Group>
      )}
      {query.isPending ? (
        <Skeleton h={120} radius="md" aria-label={`Loading ${nouns.many}`} />
      ) : query.isError ? (
        <ErrorState
          title={`The ${nouns.many} could not be loaded`}
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : query.data.total === 0 ? (
        <EmptyState title={`No ${nouns.many} yet`} message={emptyMessage} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={minWidth}>
            <Table verticalSpacing="xs" aria-label={nouns.Many}>
              <Table.Thead>
                <Table.Tr>
                  {headers.map((header) => (
                    <Table.Th key={header}>{header}</Table.Th>
                  ))}
                  {editable && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((entry) => (
                  <Table.Tr key={entry.id} data-testid={rowTestId}>
                    {cells(entry)}
                    {editable && (
                      <Table.Td ta="right">
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => onEdit(entry)}
                            aria-label={`Edit ${actionName(entry)}`}
                          >
                            Edit
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => onRemove(entry)}
                            aria-label={`${removeLabel} ${actionName(entry)}`}
                          >
                            {removeLabel}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <OffsetPager
            offset={offset}
            limit={pageSize}
            shown={query.data.items.length}
            total={query.data.total}
            onOffset={onOffset}
            label={nouns.many}
          />
        </Paper>
      )}
    </Stack>
  );
}
