import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { resourceTypeLabel, type TAccessSessionV1 } from "@portcullis/shared";
import { Link } from "react-router";
import { LoadMoreButton } from "../../../components/load-more-button.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useAccessSessions } from "../api/access-requests.ts";
import { SessionDetails } from "../components/session-details.tsx";

function SessionCard({ session }: { session: TAccessSessionV1 }) {
  const extra = session.portcullis;
  const headingId = `session-${session.id}`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="li"
      aria-labelledby={headingId}
      data-testid="access-session"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5" id={headingId} style={{ overflowWrap: "anywhere" }}>
            {session.name}
          </Title>
          <Badge variant="light">{session.integration.name}</Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {resourceTypeLabel(extra.resource_type)} · <strong>{extra.resource_name}</strong> ·{" "}
          {extra.permission}
          {extra.account_id ? ` · account ${extra.account_id}` : ""}
        </Text>
        <Text size="xs" c="dimmed">
          {extra.expires_at ? `Ends ${formatDateTime(extra.expires_at)}` : "No end time"}
        </Text>
        <SessionDetails session={session} />
      </Stack>
    </Paper>
  );
}

/** What the signed-in person can use now, and how. */
export function MyAccessPage() {
  usePageTitle("My access");
  const sessions = useAccessSessions();
  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack maw={960} mx="auto" w="100%">
      <div>
        <Title order={2}>My access</Title>
        <Text c="dimmed" size="sm">
          The access you have been granted, with how to sign in and use it.
        </Text>
      </div>
      {sessions.isPending ? (
        <Skeleton h={160} radius="md" aria-label="Loading your access" />
      ) : sessions.isError ? (
        <ErrorState
          title="Your access could not be loaded"
          error={sessions.error}
          onRetry={() => sessions.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title="No access right now"
          message="Once a request of yours is approved and granted, it shows here with how to use it."
          action={
            <Button component={Link} to="/portal/request">
              Request access
            </Button>
          }
        />
      ) : (
        <>
          <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: "none" }} aria-label="Your access">
            {items.map((session) => (
              <SessionCard key={session.id} session={session} />
            ))}
          </Stack>
          <LoadMoreButton query={sessions} />
        </>
      )}
    </Stack>
  );
}
