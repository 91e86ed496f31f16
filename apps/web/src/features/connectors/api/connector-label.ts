import { useConnectors } from "./connectors.ts";

/**
 * How a page names an integration's connector: its name ("AWS sandbox (demo)") once the list of
 * connectors is loaded, its id until then or when it is gone; "None" without one.
 */
export function useConnectorLabel(id: string | null | undefined): string {
  const connectors = useConnectors();
  if (!id) return "None";
  return connectors.data?.find((connector) => connector.id === id)?.name ?? id;
}
