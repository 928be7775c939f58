import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { assessmentResults, assessments, benchmarkEntries, memberships, organizations, users } from "#db/schema/index.ts";
import { loader as orgsLoader } from "#app/routes/orgs._index.tsx";
import { loadBenchmark } from "#app/services/benchmarks.server.ts";
import { seedSampleBenchmarkPool } from "#app/services/demo-data.server.ts";
import { prepareDatabase } from "#app/services/startup.server.ts";
import { makeRequest, membershipOf, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";

const query = { pool: "platform" as const, questionnaire: "kam-maturity", version: "1.0.0" };

/** The database as start-up leaves it: the demo organization and the sample pool. */
const world = sharedWorld(async () => {
  await prepareDatabase();
  const demoUser = (await getDb().select().from(users).where(eq(users.email, "demo@example.com")))[0]!;
  const [organization] = await getDb().select().from(organizations).where(eq(organizations.slug, "demo"));
  return { demoUser, demo: await membershipOf(demoUser, organization!) };
});

beforeAll(world.build);

describe("the demo's sample benchmark pool", () => {
  it("has 40 member-less sample organizations over several segments, each with one closed, scored assessment", async () => {
    const samples = (await getDb().select().from(organizations)).filter((o) => o.slug.startsWith("sample-"));
    expect(samples).toHaveLength(40);
    expect(samples.every((o) => o.name.endsWith("(sample data)") && o.sampleData && o.benchmarkOptIn)).toBe(true);
    expect(new Set(samples.map((o) => o.industry)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(samples.map((o) => o.sizeBand)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(samples.map((o) => o.region)).size).toBeGreaterThanOrEqual(4);
    const ids = new Set(samples.map((o) => o.id));
    expect((await getDb().select().from(memberships)).filter((m) => ids.has(m.organizationId))).toEqual([]);

    const closed = (await getDb().select().from(assessments).innerJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))).filter((r) =>
      ids.has(r.assessments.organizationId),
    );
    expect(closed).toHaveLength(40);
    expect(closed.every((r) => r.assessments.status === "closed" && r.assessments.closedAt !== null)).toBe(true);
    const entries = (await getDb().select().from(benchmarkEntries)).filter((e) => ids.has(e.organizationId));
    expect(entries).toHaveLength(40);
    const indexes = entries.map((e) => e.overallIndex!);
    // Plausible and varied: spread over the scale, not one value repeated.
    expect(Math.min(...indexes)).toBeLessThan(2.5);
    expect(Math.max(...indexes)).toBeGreaterThan(3.5);
    expect(new Set(indexes).size).toBeGreaterThan(20);
  });

  it("gives the demo organization a benchmark for all organizations and for its industry, labelled sample data", async () => {
    const { demo } = await world();
    const any = await loadBenchmark(demo, { ...query, filter: {} });
    expect(any).toMatchObject({ pool: "platform", poolLabel: "platform pool of sample data", sampleData: true, benchmark: { suppressed: false, n: 41 } });
    const industry = await loadBenchmark(demo, { ...query, filter: { industry: "Manufacturing" } });
    expect(industry.benchmark.suppressed).toBe(false);
    const tiny = await loadBenchmark(demo, { ...query, filter: { industry: "Other", sizeBand: "1–49", region: "Global" } });
    // Counted straight from the organizations: the pool's sample organizations in that segment.
    const inTiny = (await getDb().select().from(organizations)).filter(
      (o) => o.sampleData && o.benchmarkOptIn && o.industry === "Other" && o.sizeBand === "1–49" && o.region === "Global",
    ).length;
    expect(inTiny).toBeLessThan(5);
    expect(tiny.benchmark).toMatchObject({ suppressed: true, reason: `needs 5 independent organizations in this segment; ${inTiny} so far` });
  });

  it("keeps the sample organizations out of every user's organization list", async () => {
    const { demoUser } = await world();
    const { data } = await settle(orgsLoader({ request: makeRequest("/orgs", { cookie: await sessionCookie(demoUser) }), params: {}, context: testContext() }));
    expect(JSON.stringify(data)).not.toContain("sample-");
  });

  it("adds nothing when run again", async () => {
    await seedSampleBenchmarkPool(getDb());
    expect((await getDb().select().from(organizations)).filter((o) => o.slug.startsWith("sample-"))).toHaveLength(40);
  });
});
