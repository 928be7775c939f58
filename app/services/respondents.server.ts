import { getDb } from "#db/client.ts";
import {
  findRespondentByTokenHash,
  findRespondentOfMember,
  listWaitingRespondentsOfUser,
  listAnswersOfRespondent,
  markRespondentSubmitted,
  upsertAnswers,
} from "#db/queries/assessments.ts";
import { saveProblem, type AnswerSave } from "#app/domain/assessments.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";
import { requireMembership } from "./access.server.ts";
import { getVersionById } from "./surveys.server.ts";

/** The respondent a personal link stands for; an unknown or revoked link is a 404. */
export async function requireRespondent(token: string) {
  const row = token ? await findRespondentByTokenHash(getDb(), hashSecret(token)) : undefined;
  if (!row) notFound();
  return { ...row, version: await getVersionById(row.assessment.questionnaireVersionId) };
}

export type RespondentContext = Awaited<ReturnType<typeof requireRespondent>>;

/** Where the respondent pages of one mount live: `/a/<token>` or a member's path in the organization. */
export const memberRespondPath = (slug: string, assessmentId: string) => `/orgs/${slug}/assessments/${assessmentId}/respond`;

/**
 * The respondent behind a request to the respondent pages, however they were reached: by a
 * personal link (`params.token`), or signed in as a member on the organization's path, where
 * the user must be that respondent and still a member. Anything else is a 404, so nobody
 * reaches another person's answers. `basePath` is where this mount's pages live.
 */
export async function requireRespondentAccess(request: Request, params: Readonly<Record<string, string | undefined>>) {
  if (params.token !== undefined) {
    const context = await requireRespondent(params.token);
    return { ...context, basePath: `/a/${params.token}`, viaAccount: false };
  }
  const membership = await requireMembership(request, { slug: params.slug ?? "" });
  const assessmentId = params.assessmentId ?? "";
  const row = isUuid(assessmentId)
    ? await findRespondentOfMember(getDb(), membership.organization.id, assessmentId, membership.user.id)
    : undefined;
  if (!row) notFound();
  return {
    ...row,
    version: await getVersionById(row.assessment.questionnaireVersionId),
    basePath: memberRespondPath(membership.organization.slug, assessmentId),
    viaAccount: true,
  };
}

/** Open assessments waiting for the signed-in user's answers, across their organizations. */
export function listMyWaitingAssessments(auth: Auth) {
  return listWaitingRespondentsOfUser(getDb(), auth.user.id);
}

/** The same, within one organization. */
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
  await upsertAnswers(getDb(), context.respondent.id, saves, now);
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
