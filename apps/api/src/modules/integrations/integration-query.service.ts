import type {
  TIntegrationListV4,
  TIntegrationV4,
  TListIntegrationsQuery,
  TSyncRunList,
} from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { decodePageToken, encodePageToken, invalidPageToken, pageTokenDate } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import { directoryRepository } from "../directory/directory.repository.ts";
import { syncErrorsOf, toIntegrationV4, toSyncRun, withAuditWarnings } from "./integration.mapper.ts";
import { integrationRepository } from "./integration.repository.ts";
import { integrationNotFound } from "./integration-rules.ts";

function afterOf(pageToken: string | undefined) {
  if (pageToken === undefined) return undefined;
  const [createdAt, id] = decodePageToken(pageToken, 2) as [string, string];
  if (!isUuid(id)) throw invalidPageToken();
  return { createdAt: pageTokenDate(createdAt), id };
}

/** Reads: one integration, and the filtered, keyset-paginated list. */
export function integrationQueryService(deps: { db: Db }) {
  const repository = integrationRepository(deps.db);
  const directory = directoryRepository(deps.db);

  return {
    async get(id: string): Promise<TIntegrationV4> {
      const row = isUuid(id) ? await repository.findById(id) : null;
      if (!row) throw integrationNotFound(id);
      const [runs, providers, warnings] = await Promise.all([
        repository.latestRuns([id]),
        directory.sources(),
        repository.auditWarnings([id]),
      ]);
      return withAuditWarnings(toIntegrationV4(row, runs.get(id), providers), warnings.get(id));
    },

    /** Fetch history, newest first. */
    async syncRuns(id: string, limit: number): Promise<TSyncRunList> {
      const exists = isUuid(id) && (await repository.exists(id));
      if (!exists) throw integrationNotFound(id);
      const runs = await repository.syncRuns(id, limit);
      return {
        items: runs.map((run) => ({
          ...toSyncRun(run),
          trigger: run.trigger,
          message: run.message,
          errors: syncErrorsOf(run),
        })),
      };
    },

    /** The type of an existing integration, or null (the update route's `type` check). */
    typeOf(id: string): Promise<string | null> {
      return isUuid(id) ? repository.typeOf(id) : Promise.resolve(null);
    },

    async list(query: TListIntegrationsQuery): Promise<TIntegrationListV4> {
      const { rows, providers } = await repository.list({
        name: query.name,
        types: query.type,
        statuses: query.status,
        connectorIds: query.connector_id,
        after: afterOf(query.page_token),
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const warnings = await repository.auditWarnings(page.map((row) => row.integration.id));
      return {
        items: page.map((row) =>
          withAuditWarnings(
            toIntegrationV4(row.integration, row.latestRun, providers),
            warnings.get(row.integration.id),
          ),
        ),
        pagination: {
          next_page_token:
            rows.length > query.limit && last
              ? encodePageToken([last.integration.createdAt.toISOString(), last.integration.id])
              : null,
        },
      };
    },
  };
}
