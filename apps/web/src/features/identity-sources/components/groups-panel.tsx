import { Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TIdentityGroup, TIdentitySource } from "@portcullis/shared";
import { useState } from "react";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { useDeleteGroup, useSourceGroups } from "../api/identity-sources.ts";
import { GroupForm } from "./group-form.tsx";
import { SourceEntriesTable } from "./source-entries-table.tsx";
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
      <SourceEntriesTable
        query={groups}
        nouns={{ one: "group", many: "groups", Many: "Groups" }}
        editable={editable}
        emptyMessage={
          editable
            ? "Add a group and choose its members; a group can be named as an owner."
            : "Groups appear here as your identity provider pushes them."
        }
        minWidth={360}
        headers={["Name", "Members"]}
        cells={(group) => (
          <>
            <Table.Td>
              <Text size="sm" fw={500}>
                {group.display_name}
              </Text>
            </Table.Td>
            <Table.Td title={group.members.map((m) => m.user_name).join(", ")}>
              {plural(group.members.length, "member", "members")}
            </Table.Td>
          </>
        )}
        rowTestId="group-row"
        actionName={(group) => `group ${group.display_name}`}
        removeLabel="Delete"
        offset={offset}
        pageSize={PAGE_SIZE}
        onOffset={setOffset}
        onAdd={() => setEditing("new")}
        onEdit={setEditing}
        onRemove={setRemoving}
      />
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
