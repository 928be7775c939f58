CREATE TABLE "benchmark_pool_stamps" (
	"questionnaire_version_id" uuid PRIMARY KEY NOT NULL,
	"changes" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benchmark_pool_stamps" ADD CONSTRAINT "benchmark_pool_stamps_questionnaire_version_id_questionnaire_versions_id_fk" FOREIGN KEY ("questionnaire_version_id") REFERENCES "public"."questionnaire_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every statement that inserts, updates or deletes benchmark entries counts one change for each
-- questionnaire version it touched, in its own transaction, so a reader that sees the new
-- number also sees the new entries. Per statement, not per row: a bulk load counts once.
CREATE FUNCTION count_benchmark_pool_changes() RETURNS trigger AS $$
BEGIN
  INSERT INTO benchmark_pool_stamps AS stamp (questionnaire_version_id, changes)
    SELECT DISTINCT questionnaire_version_id, 1 FROM changed_entries
  ON CONFLICT (questionnaire_version_id) DO UPDATE SET changes = stamp.changes + 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER benchmark_entries_inserted AFTER INSERT ON benchmark_entries
  REFERENCING NEW TABLE AS changed_entries FOR EACH STATEMENT EXECUTE FUNCTION count_benchmark_pool_changes();
--> statement-breakpoint
CREATE TRIGGER benchmark_entries_updated AFTER UPDATE ON benchmark_entries
  REFERENCING NEW TABLE AS changed_entries FOR EACH STATEMENT EXECUTE FUNCTION count_benchmark_pool_changes();
--> statement-breakpoint
CREATE TRIGGER benchmark_entries_deleted AFTER DELETE ON benchmark_entries
  REFERENCING OLD TABLE AS changed_entries FOR EACH STATEMENT EXECUTE FUNCTION count_benchmark_pool_changes();
--> statement-breakpoint
-- Which pool an entry belongs to also depends on its organization being sample data.
CREATE FUNCTION count_organization_pool_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO benchmark_pool_stamps AS stamp (questionnaire_version_id, changes)
    SELECT DISTINCT questionnaire_version_id, 1 FROM benchmark_entries WHERE organization_id = NEW.id
  ON CONFLICT (questionnaire_version_id) DO UPDATE SET changes = stamp.changes + 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organizations_sample_data_changed AFTER UPDATE OF sample_data ON organizations
  FOR EACH ROW WHEN (OLD.sample_data IS DISTINCT FROM NEW.sample_data) EXECUTE FUNCTION count_organization_pool_change();
