import { z } from "zod";
import { assessmentMessages as m } from "../messages/assessments.ts";
import { TEXT_LIMITS } from "./input-limits.ts";
import type { QuestionnaireVersion } from "./questionnaire/schema.ts";
import { RESPONDENT_FUNCTIONS, RESPONDENT_FUNCTION_LABELS, type RespondentFunction } from "./respondents.ts";
import type { Answer } from "./scoring/input.ts";

export const MAX_COMMENT_LENGTH = TEXT_LIMITS.comment;

/** One autosave of one question: its whole state, stamped with the client's sequence. */
export const answerSaveSchema = z.strictObject({
  questionId: z.string().min(1).max(100),
  choice: z.enum(["level", "dont_know", "not_applicable"]).nullable(),
  level: z.number().int().min(1).max(5).nullable().default(null),
  comment: z.string().max(MAX_COMMENT_LENGTH, m.commentTooLong).nullable().default(null),
  sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type AnswerSave = z.infer<typeof answerSaveSchema>;

export const answerSaveBatchSchema = z.strictObject({
  saves: z.array(answerSaveSchema).min(1).max(200),
});

/** Why a save does not fit the questionnaire, or null when it does. */
export function saveProblem(version: QuestionnaireVersion, save: AnswerSave): string | null {
  const question = version.questions.find((q) => q.id === save.questionId);
  if (!question) return m.unknownQuestion(save.questionId);
  if (save.choice === "not_applicable" && !question.notApplicable) return m.notApplicableNotAllowed(save.questionId);
  if (save.choice === "level" && save.level === null) return m.levelMissing;
  if (save.choice !== "level" && save.level !== null) return m.levelNotExpected;
  return null;
}

/** Stored answers as the scoring engine reads them; cleared answers are left out. */
export function toEngineAnswers(
  rows: readonly { questionId: string; choice: "level" | "dont_know" | "not_applicable" | null; level: number | null }[],
): Answer[] {
  return rows.flatMap((row): Answer[] => {
    if (row.choice === "level" && row.level !== null) return [{ questionId: row.questionId, value: row.level as 1 }];
    if (row.choice === "dont_know" || row.choice === "not_applicable") return [{ questionId: row.questionId, value: row.choice }];
    return [];
  });
}

const FUNCTION_ALIASES: Record<string, RespondentFunction> = {
  ...Object.fromEntries(RESPONDENT_FUNCTIONS.map((f) => [f, f])),
  ...Object.fromEntries(Object.entries(RESPONDENT_FUNCTION_LABELS).map(([id, label]) => [label.toLowerCase(), id as RespondentFunction])),
  "key account management": "kam",
  "key account manager": "kam",
  "customer service": "service",
  "customer success": "service",
  csm: "service",
  management: "leadership",
};

export function parseRespondentFunction(text: string): RespondentFunction | undefined {
  return FUNCTION_ALIASES[text.trim().toLowerCase().replace(/\s+/g, " ")];
}

export const respondentSchema = z.object({
  name: z.string({ error: m.nameRequired }).trim().min(1, m.nameRequired).max(TEXT_LIMITS.personName, m.nameTooLong),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(TEXT_LIMITS.email, m.emailTooLong)
    .transform((v) => (v === "" ? null : v))
    .pipe(z.email({ error: m.emailInvalid }).nullable()),
  function: z.enum(RESPONDENT_FUNCTIONS, { error: m.functionInvalid }),
});
export type NewRespondent = z.infer<typeof respondentSchema>;

/** The most people one paste may add; more answers 400 (README, the form's hint). */
export const MAX_RESPONDENTS_PER_PASTE = 1000;

/** The normal form of an email for telling people apart: trimmed, lowercase. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/** The emails that occur more than once among new respondents, in their first order. */
export function repeatedEmails(people: readonly { email: string | null }[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { email } of people) {
    if (email === null) continue;
    const key = emailKey(email);
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  return [...repeated];
}

export interface BulkLineProblem {
  line: number;
  text: string;
  message: string;
}

/** "name, email, function" per line; blank lines are skipped, each bad line is reported. */
export function parseBulkRespondents(text: string): { valid: NewRespondent[]; invalid: BulkLineProblem[] } {
  const valid: NewRespondent[] = [];
  const invalid: BulkLineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const parts = line.split(/[,;\t]/).map((p) => p.trim());
    if (parts.length !== 3) {
      invalid.push({ line: index + 1, text: line, message: "Expected three parts: name, email, function." });
      return;
    }
    const [name, email, fn] = parts as [string, string, string];
    const parsed = respondentSchema.safeParse({ name, email, function: parseRespondentFunction(fn) ?? fn });
    if (parsed.success) valid.push(parsed.data);
    else invalid.push({ line: index + 1, text: line, message: parsed.error.issues[0]!.message });
  });
  return { valid, invalid };
}

export const assessmentTitleSchema = z
  .string({ error: m.titleRequired })
  .trim()
  .min(1, m.titleRequired)
  .max(TEXT_LIMITS.assessmentTitle, m.titleTooLong);

/** Targets from a form: one whole level per dimension; empty fields fall back to best practice. */
export function parseTargetProfile(
  version: QuestionnaireVersion,
  values: Record<string, string | undefined>,
): { profile: Record<string, number> | null; errors: Record<string, string> } {
  const profile: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const dimension of version.dimensions) {
    const raw = values[`target.${dimension.id}`]?.trim();
    if (!raw) continue;
    const level = Number(raw);
    if (!Number.isInteger(level) || level < 1 || level > 5) errors[`target.${dimension.id}`] = m.targetInvalid;
    else if (level !== dimension.target) profile[dimension.id] = level;
  }
  return { profile: Object.keys(profile).length > 0 ? profile : null, errors };
}

/**
 * The target profile a re-assessment takes over: the source's targets for the dimensions the
 * new version still has (others are dropped); null when nothing is left, meaning best practice.
 */
export function carryOverTargets(targets: Record<string, number> | null, version: QuestionnaireVersion): Record<string, number> | null {
  if (!targets) return null;
  const kept = Object.entries(targets).filter(([id]) => version.dimensions.some((d) => d.id === id));
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

/** The default title of a re-assessment, within the title's length limit. */
export function reassessmentTitle(title: string): string {
  const suffix = " (re-assessment)";
  return title.endsWith(suffix) ? title : `${title.slice(0, TEXT_LIMITS.assessmentTitle - suffix.length)}${suffix}`;
}

/** A member of the organization added as a respondent who answers from their own account. */
export const memberRespondentSchema = z.object({
  userId: z.string({ error: m.memberRequired }).min(1, m.memberRequired),
  function: respondentSchema.shape.function,
});

/** A new assessment: its title, and the questionnaire version as `<questionnaire>@<version>`. */
export const newAssessmentSchema = z.object({
  title: assessmentTitleSchema,
  version: z.string({ error: m.versionNotStartable }).regex(/^[a-z0-9-]+@\d+\.\d+\.\d+$/, m.versionNotStartable),
});

/** A re-assessment of a closed assessment, under a new title. */
export const reassessmentSchema = z.object({ title: assessmentTitleSchema });
