import type { TAppUser } from "@portcullis/shared";
import type { AppUser } from "../../generated/prisma/client.ts";

/** An account as the API shows it: never the password hash. */
export function toAppUser(row: Pick<AppUser, "id" | "email" | "role" | "createdAt">): TAppUser {
  return { id: row.id, email: row.email, role: row.role, created_at: row.createdAt.toISOString() };
}
