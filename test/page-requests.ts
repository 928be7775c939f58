// The main pages and API routes of an organization, called in-process the way Remix calls
// them, with a seeded world to call them on. Shared by the query-budget and index tests.
import { getDb } from "#db/client.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import { PHASES } from "#app/domain/roadmap/library.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { createAssessment, inviteRespondents } from "#app/services/assessments.server.ts";
import { createClient, offerEngagement } from "#app/services/engagements.server.ts";
import { createInvitation } from "#app/services/invitations.server.ts";
import { addCustomItem, addRoadmapNote } from "#app/services/roadmap-items.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import {
  addMember,
  closedAssessmentWith,
  createOrganization,
  createUser,
  levelsFor,
  makeRequest,
  membershipOf,
  questionIdsOf,
  respondentsAnswering,
  sessionCookie,
  settle,
  testContext,
} from "./factories.ts";
import { countStatements } from "./statements.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;
type Handler = (args: unknown) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };

export interface World {
  slug: string;
  consultancySlug: string;
  assessmentId: string;
  roadmapId: string;
  itemId: string;
  milestoneId: string;
  ownerCookie: string;
  consultantCookie: string;
  apiToken: string;
  consultancyApiToken: string;
}

/** Closes an assessment that `respondents` people answered in full, each with a remark on the first question. */
async function closedAssessment(membership: Membership, title: string, respondents: number, level: number, questionnaireId = "kam-maturity") {
  const questions = await questionIdsOf(questionnaireId);
  const targetProfile = questionnaireId === "kam-maturity" ? { selection: 5, strategy: 5 } : null;
  const people = respondentsAnswering(respondents, levelsFor(questions, level), "Respondent ").map((person) => ({ ...person, comments: { [questions[0]!]: "why" } }));
  return (await closedAssessmentWith(membership, { questionnaireId, title, targetProfile, respondents: people })).assessment.id;
}

/** An organization with `n` of everything a page lists, and a consultancy with `n` clients. */
export async function seed(n: number): Promise<World> {
  const ownerUser = await createUser({ name: `Owner ${n}` });
  const organization = await createOrganization(ownerUser, `Company ${n}`);
  const owner = await membershipOf(ownerUser, organization);
  for (let i = 0; i < n; i++) await addMember(organization, await createUser(), "member");
  for (let i = 0; i < n; i++) await createInvitation(owner, "member");

  // At least the minimum group size of 3 respondents, so that every figure and export is shown.
  await closedAssessment(owner, "Readiness check", 3, 3, "kam-readiness");
  const assessmentId = await closedAssessment(owner, "Baseline", n + 2, 2);
  for (let i = 1; i < n; i++) {
    const draft = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: `Draft ${i}`, targetProfile: null });
    await inviteRespondents(owner, draft.id, [{ name: `Draft respondent ${i}`, email: null, function: "finance" }]);
  }
  const roadmapId = (await acceptRoadmap(owner, assessmentId, { startDate: "2026-01-05", capacity: 2, title: "Plan" })).id;
  for (let i = 1; i < n; i++) await acceptRoadmap(owner, assessmentId, { startDate: "2026-01-05", capacity: 2, title: `Plan ${i}` });
  for (let i = 0; i < n; i++) {
    await addCustomItem(owner, roadmapId, { title: `Custom ${i}`, description: "", phase: PHASES[0], parentId: null, dueDate: null, dependsOn: [] });
  }
  const items = (await listItems(getDb(), roadmapId)).map((row) => row.item);
  const item = items.find((i) => i.kind === "initiative")!;
  for (let i = 0; i < n; i++) await addRoadmapNote(owner, roadmapId, item.id, { kind: "comment", body: `Note ${i}` });
  for (let i = 0; i < n; i++) await offerEngagement(owner, "viewer");

  const consultantUser = await createUser({ name: `Consultant ${n}` });
  const consultancy = await insertOrganization(getDb(), {
    name: `Consultancy ${n}`,
    slug: `qb-consultancy-${n}-${Date.now().toString(36)}`,
    industry: "Professional services",
    sizeBand: "50–249",
    region: "Europe",
    kind: "consultancy",
  });
  await addMember(consultancy!, consultantUser, "owner");
  const consultant = await membershipOf(consultantUser, consultancy!);
  for (let i = 0; i < n; i++) {
    const { client } = await createClient(consultant, { name: `Client ${n}-${i}`, industry: "Manufacturing", sizeBand: "250–999", region: "Europe" });
    const onClient = await membershipOf(consultantUser, client);
    const clientAssessment = await closedAssessment(onClient, "Client baseline", 3, 1 + (i % 4));
    if (i % 2 === 0) await acceptRoadmap(onClient, clientAssessment, { startDate: "2026-01-05", capacity: 2, title: "Client plan" });
  }

  return {
    slug: organization.slug,
    consultancySlug: consultancy!.slug,
    assessmentId,
    roadmapId,
    itemId: item.id,
    milestoneId: items.find((i) => i.kind === "milestone")!.id,
    ownerCookie: await sessionCookie(ownerUser),
    consultantCookie: await sessionCookie(consultantUser),
    apiToken: (await createApiToken(owner, { name: "Budget", role: "admin" })).secret,
    consultancyApiToken: (await createApiToken(consultant, { name: "Budget", role: "admin" })).secret,
  };
}

