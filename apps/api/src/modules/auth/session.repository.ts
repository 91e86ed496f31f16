import type { Db } from "../../db/prisma.ts";
import { unlessOwnerVanished } from "./owner-still-exists.ts";

export type SessionWithUser = NonNullable<
  Awaited<ReturnType<ReturnType<typeof sessionRepository>["findById"]>>
>;

export function sessionRepository(db: Db) {
  return {
    create(data: { id: string; userId: string; csrfToken: string; expiresAt: Date }) {
      return db.session.create({ data });
    },
    findById(id: string) {
      return db.session
        .findUnique({
          where: { id },
          include: { user: { select: { id: true, email: true, role: true } } },
          relationLoadStrategy: "join",
        })
        .then(unlessOwnerVanished);
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
