import type { IdentityUserSpec, Scenario } from "@portcullis/aws-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DISCOVERY_CONFIG } from "./discovery-config.ts";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import { TEST_PAGE_SIZES } from "./testing/test-config.ts";
import { MGMT, testScenario } from "./testing/test-scenario.ts";

// An identity store of 230 users (three pages of ListUsers at MaxResults 100) in 43 groups (more
// ListGroupMemberships calls than the quota's burst), read during an organization integration's
// fetch into the integration's identity source.

const USERS = 230;
const TEAMS = 40;
const userId = (i: number) => `9067${String(i).padStart(8, "0")}-idc-user`;

function users(count: number): IdentityUserSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: userId(i),
    userName: `user${i}@corp.example`,
    displayName: `User ${i}`,
    givenName: "User",
    familyName: String(i),
    email: `User${i}@Corp.Example`,
  }));
}

type Change = { without?: number[]; members?: Record<string, number[]>; deny?: string[] };

/** The test organization with a populated identity store; `change` removes users, sets members, denies actions. */
function scenario(change: Change = {}): Scenario {
  const base = testScenario();
  const members = {
    "group-0": [0, 1, 2],
    "group-1": Array.from({ length: 120 }, (_, i) => i + 100), // two pages of memberships
    "group-2": [],
    ...change.members,
  };
  const gone = new Set(change.without ?? []);
  const management = base.accounts[MGMT]!;
  return {
    ...base,
    accounts: {
      ...base.accounts,
      [MGMT]: {
        ...management,
        roles: (management.roles ?? []).map((role) =>
          role.name === "PortcullisManagementRole" && change.deny
            ? { ...role, denyActions: change.deny }
            : role,
        ),
      },
    },
    identityCenter: {
      ...base.identityCenter!,
      users: users(USERS).filter((_, i) => !gone.has(i)),
      groups: [
        ...(base.identityCenter!.groups ?? []).map((group) => ({
          ...group,
          members: (members[group.id as keyof typeof members] ?? []).filter((i) => !gone.has(i)).map(userId),
        })),
        ...Array.from({ length: TEAMS }, (_, i) => ({
          id: `team-${String(i).padStart(2, "0")}`,
          displayName: `Team ${i}`,
          members: [userId(i + 10)],
        })),
      ],
    },
  };
}

let h: Harness;
let integrationId: string;

beforeAll(async () => {
  h = await startHarness({
    scenario: scenario(),
    // Identity Store's quota as a token bucket in the sandbox: the client-side limiter must keep under it.
    faults: [
      { type: "rate-limit", service: "identitystore", burst: 20, refillPerSecond: 20, per: "account-region" },
    ],
    discovery: { pageSizes: { ...TEST_PAGE_SIZES, sso: 100 } },
  });
});
afterAll(async () => {
  await h?.close();
});

async function directory() {
  const source = await h.db.identitySource.findUniqueOrThrow({ where: { integrationId } });
  const people = await h.db.identityPerson.findMany({
    where: { sourceId: source.id },
    orderBy: { externalId: "asc" },
  });
  const groups = await h.db.identityGroup.findMany({
    where: { sourceId: source.id },
    include: { members: { include: { person: { select: { externalId: true } } } } },
    orderBy: { externalId: "asc" },
  });
  const membersOf = (externalId: string) =>
    (groups.find((g) => g.externalId === externalId)?.members ?? []).map((m) => m.person.externalId).sort();
  return { source, people, live: people.filter((p) => p.deletedAt === null), groups, membersOf };
}

