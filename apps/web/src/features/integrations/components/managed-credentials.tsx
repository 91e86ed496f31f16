import { Badge, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { type TManagedCredentialV1, ZManagedCredentialsV1 } from "@portcullis/shared";
import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "../../../components/states.tsx";
import { api } from "../../../lib/api-client.ts";
import { formatDateTime } from "../../../lib/format.ts";

// The integration's managed credentials (issue #19): the IAM users Portcullis keeps for people,
// their key's age, the last and next rotation. Its own query, so the page's other parts are untouched.

function useManagedCredentials(integrationId: string) {
  return useQuery({
    queryKey: ["integrations", "detail", integrationId, "credentials"],
    queryFn: ({ signal }) =>
      api.get(`/api/v3/integrations/${encodeURIComponent(integrationId)}/credentials`, {
        schema: ZManagedCredentialsV1,
        signal,
      }),
  });
}

function NextRotation({ item }: { item: TManagedCredentialV1 }) {
  if (!item.next_rotation_at) return <Text size="sm">Not scheduled</Text>;
  return (
    <Stack gap={2}>
      <Text size="sm">{formatDateTime(item.next_rotation_at)}</Text>
      {item.rotation_deferred && (
        <Badge color="yellow" variant="light" size="sm">
          Due — waits until the access in use ends
        </Badge>
      )}
      {item.last_failure && (
        <Text size="xs" c="red">
          {item.last_failure} {item.last_failure_fix}
        </Text>
      )}
    </Stack>
  );
}

/** Why keys are not rotated on a schedule, in the words the API uses when the field is refused. */
function noPeriod(integrationType: string | undefined): string {
  return integrationType === "aws-organization"
    ? "Credential Rotation is only available for Amazon Account integrations: keys of this organization's IAM users are rotated only when their owner resets them."
    : "Credential Rotation is not set: keys are rotated only when their owner resets them.";
}

export function ManagedCredentials({
  integrationId,
  integrationType,
}: {
  integrationId: string;
  /** The integration's type: an organization has no Credential Rotation setting (the seed's). */
  integrationType?: string;
}) {
  const query = useManagedCredentials(integrationId);
  if (query.isPending) return <Skeleton height={80} mt="lg" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { items, rotation_period_in_days: period, cleanup_period_in_days: cleanup } = query.data;
  return (
    <Stack gap="xs" mt="lg" component="section" aria-label="Managed credentials">
      <Title order={3} size="h4">
        Managed credentials
      </Title>
      <Text size="sm" c="dimmed">
        {period
          ? `Access keys are rotated every ${period} days, when no grant of their user is in use.`
          : noPeriod(integrationType)}{" "}
        IAM users with no grant for {cleanup} days are deleted with their keys.
      </Text>
      {items.length === 0 ? (
        <Text size="sm">No IAM users yet: one is created for each person on their first IAM grant.</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" fz="sm" aria-label="Managed credentials">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>IAM user</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Access key</Table.Th>
                <Table.Th>Key age</Table.Th>
                <Table.Th>Last rotation</Table.Th>
                <Table.Th>Next rotation</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} data-testid="managed-credential-row">
                  <Table.Td>{item.user_name}</Table.Td>
                  <Table.Td>{item.account_id}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {item.access_key_id ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>{item.key_age_in_days === null ? "—" : `${item.key_age_in_days} days`}</Table.Td>
                  <Table.Td>{item.last_rotated_at ? formatDateTime(item.last_rotated_at) : "Never"}</Table.Td>
                  <Table.Td>
                    <NextRotation item={item} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
