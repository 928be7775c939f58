// User-facing text of an assessment's campaign: its deadline, reminders and their mails.

export const campaignMessages = {
  dueDateInvalid: "Enter the due date as a date, such as 2027-03-31, or leave it empty for none.",
  dueDatePast: "The due date has passed already: choose today or a later day.",
  reminderLimitInvalid: "Send between 0 and 10 reminders per person.",
  reminderGapInvalid: "Leave between 1 and 30 days between two reminders.",
  reminderBeforeDueInvalid: "Send the last reminder between 0 and 14 days before the due date.",
  autoCloseNeedsDueDate: "Closing by itself needs a due date.",
  timeZoneInvalid: "Choose a time zone from the list, such as Europe/Berlin.",
  policySaved: "The deadline and reminders are saved.",
  remindersQueued: (count: number) =>
    count === 0 ? "Nobody to remind: everyone invited by mail has submitted or asked for no reminders." : `${count === 1 ? "1 reminder is" : `${count} reminders are`} on the way.`,
  reminder: (input: { organizationName: string; respondentName: string; dueDate: string | null }) => ({
    subject: `Reminder: ${input.organizationName} asks for your view on key account management`,
    greeting: `Hello ${input.respondentName},`,
    paragraphs: [
      `You were invited to a key account management maturity assessment of ${input.organizationName}. Your answers so far are saved; this new link takes you back to where you stopped. It replaces the link of earlier mails.`,
      ...(input.dueDate ? [`Please answer by ${input.dueDate}.`] : []),
    ],
    action: "Continue the assessment",
    footer: "This link is personal: please do not forward it. To get no more reminders, use the unsubscribe link below; your link keeps working.",
  }),
  unsubscribeLabel: "No more reminders for this assessment",
  resultsReady: (input: { organizationName: string; title: string; submitted: number }) => ({
    subject: `Results are ready: ${input.title}`,
    greeting: "Hello,",
    paragraphs: [
      `The assessment “${input.title}” of ${input.organizationName} reached its due date and closed by itself, with ${input.submitted === 1 ? "1 submission" : `${input.submitted} submissions`}. Its results are stored.`,
    ],
    action: "Read the results",
    footer: "You get this mail as an admin or program lead of the organization.",
  }),
  cadenceInvalid: "Choose how often to measure again from the list.",
  cadenceSaved: "The re-assessment reminder is saved.",
  reassessmentDue: (input: { organizationName: string; title: string; closedOn: string }) => ({
    subject: `Time to measure again: ${input.title}`,
    greeting: "Hello,",
    paragraphs: [
      `${input.organizationName} last measured its key account management on ${input.closedOn} (“${input.title}”). As set in the organization's settings, it is time for a re-assessment: the same questionnaire's newest version, the same targets and the same respondents, so the change shows.`,
    ],
    action: "Start the re-assessment",
    footer: "You get this mail as someone who runs the organization's assessments. An admin changes or stops the reminder under Settings.",
  }),
  unsubscribed: "You will get no more reminders for this assessment. Your link keeps working if you want to answer after all.",
  unsubscribeUnknown: "This unsubscribe link is not known. If you still get reminders, reply to one of them.",
} as const;
