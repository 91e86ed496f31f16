import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/prisma.ts";
import { sha256 } from "../../lib/tokens.ts";
import { identitySourceRepository } from "../identity-sources/identity-source.repository.ts";
import { ScimError } from "./scim-error.ts";

const BEARER = /^Bearer\s+(\S{1,500})\s*$/i;

export const SCIM_AUTH_MESSAGE =
  "Send the identity source's SCIM token as Authorization: Bearer <token> (shown when the source was created or its token rotated).";

/**
 * The identity source a SCIM request acts on, decided by its bearer token alone: a token opens
 * exactly one SCIM source, so one source's token can never reach another's people.
 */
export async function scimSourceOf(request: FastifyRequest, deps: { db: Db }): Promise<string> {
  const match = BEARER.exec(request.headers.authorization ?? "");
  const source = match ? await identitySourceRepository(deps.db).findByTokenHash(sha256(match[1]!)) : null;
  if (source?.type === "scim") return source.id;
  throw new ScimError(401, SCIM_AUTH_MESSAGE);
}
