import { getDb } from "#db/client.ts";
import {
  findRespondentByTokenHash,
  findRespondentOfMember,
  findRevokedRespondentLink,
  listWaitingRespondentsOfUser,
  listAnswersOfRespondent,
  markRespondentSubmitted,
  upsertAnswers,
} from "#db/queries/assessments.ts";
import { saveProblem, type AnswerSave } from "#app/domain/assessments.ts";
import { textIn } from "#app/domain/questionnaire/schema.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import type { Auth } from "#app/lib/auth.server.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { hashSecret } from "#app/lib/tokens.server.ts";
import { requireMembership } from "./access.server.ts";
import { getVersionById } from "./surveys.server.ts";

/** What an old link's page and the autosave answer with: why it stopped working and whom to ask. */
export interface RevokedLink {
  kind: "respondent-link";
  reason: "replaced" | "revoked";
  organization: string | null;
  invitedBy: string | null;
}

/**
 * The respondent a personal link stands for. A link that was replaced or revoked answers 410
 * with a RevokedLink as JSON; a link that never existed stays a plain 404.
 */
export async function requireRespondent(token: string) {
  const db = getDb();
  const tokenHash = token ? hashSecret(token) : "";
  const row = token ? await findRespondentByTokenHash(db, tokenHash) : undefined;
  if (!row) {
    const revoked = token ? await findRevokedRespondentLink(db, tokenHash) : undefined;
    if (!revoked) notFound();
    const body: RevokedLink = { kind: "respondent-link", reason: revoked.reason, organization: revoked.organization, invitedBy: revoked.invitedBy };
    throw Response.json(body, { status: 410, statusText: "Gone" });
  }
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

function requireWritable(context: RespondentContext) {
  if (context.assessment.status !== "open") throw new UserError(409, m.assessmentNotOpen);
  if (context.respondent.submittedAt) throw new UserError(409, m.alreadySubmitted);
}

/** Saves that arrived after the assessment closed, with the questions whose answers they would have changed. */
export class AnswersNotRecorded extends UserError {
  constructor(readonly questions: { questionId: string; text: string }[]) {
    super(409, m.closedWhileAnswering);
    this.name = "AnswersNotRecorded";
  }
}

/**
 * Stores a batch of saves for the respondent behind the link. Every save is checked against
 * the pinned questionnaire first; one bad save refuses the whole batch and stores nothing.
 * After the assessment closed, it refuses with the questions whose stored answer differs from
 * what was sent (AnswersNotRecorded): what was recorded before the close stays as it is.
 */
export async function saveAnswers(context: RespondentContext, saves: AnswerSave[], now = new Date()) {
  if (context.assessment.status === "closed" && !context.respondent.submittedAt) {
    throw new AnswersNotRecorded(await unrecordedQuestions(context, saves));
  }
  requireWritable(context);
  const problems = saves.map((save) => saveProblem(context.version, save)).filter((p): p is string => p !== null);
  if (problems.length > 0) throw new UserError(400, problems[0]!);
  await upsertAnswers(getDb(), context.respondent.id, saves, now);
}

/** The questions, in questionnaire order, whose stored answer is not what the saves say. */
async function unrecordedQuestions(context: RespondentContext, saves: AnswerSave[]) {
  const stored = new Map((await respondentAnswers(context)).map((a) => [a.questionId, a]));
  const newest = new Map<string, AnswerSave>();
  for (const save of saves) if ((newest.get(save.questionId)?.sequence ?? -1) < save.sequence) newest.set(save.questionId, save);
  return context.version.questions.flatMap((question) => {
    const save = newest.get(question.id);
    if (!save) return [];
    const kept = stored.get(question.id);
    const same = kept
      ? kept.choice === save.choice && kept.level === save.level && (kept.comment ?? null) === (save.comment ?? null)
      : save.choice === null && save.comment === null;
    return same ? [] : [{ questionId: question.id, text: textIn(question.text) }];
  });
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
