import { zodIssuesToApiIssues } from "@portcullis/shared";
import type { FastifySchemaCompiler } from "fastify";
import { type $ZodType, safeParse } from "zod/v4/core";
import { type ApiIssue, AppError } from "../lib/app-error.ts";

/** A 400 listing every issue; `part` is what was invalid ("body", "querystring", "params"). */
export function invalidRequest(part: string, issues: ApiIssue[]): AppError {
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : "";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError(
    "VALIDATION_FAILED",
    `Invalid ${part}. ${where}${first?.message ?? ""}${more}`.trim(),
    issues,
  );
}

/**
 * Request validation with the route's zod schema. Issues are reported exactly as the web's
 * forms compute them (`zodIssuesToApiIssues` from `@portcullis/shared`: same paths, same
 * words, union failures resolved to the closest branch, capped in number), so a server
 * error lands on the same field with the same message.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = safeParse(schema, data);
    if (result.success) return { value: result.data };
    return { error: invalidRequest(httpPart ?? "body", zodIssuesToApiIssues(result.error)) };
  };
