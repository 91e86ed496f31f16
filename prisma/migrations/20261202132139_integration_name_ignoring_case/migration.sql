-- Written by hand: what prisma/schema.prisma cannot express (Prisma's schema language has no
-- expression indexes). Listed in apps/api/src/db/schema-extras.ts; the drift check
-- (migrate.int.test.ts) holds the two together.

-- Integration names are unique ignoring case ("ux prod account" is "UX Prod Account"). The API
-- has checked this since before this index, but two creates that raced could both pass the
-- check: the later of any such pair keeps its name with "-" and the start of its id appended
-- (at most 100 characters, allowed characters only), so the index can be built.
UPDATE "integrations" AS i
   SET "name" = left(i."name", 91) || '-' || left(i."id"::text, 8)
  FROM (
    SELECT "id", row_number() OVER (PARTITION BY lower("name") ORDER BY "created_at", "id") AS n
      FROM "integrations"
  ) AS ranked
 WHERE ranked."id" = i."id" AND ranked.n > 1;

CREATE UNIQUE INDEX "integrations_name_lower_key" ON "integrations" (lower("name"));