/** A page loader or API route, and where to call it in a world. */
export interface Measured {
  /** The route module under app/routes. */
  file: string;
  url: (w: World) => { path: string; params: Record<string, string> };
  /** Called by the consultant on the consultancy instead of the owner on the company. */
  as?: "consultant";
  /** How many rows of the seeded lists the answer shows: it must grow with the world. */
  rows?: (data: any) => number; // eslint-disable-line @typescript-eslint/no-explicit-any -- reads whatever the route answered
}

const org = (rest = "") => (w: World) => ({ path: `/orgs/${w.slug}${rest}`, params: { slug: w.slug } });
const assessment = (rest = "", extra: Record<string, string> = {}) => (w: World) => ({
  path: `/orgs/${w.slug}/assessments/${w.assessmentId}${rest}`,
  params: { slug: w.slug, assessmentId: w.assessmentId, ...extra },
});
const roadmap = (rest = "", extra: (w: World) => Record<string, string> = () => ({})) => (w: World) => ({
  path: `/orgs/${w.slug}/roadmaps/${w.roadmapId}${rest}`,
  params: { slug: w.slug, roadmapId: w.roadmapId, ...extra(w) },
});
const api = (path: (w: World) => string, params: (w: World) => Record<string, string> = () => ({})) => (w: World) => ({ path: `/api/v1${path(w)}`, params: params(w) });

export const PAGES: Measured[] = [
  { file: "orgs.$slug.tsx", url: org() },
  { file: "orgs.$slug._index.tsx", url: org(), rows: (d) => d.memberCount + d.assessments.length },
  { file: "orgs.$slug.assessments._index.tsx", url: org("/assessments"), rows: (d) => d.assessments.length },
  { file: "orgs.$slug.assessments.$assessmentId.tsx", url: assessment(), rows: (d) => d.respondents.length + d.invitableMembers.length },
  { file: "orgs.$slug.assessments.$assessmentId_.results.tsx", url: assessment("/results") },
  { file: "orgs.$slug.assessments.$assessmentId_.results_.$dimensionId.tsx", url: assessment("/results/selection", { dimensionId: "selection" }), rows: (d) => d.n },
  { file: "orgs.$slug.roadmaps._index.tsx", url: org("/roadmaps"), rows: (d) => d.roadmaps.length },
  { file: "orgs.$slug.roadmaps.$roadmapId.tsx", url: roadmap(), rows: (d) => JSON.stringify(d).split('"kind":').length },
  { file: "orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx", url: roadmap("/items", (w) => ({ itemId: w.itemId })), rows: (d) => d.notes.length },
  { file: "orgs.$slug.members.tsx", url: org("/members"), rows: (d) => d.members.length + d.invitations.length },
  { file: "orgs.$slug.settings.tsx", url: org("/settings") },
  { file: "orgs.$slug.consultancies.tsx", url: org("/consultancies"), rows: (d) => d.engagements.length },
  {
    file: "orgs.$slug.clients._index.tsx",
    url: (w) => ({ path: `/orgs/${w.consultancySlug}/clients`, params: { slug: w.consultancySlug } }),
    as: "consultant",
    rows: (d) => d.clients.length,
  },
];

