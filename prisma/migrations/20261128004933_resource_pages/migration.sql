-- DropIndex
DROP INDEX "resources_integration_id_id_idx";

-- CreateTable
CREATE TABLE "resource_counts" (
    "integration_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "resource_counts_pkey" PRIMARY KEY ("integration_id","type")
);

-- CreateIndex
CREATE INDEX "resources_integration_id_name_id_idx" ON "resources"("integration_id", "name", "id");

-- AddForeignKey
ALTER TABLE "resource_counts" ADD CONSTRAINT "resource_counts_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Counts per integration and type, kept by statement-level triggers: one grouped write per
-- statement (a discovery batch is one statement), never one per row. Rows are taken in key
-- order, so concurrent batches of one integration lock its counters in the same order. (A
-- transaction of several statements holds its counters to the end: write each batch as one.)
CREATE FUNCTION resource_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO resource_counts (integration_id, type, count)
  SELECT integration_id, type, count(*) FROM inserted GROUP BY integration_id, type ORDER BY integration_id, type
  ON CONFLICT (integration_id, type) DO UPDATE SET count = resource_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE FUNCTION resource_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- When the integration itself is deleted its counters go by cascade; then this updates nothing.
  UPDATE resource_counts c SET count = c.count - d.n
  FROM (SELECT integration_id, type, count(*) AS n FROM deleted GROUP BY integration_id, type) d
  WHERE c.integration_id = d.integration_id AND c.type = d.type;
  RETURN NULL;
END $$;

CREATE FUNCTION resource_counts_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM resource_counts;
  RETURN NULL;
END $$;

-- A resource's integration and type are part of its identity (the upsert key): changing them
-- would leave the counters wrong, so it is refused rather than counted.
CREATE FUNCTION resources_identity_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a resource''s integration_id and type cannot change; delete it and insert a new one';
END $$;

CREATE TRIGGER resources_count_insert AFTER INSERT ON resources
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION resource_counts_after_insert();
CREATE TRIGGER resources_count_delete AFTER DELETE ON resources
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION resource_counts_after_delete();
CREATE TRIGGER resources_count_truncate AFTER TRUNCATE ON resources
  FOR EACH STATEMENT EXECUTE FUNCTION resource_counts_after_truncate();
CREATE TRIGGER resources_identity_fixed BEFORE UPDATE OF integration_id, type ON resources
  FOR EACH ROW WHEN (OLD.integration_id IS DISTINCT FROM NEW.integration_id OR OLD.type IS DISTINCT FROM NEW.type)
  EXECUTE FUNCTION resources_identity_is_fixed();

-- Resources stored before this migration.
INSERT INTO resource_counts (integration_id, type, count)
SELECT integration_id, type, count(*) FROM resources GROUP BY integration_id, type;
