import type { TApiToken, TCreateApiToken, TCreatedApiToken } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import { AppError } from "../../lib/app-error.ts";
import { generateApiToken, sha256 } from "../../lib/tokens.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUuid } from "../common/uuid.ts";
import { toApiToken } from "./api-token.mapper.ts";
import { apiTokenRepository } from "./api-token.repository.ts";

export const API_TOKENS_PER_USER_MAX = 100;
/** Shown in lists so a token can be recognised: "pc_" and the next 6 characters. */
const PREFIX_LENGTH = 9;
const DAY_MS = 24 * 60 * 60 * 1000;

export function apiTokenService(deps: { db: Db; now?: () => Date }) {
  const repository = apiTokenRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  return {
    async list(userId: string): Promise<TApiToken[]> {
      return (await repository.listForUser(userId)).map(toApiToken);
    },

    /** Creates a token; the only time its secret is returned. Only its sha256 is stored. */
    async create(userId: string, body: TCreateApiToken, audit: AuditContext): Promise<TCreatedApiToken> {
      const token = generateApiToken();
      const created = await deps.db.$transaction(async (tx) => {
        const count = await repository.countForUser(tx, userId);
        if (count >= API_TOKENS_PER_USER_MAX) {
          throw new AppError(
            "API_TOKEN_LIMIT_REACHED",
            `You already have ${API_TOKENS_PER_USER_MAX} API tokens. Delete ones you no longer use first.`,
          );
        }
        const row = await repository.create(tx, {
          userId,
          name: body.name,
          prefix: token.slice(0, PREFIX_LENGTH),
          tokenHash: sha256(token),
          expiresAt: body.expires_in_days ? new Date(now().getTime() + body.expires_in_days * DAY_MS) : null,
        });
        await recordAudit(tx, {
          ...audit,
          action: "api_token.create",
          targetType: "api_token",
          targetId: row.id,
          after: toApiToken(row),
        });
        return row;
      }, TRANSACTION_OPTIONS);
      return { ...toApiToken(created), token };
    },

    async delete(userId: string, id: string, audit: AuditContext): Promise<void> {
      const found = isUuid(id) ? await repository.findForUser(userId, id) : null;
      if (!found) throw new AppError("NOT_FOUND", `You have no API token with id "${id.slice(0, 60)}".`);
      await deps.db.$transaction(async (tx) => {
        await repository.deleteForUser(tx, userId, id);
        await recordAudit(tx, {
          ...audit,
          action: "api_token.delete",
          targetType: "api_token",
          targetId: id,
          before: toApiToken(found),
        });
      }, TRANSACTION_OPTIONS);
    },
  };
}
