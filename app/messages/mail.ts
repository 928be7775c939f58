// User-facing text of the mails the app sends and of the pages about them.
export const mailMessages = {
  /** The invitation's parts around its editable wording (the template). */
  invitation: (input: { dueDate: string | null }) => ({
    paragraphs: [
      "Your answers are anonymous: results are shown only for groups of several people, never for one person.",
      ...(input.dueDate ? [`Please answer by ${input.dueDate}.`] : []),
    ],
    action: "Open the assessment",
    footer: "This link is personal: please do not forward it. You got this mail because you were added as a respondent; reply to it to reach the person who did.",
  }),
  passwordReset: (input: { name: string }) => ({
    subject: "Reset your KAM Navigator password",
    greeting: `Hello ${input.name},`,
    paragraphs: ["Someone asked to reset the password of your KAM Navigator account. The link below works once, for one hour."],
    action: "Choose a new password",
    footer: "If you did not ask for this, ignore this mail: your password stays as it is.",
  }),
  /** Account mail is from the app itself, not from an organization. */
  accountSender: "KAM Navigator",
  emailConfirmation: (input: { name: string }) => ({
    subject: "Confirm your address for KAM Navigator",
    greeting: `Hello ${input.name},`,
    paragraphs: ["Thank you for creating a KAM Navigator account. Please confirm that this address is yours: the link below works once, for one day."],
    action: "Confirm my address",
    footer: "If you did not create this account, ignore this mail: the address stays unconfirmed.",
  }),
  signUpAddressTaken: (input: { name: string }) => ({
    subject: "Someone tried to sign up with your address",
    greeting: `Hello ${input.name},`,
    paragraphs: [
      "Someone tried to create a KAM Navigator account with this address. It has an account already, so no new one was made and nothing in yours changed.",
      "If it was you, sign in with your password. If you forgot it, choose “Forgot your password?” on the sign-in page to set a new one.",
    ],
    action: "Sign in",
    footer: "If it was not you, there is nothing to do: your account and your password stay as they are.",
  }),
  emailChange: (input: { name: string }) => ({
    subject: "Confirm your new address for KAM Navigator",
    greeting: `Hello ${input.name},`,
    paragraphs: ["You asked to use this address for your KAM Navigator account. Follow the link below to confirm it: it works once, for one day. Until then, you sign in with your current address."],
    action: "Confirm this address",
    footer: "If you did not ask for this, ignore this mail: the account keeps its address.",
  }),
  emailChangeRequested: (input: { name: string; newEmail: string }) => ({
    subject: "A change of your KAM Navigator address was asked for",
    greeting: `Hello ${input.name},`,
    paragraphs: [
      `Someone signed in to your KAM Navigator account asked to change its address to ${input.newEmail}. It changes only when the link we sent to that address is followed.`,
      "If this was not you, choose a new password now: that stops the change and signs everyone else out of your account.",
    ],
    action: "Choose a new password",
    footer: "If it was you, there is nothing to do here: follow the link in the mail to your new address.",
  }),
  emailChanged: (input: { name: string; newEmail: string }) => ({
    subject: "Your KAM Navigator address was changed",
    greeting: `Hello ${input.name},`,
    paragraphs: [`The address of your KAM Navigator account is now ${input.newEmail}. You sign in with it, and mail about your account goes there from now on.`],
    action: "Sign in",
    footer: "If you did not ask for this change, tell the administrator of your organization at once: this address no longer reaches the account.",
  }),
  notConfigured:
    "Mail is not configured, so mail is kept here instead of being sent. To send it, set SMTP_URL (such as smtps://user:password@smtp.example.com) and MAIL_FROM, and restart.",
} as const;

/** The invitation's wording until an assessment has its own; {placeholders} are filled per person. */
export const DEFAULT_INVITATION_TEMPLATE = {
  subject: "{organization} asks for your view on key account management",
  greeting: "Hello {name},",
  paragraph:
    "{sender} invites you to a key account management maturity assessment of {organization}. It takes about 20 minutes; your answers are saved as you go, so you can stop and come back.",
} as const;

export const templateMessages = {
  subjectRequired: "Write a subject.",
  subjectTooLong: "Keep the subject to 150 characters.",
  greetingRequired: "Write a greeting, such as “Hello {name},”.",
  greetingTooLong: "Keep the greeting to 200 characters.",
  paragraphRequired: "Write the paragraph that invites people.",
  paragraphTooLong: "Keep the paragraph to 2,000 characters.",
  unknownPlaceholder: (names: string[]) =>
    `${names.map((n) => `{${n}}`).join(", ")} ${names.length === 1 ? "is" : "are"} not a placeholder. Use {name}, {organization}, {sender}, {dueDate} or {link}.`,
  saved: "The invitation text is saved; invitations from now on use it.",
  reset: "The invitation text is back to the default.",
} as const;

/** What the respondent list says about each person's invitation. */
export const invitationLabels = {
  account: "Answers from their account",
  noEmail: "No email: share the link",
  notInvited: "Not invited by mail",
  queued: "Invitation waiting to be sent",
  sent: "Invited by mail",
  kept: "Invitation kept in the Outbox",
  bounced: "Mail refused: check the address",
  failed: "Mail failed: send it again",
  withdrawn: "Not invited by mail",
  optedOut: "Invited; asked for no reminders",
} as const;

export const invitationNotices = {
  queued: (count: number, configured: boolean) =>
    count === 0
      ? "Nobody was waiting for an invitation: everyone with an email is invited already."
      : `${count === 1 ? "1 invitation is" : `${count} invitations are`} ${configured ? "on the way by mail." : "kept in the Outbox, as mail is not configured."}`,
  resent: (count: number) => (count === 1 ? "1 invitation is sent again with the same link." : `${count} invitations are sent again with the same links.`),
} as const;

export const MAIL_STATUS_LABELS = {
  queued: "Waiting to be sent",
  sent: "Sent",
  kept: "Kept here (mail is not configured)",
  bounced: "Refused by the recipient's server",
  failed: "Failed after every retry",
  withdrawn: "Not sent: its link was replaced",
} as const;

export const MAIL_KIND_LABELS = {
  respondent_invitation: "Invitation",
  respondent_reminder: "Reminder",
  results_ready: "Results ready",
  reassessment_due: "Time to measure again",
  password_reset: "Password reset",
  email_verification: "Address confirmation",
  email_change: "Address change",
  email_change_notice: "Address change notice",
} as const;
