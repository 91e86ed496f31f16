import { DescribeInstancesCommand, EC2Client, paginateDescribeInstances } from "@aws-sdk/client-ec2";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig, sessionCredentials } from "../test-support/clients.ts";
import { MEMBER, MEMBER_KEY, testScenario } from "../test-support/test-scenario.ts";

let sandbox: Sandbox;
let ec2: EC2Client;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  ec2 = new EC2Client(clientConfig(sandbox, { credentials: MEMBER_KEY }));
});
afterAll(() => sandbox.close());

describe("EC2 DescribeInstances", () => {
  it("returns reservations with instance details", async () => {
    const result = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: ["i-00000000000000000", "i-00000000000000001"] }),
    );
    expect(result.Reservations).toHaveLength(1);
    const reservation = result.Reservations![0]!;
    expect(reservation.ReservationId).toBe("r-00000000000000000");
    expect(reservation.OwnerId).toBe(MEMBER);
    const [first, second] = reservation.Instances!;
    expect(first).toMatchObject({
      InstanceId: "i-00000000000000000",
      InstanceType: "m5.large",
      State: { Code: 80, Name: "stopped" },
      PrivateIpAddress: "10.0.0.4",
      Placement: { AvailabilityZone: "us-east-1a" },
      Tags: [
        { Key: "Name", Value: "app-0" },
        { Key: "owner", Value: "bob@example.com" },
      ],
    });
    expect(first!.LaunchTime).toBeInstanceOf(Date);
    expect(second).toMatchObject({ InstanceId: "i-00000000000000001", State: { Code: 16, Name: "running" } });
    expect(result.NextToken).toBeUndefined();
  });

  it("paginates with MaxResults/NextToken", async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 10 }, {})) {
      pages++;
      const count = page.Reservations!.flatMap((r) => r.Instances!).length;
      expect(count).toBeLessThanOrEqual(10);
      ids.push(...page.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!)));
    }
    expect(pages).toBe(3);
    expect(ids).toHaveLength(27);
    expect(new Set(ids).size).toBe(27);
  });

  it("returns everything without MaxResults", async () => {
    const result = await ec2.send(new DescribeInstancesCommand({}));
    expect(result.Reservations!.flatMap((r) => r.Instances!)).toHaveLength(27);
  });

  it("filters by state, type and tag", async () => {
    const result = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: "instance-state-name", Values: ["running"] },
          { Name: "instance-type", Values: ["m5.*"] },
          { Name: "tag:owner", Values: ["bob@example.com"] },
        ],
      }),
    );
    const instances = result.Reservations!.flatMap((r) => r.Instances!);
    // i % 3 === 0 are m5.large; i % 4 === 0 are stopped.
    expect(instances.map((i) => i.InstanceId)).toEqual(
      [3, 6, 9, 15, 18, 21].map((n) => `i-${String(n).padStart(17, "0")}`),
    );
  });

  it("rejects bad page sizes, unknown ids and unknown filters like EC2", async () => {
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 2 }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
    });
    await expect(
      ec2.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: ["i-00000000000000000"] })),
    ).rejects.toMatchObject({ name: "InvalidParameterCombination" });
    await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: ["i-nope"] }))).rejects.toMatchObject({
      name: "InvalidInstanceID.NotFound",
      message: "The instance ID 'i-nope' does not exist",
    });
    await expect(
      ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: "bogus", Values: ["x"] }] })),
    ).rejects.toMatchObject({ name: "InvalidParameterValue" });
  });

  it("is empty in regions without instances and for other accounts", async () => {
    const other = new EC2Client(clientConfig(sandbox, { credentials: MEMBER_KEY, region: "eu-west-1" }));
    expect((await other.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
    const mgmt = new EC2Client(clientConfig(sandbox));
    expect((await mgmt.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
  });

  it("reads the member account through an assumed role", async () => {
    const sts = new STSClient(clientConfig(sandbox));
    const role = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
        RoleSessionName: "ec2",
      }),
    );
    const client = new EC2Client(
      clientConfig(sandbox, { credentials: sessionCredentials(role.Credentials) }),
    );
    const result = await client.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(result.Reservations!.flatMap((r) => r.Instances!)).toHaveLength(5);
    expect(result.NextToken).toBeTruthy();
  });

  it("answers AuthFailure for unknown keys", async () => {
    const client = new EC2Client(
      clientConfig(sandbox, { credentials: { accessKeyId: "AKIANOPE", secretAccessKey: "x" } }),
    );
    await expect(client.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({
      name: "AuthFailure",
      $metadata: { httpStatusCode: 401 },
    });
  });
});
