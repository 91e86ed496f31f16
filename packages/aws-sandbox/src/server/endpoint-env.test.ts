import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { ListRootsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../test-support/quiet-sdk.ts";
import { BASE_KEY, MGMT, testScenario } from "../test-support/test-scenario.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";

describe("AWS_ENDPOINT_URL", () => {
  let sandbox: Sandbox;
  const saved = process.env.AWS_ENDPOINT_URL;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: testScenario() });
    process.env.AWS_ENDPOINT_URL = sandbox.url;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved;
    await sandbox.close();
  });

  it("routes clients configured only through the environment", async () => {
    const config = { region: "us-east-1", credentials: BASE_KEY };
    expect((await new STSClient(config).send(new GetCallerIdentityCommand({}))).Account).toBe(MGMT);
    expect((await new IAMClient(config).send(new ListRolesCommand({ MaxItems: 1 }))).Roles).toHaveLength(1);
    expect((await new OrganizationsClient(config).send(new ListRootsCommand({}))).Roots).toHaveLength(1);
  });

  it("answers a health check and unknown services", async () => {
    expect(await (await fetch(`${sandbox.url}/_sandbox/health`)).json()).toEqual({ ok: true });
    const response = await fetch(sandbox.url, {
      method: "POST",
      headers: {
        authorization: "AWS4-HMAC-SHA256 Credential=AKIATESTBASE/20250101/us-east-1/lambda/aws4_request",
      },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: "UnknownServiceException" });
  });

  it("answers unknown operations in the service's format", async () => {
    const response = await fetch(sandbox.url, {
      method: "POST",
      headers: {
        authorization: "AWS4-HMAC-SHA256 Credential=AKIATESTBASE/20250101/us-east-1/iam/aws4_request",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "Action=DeleteRole&Version=2010-05-08&RoleName=x",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>InvalidAction</Code>");
  });
});
