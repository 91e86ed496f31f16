import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import type { ChangeFeed } from "../db/change-feed.ts";
import { type ListCache, registerListCache } from "./list-cache.ts";

/** A feed the test drives: its generation, whether it is live, and what a round trip brings. */
function fakeFeed() {
  const feed = {
    generation: 1,
    live: true,
    connects: 1,
    losses: 0,
    /** Changes that "commit" during the next round trip (counted before it resolves). */
    pending: 0,
    bump() {
      feed.generation += 1;
    },
    async caughtUp() {
      feed.generation += feed.pending;
      feed.pending = 0;
      return feed.live;
    },
    mark: () => 0,
    markOf: () => 0,
    async stop() {},
  };
  return feed satisfies ChangeFeed;
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A Fastify app with one list route whose reads are counted; `during` runs inside each read. */
async function setUp(feed: ChangeFeed | null, during: () => void = () => {}) {
  app = Fastify();
  const cache: ListCache = registerListCache(app, feed);
  let reads = 0;
  app.get<{ Querystring: { limit?: string; who?: string } }>("/list", (request, reply) =>
    cache.send(
      reply,
      { route: "list", visibility: request.query.who ?? "admin", query: { limit: request.query.limit } },
      async () => {
        reads += 1;
        during();
        return { items: [reads] };
      },
    ),
  );
  app.post("/write", async () => ({ ok: true }));
  await app.ready();
  const get = async (url = "/list?limit=5") => (await app!.inject({ method: "GET", url })).json().items[0];
  return { cache, get, reads: () => reads };
}

describe("registerListCache", () => {
  it("reads a page once while the generation stays, and again once it moves", async () => {
    const feed = fakeFeed();
    const { get, reads, cache } = await setUp(feed);
    expect(await get()).toBe(1);
    expect(await get()).toBe(1);
    expect(reads()).toBe(1);
    feed.pending = 1; // another process's change, heard during the next request's round trip
    expect(await get()).toBe(2);
    expect(cache.stats).toEqual({ hits: 1, misses: 2, bypassed: 0 });
  });

  it("moves the generation when a write request of this process is answered", async () => {
    const feed = fakeFeed();
    const { get } = await setUp(feed);
    expect(await get()).toBe(1);
    await app!.inject({ method: "POST", url: "/write" });
    expect(await get()).toBe(2);
  });

  it("keeps nothing read while the generation moved (the read may predate the change)", async () => {
    const feed = fakeFeed();
    const { get, reads } = await setUp(feed, () => feed.bump());
    await get();
    await get();
    expect(reads()).toBe(2);
  });

  it("reads every page while the feed is not live, and keeps none", async () => {
    const feed = fakeFeed();
    feed.live = false;
    const { get, cache } = await setUp(feed);
    await get();
    await get();
    expect(cache.stats).toEqual({ hits: 0, misses: 0, bypassed: 2 });
  });

  it("never shares a page between visibilities, nor between different queries", async () => {
    const { get, reads } = await setUp(fakeFeed());
    await get("/list?limit=5&who=admin");
    await get("/list?limit=5&who=auditor");
    await get("/list?limit=6&who=admin");
    expect(reads()).toBe(3);
    await get("/list?who=admin&limit=5");
    expect(reads()).toBe(3);
  });

  it("reads every page without a feed (the cache off)", async () => {
    const { get, reads } = await setUp(null);
    await get();
    await get();
    expect(reads()).toBe(2);
  });
});
