import { describe, expect, it } from "vitest";
import { tagsUnlessDeleted } from "./iam-tags.ts";

const awsError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $fault: "client", $metadata: { httpStatusCode: status } });

/** Tag pages as the SDK's paginator yields them, failing with `error` after the pages given. */
async function* tagPages(pages: Array<Array<{ Key?: string; Value?: string }>>, error?: Error) {
  for (const Tags of pages) yield { Tags };
  if (error) throw error;
}

describe("tagsUnlessDeleted", () => {
  it("merges every page into one map", async () => {
    const tags = await tagsUnlessDeleted(
      tagPages([
        [{ Key: "owner", Value: "ana@example.com" }],
        [{ Key: "env", Value: "prod" }, { Key: "empty" }],
      ]),
    );
    expect(tags).toEqual({ owner: "ana@example.com", env: "prod", empty: "" });
  });

  it("is null when the role or user was deleted since it was listed (NoSuchEntity), even mid-way", async () => {
    expect(await tagsUnlessDeleted(tagPages([], awsError("NoSuchEntity", 404)))).toBeNull();
    expect(
      await tagsUnlessDeleted(tagPages([[{ Key: "a", Value: "1" }]], awsError("NoSuchEntity", 404))),
    ).toBeNull();
  });

  it("passes on every other failure, for the scope to report", async () => {
    await expect(tagsUnlessDeleted(tagPages([], awsError("AccessDenied", 403)))).rejects.toThrow(
      "AccessDenied",
    );
    await expect(tagsUnlessDeleted(tagPages([], awsError("Throttling", 400)))).rejects.toThrow("Throttling");
  });
});
