import { type Filter, parse } from "scim2-parse-filter";
import { ScimError } from "./scim-error.ts";

/**
 * SCIM filters (RFC 7644 §3.4.2.2) to SQL. The text is parsed into an AST by scim2-parse-filter;
 * this compiler walks the AST and emits SQL made only of column expressions from an allow-list
 * and `$n` placeholders: every value the client sent travels as a bound parameter.
 */

export type ScalarAttribute = {
  kind: "string" | "boolean" | "dateTime";
  /** SQL expression of the column (from the allow-list, never from the request). */
  sql: string;
  /** RFC 7643 caseExact: false compares lower-cased. */
  caseExact?: boolean;
  /**
   * For a case-insensitive attribute: a column already holding lower(sql) (and indexed), compared
   * instead of lower(sql) so `eq` is an index lookup, not a scan.
   */
  lowerSql?: string;
};

/** A multi-valued complex attribute (emails, members): a filter on it matches when any value does. */
export type MultiAttribute = {
  kind: "multi";
  /** Wraps the condition on one value: `EXISTS (SELECT 1 FROM … WHERE <condition>)`. */
  exists: (condition: string) => string;
  subAttributes: Record<string, ScalarAttribute>;
};

export type AttributeMap = Record<string, ScalarAttribute | MultiAttribute>;

export type SqlFragment = { sql: string; params: unknown[] };

const MAX_FILTER_LENGTH = 4000;
const MAX_DEPTH = 50;

function invalid(detail: string): ScimError {
  return ScimError.badRequest("invalidFilter", detail);
}

/** Parses the filter text; any syntax error is a 400 invalidFilter. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH)
    throw invalid(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  try {
    return parse(text);
  } catch (error) {
    throw invalid(`The filter "${text.slice(0, 200)}" is not valid: ${(error as Error).message}`);
  }
}

/** Attribute names are case-insensitive and may carry the schema URN of the resource. */
export function normalizeAttributePath(path: string, coreSchema: string): string {
  const lower = path.toLowerCase();
  const core = `${coreSchema.toLowerCase()}:`;
  return lower.startsWith(core) ? lower.slice(core.length) : lower;
}

type Context = { params: unknown[]; attributes: AttributeMap; coreSchema: string };

export function compileFilter(
  filter: Filter,
  attributes: AttributeMap,
  coreSchema: string,
  params: unknown[],
): string {
  return compile(filter, { params, attributes, coreSchema }, null, 0);
}

function compile(filter: Filter, ctx: Context, within: MultiAttribute | null, depth: number): string {
  if (depth > MAX_DEPTH) throw invalid("The filter is nested too deeply.");
  switch (filter.op) {
    case "and":
    case "or": {
      const parts = (filter as { filters: Filter[] }).filters.map((f) => compile(f, ctx, within, depth + 1));
      return `(${parts.join(filter.op === "and" ? " AND " : " OR ")})`;
    }
    case "not":
      return `(NOT COALESCE(${compile((filter as { filter: Filter }).filter, ctx, within, depth + 1)}, false))`;
    case "[]": {
      if (within) throw invalid("A value filter cannot hold another value filter.");
      const { attrPath, valFilter } = filter as { attrPath: string; valFilter: Filter };
      const multi = lookUp(attrPath, ctx, null);
      if (multi.kind !== "multi") throw invalid(`"${attrPath}" is not multi-valued: it takes no [filter].`);
      return multi.exists(compile(valFilter, ctx, multi, depth + 1));
    }
    default: {
      const { attrPath, compValue } = filter as { attrPath: string; compValue?: unknown };
      return comparison(filter.op, attrPath, compValue, ctx, within);
    }
  }
}

function lookUp(
  attrPath: string,
  ctx: Context,
  within: MultiAttribute | null,
): ScalarAttribute | MultiAttribute {
  const path = normalizeAttributePath(attrPath, ctx.coreSchema);
  if (within) {
    const sub = within.subAttributes[path];
    if (!sub) throw invalid(`Unknown attribute "${attrPath}" in the value filter.`);
    return sub;
  }
  const direct = ctx.attributes[path];
  if (direct) return direct;
  // emails.value → the "value" sub-attribute of the multi-valued "emails".
  const dot = path.lastIndexOf(".");
  const parent = dot > 0 ? ctx.attributes[path.slice(0, dot)] : undefined;
  if (parent?.kind === "multi") {
    const sub = parent.subAttributes[path.slice(dot + 1)];
    if (sub) return { kind: "multi", exists: parent.exists, subAttributes: { value: sub } };
  }
  throw invalid(`Filtering on "${attrPath}" is not supported.`);
}

