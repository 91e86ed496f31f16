import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { IdentitySourceType, Prisma } from "../../generated/prisma/client.ts";

type Client = Db | Prisma.TransactionClient;

const WITH_COUNTS = {
  _count: { select: { people: { where: { deletedAt: null } }, groups: true } },
} as const;

/** The identity_sources table: sources, their hashed SCIM tokens and their last change. */
export function identitySourceRepository(db: Db) {
  return {
    list() {
      return db.identitySource.findMany({
        include: WITH_COUNTS,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
    },
    find(id: string) {
      return db.identitySource.findUnique({ where: { id }, include: WITH_COUNTS });
    },
    /** The organization integration an IAM Identity Center source belongs to (null for other types). */
    async owningIntegration(id: string): Promise<{ id: string; name: string } | null> {
      const row = await db.identitySource.findUnique({
        where: { id },
        select: { integration: { select: { id: true, name: true } } },
      });
      return row?.integration ?? null;
    },
    /** The oldest source of a type (where Apono-shaped group writes go, for `built_in`). */
    firstOfType(client: Client, type: IdentitySourceType) {
      return client.identitySource.findFirst({
        where: { type },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, name: true },
      });
    },
    /** Read on every SCIM request, so straight through pg (Prisma's own work per query is most of its cost). */
    async findByTokenHash(tokenHash: string): Promise<{ id: string; type: IdentitySourceType } | null> {
      const { rows } = await pgPoolOf(db).query<{ id: string; type: IdentitySourceType }>(
        "SELECT id::text AS id, type::text AS type FROM identity_sources WHERE token_hash = $1",
        [tokenHash],
      );
      return rows[0] ?? null;
    },
    create(
      tx: Client,
      data: { name: string; type: IdentitySourceType; tokenHash: string | null; tokenPrefix: string | null },
    ) {
      return tx.identitySource.create({ data, include: WITH_COUNTS });
    },
    rename(tx: Client, id: string, name: string) {
      return tx.identitySource.update({
        where: { id },
        data: { name, updatedAt: new Date() },
        include: WITH_COUNTS,
      });
    },
    setToken(tx: Client, id: string, tokenHash: string, tokenPrefix: string) {
      return tx.identitySource.update({
        where: { id },
        data: { tokenHash, tokenPrefix, updatedAt: new Date() },
      });
    },
    delete(tx: Client, id: string) {
      return tx.identitySource.deleteMany({ where: { id } });
    },
    /**
     * A change to a source's people or groups: its last-change time moves (to the second) and it
     * counts as in use. Updating the row on every write would queue every write of a source behind
     * the one transaction holding its row lock (an IdP provisions in parallel); a row whose time is
     * under a second old is left alone, unlocked, so at most one write a second waits on another.
     */
    touch(tx: Client, id: string) {
      return tx.$executeRaw`
        UPDATE identity_sources SET updated_at = now(), status = 'active'
        WHERE id = ${id}::uuid AND (status <> 'active' OR updated_at < now() - interval '1 second')`;
    },
  };
}

export type IdentitySourceRepository = ReturnType<typeof identitySourceRepository>;
