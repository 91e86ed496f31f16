import { describe, expect, it } from "vitest";
import { DEFAULT_DISCOVERY_CONFIG } from "../discovery-config.ts";
import { AwsClients, type AwsIdentity } from "./aws-clients.ts";

const credentials = async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" });
const identity = (accountId: string): AwsIdentity => ({
  key: `role:${accountId}`,
  root: "connector",
  accountId,
  credentials,
});

describe("AwsClients", () => {
  it("reuses a client per service, identity and region", async () => {
    const aws = new AwsClients(DEFAULT_DISCOVERY_CONFIG);
    const first = await aws.get("iam", identity("111111111111"), "us-east-1");
    expect(await aws.get("iam", identity("111111111111"), "us-east-1")).toBe(first);
    expect(await aws.get("iam", identity("222222222222"), "us-east-1")).not.toBe(first);
    expect(await aws.get("s3", identity("111111111111"), "eu-west-1")).not.toBe(first);
    aws.destroy();
  });

  it("keeps the most recently used clients only, while the quotas' limiters outlive them", async () => {
    const aws = new AwsClients(DEFAULT_DISCOVERY_CONFIG, { maxClients: 2 });
    const a = await aws.get("iam", identity("111111111111"), "us-east-1");
    const limiter = aws.limiterFor("iam", identity("111111111111"), "us-east-1");
    const b = await aws.get("iam", identity("222222222222"), "us-east-1");
    // Using `a` again makes `b` the least recently used one.
    expect(await aws.get("iam", identity("111111111111"), "us-east-1")).toBe(a);
    await aws.get("iam", identity("333333333333"), "us-east-1");
    expect(await aws.get("iam", identity("111111111111"), "us-east-1")).toBe(a);
    expect(await aws.get("iam", identity("222222222222"), "us-east-1")).not.toBe(b);
    // A client made again for the same account draws on the same quota.
    expect(aws.limiterFor("iam", identity("111111111111"), "us-east-1")).toBe(limiter);
    aws.destroy();
  });
});
