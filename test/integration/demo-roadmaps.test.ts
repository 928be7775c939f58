// Every sample roadmap is generated from its own assessment's scores and targets, as a
// program lead would generate it: no client plans with another organization's targets.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { assessmentResults, assessments, organizations, roadmapItems, roadmaps } from "#db/schema/index.ts";
import { MINIMUM_GAP } from "#app/domain/roadmap/generate.ts";
import type { Scorecard } from "#app/domain/scoring/index.ts";
import { prepareDatabase } from "#app/services/startup.server.ts";
import { getQuestionnaireVersion } from "#app/services/surveys.server.ts";

beforeAll(async () => {
  await prepareDatabase();
}, 240_000);

/** Each sample roadmap with its baseline's targets and stored scores, and the dimensions it plans for. */
async function sampleRoadmaps() {
  const db = getDb();
  const rows = await db
    .select({ roadmapId: roadmaps.id, organization: organizations.name, assessmentId: assessments.id, targetProfile: assessments.targetProfile })
    .from(roadmaps)
    .innerJoin(organizations, eq(organizations.id, roadmaps.organizationId))
    .innerJoin(assessments, eq(assessments.id, roadmaps.baselineAssessmentId))
    .where(eq(organizations.sampleData, true));
  return Promise.all(
    rows.map(async (row) => {
      const [result] = await db.select().from(assessmentResults).where(eq(assessmentResults.assessmentId, row.assessmentId)).orderBy(desc(assessmentResults.createdAt)).limit(1);
      const items = await db.select({ dimension: roadmapItems.dimension }).from(roadmapItems).where(and(eq(roadmapItems.roadmapId, row.roadmapId), eq(roadmapItems.kind, "initiative")));
      return { ...row, scorecard: result!.scorecard as unknown as Scorecard, planned: new Set(items.flatMap((i) => (i.dimension ? [i.dimension] : []))) };
    }),
  );
}

describe("sample roadmaps", () => {
  it("each plans for every dimension whose gap to its own assessment's targets reaches the threshold", async () => {
    const version = (await getQuestionnaireVersion("kam-maturity", "1.0.0"))!.version;
    const plans = await sampleRoadmaps();
    // The demo organization and the two sample clients with a program under way.
    expect(plans.map((p) => p.organization).sort()).toEqual(["Demo Industries (sample data)", "Harbor Logistics (sample data)", "Northwind Components (sample data)"].sort());
    for (const plan of plans) {
      // By hand: the target is the assessment's own (or best practice), the gap target − mean.
      const expected = plan.scorecard.dimensions
        .filter((d) => d.mean !== null)
        .filter((d) => (plan.targetProfile?.[d.dimensionId] ?? version.dimensions.find((x) => x.id === d.dimensionId)!.target) - d.mean! >= MINIMUM_GAP)
        .map((d) => d.dimensionId)
        .sort();
      expect([...plan.planned].sort(), plan.organization).toEqual(expected);
    }
  });

  it("Harbor's plan takes on governance and competencies, whose gaps are above 0.5", async () => {
    const harbor = (await sampleRoadmaps()).find((p) => p.organization === "Harbor Logistics (sample data)")!;
    expect(harbor.targetProfile).toBeNull();
    for (const id of ["governance", "competencies"]) {
      const dimension = harbor.scorecard.dimensions.find((d) => d.dimensionId === id)!;
      const bestPractice = harbor.scorecard.targets[id]!;
      expect(bestPractice - dimension.mean!).toBeGreaterThan(0.5);
      expect(harbor.planned.has(id), id).toBe(true);
    }
  });
});
