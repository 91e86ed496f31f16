import { quoteValue, type TOwner, type TOwnersMapping } from "@portcullis/shared";
import { resolveSource } from "../../core/directory-sources.ts";
import type { ApiIssue } from "../../lib/app-error.ts";
import type { DirectoryRepository } from "./directory.repository.ts";

function unknownProviderMessage(reference: string, known: readonly { name: string }[]): string {
  const names = known.map((provider) => provider.name).join(", ") || "none";
  return `No identity source ${quoteValue(reference)}. Use the id or name of one of: ${names}.`;
}

function missingMessage(missing: readonly string[], kind: "user" | "group", providerName: string): string {
  const shown = missing.slice(0, 3).map(quoteValue).join(", ");
  const more = missing.length > 3 ? " and others" : "";
  return missing.length === 1
    ? `${shown} is not a ${kind} of ${providerName}. Select ${kind === "user" ? "users" : "groups"} from the directory.`
    : `${shown}${more} are not ${kind}s of ${providerName}. Select ${kind === "user" ? "users" : "groups"} from the directory.`;
}

/**
 * Checks owner settings against the directory: a referenced source must exist (none means every
 * source) and every owner value must be one of its live users (email, user name or id) or groups
 * (name or id). Returns the problems as API issues on the fields concerned; none when all is well.
 */
export async function validateOwnerSettings(
  repository: DirectoryRepository,
  settings: { owner?: TOwner | null; owners_mapping?: TOwnersMapping | null },
): Promise<ApiIssue[]> {
  const issues: ApiIssue[] = [];
  if (!settings.owner && !settings.owners_mapping) return issues;
  const providers = await repository.sources();

  if (settings.owners_mapping) {
    const reference = settings.owners_mapping.source_integration_reference;
    if (resolveSource(providers, reference) === undefined) {
      issues.push({
        path: "owners_mapping.source_integration_reference",
        message: unknownProviderMessage(reference ?? "", providers),
      });
    }
  }

  const owner = settings.owner;
  if (owner) {
    const provider = resolveSource(providers, owner.source_integration_reference);
    if (provider === undefined) {
      issues.push({
        path: "owner.source_integration_reference",
        message: unknownProviderMessage(owner.source_integration_reference ?? "", providers),
      });
      return issues;
    }
    const values = owner.attribute_value;
    let missing: string[];
    if (owner.attribute_type === "user") {
      const found = await repository.usersMatching(provider?.id ?? null, values);
      const known = new Set(
        found.flatMap((user) => [user.id, user.email, user.userNameKey].filter((v): v is string => !!v)),
      );
      missing = values.filter((value) => !known.has(value) && !known.has(value.toLowerCase()));
    } else {
      const found = await repository.groupsMatching(provider?.id ?? null, values);
      const known = new Set(found.flatMap((group) => [group.id, group.displayNameKey]));
      missing = values.filter((value) => !known.has(value) && !known.has(value.toLowerCase()));
    }
    if (missing.length > 0) {
      issues.push({
        path: "owner.attribute_value",
        message: missingMessage(missing, owner.attribute_type, provider?.name ?? "the directory"),
      });
    }
  }
  return issues;
}
