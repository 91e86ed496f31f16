import type { Db } from "../../db/prisma.ts";
import type { IntegrationStatus, Prisma } from "../../generated/prisma/client.ts";

/** End users see integrations that work: fetched, possibly with some scopes failing. */
export const PORTAL_STATUSES: IntegrationStatus[] = ["Active", "Warning"];

/**
 * A refresh (status `Refreshing`) does not hide what was already discovered: an integration stays
 * visible while it refreshes when its last finished fetch worked (it was Active or Warning
 * before), and stays hidden when that fetch failed (it was Error). Few integrations refresh at
 * once, so their ids are read first.
 */
async function refreshingAfterAWorkingFetch(db: Db, id?: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT i.id::text AS id FROM integrations i
     WHERE i.status = 'Refreshing' AND ($1::uuid IS NULL OR i.id = $1::uuid)
       AND (SELECT r.state FROM sync_runs r
            WHERE r.integration_id = i.id AND r.state IN ('succeeded', 'partial', 'failed')
            ORDER BY r.finished_at DESC NULLS LAST LIMIT 1) IN ('succeeded', 'partial')`,
    id ?? null,
  );
  return rows.map((row) => row.id);
}

/** The Prisma filter of integrations shown in the portal (optionally: is this one of them). */
export async function portalVisibleWhere(db: Db, id?: string): Promise<Prisma.IntegrationWhereInput> {
  const refreshing = await refreshingAfterAWorkingFetch(db, id);
  return {
    ...(id === undefined ? {} : { id }),
    OR: [{ status: { in: PORTAL_STATUSES } }, ...(refreshing.length ? [{ id: { in: refreshing } }] : [])],
  };
}
