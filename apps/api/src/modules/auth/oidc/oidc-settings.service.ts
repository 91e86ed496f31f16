import type { TOidcSettings, ZOidcSettingsInput } from "@portcullis/shared";
import type * as client from "openid-client";
import type { z } from "zod";
import type { Db } from "../../../db/prisma.ts";
import { AppError } from "../../../lib/app-error.ts";
import type { SecretBox } from "../../../lib/secret-box.ts";
import { type AuditContext, recordAudit } from "../../audit/audit.service.ts";
import { discoverProvider } from "./oidc-discovery.ts";
import { oidcSettingsRepository, type StoredOidcSettings } from "./oidc-settings.repository.ts";

/** How long a discovery document (and the keys it points to) is reused before being read again. */
const DISCOVERY_CACHE_MS = 10 * 60 * 1000;

export const OIDC_NOT_CONFIGURED_MESSAGE = "OIDC sign-in is not configured.";

export type OidcProvider = { settings: StoredOidcSettings; config: client.Configuration };

export function oidcSettingsService(deps: { db: Db; secrets: SecretBox }) {
  const repository = oidcSettingsRepository(deps.db);
  let cached: { key: string; at: number; config: Promise<client.Configuration> } | undefined;

  function toApi(settings: StoredOidcSettings, redirectUri: string): TOidcSettings {
    return {
      issuer: settings.issuer,
      client_id: settings.clientId,
      client_secret_set: true,
      display_name: settings.displayName,
      admin_group: settings.adminGroup,
      source_id: settings.sourceId,
      redirect_uri: redirectUri,
      updated_at: settings.updatedAt.toISOString(),
    };
  }

  return {
    async get(redirectUri: string): Promise<TOidcSettings> {
      const settings = await repository.get();
      if (!settings) throw new AppError("NOT_FOUND", OIDC_NOT_CONFIGURED_MESSAGE);
      return toApi(settings, redirectUri);
    },

    /** Checks the provider's discovery document, then saves (nothing is saved when a check fails). */
    async put(
      body: z.output<typeof ZOidcSettingsInput>,
      redirectUri: string,
      context: AuditContext,
    ): Promise<TOidcSettings> {
      const current = await repository.get();
      const clientSecret =
        body.client_secret ?? (current ? await deps.secrets.open(current.clientSecretEncrypted) : undefined);
      if (!clientSecret) {
        throw AppError.field("VALIDATION_FAILED", "client_secret", "Enter the client secret.");
      }
      if (body.source_id && !(await repository.sourceExists(body.source_id))) {
        throw AppError.field("VALIDATION_FAILED", "source_id", "There is no identity source with this id.");
      }
      await discoverProvider({ issuer: body.issuer, clientId: body.client_id, clientSecret });
      const saved = await repository.save({
        issuer: body.issuer,
        clientId: body.client_id,
        clientSecretEncrypted: await deps.secrets.seal(clientSecret),
        displayName: body.display_name,
        adminGroup: body.admin_group,
        sourceId: body.source_id,
      });
      cached = undefined;
      await recordAudit(deps.db, {
        ...context,
        action: "oidc.settings.update",
        targetType: "oidc_settings",
        targetId: "default",
        after: { issuer: saved.issuer, client_id: saved.clientId, secret_changed: !!body.client_secret },
      });
      return toApi(saved, redirectUri);
    },

    async delete(context: AuditContext): Promise<void> {
      if (!(await repository.delete())) throw new AppError("NOT_FOUND", OIDC_NOT_CONFIGURED_MESSAGE);
      cached = undefined;
      await recordAudit(deps.db, {
        ...context,
        action: "oidc.settings.delete",
        targetType: "oidc_settings",
        targetId: "default",
      });
    },

    /** The configured provider with its discovery document (cached), or null when none is set. */
    async provider(): Promise<OidcProvider | null> {
      const settings = await repository.get();
      if (!settings) return null;
      const key = settings.updatedAt.toISOString();
      if (!cached || cached.key !== key || Date.now() - cached.at > DISCOVERY_CACHE_MS) {
        const config = deps.secrets
          .open(settings.clientSecretEncrypted)
          .then((clientSecret) =>
            discoverProvider({ issuer: settings.issuer, clientId: settings.clientId, clientSecret }),
          );
        cached = { key, at: Date.now(), config };
        // A failed read is not kept: the next sign-in tries again.
        config.catch(() => {
          if (cached?.config === config) cached = undefined;
        });
      }
      return { settings, config: await cached.config };
    },

    async signInOption() {
      const settings = await repository.get();
      return { enabled: !!settings, display_name: settings?.displayName ?? null };
    },
  };
}

export type OidcSettingsService = ReturnType<typeof oidcSettingsService>;
