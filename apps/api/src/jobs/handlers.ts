import { activityStore, runActivityIngest } from "../audit-ingest/index.ts";
import type { AppConfig } from "../config.ts";
import type { ConnectorChecker } from "../core/connector-check.types.ts";
import type { Db } from "../db/prisma.ts";
import { preloadCommonSdk } from "../discovery/aws/sdk.ts";
import { createAwsConnectorChecker } from "../discovery/connector-check.ts";
import type { DiscoveryRuntime } from "../discovery/runtime.ts";
import { runMaintenanceTick } from "../discovery/sync/maintenance.ts";
import { runScopeJob } from "../discovery/sync/scope-runner.ts";
import { runSyncJob } from "../discovery/sync/sync-coordinator.ts";
import type { SyncDeps } from "../discovery/sync/sync-deps.ts";
import {
  type AccessGranter,
  AwsAccessGranter,
  AwsManagedKeys,
  createGrantingRuntime,
  type ManagedKeyOperations,
} from "../granting/index.ts";
import { AppError } from "../lib/app-error.ts";
import type { Logger } from "../lib/logger.ts";
import { secretBox } from "../lib/secret-box.ts";
import { accessJobs } from "../modules/access-requests/access-jobs.ts";
import { connectorService } from "../modules/connectors/connector.service.ts";
import { credentialRotationService } from "../modules/credential-rotation/credential-rotation.service.ts";
import type { Queue } from "./queue.ts";
import type { JobHandlers } from "./workers.ts";

export type JobContext = {
  db: Db;
  queue: Queue;
  logger: Logger;
  config: AppConfig;
  /** The process's AWS clients and sessions; one is made when not given. */
  discovery?: DiscoveryRuntime;
  /** The connector checker; the real AWS one when not given. */
  checker?: ConnectorChecker;
  /** Grants and revokes access in AWS (the granting layer); tests inject a fake that records calls. */
  granter?: AccessGranter;
  /** Rotates and deletes managed IAM users' keys in AWS; granting's AwsManagedKeys when not given. */
  managedKeys?: ManagedKeyOperations;
  /** The clock of credential rotation (tests move it). */
  now?: () => Date;
};

/** How often the maintenance tick queues credential rotation's pass (a singleton per interval). */
export const CREDENTIALS_ROTATE_SECONDS = 300;

/** The handlers this build provides, keyed by job name (see registry.ts). */
export function jobHandlers(context: JobContext): JobHandlers {
  const runtime = context.discovery ?? createGrantingRuntime();
  // The AWS SDK packages are loaded on first use; the common ones now, in the background.
  preloadCommonSdk();
  const deps: SyncDeps = {
    db: context.db,
    queue: context.queue,
    logger: context.logger,
    runtime,
    timing: context.queue.timing,
    syncIntervalHours: context.config.SYNC_INTERVAL_HOURS,
  };
  const checker = context.checker ?? createAwsConnectorChecker({ runtime, db: context.db });
  const connectors = connectorService({ db: context.db, checker, logger: context.logger });
  const secrets = secretBox({ secretsKey: context.config.SECRETS_KEY, dataDir: context.config.DATA_DIR });
  const rotation = credentialRotationService({
    db: context.db,
    keys: context.managedKeys ?? new AwsManagedKeys({ aws: runtime.aws, sessions: runtime.sessions }),
    secrets,
    logger: context.logger,
    ...(context.now ? { now: context.now } : {}),
  });
  const access = accessJobs({
    db: context.db,
    queue: context.queue,
    logger: context.logger,
    granter: context.granter ?? new AwsAccessGranter({ aws: runtime.aws, sessions: runtime.sessions }),
    secrets,
    // A rotation that fails here is retried by the rotation pass; the grant goes on with the old key.
    beforeManagedUserGrant: (key, entitlementId) =>
      rotation.rotateBeforeGrant(key, entitlementId).catch((error: unknown) => {
        context.logger.warn(
          { err: error, ...key },
          "rotation before a grant failed; granting with the current key",
        );
      }),
  });
  return {
    "credentials.rotate": async () => {
      const report = await rotation.runDue();
      const counts = Object.entries(report).filter(([, ids]) => ids.length > 0);
      if (counts.length > 0) {
        context.logger.info(
          Object.fromEntries(counts.map(([key, ids]) => [key, ids.length])),
          "credential rotation",
        );
      }
    },
    "integration.sync": (payload, job) => runSyncJob(deps, payload, job),
    "integration.sync-scope": (payload, job) => runScopeJob(deps, payload, job),
    "connector.check": async (payload, job) => {
      try {
        await connectors.check(payload.connectorId, { actor: null, requestId: `job:${job.id}` });
      } catch (error) {
        // Deleted since the check was queued: nothing to check.
        if (error instanceof AppError && error.code === "NOT_FOUND") return;
        throw error;
      }
    },
    "access.grant": (payload, job) => access.grant(payload, job),
    "access.revoke": (payload, job) => access.revoke(payload, job),
    "access.reconcile": async (_payload, job) => {
      const report = await access.reconcile(job);
      if (report.restored.length + report.failed.length + report.removed.length > 0)
        context.logger.info(
          { restored: report.restored.length, failed: report.failed.length, removed: report.removed.length },
          "access reconcile",
        );
    },
    "activity.ingest": async () => {
      const report = await runActivityIngest({
        store: activityStore(context.db),
        runtime,
        logger: context.logger,
        now: () => new Date(),
        deliveryDelayMs: context.config.AUDIT_DELIVERY_DELAY_MINUTES * 60_000,
        extraRegions: context.config.AUDIT_REGIONS.split(",")
          .map((r) => r.trim())
          .filter(Boolean),
      });
      if (report.stored > 0 || report.failed > 0) context.logger.info(report, "activity ingest");
    },
    "maintenance.tick": async () => {
      await context.queue
        .send(
          "credentials.rotate",
          {},
          { singletonKey: "credentials-rotate", singletonSeconds: CREDENTIALS_ROTATE_SECONDS },
        )
        .catch((error: unknown) =>
          context.logger.warn({ err: error }, "could not queue credential rotation"),
        );
      const swept = await access.sweep();
      // One reconcile pass per 5 minutes at most, whichever process's tick queues it.
      await context.queue.send("access.reconcile", {}, { singletonKey: "reconcile", singletonSeconds: 300 });
      const report = {
        ...(await runMaintenanceTick(deps)),
        accessExpired: swept.expired,
        accessRevokesRequeued: swept.stuck,
      };
      const changed = Object.entries(report).filter(([, ids]) => ids.length > 0);
      if (changed.length > 0) {
        context.logger.info(
          Object.fromEntries(changed.map(([key, ids]) => [key, ids.length])),
          "maintenance tick",
        );
      }
    },
  };
}
