import type {
  TCreateIdentitySource,
  TIdentitySource,
  TIdentitySourceWithToken,
  TUpdateIdentitySource,
} from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import { AppError } from "../../lib/app-error.ts";
import { randomToken, sha256 } from "../../lib/tokens.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUniqueViolation } from "../common/prisma-errors.ts";
import { isUuid } from "../common/uuid.ts";
import { toIdentitySource, toSourceType } from "./identity-source.mapper.ts";
import { identitySourceRepository } from "./identity-source.repository.ts";

/** SCIM tokens look like `pcs_<40 chars>`: told apart from personal API tokens (`pc_`) at a glance. */
export const SCIM_TOKEN_PREFIX = "pcs_";
const SHOWN_PREFIX_LENGTH = 10;

export const SOURCE_MESSAGES = {
  nameTaken: "An identity source with this name already exists.",
  noToken: "Only SCIM sources have a token; this source is not one.",
  managedByIntegration: (source: string, integration: string | null, action: "renamed" | "deleted") =>
    `"${source}" is the IAM Identity Center directory of ${integration ? `the organization integration "${integration}"` : "an organization integration"}: it is named after that integration and deleted with it, so it cannot be ${action} here. ${action === "renamed" ? "Rename the integration instead (the source follows)." : "Delete the integration to remove it, or keep it: the integration's next fetch refreshes its people and groups."}`,
} as const;

function newScimToken(): { token: string; tokenHash: string; tokenPrefix: string } {
  const token = `${SCIM_TOKEN_PREFIX}${randomToken(30)}`;
  return { token, tokenHash: sha256(token), tokenPrefix: token.slice(0, SHOWN_PREFIX_LENGTH) };
}

export function notFoundSource(id: string): AppError {
  return new AppError("NOT_FOUND", `No identity source with id "${id.slice(0, 60)}".`);
}

/** Identity sources: creation (with its one-time SCIM token), renaming, token rotation, deletion. */
export function identitySourceService(deps: { db: Db }) {
  const repository = identitySourceRepository(deps.db);

  async function findOrThrow(id: string) {
    const row = isUuid(id) ? await repository.find(id) : null;
    if (!row) throw notFoundSource(id);
    return row;
  }

  /** An IAM Identity Center source follows its organization integration: never renamed or deleted alone. */
  async function refuseIfManaged(
    row: { id: string; name: string; type: string },
    action: "renamed" | "deleted",
  ) {
    if (row.type !== "iam_identity_center") return;
    const integration = await repository.owningIntegration(row.id);
    throw new AppError(
      "IDENTITY_SOURCE_MANAGED_BY_INTEGRATION",
      SOURCE_MESSAGES.managedByIntegration(row.name, integration?.name ?? null, action),
    );
  }

  return {
    async list(scimBaseUrl: string): Promise<TIdentitySource[]> {
      return (await repository.list()).map((row) => toIdentitySource(row, scimBaseUrl));
    },

    async get(id: string, scimBaseUrl: string): Promise<TIdentitySource> {
      return toIdentitySource(await findOrThrow(id), scimBaseUrl);
    },

    /** The only time a SCIM source's token is returned; only its sha256 is kept. */
    async create(
      body: TCreateIdentitySource,
      audit: AuditContext,
      scimBaseUrl: string,
    ): Promise<TIdentitySourceWithToken> {
      const secret = body.type === "scim" ? newScimToken() : null;
      try {
        return await deps.db.$transaction(async (tx) => {
          const row = await repository.create(tx, {
            name: body.name,
            type: toSourceType(body.type),
            tokenHash: secret?.tokenHash ?? null,
            tokenPrefix: secret?.tokenPrefix ?? null,
          });
          const source = toIdentitySource(row, scimBaseUrl);
          await recordAudit(tx, {
            ...audit,
            action: "identity_source.create",
            targetType: "identity_source",
            targetId: row.id,
            after: source,
          });
          return { ...source, token: secret?.token ?? null };
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        if (isUniqueViolation(error))
          throw AppError.field("IDENTITY_SOURCE_NAME_TAKEN", "name", SOURCE_MESSAGES.nameTaken);
        throw error;
      }
    },

    async rename(
      id: string,
      body: TUpdateIdentitySource,
      audit: AuditContext,
      scimBaseUrl: string,
    ): Promise<TIdentitySource> {
      const row = await findOrThrow(id);
      await refuseIfManaged(row, "renamed");
      const before = toIdentitySource(row, scimBaseUrl);
      try {
        return await deps.db.$transaction(async (tx) => {
          const after = toIdentitySource(await repository.rename(tx, id, body.name), scimBaseUrl);
          await recordAudit(tx, {
            ...audit,
            action: "identity_source.update",
            targetType: "identity_source",
            targetId: id,
            before,
            after,
          });
          return after;
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        if (isUniqueViolation(error))
          throw AppError.field("IDENTITY_SOURCE_NAME_TAKEN", "name", SOURCE_MESSAGES.nameTaken);
        throw error;
      }
    },

    /** A new token; the old one stops working at once. */
    async rotateToken(
      id: string,
      audit: AuditContext,
      scimBaseUrl: string,
    ): Promise<TIdentitySourceWithToken> {
      const row = await findOrThrow(id);
      if (row.type !== "scim") throw new AppError("IDENTITY_SOURCE_HAS_NO_TOKEN", SOURCE_MESSAGES.noToken);
      const secret = newScimToken();
      await deps.db.$transaction(async (tx) => {
        await repository.setToken(tx, id, secret.tokenHash, secret.tokenPrefix);
        await recordAudit(tx, {
          ...audit,
          action: "identity_source.rotate_token",
          targetType: "identity_source",
          targetId: id,
        });
      }, TRANSACTION_OPTIONS);
      return { ...toIdentitySource(await findOrThrow(id), scimBaseUrl), token: secret.token };
    },

    /** Removes the source with its people and groups; its token stops working with it. */
    async delete(id: string, audit: AuditContext, scimBaseUrl: string): Promise<void> {
      const row = await findOrThrow(id);
      await refuseIfManaged(row, "deleted");
      const before = toIdentitySource(row, scimBaseUrl);
      await deps.db.$transaction(async (tx) => {
        const { count } = await repository.delete(tx, id);
        if (count === 0) throw notFoundSource(id);
        await recordAudit(tx, {
          ...audit,
          action: "identity_source.delete",
          targetType: "identity_source",
          targetId: id,
          before,
        });
      }, TRANSACTION_OPTIONS);
    },
  };
}
