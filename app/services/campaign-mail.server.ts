/** The mails of an assessment's campaign: invitations and reminders with personal links, and "results are ready". */
import type { NewMailMessage } from "#db/queries/mail.ts";
import { renderMail } from "#app/domain/mail/render.ts";
import { formatDayMonthYear } from "#app/domain/format.ts";
import { campaignMessages } from "#app/messages/campaign.ts";
import { DEFAULT_INVITATION_TEMPLATE, mailMessages } from "#app/messages/mail.ts";
import { fillTemplate, type InvitationTemplate } from "#app/domain/mail/invitation-template.ts";
import { publicUrl } from "#app/lib/env.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";
import type { Membership } from "./access.server.ts";

export const respondentLink = (token: string) => publicUrl(`/a/${token}`);

export interface InvitationSetting {
  /** The assessment's own wording, or null for the default. */
  invitationTemplate: InvitationTemplate | null;
  dueDate: string | null;
}

const dueDateText = (dueDate: string | null) => (dueDate ? formatDayMonthYear(`${dueDate}T12:00:00Z`) : null);

/** The invitation's subject, greeting and paragraphs for one person: the assessment's wording, filled in. */
export function invitationWording(
  setting: InvitationSetting,
  values: { name: string; organization: string; sender: string; link: string },
) {
  const template = setting.invitationTemplate ?? DEFAULT_INVITATION_TEMPLATE;
  const filled = { ...values, dueDate: dueDateText(setting.dueDate) ?? "" };
  const fixed = mailMessages.invitation({ dueDate: dueDateText(setting.dueDate) });
  return {
    subject: fillTemplate(template.subject, filled),
    greeting: fillTemplate(template.greeting, filled),
    paragraphs: [fillTemplate(template.paragraph, filled), ...fixed.paragraphs],
    action: fixed.action,
    footer: fixed.footer,
  };
}

/** The invitation mail for one respondent, named for the organization; replies go to the person sending it. */
export function invitationMail(membership: Membership, setting: InvitationSetting, respondent: { id: string; name: string; email: string }, token: string): NewMailMessage {
  const url = respondentLink(token);
  const wording = invitationWording(setting, { name: respondent.name, organization: membership.organization.name, sender: membership.user.name, link: url });
  const content = renderMail({ ...wording, organizationName: membership.organization.name, action: { label: wording.action, url } });
  return {
    kind: "respondent_invitation",
    organizationId: membership.organization.id,
    respondentId: respondent.id,
    fromName: membership.organization.name,
    toAddress: respondent.email,
    replyTo: membership.user.email,
    secret: token,
    ...content,
  };
}

export interface CampaignSender {
  organization: { id: string; name: string };
  /** Who replies reach: the person who runs the assessment. */
  replyTo: string | null;
}

/**
 * A reminder with a new personal link (links are stored hashed, so the one mailed before cannot
 * be sent again) and a one-click unsubscribe link (RFC 8058) that stops reminders, not the link.
 */
export function reminderMail(
  sender: CampaignSender,
  respondent: { id: string; name: string; email: string },
  token: string,
  unsubscribeToken: string,
  dueDate: string | null,
): NewMailMessage {
  const copy = campaignMessages.reminder({
    organizationName: sender.organization.name,
    respondentName: respondent.name,
    dueDate: dueDateText(dueDate),
  });
  const unsubscribeUrl = publicUrl(`/unsubscribe/${unsubscribeToken}`);
  const content = renderMail({
    ...copy,
    organizationName: sender.organization.name,
    action: { label: copy.action, url: respondentLink(token) },
    unsubscribe: { label: campaignMessages.unsubscribeLabel, url: unsubscribeUrl },
  });
  return {
    kind: "respondent_reminder",
    organizationId: sender.organization.id,
    respondentId: respondent.id,
    fromName: sender.organization.name,
    toAddress: respondent.email,
    replyTo: sender.replyTo,
    secret: token,
    unsubscribeTokenHash: hashSecret(unsubscribeToken),
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    ...content,
  };
}

/** To the organization's admins and program leads when an assessment closed at its due date. */
export function resultsReadyMail(
  organization: { id: string; name: string; slug: string },
  assessment: { id: string; title: string },
  submitted: number,
  reader: { email: string },
): NewMailMessage {
  const copy = campaignMessages.resultsReady({ organizationName: organization.name, title: assessment.title, submitted });
  const url = publicUrl(`/orgs/${organization.slug}/assessments/${assessment.id}/results`);
  return {
    kind: "results_ready",
    organizationId: organization.id,
    fromName: organization.name,
    toAddress: reader.email,
    ...renderMail({ ...copy, organizationName: organization.name, action: { label: copy.action, url } }),
  };
}

/** To the owners when the cadence says it is time to measure again: the closed assessment's page, where the re-assessment starts pre-filled. */
export function reassessmentDueMail(
  candidate: { organizationId: string; organizationName: string; slug: string; assessmentId: string; title: string; closedAt: Date },
  owner: { email: string },
): NewMailMessage {
  const copy = campaignMessages.reassessmentDue({ organizationName: candidate.organizationName, title: candidate.title, closedOn: formatDayMonthYear(candidate.closedAt) });
  const url = publicUrl(`/orgs/${candidate.slug}/assessments/${candidate.assessmentId}#reassess-heading`);
  return {
    kind: "reassessment_due",
    organizationId: candidate.organizationId,
    fromName: candidate.organizationName,
    toAddress: owner.email,
    ...renderMail({ ...copy, organizationName: candidate.organizationName, action: { label: copy.action, url } }),
  };
}
