CREATE TYPE "public"."roadmap_item_kind" AS ENUM('initiative', 'milestone');--> statement-breakpoint
CREATE TYPE "public"."roadmap_item_status" AS ENUM('not_started', 'in_progress', 'done', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."roadmap_note_kind" AS ENUM('evidence', 'comment');--> statement-breakpoint
CREATE TYPE "public"."roadmap_phase" AS ENUM('knowledge', 'design', 'implementation');--> statement-breakpoint
CREATE TABLE "roadmap_gate_checks" (
	"roadmap_id" uuid NOT NULL,
	"phase" "roadmap_phase" NOT NULL,
	"criterion_id" text NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_gate_checks_roadmap_id_phase_criterion_id_pk" PRIMARY KEY("roadmap_id","phase","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "roadmap_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadmap_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" "roadmap_item_kind" NOT NULL,
	"key" text NOT NULL,
	"phase" "roadmap_phase" NOT NULL,
	"dimension" text,
	"level" smallint,
	"element" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_role" text,
	"owner_id" uuid,
	"start_date" date,
	"due_date" date,
	"effort_weeks" smallint,
	"status" "roadmap_item_status" DEFAULT 'not_started' NOT NULL,
	"blocked_reason" text,
	"depends_on" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer NOT NULL,
	"custom" boolean DEFAULT false NOT NULL,
	"no_longer_needed" boolean DEFAULT false NOT NULL,
	"reason" text,
	"effect" real,
	"completed_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_items_blocked_has_reason" CHECK ("roadmap_items"."status" <> 'blocked' or "roadmap_items"."blocked_reason" is not null),
	CONSTRAINT "roadmap_items_milestone_has_parent" CHECK (("roadmap_items"."kind" = 'milestone') = ("roadmap_items"."parent_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "roadmap_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" "roadmap_note_kind" NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"baseline_assessment_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"library_id" text NOT NULL,
	"library_version" text NOT NULL,
	"start_date" date NOT NULL,
	"capacity" smallint NOT NULL,
	"horizon_weeks" smallint NOT NULL,
	"plan" jsonb NOT NULL,
	"calendar_token_hash" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_calendar_token_hash_unique" UNIQUE("calendar_token_hash")
);
--> statement-breakpoint
ALTER TABLE "roadmap_gate_checks" ADD CONSTRAINT "roadmap_gate_checks_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_gate_checks" ADD CONSTRAINT "roadmap_gate_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_parent_id_roadmap_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_notes" ADD CONSTRAINT "roadmap_notes_item_id_roadmap_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_notes" ADD CONSTRAINT "roadmap_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_baseline_assessment_id_assessments_id_fk" FOREIGN KEY ("baseline_assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_items_roadmap_key_idx" ON "roadmap_items" USING btree ("roadmap_id","key");--> statement-breakpoint
CREATE INDEX "roadmap_items_parent_id_idx" ON "roadmap_items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "roadmap_items_due_date_idx" ON "roadmap_items" USING btree ("roadmap_id","due_date");--> statement-breakpoint
CREATE INDEX "roadmap_notes_item_id_idx" ON "roadmap_notes" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "roadmaps_organization_id_idx" ON "roadmaps" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "roadmaps_assessment_id_idx" ON "roadmaps" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "roadmaps_baseline_assessment_id_idx" ON "roadmaps" USING btree ("baseline_assessment_id");