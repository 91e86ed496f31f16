import { parsePolicy } from "../auth/policy-evaluator.ts";
import type { IdentityCenterSpec, OuSpec, Scenario } from "./types.ts";

// Collects every problem instead of stopping at the first, so a hand-written scenario
// can be fixed in one pass.
export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid sandbox scenario:\n- ${problems.join("\n- ")}`);
    this.name = "ScenarioError";
  }
}

const ACCOUNT_ID = /^\d{12}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Light, structural validation: enough to catch typos and dangling references early with a
// clear message; it does not re-check every optional field's type.
export function validateScenario(input: unknown): Scenario {
  const problems: string[] = [];
  if (!isRecord(input)) throw new ScenarioError(["scenario must be an object"]);
  if (!isRecord(input.accounts)) problems.push("accounts must be an object keyed by 12-digit account id");
  if (!Array.isArray(input.credentials)) problems.push("credentials must be an array");
  if (problems.length > 0) throw new ScenarioError(problems);

  const scenario = input as Scenario;
  const bucketNames = new Set<string>();
  for (const [accountId, account] of Object.entries(scenario.accounts)) {
    const at = `accounts.${accountId}`;
    if (!ACCOUNT_ID.test(accountId)) problems.push(`${at}: account id must be 12 digits`);
    if (!isRecord(account)) {
      problems.push(`${at} must be an object`);
      continue;
    }
    if (typeof account.name !== "string") problems.push(`${at}.name must be a string`);
    checkNamed(account.roles, `${at}.roles`, problems);
    checkNamed(account.users, `${at}.users`, problems);
    checkNamed(account.groups, `${at}.groups`, problems);
    for (const group of account.groups ?? []) {
      for (const [name, document] of Object.entries(group.policies ?? {})) {
        try {
          parsePolicy(JSON.stringify(document));
        } catch (error) {
          problems.push(`${at}.groups.${group.name}.policies.${name}: ${(error as Error).message}`);
        }
      }
    }
    checkNamed(account.buckets, `${at}.buckets`, problems);
    for (const bucket of account.buckets ?? []) {
      if (bucketNames.has(bucket.name))
        problems.push(`${at}.buckets: bucket name ${bucket.name} is not unique`);
      bucketNames.add(bucket.name);
    }
    for (const [region, spec] of Object.entries(account.regions ?? {})) {
      for (const instance of spec.instances ?? []) {
        if (typeof instance.id !== "string")
          problems.push(`${at}.regions.${region}.instances: id is required`);
      }
      for (const db of spec.dbInstances ?? []) {
        if (typeof db.id !== "string" || typeof db.engine !== "string") {
          problems.push(`${at}.regions.${region}.dbInstances: id and engine are required`);
        }
      }
    }
  }

  if (scenario.organization !== undefined) checkOrganization(scenario, problems);

  const keys = new Set<string>();
  scenario.credentials.forEach((credential, index) => {
    const at = `credentials[${index}]`;
    if (typeof credential.accessKeyId !== "string" || typeof credential.secretAccessKey !== "string") {
      problems.push(`${at}: accessKeyId and secretAccessKey are required`);
    }
    if (keys.has(credential.accessKeyId))
      problems.push(`${at}: duplicate accessKeyId ${credential.accessKeyId}`);
    keys.add(credential.accessKeyId);
    if (!(credential.accountId in scenario.accounts)) {
      problems.push(`${at}: accountId ${credential.accountId} is not in accounts`);
    }
  });

  const ic = scenario.identityCenter;
  if (ic !== undefined) {
    for (const field of ["instanceArn", "identityStoreId", "region"] as const) {
      if (typeof ic[field] !== "string") problems.push(`identityCenter.${field} must be a string`);
    }
    checkNamed(ic.permissionSets, "identityCenter.permissionSets", problems);
    checkIdentityStore(ic, problems);
  }

  if (problems.length > 0) throw new ScenarioError(problems);
  return scenario;
}

function checkIdentityStore(ic: IdentityCenterSpec, problems: string[]): void {
  const userIds = new Set<string>();
  const userNames = new Set<string>();
  for (const [index, user] of (ic.users ?? []).entries()) {
    const at = `identityCenter.users[${index}]`;
    if (!isRecord(user) || typeof user.id !== "string" || typeof user.userName !== "string") {
      problems.push(`${at}: id and userName are required`);
      continue;
    }
    if (userIds.has(user.id)) problems.push(`${at}: duplicate id ${user.id}`);
    if (userNames.has(user.userName)) problems.push(`${at}: duplicate userName ${user.userName}`);
    userIds.add(user.id);
    userNames.add(user.userName);
  }
  const groupIds = new Set<string>();
  for (const [index, group] of (ic.groups ?? []).entries()) {
    const at = `identityCenter.groups[${index}]`;
    if (!isRecord(group) || typeof group.id !== "string" || typeof group.displayName !== "string") {
      problems.push(`${at}: id and displayName are required`);
      continue;
    }
    if (groupIds.has(group.id)) problems.push(`${at}: duplicate id ${group.id}`);
    groupIds.add(group.id);
    for (const member of group.members ?? []) {
      if (!userIds.has(member)) problems.push(`${at}.members: user ${member} is not in identityCenter.users`);
    }
  }
}

function checkNamed(list: unknown, at: string, problems: string[]): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`${at} must be an array`);
    return;
  }
  const seen = new Set<string>();
  for (const item of list) {
    if (!isRecord(item) || typeof item.name !== "string") {
      problems.push(`${at}: every entry needs a name`);
      continue;
    }
    if (seen.has(item.name)) problems.push(`${at}: duplicate name ${item.name}`);
    seen.add(item.name);
  }
}

function checkOrganization(scenario: Scenario, problems: string[]): void {
  const org = scenario.organization!;
  if (typeof org.id !== "string" || !org.id.startsWith("o-"))
    problems.push("organization.id must look like o-xxxxxxxxxx");
  if (!isRecord(org.root) || typeof org.root.id !== "string" || !org.root.id.startsWith("r-")) {
    problems.push("organization.root.id must look like r-xxxx");
    return;
  }
  const placed = new Set<string>();
  const ouIds = new Set<string>();
  const walk = (accounts: string[] | undefined, ous: OuSpec[] | undefined, at: string) => {
    for (const accountId of accounts ?? []) {
      if (!(accountId in scenario.accounts)) problems.push(`${at}: account ${accountId} is not in accounts`);
      if (placed.has(accountId)) problems.push(`${at}: account ${accountId} appears twice in the tree`);
      placed.add(accountId);
    }
    for (const ou of ous ?? []) {
      if (typeof ou.id !== "string" || !ou.id.startsWith("ou-"))
        problems.push(`${at}: OU id must look like ou-xxxx-xxxxxxxx`);
      if (ouIds.has(ou.id)) problems.push(`${at}: duplicate OU id ${ou.id}`);
      ouIds.add(ou.id);
      walk(ou.accounts, ou.ous, `${at} > ${ou.name}`);
    }
  };
  walk(org.root.accounts, org.root.ous, "organization.root");
  if (!placed.has(org.managementAccountId)) {
    problems.push(`organization: management account ${org.managementAccountId} must be placed in the tree`);
  }
}
