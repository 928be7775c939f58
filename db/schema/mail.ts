import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { respondents } from "./assessments.ts";
import { users } from "./identity.ts";
import { organizations } from "./organizations.ts";

export const mailKindEnum = pgEnum("mail_kind", [
  "respondent_invitation",
  "respondent_reminder",
  "results_ready",
  "reassessment_due",
  "password_reset",
  "email_verification",
  "email_change",
  "email_change_notice",
]);

/**
 * queued: waiting for the worker (or for a retry after a temporary SMTP failure); sent: the SMTP
 * server accepted it; kept: no SMTP server is configured, so it waits on the Outbox page;
 * bounced: the SMTP server refused the address; failed: every retry failed; withdrawn: not sent,
 * because the link it carried was replaced or revoked before its turn came.
 */
export const mailStatusEnum = pgEnum("mail_status", ["queued", "sent", "kept", "bounced", "failed", "withdrawn"]);

/**
 * Every mail the app sends, written in the same transaction as the change that causes it, with
 * its send job. The personal link a mail carries is kept in `secret` only until the SMTP server
 * accepts the mail; then it is blanked in the stored copy, so the database holds links hashed.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    respondentId: uuid("respondent_id").references(() => respondents.id, { onDelete: "set null" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    kind: mailKindEnum("kind").notNull(),
    /** The organization the mail is from, in the sender's name. */
    fromName: text("from_name"),
    toAddress: text("to_address").notNull(),
    replyTo: text("reply_to"),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    secret: text("secret"),
    /** Headers besides the usual ones, such as List-Unsubscribe (RFC 8058). */
    headers: jsonb("headers").$type<Record<string, string>>(),
    /** SHA-256 of the one-click unsubscribe token this mail carries (RFC 8058), if it carries one. */
    unsubscribeTokenHash: text("unsubscribe_token_hash").unique(),
    status: mailStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [
    index("mail_messages_organization_id_created_at_idx").on(table.organizationId, table.createdAt),
    index("mail_messages_respondent_id_idx").on(table.respondentId),
  ],
);

/** A password reset link: only the secret's SHA-256 hash is stored; single use, one hour. */
export const passwordResets = pgTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("password_resets_user_id_idx").on(table.userId)],
);

/**
 * A link that proves an address: at sign-up (`newEmail` null: the account's own address) or
 * for a change to `newEmail`. Only the secret's SHA-256 hash is stored; single use, one day.
 */
export const emailConfirmations = pgTable(
  "email_confirmations",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    newEmail: text("new_email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("email_confirmations_user_id_idx").on(table.userId)],
);
