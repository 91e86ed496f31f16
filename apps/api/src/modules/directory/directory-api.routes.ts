import {
  ZAttributeListV1,
  ZDirectoryPageQuery,
  ZGroupListV1,
  ZGroupMemberListV1,
  ZGroupV1,
  ZIdentitiesQueryV2,
  ZIdentityListV2,
  ZListAttributesV1Query,
  ZListGroupsV1Query,
  ZListUsersV3Query,
  ZUserListV3,
  ZUserV3,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../common/route-schemas.ts";
import { directoryApiService } from "./directory-api.service.ts";

const TAGS = ["Identity directory"];
const ZIdParam = z.object({ id: z.string().max(100, { error: "id must be at most 100 characters." }) });

/** Apono's directory API (users, groups, members, identities, attributes), read-only, admins only. */
export const directoryApiRoutes =
  (deps: Parameters<typeof directoryApiService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = directoryApiService(deps);
    const admin = { access: "admin" } as const;

    app.get(
      "/api/admin/v3/users",
      {
        config: admin,
        schema: {
          tags: TAGS,
          summary: "List users of every identity source (UserV3)",
          querystring: ZListUsersV3Query,
          response: { 200: ZUserListV3, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.users(request.query),
    );
    app.get(
      "/api/admin/v3/users/:id",
      {
        config: admin,
        schema: {
          tags: TAGS,
          summary: "Get a user (UserV3)",
          params: ZIdParam,
          response: { 200: ZUserV3, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => service.user(request.params.id),
    );
    app.get(
      "/api/admin/v1/groups",
      {
        config: admin,
        schema: {
          tags: TAGS,
          summary: "List groups of every identity source (GroupV1)",
          querystring: ZListGroupsV1Query,
          response: { 200: ZGroupListV1, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.groups(request.query),
    );
    app.get(
      "/api/admin/v1/groups/:id",
      {
        config: admin,
        schema: {
          tags: TAGS,
          summary: "Get a group (GroupV1)",
          params: ZIdParam,
          response: { 200: ZGroupV1, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => service.group(request.params.id),
    );
    app.get(
      "/api/admin/v1/groups/:id/members",
      {
        config: admin,
        schema: {
          tags: TAGS,
          summary: "List a group's active members by email (GroupMemberV1)",
          params: ZIdParam,
          querystring: ZDirectoryPageQuery,
          response: { 200: ZGroupMemberListV1, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.members(request.params.id, request.query),
    );
    app.get(
      "/api/v2/identities",
      {
        config: admin,
        schema: {
          tags: TAGS,
          summary: "List identities: active users and groups (IdentityModel2)",
          querystring: ZIdentitiesQueryV2,
          response: { 200: ZIdentityListV2, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.identities(request.query),
    );
    app.get(
      "/api/admin/v1/attributes",
      {
        config: admin,
        schema: {
          tags: TAGS,
          summary: "List attribute values of every identity source (AttributePublicV1)",
          querystring: ZListAttributesV1Query,
          response: { 200: ZAttributeListV1, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.attributes(request.query),
    );
  };
