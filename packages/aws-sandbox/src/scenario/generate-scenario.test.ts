import { OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { startSandbox } from "../server/start-sandbox.ts";
import { clientConfig } from "../test-support/clients.ts";
import { GENERATED_CREDENTIALS, generateScenario } from "./generate-scenario.ts";
import type { OuSpec } from "./types.ts";
import { validateScenario } from "./validate-scenario.ts";

function treeStats(ous: OuSpec[], level = 1): { ous: number; depth: number; accounts: number } {
  let stats = { ous: 0, depth: 0, accounts: 0 };
  for (const ou of ous) {
    const inner = treeStats(ou.ous ?? [], level + 1);
    stats = {
      ous: stats.ous + 1 + inner.ous,
      depth: Math.max(stats.depth, level, inner.depth),
      accounts: stats.accounts + (ou.accounts?.length ?? 0) + inner.accounts,
    };
  }
  return stats;
}

describe("generateScenario", () => {
  it("is deterministic for a seed", () => {
    const options = { accounts: 30, ous: 5, depth: 3, seed: 7 };
    expect(generateScenario(options)).toEqual(generateScenario(options));
    expect(generateScenario({ ...options, seed: 8 })).not.toEqual(generateScenario(options));
  });

  it("produces the requested sizes", () => {
    const scenario = generateScenario({
      accounts: 50,
      ous: 8,
      depth: 3,
      regions: ["us-east-1", "eu-west-1", "ap-south-1"],
      rolesPerAccount: 4,
      bucketsPerAccount: 2,
      instancesPerRegion: 3,
      dbInstancesPerRegion: 2,
      excludedOuAccounts: 5,
      seed: 3,
    });
    validateScenario(scenario);
    const accounts = Object.values(scenario.accounts);
    expect(accounts).toHaveLength(50);
    const root = scenario.organization!.root;
    const stats = treeStats(root.ous ?? []);
    expect(stats.ous).toBe(9);
    expect(stats.depth).toBeLessThanOrEqual(3);
    expect(stats.accounts + (root.accounts?.length ?? 0)).toBe(50);
    expect(root.ous!.find((ou) => ou.name === "Excluded")!.accounts).toHaveLength(5);
    for (const account of accounts) {
      expect(account.roles).toHaveLength(4);
      expect(account.buckets).toHaveLength(2);
      expect(Object.keys(account.regions!)).toHaveLength(3);
      for (const region of Object.values(account.regions!)) {
        expect(region.instances).toHaveLength(3);
        expect(region.dbInstances).toHaveLength(2);
      }
    }
    // Identity Center people: two per team group, each a member of it.
    const ic = scenario.identityCenter!;
    expect(ic.users).toHaveLength(ic.groups!.length * 2);
    for (const group of ic.groups!) expect(group.members).toHaveLength(2);
  });

  // How fast it is belongs to `pnpm bench`; a time limit here only failed on a busy machine.
  it("makes 2,000 accounts and serves them", { timeout: 30_000 }, async () => {
    const scenario = generateScenario({ accounts: 2000, ous: 40, depth: 4, seed: 1 });
    validateScenario(scenario);
    expect(Object.keys(scenario.accounts)).toHaveLength(2000);

    const sandbox = await startSandbox({ scenario });
    try {
      const credentials = { ...GENERATED_CREDENTIALS };
      const orgs = new OrganizationsClient(clientConfig(sandbox, { credentials }));
      let count = 0;
      for await (const page of paginateListAccounts({ client: orgs }, {})) count += page.Accounts!.length;
      expect(count).toBe(2000);
      const member = Object.keys(scenario.accounts)[1999]!;
      const sts = new STSClient(clientConfig(sandbox, { credentials }));
      const role = await sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
          RoleSessionName: "gen",
        }),
      );
      expect(role.AssumedRoleUser?.Arn).toContain(member);
    } finally {
      await sandbox.close();
    }
  });
});
