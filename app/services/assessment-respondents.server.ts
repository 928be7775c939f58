/** Who answers an assessment: links, members answering from their account, progress. */
import { getDb } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import {
  insertRespondents,
  listMemberRespondents,
  listRespondents,
  listRespondentsWithoutLink,
  countRespondentsInProgress as countInProgress,
  lockAssessment,
  setRespondentToken,
} from "#db/queries/assessments.ts";
import { findMember, listMembers } from "#db/queries/organizations.ts";
import type { RespondentFunction } from "#app/domain/respondents.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { isUuid, UserError } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import type { Membership } from "./access.server.ts";
import { issuer, refuseDuplicateEmails, requireAssessment } from "./assessments.server.ts";

/** Revokes a respondent's link and issues a new one (or only revokes, with `reissue: false`). */
export async function renewRespondentLink(membership: Membership, assessmentId: string, respondentId: string, reissue = true) {
  await requireAssessment(membership, assessmentId);
  const token = reissue ? generateSecret(32) : null;
  const link = token ? { tokenHash: hashSecret(token), ...issuer(membership) } : null;
  const ok = isUuid(respondentId) && (await setRespondentToken(getDb(), assessmentId, respondentId, link));
  if (!ok) throw new UserError(404, m.respondentNotFound);
  return token;
}

export async function listAssessmentRespondents(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  return listRespondents(getDb(), assessmentId);
}

/** How many respondents have started and not submitted: what closing would cut off. */
export async function countRespondentsInProgress(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  return countInProgress(getDb(), assessmentId);
}

/**
 * Adds a member of the organization as a respondent who answers from their own account:
 * no personal link, their name and email from the account. A member is invited once.
 */
export async function inviteMember(membership: Membership, assessmentId: string, person: { userId: string; function: RespondentFunction }) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  if (assessment.status === "closed") throw new UserError(400, m.cannotInviteClosed);
  const db = getDb();
  const member = isUuid(person.userId) ? await findMember(db, membership.organization.id, person.userId) : undefined;
  if (!member) throw new UserError(400, m.memberRequired, { userId: m.memberRequired });
  const [respondent] = await inTransaction(db, async (txDb) => {
    await lockAssessment(txDb, assessmentId);
    const already = await listMemberRespondents(txDb, assessmentId);
    if (already.some((r) => r.userId === member.userId)) throw new UserError(409, m.memberAlreadyInvited, { userId: m.memberAlreadyInvited });
    await refuseDuplicateEmails(txDb, assessmentId, [{ email: member.email }]);
    return insertRespondents(txDb, [
      {
        assessmentId,
        name: member.name,
        email: member.email,
        function: person.function,
        tokenHash: null,
        userId: member.userId,
        ...issuer(membership),
      },
    ]);
  });
  return respondent!;
}

/** The members of the organization and which of them already answer this assessment from their account. */
export async function listInvitableMembers(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  const db = getDb();
  const [members, invited] = await Promise.all([listMembers(db, membership.organization.id), listMemberRespondents(db, assessmentId)]);
  const respondentOf = new Map(invited.map((r) => [r.userId, r.respondentId]));
  return members.map((member) => ({ userId: member.userId, name: member.name, email: member.email, respondentId: respondentOf.get(member.userId) ?? null }));
}

/** Creates a link for every link respondent without one; the tokens are returned once. */
export async function issueMissingLinks(membership: Membership, assessmentId: string) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  if (assessment.status === "closed") throw new UserError(400, m.cannotInviteClosed);
  const db = getDb();
  const issued: { respondentId: string; name: string; token: string }[] = [];
  for (const person of await listRespondentsWithoutLink(db, assessmentId)) {
    const token = generateSecret(32);
    if (await setRespondentToken(db, assessmentId, person.id, { tokenHash: hashSecret(token), ...issuer(membership) })) issued.push({ respondentId: person.id, name: person.name, token });
  }
  return issued;
}
