import type { TOwnerMappingAttributeType } from "@portcullis/shared";
import type pg from "pg";

/** One rule of owner resolution: values looked up by an attribute, in one source or all (null). */
export type OwnerLookup = { attribute: TOwnerMappingAttributeType; sourceId: string | null };

/** A person a value resolved to; one per person (same email in several sources = one person). */
export type ResolvedOwner = {
  owner: string;
  display_name: string | null;
  sources: Array<{ id: string; name: string }>;
  attribute: string;
  value: string;
};

// What each attribute matches, as a fixed SQL condition on `p` (a person) and `w.value` (the
// lower-cased tag value); never built from input. Manager matches the manager's id or external
// id as SCIM stores it, or the manager's email or user name.
const PERSON_MATCH: Record<Exclude<TOwnerMappingAttributeType, "group">, string> = {
  user: "(p.email = w.value OR p.user_name_key = w.value OR p.id::text = w.value)",
  email: "p.email = w.value",
  user_name: "p.user_name_key = w.value",
  department: "lower(p.department) = w.value",
  title: "lower(p.title) = w.value",
  employee_number: "lower(p.employee_number) = w.value",
  cost_center: "lower(p.cost_center) = w.value",
  organization: "lower(p.organization) = w.value",
  division: "lower(p.division) = w.value",
  external_id: "lower(p.external_id) = w.value",
  manager: `(lower(p.manager_id) = w.value OR EXISTS (
      SELECT 1 FROM identity_people m
      WHERE m.source_id = p.source_id AND (m.id::text = p.manager_id OR m.external_id = p.manager_id)
        AND (m.email = w.value OR m.user_name_key = w.value)))`,
};

function matchSql(lookup: OwnerLookup, values: string, source: string, tag: string): string {
  const live = "p.active AND p.deleted_at IS NULL";
  const inSource = `(${source}::uuid IS NULL OR p.source_id = ${source}::uuid)`;
  const from =
    lookup.attribute === "group"
      ? `unnest(${values}::text[]) AS w(value)
         JOIN identity_groups g ON (g.display_name_key = w.value OR g.id::text = w.value)
           AND (${source}::uuid IS NULL OR g.source_id = ${source}::uuid)
         JOIN identity_group_members gm ON gm.group_id = g.id
         JOIN identity_people p ON p.id = gm.person_id`
      : `unnest(${values}::text[]) AS w(value)
         JOIN identity_people p ON ${PERSON_MATCH[lookup.attribute]} AND ${inSource}`;
  return `SELECT ${tag}::int AS rule, w.value, p.email, p.user_name, p.display_name, s.id AS source_id,
                 s.name AS source_name
          FROM ${from}
          JOIN identity_sources s ON s.id = p.source_id
          WHERE ${live}`;
}

type Row = {
  rule: number;
  value: string;
  email: string | null;
  user_name: string;
  display_name: string | null;
  source_id: string;
  source_name: string;
};

/**
 * Resolves the values of several rules in one statement: for each rule, a map from lower-cased
 * value to the live people it names. Inactive and deleted people never own; a person found in
 * several sources with the same email is one owner, listing every source.
 */
export async function resolveOwnerValues(
  pool: pg.Pool,
  rules: ReadonlyArray<{ lookup: OwnerLookup; values: readonly string[] }>,
): Promise<Array<Map<string, ResolvedOwner[]>>> {
  const results = rules.map(() => new Map<string, ResolvedOwner[]>());
  const params: unknown[] = [];
  const parts: string[] = [];
  rules.forEach((rule, index) => {
    const values = [...new Set(rule.values.map((value) => value.trim().toLowerCase()).filter(Boolean))];
    if (values.length === 0) return;
    params.push(values, rule.lookup.sourceId, index);
    const n = params.length;
    parts.push(matchSql(rule.lookup, `$${n - 2}`, `$${n - 1}`, `$${n}`));
  });
  if (parts.length === 0) return results;
  const { rows } = await pool.query<Row>(
    `${parts.join("\nUNION ALL\n")}\nORDER BY rule, value, email, user_name, source_name`,
    params,
  );
  for (const row of rows) {
    const result = results[row.rule];
    const rule = rules[row.rule];
    if (!result || !rule) continue;
    const owner = row.email ?? row.user_name;
    const list = result.get(row.value) ?? [];
    const same = list.find((existing) => existing.owner === owner);
    if (same) {
      if (!same.sources.some((source) => source.id === row.source_id)) {
        same.sources.push({ id: row.source_id, name: row.source_name });
      }
      same.display_name ??= row.display_name;
    } else {
      list.push({
        owner,
        display_name: row.display_name,
        sources: [{ id: row.source_id, name: row.source_name }],
        attribute: rule.lookup.attribute,
        value: row.value,
      });
    }
    result.set(row.value, list);
  }
  return results;
}
