import { parseOrganizationUnitIds, type TIntegrationCheck } from "@portcullis/shared";
import type { ConnectorCheckTarget } from "../core/connector-check.types.ts";
import type { IntegrationChecker, IntegrationCheckTarget } from "../core/integration-check.types.ts";
import type { AwsIdentity } from "./aws/aws-clients.ts";
import { awsErrorCode } from "./aws/aws-errors.ts";
import { getCallerIdentity } from "./aws/role-sessions.ts";
import { sdk } from "./aws/sdk.ts";
import { ssmWarning } from "./connector-check.ts";
import { identityCenterInstance } from "./discoverers/identity-center.ts";
import { RESOURCE_TYPE_READERS } from "./discoverers/resource-types.ts";
import type { DiscoverContext } from "./discoverers/types.ts";
import { connectorIdentity, managementIdentity, memberIdentity } from "./identities.ts";
import type { DiscoveryRuntime } from "./runtime.ts";
import { describeFailure } from "./sync/discovery-error.ts";
import { isMemberAccountType } from "./sync/scope-plan.ts";

const EC2_TYPE = "aws-account-ec2-instance";
const CONFIG = "integration_config";

type Check = TIntegrationCheck;

function check(
  name: string,
  status: Check["status"],
  message: string,
  options: { fix?: string | null; field?: string | null } = {},
): Check {
  return { name, status, message, fix: options.fix ?? null, field: options.field ?? null };
}

/** The failure's message and fix, as every discovery error words them. */
function failedCheck(
  name: string,
  field: string | null,
  error: unknown,
  doing: string,
  caller?: string | null,
) {
  const failure = describeFailure(error, { doing, caller });
  return check(name, "failed", failure.message, { fix: failure.fix, field });
}

/** The Identity Store id in an SSO start URL (https://d-xxxxxxxxxx.awsapps.com/start), when it names one. */
export function identityStoreOfPortal(url: string): string | null {
  try {
    return /^(d-[0-9a-z]{10})\.awsapps\.com$/i.exec(new URL(url).hostname)?.[1]?.toLowerCase() ?? null;
  } catch {
    return null;
  }
}

/** Lists the first page of a type, as its fetch would: proof the identity may read it. */
async function firstPage(
  runtime: DiscoveryRuntime,
  context: Omit<DiscoverContext, "aws" | "pageSizes" | "detailConcurrency" | "signal">,
) {
  const reader = RESOURCE_TYPE_READERS[context.type];
  if (!reader) return null;
  const controller = new AbortController();
  const pages = reader.discover({
    ...context,
    aws: runtime.aws,
    pageSizes: runtime.config.pageSizes,
    detailConcurrency: runtime.config.detailConcurrency,
    signal: controller.signal,
  });
  for await (const page of pages) {
    controller.abort();
    return page.length;
  }
  return 0;
}

async function typeChecks(
  runtime: DiscoveryRuntime,
  types: string[],
  identity: AwsIdentity,
  where: { accountId: string; region: string; caller: string | null },
): Promise<Check[]> {
  return Promise.all(
    types.map(async (type) => {
      const name = `List ${type}`;
      const reader = RESOURCE_TYPE_READERS[type];
      if (!reader) return check(name, "skipped", `${type} is read by the organization walk.`);
      try {
        const count = await firstPage(runtime, {
          identity,
          accountId: where.accountId,
          region: where.region,
          type,
        });
        return check(
          name,
          "passed",
          `Listed ${type} in ${where.accountId} (${where.region}): ${count ?? 0} on the first page.`,
        );
      } catch (error) {
        const failure = describeFailure(error, {
          doing: reader.doing,
          accountId: where.accountId,
          region: where.region,
          caller: where.caller,
          actions: reader.actions,
        });
        return check(name, "failed", failure.message, {
          fix: failure.fix,
          field: "connected_resource_types",
        });
      }
    }),
  );
}

