import type { TApiErrorCode } from "@portcullis/shared";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { type ApiIssue, AppError } from "../lib/app-error.ts";

type ErrorBody = {
  statusCode: number;
  error: string;
  code: TApiErrorCode;
  message: string;
  requestId: string;
  issues?: ApiIssue[];
};

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The code of an error that is not an AppError (Fastify's own, a plugin's), by its status. */
const CODES_BY_STATUS: Record<number, TApiErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
  503: "SERVICE_UNAVAILABLE",
};

function codeOfStatus(status: number): TApiErrorCode {
  return CODES_BY_STATUS[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST");
}

/** One error shape for every failure; 5xx details stay in the log, keyed by the request id. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toErrorBody(error, request.id);
    if (body.statusCode >= 500) {
      request.log.error({ err: error, requestId: request.id }, "request failed");
    } else {
      request.log.info({ statusCode: body.statusCode, message: body.message }, "request rejected");
    }
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (headers) reply.headers(headers);
    return reply.status(body.statusCode).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      statusCode: 404,
      error: "Not Found",
      code: "NOT_FOUND",
      message: `No route ${request.method} ${request.url.split("?")[0]}. See /api/docs for the API.`,
      requestId: request.id,
    } satisfies ErrorBody);
  });
}

function toErrorBody(error: FastifyError, requestId: string): ErrorBody {
  if (error instanceof AppError) {
    return base(error.statusCode, error.code, error.message, requestId, error.issues);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? "body";
    const issues = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, "").replaceAll("/", "."),
      message: issue.message ?? "Invalid value.",
    }));
    const first = issues[0];
    const where = first?.path ? `${first.path}: ` : "";
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    return base(
      400,
      "VALIDATION_FAILED",
      `Invalid ${part}. ${where}${first?.message ?? ""}${more}`.trim(),
      requestId,
      issues,
    );
  }
  if (isResponseSerializationError(error)) {
    return base(500, "INTERNAL_ERROR", REASONS[500]!, requestId);
  }
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (status >= 500)
    return base(
      status,
      codeOfStatus(status),
      "Something went wrong on our side. The request id is in the log.",
      requestId,
    );
  // Fastify's own 4xx errors (bad JSON, body too large, wrong content type) carry useful messages.
  return base(status, codeOfStatus(status), error.message, requestId);
}

function base(
  statusCode: number,
  code: TApiErrorCode,
  message: string,
  requestId: string,
  issues?: ApiIssue[],
): ErrorBody {
  return {
    statusCode,
    error: REASONS[statusCode] ?? "Error",
    code,
    message,
    requestId,
    ...(issues?.length ? { issues } : {}),
  };
}
