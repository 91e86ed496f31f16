import type { AppConfig } from "../config.ts";
import type { Db } from "../db/prisma.ts";
import { generatePassword, hashPassword } from "../lib/password.ts";
import { sha256 } from "../lib/tokens.ts";

export const DEFAULT_ADMIN_EMAIL = "admin@portcullis.local";

export type InitialAdmin = { email: string; password: string; generated: boolean } | null;

/**
 * Creates the first admin when the database has none, from ADMIN_EMAIL / ADMIN_PASSWORD or with a
 * generated password that is returned once for printing and never stored in clear.
 * ADMIN_API_TOKEN, when set, becomes that admin's personal API token (stored hashed).
 */
export async function ensureInitialAdmin(db: Db, config: AppConfig): Promise<InitialAdmin> {
  let created: InitialAdmin = null;
  const existing = await db.appUser.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
  let admin = existing;
  if (!admin) {
    const email = (config.ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const password = config.ADMIN_PASSWORD ?? generatePassword();
    admin = await db.appUser.upsert({
      where: { email },
      update: { role: "admin" },
      create: { email, role: "admin", passwordHash: await hashPassword(password) },
    });
    created = { email, password, generated: !config.ADMIN_PASSWORD };
  }
  if (config.ADMIN_API_TOKEN) {
    const tokenHash = sha256(config.ADMIN_API_TOKEN);
    await db.apiToken.upsert({
      where: { tokenHash },
      update: {},
      create: {
        userId: admin.id,
        name: "ADMIN_API_TOKEN",
        prefix: config.ADMIN_API_TOKEN.slice(0, 7),
        tokenHash,
      },
    });
  }
  return created;
}
