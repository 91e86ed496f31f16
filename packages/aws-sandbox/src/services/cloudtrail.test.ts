import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from "@aws-sdk/client-cloudtrail";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateAccountAssignmentCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig, type StaticCredentials, sessionCredentials } from "../test-support/clients.ts";
import { MEMBER, MGMT, testScenario } from "../test-support/test-scenario.ts";

const START = Date.parse("2025-06-01T12:00:00Z");
const ROLE_ARN = `arn:aws:iam::${MGMT}:role/PortcullisConnectorRole`;

let now = START;
let sandbox: Sandbox;
let iam: IAMClient;
beforeEach(async () => {
  now = START;
  const scenario = testScenario();
  scenario.accounts[MGMT]!.roles!.push({ name: "NoTrailRole", denyActions: ["cloudtrail:LookupEvents"] });
  sandbox = await startSandbox({ scenario, clock: () => now, cloudTrailDelayMs: 5000 });
  iam = new IAMClient(clientConfig(sandbox, { maxAttempts: 1 }));
});
afterEach(() => sandbox.close());

const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

async function alice(): Promise<StaticCredentials> {
  await iam.send(new CreateUserCommand({ UserName: "alice", Path: "/portcullis/" }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: "alice",
      PolicyName: "grant",
      PolicyDocument: policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE_ARN }),
    }),
  );
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

const trail = (credentials?: StaticCredentials, region?: string) =>
  new CloudTrailClient(clientConfig(sandbox, { credentials, region, maxAttempts: 1 }));

// Each lookup first lets the delivery delay pass, which also refills LookupEvents' 2/s quota.
async function lookup(input: LookupEventsCommandInput = {}, credentials?: StaticCredentials) {
  now += 5000;
  return trail(credentials).send(new LookupEventsCommand(input));
}

