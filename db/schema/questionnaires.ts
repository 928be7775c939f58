import { jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const versionStatusEnum = pgEnum("questionnaire_version_status", ["draft", "published", "retired"]);

export const questionnaires = pgTable("questionnaires", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// Published and retired rows are frozen by a trigger (migration 0002): their content,
// hash and identity cannot change, and they cannot be deleted.
export const questionnaireVersions = pgTable(
  "questionnaire_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    questionnaireId: text("questionnaire_id")
      .notNull()
      .references(() => questionnaires.id),
    version: text("version").notNull(),
    status: versionStatusEnum("status").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    contentHash: text("content_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("questionnaire_versions_questionnaire_version_key").on(table.questionnaireId, table.version)],
);
