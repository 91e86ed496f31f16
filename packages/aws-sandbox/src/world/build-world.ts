import type {
  AccountSpec,
  IdentityCenterSpec,
  InstanceState,
  OrganizationSpec,
  OuSpec,
  Scenario,
  Tags,
} from "../scenario/types.ts";
import { stableId } from "./stable-id.ts";
import type {
  Tag,
  World,
  WorldAccount,
  WorldBucket,
  WorldDbInstance,
  WorldIdentityCenter,
  WorldInstance,
  WorldOrganization,
  WorldParent,
  WorldRegion,
  WorldRole,
} from "./types.ts";

// A fixed default keeps generated ids and timestamps reproducible between runs.
const DEFAULT_DATE = new Date("2023-01-15T10:00:00.000Z");

const STATE_CODES: Record<InstanceState, number> = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

const DB_DEFAULTS: Record<string, { version: string; port: number }> = {
  postgres: { version: "16.3", port: 5432 },
  "aurora-postgresql": { version: "16.2", port: 5432 },
  mysql: { version: "8.0.36", port: 3306 },
  "aurora-mysql": { version: "8.0.mysql_aurora.3.05.2", port: 3306 },
  mariadb: { version: "10.11.8", port: 3306 },
  "oracle-ee": { version: "19.0.0.0.ru-2024-04.rur-2024-04.r1", port: 1521 },
  "sqlserver-se": { version: "15.00.4365.2.v1", port: 1433 },
};

export function roleKey(accountId: string, path: string, name: string): string {
  return `${accountId}:${path}${name}`;
}

export function normalizePath(path: string | undefined): string {
  if (path === undefined || path === "" || path === "/") return "/";
  const withLead = path.startsWith("/") ? path : `/${path}`;
  return withLead.endsWith("/") ? withLead : `${withLead}/`;
}

