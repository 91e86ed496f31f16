import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/prisma.ts";
import type { Queue } from "../../jobs/queue.ts";

const ZHealth = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["ok", "down"]),
  queue: z.enum(["ok", "down"]),
});

export const healthRoutes =
  (deps: { db: Db; queue: Queue }): FastifyPluginAsyncZod =>
  async (app) => {
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
        const database = await deps.db.$queryRaw`SELECT 1`.then(
          () => "ok" as const,
          () => "down" as const,
        );
        const queue = (await deps.queue.isHealthy()) ? ("ok" as const) : ("down" as const);
        const healthy = database === "ok" && queue === "ok";
        return reply
          .status(healthy ? 200 : 503)
          .send({ status: healthy ? "ok" : "degraded", database, queue });
      },
    );
  };
