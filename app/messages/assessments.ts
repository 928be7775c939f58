export const assessmentMessages = {
  titleRequired: "Give the assessment a title.",
  titleTooLong: "Use at most 120 characters for the title.",
  versionNotStartable: "Choose a published questionnaire version; retired and draft versions cannot start new assessments.",
  targetInvalid: "Targets are whole levels from 1 to 5.",
  nameRequired: "Enter the respondent's name.",
  emailInvalid: "Enter a valid email address, or leave it empty.",
  functionInvalid: "Choose the respondent's function.",
  assessmentNotOpen: "This assessment is not open for answers.",
  alreadySubmitted: "You have already submitted your answers; they are read-only unless the assessment is reopened.",
  unknownQuestion: (id: string) => `"${id}" is not a question of this questionnaire.`,
  notApplicableNotAllowed: (id: string) => `"Not applicable" is not an answer to "${id}".`,
  levelMissing: "A level answer needs a level from 1 to 5.",
  levelNotExpected: "Only a level answer carries a level.",
  malformedSave: "The answers could not be read.",
  cannotOpen: "Only a draft assessment can be opened.",
  cannotClose: "Only an open assessment can be closed.",
  cannotReopen: "Only a closed assessment can be reopened.",
  targetsLocked: "The targets of a closed assessment are part of its results; reopen it to change them.",
  cannotInviteClosed: "A closed assessment takes no new respondents; reopen it first.",
} as const;

export const ASSESSMENT_STATUS_LABELS = { draft: "Draft", open: "Open", closed: "Closed" } as const;
