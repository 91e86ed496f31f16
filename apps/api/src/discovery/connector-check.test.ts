import { type Sandbox, startSandbox } from "@portcullis/aws-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectorCheckTarget } from "../core/connector-check.types.ts";
import { createAwsConnectorChecker, roleNameOfCaller } from "./connector-check.ts";
import { createDiscoveryRuntime, type DiscoveryRuntime } from "./runtime.ts";
import { pointSdkAt } from "./testing/sdk-env.ts";
import { testDiscoveryConfig } from "./testing/test-config.ts";
import { CONNECTOR_ROLE, EXTERNAL_ID, MGMT, REGION, testScenario } from "./testing/test-scenario.ts";

let sandbox: Sandbox;
const runtimes: DiscoveryRuntime[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  pointSdkAt(sandbox.url);
});
afterAll(async () => {
  for (const runtime of runtimes) runtime.close();
  await sandbox.close();
});

function checker(
  options: {
    ec2?: boolean;
    credentials?: () => Promise<never> | Promise<{ accessKeyId: string; secretAccessKey: string }>;
  } = {},
) {
  const runtime = createDiscoveryRuntime(testDiscoveryConfig({ maxAttempts: 2 }), {
    baseCredentials: options.credentials,
  });
  runtimes.push(runtime);
  return createAwsConnectorChecker({ runtime, usesEc2: async () => options.ec2 ?? false });
}

const connector = (roleArn: string | null, externalId = "ext-1"): ConnectorCheckTarget => ({
  id: "c1",
  name: "c1",
  roleArn,
  externalId,
  region: REGION,
  isSandbox: false,
});

describe("the AWS connector check", () => {
  it("connects through the role, and reports the account and identity", async () => {
    const result = await checker().check(connector(CONNECTOR_ROLE));
    expect(result).toEqual({
      ok: true,
      accountId: MGMT,
      callerArn: `arn:aws:sts::${MGMT}:assumed-role/PortcullisConnectorRole/portcullis-discovery`,
      message: `Connected to AWS account ${MGMT} as arn:aws:sts::${MGMT}:assumed-role/PortcullisConnectorRole/portcullis-discovery.`,
      errorCode: null,
      warnings: [],
    });
  });

  it("uses the base credentials when the connector has no role", async () => {
    const result = await checker().check(connector(null));
    expect(result).toMatchObject({
      ok: true,
      accountId: MGMT,
      callerArn: `arn:aws:iam::${MGMT}:user/portcullis`,
    });
  });

  it("passes the connector's external id", async () => {
    const role = `arn:aws:iam::${MGMT}:role/ExternalIdRole`;
    expect((await checker().check(connector(role, EXTERNAL_ID))).ok).toBe(true);
    const wrong = await checker().check(connector(role, "another-id"));
    expect(wrong).toMatchObject({ ok: false, errorCode: "AccessDenied", accountId: MGMT });
    expect(wrong.message).toBe(
      `arn:aws:iam::${MGMT}:user/portcullis cannot assume ${role} (AccessDenied). Edit the role's trust policy to allow arn:aws:iam::${MGMT}:user/portcullis (or its account ${MGMT}) to call sts:AssumeRole with the external id another-id.`,
    );
  });

  it("says what to fix when the credentials are unknown or missing", async () => {
    const bad = await checker({
      credentials: async () => ({ accessKeyId: "AKIAUNKNOWN", secretAccessKey: "nope" }),
    }).check(connector(CONNECTOR_ROLE));
    expect(bad).toMatchObject({
      ok: false,
      errorCode: "InvalidClientTokenId",
      accountId: null,
      callerArn: null,
    });
    expect(bad.message).toContain(
      "AWS does not recognise the access key Portcullis uses (InvalidClientTokenId)",
    );
    const none = await checker({
      credentials: async () => {
        throw Object.assign(new Error("Could not load credentials from any providers"), {
          name: "CredentialsProviderError",
        });
      },
    }).check(connector(CONNECTOR_ROLE));
    expect(none).toMatchObject({ ok: false, errorCode: "NoCredentials" });
    expect(none.message).toContain("No AWS credentials are configured");
  });

  it("says when AWS cannot be reached", async () => {
    const closed = await startSandbox({ scenario: testScenario() });
    const url = closed.url;
    await closed.close();
    pointSdkAt(url);
    try {
      const result = await checker().check(connector(CONNECTOR_ROLE));
      expect(result).toMatchObject({ ok: false, errorCode: "ECONNREFUSED" });
      expect(result.message).toContain("AWS STS could not be reached");
    } finally {
      pointSdkAt(sandbox.url);
    }
  });

  it("warns, with the fix, when EC2 is selected and the role lacks AmazonSSMManagedInstanceCore", async () => {
    const withPolicy = await checker({ ec2: true }).check(connector(CONNECTOR_ROLE));
    expect(withPolicy).toMatchObject({ ok: true, warnings: [] });
    const without = await checker({ ec2: true }).check(connector(`arn:aws:iam::${MGMT}:role/NoSsmRole`));
    expect(without.ok).toBe(true);
    expect(without.warnings).toEqual([
      "The role NoSsmRole does not have the AmazonSSMManagedInstanceCore policy attached, which EC2 access needs. Attach arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore to NoSsmRole.",
    ]);
    // Without EC2, the policy is not asked about.
    expect((await checker().check(connector(`arn:aws:iam::${MGMT}:role/NoSsmRole`))).warnings).toEqual([]);
  });

  it("reads the role out of caller ARNs", () => {
    expect(roleNameOfCaller("arn:aws:sts::111111111111:assumed-role/Conn/session")).toBe("Conn");
    expect(roleNameOfCaller("arn:aws:iam::111111111111:role/path/Conn")).toBe("Conn");
    expect(roleNameOfCaller("arn:aws:iam::111111111111:user/me")).toBeNull();
  });
});
