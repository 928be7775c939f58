import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { assessments, mailMessages, organizations, respondents, users } from "../schema/index.ts";

export type ReminderPolicyRow = Pick<
  typeof assessments.$inferSelect,
  "dueDate" | "remindersEnabled" | "reminderLimit" | "reminderGapDays" | "reminderDaysBeforeDue" | "autoClose"
>;

/** Open assessments whose clock has work: reminders on, or closing by itself. */
export async function listCampaignAssessments(db: Database) {
  return db
    .select({
      assessment: assessments,
      organization: { id: organizations.id, name: organizations.name, slug: organizations.slug, timeZone: organizations.timeZone, minimumGroupSize: organizations.minimumGroupSize },
      creatorEmail: users.email,
    })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .leftJoin(users, eq(users.id, assessments.createdBy))
    .where(and(eq(assessments.status, "open"), or(eq(assessments.remindersEnabled, true), eq(assessments.autoClose, true))))
    .orderBy(asc(assessments.createdAt));
}

export async function setReminderPolicy(db: Database, assessmentId: string, policy: ReminderPolicyRow) {
  await db.update(assessments).set(policy).where(eq(assessments.id, assessmentId));
}

/** The link respondents of the assessment, as reminders need them. */
export async function listReminderTargets(db: Database, assessmentId: string) {
  return db
    .select({
      id: respondents.id,
      name: respondents.name,
      email: respondents.email,
      invitedAt: respondents.invitedAt,
      submittedAt: respondents.submittedAt,
      remindersOptedOutAt: respondents.remindersOptedOutAt,
      remindersSent: respondents.remindersSent,
      lastRemindedAt: respondents.lastRemindedAt,
    })
    .from(respondents)
    .where(and(eq(respondents.assessmentId, assessmentId), sql`${respondents.userId} is null`))
    .orderBy(asc(respondents.createdAt));
}

/** The new links reminders carry, each counted as one more reminder at `now`. */
export async function setRemindedTokens(db: Database, assessmentId: string, links: { respondentId: string; tokenHash: string }[], now: Date) {
  if (links.length === 0) return;
  const values = sql.join(
    links.map((link) => sql`(${link.respondentId}::uuid, ${link.tokenHash})`),
    sql`, `,
  );
  await db.execute(sql`
    update ${respondents} set token_hash = v.token_hash, reminders_sent = reminders_sent + 1, last_reminded_at = ${now.toISOString()}::timestamptz
    from (values ${values}) as v(id, token_hash)
    where ${respondents.id} = v.id and ${respondents.assessmentId} = ${assessmentId}::uuid`);
}

/** Opts the respondent a mail was sent to out of reminders; answers the respondent's id, if the token is known. */
export async function optOutByUnsubscribeToken(db: Database, tokenHash: string, now: Date) {
  const [mail] = await db.select({ respondentId: mailMessages.respondentId }).from(mailMessages).where(eq(mailMessages.unsubscribeTokenHash, tokenHash));
  if (!mail?.respondentId) return null;
  await db
    .update(respondents)
    .set({ remindersOptedOutAt: sql`coalesce(${respondents.remindersOptedOutAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(respondents.id, mail.respondentId));
  return mail.respondentId;
}

/**
 * Organizations with a re-assessment cadence, each with its newest closed assessment, when that
 * one has not been repeated yet and nobody was reminded of it before.
 */
export async function listReassessmentCandidates(db: Database) {
  const result = await db.execute(sql`
    select * from (
      select distinct on (o.id) o.id as "organizationId", o.name as "organizationName", o.slug, o.reassessment_months as "months",
        o.reassessment_reminded_for as "remindedFor", a.id as "assessmentId", a.title, a.closed_at as "closedAt"
      from ${organizations} o
      join ${assessments} a on a.organization_id = o.id and a.status = 'closed'
      where o.reassessment_months is not null
      order by o.id, a.closed_at desc
    ) newest
    where newest."remindedFor" is distinct from newest."assessmentId"
      and not exists (select 1 from ${assessments} r where r.previous_assessment_id = newest."assessmentId")`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    organizationId: string;
    organizationName: string;
    slug: string;
    months: number;
    assessmentId: string;
    title: string;
    closedAt: Date | string;
  }[];
  return rows.map((row) => ({ ...row, closedAt: new Date(row.closedAt) }));
}

/** Marks the owners reminded to repeat the assessment, if nobody did so meanwhile (one reminder across processes). */
export async function markReassessmentReminded(db: Database, organizationId: string, assessmentId: string) {
  const rows = await db
    .update(organizations)
    .set({ reassessmentRemindedFor: assessmentId })
    .where(and(eq(organizations.id, organizationId), sql`${organizations.reassessmentRemindedFor} is distinct from ${assessmentId}::uuid`))
    .returning({ id: organizations.id });
  return rows.length === 1;
}

export async function setReassessmentMonths(db: Database, organizationId: string, months: number | null) {
  await db.update(organizations).set({ reassessmentMonths: months }).where(eq(organizations.id, organizationId));
}
