import {
  ZDirectoryGroup,
  ZDirectorySearchQuery,
  ZDirectoryUser,
  ZIdentityProvider,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/prisma.ts";
import { errorResponses } from "../common/route-schemas.ts";
import { toDirectoryGroup, toDirectoryUser, toIdentityProvider } from "./directory.mapper.ts";
import { directoryRepository } from "./directory.repository.ts";

const TAGS = ["Identity directory"];
/** The owner pickers' query; the route says whether users or groups are listed. */
const ZSearchQuery = ZDirectorySearchQuery.omit({ attribute_type: true });

export const directoryRoutes =
  (deps: { db: Db }): FastifyPluginAsyncZod =>
  async (app) => {
    const repository = directoryRepository(deps.db);

    app.get(
      "/api/admin/identity-providers",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Identity providers whose users and groups can own integrations",
          response: { 200: z.object({ items: z.array(ZIdentityProvider) }), ...errorResponses(401, 403) },
        },
      },
      async () => ({ items: (await repository.providers()).map(toIdentityProvider) }),
    );

    app.get(
      "/api/admin/directory/users",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Search directory users (email or name), for the owner picker",
          querystring: ZSearchQuery,
          response: { 200: z.object({ items: z.array(ZDirectoryUser) }), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { provider_id, search, limit } = request.query;
        const rows = await repository.searchUsers({ providerId: provider_id, search, take: limit });
        return { items: rows.map(toDirectoryUser) };
      },
    );

    app.get(
      "/api/admin/directory/groups",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Search directory groups (name), for the owner picker",
          querystring: ZSearchQuery,
          response: { 200: z.object({ items: z.array(ZDirectoryGroup) }), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { provider_id, search, limit } = request.query;
        const rows = await repository.searchGroups({ providerId: provider_id, search, take: limit });
        return { items: rows.map(toDirectoryGroup) };
      },
    );
  };
