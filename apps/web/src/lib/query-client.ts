import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError, isSignedOutError } from "./api-client.ts";

/** Key of the signed-in account; null in the cache means "signed out". */
export const ME_QUERY_KEY = ["auth", "me"] as const;

export function createQueryClient(): QueryClient {
  // A session that expired while the page was open: forget who is signed in, and the layout
  // shows the sign-in page (no redirects from here). A wrong password at sign-in is also a 401,
  // but its code is LOGIN_FAILED, not a signed-out one.
  const onError = (error: unknown) => {
    if (isSignedOutError(error)) client.setQueryData(ME_QUERY_KEY, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
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
