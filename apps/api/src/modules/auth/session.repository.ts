import { type Db, pgPoolOf } from "../../db/prisma.ts";
import { type CallerCache, lookUpCaller } from "./caller-lookup.ts";

export type SessionWithUser = NonNullable<
  Awaited<ReturnType<ReturnType<typeof sessionRepository>["findById"]>>
>;

type SessionFields = { id: string; csrfToken: string; expiresAt: Date; createdAt: Date; lastSeenAt: Date };

/** `callers`: keeps the sessions requests read (see CallerCache), for lookups given a mark. */
export function sessionRepository(db: Db, callers: CallerCache | null = null) {
  return {
    create(data: { id: string; userId: string; csrfToken: string; expiresAt: Date }) {
      return db.session.create({ data });
    },
    /** `mark`: the request's (ChangeFeed.markOf), to serve a kept session. */
    findById(id: string, mark?: number) {
      const fresh = callers && mark !== undefined ? { cache: callers, mark } : undefined;
      return lookUpCaller<SessionFields>(pgPoolOf(db), "session", id, fresh);
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
