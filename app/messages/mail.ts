// User-facing text of the mails the app sends and of the pages about them.
export const mailMessages = {
  invitation: (input: { organizationName: string; respondentName: string; senderName: string}) => ({
    subject: `${input.organizationName} asks for your view on key account management`,
    greeting: `Hello ${input.respondentName},`,
    paragraphs: [
      `${input.senderName} invites you to a key account management maturity assessment of ${input.organizationName}. It takes about 20 minutes; your answers are saved as you go, so you can stop and come back.`,
      "Your answers are anonymous: results are shown only for groups of several people, never for one person.",
    ],
    action: "Open the assessment",
    footer: `This link is personal: please do not forward it. You got this mail because ${input.senderName} added you as a respondent; reply to it to reach them.`,
  }),
  passwordReset: (input: { name: string }) => ({
    subject: "Reset your KAM Navigator password",
    greeting: `Hello ${input.name},`,
    paragraphs: ["Someone asked to reset the password of your KAM Navigator account. The link below works once, for one hour."],
    action: "Choose a new password",
    footer: "If you did not ask for this, ignore this mail: your password stays as it is.",
  }),
  notConfigured:
    "Mail is not configured, so mail is kept here instead of being sent. To send it, set SMTP_URL (such as smtps://user:password@smtp.example.com) and MAIL_FROM, and restart.",
} as const;
