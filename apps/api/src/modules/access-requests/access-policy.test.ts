import { describe, expect, it } from "vitest";
import { inScopes, isApproved, isApprover, isSatisfiable, type ResolvedPolicy } from "./access-policy.ts";

const user = {
  source_integration_id: null,
  source_integration_name: null,
  match_operator: "is",
  values: [],
} as const;
const set = (...keys: string[]) => new Set(keys);

function policy(
  mode: "ANY_OF" | "ALL_OF",
  groups: Array<{ operator: "AND" | "OR"; sets: Set<string>[][] }>,
): ResolvedPolicy {
  return {
    mode,
    groups: groups.map((group) => ({
      operator: group.operator,
      requirements: group.sets.map((sets) => ({
        condition: { ...user, type: "user" as const, values: [] },
        sets,
      })),
    })),
  };
}

describe("approver policy", () => {
  it("ANY_OF: one group is enough; ALL_OF: every group must approve", () => {
    const groups = [
      { operator: "OR" as const, sets: [[set("ann")]] },
      { operator: "OR" as const, sets: [[set("bob")]] },
    ];
    expect(isApproved(policy("ANY_OF", groups), set("ann"))).toBe(true);
    expect(isApproved(policy("ALL_OF", groups), set("ann"))).toBe(false);
    expect(isApproved(policy("ALL_OF", groups), set("ann", "bob"))).toBe(true);
  });

  it("an AND group needs one approval per condition; an Owner condition one per resource", () => {
    const and = policy("ANY_OF", [{ operator: "AND", sets: [[set("ann")], [set("bob", "cy")]] }]);
    expect(isApproved(and, set("ann"))).toBe(false);
    expect(isApproved(and, set("ann", "cy"))).toBe(true);
    const owners = policy("ANY_OF", [{ operator: "OR", sets: [[set("ann"), set("bob")]] }]);
    expect(isApproved(owners, set("ann"))).toBe(false);
    expect(isApproved(owners, set("ann", "bob"))).toBe(true);
    expect(isApprover(owners, set("bob"))).toBe(true);
    expect(isApprover(owners, set("eve"))).toBe(false);
  });

  it("is unsatisfiable when a needed set is empty (no owner found, the requester excluded)", () => {
    expect(
      isSatisfiable(
        policy("ALL_OF", [
          { operator: "OR", sets: [[set("ann")]] },
          { operator: "OR", sets: [[set()]] },
        ]),
      ),
    ).toBe(false);
    expect(
      isSatisfiable(
        policy("ANY_OF", [
          { operator: "OR", sets: [[set("ann")]] },
          { operator: "OR", sets: [[set()]] },
        ]),
      ),
    ).toBe(true);
    expect(isSatisfiable(policy("ANY_OF", [{ operator: "OR", sets: [[]] }]))).toBe(false);
  });
});

describe("resource scopes", () => {
  const resource = { id: "r-1", name: "Deployer", tags: { Env: "prod" } };
  it("includes by id, name or tag (any case) and excludes what an exclude scope matches", () => {
    expect(inScopes({ resources_scopes: [] }, resource)).toBe(true);
    expect(
      inScopes(
        {
          resources_scopes: [
            { scope_mode: "include_resources", type: "NAME", key: null, values: ["deployer"] },
          ],
        },
        resource,
      ),
    ).toBe(true);
    expect(
      inScopes(
        {
          resources_scopes: [
            { scope_mode: "include_resources", type: "APONO_ID", key: null, values: ["r-2"] },
          ],
        },
        resource,
      ),
    ).toBe(false);
    expect(
      inScopes(
        {
          resources_scopes: [{ scope_mode: "exclude_resources", type: "TAG", key: "env", values: ["PROD"] }],
        },
        resource,
      ),
    ).toBe(false);
  });
});
