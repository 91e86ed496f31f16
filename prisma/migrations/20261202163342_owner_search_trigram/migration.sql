-- Written by hand: what prisma/schema.prisma cannot express (a trigram GIN index on an
-- expression). Listed in apps/api/src/db/schema-extras.ts; the drift check (migrate.int.test.ts)
-- holds the two together.

-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database's owner may
-- create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The owner pickers search a person's email, user name and display name for a piece of text
-- anywhere in them, ignoring case (directory.repository.ts, `PERSON_SEARCH_TEXT`). Without this
-- index that was three ILIKEs on every row (a sequential scan of 50,000 people, ~70 ms of CPU a
-- search). One index over the three, lower-cased and joined by a newline (which a search cannot
-- usefully contain, so no match spans two fields), answers a `LIKE '%…%'` from the index. It is
-- not partial (no `WHERE active`) on purpose: PostgreSQL uses an expression index's statistics
-- only when the index is not partial, and with them it sees that a search like "example.com"
-- matches nearly everyone and reads the email index in order instead, stopping after one page.
CREATE INDEX "identity_people_search_trgm" ON "identity_people"
  USING gin (lower(coalesce("email", '') || E'\n' || "user_name" || E'\n' || coalesce("display_name", '')) gin_trgm_ops);
