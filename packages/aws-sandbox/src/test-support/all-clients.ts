import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { IdentitystoreClient, ListGroupsCommand } from "@aws-sdk/client-identitystore";
import { ListRootsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { ListInstancesCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { Sandbox } from "../server/start-sandbox.ts";
import type { ServiceName } from "../services/service-name.ts";
import { type ClientOptions, clientConfig } from "./clients.ts";

// One cheap call per service, made through the real SDK client, for cross-service tests.
export function callService(
  sandbox: Sandbox,
  service: ServiceName,
  options: ClientOptions = {},
): Promise<unknown> {
  const config = clientConfig(sandbox, options);
  switch (service) {
    case "sts":
      return new STSClient(config).send(new GetCallerIdentityCommand({}));
    case "iam":
      return new IAMClient(config).send(new ListRolesCommand({}));
    case "ec2":
      return new EC2Client(config).send(new DescribeInstancesCommand({}));
    case "rds":
      return new RDSClient(config).send(new DescribeDBInstancesCommand({}));
    case "s3":
      return new S3Client({ ...config, forcePathStyle: true }).send(new ListBucketsCommand({}));
    case "organizations":
      return new OrganizationsClient(config).send(new ListRootsCommand({}));
    case "sso":
      return new SSOAdminClient(config).send(new ListInstancesCommand({}));
    case "identitystore":
      return new IdentitystoreClient(config).send(new ListGroupsCommand({ IdentityStoreId: "d-test000001" }));
    case "cloudtrail":
      return new CloudTrailClient(config).send(new LookupEventsCommand({}));
  }
}
