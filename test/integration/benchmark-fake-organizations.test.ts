// The attack that was seen: one account creates organizations in a victim's segment, joins
// them to the platform pool, closes one assessment each with extreme answers and reads the
// victim's exact means off the segment's medians. And variations: 4 and 8 fake organizations,
// one or two controlling accounts, one or three respondents per fake, extreme and mixed
// answers. Whatever the attacker reads of a segment that holds the victim must be suppressed,
// or no victim mean may lie within 0.25 of any median or quartile it shows (ADR 0015).
import { beforeAll, describe, expect, it } from "vitest";
import { ANY } from "#app/domain/benchmarks.ts";
import type { Scorecard } from "#app/domain/scoring/index.ts";
import { loader as benchmarksApi } from "#app/routes/api.v1.benchmarks.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { loadBenchmark, setPlatformPoolOptIn } from "#app/services/benchmarks.server.ts";
import { requireRespondent, saveAnswers, submitAnswers } from "#app/services/respondents.server.ts";
import { getQuestionnaireVersion } from "#app/services/surveys.server.ts";
import { addMember, createOrganization, createUser, loadQuestionnaires, membershipOf, settle, sharedWorld, testContext } from "#test/factories.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;
type User = Awaited<ReturnType<typeof createUser>>;
/** The level respondent `r` gives every question of the dimension at position `d`. */
type Answering = (d: number, r: number) => number;

const query = { pool: "platform" as const, questionnaire: "kam-maturity", version: "1.0.0" };

/** Closes an assessment answered by `respondents` people, each as `answering` says. */
async function closeAnswered(owner: Membership, respondents: number, answering: Answering): Promise<Scorecard> {
  const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Assessment", targetProfile: null });
  const invited = await inviteRespondents(
    owner,
    assessment.id,
    Array.from({ length: respondents }, (_, r) => ({ name: `Respondent ${r + 1}`, email: null, function: "sales" as const })),
  );
  await openAssessment(owner, assessment.id);
  for (const [r, { token }] of invited.entries()) {
    const context = await requireRespondent(token);
    const dimensionOrder = context.version.dimensions.map((d) => d.id);
    await saveAnswers(
      context,
      context.version.questions.map((q, i) => ({ questionId: q.id, choice: "level" as const, level: answering(dimensionOrder.indexOf(q.dimension), r), comment: null, sequence: i + 1 })),
    );
    await submitAnswers(await requireRespondent(token));
  }
  return closeAssessment(owner, assessment.id);
}

/** A new organization of the user, in the factories' segment (Manufacturing, 250–999, Europe), joined to the platform pool. */
async function organizationOf(user: User) {
  const membership = await membershipOf(user, await createOrganization(user));
  await setPlatformPoolOptIn(membership, true);
  return membership;
}

// The victim: four respondents; respondent r gives dimension d the level 1 + ((2d + r) mod 5),
// so the dimensions' means cycle through 2.5, 3.25, 2.75, 3.5, 3.0 (e.g. d = 0: 1 2 3 4 → 2.5;
// d = 1: 3 4 5 1 → 3.25).
const VICTIM_MEANS = [2.5, 3.25, 2.75, 3.5, 3.0, 2.5, 3.25, 2.75, 3.5, 3.0, 2.5];
type Victim = { membership: Membership; scorecard: Scorecard };

const allAt = (level: number): Answering => () => level;
/** Respondents disagree, and differently per dimension: 1 or 5 by the parity of d + r + k. */
const mixed = (k: number): Answering => (d, r) => ((d + r + k) % 2 === 0 ? 1 : 5);
const EXTREMES = [allAt(1), allAt(1), allAt(5), allAt(5)];

interface Fakes {
  owners: Membership[];
}

/** `count` fake organizations, spread over the accounts in turn, each answered as `answering(k)` says. */
async function fakes(accounts: User[], count: number, respondents: number, answering: (k: number) => Answering): Promise<Fakes> {
  const owners: Membership[] = [];
  for (let k = 0; k < count; k++) {
    const owner = await organizationOf(accounts[k % accounts.length]!);
    await closeAnswered(owner, respondents, answering(k));
    owners.push(owner);
  }
  return { owners };
}

