import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * Paths that belong to the API, in any case (`/api`, `/API/health`, `/api?x`, `/apix`): an unknown
 * one is the API's JSON 404, never the web page. No web app route starts with "api".
 */
const API_PATH = /^\/api/i;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

type WebFile = {
  type: string;
  etag: string;
  cacheControl: string;
  /** The file, and its brotli and gzip copies when the build wrote them. */
  bodies: { identity: Buffer; br?: Buffer; gzip?: Buffer };
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The whole build, read once at start-up (a few MB). Serving from memory keeps pages off libuv's
 * thread pool, where password hashing and other file reads queue (issue #20.2: a sign-in burst
 * made `GET /` take seconds), and costs no file system call per request.
 * Hashed assets (Vite writes every file under assets/ with its content hash in its name) never
 * change under their name: browsers keep them for a year without asking again. Everything else
 * (index.html, which names the current assets) is checked on every load (ETag), so a new version
 * is picked up at once.
 */
async function loadBuild(distDir: string): Promise<Map<string, WebFile>> {
  const paths = await filesUnder(distDir);
  const onDisk = new Set(paths);
  const files = new Map<string, WebFile>();
  for (const path of paths) {
    if (path.endsWith(".br") || path.endsWith(".gz")) continue;
    const name = relative(distDir, path);
    const identity = await readFile(path);
    const copy = async (suffix: string) =>
      onDisk.has(`${path}${suffix}`) ? await readFile(`${path}${suffix}`) : undefined;
    files.set(`/${name.split(sep).join("/")}`, {
      type: CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
      etag: `"${createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`,
      cacheControl: name.startsWith(`assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
      bodies: { identity, br: await copy(".br"), gzip: await copy(".gz") },
    });
  }
  return files;
}

/** The copy the browser accepts: brotli, then gzip, else the file as it is. */
function encodingFor(request: FastifyRequest, file: WebFile): keyof WebFile["bodies"] {
  const accepted = String(request.headers["accept-encoding"] ?? "");
  if (file.bodies.br && /\bbr\b/.test(accepted)) return "br";
  if (file.bodies.gzip && /\bgzip\b/.test(accepted)) return "gzip";
  return "identity";
}

function send(request: FastifyRequest, reply: FastifyReply, file: WebFile) {
  reply
    .header("content-type", file.type)
    .header("cache-control", file.cacheControl)
    .header("etag", file.etag)
    .header("vary", "accept-encoding");
  if (request.headers["if-none-match"] === file.etag) return reply.status(304).send();
  const encoding = encodingFor(request, file);
  if (encoding !== "identity") reply.header("content-encoding", encoding);
  return reply.send(file.bodies[encoding]);
}

function pathOf(url: string): string | null {
  const path = url.split("?")[0] ?? "/";
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

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
  const files = await loadBuild(distDir);
  const index = files.get("/index.html");
  if (!index) throw new Error(`${distDir}/index.html could not be read`);
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    const path = pathOf(request.url);
    const file = path === null ? undefined : files.get(path);
    if (file && path !== "/index.html") return send(request, reply, file);
    // An asset that is not there (a tab opened before a new version replaced the assets asks for
    // an old chunk) is a 404: index.html in its place would reach the browser as a script, fail
    // with a MIME-type error, and be cached as a page.
    if (API_PATH.test(request.url) || request.url.startsWith("/assets/")) {
      return reply.callNotFound();
    }
    return send(request, reply, index);
  });
}
