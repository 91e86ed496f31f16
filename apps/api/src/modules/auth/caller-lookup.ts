import type { TAppRole } from "@portcullis/shared";
import { LRUCache } from "lru-cache";
import type pg from "pg";
import type { ChangeFeed } from "../../db/change-feed.ts";

export type CallerUser = { id: string; email: string; role: TAppRole };

type Credential = "session" | "token";

// Every authenticated request starts with one of these two reads, so they go to the pg pool under
// Prisma as one joined statement each: Prisma's query engine cost more CPU than the read itself,
// and one statement reads the credential and its user in the same snapshot (an account deleted
// meanwhile takes its sessions and tokens with it: no row, a 401). An account linked to a directory
// person (OIDC sign-in) counts only while that person is active and not deleted, checked on every
// request, so deactivating someone in the IdP ends their sessions and tokens at once.
const LIVE_PERSON = "(u.person_id IS NULL OR (p.active AND p.deleted_at IS NULL))";

const LOOKUPS: Record<Credential, string> = {
  session: `
    SELECT s.id, s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt", s.created_at AS "createdAt",
           s.last_seen_at AS "lastSeenAt", u.id AS "userId", u.email, u.role
    FROM sessions s JOIN app_users u ON u.id = s.user_id
    LEFT JOIN identity_people p ON p.id = u.person_id
    WHERE s.id = $1 AND ${LIVE_PERSON}`,
  token: `
    SELECT t.id, t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt",
           u.id AS "userId", u.email, u.role
    FROM api_tokens t JOIN app_users u ON u.id = t.user_id
    LEFT JOIN identity_people p ON p.id = u.person_id
    WHERE t.token_hash = $1 AND ${LIVE_PERSON}`,
};

/**
 * Credentials read by requests, kept while the data generation is unchanged (db/change-feed.ts):
 * the sessions, api_tokens and app_users tables notify on every update and delete, and
 * identity_people on every change, so a sign-out, a revoked token, a role change or a person
 * deactivated (by this process or any other) reaches the next request. Only found credentials are
 * kept: a token created elsewhere is read on its first use.
 */
export type CallerCache = {
  feed: ChangeFeed;
  rows: LRUCache<string, { generation: number; row: object }>;
};

export function callerCache(feed: ChangeFeed): CallerCache {
  return { feed, rows: new LRUCache({ max: 10_000 }) };
}

/** A kept credential may serve the request holding `mark` (ChangeFeed.markOf). */
export type CallerFreshness = { cache: CallerCache; mark: number };

/**
 * The session (by id) or API token (by hash) with its user, or null. With `fresh`, a credential
 * read under the current data generation is served from memory once the change feed has caught
 * up with the request (shared, frozen: callers must not change it).
 */
export async function lookUpCaller<Row extends object>(
  pool: pg.Pool,
  credential: Credential,
  key: string,
  fresh?: CallerFreshness,
): Promise<(Row & { user: CallerUser }) | null> {
  if (!fresh || !(await fresh.cache.feed.caughtUp(fresh.mark))) return readCaller<Row>(pool, credential, key);
  const { feed, rows } = fresh.cache;
  const generation = feed.generation;
  const id = `${credential}:${key}`;
  const kept = rows.get(id);
  if (kept && kept.generation === generation) return kept.row as Row & { user: CallerUser };
  const row = await readCaller<Row>(pool, credential, key);
  // Read under `generation` only if nothing changed meanwhile (see plugins/list-cache.ts).
  if (row && feed.live && feed.generation === generation) {
    Object.freeze(row.user);
    rows.set(id, { generation, row: Object.freeze(row) });
  }
  return row;
}

async function readCaller<Row extends object>(
  pool: pg.Pool,
  credential: Credential,
  key: string,
): Promise<(Row & { user: CallerUser }) | null> {
  const { rows } = await pool.query<Row & { userId: string; email: string; role: TAppRole }>(
    LOOKUPS[credential],
    [key],
  );
  const row = rows[0];
  if (!row) return null;
  const { userId, email, role, ...credentialFields } = row;
  return { ...(credentialFields as unknown as Row), user: { id: userId, email, role } };
}
