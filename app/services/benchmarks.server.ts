import { getDb, type Database } from "#db/client.ts";
import { inTransaction } from "#db/transaction.ts";
import { writeAudit } from "#db/queries/audit.ts";
import {
  benchmarkPoolStamp,
  deleteBenchmarkEntry,
  findAssessmentVersionId,
  findBenchmarkEntry,
  latestClosedResult,
  listBenchmarkedVersionIds,
  listConsultancyPool,
  listPlatformPool,
  setBenchmarkOptIn,
  upsertBenchmarkEntry,
  type BenchmarkEntryRow,
  type PlatformPoolRow,
} from "#db/queries/benchmarks.ts";
import { benchmarkFor, entryScoresOf, hasEnoughRespondents, type BenchmarkEntry, type BenchmarkPool, type SegmentFilterInput } from "#app/domain/benchmarks.ts";
import { benchmarkView, poolLabel, type BenchmarkPoolKind, type BenchmarkView, type LoadedBenchmark } from "#app/domain/benchmark-view.ts";
import type { QuestionnaireVersion } from "#app/domain/questionnaire/schema.ts";
import type { Scorecard } from "#app/domain/scoring/index.ts";
import { notFound, UserError } from "#app/lib/errors.server.ts";
import { benchmarkMessages } from "#app/messages/benchmarks.ts";
import { authorize, type Membership } from "./access.server.ts";
import { getVersionContent } from "./surveys.server.ts";

/**
 * Brings the organization's benchmark entry for the assessment's questionnaire version up to
 * date: its newest closed assessment of that version, or no entry when none is closed or the
 * newest had fewer respondents with answers than the organization's minimum group size. Called
 * by the assessment services that close or reopen, which have checked access already.
 */
export async function refreshBenchmarkEntry(organizationId: string, assessmentId: string, db: Database = getDb()) {
  const questionnaireVersionId = await findAssessmentVersionId(db, assessmentId);
  if (questionnaireVersionId) await refreshVersionEntry(db, organizationId, questionnaireVersionId);
}

/**
 * Brings every benchmark entry of the organization up to date. Call it, in the same transaction,
 * after a change of the organization's minimum group size: entries whose assessment had fewer
 * respondents than the new minimum leave the pools, and those that reach a lowered one return.
 */
export async function refreshOrganizationBenchmarkEntries(organizationId: string, db: Database = getDb()) {
  for (const questionnaireVersionId of await listBenchmarkedVersionIds(db, organizationId)) {
    await refreshVersionEntry(db, organizationId, questionnaireVersionId);
  }
}

async function refreshVersionEntry(db: Database, organizationId: string, questionnaireVersionId: string) {
  const latest = await latestClosedResult(db, organizationId, questionnaireVersionId);
  const scorecard = latest?.scorecard;
  if (!latest?.closedAt || !scorecard || !hasEnoughRespondents(scorecard.respondentCount, latest.minimumGroupSize)) {
    await deleteBenchmarkEntry(db, organizationId, questionnaireVersionId);
    return;
  }
  const scores = entryScoresOf(scorecard);
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
  authorize(membership, "benchmarks.pool");
  await inTransaction(getDb(), async (db) => {
    await setBenchmarkOptIn(db, membership.organization.id, optIn);
    await writeAudit(db, {
      organizationId: membership.organization.id,
      actorId: membership.user.id,
      action: optIn ? "benchmark.opted_in" : "benchmark.opted_out",
      details: {},
    });
  });
}

function toEntry(row: BenchmarkEntryRow | PlatformPoolRow, questionnaire: string, version: string): BenchmarkEntry {
  return {
    organizationId: row.organizationId,
    industry: row.industry,
    sizeBand: row.sizeBand,
    region: row.region,
    questionnaire,
    version,
    index: row.overallIndex,
    dimensions: row.dimensionMeans,
    ...("controllers" in row ? { controllers: row.controllers, createdAt: row.organizationCreatedAt.getTime() } : {}),
  };
}

/** The consultancy whose client pool the membership may use: its own, or the one it works for a client through. */
export function consultancyPoolOwner(membership: Membership): string | null {
  if (membership.engagement) return membership.engagement.consultancy.id;
  return membership.organization.kind === "consultancy" ? membership.organization.id : null;
}

/** The pools the membership may compare with: the platform's, and its consultancy's clients for a consultant. */
export function availablePools(membership: Membership): BenchmarkPoolKind[] {
  return consultancyPoolOwner(membership) ? ["platform", "consultancy"] : ["platform"];
}

/** The pool a page asked for when the membership may use it; the platform pool otherwise. */
export function choosePool(membership: Membership, requested: BenchmarkPoolKind): BenchmarkPoolKind {
  return availablePools(membership).includes(requested) ? requested : "platform";
}

type VersionRef = { id: string; questionnaire: string; version: string; dimensionIds: string[] };

