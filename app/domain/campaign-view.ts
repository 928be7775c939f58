// What the assessment's page shows of its campaign: each person's invitation, the counts behind
// "Send invitations" and "Remind now", and the response rate per function.
import { invitationLabels } from "../messages/mail.ts";
import { canBeReminded } from "./reminders.ts";
import { responseRateByFunction } from "./response-rate.ts";
import type { RespondentFunction } from "./respondents.ts";

export interface CampaignPersonRow {
  id: string;
  email: string | null;
  function: RespondentFunction;
  hasLink: boolean;
  invitedAt: Date | null;
  invitation: keyof typeof invitationLabels | null;
  remindersOptedOutAt: Date | null;
  remindersSent: number;
  lastRemindedAt: Date | null;
  startedAt: Date | null;
  submittedAt: Date | null;
}

/** Someone an invitation mail can reach: a link respondent with an email who has not submitted. */
const mailable = (p: CampaignPersonRow, viaAccount: ReadonlySet<string>) => p.email !== null && !viaAccount.has(p.id) && p.submittedAt === null;

function invitationLabel(p: CampaignPersonRow, viaAccount: boolean) {
  if (viaAccount) return invitationLabels.account;
  if (p.email === null) return invitationLabels.noEmail;
  if (p.invitedAt === null || p.invitation === null) return invitationLabels.notInvited;
  if (p.remindersOptedOutAt !== null && p.invitation === "sent") return invitationLabels.optedOut;
  return invitationLabels[p.invitation];
}

export function campaignView(people: readonly CampaignPersonRow[], viaAccount: ReadonlySet<string>, status: "draft" | "open" | "closed", minimumGroupSize: number) {
  const reachable = people.filter((p) => mailable(p, viaAccount));
  return {
    perPerson: new Map(
      people.map((p) => [
        p.id,
        { invitation: invitationLabel(p, viaAccount.has(p.id)), invitedByMail: p.invitedAt !== null, canMail: status === "open" && mailable(p, viaAccount) },
      ]),
    ),
    invitations: {
      withEmail: reachable.length,
      notInvited: reachable.filter((p) => p.invitedAt === null).length,
      shownLinks: reachable.filter((p) => p.invitedAt === null && p.hasLink).length,
      bounced: people.filter((p) => p.invitedAt !== null && p.invitation === "bounced").length,
      remindable: people.filter((p) => !viaAccount.has(p.id) && canBeReminded(p)).length,
    },
    rates: responseRateByFunction(
      people.map((p) => ({ function: p.function, asked: p.invitedAt !== null || viaAccount.has(p.id), startedAt: p.startedAt, submittedAt: p.submittedAt })),
      minimumGroupSize,
    ),
  };
}
