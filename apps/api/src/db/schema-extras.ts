import type { SchemaSnapshot } from "./schema-drift.ts";

/**
 * What the migrations create that prisma/schema.prisma cannot say. Prisma's schema language has no
 * expression indexes, so these are written by hand in a migration (`pnpm db:new-migration <name>
 * --empty`) and listed here, as `snapshotSchema` words them: the drift check and
 * `db:new-migration` expect exactly the schema's database plus these facts, so an extra that a
 * migration forgot, or one a migration made without listing it here, fails the build.
 */
export const SCHEMA_EXTRAS: ReadonlyArray<{ fact: string; why: string }> = [
  {
    fact: "index CREATE UNIQUE INDEX integrations_name_lower_key ON public.integrations USING btree (lower(name))",
    why:
      'Integration names are unique ignoring case ("ux prod account" is "UX Prod Account"): the ' +
      "service checks first for a clear message, this index settles two creates that race.",
  },
  {
    // pg_indexes writes the expression's newline separators as newlines.
    fact: "index CREATE INDEX identity_people_search_trgm ON public.identity_people USING gin (lower(((((COALESCE(email, ''::text) || '\n'::text) || user_name) || '\n'::text) || COALESCE(display_name, ''::text))) gin_trgm_ops)",
    why:
      "The owner pickers' search (text anywhere in a person's email, user name or display name, any " +
      "case) reads this trigram index instead of every person (directory.repository.ts).",
  },
];

/** The snapshot a migrated database must have: the one schema.prisma creates, plus the extras. */
export function withSchemaExtras(fromSchema: SchemaSnapshot): SchemaSnapshot {
  return [...fromSchema, ...SCHEMA_EXTRAS.map((extra) => extra.fact)].sort();
}
