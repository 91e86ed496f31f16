import { describe, expect, it } from "vitest";
import { decideOwners, ownerRules, ownerTagValues } from "./owners.ts";

const providers = [{ id: "portcullis-directory", name: "Portcullis Directory", type: "builtin" }];

describe("ownerTagValues", () => {
  it("reads the tag in any case of its key, and splits several owners", () => {
    expect(ownerTagValues({ owner: "a@x.dev" }, "owner")).toEqual(["a@x.dev"]);
    expect(ownerTagValues({ Owner: "a@x.dev, b@x.dev;a@x.dev" }, "owner")).toEqual(["a@x.dev", "b@x.dev"]);
    expect(ownerTagValues({ other: "a" }, "owner")).toEqual([]);
    expect(ownerTagValues({ owner: " " }, "owner")).toEqual([]);
  });
});

describe("ownerRules", () => {
  it("reads the settings, resolving the provider", () => {
    const rules = ownerRules(
      {
        owner: { attribute_type: "user", attribute_value: ["a@x.dev"], source_integration_reference: null },
        ownersMapping: {
          key_name: "owner",
          attribute_type: "group",
          source_integration_reference: "Portcullis Directory",
        },
      },
      providers,
    );
    expect(rules).toEqual({
      mapping: { keyName: "owner", attributeType: "group", providerId: "portcullis-directory" },
      fallback: ["a@x.dev"],
    });
  });

  it("drops a mapping to an unknown provider, and anything unreadable", () => {
    expect(
      ownerRules(
        {
          owner: null,
          ownersMapping: { key_name: "owner", attribute_type: "user", source_integration_reference: "okta" },
        },
        providers,
      ),
    ).toEqual({ mapping: null, fallback: [] });
    expect(ownerRules({ owner: { nonsense: true }, ownersMapping: "x" }, providers)).toEqual({
      mapping: null,
      fallback: [],
    });
  });
});

describe("decideOwners", () => {
  const rules = {
    mapping: { keyName: "owner", attributeType: "user" as const, providerId: "p" },
    fallback: ["boss@x.dev"],
  };
  const known = new Map([["a@x.dev", "a@x.dev"]]);

  it("uses the tag when the directory knows a value (in its own spelling)", () => {
    expect(decideOwners({ owner: "A@X.dev, ghost@x.dev" }, rules, known)).toEqual({
      owners: ["a@x.dev"],
      source: "tag",
    });
  });

  it("falls back to the integration owner, else none", () => {
    expect(decideOwners({ owner: "ghost@x.dev" }, rules, known)).toEqual({
      owners: ["boss@x.dev"],
      source: "fallback",
    });
    expect(decideOwners({}, rules, known)).toEqual({ owners: ["boss@x.dev"], source: "fallback" });
    expect(decideOwners({ owner: "a@x.dev" }, { mapping: null, fallback: [] }, known)).toEqual({
      owners: [],
      source: "none",
    });
  });
});
