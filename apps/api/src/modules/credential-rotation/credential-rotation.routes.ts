import { ZManagedCredentialsV1 } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponses, ZIdParams } from "../common/route-schemas.ts";
import { type CredentialRotationDeps, credentialRotationService } from "./credential-rotation.service.ts";

const tags = ["Integrations"];

/**
 * The managed credentials of an integration (issue #19): key ages, last and next rotation.
 * Reset-credentials is the access sessions' route (the spine's), which calls
 * `credentialRotationService(…).resetCredentials`.
 */
export const credentialRotationRoutes =
  (deps: CredentialRotationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const service = credentialRotationService(deps);

    app.get(
      "/api/v3/integrations/:id/credentials",
      {
        config: { access: "admin" },
        schema: {
          tags,
          summary: "The integration's managed IAM users: key ages, last and next rotation",
          description:
            "Only keys Portcullis created (managed IAM users) rotate. A due key is rotated at the first moment no grant of its user is live (`rotation_deferred` until then).",
          params: ZIdParams,
          response: { 200: ZManagedCredentialsV1, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => service.credentialsOf(request.params.id),
    );
  };
