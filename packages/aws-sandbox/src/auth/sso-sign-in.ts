import type { SandboxState } from "../state/sandbox-state.ts";
import { stableId } from "../world/stable-id.ts";
import type { World, WorldRole } from "../world/types.ts";
import type { CredentialStore } from "./credential-store.ts";

export type SsoSignIn = { userName: string; accountId: string; permissionSetName: string };

export type SsoCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
};

export class SsoSignInError extends Error {}

// What the access portal does: a user assigned a permission set in an account (directly or
// through a group) gets a session of the account's AWSReservedSSO_<PermissionSet>_<id> role,
// named after the user. Permission sets' policies are not modelled: the session may call
// anything the sandbox serves.
export function ssoSignIn(
  world: World,
  state: SandboxState,
  credentials: CredentialStore,
  request: SsoSignIn,
): SsoCredentials {
  const ic = world.identityCenter;
  const ps = ic?.permissionSets.find((p) => p.name === request.permissionSetName);
  const user = state.identityStore.users.find((u) => u.userName === request.userName);
  if (ic === undefined || ps === undefined || user === undefined) {
    throw new SsoSignInError(
      `No Identity Center user ${request.userName} or permission set ${request.permissionSetName}.`,
    );
  }
  const principals = new Set([user.id, ...state.identityStore.membershipsFor(user.id).map((m) => m.groupId)]);
  const assigned = state.assignments
    .list({ accountId: request.accountId, permissionSetArn: ps.arn })
    .some((a) => principals.has(a.principalId));
  if (!assigned) {
    throw new SsoSignInError(
      `${request.userName} is not assigned ${ps.name} in account ${request.accountId}.`,
    );
  }
  const name = `AWSReservedSSO_${ps.name}_${stableId("", ps.arn, 16).toLowerCase()}`;
  const path = `/aws-reserved/sso.amazonaws.com/${ic.region}/`;
  const arn = `arn:aws:iam::${request.accountId}:role${path}${name}`;
  const role: WorldRole = {
    accountId: request.accountId,
    name,
    path,
    arn,
    id: stableId("AROA", arn, 17),
    tags: [],
    attachedPolicies: [],
    assumable: false,
    maxSessionDuration: 43200,
    denyActions: [],
    createdAt: new Date(0),
  };
  const source = {
    accessKeyId: "",
    accountId: request.accountId,
    arn,
    userId: user.id,
    sourceAccountId: request.accountId,
    sourceArn: arn,
    denyActions: [],
  };
  const session = credentials.issue(source, role, user.userName, 3600);
  return {
    accessKeyId: session.caller.accessKeyId,
    secretAccessKey: session.secretAccessKey,
    sessionToken: session.sessionToken,
    expiration: new Date(session.expiresAt),
    roleArn: arn,
  };
}
