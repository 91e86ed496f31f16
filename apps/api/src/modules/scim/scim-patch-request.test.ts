import { describe, expect, it } from "vitest";
import { ENTERPRISE_SCHEMA, PATCH_SCHEMA } from "./scim-constants.ts";
import { normalizeOperations } from "./scim-patch-request.ts";

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });
const current = { id: "u1" };

describe("PatchOp normalisation", () => {
  it("lower-cases Entra's ops and splits path-like keys of path-less values", () => {
    expect(
      normalizeOperations(
        body({
          op: "Replace",
          value: { active: "False", "name.givenName": "A", 'emails[type eq "work"].value': "w" },
        }),
        current,
      ),
    ).toEqual([
      { op: "replace", value: { active: "False" } },
      { op: "replace", path: "name.givenName", value: "A" },
      { op: "replace", path: 'emails[type eq "work"].value', value: "w" },
    ]);
  });

  it("merges complex values and extension objects sub-attribute by sub-attribute", () => {
    expect(
      normalizeOperations(
        body({ op: "add", value: { name: { givenName: "A" }, [ENTERPRISE_SCHEMA]: { department: "D" } } }),
        current,
      ),
    ).toEqual([
      { op: "add", path: "name.givenName", value: "A" },
      { op: "add", path: `${ENTERPRISE_SCHEMA}:department`, value: "D" },
    ]);
  });

  it("drops an unchanged id (Okta resends it) and refuses a changed one", () => {
    expect(
      normalizeOperations(body({ op: "replace", value: { id: "u1", displayName: "G" } }), current),
    ).toEqual([{ op: "replace", value: { displayName: "G" } }]);
    expect(() => normalizeOperations(body({ op: "replace", value: { id: "u2" } }), current)).toThrow(
      /read-only/,
    );
  });

  it.each([
    [{ Operations: [] }, "invalidSyntax"],
    [{ schemas: [PATCH_SCHEMA] }, "invalidSyntax"],
    [body({ op: "move", path: "a" }), "invalidSyntax"],
    [body({ op: "remove" }), "noTarget"],
    [body({ op: "add", path: "title" }), "invalidValue"],
    [body({ op: "add", value: "text" }), "invalidValue"],
    [body({ op: "add", path: "", value: 1 }), "invalidPath"],
    [body({ op: "replace", path: "meta.lastModified", value: "x" }), "mutability"],
    [body({ op: "remove", path: "groups" }), "mutability"],
  ])("refuses %j with %s", (request, scimType) => {
    expect(() => normalizeOperations(request, current)).toThrow(expect.objectContaining({ scimType }));
  });
});
