import { zodResolver } from "@hookform/resolvers/zod";
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  PasswordInput,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  apiIssuesToFieldErrors,
  type TAppUser,
  type TCreateAppUser,
  type TCreateAppUserInput,
  ZCreateAppUser,
} from "@portcullis/shared";
import { useState } from "react";
import { Controller, type Path, useForm } from "react-hook-form";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { ErrorState, errorMessage } from "../../../components/states.tsx";
import { isApiError } from "../../../lib/api-client.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useMe } from "../../auth/index.ts";
import { useCreateUser, useDeleteUser, useUsers } from "../api/users.ts";

function AddUserForm({ onDone }: { onDone: () => void }) {
  const create = useCreateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TCreateAppUserInput, unknown, TCreateAppUser>({
    resolver: zodResolver(ZCreateAppUser),
    defaultValues: { email: "", role: "user", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const user = await create.mutateAsync(body);
      notifications.show({ color: "green", title: "User added", message: `${user.email} can now sign in.` });
      onDone();
    } catch (error) {
      const byField = isApiError(error) ? apiIssuesToFieldErrors(error.issues) : {};
      const fields = Object.keys(byField).filter((key) => ["email", "role", "password"].includes(key));
      for (const key of fields) form.setError(key as Path<TCreateAppUserInput>, { message: byField[key] });
      if (fields.length === 0) setFormError(errorMessage(error));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          withAsterisk
          {...form.register("email")}
          error={errors.email?.message}
        />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="new-user-role">
                Role
              </Text>
              <SegmentedControl
                aria-labelledby="new-user-role"
                value={field.value}
                onChange={field.onChange}
                data={[
                  { value: "user", label: "User (portal only)" },
                  { value: "admin", label: "Admin" },
                ]}
              />
            </Stack>
          )}
        />
        <PasswordInput
          label="Initial password"
          description="At least 12 characters; share it with the person safely."
          withAsterisk
          autoComplete="new-password"
          {...form.register("password")}
          error={errors.password?.message}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Add user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UsersPage() {
  usePageTitle("Users");
  const users = useUsers();
  const me = useMe();
  const remove = useDeleteUser();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<TAppUser | null>(null);

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Users</Title>
          <Text c="dimmed" size="sm">
            Who can sign in to Portcullis. Admins manage integrations; users only see the portal.
          </Text>
        </div>
        <Button onClick={() => setAdding(true)}>Add user</Button>
      </Group>
      {users.isPending ? (
        <Skeleton h={160} radius="md" aria-label="Loading users" />
      ) : users.isError ? (
        <ErrorState
          title="The users could not be loaded"
          error={users.error}
          onRetry={() => users.refetch()}
        />
      ) : (
        <Paper withBorder radius="md">
          {/* On a phone the table scrolls sideways; say so, the edge alone is easy to miss. */}
          <Text size="xs" c="dimmed" hiddenFrom="sm" data-testid="users-scroll-cue">
            Scroll the table sideways to see every column →
          </Text>
          <Table.ScrollContainer minWidth={520} type="native">
            <Table verticalSpacing="sm" aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={user.role === "admin" ? "grape" : "gray"}>
                        {user.role}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(user.created_at)}</Table.Td>
                    <Table.Td ta="right">
                      {user.id !== me.data?.id && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setDeleting(user)}
                          aria-label={`Delete ${user.email}`}
                        >
                          Delete
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add user" centered>
        {adding && <AddUserForm onDone={() => setAdding(false)} />}
      </Modal>
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={deleting ? `Delete ${deleting.email}?` : ""}
        confirmLabel="Delete user"
        mutation={remove}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      >
        Their sessions and API tokens end with the account.
      </ConfirmDeleteModal>
    </Stack>
  );
}
