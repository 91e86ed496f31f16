import type { TAppRole, TOidcSignInError } from "@portcullis/shared";
import * as client from "openid-client";
import type { Db } from "../../../db/prisma.ts";
import type { Logger } from "../../../lib/logger.ts";
import { recordAudit } from "../../audit/audit.service.ts";
import type { Principal } from "../auth.types.ts";
import type { NewSession, SessionService } from "../session.service.ts";
import { oidcAccountRepository } from "./oidc-account.repository.ts";
import type { OidcFlow } from "./oidc-flow-cookie.ts";
import type { OidcProvider, OidcSettingsService } from "./oidc-settings.service.ts";

/** A sign-in that cannot complete; `reason` is what the sign-in page explains. */
export class OidcSignInError extends Error {
  constructor(
    readonly reason: TOidcSignInError,
    detail?: string,
  ) {
    super(detail ?? reason);
  }
}

const SCOPES = "openid email profile";

export function oidcSignInService(deps: {
  db: Db;
  sessions: SessionService;
  settings: OidcSettingsService;
  logger: Logger;
}) {
  const accounts = oidcAccountRepository(deps.db);

  async function provider(): Promise<OidcProvider> {
    let found: OidcProvider | null;
    try {
      found = await deps.settings.provider();
    } catch (error) {
      deps.logger.warn({ err: error }, "OIDC provider discovery failed");
      throw new OidcSignInError("provider_unreachable");
    }
    if (!found) throw new OidcSignInError("not_configured");
    return found;
  }

  /** The app account for a verified email: linked to its directory person, made on first sign-in. */
  async function accountFor(email: string, groups: string[], { settings }: OidcProvider) {
    const people = await accounts.findPeopleByEmail(email, settings.sourceId);
    const person = people[0];
    if (!person) throw new OidcSignInError("unknown_person");
    const existing =
      (await accounts.findAccountByPerson(person.id)) ?? (await accounts.findAccountByEmail(email));
    // An account stays with the person it was first linked to: if that one is gone, so is access.
    const linked = existing?.personId ? await accounts.findPerson(existing.personId) : null;
    const target = linked ?? person;
    if (!target.active || target.deletedAt !== null) throw new OidcSignInError("deactivated");

    const mappedRole: TAppRole | undefined = settings.adminGroup
      ? groups.includes(settings.adminGroup)
        ? "admin"
        : "user"
      : undefined;
    if (!existing) {
      const created = await accounts.createAccount({
        email,
        role: mappedRole ?? "user",
        personId: target.id,
      });
      return { account: created, created: true };
    }
    const changes = {
      ...(mappedRole && mappedRole !== existing.role ? { role: mappedRole } : {}),
      ...(existing.personId ? {} : { personId: target.id }),
    };
    const account =
      Object.keys(changes).length > 0 ? await accounts.updateAccount(existing.id, changes) : existing;
    return { account, created: false };
  }

  return {
    /** Where to send the browser to sign in, and the flow to keep in its cookie. */
    async start(next: string, redirectUri: string): Promise<{ url: string; flow: OidcFlow }> {
      const { config } = await provider();
      const flow: OidcFlow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        next,
        redirectUri,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPES,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
      });
      return { url: url.href, flow };
    },

    /** Completes a sign-in from the IdP's redirect back to the callback. */
    async finish(
      query: URLSearchParams,
      flow: OidcFlow | null,
      requestId: string,
    ): Promise<{ principal: Principal; session: NewSession }> {
      if (!flow || query.get("state") !== flow.state) throw new OidcSignInError("state_mismatch");
      const found = await provider();
      const callbackUrl = new URL(flow.redirectUri);
      callbackUrl.search = query.toString();
      let claims: client.IDToken;
      try {
        const tokens = await client.authorizationCodeGrant(found.config, callbackUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new OidcSignInError("idp_error", "no ID token");
        claims = idToken;
      } catch (error) {
        throw toSignInError(error, deps.logger);
      }
      const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
      if (!email || claims.email_verified !== true) throw new OidcSignInError("email_unverified");
      const groups = Array.isArray(claims.groups)
        ? claims.groups.filter((group): group is string => typeof group === "string")
        : [];

      const { account, created } = await accountFor(email, groups, found);
      const session = await deps.sessions.create(account.id);
      await recordAudit(deps.db, {
        actor: { userId: account.id, email: account.email },
        requestId,
        action: created ? "auth.oidc_first_login" : "auth.oidc_login",
        targetType: "app_user",
        targetId: account.id,
        after: { role: account.role, person_id: account.personId },
      });
      return { principal: { userId: account.id, email: account.email, role: account.role }, session };
    },
  };
}

function toSignInError(error: unknown, logger: Logger): OidcSignInError {
  if (error instanceof OidcSignInError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    logger.info(
      { idpError: error.error, description: error.error_description },
      "OIDC sign-in refused by the IdP",
    );
    return new OidcSignInError("idp_error");
  }
  if (error instanceof client.ResponseBodyError && error.error === "invalid_grant") {
    return new OidcSignInError("code_rejected");
  }
  if (error instanceof client.ClientError && error.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED") {
    // The ID token's nonce (or issuer, audience) is not the one this sign-in expects.
    return new OidcSignInError("state_mismatch");
  }
  if (
    error instanceof TypeError ||
    (error instanceof client.ClientError && error.cause instanceof TypeError)
  ) {
    logger.warn({ err: error }, "OIDC provider unreachable");
    return new OidcSignInError("provider_unreachable");
  }
  logger.warn({ err: error }, "OIDC sign-in failed");
  return new OidcSignInError("idp_error");
}
