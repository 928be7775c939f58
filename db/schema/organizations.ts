import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { MINIMUM_GROUP_SIZE_FLOOR } from "../../app/domain/privacy.ts";
import { ROLES } from "../../app/domain/roles.ts";
import { engagements } from "./engagements.ts";
import { users } from "./identity.ts";

export const roleEnum = pgEnum("role", ROLES);
export const organizationKindEnum = pgEnum("organization_kind", ["company", "consultancy"]);

export const organizations = pgTable(
  "organizations",
  {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: organizationKindEnum("kind").notNull().default("company"),
  industry: text("industry").notNull(),
  sizeBand: text("size_band").notNull(),
  region: text("region").notNull(),
  /** The owner's consent to add the organization's results to the platform benchmark pool. */
  benchmarkOptIn: boolean("benchmark_opt_in").notNull().default(false),
  /**
   * Generated sample data (the demo organization and the sample benchmark pool). Sample and
   * real organizations never share a benchmark pool.
   */
  sampleData: boolean("sample_data").notNull().default(false),
  /** No figure from fewer respondents than this is shown anywhere (never below 3). */
  minimumGroupSize: smallint("minimum_group_size").notNull().default(MINIMUM_GROUP_SIZE_FLOOR),
  /** Raw-answer exports keep each respondent's pseudonym from one export to the next. */
  stablePseudonyms: boolean("stable_pseudonyms").notNull().default(false),
  /** Secret that stable pseudonyms are derived from; random per organization. */
  pseudonymKey: text("pseudonym_key").notNull().default(sql`gen_random_uuid()::text`),
  /** Months after the newest closed assessment until the owners are reminded to measure again; null: never. */
  reassessmentMonths: smallint("reassessment_months"),
  /** The closed assessment the owners were last reminded to repeat, so each is reminded of once. */
  reassessmentRemindedFor: uuid("reassessment_reminded_for"),
  /** An IANA time zone: due dates end, and reminders keep off weekends, in it. */
  timeZone: text("time_zone").notNull().default("UTC"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("organizations_minimum_group_size_range", sql`${table.minimumGroupSize} between 3 and 50`)],
);

export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.userId] }),
    index("memberships_user_id_idx").on(table.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    role: roleEnum("role").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The engagement the creator acted through; null when they acted as the organization's own member. */
    engagementId: uuid("engagement_id").references(() => engagements.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("invitations_organization_id_idx").on(table.organizationId)],
);
