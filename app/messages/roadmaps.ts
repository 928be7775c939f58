import { formatLimit, TEXT_LIMITS } from "../domain/input-limits.ts";

export const roadmapMessages = {
  assessmentNotClosed: "A roadmap comes from a closed assessment's results; close the assessment first.",
  noLibrary: "There are no initiatives for this questionnaire version yet, so no roadmap can be generated from it.",
  startDateInvalid: "Enter the start as a real date, YYYY-MM-DD.",
  capacityInvalid: "Capacity is a whole number of initiatives at once, from 1 to 10.",
  titleRequired: "Give the roadmap a title.",
  titleTooLong: `Use at most ${formatLimit(TEXT_LIMITS.roadmapTitle)} characters for the roadmap's title.`,
  dueBeforeStart: (start: string) => `The due date cannot be before the roadmap starts (${start}).`,
  ownerNotMember: "The owner must be a member of the organization.",
  itemRemoved: "This item was removed from the roadmap.",
  unknownCriterion: "That is not an exit criterion of this phase.",
  dependencyCycle: (keys: string[]) => `That dependency would make a cycle: ${keys.join(" → ")}.`,
  unknownDependency: "Choose dependencies among the roadmap's items.",
  unknownParent: "Choose the initiative among the roadmap's initiatives.",
  itemTitleRequired: "Give the item a title.",
  itemTitleTooLong: `Keep the title under ${formatLimit(TEXT_LIMITS.itemTitle)} characters.`,
  descriptionTooLong: `Keep the description under ${formatLimit(TEXT_LIMITS.itemDescription)} characters.`,
  noteRequired: "Write the note first.",
  noteTooLong: `Keep a note under ${formatLimit(TEXT_LIMITS.note)} characters.`,
  evidenceEmpty: "Evidence cannot be empty.",
  evidenceTooLong: `Keep evidence under ${formatLimit(TEXT_LIMITS.note)} characters.`,
  blockedReasonTooLong: `Keep the reason under ${formatLimit(TEXT_LIMITS.blockedReason)} characters.`,
  dateInvalid: "Enter a real date as YYYY-MM-DD.",
  statusInvalid: "Choose a status from the list.",
  blockedReasonRequired: "Say what blocks it.",
  dependenciesOfGenerated: "A generated item keeps the dependencies of the initiative library; only added items take your own.",
  notNewer: "Regenerate from an assessment closed after the one the roadmap comes from.",
  sameQuestionnaire: "Regenerate from an assessment of the same questionnaire.",
  /** The evidence noted on the milestone the assessment itself completes. */
  generatedFrom: (title: string, closed: string, index: number | null, respondents: number) =>
    `Assessment "${title}", closed ${closed}: index ${index ?? "n/a"} from ${respondents} respondents.`,
} as const;