async function connectorCheck(
  runtime: DiscoveryRuntime,
  connector: ConnectorCheckTarget,
): Promise<{ check: Check; identity?: AwsIdentity; accountId?: string; callerArn?: string }> {
  const name = "Connector reachable";
  try {
    const identity = await connectorIdentity(runtime, connector);
    const caller = await getCallerIdentity(runtime.aws, identity, connector.region);
    const how = connector.roleArn
      ? `through its role ${connector.roleArn}`
      : `with the Portcullis server's own credentials (${caller.arn}); it has no role ARN`;
    return {
      check: check(
        name,
        "passed",
        `Connector "${connector.name}" reaches AWS account ${caller.accountId} ${how}.`,
      ),
      identity,
      accountId: caller.accountId,
      callerArn: caller.arn,
    };
  } catch (error) {
    return {
      check: failedCheck(name, "connector_id", error, `reaching AWS with connector "${connector.name}"`),
    };
  }
}

async function ec2Check(
  runtime: DiscoveryRuntime,
  target: IntegrationCheckTarget,
  identity: AwsIdentity,
  callerArn: string,
) {
  const name = "SSM policy on the connector role";
  if (!target.resourceTypes.includes(EC2_TYPE)) return [];
  const warning = await ssmWarning(runtime, identity, target.connector.region, callerArn);
  return [
    warning
      ? check(name, "warning", warning, {
          fix: "Attach AmazonSSMManagedInstanceCore to the connector's role.",
          field: "connector_id",
        })
      : check(
          name,
          "passed",
          "The connector's role has AmazonSSMManagedInstanceCore attached, which EC2 access needs.",
        ),
  ];
}

async function accountChecks(runtime: DiscoveryRuntime, target: IntegrationCheckTarget): Promise<Check[]> {
  const reach = await connectorCheck(runtime, target.connector);
  if (!reach.identity || !reach.accountId || !reach.callerArn) {
    return [
      reach.check,
      ...target.resourceTypes.map((type) =>
        check(`List ${type}`, "skipped", "Skipped: the connector does not reach AWS."),
      ),
    ];
  }
  const region = target.config.region ?? target.connector.region;
  return [
    reach.check,
    ...(await typeChecks(runtime, target.resourceTypes, reach.identity, {
      accountId: reach.accountId,
      region,
      caller: reach.callerArn,
    })),
    ...(await ec2Check(runtime, target, reach.identity, reach.callerArn)),
  ];
}

async function excludedOuChecks(
  runtime: DiscoveryRuntime,
  identity: AwsIdentity,
  region: string,
  ous: string[],
) {
  const field = `${CONFIG}.excluded_organization_unit_ids`;
  const client = await runtime.aws.get("organizations", identity, region);
  const { DescribeOrganizationalUnitCommand } = await sdk.organizations();
  return Promise.all(
    ous.map(async (ou) => {
      const name = `Excluded OU ${ou} exists`;
      try {
        const found = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou }));
        return check(
          name,
          "passed",
          `${ou} is the OU "${found.OrganizationalUnit?.Name ?? ou}": its accounts are not synced.`,
        );
      } catch (error) {
        if (awsErrorCode(error) === "OrganizationalUnitNotFoundException") {
          return check(
            name,
            "failed",
            `The organization has no OU ${ou}: nothing would be excluded by it, and the accounts meant to be excluded would be synced.`,
            {
              fix: `Correct the OU ID (Organizations console → AWS accounts shows each OU's ID), or remove it.`,
              field,
            },
          );
        }
        return failedCheck(name, field, error, `describing the OU ${ou}`, identity.roleArn);
      }
    }),
  );
}

