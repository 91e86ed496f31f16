import { Badge, Loader, type MantineColor } from "@mantine/core";
import type { TIntegrationStatus } from "@portcullis/shared";

type StatusLook = { color: MantineColor; variant: "light" | "filled" | "outline"; busy: boolean };

/** How each status looks. Exhaustive: a new status fails to compile until it is given a look. */
export function statusLook(status: TIntegrationStatus): StatusLook {
  switch (status) {
    case "Initializing":
      return { color: "blue", variant: "light", busy: true };
    case "Refreshing":
      return { color: "cyan", variant: "light", busy: true };
    case "Active":
      return { color: "green", variant: "light", busy: false };
    case "Warning":
      return { color: "yellow", variant: "light", busy: false };
    case "Error":
      return { color: "red", variant: "light", busy: false };
    case "Disabled":
      return { color: "gray", variant: "outline", busy: false };
    default: {
      const unknown: never = status;
      throw new Error(`Unknown integration status ${String(unknown)}`);
    }
  }
}

export function IntegrationStatusBadge({ status }: { status: TIntegrationStatus }) {
  const look = statusLook(status);
  return (
    <Badge
      color={look.color}
      variant={look.variant}
      leftSection={look.busy ? <Loader size={10} color={look.color} aria-hidden /> : undefined}
      data-testid="integration-status"
      data-status={status}
    >
      {status}
    </Badge>
  );
}
