import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { lookUpCaller } from "./caller-lookup.ts";

type TokenFields = { id: string; expiresAt: Date | null; lastUsedAt: Date | null };

export function apiTokenRepository(db: Db) {
  return {
    findByHash(tokenHash: string) {
      return lookUpCaller<TokenFields>(pgPoolOf(db), "token", tokenHash);
    },
    /** Records use at most once per interval: a conditional update, so busy scripts cause no write storm. */
    markUsed(id: string, since: Date, now: Date) {
      return db.apiToken.updateMany({
        where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: since } }] },
        data: { lastUsedAt: now },
      });
    },
    listForUser(userId: string) {
      return db.apiToken.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    },
    findForUser(userId: string, id: string) {
      return db.apiToken.findFirst({ where: { id, userId } });
    },
    countForUser(tx: Prisma.TransactionClient, userId: string) {
      return tx.apiToken.count({ where: { userId } });
    },
    create(tx: Prisma.TransactionClient, data: Prisma.ApiTokenUncheckedCreateInput) {
      return tx.apiToken.create({ data });
    },
    deleteForUser(tx: Prisma.TransactionClient, userId: string, id: string) {
      return tx.apiToken.deleteMany({ where: { id, userId } });
    },
  };
}

export type ApiTokenRepository = ReturnType<typeof apiTokenRepository>;