describe("CloudTrail LookupEvents", () => {
  it("shows an IAM user's calls once CloudTrail's delivery delay has passed", async () => {
    const credentials = await alice();
    const sts = new STSClient(clientConfig(sandbox, { credentials, maxAttempts: 1 }));
    await sts.send(new GetCallerIdentityCommand({}));
    await expect(
      sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MGMT}:role/LongRole`, RoleSessionName: "x" }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    // The scenario's own key (Portcullis) is not recorded.
    await new STSClient(clientConfig(sandbox)).send(new GetCallerIdentityCommand({}));

    now += 3000;
    expect((await trail().send(new LookupEventsCommand({}))).Events).toEqual([]);
    now += 2000;
    const { Events } = await trail().send(new LookupEventsCommand({}));
    expect(Events!.map((e) => e.EventName)).toEqual(["AssumeRole", "GetCallerIdentity"]);
    const [denied, identity] = Events!;
    expect(identity).toMatchObject({
      EventSource: "sts.amazonaws.com",
      Username: "alice",
      AccessKeyId: credentials.accessKeyId,
      ReadOnly: "true",
      Resources: [],
    });
    expect(identity!.EventTime).toEqual(new Date(START));
    expect(identity!.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(denied).toMatchObject({
      ReadOnly: "false",
      Resources: [{ ResourceType: "AWS::IAM::Role", ResourceName: `arn:aws:iam::${MGMT}:role/LongRole` }],
    });
    const detail = JSON.parse(denied!.CloudTrailEvent!);
    expect(detail).toMatchObject({
      eventName: "AssumeRole",
      errorCode: "AccessDenied",
      sourceIPAddress: "127.0.0.1",
      awsRegion: "us-east-1",
      recipientAccountId: MGMT,
      userIdentity: {
        type: "IAMUser",
        arn: `arn:aws:iam::${MGMT}:user/portcullis/alice`,
        accountId: MGMT,
        accessKeyId: credentials.accessKeyId,
        userName: "alice",
      },
    });
    expect(detail.userAgent).toContain("aws-sdk-js");
    expect(detail.errorMessage).toContain("not authorized to perform: sts:AssumeRole");
    // Events are per region.
    expect((await trail(undefined, "eu-west-1").send(new LookupEventsCommand({}))).Events).toEqual([]);
  });

  it("records assumed-role sessions, Identity Center's AWSReservedSSO sessions included", async () => {
    const credentials = await alice();
    const assumed = await new STSClient(clientConfig(sandbox, { credentials })).send(
      new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "alice-session" }),
    );
    const session = sessionCredentials(assumed.Credentials);
    // A cross-account AssumeRole shows in the role's account as well.
    const member = await new STSClient(clientConfig(sandbox, { credentials: session })).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
        RoleSessionName: "hop",
      }),
    );
    const memberTrail = await lookup({}, sessionCredentials(member.Credentials));
    expect(memberTrail.Events!.map((e) => [e.EventName, e.Username])).toEqual([
      ["AssumeRole", "alice-session"],
    ]);
    expect(JSON.parse(memberTrail.Events![0]!.CloudTrailEvent!).recipientAccountId).toBe(MEMBER);
    await new S3Client({ ...clientConfig(sandbox, { credentials: session }), forcePathStyle: true }).send(
      new ListBucketsCommand({}),
    );
    const { Events } = await lookup({
      LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ListBuckets" }],
    });
    expect(Events).toHaveLength(1);
    expect(Events![0]).toMatchObject({ Username: "alice-session", AccessKeyId: session.accessKeyId });
    expect(JSON.parse(Events![0]!.CloudTrailEvent!).userIdentity).toMatchObject({
      type: "AssumedRole",
      arn: `arn:aws:sts::${MGMT}:assumed-role/PortcullisConnectorRole/alice-session`,
      sessionContext: { sessionIssuer: { type: "Role", arn: ROLE_ARN, userName: "PortcullisConnectorRole" } },
    });

    const sso = new SSOAdminClient(clientConfig(sandbox));
    const instance = "arn:aws:sso:::instance/ssoins-test000000000001";
    const { PermissionSets } = await sso.send(new ListPermissionSetsCommand({ InstanceArn: instance }));
    await sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: instance,
        TargetId: MEMBER,
        TargetType: "AWS_ACCOUNT",
        PermissionSetArn: PermissionSets![0],
        PrincipalType: "USER",
        PrincipalId: "user-2",
      }),
    );
    now += 2000; // the assignment settles
    const portal = sandbox.signInWithSso({
      userName: "person2@example.com",
      accountId: MEMBER,
      permissionSetName: "PermissionSet0",
    });
    await new STSClient(clientConfig(sandbox, { credentials: portal })).send(
      new GetCallerIdentityCommand({}),
    );
    // The session reads its own account's trail.
    const portalTrail = await lookup(
      { LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "person2@example.com" }] },
      portal,
    );
    expect(portalTrail.Events!.map((e) => e.EventName)).toEqual(["GetCallerIdentity"]);
    const identity = JSON.parse(portalTrail.Events![0]!.CloudTrailEvent!).userIdentity;
    expect(identity.sessionContext.sessionIssuer.userName).toMatch(/^AWSReservedSSO_PermissionSet0_/);
  });

  it("names the temporary key an AssumeRole issued, which the session's later events carry", async () => {
    const credentials = await alice();
    const assumed = await new STSClient(clientConfig(sandbox, { credentials })).send(
      new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "work", DurationSeconds: 900 }),
    );
    const session = sessionCredentials(assumed.Credentials);
    now += 1000;
    await new STSClient(clientConfig(sandbox, { credentials: session })).send(
      new GetCallerIdentityCommand({}),
    );

    const byUser = await lookup({
      LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "alice" }],
    });
    expect(byUser.Events!.map((e) => e.EventName)).toEqual(["AssumeRole"]);
    const assumeRole = JSON.parse(byUser.Events![0]!.CloudTrailEvent!);
    expect(assumeRole.requestParameters).toEqual({
      roleArn: ROLE_ARN,
      roleSessionName: "work",
      durationSeconds: 900,
    });
    expect(assumeRole.responseElements).toMatchObject({
      credentials: {
        accessKeyId: session.accessKeyId,
        // CloudTrail's own timestamp format there, in UTC: START + 15 minutes.
        expiration: "Jun 1, 2025, 12:15:00 PM",
      },
      assumedRoleUser: {
        arn: `arn:aws:sts::${MGMT}:assumed-role/PortcullisConnectorRole/work`,
        assumedRoleId: assumed.AssumedRoleUser!.AssumedRoleId,
      },
    });
    expect(assumeRole.responseElements.credentials).not.toHaveProperty("secretAccessKey");

    const byKey = await lookup({
      LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: session.accessKeyId }],
    });
    expect(byKey.Events!.map((e) => [e.EventName, e.Username])).toEqual([["GetCallerIdentity", "work"]]);
    const call = JSON.parse(byKey.Events![0]!.CloudTrailEvent!);
    expect(call.userIdentity).toMatchObject({
      type: "AssumedRole",
      accessKeyId: session.accessKeyId,
      arn: assumeRole.responseElements.assumedRoleUser.arn,
      sessionContext: { sessionIssuer: { arn: ROLE_ARN } },
    });
    expect(call.responseElements).toBeNull();
  });

  it("filters by one lookup attribute and by time", async () => {
    const credentials = await alice();
    const sts = new STSClient(clientConfig(sandbox, { credentials }));
    await sts.send(new GetCallerIdentityCommand({}));
    now += 60_000;
    await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "later" }));
    const names = async (input: LookupEventsCommandInput) =>
      (await lookup(input)).Events!.map((e) => e.EventName);

    expect(
      await names({ LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }] }),
    ).toEqual(["AssumeRole"]);
    expect(
      await names({
        LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: credentials.accessKeyId }],
      }),
    ).toEqual(["AssumeRole", "GetCallerIdentity"]);
    expect(await names({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "bob" }] })).toEqual(
      [],
    );
    expect(await names({ StartTime: new Date(START + 1000) })).toEqual(["AssumeRole"]);
    expect(await names({ EndTime: new Date(START + 1000) })).toEqual(["GetCallerIdentity"]);
    await expect(
      lookup({
        LookupAttributes: [
          { AttributeKey: "Username", AttributeValue: "alice" },
          { AttributeKey: "ReadOnly", AttributeValue: "true" },
        ],
      }),
    ).rejects.toMatchObject({ name: "InvalidLookupAttributesException" });
    await expect(
      lookup({ StartTime: new Date(START + 1000), EndTime: new Date(START) }),
    ).rejects.toMatchObject({
      name: "InvalidTimeRangeException",
    });
  });

  it("pages at most 50 events with NextToken", async () => {
    const credentials = await alice();
    const sts = new STSClient(clientConfig(sandbox, { credentials }));
    for (let i = 0; i < 60; i++) {
      now += 10;
      await sts.send(new GetCallerIdentityCommand({}));
    }
    const first = await lookup();
    expect(first.Events).toHaveLength(50);
    expect(first.NextToken).toBeDefined();
    const second = await lookup({ NextToken: first.NextToken });
    expect(second.Events).toHaveLength(10);
    expect(second.NextToken).toBeUndefined();
    const ids = new Set([...first.Events!, ...second.Events!].map((e) => e.EventId));
    expect(ids.size).toBe(60);
    const times = [...first.Events!, ...second.Events!].map((e) => e.EventTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await expect(lookup({ MaxResults: 51 })).rejects.toMatchObject({ name: "InvalidMaxResultsException" });
    await expect(lookup({ NextToken: "nonsense" })).rejects.toMatchObject({
      name: "InvalidNextTokenException",
    });
  });

  it("allows 2 requests per second per account and region", async () => {
    const client = trail();
    await client.send(new LookupEventsCommand({}));
    await client.send(new LookupEventsCommand({}));
    await expect(client.send(new LookupEventsCommand({}))).rejects.toMatchObject({
      name: "ThrottlingException",
    });
    await expect(trail(undefined, "eu-west-1").send(new LookupEventsCommand({}))).resolves.toBeTruthy();
    now += 500;
    await expect(client.send(new LookupEventsCommand({}))).resolves.toBeTruthy();
  });

  it("refuses callers whose role or policies do not allow cloudtrail:LookupEvents", async () => {
    const assumed = await new STSClient(clientConfig(sandbox)).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MGMT}:role/NoTrailRole`, RoleSessionName: "audit" }),
    );
    await expect(lookup({}, sessionCredentials(assumed.Credentials))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining("cloudtrail:LookupEvents"),
    });
    await expect(lookup({}, await alice())).rejects.toMatchObject({ name: "AccessDeniedException" });
  });
});
