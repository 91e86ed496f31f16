-- The API keeps the admin list pages it has serialized (integrations, an integration's resources)
-- while the data under them is unchanged. Any process may change that data (the worker's fetches,
-- another API process, a script), so each table a list page reads announces its changes: one
-- statement-level trigger per table (never per row: a fetch's batch is one statement), and
-- PostgreSQL delivers the notification at commit, once per transaction (identical payloads are
-- folded into one), to every session that LISTENs on the channel. See apps/api/src/db/change-feed.ts.
CREATE FUNCTION notify_list_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('portcullis_list_data', '');
  RETURN NULL;
END $$;

CREATE TRIGGER integrations_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON integrations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER sync_runs_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sync_runs
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER resources_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resources
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER resource_counts_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resource_counts
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
-- Owners are resolved from the directory when a page is read.
CREATE TRIGGER identity_sources_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identity_sources
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER identity_people_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identity_people
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER identity_groups_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identity_groups
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER identity_group_members_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identity_group_members
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();

-- The credentials requests read are kept the same way (apps/api/src/modules/auth/caller-lookup.ts):
-- a sign-out, a revoked token, a role change or a removed account must reach the next request.
-- Inserts need no notice: only credentials that were found are kept.
CREATE TRIGGER sessions_list_data AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER api_tokens_list_data AFTER UPDATE OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
CREATE TRIGGER app_users_list_data AFTER UPDATE OR DELETE OR TRUNCATE ON app_users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
