/** An assessment's life: creating it, adding respondents, opening, closing with its results snapshot, reopening, targets and re-assessments. */
import { getDb, type Database } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import {
  clearSubmissions,
  findAssessment,
  findAssessmentWithLinks,
  insertAssessment,
  insertReassessment,
  insertRespondents,
  insertResult,
  latestResult,
  listAssessments,
  listReassessmentsOf,
  listRespondents,
  listRespondentsWithAnswers,
  listRespondentsToCopy,
  listStaleSnapshots,
  findRespondentEmails,
  lockAssessment,
  setTargetProfile,
  transitionAssessment,
  type AssessmentStatus,
} from "#db/queries/assessments.ts";
import { writeAudit } from "#db/queries/audit.ts";
import { assessmentHasRoadmap } from "#db/queries/roadmaps.ts";
import { listMembers } from "#db/queries/organizations.ts";
import { findVersion, listVersionsOf } from "#db/queries/questionnaires.ts";
import {
  carryOverTargets,
  emailKey,
  MAX_RESPONDENTS_PER_PASTE,
  reassessmentTitle,
  repeatedEmails,
  toEngineAnswers,
  type NewRespondent,
} from "#app/domain/assessments.ts";
import { compareVersions } from "#app/domain/questionnaire/check.ts";
import { questionnaireVersionSchema } from "#app/domain/questionnaire/schema.ts";
import { scoreAssessment, SCORING_ENGINE_VERSION, type Scorecard } from "#app/domain/scoring/index.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret } from "#app/lib/tokens.server.ts";
import type { Membership } from "./access.server.ts";
import { refreshBenchmarkEntry } from "./benchmarks.server.ts";
import { invitationMail } from "./campaign-mail.server.ts";
import { queueMail } from "./mail.server.ts";
import { getVersionById, getVersionsById } from "./surveys.server.ts";

/** An assessment of the membership's organization, or 404: ids of other organizations never resolve. */
export async function requireAssessment(membership: Membership, assessmentId: string) {
  const assessment = isUuid(assessmentId) ? await findAssessment(getDb(), membership.organization.id, assessmentId) : undefined;
  if (!assessment) notFound();
  return { assessment, version: await getVersionById(assessment.questionnaireVersionId) };
}

export function listOrganizationAssessments(membership: Membership) {
  return listAssessments(getDb(), membership.organization.id);
}

/** Creates a draft assessment pinned to a published version. */
export async function createAssessment(
  membership: Membership,
  input: { questionnaireId: string; version: string; title: string; targetProfile: Record<string, number> | null },
) {
  const db = getDb();
  const version = await findVersion(db, input.questionnaireId, input.version);
  if (!version || version.status !== "published") {
    throw new UserError(400, m.versionNotStartable, { version: m.versionNotStartable });
  }
  const assessment = await insertAssessment(db, {
    organizationId: membership.organization.id,
    questionnaireVersionId: version.id,
    title: input.title,
    targetProfile: input.targetProfile,
    createdBy: membership.user.id,
  });
  await writeAudit(db, {
    organizationId: membership.organization.id,
    actorId: membership.user.id,
    action: "assessment.created",
    details: { assessmentId: assessment.id, questionnaire: input.questionnaireId, version: input.version },
  });
  return assessment;
}

/** Who adds respondents or issues their links, and through which engagement (null: as a member). */
export const issuer = (membership: Membership) => ({ createdBy: membership.user.id, engagementId: membership.engagement?.id ?? null });

/**
 * Refuses people whose email a respondent of the assessment already has, or who are listed
 * twice. Run it in the transaction that inserts them, after `lockAssessment`, so two adds at
 * once cannot both pass.
 */
export async function refuseDuplicateEmails(db: Database, assessmentId: string, people: readonly { email: string | null }[]) {
  const twice = repeatedEmails(people);
  const emails = [...new Set(people.flatMap((p) => (p.email === null ? [] : [emailKey(p.email)])))];
  const already = await findRespondentEmails(db, assessmentId, emails);
  if (already.length > 0 || twice.length > 0) {
    const message = m.duplicateRespondents(already, twice.filter((email) => !already.includes(email)));
    throw new UserError(409, message, { email: message });
  }
}

/**
 * Adds respondents, each with a fresh personal link; the tokens are returned once. All or
 * none: a duplicate email (already in the assessment, or twice in the list) refuses the lot.
 * With `mail`, everyone with an address gets the link by mail instead, queued in the same
 * transaction (the assessment must be open, so the link works when it arrives).
 */
