import type { Db } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";

type Client = Db | Prisma.TransactionClient;

export type AccessFlowData = {
  name: string;
  nameKey: string;
  description: string | null;
  active: boolean;
  trigger: string;
  requestors: Prisma.InputJsonValue;
  accessTargets: Prisma.InputJsonValue;
  approverPolicy: Prisma.InputJsonValue | null;
  grantDurationInMin: number | null;
  settings: Prisma.InputJsonValue;
  integrationIds: string[];
};

/** The access_flows table, and the integration, source and resource reads its checks need. */
export function accessFlowRepository(db: Db) {
  return {
    list(take: number, after?: { createdAt: Date; id: string }) {
      return db.accessFlow.findMany({
        where: after
          ? {
              OR: [
                { createdAt: { gt: after.createdAt } },
                { createdAt: after.createdAt, id: { gt: after.id } },
              ],
            }
          : undefined,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take,
      });
    },
    find(id: string) {
      return db.accessFlow.findUnique({ where: { id } });
    },
    create(tx: Client, data: AccessFlowData) {
      return tx.accessFlow.create({ data: nullJson(data) });
    },
    update(tx: Client, id: string, data: AccessFlowData) {
      return tx.accessFlow.update({ where: { id }, data: nullJson(data) });
    },
    delete(tx: Client, id: string) {
      return tx.accessFlow.delete({ where: { id } });
    },
    /** Integrations by id or name (any case), for resolving `integration_reference`. */
    integrationsByReference(references: string[]) {
      const ids = references.filter((ref) => /^[0-9a-f-]{36}$/i.test(ref));
      return db.integration.findMany({
        where: {
          OR: [
            ...(ids.length ? [{ id: { in: ids } }] : []),
            ...references.map((name) => ({ name: { equals: name, mode: "insensitive" as const } })),
          ],
        },
        select: { id: true, name: true, type: true, connectedResourceTypes: true },
      });
    },
    integrationNames(ids: string[]) {
      return db.integration.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    },
    /** Names of the permission sets the integration's last fetch found. */
    async permissionSetNames(integrationId: string): Promise<string[]> {
      const rows = await db.resource.findMany({
        where: { integrationId, type: "aws-organization-permission-set" },
        select: { name: true },
        orderBy: { name: "asc" },
      });
      return rows.map((row) => row.name);
    },
    /** Live people named by email, user name or id (in one source, or all). */
    async peopleMatching(sourceId: string | null, values: string[]): Promise<Set<string>> {
      const lower = values.map((value) => value.toLowerCase());
      const ids = values.filter((value) => /^[0-9a-f-]{36}$/i.test(value));
      const rows = await db.identityPerson.findMany({
        where: {
          active: true,
          deletedAt: null,
          ...(sourceId ? { sourceId } : {}),
          OR: [
            { email: { in: lower } },
            { userNameKey: { in: lower } },
            ...(ids.length ? [{ id: { in: ids } }] : []),
          ],
        },
        select: { id: true, email: true, userNameKey: true },
      });
      return new Set(
        rows.flatMap((row) => [row.id, row.email, row.userNameKey].filter((v): v is string => !!v)),
      );
    },
    /** Groups named by name (any case) or id. */
    async groupsMatching(sourceId: string | null, values: string[]): Promise<Set<string>> {
      const ids = values.filter((value) => /^[0-9a-f-]{36}$/i.test(value));
      const rows = await db.identityGroup.findMany({
        where: {
          ...(sourceId ? { sourceId } : {}),
          OR: [
            { displayNameKey: { in: values.map((value) => value.toLowerCase()) } },
            ...(ids.length ? [{ id: { in: ids } }] : []),
          ],
        },
        select: { id: true, displayNameKey: true },
      });
      return new Set(rows.flatMap((row) => [row.id, row.displayNameKey]));
    },
    sources() {
      return db.identitySource.findMany({ select: { id: true, name: true, type: true } });
    },
  };
}

/** A null approver policy is SQL NULL (no approval needed), not JSON null. */
function nullJson(data: AccessFlowData) {
  return { ...data, approverPolicy: data.approverPolicy ?? Prisma.DbNull };
}

export type AccessFlowRepository = ReturnType<typeof accessFlowRepository>;
