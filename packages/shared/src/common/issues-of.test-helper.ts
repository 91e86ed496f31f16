import type { z } from "zod";
import type { TApiIssue } from "../api/api-error.schema.ts";
import { zodIssuesToApiIssues } from "../format/issues.ts";

/** Issues of a failed parse as the API returns them; [] when the input is valid. */
export function issuesOf(schema: z.ZodType, input: unknown): TApiIssue[] {
  const result = schema.safeParse(input);
  return result.success ? [] : zodIssuesToApiIssues(result.error);
}

/** Messages only. */
export function messagesOf(schema: z.ZodType, input: unknown): string[] {
  return issuesOf(schema, input).map((issue) => issue.message);
}
