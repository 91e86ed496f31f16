import type { TLoginBody } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { AppError } from "../../lib/app-error.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import { randomToken } from "../../lib/tokens.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import type { Principal } from "./auth.types.ts";
import { credentialsRepository } from "./credentials.repository.ts";
import type { NewSession, SessionService } from "./session.service.ts";

export const LOGIN_FAILED_MESSAGE = "Email or password is incorrect.";

export function authService(deps: { db: Db; sessions: SessionService }) {
  const credentials = credentialsRepository(deps.db);
  // Unknown emails still pay for one hash check, so timing does not reveal which accounts exist.
  let dummyHash: Promise<string> | undefined;

  return {
    async login(
      body: TLoginBody,
      context: Omit<AuditContext, "actor">,
    ): Promise<{ principal: Principal; session: NewSession }> {
      const user = await credentials.findByEmail(body.email);
      if (!user?.passwordHash) {
        dummyHash ??= hashPassword(randomToken());
        await verifyPassword(body.password, await dummyHash);
        throw new AppError("LOGIN_FAILED", LOGIN_FAILED_MESSAGE);
      }
      if (!(await verifyPassword(body.password, user.passwordHash))) {
        throw new AppError("LOGIN_FAILED", LOGIN_FAILED_MESSAGE);
      }
      const session = await deps.sessions.create(user.id);
      const principal = { userId: user.id, email: user.email, role: user.role };
      await recordAudit(deps.db, {
        actor: { userId: user.id, email: user.email },
        requestId: context.requestId,
        action: "auth.login",
        targetType: "app_user",
        targetId: user.id,
      });
      return { principal, session };
    },
  };
}