export async function inviteRespondents(membership: Membership, assessmentId: string, people: NewRespondent[], options: { mail?: boolean } = {}, now = new Date()) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  if (people.length > MAX_RESPONDENTS_PER_PASTE) throw new UserError(400, m.pasteTooLarge(MAX_RESPONDENTS_PER_PASTE, people.length));
  const tokens = people.map(() => generateSecret(32));
  const mailed = (person: { email: string | null }) => Boolean(options.mail && person.email);
  const rows = await inTransaction(getDb(), async (db) => {
    const locked = await lockAssessment(db, assessmentId);
    if (locked?.status === "closed") throw new UserError(400, m.cannotInviteClosed);
    if (options.mail && locked?.status !== "open") throw new UserError(400, m.invitationsNeedOpen);
    await refuseDuplicateEmails(db, assessmentId, people);
    const inserted = await insertRespondents(
      db,
      people.map((person, i) => ({
        assessmentId,
        ...person,
        tokenHash: hashSecret(tokens[i]!),
        userId: null,
        invitedAt: mailed(person) ? now : null,
        ...issuer(membership),
      })),
    );
    await queueMail(
      db,
      inserted.flatMap((row, i) => (mailed(row) ? [invitationMail(membership, assessment, { id: row.id, name: row.name, email: row.email! }, tokens[i]!)] : [])),
    );
    return inserted;
  });
  return rows.map((row, i) => ({ respondent: row, token: tokens[i]!, mailed: mailed(row) }));
}

async function transition(membership: Membership, assessmentId: string, from: AssessmentStatus, to: AssessmentStatus, message: string) {
  await requireAssessment(membership, assessmentId);
  const moved = await transitionAssessment(getDb(), assessmentId, from, to, new Date());
  if (!moved) throw new UserError(400, message);
  await writeAudit(getDb(), {
    organizationId: membership.organization.id,
    actorId: membership.user.id,
    action: `assessment.${to === "open" && from === "closed" ? "reopened" : to === "open" ? "opened" : "closed"}`,
    details: { assessmentId },
  });
}

export const openAssessment = (membership: Membership, assessmentId: string) =>
  transition(membership, assessmentId, "draft", "open", m.cannotOpen);

/**
 * The respondents and their stored answers, read once, plus every respondent with at least
 * one answer as the scoring engine reads them.
 */
export async function loadAnswers(db: Database, assessmentId: string) {
  const { people, stored } = await listRespondentsWithAnswers(db, assessmentId);
  const byRespondent = new Map<string, typeof stored>();
  for (const row of stored) byRespondent.set(row.respondentId, [...(byRespondent.get(row.respondentId) ?? []), row]);
  const responses = people
    .map((p) => ({ respondentId: p.id, function: p.function, answers: toEngineAnswers(byRespondent.get(p.id) ?? []) }))
    .filter((r) => r.answers.length > 0);
  return { people, stored, responses };
}

/** The scoring rules an assessment is scored by: its targets and its organization's minimum group size. */
export function scoreOptions(organization: { minimumGroupSize: number }, assessment: { targetProfile: Record<string, number> | null }) {
  return { targetProfile: assessment.targetProfile ?? undefined, minimumGroupSize: organization.minimumGroupSize };
}

/** Whether a stored snapshot was made by today's engine under the organization's current minimum group size. */
export function isCurrentSnapshot(scorecard: Scorecard, organization: { minimumGroupSize: number }) {
  return scorecard.engineVersion === SCORING_ENGINE_VERSION && scorecard.minimumGroupSize === organization.minimumGroupSize;
}

/** Scores the answers as they stand now. */
export async function scoreCurrentAnswers(membership: Membership, assessmentId: string, db: Database = getDb()) {
  const { assessment, version } = await requireAssessment(membership, assessmentId);
  const { responses } = await loadAnswers(db, assessmentId);
  return scoreAssessment(version, responses, scoreOptions(membership.organization, assessment));
}

/** Closes the assessment and stores the results snapshot with the engine's version. */
export async function closeAssessment(membership: Membership, assessmentId: string) {
  await transition(membership, assessmentId, "open", "closed", m.cannotClose);
  return (await storeResults(membership.organization, assessmentId)).scorecard;
}

/**
 * Scores the stored answers of a just-closed assessment and keeps the result, with the
 * benchmark entry it feeds: the work of a close, by a person or by the due date.
 */
export async function storeResults(organization: { id: string; minimumGroupSize: number }, assessmentId: string, db: Database = getDb()) {
  const assessment = await findAssessment(db, organization.id, assessmentId);
  if (!assessment) notFound();
  const version = await getVersionById(assessment.questionnaireVersionId, db);
  const { people, responses } = await loadAnswers(db, assessmentId);
  const scorecard = scoreAssessment(version, responses, scoreOptions(organization, assessment));
  await insertResult(db, assessmentId, scorecard, SCORING_ENGINE_VERSION);
  await refreshBenchmarkEntry(organization.id, assessmentId);
  return { scorecard, submitted: people.filter((p) => p.submittedAt !== null).length };
}

/**
 * Makes the results snapshot again for every closed assessment (of one organization, or all)
 * whose newest snapshot predates today's engine or the organization's minimum group size, and
 * brings the benchmark entries up to date. The earlier snapshots stay as history. Called at
 * start-up and, within the same transaction, when an organization changes its minimum group size.
 */
