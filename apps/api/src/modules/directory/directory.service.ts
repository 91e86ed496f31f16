import type { Db } from "../../db/prisma.ts";
import { toDirectoryGroup, toDirectoryUser, toIdentityProvider } from "./directory.mapper.ts";
import { directoryRepository } from "./directory.repository.ts";

type Search = { provider_id?: string | undefined; search?: string | undefined; limit: number };

/** The identity directory the owner pickers search. */
export function directoryService(deps: { db: Db }) {
  const repository = directoryRepository(deps.db);
  return {
    providers: async () => (await repository.providers()).map(toIdentityProvider),
    async searchUsers({ provider_id, search, limit }: Search) {
      const rows = await repository.searchUsers({ providerId: provider_id, search, take: limit });
      return rows.map(toDirectoryUser);
    },
    async searchGroups({ provider_id, search, limit }: Search) {
      const rows = await repository.searchGroups({ providerId: provider_id, search, take: limit });
      return rows.map(toDirectoryGroup);
    },
  };
}
