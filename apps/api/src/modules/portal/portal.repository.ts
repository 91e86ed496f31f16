import { withParsedConfig } from "../../core/integration-config.ts";
import type { Db } from "../../db/prisma.ts";
import { portalVisibleWhere } from "./portal-visibility.ts";

/** The integrations the portal shows (read-only). */
export function portalRepository(db: Db) {
  return {
    /** By name; `afterName` continues after that one. */
    async list(filter: { afterName?: string; take: number }) {
      const rows = await db.integration.findMany({
        where: {
          ...(await portalVisibleWhere(db)),
          ...(filter.afterName !== undefined ? { name: { gt: filter.afterName } } : {}),
        },
        orderBy: { name: "asc" },
        take: filter.take,
        include: {
          _count: { select: { resources: true } },
          // The account a CLI role profile points at.
          connector: { select: { awsAccountId: true } },
        },
      });
      return rows.map(withParsedConfig);
    },

    async isVisible(id: string) {
      return (await db.integration.count({ where: await portalVisibleWhere(db, id) })) > 0;
    },
  };
}

export type PortalIntegrationRow = Awaited<ReturnType<ReturnType<typeof portalRepository>["list"]>>[number];
