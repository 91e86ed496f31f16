import { Alert, List, Text } from "@mantine/core";
import type { TIntegrationV4 } from "@portcullis/shared";
import type { ReactNode } from "react";

/** Why an integration is in Warning or Error, and what to change; nothing for other statuses. */
export function StatusDetails({
  integration,
  maxErrors = 3,
  actions,
}: {
  integration: TIntegrationV4;
  maxErrors?: number;
  /** What to do next (Fix, Retry), under the reason. */
  actions?: ReactNode;
}) {
  const { status } = integration;
  if (status !== "Warning" && status !== "Error") return null;
  const message = integration.portcullis.status_message;
  // The status message usually restates a lone error; list errors only when they add to it.
  const errors = integration.portcullis.errors.filter((error) => !message?.includes(error.message));
  const shown = errors.slice(0, maxErrors);
  return (
    // A note, not an alert: it is there when the page opens; status changes are announced by
    // the page's polite live region instead.
    <Alert
      role="note"
      color={status === "Error" ? "red" : "yellow"}
      variant="light"
      title={status === "Error" ? "The last fetch failed" : "The last fetch was incomplete"}
      data-testid="status-details"
      style={{ overflowWrap: "anywhere" }}
    >
      {integration.portcullis.status_message && (
        <Text size="sm">{integration.portcullis.status_message}</Text>
      )}
      {shown.length > 0 && (
        <List size="sm" mt="xs" spacing={6}>
          {shown.map((error) => (
            <List.Item key={`${error.scope}:${error.code}:${error.message}`}>
              <Text size="sm" span fw={600}>
                {error.scope}
              </Text>
              <Text size="sm" span>
                {": "}
                {error.message}
              </Text>
              <Text size="sm" c="dimmed">
                What to do: {error.fix}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {errors.length > shown.length && (
        <Text size="xs" c="dimmed" mt={4}>
          And {errors.length - shown.length} more on the integration page.
        </Text>
      )}
      {actions}
    </Alert>
  );
}
