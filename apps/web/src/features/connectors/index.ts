// What other features may use from connectors: the list hooks, the status badge and the
// add-connector panel (the wizard opens it in place).
export { useConnectorLabel } from "./api/connector-label.ts";
export { connectorKeys, useCheckConnector, useConnectors } from "./api/connectors.ts";
export { AddConnectorPanel } from "./components/add-connector-panel.tsx";
export { ConnectorCheckAlert } from "./components/connector-check-alert.tsx";
export { ConnectorStatusBadge } from "./components/connector-status-badge.tsx";
export { OrganizationRoleTemplates } from "./components/organization-role-templates.tsx";
export { RegionSelect } from "./components/region-select.tsx";
