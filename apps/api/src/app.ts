import helmet from "@fastify/helmet";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppConfig } from "./config.ts";
import type { Db } from "./db/prisma.ts";
import type { Queue } from "./jobs/queue.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { registerErrorHandler } from "./plugins/error-handler.ts";
import { registerSwagger } from "./plugins/swagger.ts";
import { registerWebApp } from "./plugins/web-app.ts";

export type AppDeps = {
  config: AppConfig;
  db: Db;
  queue: Queue;
  /** A logger to reuse (tests pass a silent one); otherwise one is made from the config. */
  logger?: Logger;
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = deps.logger ?? createLogger(deps.config.LOG_LEVEL);
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 256 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI and Mantine inject inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  await registerSwagger(app);
  await app.register(healthRoutes({ db: deps.db, queue: deps.queue }));
  if (deps.config.WEB_DIST_DIR) await registerWebApp(app, deps.config.WEB_DIST_DIR);
  return app;
}
