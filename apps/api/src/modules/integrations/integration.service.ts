import {
  isIntegrationType,
  type TCreateIntegration,
  type TIntegrationV4,
  type TUpdateIntegration,
  ZUpdateIntegrationFor,
  zodIssuesToApiIssues,
} from "@portcullis/shared";
import { renameIdentityCenterSource } from "../../core/identity-center-source.repository.ts";
import type { WithParsedConfig } from "../../core/integration-config.ts";
import { enqueueSync, queueFetch } from "../../core/sync-run.repository.ts";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import { type Integration, Prisma } from "../../generated/prisma/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import type { Logger } from "../../lib/logger.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUniqueViolation } from "../common/prisma-errors.ts";
import { isUuid } from "../common/uuid.ts";
import { connectorRepository } from "../connectors/connector.repository.ts";
import { directoryRepository } from "../directory/directory.repository.ts";
import { toIntegrationV4 } from "./integration.mapper.ts";
import { type IntegrationColumns, integrationRepository } from "./integration.repository.ts";
import {
  integrationHasLiveGrants,
  integrationNotFound,
  invalidBody,
  nameTaken,
  referenceIssues,
  sameConfig,
} from "./integration-rules.ts";

export type IntegrationServiceDeps = { db: Db; queue: Queue; logger: Logger };

type Settings = Pick<
  TCreateIntegration,
  | "name"
  | "connector_id"
  | "integration_config"
  | "connected_resource_types"
  | "custom_access_details"
  | "owner"
  | "owners_mapping"
>;

const json = (value: object | null | undefined) =>
  value ? (value as Prisma.InputJsonObject) : Prisma.DbNull;

function columns(body: Settings): IntegrationColumns {
  return {
    name: body.name,
    connectorId: body.connector_id,
    integrationConfig: body.integration_config as Prisma.InputJsonObject,
    connectedResourceTypes: [...body.connected_resource_types],
    customAccessDetails: body.custom_access_details ?? null,
    owner: json(body.owner),
    ownersMapping: json(body.owners_mapping),
  };
}

/**
 * Two writes that race past the name check meet one of the names' unique indexes: the exact one
 * from schema.prisma, or the one ignoring case (a hand-written migration, see schema-extras.ts).
 */
function isNameViolation(error: unknown): boolean {
  return (
    isUniqueViolation(error, "integrations_name_key") ||
    isUniqueViolation(error, "integrations_name_lower_key")
  );
}

