import { getDb, type Database } from "#db/client.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  deleteBenchmarkEntry,
  findAssessmentVersionId,
  findBenchmarkEntry,
  latestClosedResult,
  listPlatformPool,
  setBenchmarkOptIn,
  upsertBenchmarkEntry,
  type BenchmarkEntryRow,
} from "#db/queries/benchmarks.ts";
import { findVersion } from "#db/queries/questionnaires.ts";
import { benchmarkFor, entryScoresOf, type BenchmarkEntry, type BenchmarkPool, type SegmentFilterInput } from "#app/domain/benchmarks.ts";
import { questionnaireVersionSchema } from "#app/domain/questionnaire/schema.ts";
import type { Scorecard } from "#app/domain/scoring/index.ts";
import { orgMessages } from "#app/messages/organizations.ts";
import { forbidden, notFound } from "#app/lib/errors.server.ts";
import type { Membership } from "./access.server.ts";

/**
 * Brings the organization's benchmark entry for the assessment's questionnaire version up to
 * date: its newest closed assessment of that version, or no entry when none is closed. Called
 * by the assessment services that close or reopen, which have checked access already.
 */
export async function refreshBenchmarkEntry(organizationId: string, assessmentId: string, db: Database = getDb()) {
  const questionnaireVersionId = await findAssessmentVersionId(db, assessmentId);
  if (!questionnaireVersionId) return;
  const latest = await latestClosedResult(db, organizationId, questionnaireVersionId);
  if (!latest?.closedAt) {
    await deleteBenchmarkEntry(db, organizationId, questionnaireVersionId);
    return;
  }
  const scores = entryScoresOf(latest.scorecard as unknown as Scorecard);
  await upsertBenchmarkEntry(db, {
    organizationId,
    questionnaireVersionId,
    assessmentId: latest.assessmentId,
    industry: latest.industry,
    sizeBand: latest.sizeBand,
    region: latest.region,
    platformPool: latest.benchmarkOptIn,
    overallIndex: scores.index,
    dimensionMeans: scores.dimensions,
    closedAt: latest.closedAt,
  });
}

/** The owner's consent to the platform pool; the organization's entries join or leave it at once. */
export async function setPlatformPoolOptIn(membership: Membership, optIn: boolean) {
  if (membership.role !== "owner") forbidden(orgMessages.forbidden);
  await getDb().transaction(async (tx) => {
    const db = tx as unknown as Database;
    await setBenchmarkOptIn(db, membership.organization.id, optIn);
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: optIn ? "benchmark.opted_in" : "benchmark.opted_out",
      details: {},
    });
  });
}

function toEntry(row: BenchmarkEntryRow, questionnaire: string, version: string): BenchmarkEntry {
  return {
    organizationId: row.organizationId,
    industry: row.industry,
    sizeBand: row.sizeBand,
    region: row.region,
    questionnaire,
    version,
    index: row.overallIndex,
    dimensions: row.dimensionMeans,
  };
}

/**
 * A segment of the platform pool for one questionnaire version, with the membership's
 * organization as the subject. Reads the pool's aggregate rows only, never answers.
 */
export async function loadBenchmark(
  membership: Membership,
  input: { questionnaire: string; version: string; filter: SegmentFilterInput },
) {
  const db = getDb();
  const versionRow = await findVersion(db, input.questionnaire, input.version);
  if (!versionRow) notFound();
  const content = questionnaireVersionSchema.parse(versionRow.content);
  const [rows, own] = await Promise.all([
    listPlatformPool(db, versionRow.id),
    findBenchmarkEntry(db, membership.organization.id, versionRow.id),
  ]);
  const pool: BenchmarkPool = {
    questionnaire: input.questionnaire,
    version: input.version,
    dimensionIds: content.dimensions.map((d) => d.id),
    entries: rows.map((row) => toEntry(row, input.questionnaire, input.version)),
  };
  const subject = own ? toEntry(own, input.questionnaire, input.version) : undefined;
  return { pool: "platform" as const, benchmark: benchmarkFor(pool, input.filter, { subject }) };
}
