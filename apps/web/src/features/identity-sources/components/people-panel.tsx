import { Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TIdentityPerson, TIdentitySource } from "@portcullis/shared";
import { useState } from "react";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { useDeletePerson, useSourcePeople } from "../api/identity-sources.ts";
import { PersonForm } from "./person-form.tsx";
import { SourceEntriesTable } from "./source-entries-table.tsx";

const PAGE_SIZE = 25;

/** The people of a source, a page at a time; a built-in source's can be added, edited and removed. */
export function PeoplePanel({ source }: { source: TIdentitySource }) {
  const [offset, setOffset] = useState(0);
  const people = useSourcePeople(source.id, { limit: PAGE_SIZE, offset });
  const remove = useDeletePerson(source.id);
  const editable = source.type === "built-in";
  // null: closed; "new": adding; a person: editing them.
  const [editing, setEditing] = useState<TIdentityPerson | "new" | null>(null);
  const [removing, setRemoving] = useState<TIdentityPerson | null>(null);

  const nameOf = (person: TIdentityPerson) => person.display_name ?? person.user_name;

  return (
    <Stack gap="sm">
      <SourceEntriesTable
        query={people}
        nouns={{ one: "person", many: "people", Many: "People" }}
        editable={editable}
        emptyMessage={
          editable
            ? "Add the people of your team; they can then be named as owners."
            : "People appear here as your identity provider provisions them."
        }
        minWidth={640}
        headers={["User name", "Email", "Active", "Department"]}
        cells={(person) => (
          <>
            <Table.Td>
              <Text size="sm" fw={500}>
                {person.user_name}
              </Text>
              {person.display_name && (
                <Text size="xs" c="dimmed">
                  {person.display_name}
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{person.email ?? "—"}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={person.active ? 500 : 400} c={person.active ? undefined : "dimmed"}>
                {person.active ? "Active" : "Inactive"}
              </Text>
            </Table.Td>
            <Table.Td>{person.department ?? "—"}</Table.Td>
          </>
        )}
        rowTestId="person-row"
        actionName={(person) => person.user_name}
        removeLabel="Remove"
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
        title={editing === "new" || editing === null ? "Add person" : `Edit ${editing.user_name}`}
        size="lg"
        centered
      >
        {editing !== null && (
          <PersonForm
            sourceId={source.id}
            person={editing === "new" ? undefined : editing}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              notifications.show({
                color: "green",
                title: editing === "new" ? "Person added" : "Person saved",
                message: `${nameOf(saved)} is in ${source.name}.`,
              });
              setEditing(null);
            }}
          />
        )}
      </Modal>
      <ConfirmDeleteModal
        opened={removing !== null}
        title={removing ? `Remove ${removing.user_name}?` : ""}
        confirmLabel="Remove person"
        mutation={remove}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        onClose={() => setRemoving(null)}
      >
        They leave {source.name} and its groups, and stop counting as an owner or approver at once. Their
        audit history is kept.
      </ConfirmDeleteModal>
    </Stack>
  );
}
