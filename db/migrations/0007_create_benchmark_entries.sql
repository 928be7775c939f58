CREATE TABLE "benchmark_entries" (
	"organization_id" uuid NOT NULL,
	"questionnaire_version_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"industry" text NOT NULL,
	"size_band" text NOT NULL,
	"region" text NOT NULL,
	"platform_pool" boolean DEFAULT false NOT NULL,
	"overall_index" double precision,
	"dimension_means" jsonb NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_entries_organization_id_questionnaire_version_id_pk" PRIMARY KEY("organization_id","questionnaire_version_id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "benchmark_opt_in" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "benchmark_entries" ADD CONSTRAINT "benchmark_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_entries" ADD CONSTRAINT "benchmark_entries_questionnaire_version_id_questionnaire_versions_id_fk" FOREIGN KEY ("questionnaire_version_id") REFERENCES "public"."questionnaire_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_entries" ADD CONSTRAINT "benchmark_entries_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benchmark_entries_version_pool_idx" ON "benchmark_entries" USING btree ("questionnaire_version_id","platform_pool");--> statement-breakpoint
CREATE INDEX "benchmark_entries_assessment_id_idx" ON "benchmark_entries" USING btree ("assessment_id");