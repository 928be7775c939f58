// Every org-scoped page and API route, tried by everyone who must not reach a client's data:
// a member of another organization, a consultant of a consultancy that never worked for the
// client, and a consultant whose engagement has ended. Pages answer 404 and API routes 404
// (or 401/403 for revoked and viewer tokens), with no data of the client in the answer.
// Then every kind of credential, created by someone who loses the access it came from, in
// every way that access can end: the next request with it answers 401, 404 or 410.
import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import type { Organization } from "#db/queries/organizations.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { checkPermission, type Grant } from "#app/domain/permissions.ts";
import type { Role } from "#app/domain/roles.ts";
import { actionsCheckedFor, type Membership } from "#app/services/access.server.ts";
import { createApiToken, revokeApiToken } from "#app/services/api.server.ts";
import { acceptEngagementOffer, createClient, endEngagement, offerEngagement } from "#app/services/engagements.server.ts";
import { createInvitation } from "#app/services/invitations.server.ts";
import { changeMemberRole, removeMember } from "#app/services/organizations.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { issueCalendarFeed } from "#app/services/roadmap-exports.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import {
  addMember,
  createOrganization,
  createUser,
  insertEmptyRoadmap,
  loadQuestionnaires,
  makeRequest,
  membershipOf,
  sessionCookie,
  settle,
  sharedWorld,
  testContext,
} from "#test/factories.ts";

type RouteModule = { loader?: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> };

const PAGE_FILES = readdirSync("app/routes").filter((file) => file.startsWith("orgs.$slug") || file.startsWith("a.$token"));
const API_FILES = readdirSync("app/routes").filter((file) => file.startsWith("api.v1.") && !file.includes("openapi"));

const load = (file: string) => import(`../../app/routes/${file}`) as Promise<RouteModule>;

async function consultancy(owner: { id: string }, name: string) {
  const organization = await insertOrganization(getDb(), { name, slug: `iso-${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now().toString(36)}`, industry: "Professional services", sizeBand: "50–249", region: "Europe", kind: "consultancy" });
  await addMember(organization!, owner, "owner");
  return organization!;
}

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const cookies: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  /** Everyone who may reach the client, with the grant the permission table is asked about. */
  const grants: { name: string; cookie: string; grant: Grant }[] = [];
  const formerConsultant = await createUser({ name: "Former Consultant" });
  const rivalConsultant = await createUser({ name: "Rival Consultant" });
  const foreignMember = await createUser({ name: "Foreign Member" });
  const former = await consultancy(formerConsultant, "Former Advisors");
  const rival = await consultancy(rivalConsultant, "Rival Partners");
  const foreign = await createOrganization(foreignMember, "Foreign Company");

  // The client: created by the former consultancy, with a closed assessment and a roadmap.
  const { client, engagement } = await createClient(await membershipOf(formerConsultant, former), {
    name: "Secret Client Corp",
    industry: "Manufacturing",
    sizeBand: "250–999",
    region: "Europe",
  });
  const clientOwner = await createUser({ name: "Client Owner" });
  await addMember(client, clientOwner, "owner");
  const owner = await membershipOf(clientOwner, client);
  const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Secret baseline", targetProfile: null });
  // Three respondents, so the owner's control requests see every figure and export.
  const invited = await inviteRespondents(owner, assessment.id, ["Secret Respondent", "Second Respondent", "Third Respondent"].map((name) => ({ name, email: null, function: "sales" as const })));
  await openAssessment(owner, assessment.id);
  const saves: AnswerSave[] = ["selection-criteria", "selection-review"].map((questionId, i) => ({ questionId, choice: "level", level: 3, comment: null, sequence: i + 1 }));
  for (const respondent of invited) await saveAnswers(await requireRespondent(respondent.token), saves);
  await closeAssessment(owner, assessment.id);
  const roadmap = await acceptRoadmap(owner, assessment.id, { startDate: "2026-01-05", capacity: 2, title: "Secret plan" });
  const items = (await listItems(getDb(), roadmap.id)).map((row) => row.item);
  const ids = {
    slug: client.slug,
    assessmentId: assessment.id,
    roadmapId: roadmap.id,
    itemId: items.find((i) => i.kind === "initiative")!.id,
    milestoneId: items.find((i) => i.kind === "milestone")!.id,
    clientName: client.name,
  };
  await endEngagement(owner, engagement.id);
  cookies.owner = await sessionCookie(clientOwner);

  const company = { kind: "company" as const };
  for (const role of ["viewer", "member", "program_lead", "admin"] as const satisfies Role[]) {
    const user = await createUser({ name: `Client ${role}` });
    await addMember(client, user, role);
    grants.push({ name: `client ${role}`, cookie: await sessionCookie(user), grant: { role, organization: company } });
  }
  for (const role of ["viewer", "admin"] as const) {
    const consultant = await createUser({ name: `Engaged ${role}` });
    const firm = await consultancy(consultant, `Engaged ${role} Partners`);
    const { token } = await offerEngagement(owner, role);
    await acceptEngagementOffer(await membershipOf(consultant, firm).then(({ user, session }) => ({ user, session })), token, firm.id);
    grants.push({ name: `consultant engaged as ${role}`, cookie: await sessionCookie(consultant), grant: { role, organization: company, engagement: true } });
  }

  cookies["member of another organization"] = await sessionCookie(foreignMember);
  cookies["consultant of another consultancy"] = await sessionCookie(rivalConsultant);
  cookies["consultant of an ended engagement"] = await sessionCookie(formerConsultant);

  tokens.foreign = (await createApiToken(await membershipOf(foreignMember, foreign), { name: "Foreign", role: "admin" })).secret;
  tokens.rivalConsultancy = (await createApiToken(await membershipOf(rivalConsultant, rival), { name: "Rival", role: "admin" })).secret;
  tokens.formerConsultancy = (await createApiToken(await membershipOf(formerConsultant, former), { name: "Former", role: "admin" })).secret;
  tokens.viewer = (await createApiToken(owner, { name: "Viewer", role: "viewer" })).secret;
  tokens.clientAdmin = (await createApiToken(owner, { name: "Admin", role: "admin" })).secret;
  const revoked = await createApiToken(owner, { name: "Revoked", role: "admin" });
  await revokeApiToken(owner, revoked.token.id);
  tokens.revoked = revoked.secret;
  return { ids, cookies, tokens, grants };
});

