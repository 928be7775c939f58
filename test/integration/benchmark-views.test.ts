import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { organizations } from "#db/schema/index.ts";
import { loader as benchmarksLoader } from "#app/routes/api.v1.benchmarks.ts";
import { loader as resultsLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.results.tsx";
import { loader as reportLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.report[.pdf].ts";
import { action as settingsAction, loader as settingsLoader } from "#app/routes/orgs.$slug.settings.tsx";
import { createApiToken } from "#app/services/api.server.ts";
import { createAssessment } from "#app/services/assessments.server.ts";
import { setPlatformPoolOptIn } from "#app/services/benchmarks.server.ts";
import { updateOrganizationSettings } from "#app/services/organizations.server.ts";
import {
  addMember,
  closedAssessmentWith,
  createOrganization,
  createUser,
  levelsByDimension,
  loadQuestionnaires,
  makeRequest,
  membershipOf,
  openAssessmentWith,
  sessionCookie,
  settle,
  sharedWorld,
  testContext,
} from "#test/factories.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;

// Six organizations, three respondents each (the least that counts), all answering alike.
// Every question is answered at level `a`, except
// the selection questions at level `s`; so each dimension's mean is `a` (selection: `s`) and
// the index is the weighted mean (10.6·a + 1.2·s) / 11.8 (selection weighs 1.2 of 11.8),
// rounded to one decimal:
//   O1 a1 s1 → 1.0   O2 a2 s4 → 26/11.8 = 2.2   O3 a3 s3 → 3.0
//   O4 a4 s2 → 44.8/11.8 = 3.8   O5 a5 s5 → 5.0   O6 a3 s4 → 36.6/11.8 = 3.1
// O1–O5 are in Manufacturing, O6 (the viewer) in Chemicals and materials.
const PROFILES = [
  { a: 1, s: 1 },
  { a: 2, s: 4 },
  { a: 3, s: 3 },
  { a: 4, s: 2 },
  { a: 5, s: 5 },
  { a: 3, s: 4 },
];

/** Three KAM people answer every question, selection at `s` and the rest at `a`, and submit. */
async function answered(owner: Membership, profile: { a: number; s: number }, close: boolean) {
  const levels = await levelsByDimension((dimension) => (dimension === "selection" ? profile.s : profile.a));
  const plan = { title: "Baseline", submit: true, respondents: [1, 2, 3].map((r) => ({ name: `Respondent ${r}`, function: "kam" as const, levels })) };
  return (await (close ? closedAssessmentWith : openAssessmentWith)(owner, plan)).assessment.id;
}

/** Six organizations in the platform pool, one closed assessment each; the sixth is the viewer's. */
const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const members: Membership[] = [];
  let closedId = "";
  let viewerCookie = "";
  for (const [i, profile] of PROFILES.entries()) {
    const user = await createUser();
    const organization = await createOrganization(user);
    let owner = await membershipOf(user, organization);
    if (i === 5) {
      const { name, slug, sizeBand, region } = owner.organization;
      await updateOrganizationSettings(owner, { name, slug, sizeBand, region, industry: "Chemicals and materials" });
      owner = await membershipOf(user, organization);
      viewerCookie = await sessionCookie(user);
    }
    await setPlatformPoolOptIn(owner, true);
    const id = await answered(owner, profile, true);
    if (i === 5) closedId = id;
    members.push(owner);
  }
  return { members, viewer: members[5]!, viewerCookie, closedId };
});

beforeAll(world.build);

const results = async (assessmentId: string, search = "") => {
  const { viewer, viewerCookie } = await world();
  return settle(
    resultsLoader({
      request: makeRequest(`/orgs/${viewer.organization.slug}/assessments/${assessmentId}/results${search}`, { cookie: viewerCookie }),
      params: { slug: viewer.organization.slug, assessmentId },
      context: testContext(),
    }),
  );
};

const find = (dimensions: { median: number }[], i: number) => dimensions[i]!;

