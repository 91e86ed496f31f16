import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/**
 * Hashed assets (Vite writes every file under assets/ with its content hash in its name) never
 * change under their name: browsers keep them for a year without asking again. Everything else
 * (index.html, which names the current assets) is checked on every load, so a new version is
 * picked up at once.
 */
function cacheControlFor(distDir: string) {
  const hashed = `assets${sep}`;
  return (reply: FastifyReply, path: string): void => {
    reply.header(
      "cache-control",
      relative(distDir, path).startsWith(hashed) ? "public, max-age=31536000, immutable" : "no-cache",
    );
  };
}

/**
 * Paths that belong to the API, in any case (`/api`, `/API/health`, `/api?x`, `/apix`): an unknown
 * one is the API's JSON 404, never the web page. No web app route starts with "api".
 */
const API_PATH = /^\/api/i;

/**
 * Serves the built SPA at `/`; any other path outside /api… and /assets/ falls back to index.html
 * for client-side routing.
 * The build writes brotli and gzip copies of each text file (apps/web/vite.config.ts); they are
 * sent to browsers that accept them, so a page costs no compression CPU at request time.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, "index.html"))) {
    app.log.warn(
      `No built web app in ${distDir}; run \`pnpm --filter @portcullis/web build\`. Serving the API only.`,
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    // `/` is served by the fallback below: @fastify/static 10's own index route answers 404
    // when preCompressed is on and the browser accepts a compressed encoding (every browser).
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: cacheControlFor(distDir),
  });
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    // An asset that is not there (a tab opened before a new version replaced the assets asks for
    // an old chunk) is a 404: index.html in its place would reach the browser as a script, fail
    // with a MIME-type error, and be cached as a page.
    if (API_PATH.test(request.url) || request.url.startsWith("/assets/")) {
      return reply.callNotFound();
    }
    return reply.sendFile("index.html");
  });
}