async function identityCenterChecks(
  runtime: DiscoveryRuntime,
  identity: AwsIdentity,
  accountId: string,
  config: Record<string, string>,
) {
  const ssoRegion = config.sso_region ?? "";
  const portal = config.sso_portal ?? "";
  const regionName = "Identity Center in the SSO Region";
  const portalName = "SSO Portal belongs to Identity Center";
  let storeId: string;
  try {
    const instance = await identityCenterInstance({
      aws: runtime.aws,
      identity,
      accountId,
      region: ssoRegion,
      type: "aws-organization-permission-set",
      pageSizes: runtime.config.pageSizes,
      detailConcurrency: 1,
      signal: new AbortController().signal,
    });
    storeId = instance.identityStoreId;
  } catch (error) {
    return [
      failedCheck(
        regionName,
        `${CONFIG}.sso_region`,
        error,
        `finding IAM Identity Center in ${ssoRegion}`,
        identity.roleArn,
      ),
      check(portalName, "skipped", "Skipped: no Identity Center instance was found."),
    ];
  }
  const portalStore = identityStoreOfPortal(portal);
  return [
    check(
      regionName,
      "passed",
      `IAM Identity Center is enabled in ${ssoRegion} (identity store ${storeId}).`,
    ),
    portalStore === null
      ? check(
          portalName,
          "warning",
          `${portal || "The SSO Portal"} does not name an identity store (https://d-xxxxxxxxxx.awsapps.com/start), so it cannot be matched to ${storeId}.`,
          {
            fix: `Make sure the portal is the AWS access portal URL of ${storeId} (IAM Identity Center → Settings).`,
            field: `${CONFIG}.sso_portal`,
          },
        )
      : portalStore === storeId.toLowerCase()
        ? check(portalName, "passed", `${portal} is the access portal of ${storeId}.`)
        : check(
            portalName,
            "failed",
            `${portal} belongs to identity store ${portalStore}, but Identity Center in ${ssoRegion} uses ${storeId}.`,
            {
              fix: `Use https://${storeId}.awsapps.com/start, or the SSO Region where ${portalStore} lives.`,
              field: `${CONFIG}.sso_portal`,
            },
          ),
  ];
}

/** A member account to try the member role in: the first active one that is not the management account. */
async function sampleMember(
  runtime: DiscoveryRuntime,
  identity: AwsIdentity,
  region: string,
  management: string,
  excluded: Set<string>,
) {
  const client = await runtime.aws.get("organizations", identity, region);
  const { ListAccountsCommand, ListParentsCommand } = await sdk.organizations();
  const page = await client.send(new ListAccountsCommand({}));
  for (const account of page.Accounts ?? []) {
    if (!account.Id || account.Id === management || (account.State ?? account.Status) !== "ACTIVE") continue;
    const parents = await client.send(new ListParentsCommand({ ChildId: account.Id }));
    if (parents.Parents?.some((p) => p.Id && excluded.has(p.Id))) continue;
    return account.Id;
  }
  return null;
}

