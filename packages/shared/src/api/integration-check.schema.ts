import { z } from "zod";

/** Outcomes of one named check of an integration's setup, before it is created. */
export const INTEGRATION_CHECK_STATUSES = ["passed", "failed", "warning", "skipped"] as const;
export type TIntegrationCheckStatus = (typeof INTEGRATION_CHECK_STATUSES)[number];

/**
 * One check of `POST /api/admin/v4/integrations/check`: what was tried (`name`), how it went,
 * what was found (`message`), what to change (`fix`, null when nothing) and the body field to
 * change it in (`field`, e.g. "integration_config.sso_region"; null when it is not a field).
 */
export const ZIntegrationCheck = z.object({
  name: z.string(),
  status: z.enum(INTEGRATION_CHECK_STATUSES),
  message: z.string(),
  fix: z.string().nullable(),
  field: z.string().nullable(),
});

export const ZIntegrationCheckResponse = z.object({ checks: z.array(ZIntegrationCheck) });

export type TIntegrationCheck = z.output<typeof ZIntegrationCheck>;
export type TIntegrationCheckResponse = z.output<typeof ZIntegrationCheckResponse>;

/** The name check's words, the same in the API's 409 and the wizard's check on blur. */
export const INTEGRATION_NAME_TAKEN_MESSAGE =
  "An integration with this name already exists (names are compared ignoring case). Choose another name.";
