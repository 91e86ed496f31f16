import type { TAppUser, TCreateAppUser } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import { AppError } from "../../lib/app-error.ts";
import { hashPassword } from "../../lib/password.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUniqueViolation } from "../common/prisma-errors.ts";
import { isUuid } from "../common/uuid.ts";
import { toAppUser } from "./users.mapper.ts";
import { usersRepository } from "./users.repository.ts";

export const USER_MESSAGES = {
  emailTaken: "An account with this email already exists.",
  deleteSelf: "You cannot delete your own account. Ask another admin to do it.",
  lastAdmin: "This is the last admin account: create another admin before deleting it.",
} as const;

function notFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No account with id "${id.slice(0, 60)}".`);
}

export function usersService(deps: { db: Db }) {
  const repository = usersRepository(deps.db);

  return {
    async list(): Promise<TAppUser[]> {
      return (await repository.list()).map(toAppUser);
    },

    async create(body: TCreateAppUser, audit: AuditContext): Promise<TAppUser> {
      const passwordHash = await hashPassword(body.password);
      try {
        return await deps.db.$transaction(async (tx) => {
          const user = toAppUser(
            await repository.create(tx, { email: body.email, role: body.role, passwordHash }),
          );
          await recordAudit(tx, {
            ...audit,
            action: "user.create",
            targetType: "app_user",
            targetId: user.id,
            after: user,
          });
          return user;
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        if (isUniqueViolation(error)) throw AppError.field("EMAIL_TAKEN", "email", USER_MESSAGES.emailTaken);
        throw error;
      }
    },

    async delete(id: string, audit: AuditContext): Promise<void> {
      const user = isUuid(id) ? await repository.findById(id) : null;
      if (!user) throw notFound(id);
      if (audit.actor?.userId === id) throw new AppError("CANNOT_DELETE_SELF", USER_MESSAGES.deleteSelf);
      await deps.db.$transaction(async (tx) => {
        const admins = await repository.lockAdminIds(tx);
        if (user.role === "admin" && admins.length <= 1 && admins.includes(id)) {
          throw new AppError("LAST_ADMIN", USER_MESSAGES.lastAdmin);
        }
        const { count } = await repository.delete(tx, id);
        if (count === 0) throw notFound(id);
        await recordAudit(tx, {
          ...audit,
          action: "user.delete",
          targetType: "app_user",
          targetId: id,
          before: toAppUser(user),
        });
      }, TRANSACTION_OPTIONS);
    },
  };
}
