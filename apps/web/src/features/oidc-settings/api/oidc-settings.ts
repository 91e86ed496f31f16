import { type TOidcSettingsInput, ZIdentitySource, ZOidcSettings } from "@portcullis/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { api, hasErrorCode } from "../../../lib/api-client.ts";

const PATH = "/api/admin/v1/oidc";
const ZSourceList = z.object({ items: z.array(ZIdentitySource.pick({ id: true, name: true })) });

export const oidcSettingsKeys = {
  all: ["oidc-settings"] as const,
  detail: () => [...oidcSettingsKeys.all, "detail"] as const,
  sources: () => [...oidcSettingsKeys.all, "sources"] as const,
};

/** The provider settings, or null when OIDC sign-in is not configured (the API's 404). */
export function useOidcSettings() {
  return useQuery({
    queryKey: oidcSettingsKeys.detail(),
    queryFn: async ({ signal }) => {
      try {
        return await api.get(PATH, { schema: ZOidcSettings, signal });
      } catch (error) {
        if (hasErrorCode(error, "NOT_FOUND")) return null;
        throw error;
      }
    },
  });
}

/** Identity sources to match people in (names only). */
export function useSourceChoices() {
  return useQuery({
    queryKey: oidcSettingsKeys.sources(),
    queryFn: ({ signal }) => api.get("/api/admin/v1/identity-sources", { schema: ZSourceList, signal }),
    select: (data) => data.items,
  });
}

export function useSaveOidcSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TOidcSettingsInput) => api.put(PATH, body, { schema: ZOidcSettings }),
    onSuccess: (saved) => queryClient.setQueryData(oidcSettingsKeys.detail(), saved),
  });
}

export function useDeleteOidcSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(PATH),
    onSuccess: () => queryClient.setQueryData(oidcSettingsKeys.detail(), null),
  });
}
