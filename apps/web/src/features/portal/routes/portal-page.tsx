import {
  Accordion,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import {
  CUSTOM_ACCESS_DETAILS_TITLE,
  INTEGRATION_CATALOG,
  type TPortalIntegration,
  type TPortalSignIn,
} from "@portcullis/shared";
import { useState } from "react";
import { Link } from "react-router";
import { AccessDetailsMessage } from "../../../components/access-details-message.tsx";
import { CodeBlock } from "../../../components/code-block.tsx";
import { LoadMoreButton } from "../../../components/load-more-button.tsx";
import { EmptyState, ErrorState } from "../../../components/states.tsx";
import { safeHttpsHref } from "../../../lib/linkify.ts";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { usePortalIntegrations } from "../api/portal.ts";
import { PortalResources } from "../components/portal-resources.tsx";

function SignIn({ signIn }: { signIn: TPortalSignIn }) {
  switch (signIn.kind) {
    case "sso": {
      const href = safeHttpsHref(signIn.url);
      return (
        <div>
          <Text size="sm" fw={600} mb={4}>
            Sign in
          </Text>
          {href ? (
            <Button
              component="a"
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              variant="light"
              size="sm"
            >
              Open the AWS access portal
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              Your admin has not set a valid sign-in link.
            </Text>
          )}
          {href && (
            <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
              {signIn.url}
            </Text>
          )}
          {href && (
            <>
              <Text size="xs" c="dimmed" mt="sm" mb={4}>
                From the AWS CLI: add this to ~/.aws/config, then run{" "}
                <Text span ff="monospace">
                  aws sso login --sso-session {signIn.profile}
                </Text>
                .
              </Text>
              <CodeBlock
                code={signIn.snippet}
                label={`AWS CLI SSO session ${signIn.profile}`}
                maxHeight={160}
              />
            </>
          )}
        </div>
      );
    }
    case "cli-profile":
      return (
        <div>
          <Text size="sm" fw={600}>
            AWS CLI profile
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            Once a role is granted to you,{" "}
            <Anchor component={Link} to="/portal/access" inherit underline="always">
              My access
            </Anchor>{" "}
            gives the exact profile that signs in, with the access key Portcullis made for you. The shape, for
            reference (the role your access names replaces YOUR_GRANTED_ROLE;{" "}
            <Text span ff="monospace">
              --profile {signIn.profile}
            </Text>
            ):
          </Text>
          <CodeBlock code={signIn.snippet} label={`AWS CLI profile ${signIn.profile}`} maxHeight={160} />
        </div>
      );
    default: {
      const unknown: never = signIn;
      return <Text size="sm">{String(unknown)}</Text>;
    }
  }
}

function PortalCard({ integration }: { integration: TPortalIntegration }) {
  return (
    <Paper withBorder p="md" radius="md" component="li" data-testid="portal-integration">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h4" style={{ overflowWrap: "anywhere" }}>
            {integration.name}
          </Title>
          <Badge variant="light">{INTEGRATION_CATALOG[integration.type].label}</Badge>
        </Group>
        {integration.custom_access_details && (
          <AccessDetailsMessage
            title={CUSTOM_ACCESS_DETAILS_TITLE}
            text={integration.custom_access_details}
          />
        )}
        <SignIn signIn={integration.sign_in} />
        <Accordion variant="contained" chevronPosition="right">
          <Accordion.Item value="resources">
            <Accordion.Control>Resources ({integration.resource_count.toLocaleString()})</Accordion.Control>
            <Accordion.Panel>
              <PortalResources integrationId={integration.id} integrationName={integration.name} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    </Paper>
  );
}

export function PortalPage() {
  usePageTitle("Portal");
  const portal = usePortalIntegrations();
  const [search, setSearch] = useState("");
  const items = portal.data?.pages.flatMap((page) => page.items) ?? [];
  const needle = search.trim().toLowerCase();
  const shown = needle ? items.filter((item) => item.name.toLowerCase().includes(needle)) : items;

  return (
    <Stack maw={960} mx="auto" w="100%">
      <div>
        <Title order={2}>Portal</Title>
        <Text c="dimmed" size="sm">
          The AWS integrations you can use, with how to sign in and what your admins want you to know.
        </Text>
      </div>
      {portal.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading your integrations">
          <Skeleton h={160} radius="md" />
          <Skeleton h={160} radius="md" />
        </Stack>
      ) : portal.isError ? (
        <ErrorState
          title="Your integrations could not be loaded"
          error={portal.error}
          onRetry={() => portal.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title="Nothing to show yet"
          message="No integration is available to you yet. Integrations appear here once your admins have connected them and their first fetch has finished."
        />
      ) : (
        <>
          <TextInput
            label="Search integrations"
            placeholder="Integration name"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maw={420}
          />
          {shown.length === 0 ? (
            <Text size="sm" c="dimmed">
              No integration matches “{search.trim()}”.{" "}
              <Anchor component="button" type="button" size="sm" onClick={() => setSearch("")}>
                Clear the search
              </Anchor>
            </Text>
          ) : (
            <Stack
              component="ul"
              gap="md"
              p={0}
              m={0}
              style={{ listStyle: "none" }}
              aria-label="Your integrations"
            >
              {shown.map((integration) => (
                <PortalCard key={integration.id} integration={integration} />
              ))}
            </Stack>
          )}
          <LoadMoreButton query={portal} />
        </>
      )}
    </Stack>
  );
}
