import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false"])
  .transform((value) => value === "1" || value === "true");

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  WORKER: booleanFlag.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  ADMIN_API_TOKEN: z.string().min(24, "ADMIN_API_TOKEN must be at least 24 characters").optional(),
  /** Set when Portcullis is served over https (directly or behind a proxy): session cookies become Secure. */
  COOKIE_SECURE: booleanFlag.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  /** Sign-in attempts allowed per minute for one client address and email (ten times that per address). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  SYNC_INTERVAL_HOURS: z.coerce.number().positive().default(6),
  /** CloudTrail's delivery delay: a grant's activity is read again until this long after it ended. */
  AUDIT_DELIVERY_DELAY_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** How often the audit ingest runs (a pass at most this often overall); tests and demos lower it. */
  AUDIT_INGEST_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Regions whose CloudTrail is read besides the grant's own and the integration's (comma-separated). */
  AUDIT_REGIONS: z.string().default(""),
  /** Key for the secrets Portcullis keeps encrypted (the OIDC client secret); else DATA_DIR/secrets.key. */
  SECRETS_KEY: z.string().min(32, "SECRETS_KEY must be at least 32 characters").optional(),
  /** The address people open Portcullis at (e.g. https://portcullis.example.com); the OIDC redirect URI
   * is made from it. Unset: from each request's own host. */
  PUBLIC_URL: z.string().url().optional(),
  /** Folder of the built web app; served at `/` when present. */
  WEB_DIST_DIR: z.string().optional(),
});

export type AppConfig = z.infer<typeof ZEnv>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most tools.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = ZEnv.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  // pnpm runs package scripts inside the package folder; relative paths mean where pnpm was invoked.
  const base = env.INIT_CWD ?? process.cwd();
  const data = parsed.data;
  return { ...data, DATA_DIR: isAbsolute(data.DATA_DIR) ? data.DATA_DIR : resolve(base, data.DATA_DIR) };
}
