import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ENGAGEMENT_ROLES } from "../../app/domain/engagements.ts";
import { users } from "./identity.ts";
import { organizations } from "./organizations.ts";

export const engagementRoleEnum = pgEnum("engagement_role", ENGAGEMENT_ROLES);

/**
 * A consultancy working for a client organization. While it is active (started, not ended)
 * the consultancy's members act in the client with the engagement's role. An engagement the
 * client's owner offered by link has no consultancy until a consultant accepts it.
 */
export const engagements = pgTable(
  "engagements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    consultancyId: uuid("consultancy_id").references(() => organizations.id, { onDelete: "cascade" }),
    role: engagementRoleEnum("role").notNull(),
    /** SHA-256 of the offer link's secret, while the offer is open. */
    inviteTokenHash: text("invite_token_hash").unique(),
    inviteExpiresAt: timestamp("invite_expires_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedBy: uuid("ended_by").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [
    index("engagements_client_id_idx").on(table.clientId),
    index("engagements_consultancy_id_idx").on(table.consultancyId),
    // One live engagement per consultancy and client; ended ones stay as history.
    uniqueIndex("engagements_one_live_idx").on(table.clientId, table.consultancyId).where(sql`ended_at is null`),
  ],
);
