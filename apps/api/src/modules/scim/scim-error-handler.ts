import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../../lib/app-error.ts";
import { SCIM_CONTENT_TYPE } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";

/** Every failure under /scim/v2 in RFC 7644 §3.12's shape; a 5xx keeps its details in the log. */
export function registerScimErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const scim = toScimError(error);
    if (scim.status >= 500) request.log.error({ err: error, requestId: request.id }, "SCIM request failed");
    else request.log.info({ statusCode: scim.status, detail: scim.detail }, "SCIM request rejected");
    if (scim.status === 401) reply.header("www-authenticate", 'Bearer realm="SCIM"');
    return reply.status(scim.status).type(SCIM_CONTENT_TYPE).send(scim.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new ScimError(404, `No SCIM endpoint ${request.method} ${request.url.split("?")[0]}.`);
    return reply.status(404).type(SCIM_CONTENT_TYPE).send(error.body());
  });
}

function toScimError(error: FastifyError): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof AppError) {
    return new ScimError(
      error.statusCode,
      error.message,
      error.statusCode === 400 ? "invalidValue" : undefined,
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const where = first?.instancePath.replace(/^\//, "") || error.validationContext || "request";
    return ScimError.badRequest("invalidValue", `${where}: ${first?.message ?? "invalid value"}`);
  }
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 400) return ScimError.badRequest("invalidSyntax", error.message);
  if (status < 500) return new ScimError(status, error.message);
  return new ScimError(500, "Something went wrong on our side. The request id is in the log.");
}
