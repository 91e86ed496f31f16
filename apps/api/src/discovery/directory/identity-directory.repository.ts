import {
  identityCenterSourceName,
  renameIdentityCenterSource,
} from "../../core/identity-center-source.repository.ts";
import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { StoreDirectory } from "./identity-store-reader.ts";

type Tx = Prisma.TransactionClient;

/** Long enough for a directory of tens of thousands of people (a handful of set-based statements). */
const TRANSACTION_TIMEOUT_MS = 120_000;

/** The integration's source, for this transaction alone; created on the first fetch, renamed with the integration. */
async function lockSource(tx: Tx, integration: { id: string; name: string }) {
  // Why raw SQL: a transaction-scoped advisory lock on the integration, so two attempts of the
  // scope (a retry racing a slow one) write in turn, even before the source row exists.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`identity-directory:${integration.id}`}))`;
  const row = await tx.identitySource.findUnique({
    where: { integrationId: integration.id },
    select: { id: true, name: true },
  });
  if (!row) {
    const name = await identityCenterSourceName(tx, integration, null);
    const created = await tx.identitySource.create({
      data: { name, type: "iam_identity_center", status: "active", integrationId: integration.id },
      select: { id: true },
    });
    return { id: created.id, changed: true };
  }
  return { id: row.id, changed: await renameIdentityCenterSource(tx, integration) };
}

/**
 * People: the gone soft-deleted (rows kept for history, out of every group), the known updated
 * (revived if they come back), the new inserted. Matched on external_id, the Identity Center UserId.
 */
async function syncPeople(tx: Tx, sourceId: string, people: StoreDirectory["people"]): Promise<number> {
  const ids = people.map((p) => p.externalId);
  const rows = JSON.stringify(
    people.map((p) => ({
      external_id: p.externalId,
      user_name: p.userName,
      email: p.email,
      emails: p.emails,
      display_name: p.displayName,
      given_name: p.givenName,
      family_name: p.familyName,
      active: p.active,
    })),
  );
  // Why raw SQL: set-based statements keep a directory of any size to a few round trips.
  let changed = await tx.$executeRaw`
    DELETE FROM identity_group_members m USING identity_people p
    WHERE m.person_id = p.id AND p.source_id = ${sourceId}::uuid AND p.deleted_at IS NULL
      AND (p.external_id IS NULL OR p.external_id <> ALL(${ids}::text[]))`;
  changed += await tx.$executeRaw`
    UPDATE identity_people
    SET deleted_at = now(), active = false, user_name_key = NULL, version = version + 1, updated_at = now()
    WHERE source_id = ${sourceId}::uuid AND deleted_at IS NULL
      AND (external_id IS NULL OR external_id <> ALL(${ids}::text[]))`;
  // Renamed people release their old user name first, so two people swapping names both land.
  await tx.$executeRaw`
    UPDATE identity_people p SET user_name_key = NULL
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(external_id text, user_name text)
    WHERE p.source_id = ${sourceId}::uuid AND p.external_id = x.external_id
      AND p.user_name_key IS DISTINCT FROM lower(x.user_name)`;
  changed += await tx.$executeRaw`
    UPDATE identity_people p
    SET user_name = x.user_name, user_name_key = lower(x.user_name), email = x.email, emails = x.emails,
        display_name = x.display_name, given_name = x.given_name, family_name = x.family_name,
        active = x.active, deleted_at = NULL, version = p.version + 1, updated_at = now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(external_id text, user_name text, email text, emails jsonb,
      display_name text, given_name text, family_name text, active boolean)
    WHERE p.source_id = ${sourceId}::uuid AND p.external_id = x.external_id
      AND (p.deleted_at IS NOT NULL OR p.user_name_key IS NULL
        OR (p.user_name, p.email, p.emails, p.display_name, p.given_name, p.family_name, p.active)
          IS DISTINCT FROM (x.user_name, x.email, x.emails, x.display_name, x.given_name, x.family_name, x.active))`;
  changed += await tx.$executeRaw`
    INSERT INTO identity_people (id, source_id, user_name, user_name_key, external_id, email, emails,
      display_name, given_name, family_name, active)
    SELECT gen_random_uuid(), ${sourceId}::uuid, x.user_name, lower(x.user_name), x.external_id, x.email,
      x.emails, x.display_name, x.given_name, x.family_name, x.active
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(external_id text, user_name text, email text, emails jsonb,
      display_name text, given_name text, family_name text, active boolean)
    WHERE NOT EXISTS (
      SELECT 1 FROM identity_people p WHERE p.source_id = ${sourceId}::uuid AND p.external_id = x.external_id)`;
  return changed;
}

