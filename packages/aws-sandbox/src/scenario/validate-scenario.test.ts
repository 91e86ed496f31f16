import { describe, expect, it } from "vitest";
import { testScenario } from "../test-support/test-scenario.ts";
import { DEMO_SCENARIO_PATH, loadScenario } from "./load-scenario.ts";
import { ScenarioError, validateScenario } from "./validate-scenario.ts";

const problemsOf = (input: unknown): string[] => {
  try {
    validateScenario(input);
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
};

describe("validateScenario", () => {
  it("accepts the test and demo scenarios", () => {
    expect(problemsOf(testScenario())).toEqual([]);
    expect(loadScenario(DEMO_SCENARIO_PATH).organization?.managementAccountId).toBe("111111111111");
  });

  it("rejects non-objects and missing sections", () => {
    expect(problemsOf(null)).toEqual(["scenario must be an object"]);
    expect(problemsOf({})).toHaveLength(2);
  });

  it("reports dangling references and duplicates together", () => {
    const scenario = testScenario();
    scenario.accounts["12345"] = { name: "short id" };
    scenario.accounts["111111111111"]!.roles!.push({ name: "PortcullisManagementRole" });
    scenario.accounts["222222222222"]!.buckets!.push({ name: "mgmt-tagged" });
    scenario.organization!.root.accounts!.push("222222222222", "888888888888");
    scenario.credentials.push({
      accessKeyId: "AKIATESTBASE",
      secretAccessKey: "x",
      accountId: "777777777777",
    });
    scenario.identityCenter!.groups![1]!.members = ["user-9"];
    scenario.accounts["111111111111"]!.groups!.push({
      name: "loose",
      policies: { all: { Statement: [{}] } },
    });
    scenario.identityCenter!.users!.push({ id: "user-0", userName: "person1@example.com" });
    const problems = problemsOf(scenario);
    expect(problems).toEqual(
      expect.arrayContaining([
        "accounts.12345: account id must be 12 digits",
        "accounts.111111111111.roles: duplicate name PortcullisManagementRole",
        "accounts.222222222222.buckets: bucket name mgmt-tagged is not unique",
        "organization.root > Prod: account 222222222222 appears twice in the tree",
        "organization.root: account 888888888888 is not in accounts",
        "credentials[3]: duplicate accessKeyId AKIATESTBASE",
        "credentials[3]: accountId 777777777777 is not in accounts",
        "identityCenter.users[3]: duplicate id user-0",
        "identityCenter.users[3]: duplicate userName person1@example.com",
        "identityCenter.groups[1].members: user user-9 is not in identityCenter.users",
        "accounts.111111111111.groups.loose.policies.all: Each Statement needs an Effect of Allow or Deny.",
      ]),
    );
  });
});
