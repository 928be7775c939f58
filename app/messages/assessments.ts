import { formatLimit, TEXT_LIMITS } from "../domain/input-limits.ts";

export const assessmentMessages = {
  titleRequired: "Give the assessment a title.",
  titleTooLong: `Use at most ${formatLimit(TEXT_LIMITS.assessmentTitle)} characters for the title.`,
  versionNotStartable: "Choose a published questionnaire version; retired and draft versions cannot start new assessments.",
  targetInvalid: "Targets are whole levels from 1 to 5.",
  nameRequired: "Enter the respondent's name.",
  nameTooLong: `Use at most ${formatLimit(TEXT_LIMITS.personName)} characters for the respondent's name.`,
  emailInvalid: "Enter a valid email address, or leave it empty.",
  emailTooLong: `Use an email address of at most ${formatLimit(TEXT_LIMITS.email)} characters.`,
  commentTooLong: `Keep a comment to at most ${formatLimit(TEXT_LIMITS.comment)} characters.`,
  functionInvalid: "Choose the respondent's function.",
  assessmentNotOpen: "This assessment is not open for answers.",
  closedWhileAnswering:
    "The assessment was closed while you were answering, so your latest answers were not recorded. Everything you saved before it closed is kept and counts in the results.",
  alreadySubmitted: "You have already submitted your answers; they are read-only unless the assessment is reopened.",
  unknownQuestion: (id: string) => `"${id}" is not a question of this questionnaire.`,
  notApplicableNotAllowed: (id: string) => `"Not applicable" is not an answer to "${id}".`,
  levelMissing: "A level answer needs a level from 1 to 5.",
  levelNotExpected: "Only a level answer carries a level.",
  malformedSave: "The answers could not be read.",
  saveUnavailable: "The answers could not be saved just now because the database did not answer; they are kept and sent again.",
  cannotOpen: "Only a draft assessment can be opened.",
  cannotClose: "Only an open assessment can be closed.",
  cannotReopen: "Only a closed assessment can be reopened.",
  reopenHasRoadmap: "A roadmap was generated from this assessment, so its results stay fixed. Start a re-assessment to measure again.",
  targetsLocked: "The targets of a closed assessment are part of its results; reopen it to change them.",
  cannotInviteClosed: "A closed assessment takes no new respondents; reopen it first.",
  respondentNotFound: "This respondent is not part of the assessment.",
  invitationsNeedOpen: "Invitations are sent while the assessment is open: open it first, so the links work when people click them.",
  signedOut: "Your sign-in has ended. Sign in again; your answers are kept in this browser until then.",
  reassessOnlyClosed: "Only a closed assessment can be repeated; close it first.",
  reassessNoVersion: "This questionnaire has no published version to start a re-assessment with.",
  memberRequired: "Choose a member of the organization.",
  pasteTooLarge: (limit: number, count: number) =>
    `One paste adds at most ${limit.toLocaleString("en")} people; this one has ${count.toLocaleString("en")}. Split the list and add it in parts.`,
  duplicateRespondents: (already: string[], twice: string[]) =>
    [
      "Each person is a respondent once per assessment.",
      already.length > 0 ? `Already added: ${already.join(", ")}.` : "",
      twice.length > 0 ? `More than once in this list: ${twice.join(", ")}.` : "",
      "Nothing was added; remove the duplicates and try again.",
    ]
      .filter(Boolean)
      .join(" "),
  memberAlreadyInvited: "This member is already a respondent of the assessment.",
} as const;

export const ASSESSMENT_STATUS_LABELS = { draft: "Draft", open: "Open", closed: "Closed" } as const;
