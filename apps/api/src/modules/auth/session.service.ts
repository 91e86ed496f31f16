import { randomToken, sha256 } from "../../lib/tokens.ts";
import type { SessionRepository } from "./session.repository.ts";

/** A session ends after a day without use, and a week after sign-in whatever happens. */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_INTERVAL_MS = 60 * 1000;

export type NewSession = { token: string; id: string; csrfToken: string; expiresAt: Date };

/**
 * Server-side sessions: the cookie carries a random token, the database only its sha256,
 * so a database leak does not hand out sessions.
 */
export function sessionService(repository: SessionRepository, now: () => Date = () => new Date()) {
  function expiry(createdAt: Date, at: Date): Date {
    return new Date(Math.min(createdAt.getTime() + SESSION_MAX_MS, at.getTime() + SESSION_IDLE_MS));
  }

  return {
    async create(userId: string): Promise<NewSession> {
      const at = now();
      const token = randomToken(32);
      const session = {
        id: sha256(token),
        userId,
        csrfToken: randomToken(24),
        expiresAt: expiry(at, at),
      };
      await repository.deleteExpired(userId, at);
      await repository.create(session);
      return { token, id: session.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },

    /**
     * The live session behind a cookie value, extended while it is used; null otherwise. `mark`:
     * the request's (ChangeFeed.markOf), to serve a kept session.
     */
    async resolve(token: string, mark?: number) {
      if (token.length === 0 || token.length > 256) return null;
      const session = await repository.findById(sha256(token), mark);
      const at = now();
      if (!session || session.expiresAt <= at) return null;
      if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        await repository.touch(
          session.id,
          new Date(at.getTime() - TOUCH_INTERVAL_MS),
          at,
          expiry(session.createdAt, at),
        );
      }
      return session;
    },

    async end(sessionId: string): Promise<void> {
      await repository.delete(sessionId);
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;
