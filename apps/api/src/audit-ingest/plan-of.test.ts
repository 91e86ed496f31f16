import { describe, expect, it } from "vitest";
import type { DueEntitlement } from "./activity-store.ts";
import { planOf } from "./ingest-runner.ts";

const due = (target: object): DueEntitlement => ({
  entitlementId: "e1",
  requestId: "r1",
  integrationId: "i1",
  integrationType: "aws-organization",
  integrationConfig: {},
  connector: null,
  accountId: "222222222222",
  region: null,
  target,
  awsDetail: {},
  personId: "p1",
  personUserName: "dana",
  personEmail: "dana@example.com",
  managedUserName: "portcullis-dana-1a2b3c4d",
  managedAccessKeyId: "AKIADANA",
  grantedAt: new Date(0),
  endedAt: null,
  readUntil: null,
});

const ROLE = "arn:aws:iam::222222222222:role/app-readers";

describe("planOf: which role sessions of the managed user are followed", () => {
  it("a granted role: only that role's sessions", () => {
    expect(
      planOf(due({ kind: "iam-role", accountId: "222222222222", roleArn: ROLE }), "us-east-1", []),
    ).toMatchObject({
      principal: { kind: "iam-user", userName: "portcullis-dana-1a2b3c4d", accessKeyIds: ["AKIADANA"] },
      followSessions: { roleArn: ROLE },
    });
  });

  it("a group: any role (its policies may allow sts:AssumeRole)", () => {
    expect(
      planOf(due({ kind: "iam-group", accountId: "222222222222", groupName: "devs" }), "us-east-1", []),
    ).toMatchObject({ followSessions: { roleArn: null } });
  });

  it("S3, EC2 and RDS grants allow no AssumeRole: nothing followed", () => {
    for (const kind of ["s3-bucket", "ec2-instance", "rds-instance"]) {
      const plan = planOf(due({ kind, accountId: "222222222222" }), "us-east-1", []);
      expect(plan).not.toHaveProperty("followSessions");
    }
  });

  it("an Identity Center assignment acts as its reserved role: no managed user's sessions", () => {
    const plan = planOf(
      due({ kind: "sso-account-assignment", accountId: "222222222222", permissionSetName: "ReadOnly" }),
      "us-east-1",
      [],
    );
    expect(plan).toMatchObject({ principal: { kind: "identity-center" } });
    expect(plan).not.toHaveProperty("followSessions");
  });
});