describe("the IAM Identity Center directory of an organization integration", () => {
  it("is read on the first fetch into a source named after the integration, page by page, under the quota", async () => {
    h.sandbox.resetCalls();
    const created = await h.createIntegration({
      type: "aws-organization",
      types: ["aws-organization-group"],
    });
    integrationId = created.integrationId;
    const run = await h.waitForRun(created.runId, 60_000);
    expect(run.errors).toEqual([]);
    expect(run.state).toBe("succeeded");

    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    const d = await directory();
    expect(d.source).toMatchObject({ name: integration.name, type: "iam_identity_center", status: "active" });
    expect(d.live).toHaveLength(USERS);
    expect(d.people.find((p) => p.externalId === userId(7))).toMatchObject({
      userName: "user7@corp.example",
      userNameKey: "user7@corp.example",
      email: "user7@corp.example",
      emails: [{ value: "User7@Corp.Example", type: "work", primary: true }],
      displayName: "User 7",
      givenName: "User",
      familyName: "7",
      active: true,
    });
    expect(d.groups).toHaveLength(3 + TEAMS);
    expect(d.groups.slice(0, 3).map((g) => [g.externalId, g.displayName])).toEqual([
      ["group-0", "Platform Engineers"],
      ["group-1", "Payments Team"],
      ["group-2", "Security Auditors"],
    ]);
    expect(d.membersOf("team-07")).toEqual([userId(17)]);
    expect(d.membersOf("group-0")).toEqual([0, 1, 2].map(userId));
    expect(d.membersOf("group-1")).toHaveLength(120);
    expect(d.membersOf("group-2")).toEqual([]);

    // 230 users at MaxResults 100 is three pages; 120 members two; and nothing was throttled,
    // although 47 memberships listings exceed the quota's burst of 20.
    const counts = h.sandbox.callCounts();
    expect(counts["identitystore:ListUsers"]).toBe(3);
    expect(counts["identitystore:ListGroupMemberships"]).toBe(4 + TEAMS);
    expect(h.sandbox.callCount({ service: "identitystore", throttled: true })).toBe(0);
    // The limiter is the Identity Store's own, at the default rate.
    expect(DEFAULT_DISCOVERY_CONFIG.limits.identitystore.rate).toBe(20);
  });

  it("follows the store on a re-fetch (a user removed, a membership added, the integration renamed) and changes nothing else", async () => {
    const before = await directory();
    await h.replaceScenario(scenario({ without: [1], members: { "group-2": [5] } }), [
      { type: "rate-limit", service: "identitystore", burst: 20, refillPerSecond: 20, per: "account-region" },
    ]);
    await h.db.integration.update({
      where: { id: integrationId },
      data: { name: `renamed-${integrationId}` },
    });
    const run = await h.waitForRun(await h.refresh(integrationId), 60_000);
    expect(run.errors).toEqual([]);

    const after = await directory();
    expect(after.source).toMatchObject({ id: before.source.id, name: `renamed-${integrationId}` });
    expect(after.live).toHaveLength(USERS - 1);
    // The removed user's row stays (history), out of every group and of user-name uniqueness.
    expect(after.people.find((p) => p.externalId === userId(1))).toMatchObject({
      active: false,
      userNameKey: null,
      deletedAt: expect.any(Date),
    });
    expect(after.membersOf("group-0")).toEqual([0, 2].map(userId));
    expect(after.membersOf("group-2")).toEqual([userId(5)]);
    // Idempotent: everyone else is untouched (same row, same version).
    const untouched = after.people.find((p) => p.externalId === userId(7))!;
    expect(untouched).toEqual(before.people.find((p) => p.externalId === userId(7)));

    // A third fetch with nothing changed changes nothing at all.
    const stamp = after.source.updatedAt;
    expect((await h.waitForRun(await h.refresh(integrationId), 60_000)).errors).toEqual([]);
    const again = await directory();
    expect(again.source.updatedAt).toEqual(stamp);
    expect(again.people).toEqual(after.people);
  });

  it("is a Warning naming the permission when identitystore is denied, and keeps the directory as it was", async () => {
    const before = await directory();
    // Users and groups list fine; the memberships are denied half-way through the read.
    await h.replaceScenario(scenario({ without: [0, 2, 3], deny: ["identitystore:ListGroupMemberships"] }));
    const run = await h.waitForRun(await h.refresh(integrationId), 60_000);
    expect(run.state).toBe("partial");
    expect(run.errors).toEqual([
      expect.objectContaining({
        scope: "identity-center-directory",
        code: "AccessDeniedException",
        message: expect.stringContaining("Access denied while reading the IAM Identity Center directory"),
        fix: expect.stringContaining(
          "Allow sso:ListInstances, identitystore:ListUsers, identitystore:ListGroups, identitystore:ListGroupMemberships for arn:aws:iam::111111111111:role/PortcullisManagementRole",
        ),
      }),
    ]);
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.status).toBe("Warning");
    expect(integration.statusMessage).toContain("IAM Identity Center directory");

    // Users 0, 2 and 3 are gone from the listing, but it did not complete: nobody is removed.
    const after = await directory();
    expect(after.people).toEqual(before.people);
    expect(after.membersOf("group-0")).toEqual(before.membersOf("group-0"));
  });

  it("takes another name when a source already has the integration's, and brings back a user who returns", async () => {
    await h.replaceScenario(scenario());
    await h.db.identitySource.create({ data: { name: "Okta", type: "scim" } });
    await h.db.integration.update({ where: { id: integrationId }, data: { name: "Okta" } });
    const run = await h.waitForRun(await h.refresh(integrationId), 60_000);
    expect(run.errors).toEqual([]);

    const d = await directory();
    expect(d.source.name).toBe("Okta (IAM Identity Center)");
    expect(d.live).toHaveLength(USERS);
    expect(d.people.find((p) => p.externalId === userId(1))).toMatchObject({
      userNameKey: "user1@corp.example",
      active: true,
      deletedAt: null,
    });
    expect(d.membersOf("group-0")).toEqual([0, 1, 2].map(userId));
  });

  it("goes with the integration when the integration is deleted", async () => {
    const { source } = await directory();
    await h.db.integration.delete({ where: { id: integrationId } });
    expect(await h.db.identitySource.findUnique({ where: { id: source.id } })).toBeNull();
    expect(await h.db.identityPerson.count({ where: { sourceId: source.id } })).toBe(0);
  });
});
