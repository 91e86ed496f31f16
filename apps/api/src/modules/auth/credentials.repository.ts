import type { Db } from "../../db/prisma.ts";

/** App accounts as sign-in needs them (the only place the password hash is read). */
export function credentialsRepository(db: Db) {
  return {
    findByEmail(email: string) {
      return db.appUser.findUnique({
        where: { email },
        select: { id: true, email: true, role: true, passwordHash: true },
      });
    },
  };
}