/** Groups: the gone deleted (their memberships with them), the known renamed, the new inserted. */
async function syncGroups(tx: Tx, sourceId: string, groups: StoreDirectory["groups"]): Promise<number> {
  const ids = groups.map((g) => g.externalId);
  const rows = JSON.stringify(
    groups.map((g) => ({ external_id: g.externalId, display_name: g.displayName })),
  );
  // Why raw SQL: as for people, set-based.
  let changed = await tx.$executeRaw`
    DELETE FROM identity_groups
    WHERE source_id = ${sourceId}::uuid AND (external_id IS NULL OR external_id <> ALL(${ids}::text[]))`;
  changed += await tx.$executeRaw`
    UPDATE identity_groups g
    SET display_name = x.display_name, display_name_key = lower(x.display_name), version = g.version + 1,
        updated_at = now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(external_id text, display_name text)
    WHERE g.source_id = ${sourceId}::uuid AND g.external_id = x.external_id
      AND g.display_name IS DISTINCT FROM x.display_name`;
  changed += await tx.$executeRaw`
    INSERT INTO identity_groups (id, source_id, display_name, display_name_key, external_id)
    SELECT gen_random_uuid(), ${sourceId}::uuid, x.display_name, lower(x.display_name), x.external_id
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(external_id text, display_name text)
    WHERE NOT EXISTS (
      SELECT 1 FROM identity_groups g WHERE g.source_id = ${sourceId}::uuid AND g.external_id = x.external_id)`;
  return changed;
}

/** Memberships exactly as listed: the missing added, the others removed. */
async function syncMemberships(
  tx: Tx,
  sourceId: string,
  memberships: StoreDirectory["memberships"],
): Promise<number> {
  const rows = JSON.stringify(memberships.map((m) => ({ g: m.groupId, u: m.userId })));
  // Why raw SQL: the listing names groups and people by their AWS ids; joining resolves them in one go.
  let changed = await tx.$executeRaw`
    DELETE FROM identity_group_members m USING identity_groups g
    WHERE m.group_id = g.id AND g.source_id = ${sourceId}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(${rows}::jsonb) AS x(g text, u text)
        JOIN identity_people p ON p.source_id = ${sourceId}::uuid AND p.external_id = x.u
        WHERE x.g = g.external_id AND p.id = m.person_id)`;
  changed += await tx.$executeRaw`
    INSERT INTO identity_group_members (group_id, person_id)
    SELECT g.id, p.id
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(g text, u text)
    JOIN identity_groups g ON g.source_id = ${sourceId}::uuid AND g.external_id = x.g
    JOIN identity_people p ON p.source_id = ${sourceId}::uuid AND p.external_id = x.u AND p.deleted_at IS NULL
    ON CONFLICT DO NOTHING`;
  return changed;
}

/** The identity_sources, identity_people, identity_groups and identity_group_members rows of an IAM Identity Center source. */
export function identityDirectoryRepository(db: Db) {
  return {
    /**
     * Makes the integration's source hold exactly `directory`, in one transaction: a failure
     * leaves the previous directory as it was. Unchanged rows are not touched (versions and
     * last-change times move only on a real change), so a re-fetch is idempotent.
     */
    async replace(
      integration: { id: string; name: string },
      directory: StoreDirectory,
    ): Promise<{ sourceId: string; changed: number }> {
      return db.$transaction(
        async (tx) => {
          const source = await lockSource(tx, integration);
          const changed =
            (source.changed ? 1 : 0) +
            (await syncPeople(tx, source.id, directory.people)) +
            (await syncGroups(tx, source.id, directory.groups)) +
            (await syncMemberships(tx, source.id, directory.memberships));
          if (changed > 0) {
            await tx.identitySource.update({
              where: { id: source.id },
              data: { updatedAt: new Date(), status: "active" },
            });
          }
          return { sourceId: source.id, changed };
        },
        { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
      );
    },
  };
}