export const API: Measured[] = [
  { file: "api.v1.questionnaires.ts", url: api(() => "/questionnaires") },
  { file: "api.v1.assessments.ts", url: api(() => "/assessments"), rows: (d) => d.data.length },
  { file: "api.v1.assessments_.$assessmentId.scorecard.ts", url: api((w) => `/assessments/${w.assessmentId}/scorecard`, (w) => ({ assessmentId: w.assessmentId })) },
  { file: "api.v1.assessments_.$assessmentId.answers.ts", url: api((w) => `/assessments/${w.assessmentId}/answers`, (w) => ({ assessmentId: w.assessmentId })), rows: (d) => JSON.stringify(d).length },
  { file: "api.v1.assessments_.$assessmentId.respondents.ts", url: api((w) => `/assessments/${w.assessmentId}/respondents`, (w) => ({ assessmentId: w.assessmentId })), rows: (d) => d.data.length },
  { file: "api.v1.benchmarks.ts", url: api(() => "/benchmarks?questionnaire=kam-maturity&version=1.0.0") },
  { file: "api.v1.roadmaps.ts", url: api(() => "/roadmaps"), rows: (d) => d.data.length },
  { file: "api.v1.roadmaps_.$roadmapId.ts", url: api((w) => `/roadmaps/${w.roadmapId}`, (w) => ({ roadmapId: w.roadmapId })), rows: (d) => JSON.stringify(d).length },
  {
    file: "api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts",
    url: api((w) => `/roadmaps/${w.roadmapId}/milestones/${w.milestoneId}`, (w) => ({ roadmapId: w.roadmapId, milestoneId: w.milestoneId })),
  },
  { file: "api.v1.clients.ts", url: api(() => "/clients"), as: "consultant", rows: (d) => d.data.length },
];

// Each PATCH sets the other status than the one before, so every call is a real change.
let patches = 0;

const load = (file: string) => import(`../app/routes/${file}`) as Promise<RouteModule>;

/** Calls the route once, as the browser (pages) or an API client (API routes) would, counting its statements. */
export async function measure(route: Measured, w: World) {
  const { path, params } = route.url(w);
  const mod = await load(route.file);
  let request: Request;
  let handler: Handler;
  if (route.file.startsWith("api.")) {
    const token = route.as === "consultant" ? w.consultancyApiToken : w.apiToken;
    const patch = route.file.includes("milestones");
    request = new Request(`http://localhost${path}`, {
      method: patch ? "PATCH" : "GET",
      headers: { Authorization: `Bearer ${token}`, ...(patch ? { "Content-Type": "application/json" } : {}) },
      body: patch ? JSON.stringify({ status: patches++ % 2 === 0 ? "in_progress" : "done" }) : undefined,
    });
    handler = patch ? mod.action! : mod.loader!;
  } else {
    request = makeRequest(path, { cookie: route.as === "consultant" ? w.consultantCookie : w.ownerCookie });
    handler = mod.loader!;
  }
  const { result, count, statements } = await countStatements(() => settle(handler({ request, params, context: testContext() })));
  return { status: result.status, data: result.data, count, statements };
}
