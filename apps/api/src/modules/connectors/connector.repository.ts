import type { Db } from "../../db/prisma.ts";
import type { ConnectorStatus, Prisma } from "../../generated/prisma/client.ts";

type Client = Db | Prisma.TransactionClient;

export function connectorRepository(db: Db) {
  return {
    findById(id: string, client: Client = db) {
      return client.connector.findUnique({ where: { id } });
    },
    /** Ordered by id (readable slugs, so roughly by name); `afterId` continues after that one. */
    list(filter: { statuses?: ConnectorStatus[]; afterId?: string; take: number }) {
      return db.connector.findMany({
        where: {
          ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
          ...(filter.afterId !== undefined ? { id: { gt: filter.afterId } } : {}),
        },
        orderBy: { id: "asc" },
        take: filter.take,
      });
    },
    idsStartingWith(prefix: string) {
      return db.connector
        .findMany({ where: { id: { startsWith: prefix } }, select: { id: true } })
        .then((rows) => new Set(rows.map((row) => row.id)));
    },
    integrationsUsing(id: string, client: Client = db) {
      return client.integration.findMany({
        where: { connectorId: id },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      });
    },
  };
}

export type ConnectorRepository = ReturnType<typeof connectorRepository>;
