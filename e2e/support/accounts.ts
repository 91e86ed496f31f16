/** The admin the e2e app is started with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-123" };

export type Account = { email: string; password: string };

/** A name no other test uses: letters, digits and "-" only, as integration and connector names allow. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
