// What people read about the respondent privacy rules (docs/decisions/0017-respondent-privacy.md).

const list = (items: readonly string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

export const privacyMessages = {
  otherFunctions: "Other functions",
  otherFunctionsShort: "Others",
  combined: (functions: readonly string[], minimum: number) =>
    `${list(functions)} ${functions.length === 1 ? "is" : "are"} shown as "Other functions": a group is shown only with at least ${minimum} respondents, and never so that a smaller one could be worked out from the total.`,
  noBreakdown: (minimum: number) =>
    `No breakdown by function is shown: fewer than two groups of at least ${minimum} respondents can be formed without letting a smaller group be worked out from the total.`,
  cellsHidden: (minimum: number) =>
    `A dash marks a score hidden because fewer than ${minimum} respondents of that group count for the dimension, or because it would let such a group be worked out from the others.`,
  dimensionTooFew: (minimum: number) => `insufficient data: fewer than ${minimum} respondents`,
  dimensionTooFewSentence: (counted: number, minimum: number) =>
    `Insufficient data: ${counted} ${counted === 1 ? "respondent counts" : "respondents count"} for this dimension, and a score is shown only over at least ${minimum}.`,
  questionTooFew: (answered: number, minimum: number) =>
    `${answered} ${answered === 1 ? "person" : "people"} answered; answers are shown from ${minimum} people on, so that nobody's answer can be told apart.`,
  rule: (minimum: number) =>
    `Only combined results are shown: no score, answer distribution or comment from fewer than ${minimum} respondents, and no group of fewer than ${minimum} people.`,
  exportTooFew: (minimum: number) => `Raw answers can be exported once at least ${minimum} people have answered, so that no one's answers stand alone.`,
  exportNote: (minimum: number) =>
    `Respondents appear in the raw answers under codes (R1, R2, …) that do not follow the respondent list, with their function only where at least ${minimum} respondents share it, and comments only on questions at least ${minimum} people answered.`,
  minimumInvalid: (floor: number, ceiling: number) => `Choose a whole number from ${floor} to ${ceiling}.`,
  consultantsCannotChange: "The privacy settings are the organization's promise to its respondents; only its own admins change them.",
} as const;
