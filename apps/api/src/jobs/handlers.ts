import type { AppConfig } from "../config.ts";
import type { Db } from "../db/prisma.ts";
import type { Logger } from "../lib/logger.ts";
import type { Queue } from "./queue.ts";
import type { JobHandlers } from "./workers.ts";

export type JobContext = { db: Db; queue: Queue; logger: Logger; config: AppConfig };

/** The handlers this build provides, keyed by job name (see registry.ts). */
export function jobHandlers(_context: JobContext): JobHandlers {
  return {};
}
