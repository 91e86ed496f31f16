import {
  ZDirectoryGroup,
  ZDirectorySearchQuery,
  ZDirectoryUser,
  ZIdentityProvider,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../common/route-schemas.ts";
import { directoryService } from "./directory.service.ts";

const TAGS = ["Identity directory"];
/** The owner pickers' query; the route says whether users or groups are listed. */
const ZSearchQuery = ZDirectorySearchQuery.omit({ attribute_type: true });

export const directoryRoutes =
  (deps: Parameters<typeof directoryService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = directoryService(deps);

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
      async () => ({ items: await service.providers() }),
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
      async (request) => ({ items: await service.searchUsers(request.query) }),
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
      async (request) => ({ items: await service.searchGroups(request.query) }),
    );
  };
