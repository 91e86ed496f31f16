import {
  type TCreateIdentityGroup,
  type TCreateIdentityPerson,
  type TCreateIdentitySource,
  type TIdentitySourceWithToken,
  type TUpdateIdentityGroup,
  type TUpdateIdentityPerson,
  type TUpdateIdentitySource,
  ZIdentityGroup,
  ZIdentityPerson,
  ZIdentitySource,
  ZIdentitySourceWithToken,
} from "@portcullis/shared";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { api, apiRequest } from "../../../lib/api-client.ts";

const BASE = "/api/admin/v1/identity-sources";
const sourcePath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

const ZSourceList = z.object({ items: z.array(ZIdentitySource) });
const ZPeoplePage = z.object({ items: z.array(ZIdentityPerson), total: z.number().int() });
const ZGroupPage = z.object({ items: z.array(ZIdentityGroup), total: z.number().int() });

export type Page = { limit: number; offset: number };

// An IdP changes a source's people and groups behind the page's back (by SCIM): every visit reads
// them afresh instead of trusting the app-wide 10 s cache.
const ALWAYS_REFETCH = { staleTime: 0 } as const;

/** Query keys of the identity-sources domain. */
export const identitySourceKeys = {
  all: ["identity-sources"] as const,
  list: () => [...identitySourceKeys.all, "list"] as const,
  detail: (id: string) => [...identitySourceKeys.all, "detail", id] as const,
  people: (id: string, page?: Page) =>
    page
      ? ([...identitySourceKeys.detail(id), "people", page] as const)
      : ([...identitySourceKeys.detail(id), "people"] as const),
  groups: (id: string, page?: Page) =>
    page
      ? ([...identitySourceKeys.detail(id), "groups", page] as const)
      : ([...identitySourceKeys.detail(id), "groups"] as const),
};

export function useIdentitySources() {
  return useQuery({
    ...ALWAYS_REFETCH,
    queryKey: identitySourceKeys.list(),
    queryFn: ({ signal }) => api.get(BASE, { schema: ZSourceList, signal }),
    select: (data) => data.items,
  });
}

export function useIdentitySource(id: string) {
  return useQuery({
    ...ALWAYS_REFETCH,
    queryKey: identitySourceKeys.detail(id),
    queryFn: ({ signal }) => api.get(sourcePath(id), { schema: ZIdentitySource, signal }),
  });
}

export function useSourcePeople(id: string, page: Page) {
  return useQuery({
    ...ALWAYS_REFETCH,
    queryKey: identitySourceKeys.people(id, page),
    queryFn: ({ signal }) =>
      api.get(`${sourcePath(id)}/people`, { query: page, schema: ZPeoplePage, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSourceGroups(id: string, page: Page) {
  return useQuery({
    ...ALWAYS_REFETCH,
    queryKey: identitySourceKeys.groups(id, page),
    queryFn: ({ signal }) => api.get(`${sourcePath(id)}/groups`, { query: page, schema: ZGroupPage, signal }),
    placeholderData: keepPreviousData,
  });
}

/** After any write: the source (counts, last change), its people and groups, and the list. */
function useRefreshSource() {
  const queryClient = useQueryClient();
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: identitySourceKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: identitySourceKeys.list() }),
    ]);
}

export function useCreateIdentitySource() {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: (body: TCreateIdentitySource) => api.post(BASE, body, { schema: ZIdentitySourceWithToken }),
    onSuccess: (source: TIdentitySourceWithToken) => refresh(source.id),
  });
}

export function useRenameIdentitySource() {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateIdentitySource }) =>
      apiRequest(sourcePath(id), { method: "PATCH", body, schema: ZIdentitySource }),
    onSuccess: (source) => refresh(source.id),
  });
}

export function useRotateToken() {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: (id: string) =>
      api.post(`${sourcePath(id)}/rotate-token`, undefined, { schema: ZIdentitySourceWithToken }),
    onSuccess: (source) => refresh(source.id),
  });
}

export function useDeleteIdentitySource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(sourcePath(id)),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: identitySourceKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: identitySourceKeys.list() });
    },
  });
}

export function useCreatePerson(sourceId: string) {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: (body: TCreateIdentityPerson) =>
      api.post(`${sourcePath(sourceId)}/people`, body, { schema: ZIdentityPerson }),
    onSuccess: () => refresh(sourceId),
  });
}

export function useUpdatePerson(sourceId: string) {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateIdentityPerson }) =>
      apiRequest(`${sourcePath(sourceId)}/people/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
        schema: ZIdentityPerson,
      }),
    onSuccess: () => refresh(sourceId),
  });
}

export function useDeletePerson(sourceId: string) {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${sourcePath(sourceId)}/people/${encodeURIComponent(id)}`),
    onSuccess: () => refresh(sourceId),
  });
}

export function useCreateGroup(sourceId: string) {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: (body: TCreateIdentityGroup) =>
      api.post(`${sourcePath(sourceId)}/groups`, body, { schema: ZIdentityGroup }),
    onSuccess: () => refresh(sourceId),
  });
}

export function useUpdateGroup(sourceId: string) {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateIdentityGroup }) =>
      apiRequest(`${sourcePath(sourceId)}/groups/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
        schema: ZIdentityGroup,
      }),
    onSuccess: () => refresh(sourceId),
  });
}

export function useDeleteGroup(sourceId: string) {
  const refresh = useRefreshSource();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${sourcePath(sourceId)}/groups/${encodeURIComponent(id)}`),
    onSuccess: () => refresh(sourceId),
  });
}
