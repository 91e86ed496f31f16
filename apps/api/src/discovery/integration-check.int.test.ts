import type { TIntegrationCheck } from "@portcullis/shared";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ConnectorCheckTarget } from "../core/connector-check.types.ts";
import { createAwsIntegrationChecker, identityStoreOfPortal } from "./integration-check.ts";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import {
  CONNECTOR_ROLE,
  EXCLUDED_OU,
  MANAGEMENT_ROLE,
  MGMT,
  PROD_A,
  REGION,
  testScenario,
} from "./testing/test-scenario.ts";

let h: Harness;
const connector: ConnectorCheckTarget = {
  id: "check-conn",
  name: "Check connector",
  roleArn: CONNECTOR_ROLE,
  externalId: "ext-check",
  region: REGION,
  isSandbox: false,
};

function orgConfig(extra: Record<string, string> = {}) {
  return {
    region: REGION,
    sso_region: REGION,
    sso_portal: "https://d-test000001.awsapps.com/start",
    management_account_role_arn: MANAGEMENT_ROLE,
    excluded_organization_unit_ids: EXCLUDED_OU,
    member_account_role_name: "OrganizationAccountAccessRole",
    ...extra,
  };
}

const byName = (checks: TIntegrationCheck[], name: string) => checks.find((c) => c.name === name);

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario(), workers: false });
});
afterEach(() => {
  h.sandbox.clearFaults();
  h.runtime.sessions.clear();
});
afterAll(async () => {
  await h?.close();
});

describe("integration checks against AWS (the sandbox)", () => {
  const checker = () => createAwsIntegrationChecker({ runtime: h.runtime });

  it("passes every named check of a sound organization setup", async () => {
    const checks = await checker().check({
      type: "aws-organization",
      connector,
      config: orgConfig(),
      resourceTypes: ["aws-organization-permission-set", "aws-organization-iam-role"],
    });
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ["Connector reachable", "passed"],
      ["Management role assumable", "passed"],
      ["Organization readable", "passed"],
      [`Excluded OU ${EXCLUDED_OU} exists`, "passed"],
      ["Identity Center in the SSO Region", "passed"],
      ["SSO Portal belongs to Identity Center", "passed"],
      ["List aws-organization-permission-set", "passed"],
      ["Member role OrganizationAccountAccessRole assumable", "passed"],
      ["List aws-organization-iam-role", "passed"],
    ]);
  });

  it("fails an excluded OU that does not exist, with its field", async () => {
    const checks = await checker().check({
      type: "aws-organization",
      connector,
      config: orgConfig({ excluded_organization_unit_ids: `${EXCLUDED_OU},ou-zzzz-99999999` }),
      resourceTypes: [],
    });
    expect(byName(checks, "Excluded OU ou-zzzz-99999999 exists")).toMatchObject({
      status: "failed",
      field: "integration_config.excluded_organization_unit_ids",
    });
    expect(byName(checks, `Excluded OU ${EXCLUDED_OU} exists`)?.status).toBe("passed");
  });

  it("fails Identity Center in the wrong SSO Region, and a portal of another identity store", async () => {
    const wrongRegion = await checker().check({
      type: "aws-organization",
      connector,
      config: orgConfig({ sso_region: "eu-west-1" }),
      resourceTypes: [],
    });
    expect(byName(wrongRegion, "Identity Center in the SSO Region")).toMatchObject({
      status: "failed",
      field: "integration_config.sso_region",
    });
    const wrongPortal = await checker().check({
      type: "aws-organization",
      connector,
      config: orgConfig({ sso_portal: "https://d-ffff000001.awsapps.com/start" }),
      resourceTypes: [],
    });
    expect(byName(wrongPortal, "SSO Portal belongs to Identity Center")).toMatchObject({
      status: "failed",
      field: "integration_config.sso_portal",
    });
  });

  it("fails the management role when AssumeRole is denied, and skips what depends on it", async () => {
    h.sandbox.addFault({
      type: "error",
      service: "sts",
      operation: "AssumeRole",
      code: "AccessDenied",
      status: 403,
    });
    const checks = await checker().check({
      type: "aws-organization",
      connector: { ...connector, roleArn: null },
      config: orgConfig(),
      resourceTypes: [],
    });
    expect(byName(checks, "Connector reachable")?.status).toBe("passed");
    expect(byName(checks, "Connector reachable")?.message).toContain("server's own credentials");
    expect(byName(checks, "Management role assumable")).toMatchObject({
      status: "failed",
      field: "integration_config.management_account_role_arn",
    });
    expect(byName(checks, "Organization readable")?.status).toBe("skipped");
  });

  it("fails a resource type the role may not list, naming the actions", async () => {
    h.sandbox.addFault({
      type: "error",
      service: "ec2",
      operation: "DescribeInstances",
      code: "UnauthorizedOperation",
      status: 403,
    });
    const checks = await checker().check({
      type: "aws-account",
      connector: { ...connector, roleArn: `arn:aws:iam::${MGMT}:role/NoSsmRole` },
      config: { region: REGION },
      resourceTypes: ["aws-account-ec2-instance", "aws-account-iam-role"],
    });
    expect(byName(checks, "List aws-account-ec2-instance")).toMatchObject({
      status: "failed",
      field: "connected_resource_types",
    });
    expect(byName(checks, "List aws-account-ec2-instance")?.fix).toContain("ec2:DescribeInstances");
    expect(byName(checks, "List aws-account-iam-role")?.status).toBe("passed");
    expect(byName(checks, "SSM policy on the connector role")?.status).toBe("warning");
  });

  it("fails the sample member role when member roles cannot be assumed", async () => {
    h.sandbox.addFault({
      type: "error",
      service: "sts",
      operation: "AssumeRole",
      accountId: PROD_A,
      code: "AccessDenied",
      status: 403,
    });
    const checks = await checker().check({
      type: "aws-organization",
      connector,
      config: orgConfig(),
      resourceTypes: ["aws-organization-iam-role"],
    });
    const member = byName(checks, "Member role OrganizationAccountAccessRole assumable");
    expect(member).toMatchObject({ status: "failed", field: "integration_config.member_account_role_name" });
  });
});

describe("identityStoreOfPortal", () => {
  it("reads the identity store of a d- portal URL, and nothing from an alias", () => {
    expect(identityStoreOfPortal("https://d-test000001.awsapps.com/start")).toBe("d-test000001");
    expect(identityStoreOfPortal("https://my-company.awsapps.com/start")).toBeNull();
    expect(identityStoreOfPortal("not a url")).toBeNull();
  });
});
