import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { type CallerCache, lookUpCaller } from "./caller-lookup.ts";

type TokenFields = { id: string; expiresAt: Date | null; lastUsedAt: Date | null };

/** `callers`: keeps the tokens requests read (see CallerCache), for lookups given a mark. */
export function apiTokenRepository(db: Db, callers: CallerCache | null = null) {
  return {
    /** `mark`: the request's (ChangeFeed.markOf), to serve a kept token. */
    findByHash(tokenHash: string, mark?: number) {
      const fresh = callers && mark !== undefined ? { cache: callers, mark } : undefined;
      return lookUpCaller<TokenFields>(pgPoolOf(db), "token", tokenHash, fresh);
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