beforeAll(world.build);

type Ids = Awaited<ReturnType<typeof world>>["ids"];

/** The route's params, filled with the client's real ids, from the file name's $segments. */
function paramsFor(file: string, ids: Ids) {
  const names = [...file.matchAll(/\$(\w+)/g)].map((m) => m[1]!.replace(/_$/, ""));
  const values: Record<string, string> = {
    slug: ids.slug,
    assessmentId: ids.assessmentId,
    roadmapId: ids.roadmapId,
    itemId: ids.itemId,
    milestoneId: ids.milestoneId,
    dimensionId: "selection",
    dimension: "selection",
  };
  // The respondent pages are mounted a second time under the organization; try that mount.
  const params: Record<string, string> = file.startsWith("a.$token") ? { slug: ids.slug, assessmentId: ids.assessmentId, dimension: "selection" } : {};
  for (const name of names) if (name !== "token") params[name] = values[name]!;
  return params;
}

function pathFor(file: string, params: Record<string, string>) {
  return "/" + file.replace(/\.tsx?$/, "").replace(/\[(.+?)\]/g, "$1").split(".").map((s) => s.replace(/_$/, "").replace(/^\$(\w+)$/, (_, n: string) => params[n] ?? n)).join("/");
}

describe("pages of a client", () => {
  const actors = ["member of another organization", "consultant of another consultancy", "consultant of an ended engagement"];
  it("covers every org-scoped route module", () => {
    expect(PAGE_FILES.length).toBeGreaterThanOrEqual(25);
  });
  // The control: with the same params the client's owner reaches every page, so the 404s
  // below come from access, not from a wrong id. Consultancy pages and the respondent pages
  // (the owner is no respondent) are 404 for the owner too.
  it("the client's owner reaches the same pages with the same params", async () => {
    const { ids, cookies } = await world();
    for (const file of PAGE_FILES.filter((f) => !f.includes(".clients") && !f.startsWith("a.$token"))) {
      const mod = await load(file);
      if (!mod.loader) continue;
      const params = paramsFor(file, ids);
      const path = pathFor(file, params);
      const result = await settle(mod.loader({ request: makeRequest(path, { cookie: cookies.owner }), params, context: testContext() }));
      expect(result.status, `GET ${path}`).toBe(200);
    }
  });
  for (const file of PAGE_FILES) {
    for (const actor of actors) {
      it(`${file}: 404 for a ${actor}`, async () => {
        const { ids, cookies } = await world();
        const mod = await load(file);
        const params = paramsFor(file, ids);
        const path = pathFor(file, params);
        if (mod.loader) {
          const result = await settle(mod.loader({ request: makeRequest(path, { cookie: cookies[actor] }), params, context: testContext() }));
          expect(result.status, `GET ${path}`).toBe(404);
          expect(JSON.stringify(result.data ?? null)).not.toContain(ids.clientName);
        }
        if (mod.action) {
          const result = await settle(
            mod.action({ request: makeRequest(path, { cookie: cookies[actor], form: { intent: "close", title: "x", role: "admin", name: "x", status: "done" } }), params, context: testContext() }),
          );
          expect(result.status, `POST ${path}`).toBe(404);
        }
      });
    }
  }
});

