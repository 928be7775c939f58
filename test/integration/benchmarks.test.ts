import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { benchmarkEntries, benchmarkPoolStamps, memberships, organizations } from "#db/schema/index.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment, reopenAssessment } from "#app/services/assessments.server.ts";
import { loadBenchmark, refreshOrganizationBenchmarkEntries, setPlatformPoolOptIn } from "#app/services/benchmarks.server.ts";
import { updateOrganizationSettings } from "#app/services/organizations.server.ts";
import { requireRespondent, saveAnswers, submitAnswers } from "#app/services/respondents.server.ts";
import { addMember, createOrganization, createUser, loadQuestionnaires, membershipOf, settle } from "#test/factories.ts";
import { countStatements } from "#test/statements.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;

// Three respondents per organization (the least that counts) answer every question at one
// level, so each dimension mean and the index equal that level.
const LEVELS = [1, 2, 3, 4, 5, 3];
const owners: Membership[] = [];
const assessmentIds: string[] = [];
const query = { pool: "platform" as const, questionnaire: "kam-maturity", version: "1.0.0" };

async function closeAt(owner: Membership, level: number, respondents = 3) {
  const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Baseline", targetProfile: null });
  const people = Array.from({ length: respondents }, (_, r) => ({ name: `Respondent ${r + 1}`, email: null, function: "kam" as const }));
  const invited = await inviteRespondents(owner, assessment.id, people);
  await openAssessment(owner, assessment.id);
  for (const { token } of invited) {
    const context = await requireRespondent(token);
    await saveAnswers(
      context,
      context.version.questions.map((q, i) => ({ questionId: q.id, choice: "level" as const, level, comment: null, sequence: i + 1 })),
    );
    await submitAnswers(await requireRespondent(token));
  }
  await closeAssessment(owner, assessment.id);
  return assessment.id;
}

const entriesOf = (organizationId: string) => getDb().select().from(benchmarkEntries).where(eq(benchmarkEntries.organizationId, organizationId));

beforeAll(async () => {
  await loadQuestionnaires();
  for (const level of LEVELS) {
    const user = await createUser();
    const owner = await membershipOf(user, await createOrganization(user));
    owners.push(owner);
    await setPlatformPoolOptIn(owner, true);
    assessmentIds.push(await closeAt(owner, level));
  }
});