function toPool(version: VersionRef, rows: (BenchmarkEntryRow | PlatformPoolRow)[]): BenchmarkPool {
  return {
    questionnaire: version.questionnaire,
    version: version.version,
    dimensionIds: version.dimensionIds,
    entries: rows.map((row) => toEntry(row, version.questionnaire, version.version)),
  };
}

// The platform pool is read by every results page and benchmark request and grows with the
// platform; deciding which of its segments may be shown takes a pass over all of it. So each
// process keeps the pool it last read per version, with the version's stamp (how many times
// its entries have changed, counted by the database), and reads the pool again only when the
// stamp has moved: one primary-key lookup per request instead of the whole pool and the pass
// (docs/performance.md). The pass is cached per pool object in the domain.
const keptPlatformPools = new WeakMap<Database, Map<string, { stamp: number; pool: Promise<BenchmarkPool> }>>();

async function platformPool(db: Database, version: VersionRef, sampleData: boolean): Promise<BenchmarkPool> {
  let kept = keptPlatformPools.get(db);
  if (!kept) keptPlatformPools.set(db, (kept = new Map()));
  const key = `${version.id}:${sampleData}`;
  const stamp = await benchmarkPoolStamp(db, version.id);
  const found = kept.get(key);
  if (found?.stamp === stamp) return found.pool;
  // The read is kept while it runs, so requests arriving meanwhile wait for it instead of each
  // reading the whole pool. A change committed between the stamp and the read leaves a newer
  // pool under an older stamp; the next request sees the stamp move and reads it again.
  const pool = listPlatformPool(db, version.id, sampleData).then((rows) => toPool(version, rows));
  kept.set(key, { stamp, pool });
  pool.catch(() => kept.get(key)?.pool === pool && kept.delete(key));
  return pool;
}

async function loadPool(db: Database, kind: BenchmarkPoolKind, membership: Membership, version: VersionRef): Promise<BenchmarkPool> {
  switch (kind) {
    case "platform":
      // Sample organizations (the demo) see the sample pool, real ones the real pool: generated
      // scores are public, so mixing them in would let anyone subtract them from a segment.
      return platformPool(db, version, membership.organization.sampleData);
    case "consultancy": {
      // A consultancy's clients are a few hundred at most: read on every request. Each client
      // counts on its own, without its controllers: the pool is shown only to the consultancy,
      // whose consultants see every client's results through their engagements anyway (ADR 0015).
      const consultancyId = consultancyPoolOwner(membership);
      if (!consultancyId) throw new UserError(403, benchmarkMessages.consultantsOnly);
      return toPool(version, await listConsultancyPool(db, version.id, consultancyId));
    }
  }
}

/**
 * A segment of a pool for one questionnaire version, with the membership's organization as the
 * subject: its pool entry, or the scores given as `subject` (the assessment being looked at).
 * Reads the pool's aggregate rows only, never answers. Returns the pool's kind and its label.
 */
export async function loadBenchmark(
  membership: Membership,
  input: {
    pool: BenchmarkPoolKind;
    questionnaire: string;
    version: string;
    filter: SegmentFilterInput;
    subject?: Pick<Scorecard, "overall" | "dimensions">;
  },
): Promise<LoadedBenchmark> {
  const db = getDb();
  const versionRow = await getVersionContent(input.questionnaire, input.version, db);
  if (!versionRow) notFound();
  const version: VersionRef = {
    id: versionRow.id,
    questionnaire: input.questionnaire,
    version: input.version,
    dimensionIds: versionRow.version.dimensions.map((d) => d.id),
  };
  const [pool, own] = await Promise.all([
    loadPool(db, input.pool, membership, version),
    input.subject ? undefined : findBenchmarkEntry(db, membership.organization.id, versionRow.id),
  ]);
  const { organization } = membership;
  const subject: BenchmarkEntry | undefined = input.subject
    ? {
        organizationId: organization.id,
        industry: organization.industry,
        sizeBand: organization.sizeBand,
        region: organization.region,
        questionnaire: input.questionnaire,
        version: input.version,
        ...entryScoresOf(input.subject),
      }
    : own && toEntry(own, input.questionnaire, input.version);
  const sampleData = organization.sampleData;
  return { pool: input.pool, poolLabel: poolLabel(input.pool, sampleData), sampleData, benchmark: benchmarkFor(pool, input.filter, { subject }) };
}

/**
 * The benchmark of an assessment's results (closed, or open and provisional) for the results
 * page and the report: its own scores ranked in the segment of its questionnaire version's
 * pool. Drafts have no answers to benchmark: null.
 */
export async function loadAssessmentBenchmark(
  membership: Membership,
  results: { assessment: { status: string }; version: QuestionnaireVersion; scorecard: Scorecard },
  filter: SegmentFilterInput,
  pool: BenchmarkPoolKind = "platform",
): Promise<BenchmarkView | null> {
  if (results.assessment.status === "draft") return null;
  const { version, scorecard } = results;
  const loaded = await loadBenchmark(membership, { pool, questionnaire: version.questionnaire, version: version.version, filter, subject: scorecard });
  return benchmarkView(
    loaded,
    version.dimensions.map((d) => d.id),
  );
}
