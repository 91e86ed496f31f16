import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PEOPLE_FILTER_ATTRIBUTES } from "../identity-sources/people.repository.ts";
import { USER_SCHEMA } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";
import { compileFilter, escapeLike, parseFilter, toBoolean } from "./scim-filter-sql.ts";

function sql(filter: string) {
  const params: unknown[] = [];
  const text = compileFilter(parseFilter(filter), PEOPLE_FILTER_ATTRIBUTES, USER_SCHEMA, params);
  return { text, params };
}

describe("SCIM filter → SQL", () => {
  it("binds every value as a parameter and lower-cases caseExact=false attributes", () => {
    // userName through its lower-cased, indexed key column: `eq` is an index lookup.
    expect(sql('userName eq "Ann@Example.com"')).toEqual({
      text: "(p.user_name_key = $1)",
      params: ["ann@example.com"],
    });
    expect(sql('displayName eq "Ann"')).toEqual({ text: "(lower(p.display_name) = $1)", params: ["ann"] });
    expect(sql('externalId eq "E-1"')).toEqual({ text: "(p.external_id = $1)", params: ["E-1"] });
  });

  it("turns co/sw/ew into LIKE with the client's wildcards escaped", () => {
    expect(sql('userName co "50%_off"')).toEqual({
      text: "(p.user_name_key LIKE $1 ESCAPE '\\')",
      params: ["%50\\%\\_off%"],
    });
    expect(sql('userName sw "a"').params).toEqual(["a%"]);
    expect(sql('userName ew "a"').params).toEqual(["%a"]);
  });

  it("numbers parameters across and/or/not and value filters", () => {
    const { text, params } = sql(
      '(userName sw "a" or not (active eq false)) and emails[type eq "work" and value co "x"]',
    );
    expect(params).toEqual(["a%", false, "work", "%x%"]);
    expect(text).toContain("$4");
    expect(text).toContain("EXISTS (SELECT 1 FROM jsonb_array_elements(p.emails) AS e WHERE");
  });

  it("dates are bound as ISO timestamps, booleans accept Entra's strings", () => {
    expect(sql('meta.lastModified gt "2020-01-01T00:00:00+02:00"')).toEqual({
      text: "(p.updated_at > $1::timestamptz)",
      params: ["2019-12-31T22:00:00.000Z"],
    });
    expect(sql('active eq "False"').params).toEqual([false]);
  });

  it("refuses unknown attributes and operators that do not fit the type as invalidFilter", () => {
    for (const filter of [
      'password eq "x"',
      "active gt true",
      'meta.created co "2020"',
      "userName eq true",
      "emails[value eq 1] and x pr",
    ]) {
      try {
        sql(filter);
        expect.unreachable(filter);
      } catch (error) {
        expect(error).toBeInstanceOf(ScimError);
        expect((error as ScimError).scimType).toBe("invalidFilter");
      }
    }
  });

  it("never puts the client's text into the SQL: the statement is the same whatever the value (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: "binary" }).filter((value) => !value.includes("\u0000")),
        fc.constantFrom("eq", "ne", "co", "sw", "ew", "gt", "le"),
        (value, op) => {
          const compiled = sql(
            `displayName ${op} ${JSON.stringify(value)} or emails[value ${op} ${JSON.stringify(value)}]`,
          );
          const reference = sql(`displayName ${op} "x" or emails[value ${op} "x"]`);
          expect(compiled.text).toBe(reference.text);
          expect(compiled.params).toHaveLength(2);
        },
      ),
    );
  });

  it("escapeLike and toBoolean", () => {
    expect(escapeLike("a\\b%c_d")).toBe("a\\\\b\\%c\\_d");
    expect([toBoolean("True"), toBoolean("FALSE"), toBoolean(true), toBoolean("yes"), toBoolean(1)]).toEqual([
      true,
      false,
      true,
      undefined,
      undefined,
    ]);
  });
});
