import {
  type TConnectorV3,
  type TCreateConnector,
  type TUpdateConnector,
  ZConnectorListV3,
  ZConnectorV3,
} from "@portcullis/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

/** Query keys of the connectors domain. */
export const connectorKeys = {
  all: ["connectors"] as const,
  list: () => [...connectorKeys.all, "list"] as const,
  detail: (id: string) => [...connectorKeys.all, "detail", id] as const,
};

// A deployment has a handful of connectors; one page of the maximum size holds them all.
const LIST_LIMIT = 1000;

export function useConnectors() {
  return useQuery({
    queryKey: connectorKeys.list(),
    queryFn: ({ signal }) =>
      api.get("/api/admin/v3/connectors", { query: { limit: LIST_LIMIT }, schema: ZConnectorListV3, signal }),
    select: (data) => data.items,
  });
}

/** Keeps the list in step with a connector the server just returned (create, update, check). */
function useRememberConnector() {
  const queryClient = useQueryClient();
  return (connector: TConnectorV3) => {
    queryClient.setQueryData(connectorKeys.detail(connector.id), connector);
    return queryClient.invalidateQueries({ queryKey: connectorKeys.list() });
  };
}

export function useCreateConnector() {
  const remember = useRememberConnector();
  return useMutation({
    mutationFn: (body: TCreateConnector) =>
      api.post("/api/admin/v3/connectors", body, { schema: ZConnectorV3 }),
    onSuccess: remember,
  });
}

export function useUpdateConnector() {
  const remember = useRememberConnector();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateConnector }) =>
      api.put(`/api/admin/v3/connectors/${encodeURIComponent(id)}`, body, { schema: ZConnectorV3 }),
    onSuccess: remember,
  });
}

export function useCheckConnector() {
  const remember = useRememberConnector();
  return useMutation({
    mutationFn: (id: string) =>
      api.post(`/api/admin/v3/connectors/${encodeURIComponent(id)}/check`, undefined, {
        schema: ZConnectorV3,
      }),
    onSuccess: remember,
  });
}

export function useDeleteConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/admin/v3/connectors/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectorKeys.list() }),
  });
}
