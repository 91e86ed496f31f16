import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import type { TApiErrorCode } from "@portcullis/shared";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { type ApiIssue, AppError } from "../lib/app-error.ts";
import { SECURITY_HEADERS, setSecurityHeaders } from "./security-headers.ts";

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
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
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

/** Fastify's errors from before routing: what went wrong with the path, in words. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: "The path is too long: each part of it may be at most 100 characters.",
  FST_ERR_BAD_URL: "The path is not a valid URL: check its percent-encoding (%xx).",
};

/**
 * Fastify's `frameworkErrors`: errors it answers before routing, so before the hooks (no
 * security headers) and the error handler. They get the one shape and the headers here.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const body = toErrorBody(error, request.id);
  const message = FRAMEWORK_MESSAGES[error.code];
  if (message && body.statusCode < 500) body.message = message;
  request.log.info({ statusCode: body.statusCode, code: error.code }, "request rejected");
  setSecurityHeaders(reply);
  reply.status(body.statusCode).send(body);
}

const CLIENT_ERRORS: Record<string, { statusCode: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, message: "The request took too long to arrive." },
  HPE_HEADER_OVERFLOW: { statusCode: 431, message: "The request headers are too large." },
};

/**
 * Fastify's `clientErrorHandler`: HTTP that cannot be parsed (no request exists yet), answered
 * on the socket in the one error shape, with the security headers and a request id to quote.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  // A reset connection has nobody left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ""] ?? {
    statusCode: 400,
    message: "The request is not valid HTTP.",
  };
  const requestId = randomUUID();
  const body = JSON.stringify(
    base(known.statusCode, codeOfStatus(known.statusCode), known.message, requestId),
  );
  this.log.debug({ err: error, requestId }, "client error");
  if (socket.writable) {
    const headers = {
      ...SECURITY_HEADERS,
      "x-request-id": requestId,
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      connection: "close",
    };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    socket.write(
      `HTTP/1.1 ${known.statusCode} ${REASONS[known.statusCode]}\r\n${lines.join("\r\n")}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
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
