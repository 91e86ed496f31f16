import { Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TIdentityGroup, TIdentitySource } from "@portcullis/shared";
import { useState } from "react";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { useDeleteGroup, useSourceGroups } from "../api/identity-sources.ts";
import { GroupForm } from "./group-form.tsx";
import { OffsetPager } from "./offset-pager.tsx";
import { plural } from "./source-labels.tsx";

const PAGE_SIZE = 25;

/** The groups of a source with their member counts; a built-in source's can be edited. */
export function GroupsPanel({ source }: { source: TIdentitySource }) {
  const [offset, setOffset] = useState(0);
  const groups = useSourceGroups(source.id, { limit: PAGE_SIZE, offset });
  const remove = useDeleteGroup(source.id);
  const editable = source.type === "built-in";
  const [editing, setEditing] = useState<TIdentityGroup | "new" | null>(null);
  const [removing, setRemoving] = useState<TIdentityGroup | null>(null);

  return (
    <Stack gap="sm">
      {editable && (
        <Group justify="flex-end">
          <Button onClick={() => setEditing("new")}>Add group</Button>
        </Group>
      )}
      {groups.isPending ? (
        <Skeleton h={120} radius="md" aria-label="Loading groups" />
      ) : groups.isError ? (
        <ErrorState
          title="The groups could not be loaded"
          error={groups.error}
          onRetry={() => groups.refetch()}
        />
      ) : groups.data.total === 0 ? (
        <EmptyState
          title="No groups yet"
          message={
            editable
              ? "Add a group and choose its members; a group can be named as an owner."
              : "Groups appear here as your identity provider pushes them."
          }
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={360}>
            <Table verticalSpacing="xs" aria-label="Groups">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Members</Table.Th>
                  {editable && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.data.items.map((group) => (
                  <Table.Tr key={group.id} data-testid="group-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {group.display_name}
                      </Text>
                    </Table.Td>
                    <Table.Td title={group.members.map((m) => m.user_name).join(", ")}>
                      {plural(group.members.length, "member", "members")}
                    </Table.Td>
                    {editable && (
                      <Table.Td ta="right">
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => setEditing(group)}
                            aria-label={`Edit group ${group.display_name}`}
                          >
                            Edit
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRemoving(group)}
                            aria-label={`Delete group ${group.display_name}`}
                          >
                            Delete
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
            limit={PAGE_SIZE}
            shown={groups.data.items.length}
            total={groups.data.total}
            onOffset={setOffset}
            label="groups"
          />
        </Paper>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" || editing === null ? "Add group" : `Edit group ${editing.display_name}`}
        centered
      >
        {editing !== null && (
          <GroupForm
            sourceId={source.id}
            group={editing === "new" ? undefined : editing}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              notifications.show({
                color: "green",
                title: editing === "new" ? "Group added" : "Group saved",
                message: `${saved.display_name} has ${plural(saved.members.length, "member", "members")}.`,
              });
              setEditing(null);
            }}
          />
        )}
      </Modal>
      <ConfirmDeleteModal
        opened={removing !== null}
        title={removing ? `Delete group ${removing.display_name}?` : ""}
        confirmLabel="Delete group"
        mutation={remove}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        onClose={() => setRemoving(null)}
      >
        The group is deleted; its members stay in {source.name}. Anything owned through this group loses that
        owner.
      </ConfirmDeleteModal>
    </Stack>
  );
}
