import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { organizations } from "#db/schema/index.ts";
import { eq } from "drizzle-orm";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { loader as benchmarksApi } from "#app/routes/api.v1.benchmarks.ts";
import { loader as reportLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.report[.pdf].ts";
import { loader as resultsLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.results.tsx";
import { createApiToken } from "#app/services/api.server.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { loadBenchmark, setPlatformPoolOptIn } from "#app/services/benchmarks.server.ts";
import { createClient } from "#app/services/engagements.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { getQuestionnaireVersion } from "#app/services/surveys.server.ts";
import { addMember, createOwner, createUser, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;

/** Three respondents answer every question at `level`: every dimension's mean and the index are `level`. */
async function closedAt(membership: Membership, level: number) {
  const version = (await getQuestionnaireVersion("kam-maturity", "1.0.0"))!.version;
  const assessment = await createAssessment(membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: `Level ${level}`, targetProfile: null });
  const respondents = await inviteRespondents(
    membership,
    assessment.id,
    ["Ann", "Ben", "Cleo"].map((name) => ({ name, email: null, function: "sales" as const })),
  );
  await openAssessment(membership, assessment.id);
  const saves: AnswerSave[] = version.questions.map((q, i) => ({ questionId: q.id, choice: "level", level, comment: null, sequence: i + 1 }));
  for (const { token } of respondents) await saveAnswers(await requireRespondent(token), saves);
  await closeAssessment(membership, assessment.id);
  return assessment.id;
}

const PROFILE = { industry: "Manufacturing", sizeBand: "250–999", region: "Europe" } as const;

/** A consultancy with five clients at levels 1 to 5; none opted in to the platform pool. */
async function clientPool() {
  const consultant = await createUser();
  const consultancy = (await insertOrganization(getDb(), { name: "Pool Advisors", slug: `pool-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, ...PROFILE, kind: "consultancy" }))!;
  await addMember(consultancy, consultant, "owner");
  const clients: { id: string; slug: string; assessmentId: string }[] = [];
  for (const level of [1, 2, 3, 4, 5]) {
    const { client } = await createClient(await membershipOf(consultant, consultancy), { name: `Client ${level}`, ...PROFILE });
    clients.push({ id: client.id, slug: client.slug, assessmentId: await closedAt(await membershipOf(consultant, client), level) });
  }
  return { consultant, consultancy, clients };
}

const markAsSampleData = (client: { id: string }) => getDb().update(organizations).set({ sampleData: true }).where(eq(organizations.id, client.id));

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const pool = await clientPool();
  // An organization outside the consultancy at level 1 must not count.
  const { membership: outsider } = await createOwner();
  await closedAt(outsider, 1);
  return { ...pool, outsider };
});
beforeAll(world.build);

describe("the consultancy's client pool", () => {
  it("gives the statistics of its clients only, with the viewed client ranked among the others", async () => {
    const { consultant, clients } = await world();
    // Values 1, 2, 3, 4, 5: median 3; quartiles by linear interpolation at (5 − 1) × 0.25 = 1
    // and × 0.75 = 3, so q1 = 2 and q3 = 4. The client at 4 has 3 of the 4 others below it: 75.
    const viewer = await membershipOf(consultant, clients[3]!);
    const { pool, benchmark } = await loadBenchmark(viewer, { pool: "consultancy", questionnaire: "kam-maturity", version: "1.0.0", filter: {} });
    expect(pool).toBe("consultancy");
    if (benchmark.suppressed) throw new Error(benchmark.reason);
    expect(benchmark.n).toBe(5);
    expect(benchmark.index).toMatchObject({ median: 3, q1: 2, q3: 4, percentileRank: 75 });
    for (const d of benchmark.dimensions) expect(d).toMatchObject({ median: 3, q1: 2, q3: 4, percentileRank: 75 });
  });

  it("shows on the results page for a consultant who asks for it, and never for the client's own people", async () => {
    const { consultant, clients } = await world();
    const client = clients[3]!;
    const url = `/orgs/${client.slug}/assessments/${client.assessmentId}/results?pool=consultancy`;
    const asConsultant = await settle(resultsLoader({ request: makeRequest(url, { cookie: await sessionCookie(consultant) }), params: { slug: client.slug, assessmentId: client.assessmentId }, context: testContext() }));
    expect(asConsultant.data.pools).toEqual(["platform", "consultancy"]);
    expect(asConsultant.data.benchmark).toMatchObject({ pool: "consultancy", suppressed: null });
    expect(asConsultant.data.benchmark.index.median).toBe(3);
    const insider = await createUser();
    await addMember(client, insider, "viewer");
    const asInsider = await settle(resultsLoader({ request: makeRequest(url, { cookie: await sessionCookie(insider) }), params: { slug: client.slug, assessmentId: client.assessmentId }, context: testContext() }));
    expect(asInsider.data.pools).toEqual(["platform"]);
    expect(asInsider.data.benchmark.pool).toBe("platform");
  });

  it("puts the consultancy pool into the PDF without pushing the profile table onto another page", async () => {
    await world();
    // A pool of its own: a client marked as sample data leaves the shared pool.
    const { consultant, clients } = await clientPool();
    const client = clients[3]!;
    // As sample data, the longest labels: "pool of your consultancy's clients (sample data)".
    await markAsSampleData(client);
    const url = `/orgs/${client.slug}/assessments/${client.assessmentId}/report.pdf?pool=consultancy`;
    const result = await reportLoader({ request: makeRequest(url, { cookie: await sessionCookie(consultant) }), params: { slug: client.slug, assessmentId: client.assessmentId }, context: testContext() });
    const bytes = Buffer.from(await result.arrayBuffer());
    // Title, summary, profile, perception, 11 dimensions, methods: no roadmap here.
    expect(bytes.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(4 + 11 + 1);
  });

  it("answers a consultancy token's API request without a rank, and refuses a company's token with 403", async () => {
    const { consultant, consultancy, outsider } = await world();
    const get = (token: string) =>
      settle(benchmarksApi({ request: new Request("http://localhost/api/v1/benchmarks?questionnaire=kam-maturity&version=1.0.0&pool=consultancy", { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: testContext() }));
    const own = await get((await createApiToken(await membershipOf(consultant, consultancy), { name: "BI", role: "viewer" })).secret);
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ pool: "consultancy", suppressed: false, n: 5 });
    expect(own.data.index).toMatchObject({ median: 3, percentileRank: null });
    const foreign = await get((await createApiToken(outsider, { name: "BI", role: "viewer" })).secret);
    expect(foreign.status).toBe(403);
    expect(foreign.data.error.code).toBe("forbidden");
  });

  it("counts every client on its own, even when one consultant owns them all; the platform pool counts them once", async () => {
    await world();
    const { consultant, consultancy, clients } = await clientPool();
    await markAsSampleData(clients[3]!);
    for (const client of clients) {
      await addMember(client, consultant, "owner");
      await setPlatformPoolOptIn(await membershipOf(consultant, client), true);
    }
    const own = await membershipOf(consultant, consultancy);
    const consultancyPool = await loadBenchmark(own, { pool: "consultancy", questionnaire: "kam-maturity", version: "1.0.0", filter: {} });
    // Still the five clients at 1–5: median 3.
    expect(consultancyPool.benchmark).toMatchObject({ suppressed: false, n: 5, index: { median: 3 } });
    // In the platform pool the four real clients (the fourth is sample data now) are one contributor.
    const platformPool = await loadBenchmark(own, { pool: "platform", questionnaire: "kam-maturity", version: "1.0.0", filter: {} });
    expect(platformPool.benchmark).toMatchObject({ suppressed: true, reason: "needs 5 independent organizations in this segment; 1 so far" });
  });
});
