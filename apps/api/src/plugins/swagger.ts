import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { API_ERROR_CODES } from "@portcullis/shared";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

/** The error codes as a Markdown table, for the document's description (Swagger UI shows it). */
export function errorCodesMarkdown(): string {
  const rows = Object.entries(API_ERROR_CODES).map(
    ([code, { status, description }]) => `| \`${code}\` | ${status} | ${description} |`,
  );
  return [
    "## Errors",
    "Every error answer has one shape: `statusCode`, `error`, `code`, `message`, `requestId` and, for invalid input, `issues` (`path` and `message` per field). Scripts branch on `code`: it is stable, while `message` is written for people and may change.",
    "",
    "| code | status | meaning |",
    "|---|---|---|",
    ...rows,
  ].join("\n");
}

/** OpenAPI generated from the routes' zod schemas; the UI at /api/docs, the JSON at /api/docs/json. */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Portcullis API",
        description: `Integrations, connectors, catalog and resources in Apono's public API shapes, plus Portcullis' own auth, directory, portal and audit routes.\n\n${errorCodesMarkdown()}`,
        version: "0.1.0",
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token" },
          sessionCookie: { type: "apiKey", in: "cookie", name: "portcullis_session" },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
}
