import {
  ZCreateGroupV1,
  ZGroupV1,
  ZMemberEmail,
  ZUpdateGroupMembersV1,
  ZUpdateGroupV1,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { aponoGroupsService } from "./apono-groups.service.ts";

const TAGS = ["Identity directory"];
const ADMIN = { access: "admin" } as const;
const GROUPS = "/api/admin/v1/groups";
const ZMemberParams = ZIdParams.extend({ email: ZMemberEmail });
const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409);

/**
 * Apono's group writes, admins only. They change groups of built-in sources: a SCIM or IAM Identity
 * Center group answers 409 IDENTITY_SOURCE_READ_ONLY saying where to change it.
 */
export const aponoGroupsRoutes =
  (deps: Parameters<typeof aponoGroupsService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = aponoGroupsService(deps);
    const noContent = { 204: ZNoContent, ...WRITE_ERRORS };

    app.post(
      GROUPS,
      {
        config: ADMIN,
        schema: {
          tags: TAGS,
          summary: "Create a group (CreateGroupV1) in the built-in source, members by email",
          description:
            'The group goes to the oldest built-in identity source (one named "Built-in directory" is created when there is none). Each email must name a person of that source; those that do not are listed in `issues`.',
          body: ZCreateGroupV1,
          response: { 200: ZGroupV1, ...WRITE_ERRORS },
        },
      },
      async (request) => service.create(request.body, auditContext(request)),
    );
    app.put(
      `${GROUPS}/:id/members`,
      {
        config: ADMIN,
        schema: {
          tags: TAGS,
          summary: "Set a built-in group's members (UpdateGroupMembersV1): exactly these emails",
          params: ZIdParams,
          body: ZUpdateGroupMembersV1,
          response: noContent,
        },
      },
      async (request, reply) => {
        await service.replaceMembers(request.params.id, request.body.members_emails, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
    app.put(
      `${GROUPS}/:id/members/:email`,
      {
        config: ADMIN,
        schema: {
          tags: TAGS,
          summary: "Add a member to a built-in group by email",
          params: ZMemberParams,
          body: ZNoBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await service.addMember(request.params.id, request.params.email, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
    app.delete(
      `${GROUPS}/:id/members/:email`,
      {
        config: ADMIN,
        schema: {
          tags: TAGS,
          summary: "Remove a member from a built-in group by email",
          params: ZMemberParams,
          body: ZNoBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await service.removeMember(request.params.id, request.params.email, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
    app.put(
      `${GROUPS}/:id/name`,
      {
        config: ADMIN,
        schema: {
          tags: TAGS,
          summary: "Rename a built-in group (UpdateGroupV1)",
          params: ZIdParams,
          body: ZUpdateGroupV1,
          response: { 200: ZGroupV1, ...WRITE_ERRORS },
        },
      },
      async (request) => service.rename(request.params.id, request.body.name, auditContext(request)),
    );
    app.delete(
      `${GROUPS}/:id`,
      {
        config: ADMIN,
        schema: {
          tags: TAGS,
          summary: "Delete a built-in group",
          params: ZIdParams,
          body: ZNoBody,
          response: noContent,
        },
      },
      async (request, reply) => {
        await service.delete(request.params.id, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
  };
