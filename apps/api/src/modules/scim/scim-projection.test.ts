import { describe, expect, it } from "vitest";
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from "./scim-constants.ts";
import { parseAttributeList, project } from "./scim-projection.ts";

const user = {
  schemas: [USER_SCHEMA],
  id: "1",
  userName: "ann",
  name: { givenName: "Ann", familyName: "Archer" },
  emails: [{ value: "a@x", type: "work" }],
  [ENTERPRISE_SCHEMA]: { department: "D", costCenter: "C" },
  meta: { resourceType: "User" },
};

const attributes = (text: string) => ({ attributes: parseAttributeList(text, USER_SCHEMA) });
const excluded = (text: string) => ({ excluded: parseAttributeList(text, USER_SCHEMA) });

describe("attributes / excludedAttributes", () => {
  it("keeps id and schemas always, names case-insensitive, with or without the core URN", () => {
    expect(project(user, attributes(`USERNAME,${USER_SCHEMA}:name.familyName`))).toEqual({
      schemas: [USER_SCHEMA],
      id: "1",
      userName: "ann",
      name: { familyName: "Archer" },
    });
  });

  it("selects and excludes extension attributes by URN", () => {
    expect(project(user, attributes(`${ENTERPRISE_SCHEMA}:department`))[ENTERPRISE_SCHEMA]).toEqual({
      department: "D",
    });
    expect(project(user, excluded(ENTERPRISE_SCHEMA))[ENTERPRISE_SCHEMA]).toBeUndefined();
    expect(project(user, excluded(`${ENTERPRISE_SCHEMA}:costCenter`))[ENTERPRISE_SCHEMA]).toEqual({
      department: "D",
    });
  });

  it("reaches into multi-valued attributes, never removes id", () => {
    expect(project(user, attributes("emails.type")).emails).toEqual([{ type: "work" }]);
    expect(project(user, excluded("id,emails.type,meta"))).toEqual({
      schemas: [USER_SCHEMA],
      id: "1",
      userName: "ann",
      name: user.name,
      emails: [{ value: "a@x" }],
      [ENTERPRISE_SCHEMA]: user[ENTERPRISE_SCHEMA],
    });
  });

  it("empty lists change nothing", () => {
    expect(project(user, { attributes: parseAttributeList(" ", USER_SCHEMA) })).toBe(user);
  });
});
