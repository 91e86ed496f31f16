import type { AccountStatus, CredentialSpec, InstanceState } from "../scenario/types.ts";

// The scenario, indexed once at start-up so every request is a map lookup or a slice of a
// prebuilt array (benchmarks run thousands of accounts).

export type Tag = { readonly Key: string; readonly Value: string };

export type World = {
  readonly accounts: ReadonlyMap<string, WorldAccount>;
  // "ACCOUNT:path+name" → role; ARNs are parsed into this key on AssumeRole.
  readonly roles: ReadonlyMap<string, WorldRole>;
  readonly buckets: ReadonlyMap<string, WorldBucket>;
  readonly organization?: WorldOrganization;
  readonly identityCenter?: WorldIdentityCenter;
  readonly credentials: readonly CredentialSpec[];
};

export type WorldAccount = {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: AccountStatus;
  readonly tags: readonly Tag[];
  readonly joinedAt: Date;
  readonly roles: readonly WorldRole[];
  readonly rolesByName: ReadonlyMap<string, WorldRole>;
  readonly users: readonly WorldUser[];
  readonly usersByName: ReadonlyMap<string, WorldUser>;
  readonly groups: readonly WorldGroup[];
  readonly buckets: readonly WorldBucket[];
  readonly regions: ReadonlyMap<string, WorldRegion>;
  // Undefined for accounts outside the organization.
  readonly parentId?: string;
};

export type WorldRole = {
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly id: string;
  readonly description?: string;
  readonly tags: readonly Tag[];
  readonly attachedPolicies: readonly { readonly name: string; readonly arn: string }[];
  readonly assumable: boolean;
  readonly externalId?: string;
  readonly trustedPrincipals?: readonly string[];
  readonly maxSessionDuration: number;
  readonly denyActions: readonly string[];
  readonly createdAt: Date;
};

export type WorldUser = {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly id: string;
  readonly tags: readonly Tag[];
  readonly createdAt: Date;
};

export type WorldGroup = {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly id: string;
  readonly createdAt: Date;
  // Inline policy documents as JSON.
  readonly policies: readonly string[];
};

export type WorldBucket = {
  readonly accountId: string;
  readonly name: string;
  readonly region: string;
  readonly tags: readonly Tag[];
  readonly createdAt: Date;
};

export type WorldRegion = {
  readonly instances: readonly WorldInstance[];
  readonly dbInstances: readonly WorldDbInstance[];
};

export type WorldInstance = {
  readonly id: string;
  readonly reservationId: string;
  readonly type: string;
  readonly state: InstanceState;
  readonly stateCode: number;
  readonly tags: readonly Tag[];
  readonly privateIp: string;
  readonly privateDnsName: string;
  readonly imageId: string;
  readonly launchTime: Date;
  readonly availabilityZone: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly iamInstanceProfileArn?: string;
  readonly platform?: string;
};

export type WorldDbInstance = {
  readonly id: string;
  readonly arn: string;
  readonly resourceId: string;
  readonly engine: string;
  readonly engineVersion: string;
  readonly class: string;
  readonly status: string;
  readonly tags: readonly Tag[];
  readonly allocatedStorage: number;
  readonly multiAz: boolean;
  readonly createdAt: Date;
  readonly availabilityZone: string;
  readonly endpoint: { readonly address: string; readonly port: number };
};

export type WorldOrganization = {
  readonly id: string;
  readonly arn: string;
  readonly featureSet: string;
  readonly managementAccountId: string;
  readonly managementAccountArn: string;
  readonly managementAccountEmail: string;
  readonly rootId: string;
  // Root and OUs by id.
  readonly parents: ReadonlyMap<string, WorldParent>;
  // Every member account, in tree order (depth first), for ListAccounts.
  readonly accountIds: readonly string[];
};

export type WorldParent = {
  readonly id: string;
  readonly type: "ROOT" | "ORGANIZATIONAL_UNIT";
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly parentId?: string;
  readonly ouIds: readonly string[];
  readonly accountIds: readonly string[];
  readonly tags: readonly Tag[];
};

export type WorldIdentityCenter = {
  readonly instanceArn: string;
  readonly identityStoreId: string;
  readonly region: string;
  readonly name?: string;
  readonly ownerAccountId: string;
  readonly permissionSets: readonly WorldPermissionSet[];
  readonly permissionSetsByArn: ReadonlyMap<string, WorldPermissionSet>;
  readonly groups: readonly {
    readonly id: string;
    readonly displayName: string;
    readonly description?: string;
  }[];
};

export type WorldPermissionSet = {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly sessionDuration: string;
  readonly relayState?: string;
  readonly createdAt: Date;
};

export type { InstanceState };
