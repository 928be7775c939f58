import { bigint, boolean, doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments.ts";
import { organizations } from "./organizations.ts";
import { questionnaireVersions } from "./questionnaires.ts";

/**
 * One row per organization and questionnaire version: its latest closed assessment's scores,
 * with the segment fields and pool flags copied from the organization, so that a benchmark
 * reads these rows only, never answers. Written when an assessment closes or reopens and
 * when the organization's segment fields or opt-in change.
 */
export const benchmarkEntries = pgTable(
  "benchmark_entries",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    questionnaireVersionId: uuid("questionnaire_version_id")
      .notNull()
      .references(() => questionnaireVersions.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    industry: text("industry").notNull(),
    sizeBand: text("size_band").notNull(),
    region: text("region").notNull(),
    /** The organization's owner opted in to the platform pool. */
    platformPool: boolean("platform_pool").notNull().default(false),
    overallIndex: doublePrecision("overall_index"),
    /** Mean per dimension; null for a dimension with insufficient data. */
    dimensionMeans: jsonb("dimension_means").$type<Record<string, number | null>>().notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.questionnaireVersionId] }),
    index("benchmark_entries_version_pool_idx").on(table.questionnaireVersionId, table.platformPool),
    index("benchmark_entries_assessment_id_idx").on(table.assessmentId),
  ],
);

/**
 * How many times the benchmark entries of a questionnaire version have changed, counted by
 * triggers on benchmark_entries (and on an organization becoming sample data or not, which
 * moves its entries between pools; migration 0011) in the same transaction as the change. A
 * process keeps a pool it has read and reads it again only when this number moves: one
 * primary-key lookup per request instead of the whole pool.
 */
export const benchmarkPoolStamps = pgTable("benchmark_pool_stamps", {
  questionnaireVersionId: uuid("questionnaire_version_id")
    .primaryKey()
    .references(() => questionnaireVersions.id),
  changes: bigint("changes", { mode: "number" }).notNull().default(0),
});
