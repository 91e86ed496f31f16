import { Anchor, Button, Drawer, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { TIdentitySourceWithToken } from "@portcullis/shared";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { formatDateTime, timeAgo } from "../../../lib/format.ts";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useIdentitySources } from "../api/identity-sources.ts";
import { AddSourceForm } from "../components/add-source-form.tsx";
import { ScimTokenPanel } from "../components/scim-token-panel.tsx";
import { SOURCE_TYPE_LABELS, SourceStatusBadge } from "../components/source-labels.tsx";

export function IdentitySourcesPage() {
  usePageTitle("Identity sources");
  const sources = useIdentitySources();
  const navigate = useNavigate();
  const narrow = useMediaQuery("(max-width: 48em)");
  const [adding, setAdding] = useState(false);
  // The created SCIM source with its token: held here only until the panel is closed.
  const [created, setCreated] = useState<TIdentitySourceWithToken | null>(null);

  const onCreated = (source: TIdentitySourceWithToken) => {
    notifications.show({ color: "green", title: "Source added", message: `${source.name} was added.` });
    if (source.type === "scim" && source.token && source.scim_base_url) setCreated(source);
    else {
      setAdding(false);
      navigate(`/identity-sources/${source.id}`);
    }
  };
  const close = () => {
    setAdding(false);
    setCreated(null);
  };

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Identity sources</Title>
          <Text c="dimmed" size="sm">
            Where the people and groups named as owners come from: your IdP by SCIM, or a built-in list.
          </Text>
        </div>
        <Button onClick={() => setAdding(true)}>Add source</Button>
      </Group>
      {sources.isPending ? (
        <Skeleton h={160} radius="md" aria-label="Loading identity sources" />
      ) : sources.isError ? (
        <ErrorState
          title="The identity sources could not be loaded"
          error={sources.error}
          onRetry={() => sources.refetch()}
        />
      ) : sources.data.length === 0 ? (
        <EmptyState
          title="No identity sources yet"
          message="Add a SCIM source for Okta, Microsoft Entra ID or another IdP, or a built-in source to list people by hand."
          action={<Button onClick={() => setAdding(true)}>Add source</Button>}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="Identity sources">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last change</Table.Th>
                  <Table.Th ta="right">People</Table.Th>
                  <Table.Th ta="right">Groups</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sources.data.map((source) => (
                  <Table.Tr key={source.id} data-testid="identity-source-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/identity-sources/${source.id}`} fw={600}>
                        {source.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{SOURCE_TYPE_LABELS[source.type]}</Table.Td>
                    <Table.Td>
                      <SourceStatusBadge status={source.status} />
                    </Table.Td>
                    <Table.Td>
                      <span title={formatDateTime(source.updated_at)}>{timeAgo(source.updated_at)}</span>
                    </Table.Td>
                    <Table.Td ta="right">{source.people_count.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">{source.group_count.toLocaleString()}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Drawer
        opened={adding}
        onClose={close}
        position="right"
        size={narrow ? "100%" : "lg"}
        title={created ? `${created.name}: SCIM connection details` : "Add identity source"}
        // Closing by a stray click or key would lose the token for good: only the buttons close it.
        closeOnClickOutside={!created}
        closeOnEscape={!created}
      >
        {adding &&
          (created?.token && created.scim_base_url ? (
            <ScimTokenPanel
              sourceName={created.name}
              baseUrl={created.scim_base_url}
              token={created.token}
              onDone={() => {
                const id = created.id;
                close();
                navigate(`/identity-sources/${id}`);
              }}
            />
          ) : (
            <AddSourceForm onCreated={onCreated} onCancel={close} />
          ))}
      </Drawer>
    </Stack>
  );
}
