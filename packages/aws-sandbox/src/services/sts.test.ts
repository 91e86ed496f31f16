import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig, sessionCredentials } from "../test-support/clients.ts";
import { BASE_KEY, BROKEN, MEMBER, MGMT, testScenario } from "../test-support/test-scenario.ts";

let now = Date.parse("2025-06-01T12:00:00Z");
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario(), clock: () => now });
});
afterAll(() => sandbox.close());

const sts = (options: Parameters<typeof clientConfig>[1] = {}) =>
  new STSClient(clientConfig(sandbox, options));

const assume = (roleArn: string, extra: { ExternalId?: string; DurationSeconds?: number } = {}) =>
  sts().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "portcullis", ...extra }));

describe("STS", () => {
  it("GetCallerIdentity returns the base credential's identity", async () => {
    const identity = await sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(MGMT);
    expect(identity.Arn).toBe(`arn:aws:iam::${MGMT}:user/portcullis`);
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it("AssumeRole returns temporary credentials that act as the role", async () => {
    const result = await assume(`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, {
      DurationSeconds: 900,
    });
    expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(result.Credentials?.SessionToken).toBeTruthy();
    expect(result.Credentials?.Expiration?.getTime()).toBe(now + 900_000);
    expect(result.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/portcullis`,
    );
    const identity = await sts({ credentials: sessionCredentials(result.Credentials) }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Account).toBe(MEMBER);
    expect(identity.Arn).toBe(result.AssumedRoleUser?.Arn);
    expect(identity.UserId).toBe(result.AssumedRoleUser?.AssumedRoleId);
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:portcullis$/);
  });

  it("denies a role missing from the account with AWS's message", async () => {
    const arn = `arn:aws:iam::${BROKEN}:role/OrganizationAccountAccessRole`;
    const error = await assume(arn).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:iam::${MGMT}:user/portcullis is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("denies unassumable roles, untrusted callers and a wrong or missing external id", async () => {
    for (const [name, extra] of [
      ["LockedRole", {}],
      ["TrustingRole", {}],
      ["ExternalRole", {}],
      ["ExternalRole", { ExternalId: "wrong" }],
    ] as const) {
      await expect(assume(`arn:aws:iam::${MGMT}:role/${name}`, extra)).rejects.toMatchObject({
        name: "AccessDenied",
      });
    }
    const ok = await assume(`arn:aws:iam::${MGMT}:role/ExternalRole`, { ExternalId: "secret-ext-id" });
    expect(ok.AssumedRoleUser?.Arn).toContain("assumed-role/ExternalRole/");
  });

  it("requires the role path in the ARN to match", async () => {
    await expect(assume(`arn:aws:iam::${MGMT}:role/team/filler-001`)).rejects.toMatchObject({
      name: "AccessDenied",
    });
    await expect(assume(`arn:aws:iam::${MGMT}:role/team/filler-000`)).resolves.toBeTruthy();
  });

  it("validates DurationSeconds against the role and role chaining", async () => {
    await expect(
      assume(`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, { DurationSeconds: 7200 }),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining("MaxSessionDuration"),
    });
    const long = await assume(`arn:aws:iam::${MGMT}:role/LongRole`, { DurationSeconds: 7200 });
    const chained = new STSClient(
      clientConfig(sandbox, { credentials: sessionCredentials(long.Credentials) }),
    );
    await expect(
      chained.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
          RoleSessionName: "chained",
          DurationSeconds: 3601,
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationError", message: expect.stringContaining("role chaining") });
    const ok = await chained.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
        RoleSessionName: "chained",
      }),
    );
    expect(ok.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/chained`,
    );
  });

  it("rejects unknown keys, wrong session tokens and expired sessions", async () => {
    await expect(
      sts({ credentials: { accessKeyId: "AKIAUNKNOWN", secretAccessKey: "x" } }).send(
        new GetCallerIdentityCommand({}),
      ),
    ).rejects.toMatchObject({ name: "InvalidClientTokenId", $metadata: { httpStatusCode: 403 } });

    const result = await assume(`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, {
      DurationSeconds: 900,
    });
    const creds = sessionCredentials(result.Credentials);
    await expect(
      sts({ credentials: { ...creds, sessionToken: "forged" } }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: "InvalidClientTokenId" });

    now += 901_000;
    await expect(sts({ credentials: creds }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "ExpiredToken",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("expireSessions() ends every temporary session", async () => {
    const result = await assume(`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`);
    sandbox.expireSessions();
    await expect(
      sts({ credentials: sessionCredentials(result.Credentials) }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: "ExpiredToken" });
    // Long-lived keys are unaffected.
    await expect(sts({ credentials: BASE_KEY }).send(new GetCallerIdentityCommand({}))).resolves.toBeTruthy();
  });

  it("answers in any region from the credential scope", async () => {
    const identity = await sts({ region: "ap-southeast-2" }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(MGMT);
    expect(sandbox.calls({ service: "sts" }).some((c) => c.region === "ap-southeast-2")).toBe(true);
  });
});
