// Who gets an invitation mail, and whether it can carry the link the respondent already has.

export interface InvitationTarget {
  email: string | null;
  /** Answers from their own account: there is no link to mail. */
  userId: string | null;
  invitedAt: Date | null;
  submittedAt: Date | null;
}

export interface LatestInvitation {
  /** The link the mail carries, kept only until the SMTP server accepted it. */
  secret: string | null;
  status: "queued" | "sent" | "kept" | "bounced" | "failed" | "withdrawn";
}

export type InvitationStep =
  | { send: false; reason: "no-email" | "answers-from-account" | "submitted" | "already-invited" }
  /** The stored mail again: its link reached nobody (it is still queued, bounced or failed). */
  | { send: true; link: "same" }
  /** A new link: the current one was shown on a page, kept in the Outbox or delivered, so others may know it. */
  | { send: true; link: "new" };

/**
 * What "Send invitations" does for one respondent. `again` is a resend asked for one person,
 * which also reaches someone already invited. `latestCarriesCurrentLink` says the newest
 * invitation mail still holds the respondent's current link (its secret hashes to it).
 */
export function invitationStep(target: InvitationTarget, latest: LatestInvitation | undefined, latestCarriesCurrentLink: boolean, again: boolean): InvitationStep {
  if (target.userId !== null) return { send: false, reason: "answers-from-account" };
  if (target.email === null) return { send: false, reason: "no-email" };
  if (target.submittedAt !== null) return { send: false, reason: "submitted" };
  if (target.invitedAt !== null && !again) return { send: false, reason: "already-invited" };
  const unseen = latest !== undefined && latest.secret !== null && latestCarriesCurrentLink && ["queued", "bounced", "failed"].includes(latest.status);
  return unseen ? { send: true, link: "same" } : { send: true, link: "new" };
}
