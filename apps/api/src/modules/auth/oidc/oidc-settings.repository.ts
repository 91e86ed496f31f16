import type { Db } from "../../../db/prisma.ts";

const SETTINGS_ID = "default";

export type StoredOidcSettings = {
  issuer: string;
  clientId: string;
  clientSecretEncrypted: string;
  displayName: string;
  adminGroup: string | null;
  sourceId: string | null;
  updatedAt: Date;
};

/** The single row of OIDC provider settings. */
export function oidcSettingsRepository(db: Db) {
  return {
    get(): Promise<StoredOidcSettings | null> {
      return db.oidcSettings.findUnique({ where: { id: SETTINGS_ID } });
    },
    save(data: Omit<StoredOidcSettings, "updatedAt">): Promise<StoredOidcSettings> {
      return db.oidcSettings.upsert({
        where: { id: SETTINGS_ID },
        create: { id: SETTINGS_ID, ...data },
        update: data,
      });
    },
    async delete(): Promise<boolean> {
      const { count } = await db.oidcSettings.deleteMany({ where: { id: SETTINGS_ID } });
      return count > 0;
    },
    async sourceExists(id: string): Promise<boolean> {
      return (await db.identitySource.count({ where: { id } })) > 0;
    },
  };
}

export type OidcSettingsRepository = ReturnType<typeof oidcSettingsRepository>;
