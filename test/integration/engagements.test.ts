import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import { auditLog } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { loader as portfolioLoader } from "#app/routes/orgs.$slug.clients._index.tsx";
import { loader as csvLoader } from "#app/routes/orgs.$slug.clients[.csv].ts";
import { action as newClientAction } from "#app/routes/orgs.$slug.clients.new.tsx";
import { action as consultanciesAction, loader as consultanciesLoader } from "#app/routes/orgs.$slug.consultancies.tsx";
import { loader as clientsLoader } from "#app/routes/api.v1.clients.ts";
import { action as engageAction, loader as engageLoader } from "#app/routes/engage.$token.tsx";
import { loader as membersLoader } from "#app/routes/orgs.$slug.members.tsx";
import { action as newAssessmentAction } from "#app/routes/orgs.$slug.assessments.new.tsx";
import { action as settingsAction, loader as settingsLoader } from "#app/routes/orgs.$slug.settings.tsx";
import { requireAuth } from "#app/lib/auth.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { acceptInvitation } from "#app/services/invitations.server.ts";
import {
  acceptEngagementOffer,
  createClient,
  endEngagement,
  listClientEngagements,
  loadPortfolio,
  offerEngagement,
} from "#app/services/engagements.server.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { loadReport } from "#app/services/report.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import { getQuestionnaireVersion } from "#app/services/surveys.server.ts";
import { addMember, createUser, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";
import { eq } from "drizzle-orm";

type Membership = Awaited<ReturnType<typeof membershipOf>>;
type User = Awaited<ReturnType<typeof createUser>>;

const PROFILE = { name: "Acme Industrial", industry: "Manufacturing", sizeBand: "250–999", region: "Europe" } as const;

async function consultancyOf(owner: User, name: string) {
  const organization = await insertOrganization(getDb(), {
    name,
    // Consultancies of one name may be made within a millisecond: the random part keeps their slugs apart.
    slug: `c-${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    industry: "Professional services",
    sizeBand: "50–249",
    region: "Europe",
    kind: "consultancy",
  });
  await addMember(organization!, owner, "owner");
  return organization!;
}

/**
 * Three respondents (the fewest whose figures may be shown) answer every question of
 * kam-maturity 1.0.0 at `level`, then the assessment closes: every mean is `level`.
 */
async function closedAt(membership: Membership, title: string, level: number) {
  const version = (await getQuestionnaireVersion("kam-maturity", "1.0.0"))!.version;
  const assessment = await createAssessment(membership, { questionnaireId: "kam-maturity", version: "1.0.0", title, targetProfile: null });
  const invited = await inviteRespondents(membership, assessment.id, ["Ann", "Ben", "Cy"].map((name) => ({ name, email: null, function: "sales" as const })));
  await openAssessment(membership, assessment.id);
  const saves: AnswerSave[] = version.questions.map((q, i) => ({ questionId: q.id, choice: "level", level, comment: null, sequence: i + 1 }));
  for (const respondent of invited) await saveAnswers(await requireRespondent(respondent.token), saves);
  await closeAssessment(membership, assessment.id);
  return assessment.id;
}

const authOf = async (user: User) => requireAuth(makeRequest("/", { cookie: await sessionCookie(user) }));
async function csvText(path: string, cookie: string) {
  const response = (await csvLoader({ request: makeRequest(path, { cookie }), params: { slug: path.split("/")[2]! }, context: testContext() })) as Response;
  return (await response.text()).trim().split(/\r?\n/).map((line) => line.split(","));
}
const asUser = async (user: User, slug: string) => settle(requireMembership(makeRequest("/", { cookie: await sessionCookie(user) }), { slug }));

/**
 * Alpha Advisors (Cora, its owner, and Carl, a viewer) and Beta Partners (Bea, its owner).
 * Alpha has created the client Acme Industrial; its owner-to-be, Olga, has not joined yet.
 */
async function consultancies() {
  const consultantA = await createUser({ name: "Cora Consultant" });
  const colleagueA = await createUser({ name: "Carl Colleague" });
  const consultantB = await createUser({ name: "Bea Rival" });
  const clientOwner = await createUser({ name: "Olga Owner" });
  const consultancyA = await consultancyOf(consultantA, "Alpha Advisors");
  const consultancyB = await consultancyOf(consultantB, "Beta Partners");
  await addMember(consultancyA, colleagueA, "viewer");
  const created = await createClient(await membershipOf(consultantA, consultancyA), PROFILE);
  return {
    consultantA,
    colleagueA,
    consultantB,
    clientOwner,
    consultancyA,
    consultancyB,
    client: created.client,
    engagementA: created.engagement.id,
    ownerInviteToken: created.ownerToken,
  };
}

type Consultancies = Awaited<ReturnType<typeof consultancies>>;

/** Alpha's second client. */
async function boltFor({ consultantA, consultancyA }: Consultancies) {
  return createClient(await membershipOf(consultantA, consultancyA), { name: "Bolt Logistics", industry: "Logistics and transport", sizeBand: "1,000–4,999", region: "North America" });
}

/** Olga takes ownership of Acme through the link Alpha was given for her. */
async function ownerJoins({ clientOwner, ownerInviteToken }: Consultancies) {
  await acceptInvitation(await authOf(clientOwner), ownerInviteToken);
}

/** Olga offers a viewer engagement and Beta takes it: Acme then works with both consultancies. */
async function betaEngaged(setting: Consultancies) {
  const { clientOwner, consultantB, consultancyB, client } = setting;
  const { token } = await offerEngagement(await membershipOf(clientOwner, client), "viewer");
  await acceptEngagementOffer(await authOf(consultantB), token, consultancyB.id);
  return { offerToken: token, engagementB: (await membershipOf(consultantB, client)).engagement!.id };
}

/**
 * Acme with a baseline at level 2 and a re-assessment at 3 with a roadmap from it and a draft
 * after it; Bolt with a baseline at 4. Olga has not joined and Beta is not engaged.
 */
async function portfolio() {
  const setting = await consultancies();
  const membership = await membershipOf(setting.consultantA, setting.client);
  await closedAt(membership, "Baseline 2025", 2);
  const latest = await closedAt(membership, "Re-assessment 2026", 3);
  const roadmap = await acceptRoadmap(membership, latest, { startDate: "2099-01-05", capacity: 2, title: "Plan" });
  const draft = await createAssessment(membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Pulse", targetProfile: null });
  const second = await boltFor(setting);
  await closedAt(await membershipOf(setting.consultantA, second.client), "Baseline", 4);
  return { ...setting, roadmap, draft, second };
}

/** Olga has joined Acme, which works with Alpha (admin) and Beta (viewer). */
async function bothEngaged() {
  const setting = await consultancies();
  await ownerJoins(setting);
  return { ...setting, ...(await betaEngaged(setting)) };
}

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  return { portfolio: await portfolio(), bothEngaged: await bothEngaged() };
});
beforeAll(world.build);

describe("a consultancy creates a client", () => {
  it("lets every consultancy member act in the client with the engagement's role, and nobody else", async () => {
    const { consultantA, colleagueA, consultantB, clientOwner, client } = (await world()).portfolio;
    const a = await asUser(consultantA, client.slug);
    expect(a.status).toBe(200);
    expect(a.data.role).toBe("admin");
    expect(a.data.engagement.consultancy.name).toBe("Alpha Advisors");
    // A viewer of the consultancy still acts with the engagement's role in the client.
    expect((await asUser(colleagueA, client.slug)).data.role).toBe("admin");
    expect((await asUser(consultantB, client.slug)).status).toBe(404);
    expect((await asUser(clientOwner, client.slug)).status).toBe(404);
  });

  it("lets the consultant run an assessment for the client", async () => {
    await world();
    const { consultantA, client } = await consultancies();
    const membership = await membershipOf(consultantA, client);
    const id = await closedAt(membership, "Baseline 2025", 2);
    expect(id).toMatch(/-/);
  });

  it("refuses a company, and a consultancy viewer, to create clients", async () => {
    const { colleagueA, consultancyA } = (await world()).portfolio;
    const companyOwner = await createUser();
    const company = await insertOrganization(getDb(), { ...PROFILE, slug: `co-${Date.now().toString(36)}` });
    await addMember(company!, companyOwner, "owner");
    const cookie = await sessionCookie(companyOwner);
    const asCompany = await settle(
      newClientAction({ request: makeRequest(`/orgs/${company!.slug}/clients/new`, { cookie, form: { ...PROFILE } }), params: { slug: company!.slug }, context: testContext() }),
    );
    expect(asCompany.status).toBe(404);
    const viewerCookie = await sessionCookie(colleagueA);
    const asViewer = await settle(
      newClientAction({ request: makeRequest(`/orgs/${consultancyA.slug}/clients/new`, { cookie: viewerCookie, form: { ...PROFILE } }), params: { slug: consultancyA.slug }, context: testContext() }),
    );
    expect(asViewer.status).toBe(403);
  });

  it("answers 400 with field messages for a client without a name or industry, and stores nothing", async () => {
    const { consultantA, consultancyA } = (await world()).portfolio;
    const cookie = await sessionCookie(consultantA);
    const before = (await loadPortfolio(await membershipOf(consultantA, consultancyA))).rows.length;
    const result = await settle(
      newClientAction({
        request: makeRequest(`/orgs/${consultancyA.slug}/clients/new`, { cookie, form: { name: " ", industry: "Mining", sizeBand: "50–249", region: "Europe" } }),
        params: { slug: consultancyA.slug },
        context: testContext(),
      }),
    );
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.fieldErrors).sort()).toEqual(["industry", "name"]);
    expect((await loadPortfolio(await membershipOf(consultantA, consultancyA))).rows.length).toBe(before);
  });
});

describe("the portfolio", () => {
  it("shows each client's latest index, stage, change, status, roadmap phase, progress and overdue count", async () => {
    // Every question of the re-assessment at level 3: each dimension's mean is 3, so the index
    // is 3 and the stage is level 3; the change from the level-2 baseline is +1.
    const { consultantA, consultancyA, client, roadmap, draft } = (await world()).portfolio;
    const items = (await listItems(getDb(), roadmap.id)).map((row) => row.item);
    const milestones = items.filter((i) => i.kind === "milestone" && !i.removedAt && !i.noLongerNeeded);
    const doneCount = milestones.filter((m) => m.status === "done").length;

    const { rows, dimensions } = await loadPortfolio(await membershipOf(consultantA, consultancyA));
    const row = rows.find((r) => r.slug === client.slug)!;
    expect(row.scored!.index).toBeCloseTo(3, 9);
    expect(row.scored!.stage!.level).toBe(3);
    expect(row.change).toBeCloseTo(1, 9);
    expect(row.latest).toEqual({ id: draft.id, title: "Pulse", status: "draft" });
    expect(dimensions.length).toBeGreaterThan(0);
    for (const d of dimensions) expect(row.scored!.dimensions[d.id]).toBeCloseTo(3, 9);
    // The generator marks the current-state analysis done; everything is due in 2099, so nothing is overdue.
    expect(doneCount).toBe(1);
    expect(row.roadmap).toMatchObject({ id: roadmap.id, phase: "knowledge", done: 1, total: milestones.length, overdue: 0 });
    expect(row.roadmap!.share).toBeCloseTo(1 / milestones.length, 9);
  });

  it("names the consultancy on the report it makes for the client, and nobody on the client's own", async () => {
    const { consultantA, consultancyA, client } = (await world()).portfolio;
    const assessmentId = (await loadPortfolio(await membershipOf(consultantA, consultancyA))).rows.find((r) => r.slug === client.slug)!.scored!.assessmentId;
    expect((await loadReport(await membershipOf(consultantA, client), assessmentId)).preparedBy).toBe("Alpha Advisors");
    const insider = await createUser();
    await addMember(client, insider, "viewer");
    expect((await loadReport(await membershipOf(insider, client), assessmentId)).preparedBy).toBeNull();
  });

  it("renders through the page with filters and compare, and answers 400 for an unknown filter or too many clients", async () => {
    const { consultantA, consultancyA, client, second } = (await world()).portfolio;
    const cookie = await sessionCookie(consultantA);
    const page = (query: string) =>
      settle(portfolioLoader({ request: makeRequest(`/orgs/${consultancyA.slug}/clients${query}`, { cookie }), params: { slug: consultancyA.slug }, context: testContext() }));

    const all = await page("");
    expect(all.status).toBe(200);
    expect(all.data.clients.map((c: { name: string }) => c.name)).toEqual(["Acme Industrial", "Bolt Logistics"]);
    const byIndex = await page("?sort=index&dir=desc");
    expect(byIndex.data.clients.map((c: { name: string }) => c.name)).toEqual(["Bolt Logistics", "Acme Industrial"]);
    const logistics = await page(`?industry=${encodeURIComponent("Logistics and transport")}`);
    expect(logistics.data.clients.map((c: { name: string }) => c.name)).toEqual(["Bolt Logistics"]);

    const compared = await page(`?compare=${client.slug}&compare=${second.client.slug}`);
    expect(compared.status).toBe(200);
    expect(compared.data.compared.map((c: { index: number }) => c.index)).toEqual([3, 4]);

    const lines = await csvText(`/orgs/${consultancyA.slug}/clients.csv`, cookie);
    expect(lines[0]!.slice(0, 10)).toEqual(["client", "industry", "size", "region", "latest assessment", "status", "closed on", "index", "stage", "change"]);
    const acmeRow = lines.find((l) => l[0] === "Acme Industrial")!;
    // Index 3 at stage 3, +1 since the level-2 baseline, and 3 on every dimension column.
    expect(acmeRow.slice(7, 10)).toEqual(["3", "3", "1"]);
    expect(acmeRow.slice(14)).toEqual(Array(acmeRow.length - 14).fill("3"));

    expect((await page("?industry=Mining")).status).toBe(400);
    expect((await page(`?compare=${client.slug}`)).status).toBe(400);
    expect((await page("?" + Array.from({ length: 7 }, (_, i) => `compare=x${i}`).join("&"))).status).toBe(400);
  });

  it("is the consultancy's own: another consultancy's member, and a client's consultant, get 404", async () => {
    const { consultantA, consultantB, consultancyA, client } = (await world()).portfolio;
    const cookieB = await sessionCookie(consultantB);
    const asB = await settle(portfolioLoader({ request: makeRequest(`/orgs/${consultancyA.slug}/clients`, { cookie: cookieB }), params: { slug: consultancyA.slug }, context: testContext() }));
    expect(asB.status).toBe(404);
    const cookieA = await sessionCookie(consultantA);
    const onClient = await settle(portfolioLoader({ request: makeRequest(`/orgs/${client.slug}/clients`, { cookie: cookieA }), params: { slug: client.slug }, context: testContext() }));
    expect(onClient.status).toBe(404);
  });
});

describe("the clients API", () => {
  const get = (path: string, token: string) =>
    settle(clientsLoader({ request: new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: testContext() }));

  it("lists a consultancy token's clients with their latest scores, a page at a time", async () => {
    const { consultantA, consultancyA } = (await world()).portfolio;
    const { secret } = await createApiToken(await membershipOf(consultantA, consultancyA), { name: "BI", role: "viewer" });
    const first = await get("/api/v1/clients?limit=1", secret);
    expect(first.status).toBe(200);
    expect(first.data.data.map((c: { name: string }) => c.name)).toEqual(["Acme Industrial"]);
    const acme = first.data.data[0];
    expect(acme.latestScores.index).toBeCloseTo(3, 9);
    expect(acme.changeSincePrevious).toBeCloseTo(1, 9);
    expect(acme.engagementRole).toBe("admin");
    const second = await get(`/api/v1/clients?limit=1&cursor=${first.data.nextCursor}`, secret);
    expect(second.data.data.map((c: { name: string }) => c.name)).toEqual(["Bolt Logistics"]);
    expect(second.data.nextCursor).toBeNull();
    expect((await get("/api/v1/clients?cursor=nonsense", secret)).status).toBe(400);
  });

  it("refuses a company's token with 403 and no data", async () => {
    const owner = await createUser();
    const company = await insertOrganization(getDb(), { ...PROFILE, slug: `api-co-${Date.now().toString(36)}` });
    await addMember(company!, owner, "owner");
    const { secret } = await createApiToken(await membershipOf(owner, company!), { name: "BI", role: "admin" });
    const result = await get("/api/v1/clients", secret);
    expect(result.status).toBe(403);
    expect(result.data).toEqual({ error: { code: "forbidden", message: "Only a consultancy's token lists clients." } });
  });
});

describe("the client's owner and a second consultancy", () => {
  it("the owner joins through the invitation link and sees the engagement", async () => {
    await world();
    const { clientOwner, ownerInviteToken, client } = await consultancies();
    await acceptInvitation(await authOf(clientOwner), ownerInviteToken);
    const owner = await membershipOf(clientOwner, client);
    expect(owner.role).toBe("owner");
    expect(owner.engagement).toBeUndefined();
    const list = await listClientEngagements(owner);
    expect(list.map((e) => [e.consultancyName, e.status, e.role])).toEqual([["Alpha Advisors", "active", "admin"]]);
  });

  it("offers a viewer engagement that a second consultancy accepts", async () => {
    await world();
    const setting = await consultancies();
    await ownerJoins(setting);
    const { clientOwner, consultantB, consultancyB, client } = setting;
    const cookie = await sessionCookie(clientOwner);
    const offered = await settle(
      consultanciesAction({ request: makeRequest(`/orgs/${client.slug}/consultancies`, { cookie, form: { intent: "offer", role: "viewer" } }), params: { slug: client.slug }, context: testContext() }),
    );
    expect(offered.status).toBe(200);
    const offerToken: string = offered.data.link.split("/engage/")[1];

    const cookieB = await sessionCookie(consultantB);
    const shown = await settle(engageLoader({ request: makeRequest(`/engage/${offerToken}`, { cookie: cookieB }), params: { token: offerToken }, context: testContext() }));
    expect(shown.data.client.name).toBe("Acme Industrial");
    expect(shown.data.consultancies.map((c: { name: string }) => c.name)).toEqual(["Beta Partners"]);
    const accepted = await settle(
      engageAction({ request: makeRequest(`/engage/${offerToken}`, { cookie: cookieB, form: { consultancyId: consultancyB.id } }), params: { token: offerToken }, context: testContext() }),
    );
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe(`/orgs/${consultancyB.slug}/clients`);
    const b = await membershipOf(consultantB, client);
    expect(b.role).toBe("viewer");
  });

  it("refuses a used offer (410), an unknown one (404) and a consultancy already engaged (409)", async () => {
    const { consultantA, consultantB, clientOwner, consultancyA, consultancyB, client, offerToken } = (await world()).bothEngaged;
    await expect(acceptEngagementOffer(await authOf(consultantB), offerToken, consultancyB.id)).rejects.toMatchObject({ status: 410 });
    await expect(acceptEngagementOffer(await authOf(consultantB), "no-such-token", consultancyB.id)).rejects.toMatchObject({ status: 404 });
    const { token } = await offerEngagement(await membershipOf(clientOwner, client), "admin");
    await expect(acceptEngagementOffer(await authOf(consultantA), token, consultancyA.id)).rejects.toMatchObject({ status: 409 });
    await expect(acceptEngagementOffer(await authOf(clientOwner), token, client.id)).rejects.toMatchObject({ status: 403 });
  });

  it("refuses an expired offer with 410", async () => {
    const { consultantB, clientOwner, consultancyB, client } = (await world()).bothEngaged;
    const { token } = await offerEngagement(await membershipOf(clientOwner, client), "viewer", new Date("2020-01-01T00:00:00Z"));
    await expect(acceptEngagementOffer(await authOf(consultantB), token, consultancyB.id)).rejects.toMatchObject({ status: 410 });
  });

  it("keeps the two consultancies apart", async () => {
    const { consultantA, consultantB, consultancyA, consultancyB, client, engagementB } = (await world()).bothEngaged;
    const a = await membershipOf(consultantA, client);
    const b = await membershipOf(consultantB, client);
    expect(await listClientEngagements(a)).toEqual([]);
    expect(await listClientEngagements(b)).toEqual([]);
    for (const user of [consultantA, consultantB]) {
      const cookie = await sessionCookie(user);
      const page = await settle(consultanciesLoader({ request: makeRequest(`/orgs/${client.slug}/consultancies`, { cookie }), params: { slug: client.slug }, context: testContext() }));
      expect(page.status).toBe(404);
    }
    // The activity a consultant sees in the client names no engagement.
    const cookie = await sessionCookie(consultantA);
    const members = await settle(membersLoader({ request: makeRequest(`/orgs/${client.slug}/members`, { cookie }), params: { slug: client.slug }, context: testContext() }));
    expect(JSON.stringify(members.data)).not.toContain("Beta Partners");
    // A cannot end B's engagement from its consultancy, nor B's portfolio show A's.
    await expect(endEngagement(await membershipOf(consultantA, consultancyA), engagementB)).rejects.toMatchObject({ status: 404 });
    const portfolioB = await loadPortfolio(await membershipOf(consultantB, consultancyB));
    expect(portfolioB.rows.map((r) => r.name)).toEqual(["Acme Industrial"]);
  });

  it("a viewer engagement cannot create an assessment, and no consultant creates API tokens", async () => {
    const { consultantA, consultantB, client } = (await world()).bothEngaged;
    const cookieB = await sessionCookie(consultantB);
    const created = await settle(
      newAssessmentAction({
        request: makeRequest(`/orgs/${client.slug}/assessments/new`, { cookie: cookieB, form: { title: "Not allowed", questionnaire: "kam-maturity@1.0.0" } }),
        params: { slug: client.slug },
        context: testContext(),
      }),
    );
    expect(created.status).toBe(403);
    const cookie = await sessionCookie(consultantA);
    const token = await settle(
      settingsAction({ request: makeRequest(`/orgs/${client.slug}/settings`, { cookie, form: { intent: "create-token", name: "Sync", role: "viewer" } }), params: { slug: client.slug }, context: testContext() }),
    );
    expect(token.status).toBe(403);
    const settings = await settle(settingsLoader({ request: makeRequest(`/orgs/${client.slug}/settings`, { cookie }), params: { slug: client.slug }, context: testContext() }));
    expect(settings.status).toBe(200);
    expect(settings.data.tokens).toBeNull();
  });

  it("the owner ends an engagement: access ends at once and both organizations audit it", async () => {
    await world();
    const setting = await bothEngaged();
    await boltFor(setting);
    const { consultantA, colleagueA, consultantB, clientOwner, consultancyA, client, engagementA } = setting;
    const cookie = await sessionCookie(clientOwner);
    const ended = await settle(
      consultanciesAction({ request: makeRequest(`/orgs/${client.slug}/consultancies`, { cookie, form: { intent: "end", engagementId: engagementA } }), params: { slug: client.slug }, context: testContext() }),
    );
    expect(ended.status).toBe(200);
    expect((await asUser(consultantA, client.slug)).status).toBe(404);
    expect((await asUser(colleagueA, client.slug)).status).toBe(404);
    expect((await asUser(consultantB, client.slug)).status).toBe(200);
    const portfolioA = await loadPortfolio(await membershipOf(consultantA, consultancyA));
    expect(portfolioA.rows.map((r) => r.name)).toEqual(["Bolt Logistics"]);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, "engagement.ended"));
    expect(audits.map((a) => a.organizationId).sort()).toEqual([client.id, consultancyA.id].sort());
    expect(audits.every((a) => a.actorId === clientOwner.id)).toBe(true);
    // Ending it again is a 404, not a second audit entry.
    await expect(endEngagement(await membershipOf(clientOwner, client), engagementA)).rejects.toMatchObject({ status: 404 });
  });

  it("only the client's owner ends engagements from the client side", async () => {
    const { consultantB, client, engagementB } = (await world()).bothEngaged;
    const admin = await createUser();
    await addMember(client, admin, "admin");
    await expect(endEngagement(await membershipOf(admin, client), engagementB)).rejects.toMatchObject({ status: 403 });
    await expect(endEngagement(await membershipOf(consultantB, client), engagementB)).rejects.toMatchObject({ status: 403 });
  });
});
