/** What an assessment's answers show: results, the dimension detail, comparisons, the overview's cards and the raw answer export. */
import { getDb } from "#db/client.ts";
import { listAnswersOfAssessments, listAssessmentWithComparables, listAssessmentsForOverview } from "#db/queries/assessments.ts";
import { listVersionsOf } from "#db/queries/questionnaires.ts";
import { compareOverTime, type ComparedAssessment } from "#app/domain/comparison.ts";
import { toEngineAnswers } from "#app/domain/assessments.ts";
import { toCsv } from "#app/domain/csv.ts";
import { effectiveMinimum } from "#app/domain/privacy.ts";
import { rawAnswersForExport, type PseudonymScheme } from "#app/domain/raw-answers.ts";
import { questionnaireVersionSchema } from "#app/domain/questionnaire/schema.ts";
import {
  explainScore,
  outcomeOf,
  perceptionGaps,
  questionDistributions,
  scoreAssessment,
} from "#app/domain/scoring/index.ts";
import { isUuid, notFound, UserError } from "#app/lib/errors.server.ts";
import { secureRandom, stablePseudonym } from "#app/lib/tokens.server.ts";
import { privacyMessages } from "#app/messages/privacy.ts";
import type { Membership } from "./access.server.ts";
import { getVersionById, getVersionsById } from "./surveys.server.ts";
import { isCurrentSnapshot, loadAnswers, requireAssessment, scoreOptions } from "./assessments.server.ts";

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
