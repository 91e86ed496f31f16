import type { IdentitySourceType } from "../../generated/prisma/client.ts";

/**
 * Why a group of this source cannot be changed through Portcullis, and where to change it instead.
 * Only built-in sources are written by admins here; the others have an owner of their own, whose
 * next push (SCIM) or fetch (IAM Identity Center) would undo the change anyway.
 */
export function groupOwnedElsewhere(
  group: string,
  source: { name: string; type: IdentitySourceType },
): string {
  const where = `The group "${group.slice(0, 200)}" belongs to the identity source "${source.name}"`;
  switch (source.type) {
    case "scim":
      return `${where}, which its identity provider keeps through SCIM: change the group in that IdP (Okta, Entra ID, …) and it pushes the change here.`;
    case "iam_identity_center":
      return `${where}, which is read from the IAM Identity Center of an organization integration: change the group in IAM Identity Center; the integration's next fetch brings the change.`;
    case "demo":
      return `${where}, the fixed demo directory: create your own group instead (it goes to a built-in source).`;
    default:
      return `${where}.`;
  }
}
