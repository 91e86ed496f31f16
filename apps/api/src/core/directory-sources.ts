/** What owner settings need to know of an identity source. */
export type DirectorySource = { id: string; name: string; type: string };

/**
 * The demo directory's source: created while the AWS sandbox demo runs (bootstrap/directory-seed.ts).
 * Its id is fixed so the migration from the old directory (20261202072624_unified_directory) and
 * the demo scenario's integrations name the same source.
 */
export const DEMO_SOURCE = {
  id: "d3300000-0000-4000-8000-000000000001",
  name: "Demo directory",
  type: "demo",
} as const;

/**
 * The source an owner setting refers to: by id, else by name (any case). `null` for no reference,
 * which means every source; `undefined` for a reference to no known source.
 */
export function resolveSource<S extends DirectorySource>(
  sources: readonly S[],
  reference: string | null | undefined,
): S | null | undefined {
  if (reference === null || reference === undefined || reference === "") return null;
  const lower = reference.toLowerCase();
  return (
    sources.find((source) => source.id === reference) ??
    sources.find((source) => source.name.toLowerCase() === lower)
  );
}
