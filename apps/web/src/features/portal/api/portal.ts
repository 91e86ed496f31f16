import { ZPortalIntegration, ZResourceListV3, ZTokenPagination } from "@portcullis/shared";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "../../../lib/api-client.ts";

const ZPortalList = z.object({ items: z.array(ZPortalIntegration), pagination: ZTokenPagination });

export const portalKeys = {
  all: ["portal"] as const,
  integrations: () => [...portalKeys.all, "integrations"] as const,
  resources: (id: string, search: string, pageToken: string | null) =>
    [...portalKeys.all, "resources", id, search, pageToken] as const,
};

export function usePortalIntegrations() {
  return useInfiniteQuery({
    queryKey: portalKeys.integrations(),
    queryFn: ({ pageParam, signal }) =>
      api.get("/api/portal/integrations", {
        query: { limit: 100, page_token: pageParam },
        schema: ZPortalList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pagination.next_page_token ?? undefined,
  });
}

export const PORTAL_RESOURCES_PAGE = 20;

export function usePortalResources(id: string, search: string, pageToken: string | null) {
  return useQuery({
    queryKey: portalKeys.resources(id, search, pageToken),
    queryFn: ({ signal }) =>
      api.get(`/api/portal/integrations/${encodeURIComponent(id)}/resources`, {
        query: {
          search: search.trim() || undefined,
          limit: PORTAL_RESOURCES_PAGE,
          page_token: pageToken ?? undefined,
        },
        schema: ZResourceListV3,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
