import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Serves the built SPA at `/`; any non-API path falls back to index.html for client-side routing. */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, "index.html"))) {
    app.log.warn(
      `No built web app in ${distDir}; run \`pnpm --filter @portcullis/web build\`. Serving the API only.`,
    );
    return;
  }
  await app.register(fastifyStatic, { root: distDir, wildcard: false, index: "index.html" });
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith("/api/")) {
      return reply.callNotFound();
    }
    return reply.sendFile("index.html");
  });
}
