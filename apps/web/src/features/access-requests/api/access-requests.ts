import {
  type TAccessRequestListV4,
  type TAccessStatus,
  type TCreateAccessRequest,
  type TRequestAgain,
  ZAccessRequestListV4,
  ZAccessRequestV4,
  ZAccessSessionDetailsV1,
  ZAccessSessionListV1,
  ZSelectableIntegrationList,
  ZSelectablePermissions,
  ZSelectableResourceList,
  ZSelectableResourceTypeList,
} from "@portcullis/shared";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { z } from "zod";
import { api } from "../../../lib/api-client.ts";

const REQUESTS_PATH = "/api/user/v4/access-requests";
const SESSIONS_PATH = "/api/user/v1/access-sessions";
const SELECTABLE_PATH = "/api/v3/selectable-integrations";
const enc = encodeURIComponent;

/** How often My requests and My access ask again while something is on its way. */
export const LIVE_POLL_MS = 2_000;

/** Statuses after which the API still has work to do: the page keeps asking until they end. */
export const IN_FLIGHT_STATUSES: readonly TAccessStatus[] = ["PENDING", "APPROVED", "GRANTING", "REVOKING"];

export function isInFlight(status: TAccessStatus): boolean {
  return IN_FLIGHT_STATUSES.includes(status);
}

export const accessRequestKeys = {
  all: ["access-requests"] as const,
  mine: (userId: string) => [...accessRequestKeys.all, "mine", userId] as const,
  sessions: () => [...accessRequestKeys.all, "sessions"] as const,
  details: (sessionId: string) => [...accessRequestKeys.all, "session-details", sessionId] as const,
  selectable: () => [...accessRequestKeys.all, "selectable"] as const,
  resourceTypes: (integrationId: string) => [...accessRequestKeys.selectable(), integrationId] as const,
  resources: (integrationId: string, type: string, search: string) =>
    [...accessRequestKeys.selectable(), integrationId, type, "resources", search] as const,
  permissions: (integrationId: string, type: string) =>
    [...accessRequestKeys.selectable(), integrationId, type, "permissions"] as const,
};

// ---- What the caller may request ----

export function useSelectableIntegrations() {
  return useQuery({
    queryKey: accessRequestKeys.selectable(),
    queryFn: ({ signal }) => api.get(SELECTABLE_PATH, { schema: ZSelectableIntegrationList, signal }),
    select: (data) => data.data,
  });
}

export function useSelectableResourceTypes(integrationId: string | null) {
  return useQuery({
    queryKey: accessRequestKeys.resourceTypes(integrationId ?? ""),
    enabled: Boolean(integrationId),
    queryFn: ({ signal }) =>
      api.get(`${SELECTABLE_PATH}/${enc(integrationId ?? "")}/resource-types`, {
        schema: ZSelectableResourceTypeList,
        signal,
      }),
    select: (data) => data.data,
  });
}

export const RESOURCES_PAGE = 50;

export function useSelectableResources(integrationId: string | null, type: string | null, search: string) {
  return useQuery({
    queryKey: accessRequestKeys.resources(integrationId ?? "", type ?? "", search.trim()),
    enabled: Boolean(integrationId && type),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api.get(`${SELECTABLE_PATH}/${enc(integrationId ?? "")}/${enc(type ?? "")}/resources`, {
        query: { search: search.trim() || undefined, limit: RESOURCES_PAGE },
        schema: ZSelectableResourceList,
        signal,
      }),
  });
}

export function useSelectablePermissions(integrationId: string | null, type: string | null) {
  return useQuery({
    queryKey: accessRequestKeys.permissions(integrationId ?? "", type ?? ""),
    enabled: Boolean(integrationId && type),
    queryFn: ({ signal }) =>
      api.get(`${SELECTABLE_PATH}/${enc(integrationId ?? "")}/${enc(type ?? "")}/permissions`, {
        schema: ZSelectablePermissions,
        signal,
      }),
  });
}

// ---- Requests ----

function anyInFlight(pages: readonly TAccessRequestListV4[] | undefined): boolean {
  return (pages ?? []).some((page) => page.items.some((item) => isInFlight(item.status)));
}

