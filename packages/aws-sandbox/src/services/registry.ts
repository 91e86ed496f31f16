import { cloudTrailHandlers } from "./cloudtrail.ts";
import type { ServiceHandlers } from "./context.ts";
import { ec2Handlers } from "./ec2.ts";
import { iamHandlers } from "./iam.ts";
import { identityStoreHandlers } from "./identity-store.ts";
import { organizationsHandlers } from "./organizations.ts";
import { rdsHandlers } from "./rds.ts";
import { s3Handlers } from "./s3.ts";
import type { ServiceName } from "./service-name.ts";
import { ssoAdminHandlers } from "./sso-admin.ts";
import { stsHandlers } from "./sts.ts";

export const HANDLERS: Record<ServiceName, ServiceHandlers> = {
  sts: stsHandlers,
  iam: iamHandlers,
  ec2: ec2Handlers,
  rds: rdsHandlers,
  s3: s3Handlers,
  organizations: organizationsHandlers,
  sso: ssoAdminHandlers,
  identitystore: identityStoreHandlers,
  cloudtrail: cloudTrailHandlers,
};
