import { ENTERPRISE_SCHEMA } from "./scim-constants.ts";

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) applied to a resource's JSON. `id` and
 * `schemas` are returned always. Names are case-insensitive and may carry their schema URN.
 */
export type Projection = { attributes?: string[][]; excluded?: string[][] };

const ALWAYS = new Set(["id", "schemas"]);
const EXTENSIONS = [ENTERPRISE_SCHEMA];

export function parseAttributeList(text: string | undefined, coreSchema: string): string[][] | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
    .map((name) => toSegments(name, coreSchema));
}

function toSegments(name: string, coreSchema: string): string[] {
  const lower = name.toLowerCase();
  for (const extension of EXTENSIONS) {
    const urn = extension.toLowerCase();
    if (lower === urn) return [urn];
    if (lower.startsWith(`${urn}:`)) return [urn, ...lower.slice(urn.length + 1).split(".")];
  }
  const core = `${coreSchema.toLowerCase()}:`;
  const local = lower.startsWith(core) ? lower.slice(core.length) : lower;
  return local.split(".");
}

export function project<T extends Record<string, unknown>>(
  resource: T,
  projection: Projection,
): Record<string, unknown> {
  if (projection.attributes) return include(resource, projection.attributes, true);
  if (projection.excluded) return exclude(resource, projection.excluded, true);
  return resource;
}

function include(value: Record<string, unknown>, paths: string[][], top: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (top && ALWAYS.has(lower)) {
      out[key] = child;
      continue;
    }
    const matching = paths.filter((path) => path[0] === lower);
    if (matching.length === 0) continue;
    if (matching.some((path) => path.length === 1)) {
      out[key] = child;
      continue;
    }
    const rest = matching.map((path) => path.slice(1));
    const narrowed = narrow(child, (inner) => include(inner, rest, false));
    if (narrowed !== undefined) out[key] = narrowed;
  }
  return out;
}

function exclude(value: Record<string, unknown>, paths: string[][], top: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const lower = key.toLowerCase();
    const matching = top && ALWAYS.has(lower) ? [] : paths.filter((path) => path[0] === lower);
    if (matching.some((path) => path.length === 1)) continue;
    if (matching.length === 0) {
      out[key] = child;
      continue;
    }
    const rest = matching.map((path) => path.slice(1));
    out[key] = narrow(child, (inner) => exclude(inner, rest, false)) ?? child;
  }
  return out;
}

/** Applies `apply` to a complex value or to each complex value of a multi-valued attribute. */
function narrow(
  value: unknown,
  apply: (inner: Record<string, unknown>) => Record<string, unknown>,
): unknown | undefined {
  if (Array.isArray(value)) {
    return value.map((item) => (isObject(item) ? apply(item) : item));
  }
  if (isObject(value)) return apply(value);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
