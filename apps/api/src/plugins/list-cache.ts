import type { FastifyInstance, FastifyReply } from "fastify";
import { LRUCache } from "lru-cache";
import type { ChangeFeed } from "../db/change-feed.ts";
import { isUnsafeMethod } from "./access-control.ts";

/** Kept pages at most, and their bytes at most (a resources page is ~80–100 KB). */
const MAX_PAGES = 1_000;
const MAX_BYTES = 64 * 1024 * 1024;

export type ListCacheStats = { hits: number; misses: number; bypassed: number };

/**
 * What a page is kept under. `visibility` names everything about the caller that can change what
 * the page holds: callers who may see different things must never share a key. (The admin lists
 * show the same to every admin: "admin".) `query` is the route's parsed query, so spellings that
 * mean the same page (a default spelled out, another parameter order) share it.
 */
export type ListPageKey = { route: string; visibility: string; params?: object; query: object };

/** The body of a page as sent, and the data generation it was read under. */
type KeptPage = { generation: number; body: Buffer };

declare module "fastify" {
  interface FastifyInstance {
    /** Serialized admin list pages (see registerListCache); sends a page, kept or read now. */
    listCache: ListCache;
  }
}

export type ListCache = {
  send(reply: FastifyReply, key: ListPageKey, read: () => Promise<unknown>): Promise<FastifyReply>;
  readonly stats: ListCacheStats;
  /** The data generation it follows (null: the cache is off). */
  readonly feed: ChangeFeed | null;
};

const JSON_TYPE = "application/json; charset=utf-8";

/** Objects with their keys sorted, so one query spelled two ways is one key. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry !== null && typeof entry === "object" && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : entry,
  );
}

function keyOf(key: ListPageKey): string {
  return canonical([key.route, key.visibility, key.params ?? {}, key.query]);
}

/**
 * The response body (typed as the route's 200 schema) as JSON bytes. The route's zod serializer
 * is skipped: it re-validated every field of a page on each request; the routes' tests check the
 * body against the schema instead.
 */
function send(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type(JSON_TYPE).send(body);
}

/**
 * Admin list pages kept as the bytes sent, for as long as the data under them is unchanged: each
 * is tagged with the data generation it was read under (db/change-feed.ts) and served only while
 * the generation is the same. Before a kept page is served the feed catches up (a round trip on
 * its connection), so a change committed by any process before the request arrived is never
 * answered with an older page; this process's own writes move the generation as their responses
 * are sent. While the feed is not live, every page is read and nothing is kept.
 *
 * Without a feed (`feed: null`) pages are always read: the same responses, byte for byte.
 */
export function registerListCache(app: FastifyInstance, feed: ChangeFeed | null): ListCache {
  const pages = new LRUCache<string, KeptPage>({
    max: MAX_PAGES,
    maxSize: MAX_BYTES,
    sizeCalculation: (page) => Math.max(1, page.body.length),
  });
  const stats: ListCacheStats = { hits: 0, misses: 0, bypassed: 0 };
  const serialize = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8");

  if (feed) {
    // A write request may have changed what a list shows: before its response reaches the client
    // (who may list right away), kept pages stop counting. Failed writes too: cheaper than knowing.
    app.addHook("onSend", async (request) => {
      if (isUnsafeMethod(request.method)) feed.bump();
    });
  }

  const cache: ListCache = {
    stats,
    feed,
    async send(reply, key, read) {
      // The request's mark: taken when its caller was authenticated, if that kept anything.
      if (!feed || !(await feed.caughtUp(feed.markOf(reply.request)))) {
        stats.bypassed += 1;
        return send(reply, serialize(await read()));
      }
      const generation = feed.generation;
      const id = keyOf(key);
      const kept = pages.get(id);
      if (kept && kept.generation === generation) {
        stats.hits += 1;
        return send(reply, kept.body);
      }
      stats.misses += 1;
      const body = serialize(await read());
      // Read under `generation` only if nothing changed since it was taken (the read's snapshot
      // began after it); otherwise it may predate a change, and is sent but not kept.
      if (feed.live && feed.generation === generation) pages.set(id, { generation, body });
      return send(reply, body);
    },
  };
  app.decorate("listCache", cache);
  return cache;
}
