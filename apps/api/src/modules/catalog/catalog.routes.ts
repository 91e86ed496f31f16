import {
  INTEGRATION_TYPES,
  isIntegrationType,
  toIntegrationConfigV2,
  ZCatalogListV2,
  ZIntegrationConfigV2,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../lib/app-error.ts";
import { errorResponses } from "../common/route-schemas.ts";

const ZTypeParams = z.object({
  type: z.string().max(200, { error: "type must be at most 200 characters." }),
});

/** The integration types (`packages/shared` data) in the published IntegrationConfig shape. */
export const catalogRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get(
    "/api/v2/integrations-catalog",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["Integrations catalog"],
        summary: "List integration types and their settings",
        response: { 200: ZCatalogListV2, ...errorResponses(401) },
      },
    },
    async () => {
      const data = INTEGRATION_TYPES.map(toIntegrationConfigV2);
      return { data, pagination: { total: data.length, limit: data.length, offset: 0 } };
    },
  );

  app.get(
    "/api/v2/integrations-catalog/:type",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["Integrations catalog"],
        summary: "One integration type and its settings",
        params: ZTypeParams,
        response: { 200: ZIntegrationConfigV2, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { type } = request.params;
      if (!isIntegrationType(type)) {
        throw new AppError(
          "NOT_FOUND",
          `No integration type ${JSON.stringify(type.slice(0, 60))}. Known types: ${INTEGRATION_TYPES.join(", ")}.`,
        );
      }
      return toIntegrationConfigV2(type);
    },
  );
};
