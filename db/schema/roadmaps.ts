import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { PHASES } from "../../app/domain/roadmap/library.ts";
import { ITEM_STATUSES } from "../../app/domain/roadmap/tracking.ts";
import type { RoadmapSummary } from "../../app/domain/roadmap/generate.ts";
import { assessments } from "./assessments.ts";
import { engagements } from "./engagements.ts";
import { users } from "./identity.ts";
import { organizations } from "./organizations.ts";

export const phaseEnum = pgEnum("roadmap_phase", PHASES);
export const itemKindEnum = pgEnum("roadmap_item_kind", ["initiative", "milestone"]);
export const itemStatusEnum = pgEnum("roadmap_item_status", ITEM_STATUSES);
export const noteKindEnum = pgEnum("roadmap_note_kind", ["evidence", "comment"]);

export const roadmaps = pgTable(
  "roadmaps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** The assessment the plan began from; its scores are the baseline of "measured change". */
    baselineAssessmentId: uuid("baseline_assessment_id")
      .notNull()
      .references(() => assessments.id),
    /** The assessment the plan was last generated from (the baseline, or a re-assessment). */
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    libraryId: text("library_id").notNull(),
    libraryVersion: text("library_version").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    capacity: smallint("capacity").notNull(),
    horizonWeeks: smallint("horizon_weeks").notNull(),
    /** The generator's summary: plan id, dimensions planned for, projection per phase, notes. */
    plan: jsonb("plan").$type<RoadmapSummary>().notNull(),
    /** SHA-256 of the calendar feed's secret; null when no feed is issued. */
    calendarTokenHash: text("calendar_token_hash").unique(),
    /** Who issued the calendar feed, and the engagement they acted through (null: as a member). */
    calendarCreatedBy: uuid("calendar_created_by").references(() => users.id, { onDelete: "set null" }),
    calendarEngagementId: uuid("calendar_engagement_id").references(() => engagements.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("roadmaps_organization_id_idx").on(table.organizationId, table.createdAt),
    index("roadmaps_assessment_id_idx").on(table.assessmentId),
    index("roadmaps_baseline_assessment_id_idx").on(table.baselineAssessmentId),
  ],
);

// Initiatives and their milestones: one table, since both are owned, dated, tracked,
// annotated and kept in history the same way. A milestone's parent is its initiative.
export const roadmapItems = pgTable(
  "roadmap_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roadmapId: uuid("roadmap_id")
      .notNull()
      .references(() => roadmaps.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => roadmapItems.id, { onDelete: "cascade" }),
    kind: itemKindEnum("kind").notNull(),
    /** The library's id ("initiative" or "initiative/milestone"), or "custom-…" for added items. */
    key: text("key").notNull(),
    phase: phaseEnum("phase").notNull(),
    dimension: text("dimension"),
    level: smallint("level"),
    element: text("element"),
    title: text("title").notNull(),
    /** An initiative's description, or a milestone's acceptance criterion. */
    description: text("description").notNull().default(""),
    ownerRole: text("owner_role"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    startDate: date("start_date", { mode: "string" }),
    dueDate: date("due_date", { mode: "string" }),
    effortWeeks: smallint("effort_weeks"),
    status: itemStatusEnum("status").notNull().default("not_started"),
    blockedReason: text("blocked_reason"),
    dependsOn: text("depends_on").array().notNull().default(sql`'{}'::text[]`),
    position: integer("position").notNull(),
    custom: boolean("custom").notNull().default(false),
    /** Set by a regeneration when the gap it served has closed; the item stays with its history. */
    noLongerNeeded: boolean("no_longer_needed").notNull().default(false),
    reason: text("reason"),
    effect: real("effect"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("roadmap_items_roadmap_key_idx").on(table.roadmapId, table.key),
    index("roadmap_items_parent_id_idx").on(table.parentId),
    index("roadmap_items_due_date_idx").on(table.roadmapId, table.dueDate),
    check("roadmap_items_blocked_has_reason", sql`${table.status} <> 'blocked' or ${table.blockedReason} is not null`),
    check("roadmap_items_milestone_has_parent", sql`(${table.kind} = 'milestone') = (${table.parentId} is not null)`),
  ],
);

export const roadmapNotes = pgTable(
  "roadmap_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => roadmapItems.id, { onDelete: "cascade" }),
    kind: noteKindEnum("kind").notNull(),
    body: text("body").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("roadmap_notes_item_id_idx").on(table.itemId, table.createdAt)],
);

/** A ticked exit criterion of a phase gate, with who ticked it and when. */
export const roadmapGateChecks = pgTable(
  "roadmap_gate_checks",
  {
    roadmapId: uuid("roadmap_id")
      .notNull()
      .references(() => roadmaps.id, { onDelete: "cascade" }),
    phase: phaseEnum("phase").notNull(),
    criterionId: text("criterion_id").notNull(),
    checkedBy: uuid("checked_by").references(() => users.id, { onDelete: "set null" }),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.roadmapId, table.phase, table.criterionId] })],
);

// For drizzle's relational queries (db.query.roadmaps): a roadmap page reads the roadmap with
// its items, their notes and its gate checks in one statement.
export const roadmapsRelations = relations(roadmaps, ({ one, many }) => ({
  items: many(roadmapItems),
  gateChecks: many(roadmapGateChecks),
  /** The assessment the plan was last generated from. */
  assessment: one(assessments, { fields: [roadmaps.assessmentId], references: [assessments.id] }),
}));

export const roadmapItemsRelations = relations(roadmapItems, ({ one, many }) => ({
  roadmap: one(roadmaps, { fields: [roadmapItems.roadmapId], references: [roadmaps.id] }),
  owner: one(users, { fields: [roadmapItems.ownerId], references: [users.id] }),
  notes: many(roadmapNotes),
}));

export const roadmapNotesRelations = relations(roadmapNotes, ({ one }) => ({
  item: one(roadmapItems, { fields: [roadmapNotes.itemId], references: [roadmapItems.id] }),
  author: one(users, { fields: [roadmapNotes.authorId], references: [users.id] }),
}));

export const roadmapGateChecksRelations = relations(roadmapGateChecks, ({ one }) => ({
  roadmap: one(roadmaps, { fields: [roadmapGateChecks.roadmapId], references: [roadmaps.id] }),
  checker: one(users, { fields: [roadmapGateChecks.checkedBy], references: [users.id] }),
}));