describe("benchmark on the results page", () => {
  it("shows the whole pool's statistics worked out by hand, with this assessment's percentile ranks", async () => {
    const { closedId } = await world();
    const { status, data } = await results(closedId);
    expect(status).toBe(200);
    const benchmark = data.benchmark;
    expect(benchmark).toMatchObject({
      pool: "platform",
      poolLabel: "platform pool",
      sampleData: false,
      segment: "all organizations",
      seriesLabel: "Benchmark median (platform pool, all organizations)",
      suppressed: null,
      n: 6,
    });
    // Indexes sorted: 1.0 2.2 3.0 3.1 3.8 5.0. Median h = 2.5 → 3.0 + 0.5·0.1 = 3.05;
    // q1 h = 1.25 → 2.2 + 0.25·0.8 = 2.4; q3 h = 3.75 → 3.1 + 0.75·0.7 = 3.625.
    // 3.1 among the others 1.0 2.2 3.0 3.8 5.0: 3 below → 60.
    expect(benchmark.index.median).toBeCloseTo(3.05, 10);
    expect(benchmark.index.q1).toBeCloseTo(2.4, 10);
    expect(benchmark.index.q3).toBeCloseTo(3.625, 10);
    expect(benchmark.index.percentileRank).toBe(60);
    const order: string[] = data.dimensions.map((d: { id: string }) => d.id);
    // Selection 1 4 3 2 5 4 sorted 1 2 3 4 4 5: median h = 2.5 → 3.5, q1 h = 1.25 → 2.25,
    // q3 h = 3.75 → 4 + 0.75·(4 − 4) = 4;
    // 4 among 1 4 3 2 5: 3 below, 1 tied → (3 + 0.5) / 5 = 70.
    expect(find(benchmark.dimensions, order.indexOf("selection"))).toEqual({ median: 3.5, q1: 2.25, q3: 4, percentileRank: 70 });
    // Every other dimension 1 2 3 4 5 3 sorted 1 2 3 3 4 5: median 3, q1 2.25, q3 3.75;
    // 3 among 1 2 3 4 5: 2 below, 1 tied → 50.
    expect(find(benchmark.dimensions, order.indexOf("strategy"))).toEqual({ median: 3, q1: 2.25, q3: 3.75, percentileRank: 50 });
    expect(benchmark.dimensions).toHaveLength(11);
    expect(data.filter).toEqual({ industry: "any", sizeBand: "any", region: "any" });
  });

  it("names the segment and says why it is withheld: complementary, too few, not requestable", async () => {
    const { closedId } = await world();
    // Manufacturing holds 5 of the 6: shown beside "all organizations" it would reveal the sixth.
    const manufacturing = (await results(closedId, "?industry=Manufacturing&sizeBand=&region=")).data.benchmark;
    expect(manufacturing).toMatchObject({ segment: "Manufacturing", n: null, index: null, suppressed: expect.stringMatching(/^hidden so that a smaller group/) });
    expect(manufacturing.dimensions.every((c: unknown) => c === null)).toBe(true);
    const chemicals = (await results(closedId, "?industry=Chemicals+and+materials&region=Europe")).data.benchmark;
    expect(chemicals).toMatchObject({ segment: "Chemicals and materials · Europe", suppressed: "needs 5 independent organizations in this segment; 1 so far" });
    expect((await results(closedId, "?industry=Mining")).data.benchmark.suppressed).toBe("this segment cannot be requested");
    const sized = (await results(closedId, "?sizeBand=250%E2%80%93999")).data.benchmark;
    expect(sized.seriesLabel).toBe("Benchmark median (platform pool, 250–999 employees)");
  });

  it("ranks an open assessment's provisional scores and leaves a draft out", async () => {
    const { viewer } = await world();
    const open = await answered(viewer, { a: 1, s: 1 }, false);
    const provisional = await results(open);
    expect(provisional.data.provisional).toBe(true);
    const benchmark = provisional.data.benchmark;
    // The statistics stay the pool's; 1 among the others (1 2 3 4 5, and 1.0 2.2 3.0 3.8 5.0):
    // none below, one tied → 0.5 / 5 = 10.
    expect(benchmark.n).toBe(6);
    expect(benchmark.index.percentileRank).toBe(10);
    expect(benchmark.dimensions.every((c: { percentileRank: number }) => c.percentileRank === 10)).toBe(true);
    const draft = await createAssessment(viewer, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Draft", targetProfile: null });
    expect((await results(draft.id)).data.benchmark).toBeNull();
  });

  it("keeps sample organizations out of a real organization's pool", async () => {
    const { members, closedId } = await world();
    await getDb().update(organizations).set({ sampleData: true }).where(eq(organizations.id, members[0]!.organization.id));
    try {
      // Without O1's 1.0: 2.2 3.0 3.1 3.8 5.0 → median 3.1.
      expect((await results(closedId)).data.benchmark).toMatchObject({ n: 5, index: { median: 3.1 } });
    } finally {
      await getDb().update(organizations).set({ sampleData: false }).where(eq(organizations.id, members[0]!.organization.id));
    }
  });
});

describe("benchmark in the board report", () => {
  const report = async (search: string) => {
    const { viewer, viewerCookie, closedId } = await world();
    const response = (await reportLoader({
      request: makeRequest(`/orgs/${viewer.organization.slug}/assessments/${closedId}/report.pdf${search}`, { cookie: viewerCookie }),
      params: { slug: viewer.organization.slug, assessmentId: closedId },
      context: testContext(),
    })) as Response;
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer()).toString("latin1");
  };

  it("keeps the page count with the benchmark shown and with it withheld", async () => {
    // Title, summary, profile, perception, 11 dimensions, methods; no roadmap.
    for (const search of ["", "?industry=Manufacturing", "?industry=Chemicals+and+materials"]) {
      expect([search, (await report(search)).match(/\/Type \/Page\b/g)?.length]).toEqual([search, 5 + 11]);
    }
  });
});

