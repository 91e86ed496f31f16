import type { Db } from "../../db/prisma.ts";

export type ActivityFilter = {
  start?: Date;
  end?: Date;
  integrationIds?: string[];
  personIds?: string[];
  requestIds?: string[];
  writesOnly?: boolean;
  errorsOnly?: boolean;
};

export type ActivityRow = {
  event_id: string;
  event_time: Date;
  event_name: string;
  event_source: string;
  read_only: boolean;
  resources: string[];
  source_ip: string | null;
  user_agent: string | null;
  error_code: string | null;
  error_message: string | null;
  account_id: string;
  region: string;
  principal: string;
  access_key_id: string | null;
  entitlement_id: string;
  person_id: string | null;
  person_name: string | null;
  integration_id: string;
  request_id: string;
  request_date: Date | null;
  requester_email: string | null;
  justification: string | null;
  request_status: string | null;
  flow_name: string | null;
  integration_name: string | null;
  resource_type: string | null;
  resource_name: string | null;
  permission_name: string | null;
};

/** WHERE clause and parameters of a filter; every value is a bound parameter. */
function whereOf(filter: ActivityFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(clause(`$${params.length}`));
  };
  if (filter.start) add((p) => `a.event_time >= ${p}::timestamptz`, filter.start);
  if (filter.end) add((p) => `a.event_time <= ${p}::timestamptz`, filter.end);
  if (filter.integrationIds?.length)
    add((p) => `a.integration_id = ANY(${p}::uuid[])`, filter.integrationIds);
  if (filter.personIds?.length) add((p) => `a.person_id = ANY(${p}::uuid[])`, filter.personIds);
  if (filter.requestIds?.length) add((p) => `a.request_id = ANY(${p}::uuid[])`, filter.requestIds);
  if (filter.writesOnly) parts.push("NOT a.read_only");
  if (filter.errorsOnly) parts.push("a.error_code IS NOT NULL");
  return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}

/** activity_events, with the request, entitlement and person each event belongs to. */
export function activityRepository(db: Db) {
  return {
    async list(
      filter: ActivityFilter,
      limit: number,
      offset: number,
    ): Promise<{ rows: ActivityRow[]; total: number }> {
      const where = whereOf(filter);
      const n = where.params.length;
      // Raw SQL: the links are plain ids (activity outlives requests and people), not relations.
      const [rows, counted] = await Promise.all([
        db.$queryRawUnsafe<ActivityRow[]>(
          `SELECT a.event_id, a.event_time, a.event_name, a.event_source, a.read_only, a.resources,
                  a.source_ip, a.user_agent, a.error_code, a.error_message, a.account_id, a.region,
                  a.principal, a.access_key_id, a.entitlement_id::text, a.person_id::text,
                  COALESCE(p.display_name, p.user_name) AS person_name, a.integration_id::text,
                  a.request_id::text, r.created_at AS request_date, r.requester_email,
                  r.justification, r.status::text AS request_status,
                  r.flow_snapshot->>'name' AS flow_name, e.integration_name, e.resource_type,
                  e.resource_name, e.permission_name
           FROM activity_events a
           LEFT JOIN access_requests r ON r.id = a.request_id
           LEFT JOIN access_request_entitlements e ON e.id = a.entitlement_id
           LEFT JOIN identity_people p ON p.id = a.person_id
           ${where.sql}
           ORDER BY a.event_time DESC, a.id DESC
           LIMIT $${n + 1} OFFSET $${n + 2}`,
          ...where.params,
          limit,
          offset,
        ),
        db.$queryRawUnsafe<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM activity_events a ${where.sql}`,
          ...where.params,
        ),
      ]);
      return { rows, total: counted[0]?.n ?? 0 };
    },

    async requestExists(id: string): Promise<boolean> {
      return (await db.accessRequest.count({ where: { id } })) > 0;
    },
  };
}
