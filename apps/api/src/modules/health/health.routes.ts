import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { healthService } from "./health.service.ts";

const ZHealth = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["ok", "down"]),
  queue: z.enum(["ok", "down"]),
});

export const healthRoutes =
  (deps: Parameters<typeof healthService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = healthService(deps);

    app.get(
      "/api/health",
      {
        config: { public: true },
        schema: {
          tags: ["System"],
          summary: "Database and job queue health",
          response: { 200: ZHealth, 503: ZHealth },
        },
      },
      async (_request, reply) => {
        const health = await service.check();
        return reply.status(health.status === "ok" ? 200 : 503).send(health);
      },
    );
  };
