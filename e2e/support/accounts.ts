/** The admin the e2e app is started with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-123" };
