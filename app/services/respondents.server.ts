import { getDb } from "#db/client.ts";
import {
  findRespondentByTokenHash,
  listAnswersOfRespondent,
  markRespondentStarted,
  markRespondentSubmitted,
  upsertAnswers,
} from "#db/queries/assessments.ts";
import { saveProblem, type AnswerSave } from "#app/domain/assessments.ts";
import { questionnaireVersionSchema } from "#app/domain/questionnaire/schema.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { notFound, UserError } from "#app/lib/errors.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";

/** The respondent a personal link stands for; an unknown or revoked link is a 404. */
export async function requireRespondent(token: string) {
  const row = token ? await findRespondentByTokenHash(getDb(), hashSecret(token)) : undefined;
  if (!row) notFound();
  return { ...row, version: questionnaireVersionSchema.parse(row.version.content) };
}

export type RespondentContext = Awaited<ReturnType<typeof requireRespondent>>;

function requireWritable(context: RespondentContext) {
  if (context.assessment.status !== "open") throw new UserError(409, m.assessmentNotOpen);
  if (context.respondent.submittedAt) throw new UserError(409, m.alreadySubmitted);
}

/**
 * Stores a batch of saves for the respondent behind the link. Every save is checked against
 * the pinned questionnaire first; one bad save refuses the whole batch and stores nothing.
 */
export async function saveAnswers(context: RespondentContext, saves: AnswerSave[], now = new Date()) {
  requireWritable(context);
  const problems = saves.map((save) => saveProblem(context.version, save)).filter((p): p is string => p !== null);
  if (problems.length > 0) throw new UserError(400, problems[0]!);
  const db = getDb();
  await upsertAnswers(db, context.respondent.id, saves, now);
  await markRespondentStarted(db, context.respondent.id, now);
}

export function respondentAnswers(context: RespondentContext) {
  return listAnswersOfRespondent(getDb(), context.respondent.id);
}

export async function submitAnswers(context: RespondentContext, now = new Date()) {
  requireWritable(context);
  await markRespondentSubmitted(getDb(), context.respondent.id, now);
}

/** What the respondent pages show: the version's dimensions with how far this person got. */
export async function respondentProgress(context: RespondentContext) {
  const stored = await respondentAnswers(context);
  const answered = new Set(stored.filter((a) => a.choice !== null).map((a) => a.questionId));
  const dimensions = context.version.dimensions.map((d) => {
    const questions = context.version.questions.filter((q) => q.dimension === d.id);
    return { id: d.id, total: questions.length, answered: questions.filter((q) => answered.has(q.id)).length };
  });
  return { stored, dimensions, answered: answered.size, total: context.version.questions.length };
}

export function isReadOnly(context: RespondentContext) {
  return context.assessment.status !== "open" || context.respondent.submittedAt !== null;
}
