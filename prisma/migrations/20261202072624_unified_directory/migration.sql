-- Data: the old directory moves into identity sources before its tables go. The built-in demo
-- directory ("portcullis-directory") becomes the "Demo directory" source with a fixed id
-- (core/demo-source.ts); any other provider becomes a built-in source. People and groups keep
-- their ids, so owner values saved as user or group ids still name the same person or group,
-- and owner references to a provider (by id or name, any case) are rewritten to its source id.
CREATE TEMP TABLE provider_source_map AS
SELECT p.id AS provider_id,
       p.name AS provider_name,
       CASE WHEN p.id = 'portcullis-directory' THEN 'd3300000-0000-4000-8000-000000000001'::uuid
            ELSE gen_random_uuid() END AS source_id,
       CASE WHEN p.id = 'portcullis-directory' THEN 'Demo directory' ELSE p.name END AS source_name,
       CASE WHEN p.id = 'portcullis-directory' THEN 'demo' ELSE 'built-in' END AS source_type
FROM identity_providers p;

INSERT INTO identity_sources (id, name, type, status)
SELECT m.source_id,
       -- Names are unique among sources: a clash keeps the old provider's id in the name.
       CASE WHEN EXISTS (SELECT 1 FROM identity_sources s WHERE lower(s.name) = lower(m.source_name))
            THEN m.source_name || ' (' || m.provider_id || ')' ELSE m.source_name END,
       m.source_type::"IdentitySourceType",
       'active'::"IdentitySourceStatus"
FROM provider_source_map m;

INSERT INTO identity_people (id, source_id, user_name, user_name_key, email, emails, display_name, active)
SELECT u.id, m.source_id, u.email, lower(u.email), lower(u.email),
       jsonb_build_array(jsonb_build_object('value', u.email, 'type', 'work', 'primary', true)),
       u.name, true
FROM directory_users u JOIN provider_source_map m ON m.provider_id = u.provider_id;

INSERT INTO identity_groups (id, source_id, display_name, display_name_key)
SELECT g.id, m.source_id, g.name, lower(g.name)
FROM directory_groups g JOIN provider_source_map m ON m.provider_id = g.provider_id;

INSERT INTO identity_group_members (group_id, person_id)
SELECT dm.group_id, dm.user_id FROM directory_memberships dm;

UPDATE integrations i
SET owner = jsonb_set(i.owner, '{source_integration_reference}', to_jsonb(m.source_id::text))
FROM provider_source_map m
WHERE jsonb_typeof(i.owner) = 'object'
  AND (i.owner->>'source_integration_reference' = m.provider_id
       OR lower(i.owner->>'source_integration_reference') = lower(m.provider_name));

UPDATE integrations i
SET owners_mapping = jsonb_set(i.owners_mapping, '{source_integration_reference}', to_jsonb(m.source_id::text))
FROM provider_source_map m
WHERE jsonb_typeof(i.owners_mapping) = 'object'
  AND (i.owners_mapping->>'source_integration_reference' = m.provider_id
       OR lower(i.owners_mapping->>'source_integration_reference') = lower(m.provider_name));

DROP TABLE provider_source_map;

-- DropForeignKey
ALTER TABLE "directory_users" DROP CONSTRAINT "directory_users_provider_id_fkey";

-- DropForeignKey
ALTER TABLE "directory_groups" DROP CONSTRAINT "directory_groups_provider_id_fkey";

-- DropForeignKey
ALTER TABLE "directory_memberships" DROP CONSTRAINT "directory_memberships_user_id_fkey";

-- DropForeignKey
ALTER TABLE "directory_memberships" DROP CONSTRAINT "directory_memberships_group_id_fkey";

-- DropTable
DROP TABLE "identity_providers";

-- DropTable
DROP TABLE "directory_users";

-- DropTable
DROP TABLE "directory_groups";

-- DropTable
DROP TABLE "directory_memberships";

-- CreateIndex
CREATE INDEX "identity_people_email_idx" ON "identity_people"("email");
