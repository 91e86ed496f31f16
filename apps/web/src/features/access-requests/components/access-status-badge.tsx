import { Badge, Loader } from "@mantine/core";
import type { TAccessStatus } from "@portcullis/shared";
import { isInFlight } from "../api/access-requests.ts";

const COLORS: Record<TAccessStatus, string> = {
  PENDING: "yellow",
  APPROVED: "blue",
  GRANTING: "blue",
  GRANTED: "green",
  REVOKING: "orange",
  EXPIRED: "gray",
  REVOKED: "gray",
  REJECTED: "red",
  CANCELED: "gray",
  FAILED: "red",
};

const WORDS: Record<TAccessStatus, string> = {
  PENDING: "Pending approval",
  APPROVED: "Approved",
  GRANTING: "Granting",
  GRANTED: "Granted",
  REVOKING: "Revoking",
  EXPIRED: "Expired",
  REVOKED: "Revoked",
  REJECTED: "Rejected",
  CANCELED: "Canceled",
  FAILED: "Failed",
};

export function accessStatusWord(status: TAccessStatus): string {
  return WORDS[status];
}

/** A request's or a grant's status; a spinner while Portcullis is still working on it. */
export function AccessStatusBadge({ status, size = "md" }: { status: TAccessStatus; size?: "sm" | "md" }) {
  const busy = isInFlight(status) && status !== "PENDING";
  return (
    <Badge
      color={COLORS[status]}
      variant="light"
      size={size}
      data-status={status}
      leftSection={busy ? <Loader size={10} color={COLORS[status]} aria-hidden /> : undefined}
    >
      {WORDS[status]}
    </Badge>
  );
}
