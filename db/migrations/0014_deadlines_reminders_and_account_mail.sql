ALTER TYPE "public"."mail_kind" ADD VALUE 'respondent_reminder' BEFORE 'password_reset';--> statement-breakpoint
ALTER TYPE "public"."mail_kind" ADD VALUE 'results_ready' BEFORE 'password_reset';--> statement-breakpoint
ALTER TYPE "public"."mail_kind" ADD VALUE 'email_verification';--> statement-breakpoint
ALTER TYPE "public"."mail_kind" ADD VALUE 'email_change';--> statement-breakpoint
ALTER TYPE "public"."mail_kind" ADD VALUE 'email_change_notice';--> statement-breakpoint
CREATE TABLE "email_confirmations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"new_email" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "reminders_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "reminder_limit" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "reminder_gap_days" smallint DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "reminder_days_before_due" smallint DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "auto_close" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "respondents" ADD COLUMN "reminders_sent" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "respondents" ADD COLUMN "last_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "respondents" ADD COLUMN "reminders_opted_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "unsubscribe_token_hash" text;--> statement-breakpoint
ALTER TABLE "email_confirmations" ADD CONSTRAINT "email_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_confirmations_user_id_idx" ON "email_confirmations" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_unsubscribe_token_hash_unique" UNIQUE("unsubscribe_token_hash");--> statement-breakpoint
-- Accounts made before sign-up mail was confirmed count as confirmed: nobody is asked again.
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;
