/** The invitation mail a respondent gets: their personal link, from the person who sent it. */
import type { NewMailMessage } from "#db/queries/mail.ts";
import { renderMail } from "#app/domain/mail/render.ts";
import { mailMessages } from "#app/messages/mail.ts";
import { publicUrl } from "#app/lib/env.server.ts";
import type { Membership } from "./access.server.ts";

export const respondentLink = (token: string) => publicUrl(`/a/${token}`);

/** The invitation mail for one respondent, named for the organization; replies go to the person sending it. */
export function invitationMail(membership: Membership, respondent: { id: string; name: string; email: string }, token: string): NewMailMessage {
  const copy = mailMessages.invitation({
    organizationName: membership.organization.name,
    respondentName: respondent.name,
    senderName: membership.user.name,
  });
  const url = respondentLink(token);
  const content = renderMail({ ...copy, organizationName: membership.organization.name, action: { label: copy.action, url } });
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
