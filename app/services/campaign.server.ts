/**
 * An assessment's campaign after the invitations: its deadline and reminder policy, "Remind
 * now", and the clock that sends due reminders and closes assessments at their due date.
 */
import { getDb, type Database } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { lockAssessment, transitionAssessment } from "#db/queries/assessments.ts";
import {
  listCampaignAssessments,
  listReassessmentCandidates,
  listReminderTargets,
  markReassessmentReminded,
  optOutByUnsubscribeToken,
  setReminderPolicy,
  setReassessmentMonths,
  setRemindedTokens,
} from "#db/queries/campaign.ts";
import { writeAudit } from "#db/queries/audit.ts";
import { listMembers } from "#db/queries/organizations.ts";
import { autoCloseDue, canBeReminded, localDate, reassessmentDueAt, reminderDue, type ReminderPolicy, type ReminderTarget } from "#app/domain/reminders.ts";
import { roleAllows } from "#app/domain/permissions.ts";
import { assessmentMessages } from "#app/messages/assessments.ts";
import { campaignMessages as m } from "#app/messages/campaign.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import { authorize, type Membership } from "./access.server.ts";
import { requireAssessment, storeResults } from "./assessments.server.ts";
import { reassessmentDueMail, reminderMail, resultsReadyMail, type CampaignSender } from "./campaign-mail.server.ts";
import { queueMail } from "./mail.server.ts";

export async function saveReminderPolicy(membership: Membership, assessmentId: string, policy: ReminderPolicy, now = new Date()) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  if (assessment.status === "closed") throw new UserError(400, assessmentMessages.targetsLocked);
  if (policy.autoClose && policy.dueDate === null) throw new UserError(400, m.autoCloseNeedsDueDate, { autoClose: m.autoCloseNeedsDueDate });
  if (policy.dueDate !== null && policy.dueDate < localDate(now, membership.organization.timeZone)) {
    throw new UserError(400, m.dueDatePast, { dueDate: m.dueDatePast });
  }
  await setReminderPolicy(getDb(), assessmentId, policy);
}

type Target = ReminderTarget & { id: string; name: string };

/** New links, reminder mails and their send jobs for the targets, in the transaction `db`. */
async function sendReminders(db: Database, sender: CampaignSender, assessment: { id: string; dueDate: string | null }, targets: Target[], now: Date) {
  const mails = targets.map((target) =>
    reminderMail(sender, { id: target.id, name: target.name, email: target.email! }, generateSecret(32), generateSecret(24), assessment.dueDate),
  );
  await setRemindedTokens(db, assessment.id, mails.map((mail) => ({ respondentId: mail.respondentId!, tokenHash: hashSecret(mail.secret!) })), now);
  await queueMail(db, mails);
  return mails.length;
}

/** How many "Remind now" would reach. */
export async function countRemindable(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  return (await listReminderTargets(getDb(), assessmentId)).filter(canBeReminded).length;
}

/** Reminds everyone invited by mail who has not submitted nor opted out, now: outside the policy's schedule, but counted in it. */
export async function remindNow(membership: Membership, assessmentId: string, now = new Date()) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  return inTransaction(getDb(), async (db) => {
    const locked = await lockAssessment(db, assessmentId);
    if (locked?.status !== "open") throw new UserError(400, assessmentMessages.invitationsNeedOpen);
    const targets = (await listReminderTargets(db, assessmentId)).filter(canBeReminded);
    return sendReminders(db, { organization: membership.organization, replyTo: membership.user.email }, assessment, targets, now);
  });
}

/**
 * The campaign's clock, run by the scheduler every quarter hour (once across all processes):
 * sends the reminders the policies make due, closes the assessments whose due date has passed
 * (mailing their admins and program leads that the results are ready) and reminds them when the
 * organization's cadence says it is time to measure again.
 */
export async function runCampaignClock(now = new Date()) {
  const done = { reminded: 0, closed: 0, reassessmentsDue: await remindOwnersToReassess(now) };
  for (const { assessment, organization, creatorEmail } of await listCampaignAssessments(getDb())) {
    if (autoCloseDue(assessment, now, organization.timeZone)) {
      const submitted = await closeAtDueDate(assessment, organization, now);
      if (submitted !== null) done.closed += 1;
      continue;
    }
    done.reminded += await inTransaction(getDb(), async (db) => {
      const locked = await lockAssessment(db, assessment.id);
      if (locked?.status !== "open") return 0;
      const due = (await listReminderTargets(db, assessment.id)).filter((target) => reminderDue(target, assessment, now, organization.timeZone));
      return sendReminders(db, { organization, replyTo: creatorEmail }, assessment, due, now);
    });
  }
  return done;
}

/** Mails those who run the assessments of each organization whose newest closed assessment is as old as its cadence, once per assessment. */
async function remindOwnersToReassess(now: Date) {
  let reminded = 0;
  for (const candidate of await listReassessmentCandidates(getDb())) {
    if (reassessmentDueAt(candidate.closedAt, candidate.months) > now) continue;
    reminded += await inTransaction(getDb(), async (db) => {
      if (!(await markReassessmentReminded(db, candidate.organizationId, candidate.assessmentId))) return 0;
      // Those who may start the re-assessment: the permission table's assessments.manage.
      const runners = (await listMembers(db, candidate.organizationId)).filter((member) => roleAllows(member.role, "assessments.manage"));
      await queueMail(db, runners.map((runner) => reassessmentDueMail(candidate, runner)));
      return 1;
    });
  }
  return reminded;
}

async function closeAtDueDate(
  assessment: { id: string; title: string },
  organization: { id: string; name: string; slug: string; minimumGroupSize: number },
  now: Date,
): Promise<number | null> {
  const db = getDb();
  if (!(await transitionAssessment(db, assessment.id, "open", "closed", now))) return null;
  const { submitted } = await storeResults(organization, assessment.id);
  await inTransaction(db, async (tx) => {
    await writeAudit(tx, { organizationId: organization.id, actorId: null, action: "assessment.closed_at_due_date", details: { assessmentId: assessment.id } });
    const readers = (await listMembers(tx, organization.id)).filter((member) => roleAllows(member.role, "assessments.manage"));
    await queueMail(tx, readers.map((reader) => resultsReadyMail(organization, assessment, submitted, reader)));
  });
  return submitted;
}

export async function saveReassessmentCadence(membership: Membership, months: number | null) {
  authorize(membership, "settings.manage");
  await setReassessmentMonths(getDb(), membership.organization.id, months);
}

/** One-click unsubscribe (RFC 8058): the respondent gets no more reminders; the link keeps working. False for an unknown token. */
export async function unsubscribeFromReminders(token: string, now = new Date()): Promise<boolean> {
  return (await optOutByUnsubscribeToken(getDb(), hashSecret(token), now)) !== null;
}
