import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { mailMessages, respondents } from "../schema/index.ts";

export type MailMessage = typeof mailMessages.$inferSelect;
export type NewMailMessage = Pick<MailMessage, "kind" | "toAddress" | "subject" | "html" | "text"> &
  Partial<Pick<MailMessage, "organizationId" | "respondentId" | "userId" | "fromName" | "replyTo" | "secret" | "unsubscribeTokenHash" | "headers">>;

export async function insertMailMessages(db: Database, rows: NewMailMessage[]) {
  if (rows.length === 0) return [];
  return db.insert(mailMessages).values(rows).returning({ id: mailMessages.id, respondentId: mailMessages.respondentId });
}

export async function findMailMessage(db: Database, id: string) {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return row;
}

/** The stored copy without the link's secret, once nobody may use it from here. */
const withoutSecret = {
  secret: null,
  html: sql`case when ${mailMessages.secret} is null then ${mailMessages.html} else replace(${mailMessages.html}, ${mailMessages.secret}, '…') end`,
  text: sql`case when ${mailMessages.secret} is null then ${mailMessages.text} else replace(${mailMessages.text}, ${mailMessages.secret}, '…') end`,
};

/** Accepted by the SMTP server: the link it carried is blanked in the stored copy. */
export async function markMailSent(db: Database, id: string, now: Date) {
  await db
    .update(mailMessages)
    .set({ ...withoutSecret, status: "sent", sentAt: now, lastError: null, attempts: sql`${mailMessages.attempts} + 1` })
    .where(eq(mailMessages.id, id));
}

export async function markMailKept(db: Database, id: string) {
  await db.update(mailMessages).set({ status: "kept" }).where(eq(mailMessages.id, id));
}

/** A failed try: queued again for a retry, bounced (the address was refused) or failed (no retry left). */
export async function markMailFailed(db: Database, id: string, error: string, status: "queued" | "bounced" | "failed") {
  await db
    .update(mailMessages)
    .set({ status, lastError: error.slice(0, 500), attempts: sql`${mailMessages.attempts} + 1` })
    .where(eq(mailMessages.id, id));
}

export async function requeueMailMessage(db: Database, id: string) {
  await db.update(mailMessages).set({ status: "queued", lastError: null }).where(eq(mailMessages.id, id));
}

/** The organization's mail, newest first. */
export async function listOrganizationMail(db: Database, organizationId: string, limit: number) {
  return db
    .select({
      id: mailMessages.id,
      kind: mailMessages.kind,
      toAddress: mailMessages.toAddress,
      subject: mailMessages.subject,
      text: mailMessages.text,
      status: mailMessages.status,
      attempts: mailMessages.attempts,
      lastError: mailMessages.lastError,
      createdAt: mailMessages.createdAt,
      sentAt: mailMessages.sentAt,
    })
    .from(mailMessages)
    .where(eq(mailMessages.organizationId, organizationId))
    .orderBy(desc(mailMessages.createdAt))
    .limit(limit);
}

/** The newest invitation mail of each of the respondents. */
export async function listLatestInvitations(db: Database, respondentIds: string[]) {
  if (respondentIds.length === 0) return [];
  return db
    .selectDistinctOn([mailMessages.respondentId], { id: mailMessages.id, respondentId: mailMessages.respondentId, secret: mailMessages.secret, status: mailMessages.status })
    .from(mailMessages)
    .where(and(inArray(mailMessages.respondentId, respondentIds), eq(mailMessages.kind, "respondent_invitation")))
    .orderBy(mailMessages.respondentId, desc(mailMessages.createdAt));
}

/** The respondent's current link hash, to tell whether a queued invitation still carries it. */
export async function currentLinkHashOf(db: Database, respondentId: string) {
  const [row] = await db.select({ tokenHash: respondents.tokenHash }).from(respondents).where(eq(respondents.id, respondentId));
  return row?.tokenHash ?? null;
}

/** Not sent: the link it carried was replaced or revoked before its turn came. */
export async function markMailWithdrawn(db: Database, id: string) {
  await db.update(mailMessages).set({ ...withoutSecret, status: "withdrawn" }).where(eq(mailMessages.id, id));
}
