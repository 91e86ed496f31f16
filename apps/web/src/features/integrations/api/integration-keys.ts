import type { TIntegrationStatus, TIntegrationType } from "@portcullis/shared";

export type IntegrationListFilters = {
  search: string;
  types: readonly TIntegrationType[];
  statuses: readonly TIntegrationStatus[];
};

export type ResourceFilters = { type: string | null; search: string; pageToken: string | null };

/** Query keys of the integrations domain; mutations invalidate what they change. */
export const integrationKeys = {
  all: ["integrations"] as const,
  lists: () => [...integrationKeys.all, "list"] as const,
  list: (filters: IntegrationListFilters) => [...integrationKeys.lists(), filters] as const,
  details: () => [...integrationKeys.all, "detail"] as const,
  detail: (id: string) => [...integrationKeys.details(), id] as const,
  syncRuns: (id: string) => [...integrationKeys.detail(id), "sync-runs"] as const,
  resources: (id: string, filters: ResourceFilters) =>
    [...integrationKeys.detail(id), "resources", filters] as const,
};
