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
  listAnswersOfAssessments,
  listAssessmentWithComparables,
  listAssessmentsForOverview,
  listAssessments,
  listMemberRespondents,
  listReassessmentsOf,
  listRespondents,
  listRespondentsWithAnswers,
  listRespondentsToCopy,
  listStaleSnapshots,
  listRespondentsWithoutLink,
  countRespondentsInProgress as countInProgress,
  findRespondentEmails,
  lockAssessment,
  setRespondentToken,
  setTargetProfile,
  transitionAssessment,
  type AssessmentStatus,
} from "#db/queries/assessments.ts";
import { writeAudit } from "#db/queries/audit.ts";
import { assessmentHasRoadmap } from "#db/queries/roadmaps.ts";
import { findMember, listMembers } from "#db/queries/organizations.ts";
import { findVersion, listVersionsOf } from "#db/queries/questionnaires.ts";
import { compareOverTime, type ComparedAssessment } from "#app/domain/comparison.ts";
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
import { toCsv } from "#app/domain/csv.ts";
import { effectiveMinimum } from "#app/domain/privacy.ts";
import { rawAnswersForExport, type PseudonymScheme } from "#app/domain/raw-answers.ts";
import type { RespondentFunction } from "#app/domain/respondents.ts";
import { questionnaireVersionSchema } from "#app/domain/questionnaire/schema.ts";
import {
  explainScore,
  outcomeOf,
  perceptionGaps,
  questionDistributions,
  scoreAssessment,
  SCORING_ENGINE_VERSION,
  type Scorecard,
} from "#app/domain/scoring/index.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { generateSecret, hashSecret, secureRandom, stablePseudonym } from "#app/lib/tokens.server.ts";
import { privacyMessages } from "#app/messages/privacy.ts";
import type { Membership } from "./access.server.ts";
import { refreshBenchmarkEntry } from "./benchmarks.server.ts";
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
const issuer = (membership: Membership) => ({ createdBy: membership.user.id, engagementId: membership.engagement?.id ?? null });

/**
 * Refuses people whose email a respondent of the assessment already has, or who are listed
 * twice. Run it in the transaction that inserts them, after `lockAssessment`, so two adds at
 * once cannot both pass.
 */
