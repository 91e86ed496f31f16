import {
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TIdentitySource, TIdentitySourceWithToken } from "@portcullis/shared";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { CodeBlock } from "../../../components/code-block.tsx";
import { ConfirmDeleteModal } from "../../../components/confirm-delete-modal.tsx";
import { ErrorState, errorMessage } from "../../../components/states.tsx";
import { hasErrorCode } from "../../../lib/api-client.ts";
import { formatDateTime, timeAgo } from "../../../lib/format.ts";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useDeleteIdentitySource, useIdentitySource, useRotateToken } from "../api/identity-sources.ts";
import { GroupsPanel } from "../components/groups-panel.tsx";
import { PeoplePanel } from "../components/people-panel.tsx";
import { RenameSourceForm } from "../components/rename-source-form.tsx";
import { ScimTokenPanel } from "../components/scim-token-panel.tsx";
import { plural, SOURCE_TYPE_LABELS, SourceStatusBadge } from "../components/source-labels.tsx";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/identity-sources" size="sm">
      ← Identity sources
    </Anchor>
  );
}

export function IdentitySourcePage() {
  const { id = "" } = useParams();
  const source = useIdentitySource(id);
  usePageTitle(source.data?.name ?? "Identity source");

  if (source.isPending) return <Skeleton h={200} radius="md" aria-label="Loading identity source" />;
  if (source.isError) {
    const gone = hasErrorCode(source.error, "NOT_FOUND");
    return (
      <Stack>
        <BackLink />
        <ErrorState
          title={gone ? "This identity source does not exist" : "The identity source could not be loaded"}
          error={source.error}
          onRetry={gone ? undefined : () => source.refetch()}
        />
      </Stack>
    );
  }
  return <SourceDetail source={source.data} />;
}

function SourceDetail({ source }: { source: TIdentitySource }) {
  const navigate = useNavigate();
  const rotate = useRotateToken();
  const remove = useDeleteIdentitySource();
  const [renaming, setRenaming] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [rotated, setRotated] = useState<TIdentitySourceWithToken | null>(null);
  const [deleting, setDeleting] = useState(false);
  const isScim = source.type === "scim";
  // An IAM Identity Center source follows its organization integration (the API refuses with 409).
  const followsIntegration = source.type === "iam-identity-center";

  const onRotate = () =>
    rotate.mutate(source.id, {
      onSuccess: (answer) => {
        setConfirmRotate(false);
        setRotated(answer);
      },
    });

  return (
    <Stack>
      <BackLink />
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Title order={2} style={{ overflowWrap: "anywhere" }}>
            {source.name}
          </Title>
          <Text c="dimmed" size="sm">
            {SOURCE_TYPE_LABELS[source.type]} identity source
          </Text>
        </div>
        {followsIntegration ? (
          <Text size="sm" c="dimmed" maw={360}>
            Named after its organization integration and deleted with it: rename or delete the integration
            instead.
          </Text>
        ) : (
          <Group gap="xs">
            <Button variant="default" onClick={() => setRenaming(true)}>
              Rename
            </Button>
            {isScim && (
              <Button variant="default" onClick={() => setConfirmRotate(true)}>
                Rotate token
              </Button>
            )}
            <Button variant="light" color="red" onClick={() => setDeleting(true)}>
              Delete source
            </Button>
          </Group>
        )}
      </Group>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Field label="Status">
            <SourceStatusBadge status={source.status} />
          </Field>
          <Field label="Last change">
            <span title={formatDateTime(source.updated_at)}>{timeAgo(source.updated_at)}</span>
          </Field>
          <Field label="People">{source.people_count.toLocaleString()}</Field>
          <Field label="Groups">{source.group_count.toLocaleString()}</Field>
        </SimpleGrid>
        {isScim && source.scim_base_url && (
          <Stack gap="xs" mt="md">
            <Text size="sm" fw={500}>
              SCIM base URL
            </Text>
            <CodeBlock code={source.scim_base_url} label="SCIM base URL" maxHeight={80} />
            <Text size="xs" c="dimmed">
              Token: {source.token_prefix ? `${source.token_prefix}…` : "none"} (the full token was shown
              once; rotate it if it is lost).
            </Text>
          </Stack>
        )}
      </Paper>
      <Tabs defaultValue="people" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="people">People ({source.people_count.toLocaleString()})</Tabs.Tab>
          <Tabs.Tab value="groups">Groups ({source.group_count.toLocaleString()})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people" pt="md">
          <PeoplePanel source={source} />
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <GroupsPanel source={source} />
        </Tabs.Panel>
      </Tabs>

      <Modal opened={renaming} onClose={() => setRenaming(false)} title={`Rename ${source.name}`} centered>
        {renaming && <RenameSourceForm source={source} onDone={() => setRenaming(false)} />}
      </Modal>
      <Modal
        opened={confirmRotate}
        onClose={() => {
          setConfirmRotate(false);
          rotate.reset();
        }}
        title={`Rotate the token of ${source.name}?`}
        centered
      >
        <Text size="sm">
          A new token is issued and shown once. The current token stops working at once: provisioning from
          your identity provider fails until you give it the new one.
        </Text>
        {rotate.error != null && (
          <Text size="sm" c="red" mt="sm" role="alert">
            {errorMessage(rotate.error)}
          </Text>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirmRotate(false)} data-autofocus>
            Cancel
          </Button>
          <Button color="orange" onClick={onRotate} loading={rotate.isPending}>
            Rotate token
          </Button>
        </Group>
      </Modal>
      <Modal
        opened={rotated !== null}
        onClose={() => setRotated(null)}
        title={`New token for ${source.name}`}
        size="lg"
        centered
        closeOnClickOutside={false}
        closeOnEscape={false}
      >
        {rotated?.token && rotated.scim_base_url && (
          <ScimTokenPanel
            sourceName={rotated.name}
            baseUrl={rotated.scim_base_url}
            token={rotated.token}
            rotated
            onDone={() => setRotated(null)}
          />
        )}
      </Modal>
      <ConfirmDeleteModal
        opened={deleting}
        title={`Delete ${source.name}?`}
        confirmLabel="Delete source"
        mutation={remove}
        onConfirm={() =>
          remove.mutate(source.id, {
            onSuccess: () => {
              notifications.show({
                color: "green",
                title: "Source deleted",
                message: `${source.name} was deleted.`,
              });
              navigate("/identity-sources");
            },
          })
        }
        onClose={() => setDeleting(false)}
      >
        Its {plural(source.people_count, "person", "people")} and{" "}
        {plural(source.group_count, "group", "groups")} are deleted with it: they stop counting as owners and
        approvers at once.
        {isScim && " Its SCIM token stops working, so your identity provider can no longer provision here."}
      </ConfirmDeleteModal>
    </Stack>
  );
}
