import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { RESPONDENT_FUNCTIONS } from "../../app/domain/respondents.ts";
import type { Scorecard } from "../../app/domain/scoring/score.ts";
import type { InvitationTemplate } from "../../app/domain/mail/invitation-template.ts";
import { engagements } from "./engagements.ts";
import { users } from "./identity.ts";
import { organizations } from "./organizations.ts";
import { questionnaireVersions } from "./questionnaires.ts";

export const assessmentStatusEnum = pgEnum("assessment_status", ["draft", "open", "closed"]);
export const respondentFunctionEnum = pgEnum("respondent_function", RESPONDENT_FUNCTIONS);
export const answerChoiceEnum = pgEnum("answer_choice", ["level", "dont_know", "not_applicable"]);

export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    questionnaireVersionId: uuid("questionnaire_version_id")
      .notNull()
      .references(() => questionnaireVersions.id),
    title: text("title").notNull(),
    status: assessmentStatusEnum("status").notNull().default("draft"),
    /** The organization's ambition per dimension; null means the best-practice profile. */
    targetProfile: jsonb("target_profile").$type<Record<string, number>>(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The day answers are due, in the organization's time zone; null: no deadline. */
    dueDate: date("due_date", { mode: "string" }),
    /** Reminder mails to those who have not submitted (docs/decisions/0022): on by default. */
    remindersEnabled: boolean("reminders_enabled").notNull().default(true),
    /** At most this many reminders per person. */
    reminderLimit: smallint("reminder_limit").notNull().default(3),
    /** At least this many days between two reminders to one person. */
    reminderGapDays: smallint("reminder_gap_days").notNull().default(4),
    /** One reminder this many days before the due date. */
    reminderDaysBeforeDue: smallint("reminder_days_before_due").notNull().default(2),
    /** The invitation mail's own wording, with placeholders; null: the default text (app/messages/mail.ts). */
    invitationTemplate: jsonb("invitation_template").$type<InvitationTemplate>(),
    /** Close the assessment by itself at the end of the due date. */
    autoClose: boolean("auto_close").notNull().default(false),
    /** The closed assessment this one repeats (a re-assessment), if any. */
    previousAssessmentId: uuid("previous_assessment_id").references((): AnyPgColumn => assessments.id, { onDelete: "set null" }),
  },
  (table) => [
    index("assessments_organization_id_idx").on(table.organizationId, table.createdAt),
    index("assessments_previous_assessment_id_idx").on(table.previousAssessmentId),
  ],
);

export const assessmentsRelations = relations(assessments, ({ one }) => ({
  version: one(questionnaireVersions, { fields: [assessments.questionnaireVersionId], references: [questionnaireVersions.id] }),
}));

export const respondents = pgTable(
  "respondents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    function: respondentFunctionEnum("function").notNull(),
    /** A member answering from their own account instead of a link. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** SHA-256 of the personal link's secret; null once revoked. */
    tokenHash: text("token_hash").unique(),
    /** Who added the respondent, and the engagement they acted through (null: as a member). */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    engagementId: uuid("engagement_id").references(() => engagements.id, { onDelete: "set null" }),
    /** When an invitation mail was first queued for the respondent's current link. */
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    remindersSent: smallint("reminders_sent").notNull().default(0),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
    /** The person asked for no more reminders; their link keeps working. */
    remindersOptedOutAt: timestamp("reminders_opted_out_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("respondents_assessment_id_idx").on(table.assessmentId),
    // A member answers an assessment once; link respondents (no user) are not limited.
    uniqueIndex("respondents_assessment_id_user_id_idx").on(table.assessmentId, table.userId),
  ],
);

/**
 * The hashes of respondent links that were replaced by a new link or revoked, written by a
 * trigger whenever a respondent's token hash changes (migration 0012), so an old link can say
 * what happened to it instead of "not found".
 */
export const respondentLinkRevocationReasonEnum = pgEnum("respondent_link_revocation_reason", ["replaced", "revoked"]);

export const respondentLinkRevocations = pgTable("respondent_link_revocations", {
  tokenHash: text("token_hash").primaryKey(),
  respondentId: uuid("respondent_id")
    .notNull()
    .references(() => respondents.id, { onDelete: "cascade" }),
  reason: respondentLinkRevocationReasonEnum("reason").notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }).notNull().defaultNow(),
});

// One row per respondent and question: the newest save by client sequence wins.
export const answers = pgTable(
  "answers",
  {
    respondentId: uuid("respondent_id")
      .notNull()
      .references(() => respondents.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    choice: answerChoiceEnum("choice"),
    level: smallint("level"),
    comment: text("comment"),
    clientSequence: bigint("client_sequence", { mode: "number" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.respondentId, table.questionId] }),
    check(
      "answers_level_matches_choice",
      sql`(${table.choice} = 'level' and ${table.level} between 1 and 5) or (${table.choice} is distinct from 'level' and ${table.level} is null)`,
    ),
  ],
);

export const assessmentResults = pgTable(
  "assessment_results",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    scorecard: jsonb("scorecard").$type<Scorecard>().notNull(),
    engineVersion: text("engine_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("assessment_results_assessment_id_idx").on(table.assessmentId, table.createdAt)],
);
