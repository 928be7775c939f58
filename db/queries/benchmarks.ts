import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import type { Controller } from "../../app/domain/benchmark-contributors.ts";
import type { Database } from "../client.ts";
import { assessmentResults, assessments, benchmarkEntries, benchmarkPoolStamps, engagements, memberships, organizations, users } from "../schema/index.ts";

export type BenchmarkEntryRow = typeof benchmarkEntries.$inferSelect;

/** A platform pool entry with who controls its organization and when that was created (ADR 0015). */
export type PlatformPoolRow = BenchmarkEntryRow & { controllers: Controller[]; organizationCreatedAt: Date };

/** The organization's newest closed assessment of the version that has a results snapshot. */
export async function latestClosedResult(db: Database, organizationId: string, questionnaireVersionId: string) {
  const [row] = await db
    .select({
      assessmentId: assessments.id,
      closedAt: assessments.closedAt,
      scorecard: assessmentResults.scorecard,
      industry: organizations.industry,
      sizeBand: organizations.sizeBand,
      region: organizations.region,
      benchmarkOptIn: organizations.benchmarkOptIn,
      minimumGroupSize: organizations.minimumGroupSize,
    })
    .from(assessments)
    .innerJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        eq(assessments.questionnaireVersionId, questionnaireVersionId),
        eq(assessments.status, "closed"),
      ),
    )
    .orderBy(desc(assessments.closedAt), desc(assessmentResults.createdAt))
    .limit(1);
  return row;
}

export async function upsertBenchmarkEntry(db: Database, values: Omit<BenchmarkEntryRow, "updatedAt">) {
  const { assessmentId, industry, sizeBand, region, platformPool, overallIndex, dimensionMeans, closedAt } = values;
  await db
    .insert(benchmarkEntries)
    .values(values)
    .onConflictDoUpdate({
      target: [benchmarkEntries.organizationId, benchmarkEntries.questionnaireVersionId],
      set: { assessmentId, industry, sizeBand, region, platformPool, overallIndex, dimensionMeans, closedAt, updatedAt: new Date() },
    });
}

export async function deleteBenchmarkEntry(db: Database, organizationId: string, questionnaireVersionId: string) {
  await db
    .delete(benchmarkEntries)
    .where(and(eq(benchmarkEntries.organizationId, organizationId), eq(benchmarkEntries.questionnaireVersionId, questionnaireVersionId)));
}

/** Copies the organization's segment fields to its entries. */
export async function syncBenchmarkSegment(db: Database, organizationId: string, values: { industry: string; sizeBand: string; region: string }) {
  const { industry, sizeBand, region } = values;
  await db.update(benchmarkEntries).set({ industry, sizeBand, region, updatedAt: new Date() }).where(eq(benchmarkEntries.organizationId, organizationId));
}

export async function setBenchmarkOptIn(db: Database, organizationId: string, optIn: boolean) {
  await db.update(organizations).set({ benchmarkOptIn: optIn }).where(eq(organizations.id, organizationId));
  await db.update(benchmarkEntries).set({ platformPool: optIn, updatedAt: new Date() }).where(eq(benchmarkEntries.organizationId, organizationId));
}

const inPlatformPool = (questionnaireVersionId: string, sampleData: boolean) =>
  and(
    eq(benchmarkEntries.questionnaireVersionId, questionnaireVersionId),
    eq(benchmarkEntries.platformPool, true),
    eq(organizations.sampleData, sampleData),
  );

// The owners and admins of the entry's organization, each with the domain of their email
// address (the part after the last "@"), as a column of the pool query.
const controllersOfEntry = sql<Controller[]>`coalesce((
  select json_agg(json_build_object('userId', ${memberships.userId}, 'emailDomain', lower(substring(${users.email} from '[^@]*$'))))
  from ${memberships} inner join ${users} on ${users.id} = ${memberships.userId}
  where ${memberships.organizationId} = ${benchmarkEntries.organizationId} and ${memberships.role} in ('owner', 'admin')
), '[]'::json)`;

/**
 * The platform pool of one version: entries of organizations that opted in, either only the
 * real organizations or only the sample ones (`sampleData`), never both; each with its
 * organization's owners and admins and creation time, so that organizations run by the same
 * people count once.
 */
export async function listPlatformPool(db: Database, questionnaireVersionId: string, sampleData = false): Promise<PlatformPoolRow[]> {
  const rows = await db
    .select({ entry: benchmarkEntries, controllers: controllersOfEntry, organizationCreatedAt: organizations.createdAt })
    .from(benchmarkEntries)
    .innerJoin(organizations, eq(organizations.id, benchmarkEntries.organizationId))
    .where(inPlatformPool(questionnaireVersionId, sampleData));
  return rows.map((row) => ({ ...row.entry, controllers: row.controllers, organizationCreatedAt: row.organizationCreatedAt }));
}

/** How many times the version's entries have changed (see benchmarkPoolStamps); 0 before the first. */
export async function benchmarkPoolStamp(db: Database, questionnaireVersionId: string) {
  const [row] = await db
    .select({ changes: benchmarkPoolStamps.changes })
    .from(benchmarkPoolStamps)
    .where(eq(benchmarkPoolStamps.questionnaireVersionId, questionnaireVersionId));
  return row?.changes ?? 0;
}

/** Adds many entries in one statement (the generated sample pool). */
export async function insertBenchmarkEntries(db: Database, rows: Omit<BenchmarkEntryRow, "updatedAt">[]) {
  if (rows.length > 0) await db.insert(benchmarkEntries).values(rows);
}

export async function findBenchmarkEntry(db: Database, organizationId: string, questionnaireVersionId: string) {
  const [row] = await db
    .select()
    .from(benchmarkEntries)
    .where(and(eq(benchmarkEntries.organizationId, organizationId), eq(benchmarkEntries.questionnaireVersionId, questionnaireVersionId)));
  return row;
}

/** The questionnaire versions the organization has closed assessments or benchmark entries of. */
export async function listBenchmarkedVersionIds(db: Database, organizationId: string) {
  const rows = await union(
    db
      .select({ questionnaireVersionId: assessments.questionnaireVersionId })
      .from(assessments)
      .where(and(eq(assessments.organizationId, organizationId), eq(assessments.status, "closed"))),
    db.select({ questionnaireVersionId: benchmarkEntries.questionnaireVersionId }).from(benchmarkEntries).where(eq(benchmarkEntries.organizationId, organizationId)),
  );
  return rows.map((row) => row.questionnaireVersionId);
}

export async function findAssessmentVersionId(db: Database, assessmentId: string) {
  const [row] = await db
    .select({ questionnaireVersionId: assessments.questionnaireVersionId })
    .from(assessments)
    .where(eq(assessments.id, assessmentId));
  return row?.questionnaireVersionId;
}

/**
 * A consultancy's own pool of one version: the entries of its clients with an active
 * engagement, opted in to the platform or not (the consultancy sees their results anyway).
 */
export async function listConsultancyPool(db: Database, questionnaireVersionId: string, consultancyId: string) {
  const rows = await db
    .select({ entry: benchmarkEntries })
    .from(benchmarkEntries)
    .innerJoin(
      engagements,
      and(
        eq(engagements.clientId, benchmarkEntries.organizationId),
        eq(engagements.consultancyId, consultancyId),
        isNotNull(engagements.startedAt),
        isNull(engagements.endedAt),
      ),
    )
    .where(eq(benchmarkEntries.questionnaireVersionId, questionnaireVersionId));
  return rows.map((row) => row.entry);
}
