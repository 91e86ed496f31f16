// The scenario is the sandbox's whole world: an organization tree, the accounts' resources,
// Identity Center, and the long-lived credentials callers start from. Plain JSON so it can
// live in a file, be generated, or be written inline in a test.

export type Tags = Record<string, string>;

export type Scenario = {
  organization?: OrganizationSpec;
  accounts: Record<string, AccountSpec>;
  identityCenter?: IdentityCenterSpec;
  credentials: CredentialSpec[];
};

export type OrganizationSpec = {
  id: string;
  managementAccountId: string;
  featureSet?: "ALL" | "CONSOLIDATED_BILLING";
  root: RootSpec;
};

export type RootSpec = {
  id: string;
  name?: string;
  accounts?: string[];
  ous?: OuSpec[];
  tags?: Tags;
};

export type OuSpec = {
  id: string;
  name: string;
  accounts?: string[];
  ous?: OuSpec[];
  tags?: Tags;
};

export type AccountStatus = "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";

export type AccountSpec = {
  name: string;
  email?: string;
  status?: AccountStatus;
  tags?: Tags;
  joinedAt?: string;
  roles?: RoleSpec[];
  groups?: GroupSpec[];
  users?: UserSpec[];
  buckets?: BucketSpec[];
  regions?: Record<string, RegionSpec>;
};

export type RoleSpec = {
  name: string;
  path?: string;
  description?: string;
  tags?: Tags;
  attachedPolicies?: string[];
  // false: nobody may assume it (AccessDenied), as if its trust policy trusted no one.
  assumable?: boolean;
  // When set, AssumeRole must pass exactly this ExternalId.
  externalId?: string;
  // When set, only callers from these account ids (or with these exact ARNs) may assume it.
  trustedPrincipals?: string[];
  maxSessionDuration?: number;
  // IAM-style action patterns ("iam:ListRoles", "ec2:*", "iam:List*") that sessions of this role may not call.
  denyActions?: string[];
  createdAt?: string;
};

export type GroupSpec = {
  name: string;
  path?: string;
  createdAt?: string;
  // Inline policies by name (IAM policy documents); they authorise the calls of members' keys.
  policies?: Record<string, object>;
};

export type UserSpec = { name: string; path?: string; tags?: Tags; createdAt?: string };

export type BucketSpec = { name: string; region?: string; tags?: Tags; createdAt?: string };

export type RegionSpec = { instances?: InstanceSpec[]; dbInstances?: DbInstanceSpec[] };

export type InstanceState = "pending" | "running" | "shutting-down" | "terminated" | "stopping" | "stopped";

export type InstanceSpec = {
  id: string;
  type?: string;
  state?: InstanceState;
  tags?: Tags;
  privateIp?: string;
  imageId?: string;
  launchTime?: string;
  availabilityZone?: string;
  vpcId?: string;
  subnetId?: string;
  iamInstanceProfileArn?: string;
  // Instances sharing a reservation id are returned in one Reservation; default: one each.
  reservationId?: string;
  platform?: "windows";
};

export type DbInstanceSpec = {
  id: string;
  engine: string;
  engineVersion?: string;
  class?: string;
  status?: string;
  tags?: Tags;
  allocatedStorage?: number;
  multiAz?: boolean;
  createdAt?: string;
};

export type IdentityCenterSpec = {
  instanceArn: string;
  identityStoreId: string;
  // The instance is only listed by ListInstances in this region, as in AWS.
  region: string;
  name?: string;
  permissionSets?: PermissionSetSpec[];
  groups?: IdentityGroupSpec[];
  users?: IdentityUserSpec[];
};

export type PermissionSetSpec = {
  name: string;
  arn?: string;
  description?: string;
  sessionDuration?: string;
  relayState?: string;
  createdAt?: string;
};

export type IdentityGroupSpec = {
  id: string;
  displayName: string;
  description?: string;
  // Identity store user ids; each becomes a group membership.
  members?: string[];
};

export type IdentityUserSpec = {
  id: string;
  userName: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
};

export type CredentialSpec = {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  // Defaults to arn:aws:iam::ACCOUNT:user/sandbox.
  arn?: string;
  userId?: string;
  denyActions?: string[];
};
