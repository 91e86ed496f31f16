import type { Db } from "../db/prisma.ts";
import type { ReadEvent } from "./cloudtrail-reader.ts";
import type { IssuedSession } from "./issued-session.ts";

/** A granted entitlement whose activity is (still) to be read, with what reaching AWS needs. */
export type DueEntitlement = {
  entitlementId: string;
  requestId: string;
  integrationId: string;
  integrationType: string;
  integrationConfig: unknown;
  connector: { id: string; roleArn: string | null; externalId: string; region: string } | null;
  accountId: string | null;
  region: string | null;
  /** Granting's GrantTarget as stored. */
  target: unknown;
  /** Granting's detail as stored ({ managedUserName, … }). */
  awsDetail: unknown;
  personId: string | null;
  personUserName: string | null;
  personEmail: string | null;
  managedUserName: string | null;
  managedAccessKeyId: string | null;
  grantedAt: Date;
  endedAt: Date | null;
  readUntil: Date | null;
};

type DueRow = {
  entitlement_id: string;
  request_id: string;
  integration_id: string;
  integration_type: string;
  integration_config: unknown;
  connector_id: string | null;
  role_arn: string | null;
  external_id: string | null;
  connector_region: string | null;
  account_id: string | null;
  region: string | null;
  target: unknown;
  aws_detail: unknown;
  person_id: string | null;
  person_user_name: string | null;
  person_email: string | null;
  managed_user_name: string | null;
  managed_access_key_id: string | null;
  granted_at: Date;
  ended_at: Date | null;
  read_until: Date | null;
};

export type EventLink = {
  requestId: string;
  entitlementId: string;
  personId: string | null;
  integrationId: string;
  accountId: string;
  region: string;
};