async function inPool(groups: Fakes[], optIn: boolean) {
  for (const { owners } of groups) for (const owner of owners) await setPlatformPoolOptIn(owner, optIn);
}

/** The segments that hold the victim: each of its three fields fixed or "any". */
function victimSegments(victim: Victim) {
  const { industry, sizeBand, region } = victim.membership.organization;
  const segments = [];
  for (const i of [ANY, industry]) for (const s of [ANY, sizeBand]) for (const r of [ANY, region]) segments.push({ industry: i, sizeBand: s, region: r });
  return segments;
}

type Shown = { median: number; q1: number; q3: number };
/** What a benchmark shows, as the service returns it or as the API answers it. */
type Read = { suppressed: boolean; index?: Shown | null; dimensions?: (Shown & { dimensionId: string })[] };

/** Victim means within 0.25 of a median or quartile that the benchmark shows, as readable findings. */
function recoveredMeans(victim: Victim, benchmark: Read) {
  if (benchmark.suppressed || !benchmark.index || !benchmark.dimensions) return [];
  const victimScores = new Map(victim.scorecard.dimensions.map((d) => [d.dimensionId, d.mean!]));
  const found: string[] = [];
  const check = (name: string, own: number, shown: Shown) => {
    for (const key of ["median", "q1", "q3"] as const) if (Math.abs(shown[key] - own) <= 0.25) found.push(`${name} ${own} ≈ ${key} ${shown[key]}`);
  };
  check("index", victim.scorecard.overall.index!, benchmark.index);
  for (const d of benchmark.dimensions) check(d.dimensionId, victimScores.get(d.dimensionId)!, d);
  return found;
}

/** What the attacker reads, as the owner of one of its fakes, of every segment that holds the victim. */
async function attackerReads(victim: Victim, attacker: Membership) {
  const read = [];
  for (const filter of victimSegments(victim)) read.push((await loadBenchmark(attacker, { ...query, filter })).benchmark);
  return read;
}

function expectNothingRecovered(victim: Victim, read: Read[]) {
  expect(read.flatMap((benchmark, i) => recoveredMeans(victim, benchmark).map((finding) => `segment ${i}: ${finding}`))).toEqual([]);
}

/** The victim, the attackers' accounts and their groups of fakes, all out of the pool until a test lets them in. */
const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const dimensionOrder = (await getQuestionnaireVersion("kam-maturity", "1.0.0"))!.version.dimensions.map((d) => d.id);
  const cso = await createUser({ email: "cso@victim-industries.de" });
  const membership = await organizationOf(cso);
  const victim: Victim = { membership, scorecard: await closeAnswered(membership, 4, (d, r) => 1 + ((2 * d + r) % 5)) };

  const mallory = await createUser({ email: "mallory@gmail.com" });
  const mallet = await createUser({ email: "mallet@outlook.com" });
  // Two accounts on one company domain, which is one organization's.
  const trudy = await createUser({ email: "trudy@mallory-labs.io" });
  const trent = await createUser({ email: "trent@mallory-labs.io" });
  const oneRespondent = await fakes([mallory], 4, 1, (k) => EXTREMES[k]!);
  const extremes = await fakes([mallory], 4, 3, (k) => EXTREMES[k]!);
  const mixedAnswers = await fakes([mallory], 4, 3, mixed);
  const secondAccount = await fakes([mallet], 4, 3, (k) => EXTREMES[3 - k]!);
  const sharedDomain = await fakes([trudy, trent], 4, 3, (k) => (k % 2 === 0 ? mixed(k) : allAt(5)));
  await inPool([oneRespondent, extremes, mixedAnswers, secondAccount, sharedDomain], false);
  return { dimensionOrder, victim, mallory, mallet, oneRespondent, extremes, mixedAnswers, secondAccount, sharedDomain };
});
beforeAll(world.build);

