import { classifyAwsError } from "../aws/aws-errors.ts";
import { tagMap } from "./types.ts";

/**
 * Every page of one IAM role's or user's tags (ListRoleTags, ListUserTags); null when the
 * role or user was deleted between its listing and this call, so it is skipped, not failed.
 */
export async function tagsUnlessDeleted(
  pages: AsyncIterable<{ Tags?: Array<{ Key?: string; Value?: string }> }>,
): Promise<Record<string, string> | null> {
  const tags: Array<{ Key?: string; Value?: string }> = [];
  try {
    for await (const page of pages) tags.push(...(page.Tags ?? []));
  } catch (error) {
    if (classifyAwsError(error) === "not-found") return null;
    throw error;
  }
  return tagMap(tags);
}