/** Create, update and delete: the writes, each in one transaction with its audit entry. */
export function integrationService(deps: IntegrationServiceDeps) {
  const repository = integrationRepository(deps.db);
  const directory = directoryRepository(deps.db);
  const connectors = connectorRepository(deps.db);

  async function present(
    row: WithParsedConfig<Integration>,
    client: Db | Prisma.TransactionClient = deps.db,
  ) {
    const runs = await repository.latestRuns([row.id], client);
    return toIntegrationV4(row, runs.get(row.id), await directory.sources(client));
  }

  async function checkReferences(body: Settings, options: { requireConnected: boolean; exceptId?: string }) {
    const issues = await referenceIssues(connectors, directory, body, options);
    if (issues.length > 0) throw invalidBody(issues);
    if (await repository.nameTaken(body.name, options.exceptId)) throw nameTaken();
  }

  return {
    /**
     * Creates the integration as Initializing and queues its first fetch, in one transaction
     * with the run, the job and the audit entry.
     */
    async create(body: TCreateIntegration, audit: AuditContext): Promise<TIntegrationV4> {
      await checkReferences(body, { requireConnected: true });
      try {
        return await deps.db.$transaction(async (tx) => {
          const created = await repository.create(tx, { ...columns(body), type: body.type });
          await enqueueSync(tx, deps.queue, { integrationId: created.id, trigger: "initial" });
          const integration = await present((await repository.findById(created.id, tx))!, tx);
          await recordAudit(tx, {
            ...audit,
            action: "integration.create",
            targetType: "integration",
            targetId: created.id,
            after: integration,
          });
          return integration;
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        if (isNameViolation(error)) throw nameTaken();
        throw error;
      }
    },

    /**
     * Replaces the settings (not the type). A change to what is discovered (connector, config,
     * resource types) queues a fetch unless one is already waiting or running.
     */
    async update(id: string, body: TUpdateIntegration, audit: AuditContext): Promise<TIntegrationV4> {
      const before = isUuid(id) ? await repository.findById(id) : null;
      if (!before) throw integrationNotFound(id);
      if (!isIntegrationType(before.type))
        throw new Error(`Integration ${id} has unknown type ${before.type}`);
      const parsed = ZUpdateIntegrationFor[before.type].safeParse(body);
      if (!parsed.success) throw invalidBody(zodIssuesToApiIssues(parsed.error));
      const settings = parsed.data;
      await checkReferences(settings, {
        requireConnected: settings.connector_id !== before.connectorId,
        exceptId: id,
      });
      const discoveryChanged =
        settings.connector_id !== before.connectorId ||
        !sameConfig(before.type, before.integrationConfig, settings.integration_config) ||
        [...settings.connected_resource_types].sort().join() !==
          [...before.connectedResourceTypes].sort().join();
      try {
        return await deps.db.$transaction(async (tx) => {
          const locked = await repository.lockById(tx, id);
          if (!locked) throw integrationNotFound(id);
          const beforeView = await present(locked, tx);
          await repository.update(tx, id, columns(settings));
          // Its IAM Identity Center source is named after it.
          if (settings.name !== before.name)
            await renameIdentityCenterSource(tx, { id, name: settings.name });
          // Unless a fetch is already waiting or running (or the integration is disabled).
          if (discoveryChanged) await queueFetch(tx, deps.queue, id, { trigger: "update" });
          const after = await present((await repository.findById(id, tx))!, tx);
          await recordAudit(tx, {
            ...audit,
            action: "integration.update",
            targetType: "integration",
            targetId: id,
            before: beforeView,
            after,
          });
          return after;
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        if (isNameViolation(error)) throw nameTaken();
        throw error;
      }
    },

    /**
     * Stops fetching the integration: no periodic or manual fetch is queued while it is
     * `Disabled`, and the portal hides it. A fetch already running finishes, but leaves the
     * status alone. Disabling a disabled integration changes nothing.
     */
    async disable(id: string, audit: AuditContext): Promise<TIntegrationV4> {
      if (!isUuid(id)) throw integrationNotFound(id);
      return deps.db.$transaction(async (tx) => {
        const locked = await repository.lockById(tx, id);
        if (!locked) throw integrationNotFound(id);
        if (locked.status === "Disabled") return present(locked, tx);
        await repository.setStatus(tx, id, "Disabled");
        const after = await present((await repository.findById(id, tx))!, tx);
        await recordAudit(tx, {
          ...audit,
          action: "integration.disable",
          targetType: "integration",
          targetId: id,
          before: { status: locked.status },
          after: { status: after.status },
        });
        return after;
      }, TRANSACTION_OPTIONS);
    },

    /**
     * Fetches a disabled integration again: it becomes `Refreshing` with a fetch queued (or the
     * one still waiting from before), and the fetch's outcome sets its status as usual.
     */
    async enable(id: string, audit: AuditContext): Promise<TIntegrationV4> {
      if (!isUuid(id)) throw integrationNotFound(id);
      return deps.db.$transaction(async (tx) => {
        const queued = await queueFetch(tx, deps.queue, id, {
          trigger: "enable",
          status: "Refreshing",
          enabling: true,
        });
        if (queued.outcome === "missing") throw integrationNotFound(id);
        if (queued.outcome === "not-disabled") return present(queued.integration, tx);
        if (queued.outcome === "active") await repository.setStatus(tx, id, "Refreshing");
        const after = await present((await repository.findById(id, tx))!, tx);
        await recordAudit(tx, {
          ...audit,
          action: "integration.enable",
          targetType: "integration",
          targetId: id,
          before: { status: queued.integration.status },
          after: { status: after.status, ...(queued.outcome === "queued" ? { run_id: queued.run.id } : {}) },
        });
        return after;
      }, TRANSACTION_OPTIONS);
    },

    /**
     * Deletes the integration with its runs and resources (cascade), then cancels the jobs of
     * its pending fetches. A job that slips through finds no run and does nothing.
     */
    async delete(id: string, audit: AuditContext): Promise<void> {
      if (!isUuid(id)) throw integrationNotFound(id);
      const jobIds = await deps.db.$transaction(async (tx) => {
        const row = await repository.lockById(tx, id);
        if (!row) throw integrationNotFound(id);
        const live = await repository.liveGrants(tx, id);
        if (live.grants > 0) throw integrationHasLiveGrants(live);
        const pending = await repository.pendingJobIds(id, tx);
        const resources = await repository.resourceCount(tx, id);
        const before = await present(row, tx);
        await repository.delete(tx, id);
        await recordAudit(tx, {
          ...audit,
          action: "integration.delete",
          targetType: "integration",
          targetId: id,
          before: { ...before, resources_removed: resources, jobs_cancelled: pending.length },
        });
        return pending;
      }, TRANSACTION_OPTIONS);
      for (const jobId of jobIds) {
        await deps.queue.cancel("integration.sync", jobId).catch((error: unknown) => {
          deps.logger.warn({ err: error, jobId, integrationId: id }, "could not cancel the fetch job");
        });
      }
    },
  };
}

export type IntegrationService = ReturnType<typeof integrationService>;
