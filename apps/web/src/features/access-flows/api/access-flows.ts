import {
  type TAccessFlowUpsert,
  type TAccessFlowV2,
  ZAccessFlowListV2,
  ZAccessFlowV2,
  ZIntegrationListV4,
  ZPermissionListV3,
} from "@portcullis/shared";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export const ACCESS_FLOWS_PATH = "/api/admin/v2/access-flows";
const flowPath = (id: string) => `${ACCESS_FLOWS_PATH}/${encodeURIComponent(id)}`;

/** Query keys of the access-flows domain. */
export const accessFlowKeys = {
  all: ["access-flows"] as const,
  list: () => [...accessFlowKeys.all, "list"] as const,
  detail: (id: string) => [...accessFlowKeys.all, "detail", id] as const,
  integrations: () => [...accessFlowKeys.all, "integrations"] as const,
  permissions: (integrationId: string, resourceType: string) =>
    [...accessFlowKeys.all, "permissions", integrationId, resourceType] as const,
};

export function useAccessFlows() {
  return useInfiniteQuery({
    queryKey: accessFlowKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      api.get(ACCESS_FLOWS_PATH, {
        query: { limit: 100, page_token: pageParam },
        schema: ZAccessFlowListV2,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pagination.next_page_token ?? undefined,
  });
}

export function useAccessFlow(id: string | undefined) {
  return useQuery({
    queryKey: accessFlowKeys.detail(id ?? ""),
    enabled: id !== undefined,
    queryFn: ({ signal }) => api.get(flowPath(id ?? ""), { schema: ZAccessFlowV2, signal }),
  });
}

/**
 * Every integration, for the access target picker (a flow names one; an admin rarely has more
 * than a few hundred, so the pages are read through).
 */
export function useFlowIntegrations() {
  return useQuery({
    queryKey: accessFlowKeys.integrations(),
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const items = [];
      let pageToken: string | undefined;
      do {
        const page = await api.get("/api/admin/v4/integrations", {
          query: { limit: 100, page_token: pageToken },
          schema: ZIntegrationListV4,
          signal,
        });
        items.push(...page.items);
        pageToken = page.pagination.next_page_token ?? undefined;
      } while (pageToken);
      return items;
    },
  });
}

/** The permissions of a resource type of an integration (permission sets, assume, read-only…). */
export function useIntegrationPermissions(integrationId: string | null, resourceType: string | null) {
  return useQuery({
    queryKey: accessFlowKeys.permissions(integrationId ?? "", resourceType ?? ""),
    enabled: Boolean(integrationId && resourceType),
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      api.get(`/api/v3/integrations/${encodeURIComponent(integrationId ?? "")}/permissions`, {
        query: { "resource-type": resourceType },
        schema: ZPermissionListV3,
        signal,
      }),
    select: (data) => data.data,
  });
}

function useRefreshFlows() {
  const queryClient = useQueryClient();
  return (flow?: TAccessFlowV2) => {
    if (flow) queryClient.setQueryData(accessFlowKeys.detail(flow.id), flow);
    return queryClient.invalidateQueries({ queryKey: accessFlowKeys.list() });
  };
}

export function useCreateAccessFlow() {
  const refresh = useRefreshFlows();
  return useMutation({
    mutationFn: (body: TAccessFlowUpsert) => api.post(ACCESS_FLOWS_PATH, body, { schema: ZAccessFlowV2 }),
    onSuccess: (flow) => refresh(flow),
  });
}

export function useUpdateAccessFlow() {
  const refresh = useRefreshFlows();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TAccessFlowUpsert }) =>
      api.put(flowPath(id), body, { schema: ZAccessFlowV2 }),
    onSuccess: (flow) => refresh(flow),
  });
}

export function useDeleteAccessFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(flowPath(id)),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: accessFlowKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: accessFlowKeys.list() });
    },
  });
}
