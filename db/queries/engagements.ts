import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client.ts";
import { assessmentResults, assessments, engagements, organizations, questionnaireVersions, roadmapItems, roadmaps, users } from "../schema/index.ts";
import type { Scorecard } from "../../app/domain/scoring/score.ts";

export type Engagement = typeof engagements.$inferSelect;

export async function insertEngagement(db: Database, values: typeof engagements.$inferInsert) {
  const [row] = await db.insert(engagements).values(values).returning();
  return row!;
}

const client = alias(organizations, "client");
const consultancy = alias(organizations, "consultancy");
const ender = alias(users, "ender");

/** Every engagement of a client organization, offers and ended ones included, newest first. */
export async function listEngagementsOfClient(db: Database, clientId: string) {
  return db
    .select({
      engagement: engagements,
      consultancy: { id: consultancy.id, name: consultancy.name },
      endedByName: ender.name,
    })
    .from(engagements)
    .leftJoin(consultancy, eq(consultancy.id, engagements.consultancyId))
    .leftJoin(ender, eq(ender.id, engagements.endedBy))
    .where(eq(engagements.clientId, clientId))
    .orderBy(desc(engagements.createdAt));
}

/** One engagement of the organization, as its client or as its consultancy; undefined otherwise. */
export async function findEngagementOf(db: Database, organizationId: string, engagementId: string) {
  const [row] = await db
    .select({ engagement: engagements, client: { id: client.id, name: client.name }, consultancy: { id: consultancy.id, name: consultancy.name } })
    .from(engagements)
    .innerJoin(client, eq(client.id, engagements.clientId))
    .leftJoin(consultancy, eq(consultancy.id, engagements.consultancyId))
    .where(
      and(
        eq(engagements.id, engagementId),
        sql`(${engagements.clientId} = ${organizationId} or ${engagements.consultancyId} = ${organizationId})`,
      ),
    );
  return row;
}

export async function findEngagementByTokenHash(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ engagement: engagements, client: { id: client.id, name: client.name, slug: client.slug } })
    .from(engagements)
    .innerJoin(client, eq(client.id, engagements.clientId))
    .where(eq(engagements.inviteTokenHash, tokenHash));
  return row;
}

/**
 * Accepts an open offer for a consultancy; false when it was accepted, ended or withdrawn
 * meanwhile. The link's hash stays, so that a second use is told the offer was taken.
 */
export async function startOfferedEngagement(db: Database, engagementId: string, consultancyId: string, now: Date) {
  const rows = await db
    .update(engagements)
    .set({ consultancyId, startedAt: now })
    .where(and(eq(engagements.id, engagementId), isNull(engagements.consultancyId), isNull(engagements.endedAt)))
    .returning({ id: engagements.id });
  return rows.length === 1;
}

/** Ends a live engagement or withdraws an offer; false when it had ended already. */
export async function endEngagementRow(db: Database, engagementId: string, endedBy: string, now: Date) {
  const rows = await db
    .update(engagements)
    .set({ endedAt: now, endedBy })
    .where(and(eq(engagements.id, engagementId), isNull(engagements.endedAt)))
    .returning({ id: engagements.id });
  return rows.length === 1;
}

export async function hasLiveEngagement(db: Database, clientId: string, consultancyId: string) {
  const [row] = await db
    .select({ id: engagements.id })
    .from(engagements)
    .where(and(eq(engagements.clientId, clientId), eq(engagements.consultancyId, consultancyId), isNull(engagements.endedAt)));
  return Boolean(row);
}

/** The consultancy's clients with an active engagement, by name. */
export async function listActiveClients(db: Database, consultancyId: string) {
  return db
    .select({
      engagementId: engagements.id,
      role: engagements.role,
      startedAt: engagements.startedAt,
      id: client.id,
      slug: client.slug,
      name: client.name,
      industry: client.industry,
      sizeBand: client.sizeBand,
      region: client.region,
    })
    .from(engagements)
    .innerJoin(client, eq(client.id, engagements.clientId))
    .where(and(eq(engagements.consultancyId, consultancyId), isNotNull(engagements.startedAt), isNull(engagements.endedAt)))
    .orderBy(asc(client.name));
}

/**
 * The clients' assessments, newest first, with the scorecard snapshot of closed ones: one
 * query for the whole portfolio.
 */
export async function listAssessmentsOfClients(db: Database, clientIds: string[]) {
  if (clientIds.length === 0) return [];
  return db
    .select({
      id: assessments.id,
      organizationId: assessments.organizationId,
      title: assessments.title,
      status: assessments.status,
      createdAt: assessments.createdAt,
      closedAt: assessments.closedAt,
      questionnaireVersionId: assessments.questionnaireVersionId,
      version: questionnaireVersions.version,
      questionnaireId: questionnaireVersions.questionnaireId,
      // Only the parts of the snapshot the portfolio shows: the per-function breakdown is most of its size.
      scorecard: sql<Pick<Scorecard, "overall" | "dimensions"> | null>`case when ${assessments.status} = 'closed' then (select jsonb_build_object('overall', ${assessmentResults.scorecard}->'overall', 'dimensions', ${assessmentResults.scorecard}->'dimensions') from ${assessmentResults} where ${assessmentResults.assessmentId} = ${assessments.id} order by ${assessmentResults.createdAt} desc limit 1) end`,
    })
    .from(assessments)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .where(inArray(assessments.organizationId, clientIds))
    .orderBy(desc(assessments.createdAt));
}

/**
 * Milestone counts per phase of each client's newest roadmap: one query for the whole
 * portfolio. The counts are a lateral subquery per roadmap, so that PostgreSQL reads each
 * roadmap's items through its index; a plain join hashed every milestone of every roadmap.
 */
export async function listRoadmapProgressOfClients(db: Database, clientIds: string[], today: string) {
  if (clientIds.length === 0) return [];
  const newest = db
    .selectDistinctOn([roadmaps.organizationId], { id: roadmaps.id, organizationId: roadmaps.organizationId, title: roadmaps.title })
    .from(roadmaps)
    .where(inArray(roadmaps.organizationId, clientIds))
    .orderBy(roadmaps.organizationId, desc(roadmaps.createdAt))
    .as("newest");
  const counts = db
    .select({
      phase: roadmapItems.phase,
      total: sql<number>`count(*)::int`.as("total"),
      done: sql<number>`count(*) filter (where ${roadmapItems.status} = 'done')::int`.as("done"),
      overdue: sql<number>`count(*) filter (where ${roadmapItems.status} <> 'done' and ${roadmapItems.dueDate} < ${today})::int`.as("overdue"),
    })
    .from(roadmapItems)
    .where(and(eq(roadmapItems.roadmapId, newest.id), eq(roadmapItems.kind, "milestone"), isNull(roadmapItems.removedAt), eq(roadmapItems.noLongerNeeded, false)))
    .groupBy(roadmapItems.phase)
    .as("counts");
  // A roadmap without milestones keeps one row, with no phase and zero counts.
  return db
    .select({
      organizationId: newest.organizationId,
      roadmapId: newest.id,
      title: newest.title,
      phase: counts.phase,
      total: sql<number>`coalesce(${counts.total}, 0)`,
      done: sql<number>`coalesce(${counts.done}, 0)`,
      overdue: sql<number>`coalesce(${counts.overdue}, 0)`,
    })
    .from(newest)
    .leftJoinLateral(counts, sql`true`);
}
