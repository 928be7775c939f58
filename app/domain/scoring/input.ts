import { z } from "zod";
import { RESPONDENT_FUNCTIONS } from "../respondents.ts";
import type { QuestionnaireVersion } from "../questionnaire/schema.ts";

export const answerValueSchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal("dont_know"),
  z.literal("not_applicable"),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const answerSchema = z.strictObject({ questionId: z.string(), value: answerValueSchema });
export type Answer = z.infer<typeof answerSchema>;

export const responseSchema = z.strictObject({
  respondentId: z.string().min(1),
  function: z.enum(RESPONDENT_FUNCTIONS),
  answers: z.array(answerSchema),
});
export type RespondentResponse = z.infer<typeof responseSchema>;

export interface ScoringInputIssue {
  path: string;
  message: string;
}

/** Raised instead of scoring input that does not fit the version: nothing is scored. */
export class ScoringInputError extends Error {
  constructor(readonly issues: ScoringInputIssue[]) {
    super(`Invalid scoring input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "ScoringInputError";
  }
}

/** Checks responses against the version: known questions, allowed values, no duplicates. */
export function parseResponses(version: QuestionnaireVersion, input: unknown): RespondentResponse[] {
  const parsed = z.array(responseSchema).safeParse(input);
  if (!parsed.success) {
    throw new ScoringInputError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  }
  const questions = new Map(version.questions.map((q) => [q.id, q]));
  const issues: ScoringInputIssue[] = [];
  const respondentIds = new Set<string>();
  parsed.data.forEach((response, r) => {
    if (respondentIds.has(response.respondentId)) {
      issues.push({ path: `${r}.respondentId`, message: `duplicate respondent "${response.respondentId}"` });
    }
    respondentIds.add(response.respondentId);
    const answered = new Set<string>();
    response.answers.forEach((answer, a) => {
      const path = `${r}.answers.${a}`;
      const question = questions.get(answer.questionId);
      if (!question) issues.push({ path, message: `unknown question "${answer.questionId}"` });
      else if (answer.value === "not_applicable" && !question.notApplicable) {
        issues.push({ path, message: `"not applicable" is not allowed for "${answer.questionId}"` });
      }
      if (answered.has(answer.questionId)) issues.push({ path, message: `"${answer.questionId}" answered twice` });
      answered.add(answer.questionId);
    });
  });
  if (issues.length > 0) throw new ScoringInputError(issues);
  return parsed.data;
}
