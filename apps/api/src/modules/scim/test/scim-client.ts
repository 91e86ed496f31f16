import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { type Callers, call } from "../../../../test/fixtures.ts";

export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimSource = { id: string; token: string; scim_base_url: string };

/** A SCIM source made through the admin API, as an admin would. */
export async function createScimSource(
  app: FastifyInstance,
  callers: Callers,
  name: string,
): Promise<ScimSource> {
  const response = await call(app, callers.adminToken, {
    method: "POST",
    url: "/api/admin/v1/identity-sources",
    payload: { name, type: "scim" },
  });
  if (response.statusCode !== 201) throw new Error(`creating source ${name}: ${response.body}`);
  return response.json();
}

/** A SCIM client bound to one token, sending what IdPs send (application/scim+json). */
export function scimClient(app: FastifyInstance, token: string) {
  return (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/scim/v2${url}`,
      headers: {
        authorization: `Bearer ${token}`,
        ...(payload !== undefined ? { "content-type": "application/scim+json" } : {}),
        accept: "application/scim+json",
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    }) as Promise<LightMyRequestResponse>;
}

export type Scim = ReturnType<typeof scimClient>;

export function oktaUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER],
    userName,
    name: { givenName: "Test", familyName: "User" },
    emails: [{ primary: true, value: userName, type: "work" }],
    displayName: "Test User",
    locale: "en-US",
    externalId: `00u${userName.length}xyz`,
    groups: [],
    password: "1mJbtJ8p!",
    active: true,
    ...extra,
  };
}

/** Asserts an RFC 7644 §3.12 error and returns its body. */
export function scimError(response: LightMyRequestResponse) {
  const body = response.json();
  return { status: response.statusCode, contentType: response.headers["content-type"], ...body };
}
