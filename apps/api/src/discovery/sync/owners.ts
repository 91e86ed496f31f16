import { type OwnerRules, type Owners, resolveResourceOwners } from "../../core/resource-owners.ts";
import type { Db } from "../../db/prisma.ts";
import { pgPoolOf } from "../../db/prisma.ts";

export {
  decideOwners,
  type OwnerRules,
  type Owners,
  ownerRules,
  ownerTagValues,
} from "../../core/resource-owners.ts";

/**
 * Owners as a fetch sees them, stored with each resource as a snapshot (what the fetch found).
 * What the API shows is resolved again at read time (modules/resources), so directory changes
 * count without a new fetch.
 */
export class OwnerResolver {
  constructor(
    private readonly db: Db,
    private readonly rules: OwnerRules,
  ) {}

  resolve(tagSets: ReadonlyArray<Record<string, string>>): Promise<Owners[]> {
    return resolveResourceOwners(pgPoolOf(this.db), this.rules, tagSets);
  }
}
