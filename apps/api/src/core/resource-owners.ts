import { type TOwnerMappingAttributeType, ZOwner, ZOwnersMapping } from "@portcullis/shared";
import type pg from "pg";
import type { OwnerSource } from "../generated/prisma/client.ts";
import { type DirectorySource, resolveSource } from "./directory-sources.ts";
import { type OwnerLookup, type ResolvedOwner, resolveOwnerValues } from "./owner-resolution.ts";

/** How owners are found: the tag to read (and how its values are matched), and the fallback. */
export type OwnerRules = {
  mapping: { keyName: string; lookup: OwnerLookup } | null;
  /** The integration owner: its values, matched as users or groups. */
  fallback: { values: string[]; lookup: OwnerLookup } | null;
};

export type Owners = { owners: string[]; source: OwnerSource; details: ResolvedOwner[] };

/**
 * Reads the integration's owner settings. A reference to no known source resolves nothing
 * (the rule is dropped); no reference means every source.
 */
export function ownerRules(
  integration: { owner: unknown; ownersMapping: unknown },
  sources: readonly DirectorySource[],
): OwnerRules {
  const owner = integration.owner == null ? null : ZOwner.safeParse(integration.owner);
  const mapping =
    integration.ownersMapping == null ? null : ZOwnersMapping.safeParse(integration.ownersMapping);
  const mappingSource = mapping?.success
    ? resolveSource(sources, mapping.data.source_integration_reference)
    : undefined;
  const ownerSource = owner?.success
    ? resolveSource(sources, owner.data.source_integration_reference)
    : undefined;
  return {
    mapping:
      mapping?.success && mappingSource !== undefined
        ? {
            keyName: mapping.data.key_name,
            lookup: {
              attribute: mapping.data.attribute_type as TOwnerMappingAttributeType,
              sourceId: mappingSource?.id ?? null,
            },
          }
        : null,
    fallback:
      owner?.success && ownerSource !== undefined
        ? {
            values: owner.data.attribute_value,
            lookup: { attribute: owner.data.attribute_type, sourceId: ownerSource?.id ?? null },
          }
        : null,
  };
}

/**
 * The owner names a resource's tag holds: the tag named `keyName` (exact, else any case), its
 * value split on commas and semicolons, so one tag can name several owners.
 */
export function ownerTagValues(tags: Record<string, string>, keyName: string): string[] {
  let value = tags[keyName];
  if (value === undefined) {
    const lower = keyName.toLowerCase();
    const key = Object.keys(tags).find((candidate) => candidate.toLowerCase() === lower);
    value = key === undefined ? undefined : tags[key];
  }
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(/[,;]/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

function ownersOf(values: readonly string[], found: ReadonlyMap<string, ResolvedOwner[]>): ResolvedOwner[] {
  const byOwner = new Map<string, ResolvedOwner>();
  for (const value of values) {
    for (const owner of found.get(value.toLowerCase()) ?? []) {
      if (!byOwner.has(owner.owner)) byOwner.set(owner.owner, owner);
    }
  }
  return [...byOwner.values()];
}

/**
 * Owners of one resource: the live people its tag's values name, else those the integration
 * owner names, else none.
 */
export function decideOwners(
  tags: Record<string, string>,
  rules: OwnerRules,
  tagFound: ReadonlyMap<string, ResolvedOwner[]>,
  fallbackFound: ReadonlyMap<string, ResolvedOwner[]>,
): Owners {
  if (rules.mapping) {
    const details = ownersOf(ownerTagValues(tags, rules.mapping.keyName), tagFound);
    if (details.length > 0) return { owners: details.map((d) => d.owner), source: "tag", details };
  }
  if (rules.fallback) {
    const details = ownersOf(rules.fallback.values, fallbackFound);
    if (details.length > 0) return { owners: details.map((d) => d.owner), source: "fallback", details };
  }
  return { owners: [], source: "none", details: [] };
}

/**
 * Owners of a batch of resources (a page, a fetch's batch), from the directory as it is now:
 * one statement for the tag values of the whole batch and the integration owner together.
 */
export async function resolveResourceOwners(
  pool: pg.Pool,
  rules: OwnerRules,
  tagSets: ReadonlyArray<Record<string, string>>,
): Promise<Owners[]> {
  const mapping = rules.mapping;
  const tagValues = mapping ? tagSets.flatMap((tags) => ownerTagValues(tags, mapping.keyName)) : [];
  const lookups = [
    ...(mapping ? [{ lookup: mapping.lookup, values: tagValues }] : []),
    ...(rules.fallback ? [rules.fallback] : []),
  ];
  const found = await resolveOwnerValues(pool, lookups);
  const empty = new Map<string, ResolvedOwner[]>();
  const tagFound = mapping ? (found[0] ?? empty) : empty;
  const fallbackFound = rules.fallback ? (found[mapping ? 1 : 0] ?? empty) : empty;
  return tagSets.map((tags) => decideOwners(tags, rules, tagFound, fallbackFound));
}
