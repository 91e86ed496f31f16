// What other features may use from identity sources: the query keys (to refresh the list after a
// change made elsewhere) and the type labels.
export { identitySourceKeys, useIdentitySources } from "./api/identity-sources.ts";
export { SOURCE_TYPE_LABELS } from "./components/source-labels.tsx";
