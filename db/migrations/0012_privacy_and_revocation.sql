CREATE TYPE "public"."login_attempt_kind" AS ENUM('sign_in', 'sign_up', 'password_check');--> statement-breakpoint
CREATE TYPE "public"."respondent_link_revocation_reason" AS ENUM('replaced', 'revoked');--> statement-breakpoint
CREATE TABLE "respondent_link_revocations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"respondent_id" uuid NOT NULL,
	"reason" "respondent_link_revocation_reason" NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "kind" "login_attempt_kind" DEFAULT 'sign_in' NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "engagement_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "minimum_group_size" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "stable_pseudonyms" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "pseudonym_key" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
ALTER TABLE "respondents" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "respondents" ADD COLUMN "engagement_id" uuid;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD COLUMN "calendar_created_by" uuid;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD COLUMN "calendar_engagement_id" uuid;--> statement-breakpoint
ALTER TABLE "respondent_link_revocations" ADD CONSTRAINT "respondent_link_revocations_respondent_id_respondents_id_fk" FOREIGN KEY ("respondent_id") REFERENCES "public"."respondents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondents" ADD CONSTRAINT "respondents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondents" ADD CONSTRAINT "respondents_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_calendar_created_by_users_id_fk" FOREIGN KEY ("calendar_created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_calendar_engagement_id_engagements_id_fk" FOREIGN KEY ("calendar_engagement_id") REFERENCES "public"."engagements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_minimum_group_size_range" CHECK ("organizations"."minimum_group_size" between 3 and 50);
--> statement-breakpoint
-- Benchmarks count organizations controlled by the same people once (ADR 0015), so who owns or
-- administers an organization is part of its pools: a membership change counts as a change of
-- every pool the organization has an entry in.
CREATE FUNCTION count_membership_pool_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO benchmark_pool_stamps AS stamp (questionnaire_version_id, changes)
    SELECT DISTINCT questionnaire_version_id, 1 FROM benchmark_entries
    WHERE organization_id IN (SELECT organization_id FROM changed_memberships)
  ON CONFLICT (questionnaire_version_id) DO UPDATE SET changes = stamp.changes + 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER memberships_inserted AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS changed_memberships FOR EACH STATEMENT EXECUTE FUNCTION count_membership_pool_change();
--> statement-breakpoint
CREATE TRIGGER memberships_updated AFTER UPDATE ON memberships
  REFERENCING NEW TABLE AS changed_memberships FOR EACH STATEMENT EXECUTE FUNCTION count_membership_pool_change();
--> statement-breakpoint
CREATE TRIGGER memberships_deleted AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS changed_memberships FOR EACH STATEMENT EXECUTE FUNCTION count_membership_pool_change();
--> statement-breakpoint
-- A respondent link that is replaced or revoked keeps its hash here, whichever code path changed
-- it, so the old link can tell its holder what happened and whom to ask.
CREATE FUNCTION record_respondent_link_revocation() RETURNS trigger AS $$
BEGIN
  INSERT INTO respondent_link_revocations (token_hash, respondent_id, reason)
    VALUES (OLD.token_hash, OLD.id, CASE WHEN NEW.token_hash IS NULL THEN 'revoked' ELSE 'replaced' END::respondent_link_revocation_reason)
  ON CONFLICT (token_hash) DO NOTHING;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER respondents_link_changed AFTER UPDATE OF token_hash ON respondents
  FOR EACH ROW WHEN (OLD.token_hash IS NOT NULL AND OLD.token_hash IS DISTINCT FROM NEW.token_hash)
  EXECUTE FUNCTION record_respondent_link_revocation();
