import { Alert, List, Text } from "@mantine/core";
import type { TConnectorV3 } from "@portcullis/shared";
import { formatDateTime } from "../../../lib/format.ts";

/** The outcome of the connector's latest live check: what works, or what failed and what to change. */
export function ConnectorCheckAlert({ connector }: { connector: TConnectorV3 }) {
  const check = connector.last_check;
  if (!check) {
    return (
      <Alert color="gray" title="Not checked yet">
        Run a check to verify that Portcullis can reach AWS through this connector.
      </Alert>
    );
  }
  return (
    <Alert
      color={check.ok ? "green" : "red"}
      title={check.ok ? "The check passed" : "The check failed"}
      data-testid="connector-check-result"
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
