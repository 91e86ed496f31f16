import { type TActivityList, ZActivityList, ZDirectoryUser } from "@portcullis/shared";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "../../../lib/api-client.ts";

/** What the Activity page filters on; times are milliseconds since 1970. */
export type ActivityFilters = {
  integrationId: string | null;
  personId: string | null;
  /** One access request's calls only: its timeline. */
  requestId: string | null;
  from: number | null;
  to: number | null;
  writesOnly: boolean;
  errorsOnly: boolean;
};

export const activityKeys = {
  all: ["activity"] as const,
  list: (filters: ActivityFilters, offset: number, limit: number) =>
    [...activityKeys.all, "list", filters, offset, limit] as const,
  integrations: () => [...activityKeys.all, "integrations"] as const,
  people: (search: string) => [...activityKeys.all, "people", search] as const,
};

/** The query string of GET /api/v3/activity for the filters (start_date/end_date in seconds). */
export function activityQuery(filters: ActivityFilters, offset: number, limit: number): string {
  const params = new URLSearchParams();
  if (filters.integrationId) params.append("filter[integration_id]", filters.integrationId);
  if (filters.personId) params.append("filter[requestor_id]", filters.personId);
  if (filters.requestId) params.append("filter[access_request_id]", filters.requestId);
  if (filters.from !== null) params.set("start_date", String(Math.floor(filters.from / 1000)));
  if (filters.to !== null) params.set("end_date", String(Math.floor(filters.to / 1000)));
  if (filters.writesOnly) params.set("writes_only", "true");
  if (filters.errorsOnly) params.set("errors_only", "true");
  params.set("limit", String(limit));
  params.set("offset", String(offset));
  return params.toString();
}

export function fetchActivity(filters: ActivityFilters, offset: number, limit: number, signal?: AbortSignal) {
  return api.get(`/api/v3/activity?${activityQuery(filters, offset, limit)}`, {
    schema: ZActivityList,
    signal,
  });
}

export function useActivity(filters: ActivityFilters, offset: number, limit: number) {
  return useQuery<TActivityList>({
    queryKey: activityKeys.list(filters, offset, limit),
    queryFn: ({ signal }) => fetchActivity(filters, offset, limit, signal),
    placeholderData: keepPreviousData,
  });
}

const ZIntegrationOptions = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

/** Integrations to filter by (id and name only). */
export function useIntegrationOptions() {
  return useQuery({
    queryKey: activityKeys.integrations(),
    queryFn: ({ signal }) =>
      api.get("/api/admin/v4/integrations?limit=1000", { schema: ZIntegrationOptions, signal }),
    select: (data) => data.items.map((i) => ({ value: i.id, label: i.name })),
  });
}

const ZPeople = z.object({ items: z.array(ZDirectoryUser) });

/** People to filter by, searched in the directory as the owner pickers do. */
export function usePersonOptions(search: string) {
  return useQuery({
    queryKey: activityKeys.people(search),
    queryFn: ({ signal }) =>
      api.get(
        `/api/admin/directory/users?attribute_type=user&limit=50${search ? `&search=${encodeURIComponent(search)}` : ""}`,
        { schema: ZPeople, signal },
      ),
    select: (data) =>
      data.items.map((u) => ({ value: u.id, label: u.name ? `${u.name} (${u.email})` : u.email })),
    placeholderData: keepPreviousData,
  });
}
