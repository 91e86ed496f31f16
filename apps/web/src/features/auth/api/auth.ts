import type { TLoginBody, TMe } from "@portcullis/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, isSignedOutError, setCsrfToken } from "../../../lib/api-client.ts";
import { ME_QUERY_KEY } from "../../../lib/query-client.ts";

export const authKeys = { me: ME_QUERY_KEY } as const;

/** `?reason=` of the sign-in page when the session ended under the user. */
export const SESSION_ENDED_REASON = "session-ended";

/** Written on sign-out so the app's other tabs notice at once (the `storage` event). */
export const SIGNED_OUT_STORAGE_KEY = "portcullis.signed-out";

/**
 * `me` plus the session's CSRF token. The shared schema is imported on demand: this module is
 * part of the first chunk, which stays free of zod.
 */
async function acceptMe(raw: unknown): Promise<TMe> {
  const { ZMe } = await import("@portcullis/shared");
  const me = ZMe.parse(raw);
  const csrf = (raw as { csrf_token?: unknown } | null)?.csrf_token;
  setCsrfToken(typeof csrf === "string" ? csrf : null);
  return me;
}

/** The signed-in account, or null when signed out. */
export async function fetchMe(): Promise<TMe | null> {
  try {
    return await acceptMe(await api.get("/api/auth/me"));
  } catch (error) {
    if (isSignedOutError(error)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  const queryClient = useQueryClient();
  // A sign-out in another tab: ask the server again, which answers "signed out" here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SIGNED_OUT_STORAGE_KEY) void queryClient.invalidateQueries({ queryKey: authKeys.me });
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [queryClient]);
  return useQuery({ queryKey: authKeys.me, queryFn: fetchMe, staleTime: 60_000, retry: 1 });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ["sign-in"],
    mutationFn: async (body: TLoginBody) => acceptMe(await api.post("/api/auth/login", body)),
    onSuccess: (me) => {
      // Whatever was cached belongs to the previous account.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
      queryClient.setQueryData(authKeys.me, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/api/auth/logout"),
    onSettled: () => {
      try {
        window.localStorage.setItem(SIGNED_OUT_STORAGE_KEY, String(Date.now()));
      } catch {
        // The other tabs then notice at their next request instead.
      }
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
    },
  });
}

/** Whether the sign-in page offers "Sign in with <IdP>" (public: asked before anyone signs in). */
export function useOidcSignInOption() {
  return useQuery({
    queryKey: ["oidc-sign-in-option"],
    queryFn: async ({ signal }) => {
      const { ZOidcSignInOption } = await import("@portcullis/shared");
      return api.get("/api/auth/oidc", { schema: ZOidcSignInOption, signal });
    },
    staleTime: 60_000,
  });
}
