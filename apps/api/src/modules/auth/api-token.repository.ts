import type { Db } from "../../db/prisma.ts";
import { unlessOwnerVanished } from "./owner-still-exists.ts";

export function apiTokenRepository(db: Db) {
  return {
    findByHash(tokenHash: string) {
      return db.apiToken
        .findUnique({
          where: { tokenHash },
          include: { user: { select: { id: true, email: true, role: true } } },
          relationLoadStrategy: "join",
        })
        .then(unlessOwnerVanished);
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
  };
}

export type ApiTokenRepository = ReturnType<typeof apiTokenRepository>;
