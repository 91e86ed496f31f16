import { Anchor, Badge, Code, Paper, Stack, Table, Text, Tooltip } from "@mantine/core";
import type { TActivityItem } from "@portcullis/shared";
import { Link } from "react-router";
import { formatDateTime } from "../../../lib/format.ts";

/** The Activity page narrowed to one request's calls, whenever they were made: its timeline. */
export function requestTimelineHref(requestId: string): string {
  return `/activity?${new URLSearchParams({ request: requestId, range: "all" })}`;
}

/** CloudTrail events, newest first: when, who, what, on what, where, and whether AWS allowed it. */
export function ActivityTable({ items }: { items: readonly TActivityItem[] }) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" aria-label="Activity">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Person</Table.Th>
              <Table.Th>Call</Table.Th>
              <Table.Th>Resources</Table.Th>
              <Table.Th>Account</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Source IP</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => {
              const e = item.portcullis;
              return (
                <Table.Tr key={e.event_id} data-testid="activity-row">
                  <Table.Td>
                    <Text size="sm">{formatDateTime(e.event_time)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm">{item.requestor_name ?? e.principal}</Text>
                      <Text size="xs" c="dimmed">
                        {item.integration ?? ""}
                      </Text>
                      {item.request_id && (
                        <Anchor
                          component={Link}
                          to={requestTimelineHref(item.request_id)}
                          size="xs"
                          aria-label={`Request timeline: ${item.requestor_name ?? e.principal}, ${item.integration ?? ""}${item.request_date ? `, asked ${formatDateTime(item.request_date)}` : ""}`}
                        >
                          Request timeline
                        </Anchor>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" fw={600}>
                        {e.event_name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.event_source} · {e.read_only ? "read" : "write"}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {e.resources.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ) : (
                      e.resources.map((r) => (
                        <Code key={r} block={false} style={{ wordBreak: "break-all" }}>
                          {r}
                        </Code>
                      ))
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.account_id}</Text>
                    <Text size="xs" c="dimmed">
                      {e.region}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {e.error_code ? (
                      <Tooltip label={e.error_message ?? e.error_code} multiline w={320}>
                        <Badge color="red" variant="light">
                          {e.error_code}
                        </Badge>
                      </Tooltip>
                    ) : (
                      <Badge color="green" variant="light">
                        OK
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.source_ip ?? "—"}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
