import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api-client.ts";

/** Key of the signed-in account; null in the cache means "signed out". */
export const ME_QUERY_KEY = ["auth", "me"] as const;

export function createQueryClient(): QueryClient {
  // A session that expired while the page was open: forget who is signed in, and the layout
  // shows the sign-in page (no redirects from here). Sign-in itself answers 401 to a wrong
  // password, which is not an expired session.
  const onError = (error: unknown, isSignIn = false) => {
    if (!isSignIn && isApiError(error) && error.status === 401) client.setQueryData(ME_QUERY_KEY, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onError(error) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) =>
        onError(error, mutation.options.mutationKey?.[0] === "sign-in"),
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        // Retrying a 4xx gives the same answer; network and 5xx errors may pass a moment later.
        retry: (failures, error) =>
          failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
  return client;
}
