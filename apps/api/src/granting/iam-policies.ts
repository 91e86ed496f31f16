import type { GrantTarget } from "./types.ts";

type Statement = {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string>>;
};
export type PolicyDocument = { Version: "2012-10-17"; Statement: Statement[] };

/** The IAM targets carried by an inline policy (a group is carried by membership instead). */
export type PolicyTarget = Extract<
  GrantTarget,
  { kind: "iam-role" | "s3-bucket" | "ec2-instance" | "rds-instance" }
>;

export class UnsafeTargetError extends Error {}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const INSTANCE_ARN = /^arn:aws[\w-]*:ec2:[a-z0-9-]+:\d{12}:instance\/i-[0-9a-f]{8,17}$/;
const DBI_RESOURCE_ID = /^db-[A-Z0-9]{1,255}$/;
const DB_USER = /^[A-Za-z0-9_$.@+=,-]{1,63}$/;

function check(pattern: RegExp, value: string, what: string): void {
  // The patterns leave out `*` and `?`: a policy built from the target can never match more
  // than the one resource that was approved.
  if (!pattern.test(value)) throw new UnsafeTargetError(`${what} ${JSON.stringify(value)} is not valid.`);
}

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`), for ARNs built from parts. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

function statements(target: PolicyTarget, partition: string): Statement[] {
  switch (target.kind) {
    case "iam-role":
      check(ROLE_ARN, target.roleArn, "Role ARN");
      if (target.roleArn.split(":")[4] !== target.accountId) {
        throw new UnsafeTargetError(`Role ${target.roleArn} is not in account ${target.accountId}.`);
      }
      return [{ Sid: "AssumeRole", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [target.roleArn] }];
    case "s3-bucket": {
      check(BUCKET, target.bucketName, "Bucket name");
      const bucket = `arn:${partition}:s3:::${target.bucketName}`;
      const write = target.access === "read-write";
      return [
        {
          Sid: "Bucket",
          Effect: "Allow",
          Action: [
            "s3:ListBucket",
            "s3:GetBucketLocation",
            ...(write ? ["s3:ListBucketMultipartUploads"] : []),
          ],
          Resource: [bucket],
        },
        {
          Sid: "Objects",
          Effect: "Allow",
          Action: [
            "s3:GetObject",
            "s3:GetObjectVersion",
            ...(write
              ? ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
              : []),
          ],
          Resource: [`${bucket}/*`],
        },
      ];
    }
    case "ec2-instance": {
      check(INSTANCE_ARN, target.instanceArn, "Instance ARN");
      check(REGION, target.region, "Region");
      const [, , , region, account] = target.instanceArn.split(":");
      if (account !== target.accountId || region !== target.region) {
        throw new UnsafeTargetError(
          `Instance ${target.instanceArn} is not in ${target.accountId} ${target.region}.`,
        );
      }
      return [
        {
          // Session Manager's own document: a shell on this instance and nothing else, as in AWS's
          // least-privilege example (the document check makes StartSession name the document).
          Sid: "StartSession",
          Effect: "Allow",
          Action: ["ssm:StartSession"],
          Resource: [
            target.instanceArn,
            `arn:${partition}:ssm:${target.region}:${target.accountId}:document/SSM-SessionManagerRunShell`,
          ],
          Condition: { BoolIfExists: { "ssm:SessionDocumentAccessCheck": "true" } },
        },
        {
          Sid: "OwnSessions",
          Effect: "Allow",
          Action: ["ssm:TerminateSession", "ssm:ResumeSession"],
          Resource: [`arn:${partition}:ssm:${target.region}:${target.accountId}:session/\${aws:username}-*`],
        },
      ];
    }
    case "rds-instance":
      check(REGION, target.region, "Region");
      check(DBI_RESOURCE_ID, target.dbiResourceId, "DB instance resource id");
      check(DB_USER, target.dbUser, "Database user");
      return [
        {
          Sid: "Connect",
          Effect: "Allow",
          Action: ["rds-db:connect"],
          Resource: [
            `arn:${partition}:rds-db:${target.region}:${target.accountId}:dbuser:${target.dbiResourceId}/${target.dbUser}`,
          ],
        },
      ];
  }
}

/**
 * The inline policy that grants one IAM target, and nothing wider: each statement names the one
 * resource approved. Throws UnsafeTargetError when a part of the target would widen it (a
 * wildcard, an ARN of another account).
 */
export function policyDocumentFor(target: PolicyTarget, partition = "aws"): PolicyDocument {
  check(ACCOUNT, target.accountId, "Account id");
  return { Version: "2012-10-17", Statement: statements(target, partition) };
}

export function isPolicyTarget(target: GrantTarget): target is PolicyTarget {
  return (
    target.kind === "iam-role" ||
    target.kind === "s3-bucket" ||
    target.kind === "ec2-instance" ||
    target.kind === "rds-instance"
  );
}