describe("benchmark aggregates", () => {
  it("closing an assessment writes the organization's entry", async () => {
    const [row] = await entriesOf(owners[3]!.organization.id);
    expect(row).toMatchObject({ assessmentId: assessmentIds[3], overallIndex: 4, platformPool: true, industry: "Manufacturing", region: "Europe" });
    expect(Object.values(row!.dimensionMeans).every((v) => v === 4)).toBe(true);
    expect(Object.keys(row!.dimensionMeans)).toContain("selection");
  });

  it("gives the hand-computed statistics for the whole platform pool", async () => {
    const { benchmark } = await loadBenchmark(owners[2]!, { ...query, filter: {} });
    if (benchmark.suppressed) throw new Error(benchmark.reason);
    expect(benchmark.n).toBe(6);
    // indexes sorted: 1 2 3 3 4 5; median h = 2.5 → 3; q1 h = 1.25 → 2 + 0.25 × 1 = 2.25;
    // q3 h = 3.75 → 3 + 0.75 × 1 = 3.75. The subject (3) among 1 2 4 5 3: 2 below, 1 tied → 50 %.
    expect(benchmark.index).toEqual({ n: 6, median: 3, q1: 2.25, q3: 3.75, subjectScore: 3, percentileRank: 50 });
    const selection = benchmark.dimensions.find((d) => d.dimensionId === "selection")!;
    expect(selection).toMatchObject({ median: 3, q1: 2.25, q3: 3.75, percentileRank: 50 });
  });

  it("follows segment changes and suppresses a segment of four", async () => {
    for (const owner of owners.slice(4)) {
      const { name, slug, industry, sizeBand } = owner.organization;
      await updateOrganizationSettings(owner, { name, slug, industry, sizeBand, region: "North America" });
    }
    expect((await entriesOf(owners[5]!.organization.id))[0]!.region).toBe("North America");
    const europe = await loadBenchmark(owners[0]!, { ...query, filter: { region: "Europe" } });
    expect(europe.benchmark).toMatchObject({ suppressed: true, cause: "too_few", reason: "needs 5 independent organizations in this segment; 4 so far" });
    const all = await loadBenchmark(owners[0]!, { ...query, filter: {} });
    expect(all.benchmark).toMatchObject({ suppressed: false, n: 6, index: { percentileRank: 0 } });
  });

  it("opting out removes the organization from the platform pool", async () => {
    await setPlatformPoolOptIn(owners[0]!, false);
    const [row] = await entriesOf(owners[0]!.organization.id);
    expect(row!.platformPool).toBe(false);
    const [org] = await getDb().select().from(organizations).where(eq(organizations.id, owners[0]!.organization.id));
    expect(org!.benchmarkOptIn).toBe(false);
    const after = await loadBenchmark(owners[2]!, { ...query, filter: {} });
    // without the 1: 2 3 3 4 5 → median 3; the subject (3) among 2 4 5 3: 1 below, 1 tied → 37.5 %
    expect(after.benchmark).toMatchObject({ suppressed: false, n: 5, index: { median: 3, percentileRank: 37.5 } });
    // The opted-out organization still sees the pool and its own rank (1 among 2 3 3 4 5: 0 %).
    expect((await loadBenchmark(owners[0]!, { ...query, filter: {} })).benchmark).toMatchObject({ n: 5, index: { subjectScore: 1, percentileRank: 0 } });
    await setPlatformPoolOptIn(owners[1]!, false);
    expect((await loadBenchmark(owners[2]!, { ...query, filter: {} })).benchmark).toMatchObject({ suppressed: true, cause: "too_few" });
    await setPlatformPoolOptIn(owners[0]!, true);
    await setPlatformPoolOptIn(owners[1]!, true);
  });

  it("reopening takes the entry away until the assessment closes again", async () => {
    await reopenAssessment(owners[1]!, assessmentIds[1]!);
    expect(await entriesOf(owners[1]!.organization.id)).toEqual([]);
    expect((await loadBenchmark(owners[2]!, { ...query, filter: {} })).benchmark).toMatchObject({ n: 5 });
    await closeAssessment(owners[1]!, assessmentIds[1]!);
    expect(await entriesOf(owners[1]!.organization.id)).toMatchObject([{ overallIndex: 2, platformPool: true }]);
  });

  it("only an owner can change the opt-in", async () => {
    const admin = await createUser();
    await addMember(owners[2]!.organization, admin, "admin");
    await expect(setPlatformPoolOptIn(await membershipOf(admin, owners[2]!.organization), false)).rejects.toMatchObject({ status: 403 });
    expect((await entriesOf(owners[2]!.organization.id))[0]!.platformPool).toBe(true);
  });

  it("keeps the pool it read until an entry changes, whatever the writer's clock says", async () => {
    const everyone = { ...query, filter: {} };
    await loadBenchmark(owners[2]!, everyone);
    const kept = await countStatements(() => loadBenchmark(owners[2]!, everyone));
    // The stamp is read, the pool (its entries joined with their organizations) is not.
    const sent = kept.statements.map((s) => s.sql);
    expect(sent.filter((sql) => sql.includes('from "benchmark_pool_stamps"'))).toHaveLength(1);
    expect(sent.filter((sql) => sql.includes('from "benchmark_entries" inner join "organizations"'))).toEqual([]);
    expect(kept.result.benchmark).toMatchObject({ n: 6, index: { median: 3 } });
    // Another process with a clock an hour slow rewrites the index of the last organization (3 → 1).
    await getDb()
      .update(benchmarkEntries)
      .set({ overallIndex: 1, updatedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(benchmarkEntries.organizationId, owners[5]!.organization.id));
    // indexes 1 1 2 3 4 5: median h = 2.5 → 2 + 0.5 × 1 = 2.5; the subject (3) among 1 2 4 5 1: 3 below → 60 %
    expect((await loadBenchmark(owners[2]!, everyone)).benchmark).toMatchObject({ n: 6, index: { median: 2.5, percentileRank: 60 } });
  });

  it("counts each statement that changes entries once per version, deletes included", async () => {
    const versionId = (await entriesOf(owners[0]!.organization.id))[0]!.questionnaireVersionId;
    const stamp = async () => (await getDb().select().from(benchmarkPoolStamps).where(eq(benchmarkPoolStamps.questionnaireVersionId, versionId)))[0]!.changes;
    const before = await stamp();
    // one update statement over six entries of the version
    await getDb().update(benchmarkEntries).set({ region: "Europe" }).where(eq(benchmarkEntries.questionnaireVersionId, versionId));
    expect(await stamp()).toBe(before + 1);
    await getDb().update(benchmarkEntries).set({ region: "Europe" }).where(eq(benchmarkEntries.organizationId, "00000000-0000-4000-8000-000000000000"));
    expect(await stamp(), "an update of no row is no change").toBe(before + 1);
    await reopenAssessment(owners[4]!, assessmentIds[4]!);
    expect(await stamp(), "reopening deletes the entry").toBe(before + 2);
  });

  it("answers 404 for an unknown version", async () => {
    expect((await settle(loadBenchmark(owners[0]!, { ...query, version: "9.9.9", filter: {} }))).status).toBe(404);
  });
});

describe("what counts in the pool", () => {
  // Here the pool holds owners 0, 1, 2, 3 and 5 (owner 4 reopened above): five organizations.
  const everyone = { ...query, filter: {} };

  it("leaves out an assessment answered by fewer people than the minimum group size", async () => {
    const user = await createUser();
    const owner = await membershipOf(user, await createOrganization(user));
    await setPlatformPoolOptIn(owner, true);
    await closeAt(owner, 4, 2);
    expect(await entriesOf(owner.organization.id)).toEqual([]);
    expect((await loadBenchmark(owners[2]!, everyone)).benchmark).toMatchObject({ suppressed: false, n: 5 });
  });

  it("takes an organization's entries out when it raises its minimum group size, and back when it lowers it", async () => {
    const organizationId = owners[3]!.organization.id;
    const setMinimum = async (minimumGroupSize: number) => {
      await getDb().update(organizations).set({ minimumGroupSize }).where(eq(organizations.id, organizationId));
      await refreshOrganizationBenchmarkEntries(organizationId);
    };
    // Its assessment had three respondents.
    await setMinimum(4);
    expect(await entriesOf(organizationId)).toEqual([]);
    expect((await loadBenchmark(owners[2]!, everyone)).benchmark).toMatchObject({
      suppressed: true,
      reason: "needs 5 independent organizations in this segment; 4 so far",
    });
    await setMinimum(3);
    expect(await entriesOf(organizationId)).toMatchObject([{ assessmentId: assessmentIds[3], overallIndex: 4 }]);
    expect((await loadBenchmark(owners[2]!, everyone)).benchmark).toMatchObject({ suppressed: false, n: 5 });
  });

  it("counts two organizations once from the moment they share an admin", async () => {
    await loadBenchmark(owners[2]!, everyone);
    // Owner 0 becomes an admin of organization 1: the two are run by the same person.
    await addMember(owners[1]!.organization, owners[0]!.user, "admin");
    expect((await loadBenchmark(owners[2]!, everyone)).benchmark).toMatchObject({
      suppressed: true,
      reason: "needs 5 independent organizations in this segment; 4 so far",
    });
    await getDb()
      .delete(memberships)
      .where(and(eq(memberships.organizationId, owners[1]!.organization.id), eq(memberships.userId, owners[0]!.user.id)));
    expect((await loadBenchmark(owners[2]!, everyone)).benchmark).toMatchObject({ suppressed: false, n: 5 });
  });
});