type World = Awaited<ReturnType<typeof world>>;

describe("fake organizations in a victim's segment", () => {
  it("the victim's means are the distinctive ones worked out by hand", async () => {
    const { dimensionOrder, victim } = await world();
    expect(dimensionOrder.map((id) => victim.scorecard.dimensions.find((d) => d.dimensionId === id)!.mean)).toEqual(VICTIM_MEANS);
  });

  it("the reported attack: one account, four fakes, one respondent each answering all 1s or all 5s, read through the API", async () => {
    const { victim, oneRespondent } = await world();
    await inPool([oneRespondent], true);
    try {
      const { secret } = await createApiToken(oneRespondent.owners[0]!, { name: "BI", role: "viewer" });
      const { industry, sizeBand, region } = victim.membership.organization;
      const url = `http://localhost/api/v1/benchmarks?questionnaire=kam-maturity&version=1.0.0&${new URLSearchParams({ industry, sizeBand, region })}`;
      const { status, data } = await settle(benchmarksApi({ request: new Request(url, { headers: { Authorization: `Bearer ${secret}` } }), params: {}, context: testContext() }));
      expect(status).toBe(200);
      expectNothingRecovered(victim, [data]);
      expectNothingRecovered(victim, await attackerReads(victim, oneRespondent.owners[0]!));
      // A fake answered by one person leaves no entry: only the victim is in the segment.
      expect(data).toMatchObject({ suppressed: true, reason: "needs 5 independent organizations in this segment; 1 so far" });
    } finally {
      await inPool([oneRespondent], false);
    }
  });

  const cases: { name: string; groups: (w: World) => Fakes[]; counted: number }[] = [
    { name: "one account, four fakes with three respondents each, all 1s or all 5s", groups: (w) => [w.extremes], counted: 2 },
    { name: "one account, eight fakes with three respondents each, extreme and mixed answers", groups: (w) => [w.extremes, w.mixedAnswers], counted: 2 },
    { name: "two accounts on public mail, eight fakes, all 1s or all 5s", groups: (w) => [w.extremes, w.secondAccount], counted: 3 },
    { name: "two accounts on one company domain, four fakes, mixed and all 5s", groups: (w) => [w.sharedDomain], counted: 2 },
    { name: "three accounts, twelve fakes: two on public mail, one pair sharing a domain", groups: (w) => [w.mixedAnswers, w.secondAccount, w.sharedDomain], counted: 4 },
  ];
  for (const { name, groups: groupsOf, counted } of cases) {
    it(name, async () => {
      const w = await world();
      const groups = () => groupsOf(w);
      await inPool(groups(), true);
      try {
        const read = await attackerReads(w.victim, groups()[0]!.owners[0]!);
        expectNothingRecovered(w.victim, read);
        // Each account (or pair on one domain) counts once, the victim once.
        for (const benchmark of read) expect(benchmark).toMatchObject({ suppressed: true, reason: `needs 5 independent organizations in this segment; ${counted} so far` });
      } finally {
        await inPool(groups(), false);
      }
    });
  }

  it("one account adding a second as admin of its fakes gains nothing", async () => {
    const { victim, mallory, mallet, secondAccount } = await world();
    // Made here, answered as the shared extremes: mallet joining them leaves the shared groups as they are.
    const extremes = await fakes([mallory], 4, 3, (k) => EXTREMES[k]!);
    // mallet becomes an admin of mallory's four fakes: its own four now join mallory's.
    for (const owner of extremes.owners) await addMember(owner.organization, mallet, "admin");
    await inPool([extremes, secondAccount], true);
    try {
      const read = await attackerReads(victim, secondAccount.owners[0]!);
      expectNothingRecovered(victim, read);
      for (const benchmark of read) expect(benchmark).toMatchObject({ suppressed: true, reason: "needs 5 independent organizations in this segment; 2 so far" });
    } finally {
      await inPool([extremes, secondAccount], false);
    }
  });
});
