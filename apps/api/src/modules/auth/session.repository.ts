import { type Db, pgPoolOf } from "../../db/prisma.ts";
import { lookUpCaller } from "./caller-lookup.ts";

export type SessionWithUser = NonNullable<
  Awaited<ReturnType<ReturnType<typeof sessionRepository>["findById"]>>
>;

type SessionFields = { id: string; csrfToken: string; expiresAt: Date; createdAt: Date; lastSeenAt: Date };

export function sessionRepository(db: Db) {
  return {
    create(data: { id: string; userId: string; csrfToken: string; expiresAt: Date }) {
      return db.session.create({ data });
    },
    findById(id: string) {
      return lookUpCaller<SessionFields>(pgPoolOf(db), "session", id);
    },
    /** Extends an active session, at most once per `since` (a conditional update: no write storms). */
    touch(id: string, since: Date, now: Date, expiresAt: Date) {
      return db.session.updateMany({
        where: { id, lastSeenAt: { lt: since } },
        data: { lastSeenAt: now, expiresAt },
      });
    },
    delete(id: string) {
      return db.session.deleteMany({ where: { id } });
    },
    deleteExpired(userId: string, now: Date) {
      return db.session.deleteMany({ where: { userId, expiresAt: { lt: now } } });
    },
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