async function organizationChecks(
  runtime: DiscoveryRuntime,
  target: IntegrationCheckTarget,
): Promise<Check[]> {
  const { config } = target;
  const region = config.region ?? target.connector.region;
  const reach = await connectorCheck(runtime, target.connector);
  const checks = [reach.check];
  const skipAll = (reason: string) => [
    check("Management role assumable", "skipped", reason),
    check("Organization readable", "skipped", reason),
  ];
  if (!reach.identity) return [...checks, ...skipAll("Skipped: the connector does not reach AWS.")];

  const roleArn = config.management_account_role_arn ?? "";
  const roleField = `${CONFIG}.management_account_role_arn`;
  let management: AwsIdentity;
  try {
    management = await managementIdentity(runtime, target.connector, roleArn, region);
    checks.push(
      check(
        "Management role assumable",
        "passed",
        `${roleArn} was assumed with the connector's external id.`,
      ),
    );
  } catch (error) {
    const failure = describeFailure(error, { doing: `assuming ${roleArn}` });
    checks.push(
      check("Management role assumable", "failed", failure.message, { fix: failure.fix, field: roleField }),
    );
    checks.push(check("Organization readable", "skipped", "Skipped: the management role cannot be assumed."));
    return checks;
  }
  const managementAccount = management.accountId ?? "";

  try {
    const client = await runtime.aws.get("organizations", management, region);
    const { DescribeOrganizationCommand, ListRootsCommand } = await sdk.organizations();
    const org = await client.send(new DescribeOrganizationCommand({}));
    await client.send(new ListRootsCommand({}));
    const owner = org.Organization?.MasterAccountId;
    if (owner && owner !== managementAccount) {
      checks.push(
        check(
          "Organization readable",
          "failed",
          `${roleArn} is in account ${managementAccount}, but the organization's management account is ${owner}.`,
          {
            fix: `Use a role in the management account ${owner}.`,
            field: roleField,
          },
        ),
      );
      return checks;
    }
    checks.push(
      check(
        "Organization readable",
        "passed",
        `Organization ${org.Organization?.Id ?? ""} is readable from its management account ${managementAccount}.`,
      ),
    );
  } catch (error) {
    checks.push(
      failedCheck(
        "Organization readable",
        roleField,
        error,
        "reading the organization (organizations:DescribeOrganization, ListRoots)",
        roleArn,
      ),
    );
    return checks;
  }

  const excluded = parseOrganizationUnitIds(config.excluded_organization_unit_ids ?? "");
  checks.push(...(await excludedOuChecks(runtime, management, region, excluded)));

  const identityTypes = target.resourceTypes.filter(
    (t) => t.startsWith("aws-organization-") && !isMemberAccountType(t) && RESOURCE_TYPE_READERS[t],
  );
  checks.push(...(await identityCenterChecks(runtime, management, managementAccount, config)));
  checks.push(
    ...(await typeChecks(runtime, identityTypes, management, {
      accountId: managementAccount,
      region: config.sso_region ?? region,
      caller: roleArn,
    })),
  );

  const memberTypes = target.resourceTypes.filter(isMemberAccountType);
  const roleName = config.member_account_role_name ?? "";
  const memberName = `Member role ${roleName} assumable`;
  if (memberTypes.length === 0) {
    checks.push(check(memberName, "skipped", "No member-account resource type is selected."));
    return checks;
  }
  let sample: string | null;
  try {
    sample = await sampleMember(runtime, management, region, managementAccount, new Set(excluded));
  } catch (error) {
    checks.push(
      failedCheck(
        memberName,
        `${CONFIG}.member_account_role_name`,
        error,
        "choosing a member account to try",
        roleArn,
      ),
    );
    return checks;
  }
  if (!sample) {
    checks.push(
      check(memberName, "skipped", "The organization has no active member account outside the excluded OUs."),
    );
    return checks;
  }
  try {
    const member = await memberIdentity(runtime, management, { accountId: sample, roleName, region });
    checks.push(check(memberName, "passed", `${roleName} was assumed in member account ${sample}.`));
    checks.push(
      ...(await typeChecks(runtime, memberTypes, member, {
        accountId: sample,
        region,
        caller: member.roleArn ?? null,
      })),
    );
  } catch (error) {
    const failure = describeFailure(error, { doing: `assuming ${roleName} in ${sample}` });
    checks.push(
      check(memberName, "failed", failure.message, {
        fix: failure.fix,
        field: `${CONFIG}.member_account_role_name`,
      }),
    );
  }
  return checks;
}

/**
 * The live checks behind the wizard's Test button: each is one AWS call (or a few), named,
 * with the field to change when it fails. Never throws; a crash becomes a failed check.
 */
export function createAwsIntegrationChecker(deps: { runtime: DiscoveryRuntime }): IntegrationChecker {
  const { runtime } = deps;
  return {
    async check(target) {
      return target.type === "aws-account"
        ? accountChecks(runtime, target)
        : organizationChecks(runtime, target);
    },
  };
}
