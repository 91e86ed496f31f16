import pg from "pg";
import type { Logger } from "../lib/logger.ts";

/** The channel the tables under the admin lists notify on (migration list_change_notifications). */
export const LIST_DATA_CHANNEL = "portcullis_list_data";
/** The listening session's name in pg_stat_activity. */
export const CHANGE_FEED_APPLICATION = "portcullis list cache";

const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * A data generation for what the admin list pages read: it moves on every committed change to
 * their tables, by any process (PostgreSQL LISTEN/NOTIFY from statement-level triggers), and on
 * `bump()` (this process's own writes, at once). Whatever was read under one generation is still
 * true while the generation is the same.
 *
 * While the listening connection is down nothing can be known: `live` is false (callers bypass
 * what they keep), and the generation moves both when it is lost and when it is back, so nothing
 * read before or during the gap is taken for current.
 */
export type ChangeFeed = {
  readonly generation: number;
  readonly live: boolean;
  /** How many times the LISTEN session was established (1 after a clean start). */
  readonly connects: number;
  /** How many times it was lost. */
  readonly losses: number;
  /** This process changed the data (a write request has finished). */
  bump(): void;
  /**
   * Resolves once every change committed before `mark` was taken is counted in `generation`: a
   * round trip on the listening connection sent after the mark (PostgreSQL sends a session its
   * pending notifications before it answers a query). Concurrent callers share round trips: one in
   * flight, the next for everyone who came after it was sent; a trip already back that was sent
   * after the mark answers at once. False when the feed is not live (or the round trip failed).
   */
  caughtUp(mark?: number): Promise<boolean>;
  /** A point in time for caughtUp: now. */
  mark(): number;
  /** The mark of `owner` (a request): taken on the first call, the same after. */
  markOf(owner: object): number;
  stop(): Promise<void>;
};

export async function startChangeFeed(connectionString: string, logger: Logger): Promise<ChangeFeed> {
  let generation = 0;
  let connects = 0;
  let losses = 0;
  let client: pg.Client | null = null;
  let live = false;
  let stopped = false;
  let retryMs = RECONNECT_FIRST_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  // The round trip in flight, and the one queued behind it for callers who came after it was sent.
  let inFlight: Promise<boolean> | null = null;
  let queued: Promise<boolean> | null = null;
  // Round trips are numbered as they are sent; `back` is the highest that came back.
  let sent = 0;
  let inFlightSeq = 0;
  let back = 0;
  const marks = new WeakMap<object, number>();

  const lose = (listener: pg.Client, reason: unknown) => {
    if (client !== listener) return;
    client = null;
    live = false;
    generation += 1;
    losses += 1;
    listener.removeAllListeners("notification");
    listener.end().catch(() => {});
    if (stopped) return;
    logger.warn(
      { err: reason },
      "list cache: the LISTEN connection was lost; lists bypass the cache until it is back",
    );
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
  };

  const connect = async () => {
    const listener = new pg.Client({ connectionString, application_name: CHANGE_FEED_APPLICATION });
    // Errors before `client` is set are handled by the catch below; later ones end the feed's session.
    listener.on("error", (error) => lose(listener, error));
    listener.on("end", () => lose(listener, new Error("connection ended")));
    listener.on("notification", () => {
      generation += 1;
    });
    try {
      await listener.connect();
      await listener.query(`LISTEN ${LIST_DATA_CHANNEL}`);
    } catch (error) {
      listener.removeAllListeners();
      // Ending a failed client may still emit an error: nobody listening would make it fatal.
      listener.on("error", () => {});
      listener.end().catch(() => {});
      if (!stopped) {
        logger.warn({ err: error }, "list cache: could not LISTEN; lists bypass the cache until it can");
        scheduleReconnect();
      }
      return;
    }
    if (stopped) {
      await listener.end().catch(() => {});
      return;
    }
    client = listener;
    // Changes made while nobody listened were missed: whatever was kept before is stale.
    generation += 1;
    connects += 1;
    live = true;
    retryMs = RECONNECT_FIRST_MS;
  };

  const roundTrip = (): Promise<boolean> => {
    const listener = client;
    if (!live || !listener) return Promise.resolve(false);
    sent += 1;
    const seq = sent;
    const trip = listener.query("SELECT 1").then(
      () => {
        const ok = live && client === listener;
        if (ok && seq > back) back = seq;
        return ok;
      },
      () => false,
    );
    inFlight = trip;
    inFlightSeq = seq;
    void trip.finally(() => {
      if (inFlight === trip) inFlight = null;
    });
    return trip;
  };

  await connect();

  return {
    get generation() {
      return generation;
    },
    get live() {
      return live;
    },
    get connects() {
      return connects;
    },
    get losses() {
      return losses;
    },
    bump() {
      generation += 1;
    },
    mark() {
      return sent;
    },
    markOf(owner) {
      let mark = marks.get(owner);
      if (mark === undefined) {
        mark = sent;
        marks.set(owner, mark);
      }
      return mark;
    },
    caughtUp(mark = sent) {
      if (!live) return Promise.resolve(false);
      if (back > mark) return Promise.resolve(true);
      if (inFlight && inFlightSeq > mark) return inFlight;
      if (!inFlight) return roundTrip();
      // The round trip in flight may have been sent before this caller's changes committed.
      queued ??= inFlight.then(() => {
        queued = null;
        return roundTrip();
      });
      return queued;
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const listener = client;
      client = null;
      live = false;
      generation += 1;
      if (listener) {
        listener.removeAllListeners();
        listener.on("error", () => {});
        await listener.end().catch(() => {});
      }
    },
  };
}
