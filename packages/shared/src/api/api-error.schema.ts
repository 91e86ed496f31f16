import { z } from "zod";

/** One validation problem. `path` is dot-joined ("integration_config.region", "" for the body). */
export const ZApiIssue = z.object({ path: z.string(), message: z.string() });

/**
 * Every error response. `message` is a sentence for a person; `issues` lists validation
 * problems with the same messages the form shows, so the web can put them on its fields.
 */
export const ZApiError = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  requestId: z.string(),
  issues: z.array(ZApiIssue).optional(),
});

export type TApiIssue = z.output<typeof ZApiIssue>;
export type TApiError = z.output<typeof ZApiError>;
