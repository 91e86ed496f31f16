import type { Db } from "../../db/prisma.ts";
import type { Queue } from "../../jobs/queue.ts";
import { healthRepository } from "./health.repository.ts";

export type Health = { status: "ok" | "degraded"; database: "ok" | "down"; queue: "ok" | "down" };

/** Whether the database answers and the job queue runs. */
export function healthService(deps: { db: Db; queue: Queue }) {
  const repository = healthRepository(deps.db);
  return {
    async check(): Promise<Health> {
      const database = await repository.ping().then(
        () => "ok" as const,
        () => "down" as const,
      );
      const queue = (await deps.queue.isHealthy()) ? ("ok" as const) : ("down" as const);
      const healthy = database === "ok" && queue === "ok";
      return { status: healthy ? "ok" : "degraded", database, queue };
    },
  };
}
