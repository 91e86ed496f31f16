import type { Db } from "../../db/prisma.ts";
import { isUuid } from "../common/uuid.ts";
import { toDirectoryGroup, toDirectoryUser, toIdentityProvider } from "./directory.mapper.ts";
import { directoryRepository } from "./directory.repository.ts";

type Search = { provider_id?: string | undefined; search?: string | undefined; limit: number };

/** The one directory the owner pickers search: every identity source's live people and groups. */
export function directoryService(deps: { db: Db }) {
  const repository = directoryRepository(deps.db);
  return {
    providers: async () => (await repository.sources()).map(toIdentityProvider),
    async searchUsers({ provider_id, search, limit }: Search) {
      // A provider id that is no source id (not a uuid) names no source: nothing to list.
      if (provider_id !== undefined && !isUuid(provider_id)) return [];
      const rows = await repository.searchUsers({ sourceId: provider_id, search, take: limit });
      return rows.map(toDirectoryUser);
    },
    async searchGroups({ provider_id, search, limit }: Search) {
      if (provider_id !== undefined && !isUuid(provider_id)) return [];
      const rows = await repository.searchGroups({ sourceId: provider_id, search, take: limit });
      return rows.map(toDirectoryGroup);
    },
  };
}
