ALTER TYPE "public"."mail_kind" ADD VALUE 'reassessment_due' BEFORE 'password_reset';--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reassessment_months" smallint;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reassessment_reminded_for" uuid;