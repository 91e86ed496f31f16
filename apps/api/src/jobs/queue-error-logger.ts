/**
 * PostgreSQL stopping or restarting: admin_shutdown, crash_shutdown, cannot_connect_now. A
 * Ctrl-C in a terminal reaches the embedded server too, which stops while the app is still
 * shutting down; that is expected, not an error.
 */
export function isServerStopping(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "57P01" || code === "57P02" || code === "57P03";
}

/** Within this long of the first, more "PostgreSQL is stopping" errors are the same event. */
const SERVER_STOPPING_QUIET_MS = 10_000;

/**
 * What the queue's "error" events log. A stopping server fails every pooled connection at once;
 * the burst is one warning (the rest at debug), not one line per connection.
 */
export function queueErrorLogger(
  logger: Record<"warn" | "debug" | "error", (object: object, message: string) => void>,
  now: () => number = Date.now,
): (error: unknown) => void {
  let warnedAt = Number.NEGATIVE_INFINITY;
  return (error) => {
    if (!isServerStopping(error)) {
      logger.error({ err: error }, "job queue error");
      return;
    }
    const code = (error as { code?: string }).code;
    const message = "job queue: PostgreSQL is stopping or restarting; the queue reconnects once it is back";
    if (now() - warnedAt < SERVER_STOPPING_QUIET_MS) {
      logger.debug({ code }, message);
      return;
    }
    warnedAt = now();
    logger.warn({ code }, message);
  };
}
