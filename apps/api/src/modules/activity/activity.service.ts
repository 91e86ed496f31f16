import type { TActivityItem, TActivityList, TListActivityQuery } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { AppError } from "../../lib/app-error.ts";
import { isUuid } from "../common/uuid.ts";
import { type ActivityRow, activityRepository } from "./activity.repository.ts";

function toItem(row: ActivityRow): TActivityItem {
  return {
    request_id: row.request_id,
    request_date: row.request_date?.toISOString() ?? null,
    requestor_name: row.person_name,
    requestor_email: row.requester_email,
    integration: row.integration_name,
    resource_type: row.resource_type,
    resources: row.resource_name === null ? null : [row.resource_name],
    permissions: row.permission_name === null ? null : [row.permission_name],
    justification: row.justification,
    status: row.request_status,
    trigger_type: row.request_id ? "SELF_SERVE" : null,
    access_flow: row.flow_name,
    extension_count: "0",
    portcullis: {
      event_id: row.event_id,
      event_time: row.event_time.toISOString(),
      event_name: row.event_name,
      event_source: row.event_source,
      read_only: row.read_only,
      resources: row.resources,
      source_ip: row.source_ip,
      user_agent: row.user_agent,
      error_code: row.error_code,
      error_message: row.error_message,
      account_id: row.account_id,
      region: row.region,
      principal: row.principal,
      access_key_id: row.access_key_id,
      entitlement_id: row.entitlement_id,
      person_id: row.person_id,
      person_name: row.person_name,
      integration_id: row.integration_id,
    },
  };
}

/** Reads of the ingested CloudTrail activity (audit-ingest/ writes it). */
export function activityService(deps: { db: Db }) {
  const repository = activityRepository(deps.db);

  async function list(query: TListActivityQuery, requestIds?: string[]): Promise<TActivityList> {
    const { rows, total } = await repository.list(
      {
        start: query.start_date === undefined ? undefined : new Date(query.start_date * 1000),
        end: query.end_date === undefined ? undefined : new Date(query.end_date * 1000),
        integrationIds: query["filter[integration_id]"],
        personIds: query["filter[requestor_id]"],
        requestIds: requestIds ?? query["filter[access_request_id]"],
        writesOnly: query.writes_only,
        errorsOnly: query.errors_only,
      },
      query.limit,
      query.offset,
    );
    return { data: rows.map(toItem), pagination: { total, limit: query.limit, offset: query.offset } };
  }

  return {
    list: (query: TListActivityQuery) => list(query),

    /** One request's timeline: its events, newest first. */
    async ofRequest(id: string, query: TListActivityQuery): Promise<TActivityList> {
      if (!isUuid(id) || !(await repository.requestExists(id))) {
        throw new AppError("NOT_FOUND", `No access request ${id}.`);
      }
      return list(query, [id]);
    },
  };
}
