/** What respondents read on the pages they reach by link or from their account. */
export const respondentMessages = {
  invitedTo: (organization: string, consultancy: string | null) =>
    consultancy ? `${consultancy} runs this assessment for ${organization}.` : `${organization} asks for your view.`,
  invitedBy: (name: string) => `You were invited by ${name}.`,
  duration: (minutes: number, questions: number) =>
    `It takes about ${minutes} minutes: ${questions} questions, each answered by choosing the description that fits best.`,
  promise: (organization: string, m: number) =>
    `Your answers are confidential. ${organization} sees only combined results from at least ${m} people: no score, distribution or comment is shown for a smaller group, and functions with fewer than ${m} people are combined into "Other functions". Comments appear without your name or function. Raw answers can be exported only once at least ${m} people have answered, under a code (such as R1) that follows no list of names, never with your name, and with your function only where at least ${m} people share it. The people running the assessment see who was invited and who has started or submitted, never which answers are whose.`,
  linkReplacedTitle: "This link was replaced",
  linkRevokedTitle: "This link was withdrawn",
  linkReplaced: "This link was replaced by a newer one, so it no longer opens the questionnaire.",
  linkRevoked: "This link was withdrawn, so it no longer opens the questionnaire.",
  askForNewLink: (sender: string | null, organization: string | null) =>
    sender && organization
      ? `Ask ${sender} at ${organization} for a new link; answers you already gave are kept.`
      : sender
        ? `Ask ${sender}, who sent it, for a new link; answers you already gave are kept.`
        : organization
          ? `Ask the person at ${organization} who sent it to you for a new link; answers you already gave are kept.`
          : "Ask the person who sent it to you for a new link; answers you already gave are kept.",
} as const;
