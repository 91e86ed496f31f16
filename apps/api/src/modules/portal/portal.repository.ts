import { withParsedConfig } from "../../core/integration-config.ts";
import type { Db } from "../../db/prisma.ts";
import type { IntegrationStatus } from "../../generated/prisma/client.ts";

/** End users see integrations that work: fetched, possibly with some scopes failing. */
export const PORTAL_STATUSES: IntegrationStatus[] = ["Active", "Warning"];

/** The integrations the portal shows (read-only). */
export function portalRepository(db: Db) {
  return {
    /** By name; `afterName` continues after that one. */
    async list(filter: { afterName?: string; take: number }) {
      const rows = await db.integration.findMany({
        where: {
          status: { in: PORTAL_STATUSES },
          ...(filter.afterName !== undefined ? { name: { gt: filter.afterName } } : {}),
        },
        orderBy: { name: "asc" },
        take: filter.take,
        include: { _count: { select: { resources: true } } },
      });
      return rows.map(withParsedConfig);
    },

    isVisible(id: string) {
      return db.integration
        .count({ where: { id, status: { in: PORTAL_STATUSES } } })
        .then((count) => count > 0);
    },
  };
}

export type PortalIntegrationRow = Awaited<ReturnType<ReturnType<typeof portalRepository>["list"]>>[number];