export async function refreshStaleSnapshots(db: Database, organizationId?: string) {
  const stale = await listStaleSnapshots(db, SCORING_ENGINE_VERSION, organizationId);
  const versions = await getVersionsById([...new Set(stale.map((row) => row.questionnaireVersionId))], db);
  for (const row of stale) {
    const { responses } = await loadAnswers(db, row.id);
    const scorecard = scoreAssessment(versions.get(row.questionnaireVersionId)!, responses, scoreOptions(row, row));
    await insertResult(db, row.id, scorecard, SCORING_ENGINE_VERSION);
  }
  for (const key of new Set(stale.map((row) => `${row.organizationId} ${row.questionnaireVersionId}`))) {
    const row = stale.find((r) => `${r.organizationId} ${r.questionnaireVersionId}` === key)!;
    await refreshBenchmarkEntry(row.organizationId, row.id, db);
  }
  return stale.length;
}

/** Reopens a closed assessment; respondents may change their answers again. */
export async function reopenAssessment(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  if (await assessmentHasRoadmap(getDb(), assessmentId)) throw new UserError(409, m.reopenHasRoadmap);
  await transition(membership, assessmentId, "closed", "open", m.cannotReopen);
  await clearSubmissions(getDb(), assessmentId);
  await refreshBenchmarkEntry(membership.organization.id, assessmentId);
}

export async function latestAssessmentResult(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  return latestResult(getDb(), assessmentId);
}

export async function updateTargetProfile(membership: Membership, assessmentId: string, profile: Record<string, number> | null) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  if (assessment.status === "closed") throw new UserError(400, m.targetsLocked);
  await setTargetProfile(getDb(), assessmentId, profile);
}

/**
 * Repeats a closed assessment as a new draft: the questionnaire's newest published version,
 * the source's targets for the dimensions that version still has, and the same respondents
 * (name, email, function, account). Members who left are invited by link instead. Link
 * respondents get no link yet: `issueMissingLinks` creates them when the manager is ready.
 */
export async function startReassessment(membership: Membership, sourceId: string, title?: string) {
  const { assessment: source, version: sourceVersion } = await requireAssessment(membership, sourceId);
  if (source.status !== "closed") throw new UserError(400, m.reassessOnlyClosed);
  return inTransaction(getDb(), async (db) => {
    const published = (await listVersionsOf(db, sourceVersion.questionnaire)).filter((v) => v.status === "published");
    const newest = published.sort((a, b) => compareVersions(b.version, a.version))[0];
    if (!newest) throw new UserError(400, m.reassessNoVersion);
    const version = questionnaireVersionSchema.parse(newest.content);
    const assessment = await insertReassessment(db, {
      organizationId: membership.organization.id,
      questionnaireVersionId: newest.id,
      title: title ?? reassessmentTitle(source.title),
      targetProfile: carryOverTargets(source.targetProfile, version),
      createdBy: membership.user.id,
      previousAssessmentId: source.id,
    });
    const [people, members] = await Promise.all([listRespondentsToCopy(db, source.id), listMembers(db, membership.organization.id)]);
    const stillMembers = new Set(members.map((member) => member.userId));
    await insertRespondents(
      db,
      people.map((person) => ({
        assessmentId: assessment.id,
        name: person.name,
        email: person.email,
        function: person.function,
        userId: person.userId && stillMembers.has(person.userId) ? person.userId : null,
        tokenHash: null,
        ...issuer(membership),
      })),
    );
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: "assessment.reassessment_started",
      details: { assessmentId: assessment.id, previousAssessmentId: source.id, version: newest.version, respondents: people.length },
    });
    return assessment;
  });
}

/** The assessment this one repeats and the ones that repeat it, all of the membership's organization. */
export async function reassessmentLinks(membership: Membership, assessmentId: string) {
  const { assessment } = await requireAssessment(membership, assessmentId);
  const db = getDb();
  const previous = assessment.previousAssessmentId ? await findAssessment(db, membership.organization.id, assessment.previousAssessmentId) : undefined;
  return {
    previous: previous ? { id: previous.id, title: previous.title } : null,
    next: await listReassessmentsOf(db, membership.organization.id, assessmentId),
  };
}

/**
 * What the assessment's page shows: the assessment, its respondents, the organization's
 * members (with the respondent each already is, if any), the reassessment chain and the link
 * respondents who have no link now. One statement each for the assessment with its chain,
 * the respondents and the members.
 */
export async function loadAssessmentPage(membership: Membership, assessmentId: string) {
  const db = getDb();
  const row = isUuid(assessmentId) ? await findAssessmentWithLinks(db, membership.organization.id, assessmentId) : undefined;
  if (!row) notFound();
  const { assessment } = row;
  const [people, members] = await Promise.all([listRespondents(db, assessment.id), listMembers(db, membership.organization.id)]);
  const respondentOf = new Map(people.flatMap((p) => (p.userId ? [[p.userId, p.id] as const] : [])));
  return {
    assessment,
    version: await getVersionById(assessment.questionnaireVersionId, db),
    people,
    members: members.map((member) => ({ userId: member.userId, name: member.name, email: member.email, respondentId: respondentOf.get(member.userId) ?? null })),
    previous: row.previous,
    next: row.next,
    missingLinks: people.filter((p) => !p.hasLink && p.userId === null).map((p) => ({ id: p.id, name: p.name })),
  };
}