describe("benchmark API with hand-worked statistics", () => {
  it("ranks the token's organization by its latest closed assessment", async () => {
    const { viewer } = await world();
    const { secret } = await createApiToken(viewer, { name: "BI", role: "viewer" });
    const request = new Request("http://localhost/api/v1/benchmarks?questionnaire=kam-maturity&version=1.0.0&industry=any", {
      headers: { Authorization: `Bearer ${secret}` },
    });
    const response = await benchmarksLoader({ request, params: {}, context: testContext() });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ suppressed: false, reason: null, n: 6, segment: { industry: "any", sizeBand: "any", region: "any" } });
    expect(body.index).toMatchObject({ n: 6, subjectScore: 3.1, percentileRank: 60 });
    expect(body.dimensions.find((d: { dimensionId: string }) => d.dimensionId === "selection")).toEqual({
      dimensionId: "selection",
      n: 6,
      median: 3.5,
      q1: 2.25,
      q3: 4,
      subjectScore: 4,
      percentileRank: 70,
    });
  });
});

describe("platform pool opt-in on the settings page", () => {
  const post = async (cookie: string, platformPool: string) => {
    const { viewer } = await world();
    return settle(
      settingsAction({
        request: makeRequest(`/orgs/${viewer.organization.slug}/settings`, { cookie, form: { intent: "platform-pool", platformPool } }),
        params: { slug: viewer.organization.slug },
        context: testContext(),
      }),
    );
  };
  const page = async (cookie: string) => {
    const { viewer } = await world();
    return (await settle(settingsLoader({ request: makeRequest(`/orgs/${viewer.organization.slug}/settings`, { cookie }), params: { slug: viewer.organization.slug }, context: testContext() }))).data;
  };

  it("lets the owner leave and rejoin, taking the scores out of the pool at once", async () => {
    const { viewerCookie, closedId } = await world();
    expect((await page(viewerCookie)).platformPool).toEqual({ optedIn: true, canChange: true });
    const left = await post(viewerCookie, "leave");
    expect(left.status).toBe(200);
    expect(left.data.message).toBe("This organization's results were removed from the platform pool.");
    expect((await page(viewerCookie)).platformPool.optedIn).toBe(false);
    // Five left in the pool: 1.0 2.2 3.0 3.8 5.0 → median 3.0.
    expect((await results(closedId)).data.benchmark).toMatchObject({ n: 5, index: { median: 3 } });
    expect((await post(viewerCookie, "sideways")).status).toBe(400);
    expect((await post(viewerCookie, "join")).status).toBe(200);
    expect((await results(closedId)).data.benchmark.n).toBe(6);
  });

  it("shows an admin the state read-only and refuses the change with 403", async () => {
    const { viewer } = await world();
    const admin = await createUser();
    await addMember(viewer.organization, admin, "admin");
    const cookie = await sessionCookie(admin);
    expect((await page(cookie)).platformPool).toEqual({ optedIn: true, canChange: false });
    expect((await post(cookie, "leave")).status).toBe(403);
    const [row] = await getDb().select().from(organizations).where(eq(organizations.id, viewer.organization.id));
    expect(row!.benchmarkOptIn).toBe(true);
  });
});
