import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig, sessionCredentials } from "../test-support/clients.ts";
import { BROKEN, MEMBER, MGMT, testScenario } from "../test-support/test-scenario.ts";
import { CallLog, type CallRecord } from "./call-log.ts";

describe("CallLog", () => {
  const record = (operation: string): CallRecord => ({
    at: 0,
    service: "iam",
    operation,
    region: "us-east-1",
    status: 200,
    throttled: false,
    durationMs: 1,
  });

  it("keeps the newest records once full", () => {
    const log = new CallLog(3);
    for (const op of ["a", "b", "c", "d", "e"]) log.add(record(op));
    expect(log.all().map((r) => r.operation)).toEqual(["c", "d", "e"]);
    expect(log.dropped).toBe(2);
    expect(log.count({ operation: "e" })).toBe(1);
    log.reset();
    expect(log.size).toBe(0);
  });
});

describe("sandbox call log", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: testScenario() });
  });
  afterAll(() => sandbox.close());

  it("records caller, target account, status and errors for every call", async () => {
    const sts = new STSClient(clientConfig(sandbox));
    await sts.send(new GetCallerIdentityCommand({}));
    const role = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
        RoleSessionName: "log",
      }),
    );
    await sts
      .send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${BROKEN}:role/OrganizationAccountAccessRole`,
          RoleSessionName: "log",
        }),
      )
      .catch(() => undefined);
    await new IAMClient(
      clientConfig(sandbox, { credentials: sessionCredentials(role.Credentials), region: "eu-west-1" }),
    ).send(new ListRolesCommand({}));

    const assumeCalls = sandbox.calls({ operation: "AssumeRole" });
    expect(assumeCalls.map((c) => [c.targetAccountId, c.status, c.errorCode])).toEqual([
      [MEMBER, 200, undefined],
      [BROKEN, 403, "AccessDenied"],
    ]);
    const [listRoles] = sandbox.calls({ service: "iam" });
    expect(listRoles).toMatchObject({
      service: "iam",
      operation: "ListRoles",
      region: "eu-west-1",
      callerAccountId: MGMT,
      callerArn: `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/log`,
      targetAccountId: MEMBER,
      status: 200,
      throttled: false,
    });
    expect(listRoles!.at).toBeGreaterThan(0);
    expect(listRoles!.durationMs).toBeGreaterThanOrEqual(0);

    expect(sandbox.calledAccounts()).toEqual([MGMT, MEMBER, BROKEN].sort());
    expect(sandbox.calledAccounts({ service: "iam" })).toEqual([MEMBER]);
    expect(sandbox.calls({ accountId: MEMBER })).toHaveLength(2);
    expect(sandbox.callCounts()).toEqual({
      "sts:GetCallerIdentity": 1,
      "sts:AssumeRole": 2,
      "iam:ListRoles": 1,
    });
    expect(sandbox.callCount({ errorCode: "AccessDenied" })).toBe(1);

    sandbox.resetCalls();
    expect(sandbox.calls()).toEqual([]);
  });

  it("logs authentication failures without a caller", async () => {
    sandbox.resetCalls();
    await new STSClient(
      clientConfig(sandbox, { credentials: { accessKeyId: "AKIANOPE", secretAccessKey: "x" } }),
    )
      .send(new GetCallerIdentityCommand({}))
      .catch(() => undefined);
    expect(sandbox.calls()).toEqual([
      expect.objectContaining({
        service: "sts",
        status: 403,
        errorCode: "InvalidClientTokenId",
        callerArn: undefined,
      }),
    ]);
  });
});
