import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TAccessFlowV2 } from "@portcullis/shared";
import { useState } from "react";
import { Link } from "react-router";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { LoadMoreButton } from "../../../components/load-more-button.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useAccessFlows, useDeleteAccessFlow } from "../api/access-flows.ts";
import { approversLabel, durationLabel, requestorsLabel, targetLabels } from "../components/flow-summary.ts";

function FlowRow({ flow, onDelete }: { flow: TAccessFlowV2; onDelete: () => void }) {
  return (
    <Table.Tr data-testid="access-flow-row">
      <Table.Td>
        <Anchor
          component={Link}
          to={`/access-flows/${flow.id}`}
          fw={600}
          style={{ overflowWrap: "anywhere" }}
        >
          {flow.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={flow.active ? "green" : "gray"}>
          {flow.active ? "Active" : "Inactive"}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{requestorsLabel(flow)}</Text>
      </Table.Td>
      <Table.Td>
        {targetLabels(flow).map((label) => (
          <Text size="sm" key={label}>
            {label}
          </Text>
        ))}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{approversLabel(flow)}</Text>
      </Table.Td>
      <Table.Td>{durationLabel(flow.grant_duration_in_min)}</Table.Td>
      <Table.Td>
        <Button variant="subtle" color="red" size="xs" onClick={onDelete} aria-label={`Delete ${flow.name}`}>
          Delete
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Admins: the access flows (who may request what, who approves, for how long). */
export function AccessFlowsPage() {
  usePageTitle("Access flows");
  const flows = useAccessFlows();
  const remove = useDeleteAccessFlow();
  const [deleting, setDeleting] = useState<TAccessFlowV2 | null>(null);
  const items = flows.data?.pages.flatMap((page) => page.items) ?? [];
  const newButton = (
    <Button component={Link} to="/access-flows/new">
      New access flow
    </Button>
  );

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Access flows</Title>
          <Text c="dimmed" size="sm">
            Who may request access to which resources, who approves, and for how long.
          </Text>
        </div>
        {newButton}
      </Group>
      {flows.isPending ? (
        <Skeleton h={160} radius="md" aria-label="Loading access flows" />
      ) : flows.isError ? (
        <ErrorState
          title="The access flows could not be loaded"
          error={flows.error}
          onRetry={() => flows.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title="No access flows yet"
          message="An access flow lets people request access to an integration's resources. A new flow starts with the resource owners approving, for one hour, with a justification."
          action={newButton}
        />
      ) : (
        <>
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm" aria-label="Access flows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Requestors</Table.Th>
                    <Table.Th>Access targets</Table.Th>
                    <Table.Th>Approvers</Table.Th>
                    <Table.Th>Duration</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((flow) => (
                    <FlowRow key={flow.id} flow={flow} onDelete={() => setDeleting(flow)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <LoadMoreButton query={flows} />
        </>
      )}
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={deleting ? `Delete ${deleting.name}?` : ""}
        confirmLabel="Delete access flow"
        mutation={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (!deleting) return;
          const { id, name } = deleting;
          remove.mutate(id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({
                color: "green",
                title: "Access flow deleted",
                message: `${name} was deleted.`,
              });
            },
          });
        }}
      >
        Nobody can request access through it any more. Requests already made, and access already granted, stay
        as they are until they end.
      </ConfirmDeleteModal>
    </Stack>
  );
}
