import { describe, expect, it } from "vitest";
import type { ResolvedOwner } from "../../core/owner-resolution.ts";
import { decideOwners, ownerRules, ownerTagValues } from "./owners.ts";

const sources = [{ id: "5b0e8a52-0000-4000-8000-000000000001", name: "Okta", type: "scim" }];

describe("ownerTagValues", () => {
  it("reads the tag in any case of its key, and splits several owners", () => {
    expect(ownerTagValues({ owner: "a@x.dev" }, "owner")).toEqual(["a@x.dev"]);
    expect(ownerTagValues({ Owner: "a@x.dev, b@x.dev;a@x.dev" }, "owner")).toEqual(["a@x.dev", "b@x.dev"]);
    expect(ownerTagValues({ other: "a" }, "owner")).toEqual([]);
    expect(ownerTagValues({ owner: " " }, "owner")).toEqual([]);
  });
});

describe("ownerRules", () => {
  it("reads the settings, resolving the source by name; no reference means every source", () => {
    const rules = ownerRules(
      {
        owner: { attribute_type: "user", attribute_value: ["a@x.dev"], source_integration_reference: null },
        ownersMapping: {
          key_name: "team",
          attribute_type: "department",
          source_integration_reference: "okta",
        },
      },
      sources,
    );
    expect(rules).toEqual({
      mapping: { keyName: "team", lookup: { attribute: "department", sourceId: sources[0]?.id } },
      fallback: { values: ["a@x.dev"], lookup: { attribute: "user", sourceId: null } },
    });
  });

  it("drops a rule naming an unknown source, and anything unreadable", () => {
    expect(
      ownerRules(
        {
          owner: null,
          ownersMapping: { key_name: "owner", attribute_type: "user", source_integration_reference: "entra" },
        },
        sources,
      ),
    ).toEqual({ mapping: null, fallback: null });
    expect(ownerRules({ owner: { nonsense: true }, ownersMapping: "x" }, sources)).toEqual({
      mapping: null,
      fallback: null,
    });
  });
});

describe("decideOwners", () => {
  const rules = {
    mapping: { keyName: "owner", lookup: { attribute: "user" as const, sourceId: null } },
    fallback: { values: ["boss@x.dev"], lookup: { attribute: "user" as const, sourceId: null } },
  };
  const person = (owner: string, value: string): ResolvedOwner => ({
    owner,
    display_name: null,
    sources: [{ id: "s", name: "Okta" }],
    attribute: "user",
    value,
  });
  const tagFound = new Map([["a@x.dev", [person("a@x.dev", "a@x.dev")]]]);
  const fallbackFound = new Map([["boss@x.dev", [person("boss@x.dev", "boss@x.dev")]]]);

  it("uses the tag's values the directory resolves (any case), once each", () => {
    expect(decideOwners({ owner: "A@X.dev, ghost@x.dev, a@x.dev" }, rules, tagFound, fallbackFound)).toEqual({
      owners: ["a@x.dev"],
      source: "tag",
      details: [person("a@x.dev", "a@x.dev")],
    });
  });

  it("falls back to the integration owner's live people, else none", () => {
    expect(decideOwners({ owner: "ghost@x.dev" }, rules, tagFound, fallbackFound).owners).toEqual([
      "boss@x.dev",
    ]);
    expect(decideOwners({}, rules, tagFound, fallbackFound).source).toBe("fallback");
    expect(decideOwners({}, rules, tagFound, new Map())).toEqual({ owners: [], source: "none", details: [] });
  });
});
