import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { API_TOKEN_ROLES } from "../../app/domain/api/tokens.ts";
import { users } from "./identity.ts";
import { organizations } from "./organizations.ts";

export const apiTokenRoleEnum = pgEnum("api_token_role", API_TOKEN_ROLES);

/** Organization-scoped API tokens; only the SHA-256 of the secret is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: apiTokenRoleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The admin who created it; the token acts in the audit log on their behalf. */
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Fixed-window rate limit: when the current window began and how many requests it has seen. */
    rateWindowStart: timestamp("rate_window_start", { withTimezone: true }),
    rateWindowCount: integer("rate_window_count").notNull().default(0),
  },
  (table) => [index("api_tokens_organization_id_idx").on(table.organizationId, table.createdAt)],
);
