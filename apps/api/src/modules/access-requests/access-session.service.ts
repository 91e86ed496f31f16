import type {
  TAccessSessionDetailsV1,
  TAccessSessionListV1,
  TAccessSessionV1,
  TListAccessSessionsQuery,
} from "@portcullis/shared";
import { parseStoredConfig } from "../../core/integration-config.ts";
import type { Db } from "../../db/prisma.ts";
import type { GrantTarget } from "../../granting/index.ts";
import { AppError } from "../../lib/app-error.ts";
import type { SecretBox } from "../../lib/secret-box.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUuid } from "../common/uuid.ts";
import { accessRequestRepository } from "./access-request.repository.ts";

type LiveEntitlement = Awaited<
  ReturnType<ReturnType<typeof accessRequestRepository>["liveEntitlementsOf"]>
>[number];

function sessionNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No access session with id "${id.slice(0, 60)}".`);
}

/** The SSO user portal's start URL: `https://<portal>/start`. */
export function portalStartUrl(portal: string): string {
  const trimmed = portal
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/#.*$/, "");
  return trimmed.endsWith("/start") ? trimmed : `${trimmed}/start`;
}

/** A profile name from the resource (letters, digits, dashes). */
function profileName(...parts: string[]): string {
  return parts
    .join("-")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

const IAM_KINDS = new Set(["iam-role", "iam-group", "s3-bucket", "ec2-instance", "rds-instance"]);

/** "My access": one session per live grant of the caller, and how to use it. */
export function accessSessionService(deps: { db: Db; secrets: SecretBox }) {
  const repository = accessRequestRepository(deps.db);

  async function credentialsOf(row: LiveEntitlement) {
    const target = row.target as GrantTarget | null;
    if (!target || !IAM_KINDS.has(target.kind) || !("accountId" in target) || !row.request.granteePersonId)
      return null;
    return repository.managedUser(row.integrationId, target.accountId, row.request.granteePersonId);
  }

  async function toSession(row: LiveEntitlement): Promise<TAccessSessionV1> {
    const managed = await credentialsOf(row);
    return {
      id: row.id,
      name: `${row.permissionName} on ${row.resourceName}`,
      request_ids: [row.request.id],
      integration: { id: row.integrationId, name: row.integrationName },
      credentials_status: managed ? managed.credentialsStatus : "NOT_APPLICABLE",
      can_reset_credentials: managed?.accessKeyId != null,
      portcullis: {
        resource_type: row.resourceType,
        resource_name: row.resourceName,
        permission: row.permissionName,
        account_id: row.accountId,
        expires_at: row.request.expiresAt?.toISOString() ?? null,
      },
    };
  }

  async function ownLive(userId: string, id: string) {
    const row = isUuid(id) ? await repository.entitlement(id) : null;
    if (row?.status !== "GRANTED" || row.request.requesterUserId !== userId) throw sessionNotFound(id);
    return row;
  }

  return {
    async list(userId: string, query: TListAccessSessionsQuery): Promise<TAccessSessionListV1> {
      const rows = (await repository.liveEntitlementsOf(userId)).filter(
        (row) =>
          (!query.integration_id || query.integration_id.includes(row.integrationId)) &&
          (!query.request_ids || query.request_ids.includes(row.request.id)),
      );
      return {
        items: await Promise.all(rows.slice(0, query.limit).map(toSession)),
        pagination: { next_page_token: null },
      };
    },

    async get(userId: string, id: string): Promise<TAccessSessionV1> {
      return toSession(await ownLive(userId, id));
    },

    /** How to use the access. A new access key's secret is in the first answer only (AVAILABLE → VIEWED). */
    async details(userId: string, id: string, audit: AuditContext): Promise<TAccessSessionDetailsV1> {
      const row = await ownLive(userId, id);
      const integration = await repository.integrationForDetails(row.integrationId);
      const config = parseStoredConfig(integration?.integrationConfig);
      const target = row.target as GrantTarget | null;
      const custom = integration?.customAccessDetails?.trim() || null;
      const region = config.region || "us-east-1";
      if (!target)
        return {
          instructions: "Your access is granted.",
          custom_admin_message: custom,
          parameters: null,
          cli: null,
          link: null,
        };

      if (target.kind === "sso-account-assignment" || target.kind === "identity-center-group") {
        const portal = config.sso_portal ? portalStartUrl(config.sso_portal) : null;
        const ssoRegion = config.sso_region || region;
        if (target.kind === "identity-center-group") {
          return {
            instructions: `You are a member of the IAM Identity Center group ${target.groupName} until your access ends. Sign in to the AWS access portal to use what the group is assigned.`,
            custom_admin_message: custom,
            parameters: null,
            cli: null,
            link: portal ? { url: portal, title: "AWS access portal" } : null,
          };
        }
        const profile = profileName(target.permissionSetName, target.accountId);
        const link = portal
          ? {
              url: `${portal}/#/console?account_id=${target.accountId}&role_name=${encodeURIComponent(target.permissionSetName)}`,
              title: `Sign in to ${row.resourceName} as ${target.permissionSetName}`,
            }
          : null;
        const cli = portal
          ? [
              "[sso-session portcullis]",
              `sso_start_url = ${portal}`,
              `sso_region = ${ssoRegion}`,
              "sso_registration_scopes = sso:account:access",
              "",
              `[profile ${profile}]`,
              "sso_session = portcullis",
              `sso_account_id = ${target.accountId}`,
              `sso_role_name = ${target.permissionSetName}`,
              `region = ${region}`,
              "",
              `# then: aws sso login --sso-session portcullis && aws sts get-caller-identity --profile ${profile}`,
            ].join("\n")
          : null;
        return {
          instructions: `Open the sign-in link to use the permission set ${target.permissionSetName} in account ${target.accountId}, or add the profile to ~/.aws/config and sign in with the AWS CLI.${portal ? "" : " The integration has no SSO Portal set: ask an admin to set it for a sign-in link."}`,
          custom_admin_message: custom,
          parameters: null,
          cli,
          link,
        };
      }

      // IAM targets: the person's managed IAM user in the account, with its access key.
      const managed = await credentialsOf(row);
      let secret: string | null = null;
      if (managed?.credentialsStatus === "AVAILABLE" && managed.secretEncrypted) {
        const opened = await deps.secrets.open(managed.secretEncrypted);
        if (await repository.markCredentialsViewed(managed.id)) {
          secret = opened;
          await recordAudit(deps.db, {
            ...audit,
            action: "managed_iam_user.credentials_viewed",
            targetType: "managed_iam_user",
            targetId: managed.id,
            after: { access_key_id: managed.accessKeyId },
          });
        }
      }
      const base = profileName("portcullis", target.accountId);
      const keyLines = managed?.accessKeyId
        ? [
            `[${base}]`,
            `aws_access_key_id = ${managed.accessKeyId}`,
            `aws_secret_access_key = ${secret ?? "<shown once, when this access was first opened>"}`,
          ]
        : [];
      const use: Record<string, string[]> = {
        "iam-role":
          target.kind === "iam-role"
            ? [
                "",
                "# ~/.aws/config",
                `[profile ${profileName(row.resourceName)}]`,
                `role_arn = ${target.roleArn}`,
                `source_profile = ${base}`,
                `region = ${region}`,
              ]
            : [],
        "s3-bucket":
          target.kind === "s3-bucket" ? ["", `# aws s3 ls s3://${target.bucketName} --profile ${base}`] : [],
        "ec2-instance":
          target.kind === "ec2-instance"
            ? [
                "",
                `# aws ssm start-session --target ${target.instanceArn.split("/").pop()} --region ${target.region} --profile ${base}`,
              ]
            : [],
        "rds-instance":
          target.kind === "rds-instance"
            ? [
                "",
                `# aws rds generate-db-auth-token --hostname <endpoint> --port <port> --username ${target.dbUser} --region ${target.region} --profile ${base}`,
              ]
            : [],
        "iam-group": [],
      };
      return {
        instructions: `Portcullis made the IAM user ${managed?.userName ?? "(being created)"} for you in account ${target.accountId}; its access key reaches ${row.resourceName} (${row.permissionName}) until your access ends. ${secret ? " The secret key is shown once: copy it now." : " Its secret key was shown when this access was first opened; if it is lost, reset your credentials for a new one."}`,
        custom_admin_message: custom,
        parameters:
          managed?.accessKeyId && secret
            ? { access_key_id: managed.accessKeyId, secret_access_key: secret, user_name: managed.userName }
            : managed?.accessKeyId
              ? { access_key_id: managed.accessKeyId, user_name: managed.userName }
              : null,
        cli: keyLines.length
          ? ["# ~/.aws/credentials", ...keyLines, ...(use[target.kind] ?? [])].join("\n")
          : null,
        link: null,
      };
    },
  };
}
