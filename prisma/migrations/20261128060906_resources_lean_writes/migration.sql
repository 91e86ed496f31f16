-- Discovery writes every resource it sees on every fetch: fewer indexes to keep, and room for
-- rewriting a row in place (measured with `pnpm bench`, B2).
--
-- The natural key (integration, type, AWS id), which discovery writes by, becomes the primary
-- key, and the index on the random uuid goes: nothing looks a resource up by its id alone. The
-- page index (integration, name, id) becomes unique, so a page's keyset still names one row.
--
-- The finalizing statements read every row of the integration anyway (the count of the rows a
-- run saw has no narrower index to use), so the (integration, scope_key) index served nothing
-- but cost a write per row.
--
-- A fetch rewrites each row it sees (last_seen, last_sync_run_id), and none of the columns it
-- rewrites is indexed. With half of each page left free, PostgreSQL writes the new version
-- beside the old one without touching any index (a HOT update) instead of inserting into every
-- index: a re-sync costs about a third less database CPU, and the indexes do not bloat between
-- vacuums. Without the free space, the first re-sync would grow the table as much anyway. Pages
-- written before this migration keep their layout until they are rewritten.
ALTER TABLE "resources" SET (fillfactor = 50);

-- DropIndex
DROP INDEX "resources_integration_id_name_id_idx";

-- DropIndex
DROP INDEX "resources_integration_id_scope_key_idx";

-- DropIndex
DROP INDEX "resources_integration_id_type_external_id_key";

-- AlterTable
ALTER TABLE "resources" DROP CONSTRAINT "resources_pkey",
ADD CONSTRAINT "resources_pkey" PRIMARY KEY ("integration_id", "type", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "resources_integration_id_name_id_key" ON "resources"("integration_id", "name", "id");