function comparison(
  op: string,
  attrPath: string,
  value: unknown,
  ctx: Context,
  within: MultiAttribute | null,
): string {
  const attribute = lookUp(attrPath, ctx, within);
  if (attribute.kind === "multi") {
    const sub = attribute.subAttributes.value;
    if (!sub) throw invalid(`"${attrPath}" has no value to compare.`);
    if (op === "pr") return attribute.exists("true");
    return attribute.exists(scalarComparison(op, attrPath, value, sub, ctx));
  }
  return scalarComparison(op, attrPath, value, attribute, ctx);
}

function scalarComparison(
  op: string,
  attrPath: string,
  value: unknown,
  attribute: ScalarAttribute,
  ctx: Context,
): string {
  const column = attribute.sql;
  if (op === "pr") {
    return attribute.kind === "string"
      ? `(${column} IS NOT NULL AND ${column} <> '')`
      : `(${column} IS NOT NULL)`;
  }
  if (value === null) {
    if (op === "eq") return `(${column} IS NULL)`;
    if (op === "ne") return `(${column} IS NOT NULL)`;
    throw invalid(`"${op}" cannot compare with null.`);
  }
  const bind = (v: unknown): string => {
    ctx.params.push(v);
    return `$${ctx.params.length}`;
  };
  switch (attribute.kind) {
    case "boolean":
      return booleanComparison(op, attrPath, value, column, bind);
    case "dateTime":
      return dateComparison(op, attrPath, value, column, bind);
    default:
      return stringComparison(op, attrPath, value, attribute, bind);
  }
}

const ORDERING: Record<string, string> = { gt: ">", ge: ">=", lt: "<", le: "<=" };

function booleanComparison(
  op: string,
  attrPath: string,
  value: unknown,
  column: string,
  bind: (v: unknown) => string,
): string {
  const flag = toBoolean(value);
  if (flag === undefined) throw invalid(`"${attrPath}" is a boolean: compare it with true or false.`);
  if (op === "eq") return `(${column} = ${bind(flag)}::boolean)`;
  if (op === "ne") return `(${column} IS DISTINCT FROM ${bind(flag)}::boolean)`;
  throw invalid(`"${op}" does not apply to the boolean "${attrPath}".`);
}

function dateComparison(
  op: string,
  attrPath: string,
  value: unknown,
  column: string,
  bind: (v: unknown) => string,
): string {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
    throw invalid(`"${attrPath}" is a date-time: compare it with an ISO 8601 string.`);
  }
  const at = `${bind(new Date(value).toISOString())}::timestamptz`;
  if (op === "eq") return `(${column} = ${at})`;
  if (op === "ne") return `(${column} IS DISTINCT FROM ${at})`;
  const ordering = ORDERING[op];
  if (!ordering) throw invalid(`"${op}" does not apply to the date-time "${attrPath}".`);
  return `(${column} ${ordering} ${at})`;
}

function stringComparison(
  op: string,
  attrPath: string,
  value: unknown,
  attribute: ScalarAttribute,
  bind: (v: unknown) => string,
): string {
  if (typeof value !== "string" && typeof value !== "number") {
    throw invalid(`"${attrPath}" is a string: compare it with a string.`);
  }
  const text = String(value);
  const exact = attribute.caseExact === true;
  const column = exact ? attribute.sql : (attribute.lowerSql ?? `lower(${attribute.sql})`);
  const operand = exact ? text : text.toLowerCase();
  switch (op) {
    case "eq":
      return `(${column} = ${bind(operand)})`;
    case "ne":
      return `(${column} IS DISTINCT FROM ${bind(operand)})`;
    case "co":
      return `(${column} LIKE ${bind(`%${escapeLike(operand)}%`)} ESCAPE '\\')`;
    case "sw":
      return `(${column} LIKE ${bind(`${escapeLike(operand)}%`)} ESCAPE '\\')`;
    case "ew":
      return `(${column} LIKE ${bind(`%${escapeLike(operand)}`)} ESCAPE '\\')`;
    default: {
      const ordering = ORDERING[op];
      if (!ordering) throw invalid(`Unknown operator "${op}".`);
      return `(${column} ${ordering} ${bind(operand)} COLLATE "C")`;
    }
  }
}

/** LIKE wildcards in the client's text are literal characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** SCIM booleans, including the "True"/"False" strings Microsoft Entra ID sends. */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return undefined;
}