describe("pages of a client, for everyone who may reach it, against the permission table", () => {
  // What the owner's request was checked for at the gate decides, through the table, what
  // everyone else gets: the owner's answer where the table allows it, else its 403 or 404.
  for (const file of PAGE_FILES.filter((f) => !f.includes(".clients") && !f.startsWith("a.$token"))) {
    it(`${file}: GET answers as the table says`, async () => {
      const { ids, cookies, grants } = await world();
      const mod = await load(file);
      if (!mod.loader) return;
      const params = paramsFor(file, ids);
      const path = pathFor(file, params);
      const ownerRequest = makeRequest(path, { cookie: cookies.owner });
      const ownerResult = await settle(mod.loader({ request: ownerRequest, params, context: testContext() }));
      const [gate] = actionsCheckedFor(ownerRequest);
      expect(gate, `${file} asks the gate for an action`).toBeDefined();
      for (const { name, cookie, grant } of grants) {
        const check = checkPermission(grant, gate!);
        const result = await settle(mod.loader({ request: makeRequest(path, { cookie }), params, context: testContext() }));
        expect(result.status, `GET ${path} as ${name} (${gate})`).toBe(check.ok ? ownerResult.status : check.status);
      }
    });
  }
});

describe("API routes", () => {
  const request = (file: string, token: string, ids: Ids) => {
    const params = paramsFor(file, ids);
    const query = file.includes("benchmarks") ? "?questionnaire=kam-maturity&version=1.0.0" : "";
    const path = pathFor(file, params) + query;
    const patch = file.includes("milestones");
    return {
      params,
      request: new Request(`http://localhost${path}`, {
        method: patch ? "PATCH" : "GET",
        headers: { Authorization: `Bearer ${token}`, ...(patch ? { "Content-Type": "application/json" } : {}) },
        body: patch ? JSON.stringify({ status: "done" }) : undefined,
      }),
    };
  };
  const call = async (file: string, token: string) => {
    const { ids } = await world();
    const mod = await load(file);
    const handler = file.includes("milestones") ? mod.action! : mod.loader!;
    return settle(handler({ ...request(file, token, ids), context: testContext() }));
  };
  const hasIds = (file: string) => file.includes("$");

  it("the client's own admin token reaches every route with the same ids (the control)", async () => {
    const { tokens } = await world();
    for (const file of API_FILES.filter((f) => !f.includes("clients"))) {
      expect((await call(file, tokens.clientAdmin!)).status, file).toBe(200);
    }
  });

  for (const file of API_FILES) {
    it(`${file}: 401 for a revoked token`, async () => {
      const { tokens } = await world();
      const result = await call(file, tokens.revoked!);
      expect(result.status).toBe(401);
      expect(result.data.error.code).toBe("unauthorized");
    });
    for (const who of ["foreign", "rivalConsultancy", "formerConsultancy"] as const) {
      it(`${file}: no client data for the ${who} token`, async () => {
        const { ids, tokens } = await world();
        const result = await call(file, tokens[who]!);
        if (hasIds(file)) expect(result.status).toBe(404);
        else expect([200, 403]).toContain(result.status);
        const body = JSON.stringify(result.data ?? null);
        for (const secret of [ids.assessmentId, ids.roadmapId, ids.clientName]) expect(body).not.toContain(secret);
      });
    }
    // The client is a company; the consultancy's client list is refused to its tokens by kind (the control above skips it too).
    if (!file.includes("clients")) it(`${file}: a viewer token answers as the permission table says`, async () => {
      const { ids, tokens } = await world();
      const { request: adminRequest, params } = request(file, tokens.clientAdmin!, ids);
      const mod = await load(file);
      await settle((file.includes("milestones") ? mod.action! : mod.loader!)({ request: adminRequest, params, context: testContext() }));
      const [gate] = actionsCheckedFor(adminRequest);
      expect(gate, `${file} asks the gate for an action`).toBeDefined();
      const result = await call(file, tokens.viewer!);
      if (checkPermission({ role: "viewer", organization: { kind: "company" } }, gate!).ok) {
        expect(result.status).not.toBe(403);
      } else {
        expect(result.status).toBe(403);
        expect(result.data.error.code).toBe("forbidden");
      }
    });
  }
});

