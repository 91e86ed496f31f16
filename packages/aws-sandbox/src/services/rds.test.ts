import { DescribeDBInstancesCommand, paginateDescribeDBInstances, RDSClient } from "@aws-sdk/client-rds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig } from "../test-support/clients.ts";
import { MEMBER, MEMBER_KEY, testScenario } from "../test-support/test-scenario.ts";

let sandbox: Sandbox;
let rds: RDSClient;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  rds = new RDSClient(clientConfig(sandbox, { credentials: MEMBER_KEY }));
});
afterAll(() => sandbox.close());

describe("RDS DescribeDBInstances", () => {
  it("returns instances with TagList and endpoint", async () => {
    const result = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: "db-0" }));
    expect(result.DBInstances).toHaveLength(1);
    expect(result.DBInstances![0]).toMatchObject({
      DBInstanceIdentifier: "db-0",
      Engine: "postgres",
      DBInstanceStatus: "available",
      DBInstanceClass: "db.t3.micro",
      DBInstanceArn: `arn:aws:rds:us-east-1:${MEMBER}:db:db-0`,
      Endpoint: { Port: 5432 },
      MultiAZ: false,
      TagList: [{ Key: "owner", Value: "bob@example.com" }],
    });
    expect(result.DBInstances![0]!.InstanceCreateTime).toBeInstanceOf(Date);
  });

  it("pages with MaxRecords/Marker (default 100, minimum 20)", async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeDBInstances({ client: rds, pageSize: 20 }, {})) {
      pages++;
      ids.push(...page.DBInstances!.map((db) => db.DBInstanceIdentifier!));
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(45);
    const all = await rds.send(new DescribeDBInstancesCommand({}));
    expect(all.DBInstances).toHaveLength(45);
    expect(all.Marker).toBeUndefined();
    await expect(rds.send(new DescribeDBInstancesCommand({ MaxRecords: 5 }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
    });
  });

  it("filters by engine and reports unknown identifiers", async () => {
    const mysql = await rds.send(
      new DescribeDBInstancesCommand({ Filters: [{ Name: "engine", Values: ["mysql"] }] }),
    );
    expect(mysql.DBInstances).toHaveLength(22);
    await expect(
      rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: "nope" })),
    ).rejects.toMatchObject({
      name: "DBInstanceNotFoundFault",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("is empty in another region", async () => {
    const eu = new RDSClient(clientConfig(sandbox, { credentials: MEMBER_KEY, region: "eu-west-1" }));
    expect((await eu.send(new DescribeDBInstancesCommand({}))).DBInstances).toEqual([]);
  });
});
