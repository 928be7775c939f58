import type { ActionFunctionArgs } from "@remix-run/node";
import { answerSaveBatchSchema } from "#app/domain/assessments.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { BodyError, readJson, TOO_LARGE_HEADERS } from "#app/lib/body.server.ts";
import { UserError } from "#app/lib/errors.server.ts";
import { isLostConnection, logLostConnection, retryAfterHeader, retryIfConnectionLost } from "#app/lib/lost-connection.server.ts";
import { findNul, NUL_MESSAGE } from "#app/lib/nul.ts";
import { respondentMessages as rm } from "#app/messages/respondents.ts";
import { AnswersNotRecorded, requireRespondentAccess, saveAnswers, type RevokedLink } from "#app/services/respondents.server.ts";

// Response.json, not a plain object or data(): resource routes must answer with a Response.
const apiError = (status: number, code: string, message: string, headers?: HeadersInit) =>
  Response.json({ error: { code, message } }, { status, headers });

/**
 * The respondent, or a JSON answer in place of a sign-in redirect (a script cannot follow one
 * to a form) and of an old link's page.
 */
async function respondentOrApiError(request: Request, params: ActionFunctionArgs["params"]) {
  try {
    return await retryIfConnectionLost(() => requireRespondentAccess(request, params));
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) {
      return apiError(401, "signed_out", m.signedOut);
    }
    if (thrown instanceof Response && thrown.status === 410) {
      const link = (await thrown.json()) as RevokedLink;
      const message = `${link.reason === "revoked" ? rm.linkRevoked : rm.linkReplaced} ${rm.askForNewLink(link.invitedBy, link.organization)}`;
      return apiError(410, link.reason === "revoked" ? "link_revoked" : "link_replaced", message);
    }
    throw thrown;
  }
}

/**
 * Autosave: POST { saves: [{ questionId, choice, level, comment, sequence }] } as JSON. After
 * the assessment closed it answers 409 `assessment_closed` with `notRecorded`, the questions
 * whose answers the saves would have changed; an old link answers 410. A lost
 * database connection is tried once more (reads, and a save that stores nothing twice: see
 * upsertAnswers); lost again, it answers 503 and the outbox keeps the answers for later.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST.");
  try {
    return await save(request, params);
  } catch (error) {
    if (!isLostConnection(error)) throw error;
    logLostConnection(error);
    return apiError(503, "unavailable", m.saveUnavailable, retryAfterHeader);
  }
}

async function save(request: Request, params: ActionFunctionArgs["params"]) {
  const context = await respondentOrApiError(request, params);
  if (context instanceof Response) return context;
  let body: unknown;
  try {
    body = await readJson(request, "autosave");
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.status === 413) return apiError(413, "payload_too_large", error.message, TOO_LARGE_HEADERS);
    return apiError(400, "malformed", `${m.malformedSave} ${error.message}`);
  }
  const withNul = findNul(body);
  if (withNul !== null) return apiError(400, "invalid", `${m.malformedSave} ${withNul}: ${NUL_MESSAGE}`);
  const parsed = answerSaveBatchSchema.safeParse(body);
  if (!parsed.success) return apiError(400, "invalid", `${m.malformedSave} ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  try {
    await retryIfConnectionLost(() => saveAnswers(context, parsed.data.saves));
  } catch (error) {
    if (error instanceof AnswersNotRecorded) {
      return Response.json({ error: { code: "assessment_closed", message: error.message, notRecorded: error.questions } }, { status: 409 });
    }
    if (error instanceof UserError) return apiError(error.status, error.status === 409 ? "not_writable" : "invalid", error.message);
    throw error;
  }
  return Response.json({ saved: parsed.data.saves.map((s) => ({ questionId: s.questionId, sequence: s.sequence })) });
}
