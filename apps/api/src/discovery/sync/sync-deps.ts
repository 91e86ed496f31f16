import type { Db } from "../../db/prisma.ts";
import type { JobTiming } from "../../jobs/job-timing.ts";
import type { Queue } from "../../jobs/queue.ts";
import type { Logger } from "../../lib/logger.ts";
import type { DiscoveryRuntime } from "../runtime.ts";

/** What the fetch jobs need, passed in (tests swap any of it). */
export type SyncDeps = {
  db: Db;
  queue: Queue;
  logger: Logger;
  runtime: DiscoveryRuntime;
  timing: JobTiming;
  /** Hours until an integration is fetched again (SYNC_INTERVAL_HOURS). */
  syncIntervalHours: number;
};
