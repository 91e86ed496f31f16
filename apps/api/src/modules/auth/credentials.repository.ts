import type { Db } from "../../db/prisma.ts";

/** App accounts as sign-in needs them (the only place the password hash is read). */
export function credentialsRepository(db: Db) {
  return {
    /** An account that may sign in with a password: it has one, and its directory person (if any) is live. */
    findByEmail(email: string) {
      return db.appUser.findFirst({
        where: {
          email,
          passwordHash: { not: null },
          OR: [{ personId: null }, { person: { active: true, deletedAt: null } }],
        },
        select: { id: true, email: true, role: true, passwordHash: true },
      });
    },
  };
}
