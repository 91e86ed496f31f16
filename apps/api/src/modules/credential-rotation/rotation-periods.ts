import { CREDENTIALS_CLEANUP_DEFAULT_DAYS } from "@portcullis/shared";
import { parseStoredConfig } from "../../core/integration-config.ts";

export const DAY_MS = 86_400_000;

export type RotationPeriods = {
  /** The integration's Credential Rotation (`credentials_rotation_period_in_days`); null: not set. */
  rotationDays: number | null;
  /** `credentials_cleanup_period_in_days`, else CREDENTIALS_CLEANUP_DEFAULT_DAYS. */
  cleanupDays: number;
};

function days(value: string | undefined): number | null {
  if (!value || !/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

/** The periods an integration's stored config sets (values were validated when written). */
export function periodsOf(integration: { integrationConfig: unknown }): RotationPeriods {
  const config = parseStoredConfig(integration.integrationConfig);
  return {
    rotationDays: days(config.credentials_rotation_period_in_days),
    cleanupDays: days(config.credentials_cleanup_period_in_days) ?? CREDENTIALS_CLEANUP_DEFAULT_DAYS,
  };
}

export function nextRotationAt(keyCreatedAt: Date | null, rotationDays: number | null): Date | null {
  if (!keyCreatedAt || rotationDays === null) return null;
  return new Date(keyCreatedAt.getTime() + rotationDays * DAY_MS);
}

export function isDue(keyCreatedAt: Date | null, rotationDays: number | null, now: Date): boolean {
  const next = nextRotationAt(keyCreatedAt, rotationDays);
  return next !== null && next.getTime() <= now.getTime();
}
