import { Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TIdentityPerson, TIdentitySource } from "@portcullis/shared";
import { useState } from "react";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { useDeletePerson, useSourcePeople } from "../api/identity-sources.ts";
import { OffsetPager } from "./offset-pager.tsx";
import { PersonForm } from "./person-form.tsx";

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
      {editable && (
        <Group justify="flex-end">
          <Button onClick={() => setEditing("new")}>Add person</Button>
        </Group>
      )}
      {people.isPending ? (
        <Skeleton h={120} radius="md" aria-label="Loading people" />
      ) : people.isError ? (
        <ErrorState
          title="The people could not be loaded"
          error={people.error}
          onRetry={() => people.refetch()}
        />
      ) : people.data.total === 0 ? (
        <EmptyState
          title="No people yet"
          message={
            editable
              ? "Add the people of your team; they can then be named as owners."
              : "People appear here as your identity provider provisions them."
          }
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label="People">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>User name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Active</Table.Th>
                  <Table.Th>Department</Table.Th>
                  {editable && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {people.data.items.map((person) => (
                  <Table.Tr key={person.id} data-testid="person-row">
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
                    {editable && (
                      <Table.Td ta="right">
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => setEditing(person)}
                            aria-label={`Edit ${person.user_name}`}
                          >
                            Edit
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRemoving(person)}
                            aria-label={`Remove ${person.user_name}`}
                          >
                            Remove
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
            shown={people.data.items.length}
            total={people.data.total}
            onOffset={setOffset}
            label="people"
          />
        </Paper>
      )}
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
