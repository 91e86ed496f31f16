import { Alert, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { resourceTypeLabel, type TAccessRequestV4 } from "@portcullis/shared";
import type { ReactNode } from "react";
import { formatDateTime } from "../../../lib/format.ts";
import { AccessStatusBadge } from "./access-status-badge.tsx";

function durationWords(seconds: number | null): string {
  if (!seconds) return "the flow's duration";
  if (seconds % 86400 === 0) return seconds === 86400 ? "1 day" : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? "1 hour" : `${seconds / 3600} hours`;
  return `${Math.round(seconds / 60)} minutes`;
}

/**
 * One access request as its requester and its approvers see it: what, status (and each grant's),
 * why, who decided, and what went wrong with what to do. `actions` are the buttons of the page.
 */
export function RequestCard({
  request,
  actions,
  showRequester = false,
}: {
  request: TAccessRequestV4;
  actions?: ReactNode;
  showRequester?: boolean;
}) {
  const extra = request.portcullis;
  const headingId = `request-${request.id}`;
  // The request's own failure says it all when it has a single entitlement: not twice.
  const requestFailure = request.status === "FAILED" && extra.failure_reason !== null;
  const showGrantFailures = !(requestFailure && extra.entitlements.length === 1);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="li"
      aria-labelledby={headingId}
      data-testid="access-request"
      data-status={request.status}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5" id={headingId} style={{ overflowWrap: "anywhere" }}>
            Request #{extra.number} · {extra.access_flow_name}
          </Title>
          <AccessStatusBadge status={request.status} />
        </Group>
        {showRequester && request.requestor && (
          <Text size="sm">
            Requested by <strong>{request.requestor.source_id}</strong>
          </Text>
        )}
        <List size="sm" spacing={4} listStyleType="none" aria-label="What was requested">
          {extra.entitlements.map((entitlement) => (
            <List.Item key={entitlement.portcullis.id}>
              <Group gap="xs" wrap="wrap">
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {entitlement.integration.name} · {resourceTypeLabel(entitlement.resource.type.id)} ·{" "}
                  <strong>{entitlement.resource.name}</strong> · {entitlement.permission.name}
                </Text>
                {entitlement.status !== request.status && (
                  <AccessStatusBadge status={entitlement.status} size="sm" />
                )}
              </Group>
              {showGrantFailures && entitlement.portcullis.failure_reason && (
                <Text size="xs" c="red">
                  {entitlement.portcullis.failure_reason}
                  {entitlement.portcullis.failure_fix ? ` ${entitlement.portcullis.failure_fix}` : ""}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed">
          Asked {formatDateTime(request.creation_date)} for {durationWords(request.duration_in_sec)}
          {extra.expires_at ? ` · ends ${formatDateTime(extra.expires_at)}` : ""}
        </Text>
        {request.justification && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            <Text span c="dimmed" size="sm">
              Justification:{" "}
            </Text>
            {request.justification}
          </Text>
        )}
        {extra.approvals.map((approval) => (
          <Text size="sm" key={`${approval.approver_id}-${approval.at}`} style={{ overflowWrap: "anywhere" }}>
            {approval.decision === "APPROVED" ? "Approved" : "Rejected"} by {approval.approver_email}
            {approval.reason ? `: “${approval.reason}”` : ""}
          </Text>
        ))}
        {requestFailure && (
          <Alert color="red" variant="light" title="The access could not be granted" role="note">
            <Text size="sm">{extra.failure_reason}</Text>
            {extra.failure_fix && (
              <Text size="sm" mt={4}>
                What to do: {extra.failure_fix}
              </Text>
            )}
          </Alert>
        )}
        {actions && (
          <Group gap="xs" justify="flex-end">
            {actions}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