/** Timers beyond this are not set (setTimeout's limit is ~24.8 days; grants last up to 30). */
const LONGEST_WAIT_MS = 3_600_000;

/**
 * When My requests asks again: every 2 s while a request is on its way, and when a granted one's
 * end time comes (then every 2 s until the expiry job has ended it), so EXPIRED shows without a
 * reload; otherwise never.
 */
export function requestsRefetchMs(
  pages: readonly TAccessRequestListV4[] | undefined,
  now: number = Date.now(),
): number | false {
  if (anyInFlight(pages)) return LIVE_POLL_MS;
  const ends = (pages ?? []).flatMap((page) =>
    page.items.flatMap((item) =>
      item.status === "GRANTED" && item.portcullis.expires_at ? [Date.parse(item.portcullis.expires_at)] : [],
    ),
  );
  if (ends.length === 0) return false;
  return Math.min(Math.max(Math.min(...ends) - now, LIVE_POLL_MS), LONGEST_WAIT_MS);
}

/** The caller's own requests, newest first; asked again every 2 s while any is on its way. */
export function useMyRequests(userId: string) {
  return useInfiniteQuery({
    queryKey: accessRequestKeys.mine(userId),
    // Without the id an admin's list would be everyone's requests.
    enabled: userId !== "",
    queryFn: ({ pageParam, signal }) =>
      api.get(REQUESTS_PATH, {
        query: { requestor: userId, limit: 50, page_token: pageParam },
        schema: ZAccessRequestListV4,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pagination.next_page_token ?? undefined,
    refetchInterval: (query) => requestsRefetchMs(query.state.data?.pages),
  });
}

const ZCreated = z.array(ZAccessRequestV4);

function useRefreshRequests() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: accessRequestKeys.all });
}

export function useCreateAccessRequest() {
  const refresh = useRefreshRequests();
  return useMutation({
    mutationFn: (body: TCreateAccessRequest) => api.post(REQUESTS_PATH, body, { schema: ZCreated }),
    onSuccess: () => refresh(),
  });
}

export function useRevokeAccessRequest() {
  const refresh = useRefreshRequests();
  return useMutation({
    mutationFn: (id: string) => api.post(`${REQUESTS_PATH}/${enc(id)}/revoke`),
    onSuccess: () => refresh(),
  });
}

export function useRequestAgain() {
  const refresh = useRefreshRequests();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TRequestAgain }) =>
      api.post(`${REQUESTS_PATH}/${enc(id)}/request-again`, body, { schema: ZCreated }),
    onSuccess: () => refresh(),
  });
}

// ---- Sessions (My access) ----

export function useAccessSessions() {
  return useInfiniteQuery({
    queryKey: accessRequestKeys.sessions(),
    queryFn: ({ pageParam, signal }) =>
      api.get(SESSIONS_PATH, {
        query: { limit: 100, page_token: pageParam },
        schema: ZAccessSessionListV1,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.pagination.next_page_token ?? undefined,
    // A key reset is RESETTING until the new key exists.
    refetchInterval: (query) =>
      (query.state.data?.pages ?? []).some((page) =>
        page.items.some((item) => item.credentials_status === "RESETTING"),
      )
        ? LIVE_POLL_MS
        : false,
  });
}

/**
 * How to use one session. The answer may hold an access key shown only this once, so it is read
 * only when asked for and never refetched behind the person's back (a refetch would find it gone).
 */
export function useSessionDetails(sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: accessRequestKeys.details(sessionId),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    // Kept only while the page shows it: a key shown once is not left in memory afterwards.
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    queryFn: ({ signal }) =>
      api.get(`${SESSIONS_PATH}/${enc(sessionId)}/access-details`, {
        schema: ZAccessSessionDetailsV1,
        signal,
      }),
  });
}

export function useResetCredentials() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.post(`${SESSIONS_PATH}/${enc(sessionId)}/reset-credentials`),
    onSuccess: (_data, sessionId) =>
      Promise.all([
        // The next details answer holds the new key: read it afresh.
        queryClient.resetQueries({ queryKey: accessRequestKeys.details(sessionId) }),
        queryClient.invalidateQueries({ queryKey: accessRequestKeys.sessions() }),
      ]),
  });
}
