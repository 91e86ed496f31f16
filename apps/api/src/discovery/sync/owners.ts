import { ZOwner, ZOwnersMapping } from "@portcullis/shared";
import { resolveProvider } from "../../core/identity-providers.ts";
import type { Db } from "../../db/prisma.ts";
import type { IdentityProvider, OwnerSource } from "../../generated/prisma/client.ts";

/** How owners are found: the tag to read (and where its values are looked up), and the fallback. */
export type OwnerRules = {
  mapping: { keyName: string; attributeType: "user" | "group"; providerId: string } | null;
  /** The integration owner's values, used when a resource has no resolvable owner tag. */
  fallback: string[];
};

export type Owners = { owners: string[]; source: OwnerSource };

/** Reads the integration's owner settings; a mapping to an unknown provider resolves nothing. */
export function ownerRules(
  integration: { owner: unknown; ownersMapping: unknown },
  providers: readonly IdentityProvider[],
): OwnerRules {
  const owner = ZOwner.safeParse(integration.owner);
  const mapping = ZOwnersMapping.safeParse(integration.ownersMapping);
  const provider = mapping.success
    ? resolveProvider(providers, mapping.data.source_integration_reference)
    : undefined;
  return {
    mapping:
      mapping.success && provider
        ? {
            keyName: mapping.data.key_name,
            attributeType: mapping.data.attribute_type,
            providerId: provider.id,
          }
        : null,
    fallback: owner.success ? owner.data.attribute_value : [],
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

/**
 * Owners of one resource: its tag's values that the directory knows (by lower-cased value →
 * the directory's spelling), else the integration owner, else none.
 */
export function decideOwners(
  tags: Record<string, string>,
  rules: OwnerRules,
  known: ReadonlyMap<string, string>,
): Owners {
  if (rules.mapping) {
    const resolved = ownerTagValues(tags, rules.mapping.keyName).flatMap((value) => {
      const match = known.get(value.toLowerCase());
      return match ? [match] : [];
    });
    if (resolved.length > 0) return { owners: [...new Set(resolved)], source: "tag" };
  }
  if (rules.fallback.length > 0) return { owners: rules.fallback, source: "fallback" };
  return { owners: [], source: "none" };
}

/**
 * Resolves owners batch by batch: the tag values not seen before are looked up in the
 * directory in one query (users by email, groups by name, any case), then remembered.
 */
export class OwnerResolver {
  private readonly known = new Map<string, string>();
  private readonly looked = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly rules: OwnerRules,
  ) {}

  async resolve(tagSets: ReadonlyArray<Record<string, string>>): Promise<Owners[]> {
    const mapping = this.rules.mapping;
    if (mapping) {
      const fresh = new Set<string>();
      for (const tags of tagSets) {
        for (const value of ownerTagValues(tags, mapping.keyName)) {
          const lower = value.toLowerCase();
          if (!this.looked.has(lower)) fresh.add(lower);
        }
      }
      if (fresh.size > 0) await this.lookUp(mapping, [...fresh]);
    }
    return tagSets.map((tags) => decideOwners(tags, this.rules, this.known));
  }

  private async lookUp(mapping: NonNullable<OwnerRules["mapping"]>, values: string[]): Promise<void> {
    const rows =
      mapping.attributeType === "user"
        ? await this.db.$queryRawUnsafe<Array<{ value: string }>>(
            `SELECT email AS value FROM directory_users WHERE provider_id = $1 AND lower(email) = ANY($2::text[])`,
            mapping.providerId,
            values,
          )
        : await this.db.$queryRawUnsafe<Array<{ value: string }>>(
            `SELECT name AS value FROM directory_groups WHERE provider_id = $1 AND lower(name) = ANY($2::text[])`,
            mapping.providerId,
            values,
          );
    for (const value of values) this.looked.add(value);
    for (const row of rows) this.known.set(row.value.toLowerCase(), row.value);
  }
}