// ---------------------------------------------------------------- credentials that outlive access

/** Where X created credentials, with what X acts as there, and how X then loses that access. */
interface Scenario {
  actor: Membership;
  organization: Organization;
  assessmentId: string;
  roadmapId: string;
  /** The owner invitation `createClient` returned, still pending: the one invitation a consultant makes. */
  handoverToken?: string;
  lose(): Promise<unknown>;
}

const LOSSES = [
  "engagement ended by the client",
  "engagement ended by the consultancy",
  "consultant removed from the consultancy",
  "consultant left the consultancy",
  "member removed",
  "member left",
  "member demoted",
] as const;
type Loss = (typeof LOSSES)[number];
const THROUGH_ENGAGEMENT: readonly Loss[] = LOSSES.slice(0, 4);
const AS_MEMBER: readonly Loss[] = LOSSES.slice(4);

async function workToLose(organization: Organization, actor: Membership) {
  const assessment = await createAssessment(actor, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Plan to lose", targetProfile: null });
  await openAssessment(actor, assessment.id);
  const roadmap = await insertEmptyRoadmap(organization.id, assessment.id);
  return { assessmentId: assessment.id, roadmapId: roadmap.id };
}

/** X is an admin of a consultancy that created the client; the client has its own owner. */
async function throughEngagement(loss: Loss): Promise<Scenario> {
  const [x, consultancyOwner, clientOwner] = await Promise.all([createUser({ name: "X Consultant" }), createUser(), createUser()]);
  const firm = await consultancy(consultancyOwner, `Firm ${loss}`);
  await addMember(firm, x, "admin");
  const { client, engagement, ownerToken } = await createClient(await membershipOf(x, firm), { name: `Client of ${loss}`, industry: "Manufacturing", sizeBand: "250–999", region: "Europe" });
  await addMember(client, clientOwner, "owner");
  const actor = await membershipOf(x, client);
  const lose: Record<string, () => Promise<unknown>> = {
    "engagement ended by the client": async () => endEngagement(await membershipOf(clientOwner, client), engagement.id),
    "engagement ended by the consultancy": async () => endEngagement(await membershipOf(consultancyOwner, firm), engagement.id),
    "consultant removed from the consultancy": async () => removeMember(await membershipOf(consultancyOwner, firm), x.id),
    "consultant left the consultancy": async () => removeMember(await membershipOf(x, firm), x.id),
  };
  return { actor, organization: client, handoverToken: ownerToken, ...(await workToLose(client, actor)), lose: lose[loss]! };
}

/** X is one of the company's two owners, so every credential kind is theirs to create. */
async function asMember(loss: Loss): Promise<Scenario> {
  const [x, otherOwner] = await Promise.all([createUser({ name: "X Member" }), createUser()]);
  const company = await createOrganization(otherOwner, `Company ${loss}`);
  await addMember(company, x, "owner");
  const actor = await membershipOf(x, company);
  const lose: Record<string, () => Promise<unknown>> = {
    "member removed": async () => removeMember(await membershipOf(otherOwner, company), x.id),
    "member left": async () => removeMember(actor, x.id),
    // Below every role that creates a credential.
    "member demoted": async () => changeMemberRole(await membershipOf(otherOwner, company), x.id, "member"),
  };
  return { actor, organization: company, ...(await workToLose(company, actor)), lose: lose[loss]! };
}

/**
 * One row per kind of credential: the losses it can suffer, and how X creates it, returning
 * the request that uses it (its status). A new kind of credential is one more row.
 */
const CREDENTIALS: { kind: string; losses: readonly Loss[]; issue(scenario: Scenario): Promise<() => Promise<number>> }[] = [
  {
    kind: "invitation link",
    losses: LOSSES,
    issue: async ({ actor, handoverToken }) => {
      const token = handoverToken ?? (await createInvitation(actor, "admin")).token;
      return async () => (await settle(loadRoute("invite.$token.tsx", `/invite/${token}`, { token }))).status;
    },
  },
  {
    kind: "calendar feed",
    losses: LOSSES,
    issue: async ({ actor, roadmapId }) => {
      const token = await issueCalendarFeed(actor, roadmapId);
      return async () => (await settle(loadRoute("calendar.$token.roadmap[.ics].ts", `/calendar/${token}/roadmap.ics`, { token }))).status;
    },
  },
  {
    kind: "API token",
    losses: AS_MEMBER,
    issue: async ({ actor }) => {
      const { secret } = await createApiToken(actor, { name: "Loses access", role: "admin" });
      return async () => {
        const mod = await load("api.v1.assessments.ts");
        const request = new Request("http://localhost/api/v1/assessments", { headers: { Authorization: `Bearer ${secret}` } });
        return (await settle(mod.loader!({ request, params: {}, context: testContext() }))).status;
      };
    },
  },
  {
    kind: "respondent link",
    losses: LOSSES,
    issue: async ({ actor, assessmentId }) => {
      const [link] = await inviteRespondents(actor, assessmentId, [{ name: "Rita Respondent", email: null, function: "sales" }]);
      const token = link!.token;
      return async () => (await settle(loadRoute("a.$token._index.tsx", `/a/${token}`, { token }))).status;
    },
  },
  {
    kind: "engagement offer link",
    losses: AS_MEMBER,
    issue: async ({ actor }) => {
      const { token } = await offerEngagement(actor, "viewer");
      const someone = await sessionCookie(await createUser());
      return async () => (await settle(loadRoute("engage.$token.tsx", `/engage/${token}`, { token }, someone))).status;
    },
  },
];

async function loadRoute(file: string, path: string, params: Record<string, string>, cookie?: string) {
  const mod = await load(file);
  return mod.loader!({ request: makeRequest(path, { cookie }), params, context: testContext() });
}

describe("credentials whose creator loses access", () => {
  for (const loss of LOSSES) {
    describe(loss, () => {
      const rows = CREDENTIALS.filter((row) => row.losses.includes(loss));
      const before: Record<string, number> = {};
      const after: Record<string, number> = {};
      beforeAll(async () => {
        const scenario = await (THROUGH_ENGAGEMENT.includes(loss) ? throughEngagement(loss) : asMember(loss));
        const uses = [];
        for (const row of rows) uses.push([row.kind, await row.issue(scenario)] as const);
        for (const [kind, use] of uses) before[kind] = await use();
        await scenario.lose();
        for (const [kind, use] of uses) after[kind] = await use();
      });
      for (const row of rows) {
        it(`${row.kind}: works until then, answers 401, 404 or 410 on the next request`, () => {
          expect(before[row.kind]).toBe(200);
          expect([401, 404, 410]).toContain(after[row.kind]);
        });
      }
    });
  }
});
