/** Invitation mails to respondents: each with its personal link, queued with the link it carries. */
import { getDb } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { listInvitationTargets, lockAssessment, setInvitationTemplate, setMailedRespondentTokens } from "#db/queries/assessments.ts";
import { listLatestInvitations, requeueMailMessage, type NewMailMessage } from "#db/queries/mail.ts";
import { invitationStep } from "#app/domain/invitations.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { isUuid, UserError } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import type { Membership } from "./access.server.ts";
import { issuer, requireAssessment } from "./assessments.server.ts";
import type { InvitationTemplate } from "#app/domain/mail/invitation-template.ts";
import { invitationMail, invitationWording, respondentLink } from "./campaign-mail.server.ts";
import { queueMail, queueMailAgain } from "./mail.server.ts";

export interface InvitationResult {
  queued: number;
  /** Mailed again with the link they already had. */
  resent: number;
  skipped: { noEmail: number; alreadyInvited: number; submitted: number; account: number };
}

/**
 * Mails invitations: to every respondent not yet invited by mail, or (`respondentIds`) to those
 * named, again if they were. A respondent whose newest mail never reached anyone gets that mail
 * again, with the same link; anyone else gets a new link, and the one they had stops working.
 * The new links, the mails and their send jobs are stored in one transaction.
 */
export async function sendInvitations(membership: Membership, assessmentId: string, respondentIds?: string[], now = new Date()): Promise<InvitationResult> {
  const { assessment } = await requireAssessment(membership, assessmentId);
  if (respondentIds?.some((id) => !isUuid(id))) throw new UserError(404, m.respondentNotFound);
  return inTransaction(getDb(), async (db) => {
    const locked = await lockAssessment(db, assessmentId);
    if (locked?.status !== "open") throw new UserError(400, m.invitationsNeedOpen);
    const targets = await listInvitationTargets(db, assessmentId, respondentIds);
    if (respondentIds && targets.length !== new Set(respondentIds).size) throw new UserError(404, m.respondentNotFound);
    const latest = new Map((await listLatestInvitations(db, targets.map((t) => t.id))).map((mail) => [mail.respondentId, mail]));
    const result: InvitationResult = { queued: 0, resent: 0, skipped: { noEmail: 0, alreadyInvited: 0, submitted: 0, account: 0 } };
    const fresh: NewMailMessage[] = [];
    for (const target of targets) {
      const last = latest.get(target.id);
      const carriesLink = Boolean(last?.secret && target.tokenHash && hashSecret(last.secret) === target.tokenHash);
      const step = invitationStep(target, last, carriesLink, respondentIds !== undefined);
      if (!step.send) {
        const counter = { "no-email": "noEmail", "already-invited": "alreadyInvited", submitted: "submitted", "answers-from-account": "account" } as const;
        result.skipped[counter[step.reason]] += 1;
        continue;
      }
      if (step.link === "same") {
        await requeueMailMessage(db, last!.id);
        await queueMailAgain(db, last!.id);
        result.resent += 1;
        continue;
      }
      fresh.push(invitationMail(membership, assessment, { id: target.id, name: target.name, email: target.email! }, generateSecret(32)));
    }
    const links = fresh.map((mail) => ({ respondentId: mail.respondentId!, tokenHash: hashSecret(mail.secret!) }));
    await setMailedRespondentTokens(db, assessmentId, links, issuer(membership), now);
    await queueMail(db, fresh);
    result.queued = fresh.length;
    return result;
  });
}

/** The assessment's own invitation wording, or null to go back to the default. */
export async function saveInvitationTemplate(membership: Membership, assessmentId: string, template: InvitationTemplate | null) {
  await requireAssessment(membership, assessmentId);
  await setInvitationTemplate(getDb(), assessmentId, template);
}

/** How the invitation reads with `template`, for the first respondent (or a sample name), without saving it. */
export async function previewInvitation(membership: Membership, assessmentId: string, template: InvitationTemplate) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  const [first] = await listInvitationTargets(getDb(), assessmentId);
  const wording = invitationWording(
    { invitationTemplate: template, dueDate: assessment.dueDate },
    { name: first?.name ?? "Alex Example", organization: membership.organization.name, sender: membership.user.name, link: respondentLink("personal-link") },
  );
  return { subject: wording.subject, text: [wording.greeting, ...wording.paragraphs].join("\n\n") };
}
