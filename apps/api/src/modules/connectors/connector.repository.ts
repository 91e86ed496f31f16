import type { Db } from "../../db/prisma.ts";
import type { ConnectorStatus, Prisma } from "../../generated/prisma/client.ts";
import { isRecordNotFound } from "../common/prisma-errors.ts";

/** For `.catch` on an update: a missing row becomes null, anything else is rethrown. */
function nullIfMissing(error: unknown): null {
  if (isRecordNotFound(error)) return null;
  throw error;
}

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
    /** The demo sandbox's connector: created once, re-pointed at the demo role on each start. */
    upsertSandbox(sandbox: {
      id: string;
      name: string;
      roleArn: string;
      region: string;
      externalId: string;
    }) {
      return db.connector.upsert({
        where: { id: sandbox.id },
        create: { ...sandbox, isSandbox: true },
        update: { roleArn: sandbox.roleArn, region: sandbox.region, isSandbox: true },
      });
    },
    nameTaken(name: string) {
      return db.connector.findUnique({ where: { name }, select: { id: true } }).then(Boolean);
    },
    create(tx: Prisma.TransactionClient, data: Prisma.ConnectorCreateInput) {
      return tx.connector.create({ data });
    },
    /** Null when the connector is gone (deleted by another request meanwhile). */
    update(tx: Prisma.TransactionClient, id: string, data: Prisma.ConnectorUpdateInput) {
      return tx.connector.update({ where: { id }, data }).catch(nullIfMissing);
    },
    delete(tx: Prisma.TransactionClient, id: string) {
      return tx.connector.delete({ where: { id } });
    },
    /** How many integrations use each of these connectors (absent: none). */
    usage(ids: string[]) {
      return db.integration
        .groupBy({ by: ["connectorId"], where: { connectorId: { in: ids } }, _count: { _all: true } })
        .then((rows) => new Map(rows.map((row) => [row.connectorId ?? "", row._count._all])));
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
