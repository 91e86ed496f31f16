import { type TAccessRequestDecision, type TAccessStatus, ZAccessRequestListV4 } from "@portcullis/shared";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { accessRequestKeys, isInFlight, LIVE_POLL_MS } from "../../access-requests/index.ts";

const APPROVALS_PATH = "/api/user/v4/approvals";
const REQUESTS_PATH = "/api/user/v4/access-requests";

export const approvalKeys = {
  all: ["approvals"] as const,
  list: (statuses: readonly TAccessStatus[] | null) => [...approvalKeys.all, "list", statuses] as const,
  any: () => [...approvalKeys.all, "any"] as const,
};

/** The requests the caller may decide (or has decided), newest first. */
export function useApprovals(statuses: readonly TAccessStatus[] | null) {
  return useInfiniteQuery({
    queryKey: approvalKeys.list(statuses),
    queryFn: ({ pageParam, signal }) =>
      api.get(APPROVALS_PATH, {
        query: { statuses: statuses ?? undefined, limit: 50, page_token: pageParam },
        schema: ZAccessRequestListV4,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pagination.next_page_token ?? undefined,
    // Others decide too, and an approved request goes on to be granted: follow while anything moves.
    refetchInterval: (query) =>
      (query.state.data?.pages ?? []).some((page) => page.items.some((item) => isInFlight(item.status)))
        ? LIVE_POLL_MS
        : false,
  });
}

/** Whether the signed-in person approves anything at all: the Approvals tab shows only then. */
export function useIsApprover(enabled: boolean) {
  return useQuery({
    queryKey: approvalKeys.any(),
    enabled,
    staleTime: 60_000,
    retry: false,
    queryFn: ({ signal }) =>
      api.get(APPROVALS_PATH, { query: { limit: 1 }, schema: ZAccessRequestListV4, signal }),
    select: (data) => data.items.length > 0,
  });
}

export type Decision = "approve" | "reject";

export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, body }: { id: string; decision: Decision; body: TAccessRequestDecision }) =>
      api.post(`${REQUESTS_PATH}/${encodeURIComponent(id)}/${decision}`, body),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
        queryClient.invalidateQueries({ queryKey: accessRequestKeys.all }),
      ]),
  });
}
