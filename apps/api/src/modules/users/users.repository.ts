import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

const PUBLIC_FIELDS = { id: true, email: true, role: true, createdAt: true } as const;

export function usersRepository(db: Db) {
  return {
    list() {
      return db.appUser.findMany({ select: PUBLIC_FIELDS, orderBy: [{ email: "asc" }] });
    },
    findById(id: string) {
      return db.appUser.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    },
    create(
      tx: Prisma.TransactionClient,
      data: { email: string; role: "admin" | "user"; passwordHash: string },
    ) {
      return tx.appUser.create({ data, select: PUBLIC_FIELDS });
    },
    /** Locks every admin row, so two admins deleting each other cannot leave none. */
    // Raw SQL: Prisma has no SELECT … FOR UPDATE.
    async lockAdminIds(tx: Prisma.TransactionClient): Promise<string[]> {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id::text AS id FROM app_users WHERE role = 'admin' FOR UPDATE`;
      return rows.map((row) => row.id);
    },
    delete(tx: Prisma.TransactionClient, id: string) {
      return tx.appUser.deleteMany({ where: { id } });
    },
  };
}