async function refuseDuplicateEmails(db: Database, assessmentId: string, people: readonly { email: string | null }[]) {
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
 */
export async function inviteRespondents(membership: Membership, assessmentId: string, people: NewRespondent[]) {
  await requireAssessment(membership, assessmentId);
  if (people.length > MAX_RESPONDENTS_PER_PASTE) throw new UserError(400, m.pasteTooLarge(MAX_RESPONDENTS_PER_PASTE, people.length));
  const tokens = people.map(() => generateSecret(32));
  const rows = await inTransaction(getDb(), async (db) => {
    const locked = await lockAssessment(db, assessmentId);
    if (locked?.status === "closed") throw new UserError(400, m.cannotInviteClosed);
    await refuseDuplicateEmails(db, assessmentId, people);
    return insertRespondents(
      db,
      people.map((person, i) => ({
        assessmentId,
        ...person,
        tokenHash: hashSecret(tokens[i]!),
        userId: null,
        ...issuer(membership),
      })),
    );
  });
  return rows.map((row, i) => ({ respondent: row, token: tokens[i]! }));
}

/** Revokes a respondent's link and issues a new one (or only revokes, with `reissue: false`). */
export async function renewRespondentLink(membership: Membership, assessmentId: string, respondentId: string, reissue = true) {
  await requireAssessment(membership, assessmentId);
  const token = reissue ? generateSecret(32) : null;
  const link = token ? { tokenHash: hashSecret(token), ...issuer(membership) } : null;
  const ok = isUuid(respondentId) && (await setRespondentToken(getDb(), assessmentId, respondentId, link));
  if (!ok) throw new UserError(404, "This respondent is not part of the assessment.");
  return token;
}

export async function listAssessmentRespondents(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  return listRespondents(getDb(), assessmentId);
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
async function loadAnswers(db: Database, assessmentId: string) {
  const { people, stored } = await listRespondentsWithAnswers(db, assessmentId);
  const byRespondent = new Map<string, typeof stored>();
  for (const row of stored) byRespondent.set(row.respondentId, [...(byRespondent.get(row.respondentId) ?? []), row]);
  const responses = people
    .map((p) => ({ respondentId: p.id, function: p.function, answers: toEngineAnswers(byRespondent.get(p.id) ?? []) }))
    .filter((r) => r.answers.length > 0);
  return { people, stored, responses };
}

/** The scoring rules an assessment is scored by: its targets and its organization's minimum group size. */
function scoreOptions(organization: { minimumGroupSize: number }, assessment: { targetProfile: Record<string, number> | null }) {
  return { targetProfile: assessment.targetProfile ?? undefined, minimumGroupSize: organization.minimumGroupSize };
}

/** Whether a stored snapshot was made by today's engine under the organization's current minimum group size. */
function isCurrentSnapshot(scorecard: Scorecard, organization: { minimumGroupSize: number }) {
  return scorecard.engineVersion === SCORING_ENGINE_VERSION && scorecard.minimumGroupSize === organization.minimumGroupSize;
}

/** Scores the answers as they stand now. */
export async function scoreCurrentAnswers(membership: Membership, assessmentId: string, db: Database = getDb()) {
  const { assessment, version } = await requireAssessment(membership, assessmentId);
  const { responses } = await loadAnswers(db, assessmentId);
  return scoreAssessment(version, responses, scoreOptions(membership.organization, assessment));
}

/**
 * What the results page shows: the stored snapshot of a closed assessment, or a provisional
 * score of an open one, with the top priorities explained and the perception gaps, and the
 * organization's earlier closed assessments of the same questionnaire with their snapshots
 * (for `loadComparison`). Two statements: the assessment with those it is compared with, and
 * the respondents with their answers.
 */
export async function loadAssessmentResults(membership: Membership, assessmentId: string) {
  const db = getDb();
  const rows = isUuid(assessmentId) ? await listAssessmentWithComparables(db, membership.organization.id, assessmentId) : [];
  const own = rows.find((row) => row.assessment.id === assessmentId);
  if (!own) notFound();
  const { assessment } = own;
  const [version, { stored, responses }] = await Promise.all([getVersionById(assessment.questionnaireVersionId, db), loadAnswers(db, assessmentId)]);
  const options = scoreOptions(membership.organization, assessment);
  const snapshot = assessment.status === "closed" ? own.scorecard : null;
  // A snapshot older than the privacy rules in force is never shown; it is scored again (and
  // stored again at start-up or when the minimum group size changes).
  const scorecard = snapshot && isCurrentSnapshot(snapshot, membership.organization) ? snapshot : scoreAssessment(version, responses, options);
  const focus = scorecard.gaps
    .filter((g) => g.gap > 0)
    .slice(0, 3)
    .map((g) => ({ ...g, explanation: explainScore(version, responses, g.dimensionId, options) }));
  const before = assessment.closedAt ?? new Date();
  const earlier = rows.filter((row) => row !== own && row.assessment.status === "closed" && row.assessment.closedAt !== null && row.assessment.closedAt < before);
  return { assessment, version, scorecard, provisional: !snapshot, focus, perception: perceptionGaps(scorecard), responses, stored, earlier };
}

/** How many respondents have started and not submitted: what closing would cut off. */
export async function countRespondentsInProgress(membership: Membership, assessmentId: string) {
  await requireAssessment(membership, assessmentId);
  return countInProgress(getDb(), assessmentId);
}

/** Closes the assessment and stores the results snapshot with the engine's version. */
export async function closeAssessment(membership: Membership, assessmentId: string) {
  await transition(membership, assessmentId, "open", "closed", m.cannotClose);
  const scorecard = await scoreCurrentAnswers(membership, assessmentId);
  await insertResult(getDb(), assessmentId, scorecard, SCORING_ENGINE_VERSION);
  await refreshBenchmarkEntry(membership.organization.id, assessmentId);
  return scorecard;
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
 * Raw answers, one per respondent and question, under codes that follow neither the respondent
 * list nor (unless the organization keeps stable ones) the previous export; see
 * `rawAnswersForExport` for what is left out. Fewer than the minimum group size answering: 409.
 */
export async function listAnonymizedAnswers(membership: Membership, assessmentId: string) {
  const { version } = await requireAssessment(membership, assessmentId);
  const { organization } = membership;
  const { people, stored } = await loadAnswers(getDb(), assessmentId);
  const scheme: PseudonymScheme = organization.stablePseudonyms
    ? { kind: "stable", codeOf: (respondentId) => stablePseudonym(organization.pseudonymKey, `${assessmentId}:${respondentId}`) }
    : { kind: "random", random: secureRandom };
  const rows = rawAnswersForExport({ version, people, answers: stored, minimumGroupSize: organization.minimumGroupSize, scheme });
  if (!rows) throw new UserError(409, privacyMessages.exportTooFew(effectiveMinimum(organization.minimumGroupSize)));
  return rows;
}

/** Raw answers for export: one row per respondent and question, respondents under codes, never named. */
export async function exportAnswersCsv(membership: Membership, assessmentId: string) {
  const rows = (await listAnonymizedAnswers(membership, assessmentId)).map((a) => [
    a.respondent,
    a.function,
    a.dimension,
    a.question,
    a.level,
    a.choice === "dont_know" ? "yes" : "",
    a.choice === "not_applicable" ? "yes" : "",
    a.comment,
  ]);
  return toCsv(["respondent", "function", "dimension", "question", "level", "dont_know", "not_applicable", "comment"], rows);
}

/**
 * The overview's assessment cards from one read of the organization's assessments: the
 * newest ones, the newest closed readiness check's outcome, the open ones waiting for the
 * user's own answers, and every closed one with its snapshot (for the roadmap card).
 */
export async function loadOverviewAssessments(membership: Membership) {
  const db = getDb();
  const { organization } = membership;
  const rows = await listAssessmentsForOverview(db, organization.id, membership.user.id);
  // A consultant answers nothing here: only the organization's own members are respondents.
  const waitingRows = membership.engagement
    ? []
    : rows.filter((row) => row.status === "open" && row.mySubmitted === false).sort((a, b) => (b.openedAt?.getTime() ?? 0) - (a.openedAt?.getTime() ?? 0));
  const closedReadiness = rows.filter((row) => row.status === "closed" && row.questionnaireId === "kam-readiness" && row.scorecard);
  const versions = await getVersionsById([...new Set([...waitingRows, ...closedReadiness].map((row) => row.questionnaireVersionId))], db);
  let readiness = null;
  for (const row of closedReadiness) {
    const outcome = outcomeOf(versions.get(row.questionnaireVersionId)!, row.scorecard!);
    if (outcome) {
      readiness = { ...outcome, assessmentId: row.id, title: row.title };
      break;
    }
  }
  return {
    assessments: rows,
    readiness,
    waiting: waitingRows.map((row) => ({
      assessmentId: row.id,
      title: row.title,
      organizationSlug: organization.slug,
      organizationName: organization.name,
      answered: row.myAnswered,
      total: versions.get(row.questionnaireVersionId)!.questions.length,
    })),
  };
}

/** One dimension in depth: its statistics, the explanation, and how each question was answered. */
export async function loadDimensionDetail(membership: Membership, assessmentId: string, dimensionId: string) {
  const results = await loadAssessmentResults(membership, assessmentId);
  const dimension = results.version.dimensions.find((d) => d.id === dimensionId);
  if (!dimension) notFound();
  const options = scoreOptions(membership.organization, results.assessment);
  return {
    ...results,
    dimension,
    stats: results.scorecard.dimensions.find((d) => d.dimensionId === dimensionId)!,
    explanation: explainScore(results.version, results.responses, dimensionId, options),
    questions: questionDistributions(results.version, dimensionId, results.stored, options.minimumGroupSize),
  };
}

/**
 * How this assessment compares with the organization's earlier closed assessments of the
 * same questionnaire (read with the results); null when there is none. Answers and other
 * versions are read only when versions differ, since only then must everything be rescored.
 */
export async function loadComparison(results: Awaited<ReturnType<typeof loadAssessmentResults>>) {
  const { assessment, version, scorecard, provisional, responses, earlier } = results;
  const db = getDb();
  const versionsById = await getVersionsById([...new Set(earlier.map((row) => row.assessment.questionnaireVersionId))], db);
  const series: ComparedAssessment[] = earlier.flatMap(({ assessment: a, scorecard: stored }) =>
    stored && a.closedAt
      ? [{ id: a.id, title: a.title, date: a.closedAt.toISOString(), provisional: false, version: versionsById.get(a.questionnaireVersionId)!, scorecard: stored, responses: [] }]
      : [],
  );
  if (series.length === 0) return null;
  series.push({ id: assessment.id, title: assessment.title, date: (assessment.closedAt ?? new Date()).toISOString(), provisional, version, scorecard, responses });

  const versions = new Map([[version.version, version]]);
  if (series.some((a) => a.version.version !== version.version)) {
    const [rows, stored] = await Promise.all([
      listAnswersOfAssessments(db, series.slice(0, -1).map((a) => a.id)),
      listVersionsOf(db, version.questionnaire),
    ]);
    for (const row of stored) versions.set(row.version, questionnaireVersionSchema.parse(row.content));
    const byRespondent = new Map<string, { assessmentId: string; function: (typeof rows)[number]["function"]; rows: typeof rows }>();
    for (const row of rows) {
      const entry = byRespondent.get(row.respondentId) ?? { assessmentId: row.assessmentId, function: row.function, rows: [] };
      entry.rows.push(row);
      byRespondent.set(row.respondentId, entry);
    }
    for (const a of series.slice(0, -1)) {
      a.responses = [...byRespondent]
        .filter(([, entry]) => entry.assessmentId === a.id)
        .map(([respondentId, entry]) => ({ respondentId, function: entry.function, answers: toEngineAnswers(entry.rows) }))
        .filter((r) => r.answers.length > 0);
    }
  }
  return compareOverTime(series, versions, scorecard.minimumGroupSize);
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
