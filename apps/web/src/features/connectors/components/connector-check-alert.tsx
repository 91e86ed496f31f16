import { Alert, List, Text } from "@mantine/core";
import type { TConnectorV3 } from "@portcullis/shared";
import { formatDateTime } from "../../../lib/format.ts";

/**
 * The outcome of the connector's latest live check: what works, or what failed and what to change.
 * A note where it is there when the page opens (a card, the wizard's selected connector); with
 * `announce`, where it answers the user's own Register or Connect, a polite status. Never an
 * alert: a page of unfinished connectors would interrupt a screen reader once per card.
 */
export function ConnectorCheckAlert({
  connector,
  announce = false,
}: {
  connector: TConnectorV3;
  announce?: boolean;
}) {
  const check = connector.last_check;
  const role = announce ? "status" : "note";
  if (!check) {
    return (
      <Alert color="gray" title="Not checked yet" role={role}>
        Run a check to verify that Portcullis can reach AWS through this connector.
      </Alert>
    );
  }
  if (connector.status === "PENDING") {
    return (
      <Alert
        color="yellow"
        title="Pending: the role does not work yet"
        data-testid="connector-check-result"
        role={role}
      >
        <Text size="sm">{connector.pending_reason}</Text>
        <Text size="xs" c="dimmed" mt={4}>
          Create the role from the templates (Edit / Finish setup), then Re-check.
        </Text>
      </Alert>
    );
  }
  const serverCredentials = check.ok && connector.credentials === "server";
  return (
    <Alert
      color={serverCredentials ? "yellow" : check.ok ? "green" : "red"}
      title={
        serverCredentials
          ? "Uses the Portcullis server's own credentials"
          : check.ok
            ? "The check passed"
            : "The check failed"
      }
      data-testid="connector-check-result"
      role={role}
    >
      <Text size="sm">{check.message}</Text>
      {!check.ok && check.error_code && (
        <Text size="xs" c="dimmed" mt={4}>
          Error code: {check.error_code}
        </Text>
      )}
      {check.warnings.length > 0 && (
        <List size="sm" mt="xs">
          {check.warnings.map((warning) => (
            <List.Item key={warning}>{warning}</List.Item>
          ))}
        </List>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        Checked {formatDateTime(check.checked_at)}
        {connector.aws_account_id ? ` · AWS account ${connector.aws_account_id}` : ""}
      </Text>
    </Alert>
  );
}
