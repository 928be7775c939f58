/** The mail about a person's own account: from the app, to one address, never part of an organization's Outbox. */
import type { NewMailMessage } from "#db/queries/mail.ts";
import { renderMail } from "#app/domain/mail/render.ts";
import { mailMessages } from "#app/messages/mail.ts";
import { publicUrl } from "#app/lib/env.server.ts";

type Person = { id: string; name: string };
type Copy = { subject: string; greeting: string; paragraphs: string[]; action: string; footer: string };

/** A mail to `toAddress` about the account; `secret` is the link's token, blanked in the stored copy once sent. */
function accountMail(kind: NewMailMessage["kind"], person: Person, toAddress: string, copy: Copy, path: string, secret: string | null): NewMailMessage {
  const content = renderMail({ ...copy, organizationName: mailMessages.accountSender, action: { label: copy.action, url: publicUrl(path) } });
  return { kind, userId: person.id, organizationId: null, fromName: null, toAddress, secret, ...content };
}

export const passwordResetMail = (user: Person & { email: string }, token: string) =>
  accountMail("password_reset", user, user.email, mailMessages.passwordReset(user), `/reset-password/${token}`, token);

export const emailConfirmationMail = (user: Person & { email: string }, token: string) =>
  accountMail("email_verification", user, user.email, mailMessages.emailConfirmation(user), `/confirm-email/${token}`, token);

/**
 * What a sign-up with a taken address sends its owner instead of a confirmation. It is the same
 * kind of mail as the confirmation, the mail a sign-up sends to the address it names, so the
 * two outcomes leave alike records; it carries no secret, only a link to sign in.
 */
export const signUpAddressTakenMail = (owner: Person & { email: string }) =>
  accountMail("email_verification", owner, owner.email, mailMessages.signUpAddressTaken(owner), "/signin", null);

export const emailChangeMail = (user: Person, newEmail: string, token: string) =>
  accountMail("email_change", user, newEmail, mailMessages.emailChange(user), `/confirm-email/${token}`, token);

/** To the old address when a change is asked for: choosing a new password stops it. */
export const emailChangeRequestedMail = (user: Person & { email: string }, newEmail: string) =>
  accountMail("email_change_notice", user, user.email, mailMessages.emailChangeRequested({ name: user.name, newEmail }), "/forgot-password", null);

/** To the old address once the change is made. */
export const emailChangedMail = (user: Person, oldEmail: string, newEmail: string) =>
  accountMail("email_change_notice", user, oldEmail, mailMessages.emailChanged({ name: user.name, newEmail }), "/signin", null);
