import { z } from "zod";

export const INTEGRATION_TYPES = ["aws-account", "aws-organization"] as const;

export type TIntegrationType = (typeof INTEGRATION_TYPES)[number];

export function isIntegrationType(value: unknown): value is TIntegrationType {
  return typeof value === "string" && (INTEGRATION_TYPES as readonly string[]).includes(value);
}

export const ZIntegrationType = z.enum(INTEGRATION_TYPES, {
  error: 'Choose an integration type: "aws-account" or "aws-organization".',
});
