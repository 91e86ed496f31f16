import { Badge } from "@mantine/core";
import type { TConnectorStatus } from "@portcullis/shared";

function look(status: TConnectorStatus): { color: string; label: string } {
  switch (status) {
    case "CONNECTED":
      return { color: "green", label: "Connected" };
    case "PENDING":
      return { color: "yellow", label: "Pending" };
    case "DISCONNECTED":
      return { color: "red", label: "Disconnected" };
    default: {
      const unknown: never = status;
      throw new Error(`Unknown connector status ${String(unknown)}`);
    }
  }
}

export function ConnectorStatusBadge({ status }: { status: TConnectorStatus }) {
  const { color, label } = look(status);
  return (
    <Badge color={color} variant="light" data-testid="connector-status" data-status={status}>
      {label}
    </Badge>
  );
}
