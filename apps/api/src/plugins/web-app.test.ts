import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWebApp } from "./web-app.ts";

// A dist folder as `vite build` writes it: hashed assets, with brotli and gzip copies beside them.
const script = `console.log(${JSON.stringify("portcullis ".repeat(200))});`;
const page =
  '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head></html>';
let root: string;
let dist: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "portcullis-web-app-"));
  // Installed under a folder that happens to be named "assets": only the dist's own assets/ is hashed.
  dist = join(root, "assets", "web");
  await mkdir(join(dist, "assets"), { recursive: true });
  const files: Record<string, string> = { "index.html": page, "assets/index-Ab12Cd34.js": script };
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dist, name), content);
    await writeFile(join(dist, `${name}.br`), brotliCompressSync(content));
    await writeFile(join(dist, `${name}.gz`), gzipSync(content));
  }
  app = Fastify();
  await registerWebApp(app, dist);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await rm(root, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: "GET", url, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

describe("the web app", () => {
  it("sends a hashed asset compressed as the browser accepts, cached for a year", async () => {
    const brotli = await get("/assets/index-Ab12Cd34.js", "gzip, deflate, br");
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["content-type"]).toMatch(/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);
    expect(brotli.rawPayload.length).toBeLessThan(script.length / 5);

    const gzip = await get("/assets/index-Ab12Cd34.js", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await get("/assets/index-Ab12Cd34.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("has index.html checked on every load, at / and for any page of the app", async () => {
    for (const url of ["/", "/connected", "/catalog/aws"]) {
      const response = await get(url, "br");
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["cache-control"], url).toBe("no-cache");
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(page);
    }
    expect((await get("/connected")).body).toBe(page);
    const etag = (await get("/")).headers.etag;
    expect(etag).toBeTruthy();
    const again = await app.inject({
      method: "GET",
      url: "/connected",
      headers: { "if-none-match": String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("leaves unknown API paths to the API's 404", async () => {
    expect((await get("/api/nothing-here")).statusCode).toBe(404);
  });

  it("leaves API-looking paths in any case to the API's JSON 404, not the web page", async () => {
    for (const url of ["/api", "/api?x=1", "/API/health", "/Api/v3/integrations", "/api-docs", "/apiary"]) {
      const response = await get(url, "br");
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"], url).toMatch(/application\/json/);
    }
  });

  it("answers 404 for an asset that is not there (an old tab's chunk after an update), not index.html", async () => {
    for (const url of ["/assets/connected-page-Old12345.js", "/assets/index-Old12345.css"]) {
      const response = await get(url, "br");
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain("<!doctype html>");
    }
  });
});
