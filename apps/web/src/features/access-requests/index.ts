// What other features may use from access requests: the request card and status badge (the
// approvals inbox shows requests the same way), the live-status rule and the query keys.
export { accessRequestKeys, IN_FLIGHT_STATUSES, isInFlight, LIVE_POLL_MS } from "./api/access-requests.ts";
export { AccessStatusBadge, accessStatusWord } from "./components/access-status-badge.tsx";
export { RequestCard } from "./components/request-card.tsx";
