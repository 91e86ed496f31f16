-- The integrations list reads the audit ingest's warnings (an account whose CloudTrail cannot be
-- read turns an Active integration into Warning), so their changes announce themselves to the
-- API's list cache like every other table the list reads (see 20261202140000).
CREATE TRIGGER activity_ingest_warnings_list_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_ingest_warnings
  FOR EACH STATEMENT EXECUTE FUNCTION notify_list_data_changed();
