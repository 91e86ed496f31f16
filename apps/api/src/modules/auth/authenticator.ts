import type { ChangeFeed } from "../../db/change-feed.ts";
import { AppError } from "../../lib/app-error.ts";
import { sha256 } from "../../lib/tokens.ts";
import type { ApiTokenRepository } from "./api-token.repository.ts";
import type { Authenticator } from "./auth.types.ts";
import type { SessionService } from "./session.service.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

const LAST_USED_INTERVAL_MS = 60 * 1000;
const TOKEN_MAX = 512;

export const INVALID_TOKEN_MESSAGE =
  "The API token is not valid: it is unknown, revoked or expired. Create a new one under your account.";

/**
 * The caller of a request: an `Authorization: Bearer` token if one is sent (it wins, and a
 * bad one is a 401 rather than a fall back to the cookie), else the session cookie.
 */
export function createAuthenticator(deps: {
  sessions: SessionService;
  tokens: ApiTokenRepository;
  now?: () => Date;
  /** With a feed, kept credentials may serve a request once it has caught up (CallerCache). */
  feed?: ChangeFeed | null;
}): Authenticator {
  const now = deps.now ?? (() => new Date());
  return async (request) => {
    const mark = deps.feed ? deps.feed.markOf(request) : undefined;
    const header = request.headers.authorization;
    if (typeof header === "string" && header.length > 0) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match || match[1]!.length > TOKEN_MAX)
        throw new AppError("INVALID_API_TOKEN", INVALID_TOKEN_MESSAGE);
      const token = await deps.tokens.findByHash(sha256(match[1]!), mark);
      const at = now();
      if (!token || (token.expiresAt && token.expiresAt <= at)) {
        throw new AppError("INVALID_API_TOKEN", INVALID_TOKEN_MESSAGE);
      }
      if (!token.lastUsedAt || at.getTime() - token.lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS) {
        await deps.tokens.markUsed(token.id, new Date(at.getTime() - LAST_USED_INTERVAL_MS), at);
      }
      const { user } = token;
      return {
        method: "token",
        tokenId: token.id,
        principal: { userId: user.id, email: user.email, role: user.role },
      };
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    const session = await deps.sessions.resolve(cookie, mark);
    if (!session) return null;
    const { user } = session;
    return {
      method: "session",
      sessionId: session.id,
      csrfToken: session.csrfToken,
      principal: { userId: user.id, email: user.email, role: user.role },
    };
  };
}
