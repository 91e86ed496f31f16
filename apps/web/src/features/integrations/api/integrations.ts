import {
  isTerminalStatus,
  type TCreateIntegration,
  type TIntegrationListV4,
  type TIntegrationV4,
  type TUpdateIntegration,
  ZIntegrationListV4,
  ZIntegrationV4,
  ZMessageResponse,
  ZResourceListV3,
  ZSyncRunList,
} from "@portcullis/shared";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { type IntegrationListFilters, integrationKeys, type ResourceFilters } from "./integration-keys.ts";

/** How often a page asks again while a fetch is running (Initializing / Refreshing). */
export const POLL_INTERVAL_MS = 2_000;

const PAGE_SIZE = 50;

/** The name filter is a "contains" match: the API reads `*text*` as such. */
export function nameFilter(search: string): string | undefined {
  const text = search.trim().replaceAll("*", "");
  return text ? `*${text}*` : undefined;
}

function hasRunningFetch(pages: readonly TIntegrationListV4[] | undefined): boolean {
  return (pages ?? []).some((page) => page.items.some((item) => !isTerminalStatus(item.status)));
}

export function useIntegrationList(filters: IntegrationListFilters) {
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: integrationKeys.list(filters),
    queryFn: async ({ pageParam, signal }) => {
      const page = await api.get("/api/admin/v4/integrations", {
        query: {
          name: nameFilter(filters.search),
          type: filters.types,
          status: filters.statuses,
          limit: PAGE_SIZE,
          page_token: pageParam,
        },
        schema: ZIntegrationListV4,
        signal,
      });
      // One source of truth: the integration page opens on what the list just showed (never
      // an older detail answer cached at creation, e.g. "Initializing · Queued").
      for (const item of page.items) queryClient.setQueryData(integrationKeys.detail(item.id), item);
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pagination.next_page_token ?? undefined,
    placeholderData: keepPreviousData,
    // Poll only while some integration is still fetching; terminal statuses stop it.
    refetchInterval: (query) => (hasRunningFetch(query.state.data?.pages) ? POLL_INTERVAL_MS : false),
  });
}

export function useIntegration(id: string) {
  return useQuery({
    queryKey: integrationKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get(`/api/admin/v4/integrations/${encodeURIComponent(id)}`, { schema: ZIntegrationV4, signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status && !isTerminalStatus(status) ? POLL_INTERVAL_MS : false;
    },
  });
}

export function useSyncRuns(id: string, status: TIntegrationV4["status"] | undefined) {
  return useQuery({
    queryKey: integrationKeys.syncRuns(id),
    queryFn: ({ signal }) =>
      api.get(`/api/admin/v4/integrations/${encodeURIComponent(id)}/sync-runs`, {
        query: { limit: 20 },
        schema: ZSyncRunList,
        signal,
      }),
    enabled: status !== undefined,
    refetchInterval: status && !isTerminalStatus(status) ? POLL_INTERVAL_MS : false,
  });
}

export const RESOURCES_PAGE_SIZE = 25;

export function useResources(id: string, filters: ResourceFilters, live: boolean) {
  return useQuery({
    queryKey: integrationKeys.resources(id, filters),
    queryFn: ({ signal }) =>
      api.get(`/api/v3/integrations/${encodeURIComponent(id)}/resources`, {
        query: {
          "resource-type": filters.type ?? undefined,
          search: filters.search.trim() || undefined,
          limit: RESOURCES_PAGE_SIZE,
          page_token: filters.pageToken ?? undefined,
        },
        schema: ZResourceListV3,
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? POLL_INTERVAL_MS * 2 : false,
  });
}

export function useCreateIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateIntegration) =>
      api.post("/api/admin/v4/integrations", body, { schema: ZIntegrationV4 }),
    onSuccess: (created) => {
      queryClient.setQueryData(integrationKeys.detail(created.id), created);
      return queryClient.invalidateQueries({ queryKey: integrationKeys.lists() });
    },
  });
}

export function useUpdateIntegration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateIntegration) =>
      api.put(`/api/admin/v4/integrations/${encodeURIComponent(id)}`, body, { schema: ZIntegrationV4 }),
    onSuccess: (updated) => {
      queryClient.setQueryData(integrationKeys.detail(id), updated);
      return queryClient.invalidateQueries({ queryKey: integrationKeys.lists() });
    },
  });
}

export function useDeleteIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/admin/v4/integrations/${encodeURIComponent(id)}`),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: integrationKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: integrationKeys.lists() });
    },
  });
}

export function useRefreshIntegration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.post(`/api/v2/integrations/${encodeURIComponent(id)}/refresh`, undefined, {
        schema: ZMessageResponse,
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: integrationKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: integrationKeys.lists() }),
      ]),
  });
}
