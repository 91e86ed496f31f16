// Rows an audit test needs, written straight into a test database: the access spine's grant
// path is not part of this branch, so a granted entitlement is inserted as the spine stores it.
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/prisma.ts";
import type { GrantDetail, GrantTarget } from "../../granting/types.ts";

export type AuditIntegration = { integrationId: string; connectorId: string };

export async function seedIntegration(
  db: Db,
  input: {
    name: string;
    audit: boolean;
    connectorRoleArn: string;
    externalId: string;
    managementRoleArn: string;
    region: string;
  },
): Promise<AuditIntegration> {
  const connectorId = `connector-${randomUUID().slice(0, 8)}`;
  await db.connector.create({
    data: {
      id: connectorId,
      name: `${input.name} connector`,
      roleArn: input.connectorRoleArn,
      externalId: input.externalId,
      region: input.region,
      status: "CONNECTED",
    },
  });
  const integration = await db.integration.create({
    data: {
      name: input.name,
      type: "aws-organization",
      status: "Active",
      connectorId,
      connectedResourceTypes: ["aws-organization-account"],
      integrationConfig: {
        region: input.region,
        sso_region: input.region,
        management_account_role_arn: input.managementRoleArn,
        member_account_role_name: "OrganizationAccountAccessRole",
        enable_audit: input.audit ? "true" : "false",
      },
    },
  });
  return { integrationId: integration.id, connectorId };
}

export async function seedPerson(db: Db, userName: string): Promise<string> {
  const source =
    (await db.identitySource.findFirst({ where: { name: "Audit test people" } })) ??
    (await db.identitySource.create({
      data: { name: "Audit test people", type: "built_in", status: "active" },
    }));
  const person = await db.identityPerson.create({
    data: { sourceId: source.id, userName, email: userName.toLowerCase(), displayName: userName },
  });
  return person.id;
}

export type SeededGrant = { requestId: string; entitlementId: string };

/** A GRANTED request with one entitlement, as the spine stores it after a grant. */
export async function seedGrant(
  db: Db,
  input: {
    integration: AuditIntegration;
    integrationName: string;
    personId: string;
    email: string;
    target: GrantTarget;
    detail: GrantDetail;
    grantedAt: Date;
    endedAt?: Date;
  },
): Promise<SeededGrant> {
  const accountId = "accountId" in input.target ? input.target.accountId : null;
  const ended = input.endedAt !== undefined;
  const request = await db.accessRequest.create({
    data: {
      requesterEmail: input.email,
      granteePersonId: input.personId,
      granteeEmail: input.email,
      flowSnapshot: { name: "Audit test flow" },
      status: ended ? "EXPIRED" : "GRANTED",
      justification: "audit test",
      durationSec: 3600,
      grantedAt: input.grantedAt,
      expiresAt: new Date(input.grantedAt.getTime() + 3600_000),
      revokedAt: input.endedAt ?? null,
    },
  });
  const { accessKey: _secret, ...detail } = input.detail;
  const entitlement = await db.accessRequestEntitlement.create({
    data: {
      requestId: request.id,
      integrationId: input.integration.integrationId,
      integrationName: input.integrationName,
      resourceType:
        input.target.kind === "sso-account-assignment" ? "aws-organization-account" : "aws-account-iam-role",
      resourceId: randomUUID(),
      resourceExternalId: "roleArn" in input.target ? input.target.roleArn : (accountId ?? ""),
      resourceName:
        "roleArn" in input.target ? (input.target.roleArn.split("/").pop() ?? "") : (accountId ?? ""),
      accountId,
      permissionId: input.target.kind === "sso-account-assignment" ? input.target.permissionSetArn : "assume",
      permissionName:
        input.target.kind === "sso-account-assignment" ? input.target.permissionSetName : "assume",
      status: ended ? "EXPIRED" : "GRANTED",
      target: input.target,
      awsDetail: detail,
      grantedAt: input.grantedAt,
      revokedAt: input.endedAt ?? null,
    },
  });
  if (input.detail.managedUserName && accountId) {
    await db.managedIamUser.upsert({
      where: {
        integrationId_accountId_personId: {
          integrationId: input.integration.integrationId,
          accountId,
          personId: input.personId,
        },
      },
      create: {
        integrationId: input.integration.integrationId,
        accountId,
        personId: input.personId,
        userName: input.detail.managedUserName,
        arn: input.detail.managedUserArn ?? null,
        accessKeyId: input.detail.accessKey?.accessKeyId ?? null,
        credentialsStatus: "VIEWED",
      },
      update: {},
    });
  }
  return { requestId: request.id, entitlementId: entitlement.id };
}

/** Ends a grant (revoked now), as the spine's revoke does. */
export async function endGrant(db: Db, grant: SeededGrant, at: Date): Promise<void> {
  await db.accessRequestEntitlement.update({
    where: { id: grant.entitlementId },
    data: { status: "REVOKED", revokedAt: at },
  });
  await db.accessRequest.update({
    where: { id: grant.requestId },
    data: { status: "REVOKED", revokedAt: at },
  });
}