export function toTagList(tags: Tags | undefined): Tag[] {
  if (tags === undefined) return [];
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

const date = (value: string | undefined): Date => (value === undefined ? DEFAULT_DATE : new Date(value));

export function buildWorld(scenario: Scenario): World {
  const org = scenario.organization;
  const parents = org === undefined ? new Map<string, string>() : parentsOf(org);
  const accounts = new Map<string, WorldAccount>();
  const roles = new Map<string, WorldRole>();
  const buckets = new Map<string, WorldBucket>();

  for (const [accountId, spec] of Object.entries(scenario.accounts)) {
    const account = buildAccount(accountId, spec, parents.get(accountId));
    accounts.set(accountId, account);
    for (const role of account.roles) roles.set(roleKey(accountId, role.path, role.name), role);
    for (const bucket of account.buckets) buckets.set(bucket.name, bucket);
  }

  return {
    accounts,
    roles,
    buckets,
    organization: org === undefined ? undefined : buildOrganization(org, scenario),
    identityCenter:
      scenario.identityCenter === undefined
        ? undefined
        : buildIdentityCenter(scenario.identityCenter, org?.managementAccountId),
    credentials: scenario.credentials,
  };
}

// Each member account's parent (root or OU) in the organization tree.
function parentsOf(org: OrganizationSpec): Map<string, string> {
  const parents = new Map<string, string>();
  const walk = (parentId: string, accounts: string[] | undefined, ous: OuSpec[] | undefined) => {
    for (const accountId of accounts ?? []) parents.set(accountId, parentId);
    for (const ou of ous ?? []) walk(ou.id, ou.accounts, ou.ous);
  };
  walk(org.root.id, org.root.accounts, org.root.ous);
  return parents;
}

function buildAccount(accountId: string, spec: AccountSpec, parentId: string | undefined): WorldAccount {
  const accountRoles: WorldRole[] = (spec.roles ?? []).map((role) => {
    const path = normalizePath(role.path);
    const arn = `arn:aws:iam::${accountId}:role${path}${role.name}`;
    return {
      accountId,
      name: role.name,
      path,
      arn,
      id: stableId("AROA", arn, 17),
      description: role.description,
      tags: toTagList(role.tags),
      attachedPolicies: (role.attachedPolicies ?? []).map((policyArn) => ({
        arn: policyArn,
        name: policyArn.slice(policyArn.lastIndexOf("/") + 1),
      })),
      assumable: role.assumable ?? true,
      externalId: role.externalId,
      trustedPrincipals: role.trustedPrincipals,
      maxSessionDuration: role.maxSessionDuration ?? 3600,
      denyActions: role.denyActions ?? [],
      createdAt: date(role.createdAt),
    };
  });
  const users = (spec.users ?? []).map((user) => {
    const path = normalizePath(user.path);
    const arn = `arn:aws:iam::${accountId}:user${path}${user.name}`;
    return {
      name: user.name,
      path,
      arn,
      id: stableId("AIDA", arn, 17),
      tags: toTagList(user.tags),
      createdAt: date(user.createdAt),
    };
  });
  const groups = (spec.groups ?? []).map((group) => {
    const path = normalizePath(group.path);
    const arn = `arn:aws:iam::${accountId}:group${path}${group.name}`;
    return {
      name: group.name,
      path,
      arn,
      id: stableId("AGPA", arn, 17),
      createdAt: date(group.createdAt),
      policies: Object.values(group.policies ?? {}).map((document) => JSON.stringify(document)),
    };
  });
  const buckets = (spec.buckets ?? []).map((bucket) => ({
    accountId,
    name: bucket.name,
    region: bucket.region ?? "us-east-1",
    tags: toTagList(bucket.tags),
    createdAt: date(bucket.createdAt),
  }));
  const regions = new Map<string, WorldRegion>();
  for (const [region, regionSpec] of Object.entries(spec.regions ?? {})) {
    regions.set(region, {
      instances: (regionSpec.instances ?? []).map((instance, index) =>
        buildInstance(region, instance, index),
      ),
      dbInstances: (regionSpec.dbInstances ?? []).map((db) => buildDbInstance(accountId, region, db)),
    });
  }
  return {
    id: accountId,
    name: spec.name,
    email: spec.email ?? `aws+${accountId}@example.com`,
    status: spec.status ?? "ACTIVE",
    tags: toTagList(spec.tags),
    joinedAt: date(spec.joinedAt),
    roles: accountRoles,
    rolesByName: new Map(accountRoles.map((role) => [role.name, role])),
    users,
    usersByName: new Map(users.map((user) => [user.name, user])),
    groups,
    buckets,
    regions,
    parentId,
  };
}

function buildInstance(
  region: string,
  spec: NonNullable<NonNullable<AccountSpec["regions"]>[string]["instances"]>[number],
  index: number,
): WorldInstance {
  const privateIp = spec.privateIp ?? `10.0.${Math.floor(index / 250) % 256}.${(index % 250) + 4}`;
  return {
    id: spec.id,
    reservationId: spec.reservationId ?? `r-${spec.id.replace(/^i-/, "").padEnd(17, "0").slice(0, 17)}`,
    type: spec.type ?? "t3.micro",
    state: spec.state ?? "running",
    stateCode: STATE_CODES[spec.state ?? "running"],
    tags: toTagList(spec.tags),
    privateIp,
    privateDnsName: `ip-${privateIp.replaceAll(".", "-")}.${region === "us-east-1" ? "ec2" : `${region}.compute`}.internal`,
    imageId: spec.imageId ?? "ami-0abcdef1234567890",
    launchTime: date(spec.launchTime),
    availabilityZone: spec.availabilityZone ?? `${region}a`,
    vpcId: spec.vpcId ?? "vpc-0a1b2c3d4e5f60718",
    subnetId: spec.subnetId ?? "subnet-0a1b2c3d4e5f60718",
    iamInstanceProfileArn: spec.iamInstanceProfileArn,
    platform: spec.platform,
  };
}

function buildDbInstance(
  accountId: string,
  region: string,
  spec: NonNullable<NonNullable<AccountSpec["regions"]>[string]["dbInstances"]>[number],
): WorldDbInstance {
  const defaults = DB_DEFAULTS[spec.engine] ?? { version: "1.0", port: 5432 };
  const arn = `arn:aws:rds:${region}:${accountId}:db:${spec.id}`;
  return {
    id: spec.id,
    arn,
    resourceId: stableId("db-", arn, 26),
    engine: spec.engine,
    engineVersion: spec.engineVersion ?? defaults.version,
    class: spec.class ?? "db.t3.micro",
    status: spec.status ?? "available",
    tags: toTagList(spec.tags),
    allocatedStorage: spec.allocatedStorage ?? 20,
    multiAz: spec.multiAz ?? false,
    createdAt: date(spec.createdAt),
    availabilityZone: `${region}a`,
    endpoint: {
      address: `${spec.id}.${stableId("", `${accountId}/${region}`, 12).toLowerCase()}.${region}.rds.amazonaws.com`,
      port: defaults.port,
    },
  };
}

function buildOrganization(org: OrganizationSpec, scenario: Scenario): WorldOrganization {
  const mgmt = org.managementAccountId;
  const parents = new Map<string, WorldParent>();
  const accountIds: string[] = [];
  const rootPath = `${org.id}/${org.root.id}/`;
  const addOu = (ou: OuSpec, parentId: string, parentPath: string) => {
    const path = `${parentPath}${ou.id}/`;
    parents.set(ou.id, {
      id: ou.id,
      type: "ORGANIZATIONAL_UNIT",
      name: ou.name,
      arn: `arn:aws:organizations::${mgmt}:ou/${org.id}/${ou.id}`,
      path,
      parentId,
      ouIds: (ou.ous ?? []).map((child) => child.id),
      accountIds: ou.accounts ?? [],
      tags: toTagList(ou.tags),
    });
    accountIds.push(...(ou.accounts ?? []));
    for (const child of ou.ous ?? []) addOu(child, ou.id, path);
  };
  parents.set(org.root.id, {
    id: org.root.id,
    type: "ROOT",
    name: org.root.name ?? "Root",
    arn: `arn:aws:organizations::${mgmt}:root/${org.id}/${org.root.id}`,
    path: rootPath,
    ouIds: (org.root.ous ?? []).map((ou) => ou.id),
    accountIds: org.root.accounts ?? [],
    tags: toTagList(org.root.tags),
  });
  accountIds.push(...(org.root.accounts ?? []));
  for (const ou of org.root.ous ?? []) addOu(ou, org.root.id, rootPath);

  return {
    id: org.id,
    arn: `arn:aws:organizations::${mgmt}:organization/${org.id}`,
    featureSet: org.featureSet ?? "ALL",
    managementAccountId: mgmt,
    managementAccountArn: `arn:aws:organizations::${mgmt}:account/${org.id}/${mgmt}`,
    managementAccountEmail: scenario.accounts[mgmt]?.email ?? `aws+${mgmt}@example.com`,
    rootId: org.root.id,
    parents,
    accountIds,
  };
}

function buildIdentityCenter(
  spec: IdentityCenterSpec,
  managementAccountId: string | undefined,
): WorldIdentityCenter {
  const instanceId = spec.instanceArn.slice(spec.instanceArn.lastIndexOf("/") + 1);
  const permissionSets = (spec.permissionSets ?? []).map((ps) => ({
    name: ps.name,
    arn:
      ps.arn ??
      `arn:aws:sso:::permissionSet/${instanceId}/${stableId("ps-", `${instanceId}/${ps.name}`, 16).toLowerCase()}`,
    description: ps.description,
    sessionDuration: ps.sessionDuration ?? "PT1H",
    relayState: ps.relayState,
    createdAt: date(ps.createdAt),
  }));
  return {
    instanceArn: spec.instanceArn,
    identityStoreId: spec.identityStoreId,
    region: spec.region,
    name: spec.name,
    ownerAccountId: managementAccountId ?? "",
    permissionSets,
    permissionSetsByArn: new Map(permissionSets.map((ps) => [ps.arn, ps])),
    groups: spec.groups ?? [],
  };
}