/** The ingest's tables: activity_events, activity_ingest_cursors, activity_ingest_warnings. */
export function activityStore(db: Db) {
  return {
    /**
     * Entitlements that were granted, of integrations with Enable Audit on, whose ingest is not
     * done, least recently read first. An entitlement that ended more than 90 days ago has
     * nothing CloudTrail could still show.
     */
    async dueEntitlements(now: Date, limit: number): Promise<DueEntitlement[]> {
      const rows = await db.$queryRawUnsafe<DueRow[]>(
        `WITH due AS (
           SELECT e.*, r.grantee_person_id,
                  COALESCE(e.revoked_at, r.revoked_at,
                    CASE WHEN e.status IN ('EXPIRED', 'REVOKED', 'FAILED') THEN e.updated_at END) AS ended_at
           FROM access_request_entitlements e
           JOIN access_requests r ON r.id = e.request_id
           WHERE e.granted_at IS NOT NULL
         )
         SELECT d.id::text AS entitlement_id, d.request_id::text AS request_id,
                d.integration_id::text AS integration_id, i.type AS integration_type,
                i.integration_config, c.id AS connector_id, c.role_arn, c.external_id,
                c.region AS connector_region, d.account_id, d.region, d.target, d.aws_detail,
                d.grantee_person_id::text AS person_id, p.user_name AS person_user_name, p.email AS person_email,
                m.user_name AS managed_user_name, m.access_key_id AS managed_access_key_id,
                d.granted_at, d.ended_at, cur.read_until
         FROM due d
         JOIN integrations i ON i.id = d.integration_id
         LEFT JOIN connectors c ON c.id = i.connector_id
         LEFT JOIN identity_people p ON p.id = d.grantee_person_id
         LEFT JOIN managed_iam_users m ON m.integration_id = d.integration_id
              AND m.account_id = d.account_id AND m.person_id = d.grantee_person_id
         LEFT JOIN activity_ingest_cursors cur ON cur.entitlement_id = d.id
         WHERE cur.done_at IS NULL
           AND i.integration_config->>'enable_audit' = 'true'
           AND (d.ended_at IS NULL OR d.ended_at > $1::timestamptz - interval '90 days')
         ORDER BY cur.last_run_at NULLS FIRST, d.granted_at
         LIMIT $2`,
        now,
        limit,
      );
      return rows.map((row) => ({
        entitlementId: row.entitlement_id,
        requestId: row.request_id,
        integrationId: row.integration_id,
        integrationType: row.integration_type,
        integrationConfig: row.integration_config,
        connector:
          row.connector_id === null
            ? null
            : {
                id: row.connector_id,
                roleArn: row.role_arn,
                externalId: row.external_id ?? "",
                region: row.connector_region ?? "us-east-1",
              },
        accountId: row.account_id,
        region: row.region,
        target: row.target,
        awsDetail: row.aws_detail,
        personId: row.person_id,
        personUserName: row.person_user_name,
        personEmail: row.person_email,
        managedUserName: row.managed_user_name,
        managedAccessKeyId: row.managed_access_key_id,
        grantedAt: row.granted_at,
        endedAt: row.ended_at,
        readUntil: row.read_until,
      }));
    },

    /** Stores the events once each (unique event id): returns how many were new. */
    async storeEvents(link: EventLink, events: readonly ReadEvent[]): Promise<number> {
      if (events.length === 0) return 0;
      const rows = events.map((e) => ({
        event_id: e.eventId,
        event_time: e.eventTime.toISOString(),
        event_name: e.eventName,
        event_source: e.eventSource,
        resources: e.resources,
        read_only: e.readOnly,
        source_ip: e.sourceIp,
        user_agent: e.userAgent,
        error_code: e.errorCode,
        error_message: e.errorMessage,
        principal: e.principal,
        access_key_id: e.accessKeyId,
      }));
      // One statement for the whole batch; jsonb_to_recordset because each row carries an array.
      return db.$executeRawUnsafe(
        `INSERT INTO activity_events (id, event_id, event_time, event_name, event_source, resources,
           read_only, source_ip, user_agent, error_code, error_message, account_id, region, principal,
           access_key_id, request_id, entitlement_id, person_id, integration_id)
         SELECT gen_random_uuid(), x.event_id, x.event_time, x.event_name, x.event_source,
                ARRAY(SELECT jsonb_array_elements_text(x.resources)), x.read_only, x.source_ip,
                x.user_agent, x.error_code, x.error_message, $2, $3, x.principal, x.access_key_id,
                $4::uuid, $5::uuid, $6::uuid, $7::uuid
         FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, event_time timestamptz, event_name text,
           event_source text, resources jsonb, read_only boolean, source_ip text, user_agent text,
           error_code text, error_message text, principal text, access_key_id text)
         ON CONFLICT (event_id) DO NOTHING`,
        JSON.stringify(rows),
        link.accountId,
        link.region,
        link.requestId,
        link.entitlementId,
        link.personId,
        link.integrationId,
      );
    },

    /** Remembers the role sessions an entitlement's user started (once each). */
    async saveSessions(entitlementId: string, sessions: readonly IssuedSession[]): Promise<void> {
      if (sessions.length === 0) return;
      await db.activityAssumedSession.createMany({
        data: sessions.map((session) => ({ entitlementId, ...session })),
        skipDuplicates: true,
      });
    },

    /** The entitlement's role sessions that were live at some point between start and end. */
    async sessionsBetween(entitlementId: string, start: Date, end: Date): Promise<IssuedSession[]> {
      return db.activityAssumedSession.findMany({
        where: { entitlementId, issuedAt: { lte: end }, expiresAt: { gte: start } },
        select: {
          accessKeyId: true,
          accountId: true,
          roleArn: true,
          sessionArn: true,
          issuedAt: true,
          expiresAt: true,
        },
        orderBy: { issuedAt: "asc" },
      });
    },

    /** When the entitlement's last role session expires (null: it started none). */
    async lastSessionExpiry(entitlementId: string): Promise<Date | null> {
      const found = await db.activityAssumedSession.aggregate({
        where: { entitlementId },
        _max: { expiresAt: true },
      });
      return found._max.expiresAt;
    },

    /** Records a pass: how far it read (null keeps the old mark), whether it was the last, its error. */
    async saveCursor(input: {
      entitlementId: string;
      integrationId: string;
      readUntil: Date | null;
      doneAt: Date | null;
      ranAt: Date;
      error: string | null;
      stored: number;
    }): Promise<void> {
      await db.$executeRawUnsafe(
        `INSERT INTO activity_ingest_cursors (entitlement_id, integration_id, read_until, done_at,
           last_run_at, last_error, events_stored, updated_at)
         VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, now())
         ON CONFLICT (entitlement_id) DO UPDATE SET
           read_until = COALESCE(EXCLUDED.read_until, activity_ingest_cursors.read_until),
           done_at = EXCLUDED.done_at,
           last_run_at = EXCLUDED.last_run_at,
           last_error = EXCLUDED.last_error,
           events_stored = activity_ingest_cursors.events_stored + EXCLUDED.events_stored,
           updated_at = now()`,
        input.entitlementId,
        input.integrationId,
        input.readUntil,
        input.doneAt,
        input.ranAt,
        input.error,
        input.stored,
      );
    },

    async setWarning(input: {
      integrationId: string;
      accountId: string;
      region: string;
      code: string;
      message: string;
      fix: string;
      at: Date;
    }): Promise<void> {
      await db.$executeRawUnsafe(
        `INSERT INTO activity_ingest_warnings (integration_id, account_id, region, code, message, fix,
           first_seen_at, last_seen_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (integration_id, account_id, region) DO UPDATE SET
           code = EXCLUDED.code, message = EXCLUDED.message, fix = EXCLUDED.fix,
           last_seen_at = EXCLUDED.last_seen_at`,
        input.integrationId,
        input.accountId,
        input.region,
        input.code,
        input.message,
        input.fix,
        input.at,
      );
    },

    async clearWarning(integrationId: string, accountId: string, region: string): Promise<void> {
      await db.$executeRawUnsafe(
        `DELETE FROM activity_ingest_warnings WHERE integration_id = $1::uuid AND account_id = $2 AND region = $3`,
        integrationId,
        accountId,
        region,
      );
    },
  };
}

export type ActivityStore = ReturnType<typeof activityStore>;
