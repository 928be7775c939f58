import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDbHandle } from "#db/client.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import { API_RATE_LIMIT } from "#app/domain/api/tokens.ts";
import { scorecardResponseSchema } from "#app/domain/api/schemas.ts";
import { loader as openApiLoader } from "#app/routes/api.v1.openapi[.json].ts";
import { loader as questionnairesLoader } from "#app/routes/api.v1.questionnaires.ts";
import { loader as assessmentsLoader } from "#app/routes/api.v1.assessments.ts";
import { loader as scorecardLoader } from "#app/routes/api.v1.assessments_.$assessmentId.scorecard.ts";
import { loader as answersLoader } from "#app/routes/api.v1.assessments_.$assessmentId.answers.ts";
import { loader as respondentsLoader } from "#app/routes/api.v1.assessments_.$assessmentId.respondents.ts";
import { loader as roadmapsLoader } from "#app/routes/api.v1.roadmaps.ts";
import { loader as benchmarksLoader } from "#app/routes/api.v1.benchmarks.ts";
import { loader as roadmapLoader } from "#app/routes/api.v1.roadmaps_.$roadmapId.ts";
import { action as milestoneAction } from "#app/routes/api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts";
import { action as settingsAction, loader as settingsLoader } from "#app/routes/orgs.$slug.settings.tsx";
import { createAssessment } from "#app/services/assessments.server.ts";
import { loadAssessmentResults } from "#app/services/assessment-results.server.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { loadRoadmapItem } from "#app/services/roadmap-items.server.ts";
import { main as apiTokenCli } from "../../scripts/api-token.ts";
import {
  acceptedRoadmap,
  addMember,
  closedAssessmentWith,
  createOwner,
  createUser,
  levelsFor,
  loadQuestionnaires,
  makeRequest,
  SELECTION_QUESTIONS,
  sessionCookie,
  settle,
  sharedWorld,
  testContext,
} from "#test/factories.ts";

const START = "2026-01-05";
const SELECTION = SELECTION_QUESTIONS;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { membership: owner, cookie: ownerCookie } = await createOwner({ name: "Olga Owner" });
  // Three sales people answer (the fewest whose figures may be shown); Ben never starts.
  const answering = levelsFor(SELECTION, 2);
  const { assessment } = await closedAssessmentWith(owner, {
    title: "Baseline",
    targetProfile: { selection: 4 },
    respondents: [
      { name: "Ann Answerer", email: "ann@example.com", function: "sales", levels: answering, comments: { [SELECTION[0]]: "ok" } },
      { name: "Ben Idle", function: "finance" },
      { name: "Cy Seller", function: "sales", levels: answering },
      { name: "Dee Seller", function: "sales", levels: answering },
    ],
  });
  const assessmentId = assessment.id;
  const openAssessmentId = (await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Draft", targetProfile: null })).id;
  const roadmapId = (await acceptedRoadmap(owner, assessmentId, { startDate: START, capacity: 2, title: "KAM 2026" })).id;
  const milestoneId = (await listItems(getDb(), roadmapId)).find((r) => r.item.kind === "milestone")!.item.id;
  const viewerToken = (await createApiToken(owner, { name: "BI", role: "viewer" })).secret;
  const adminToken = (await createApiToken(owner, { name: "CRM", role: "admin" })).secret;

  const { membership: neighbour } = await createOwner();
  const foreignAdminToken = (await createApiToken(neighbour, { name: "Theirs", role: "admin" })).secret;
  return { owner, ownerCookie, viewerToken, adminToken, foreignAdminToken, assessmentId, openAssessmentId, roadmapId, milestoneId };
});

beforeAll(world.build);

/** A request as an API client sends it: no cookie, no Origin, a bearer token. */
function apiRequest(path: string, token?: string, init: { method?: string; body?: unknown } = {}) {
  const headers = new Headers();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function call(handler: (args: never) => Promise<Response> | Response, request: Request, params: Record<string, string> = {}) {
  const response = await (handler as (args: unknown) => Promise<Response>)({ request, params, context: testContext() });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever the route answered
}

// Every API route, with a valid request for this organization's objects.
interface ApiRoute {
  name: string;
  handler: (args: never) => Promise<Response>;
  path: string;
  params: Record<string, string>;
  admin: boolean;
  orgScoped: boolean;
  method?: string;
  body?: unknown;
}

async function routes(): Promise<ApiRoute[]> {
  const { assessmentId, roadmapId, milestoneId } = await world();
  return [
    { name: "questionnaires", handler: questionnairesLoader, path: "/api/v1/questionnaires", params: {}, admin: false, orgScoped: false },
    { name: "assessments", handler: assessmentsLoader, path: "/api/v1/assessments", params: {}, admin: false, orgScoped: false },
    { name: "scorecard", handler: scorecardLoader, path: `/api/v1/assessments/${assessmentId}/scorecard`, params: { assessmentId }, admin: false, orgScoped: true },
    { name: "answers", handler: answersLoader, path: `/api/v1/assessments/${assessmentId}/answers`, params: { assessmentId }, admin: true, orgScoped: true },
    { name: "respondents", handler: respondentsLoader, path: `/api/v1/assessments/${assessmentId}/respondents`, params: { assessmentId }, admin: false, orgScoped: true },
    { name: "roadmaps", handler: roadmapsLoader, path: "/api/v1/roadmaps", params: {}, admin: false, orgScoped: false },
    { name: "benchmarks", handler: benchmarksLoader, path: "/api/v1/benchmarks?questionnaire=kam-maturity&version=1.0.0", params: {}, admin: false, orgScoped: false },
    { name: "roadmap", handler: roadmapLoader, path: `/api/v1/roadmaps/${roadmapId}`, params: { roadmapId }, admin: false, orgScoped: true },
    {
      name: "milestone update",
      handler: milestoneAction,
      path: `/api/v1/roadmaps/${roadmapId}/milestones/${milestoneId}`,
      params: { roadmapId, milestoneId },
      admin: true,
      orgScoped: true,
      method: "PATCH",
      body: { status: "in_progress" },
    },
  ];
}

describe("happy paths", () => {
  it("lists questionnaires and versions", async () => {
    const { viewerToken } = await world();
    const { status, body } = await call(questionnairesLoader, apiRequest("/api/v1/questionnaires", viewerToken));
    expect(status).toBe(200);
    expect(body.data).toContainEqual(expect.objectContaining({ questionnaireId: "kam-maturity", version: "1.0.0" }));
  });

  it("answers the scorecard with the results page's numbers", async () => {
    const { owner, viewerToken, assessmentId } = await world();
    const { status, body } = await call(scorecardLoader, apiRequest(`/api/v1/assessments/${assessmentId}/scorecard`, viewerToken), { assessmentId });
    expect(status).toBe(200);
    const { scorecard, provisional } = await loadAssessmentResults(owner, assessmentId);
    expect(body).toEqual(scorecardResponseSchema.parse({ assessmentId, provisional, ...scorecard }));
    expect(body.provisional).toBe(false);
    expect(body.dimensions).toEqual(scorecard.dimensions);
    expect(body.overall).toEqual(scorecard.overall);
  });

  it("gives raw answers to an admin token with respondents under codes, never named", async () => {
    const { adminToken, assessmentId } = await world();
    const { status, body } = await call(answersLoader, apiRequest(`/api/v1/assessments/${assessmentId}/answers`, adminToken), { assessmentId });
    expect(status).toBe(200);
    expect(body.data).toHaveLength(3 * SELECTION.length);
    expect(new Set(body.data.map((row: { respondent: string }) => row.respondent))).toEqual(new Set(["R1", "R2", "R3"]));
    // Three sales people: their function is shown; the one comment is on a question three answered.
    expect(body.data.filter((row: { comment: string | null }) => row.comment !== null)).toEqual([
      { respondent: expect.stringMatching(/^R[123]$/), function: "sales", dimension: "selection", question: SELECTION[0], choice: "level", level: 2, comment: "ok" },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Ann|ann@example/);
  });

  it("lists respondents with names and status, no emails or answers", async () => {
    const { viewerToken, assessmentId } = await world();
    const { status, body } = await call(respondentsLoader, apiRequest(`/api/v1/assessments/${assessmentId}/respondents`, viewerToken), { assessmentId });
    expect(status).toBe(200);
    expect(body.data.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ["Ann Answerer", "started"],
      ["Ben Idle", "invited"],
      ["Cy Seller", "started"],
      ["Dee Seller", "started"],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/example\.com|level/);
  });

  it("shows the roadmap with initiatives and their milestones", async () => {
    const { viewerToken, roadmapId, milestoneId } = await world();
    const { status, body } = await call(roadmapLoader, apiRequest(`/api/v1/roadmaps/${roadmapId}`, viewerToken), { roadmapId });
    expect(status).toBe(200);
    expect(body.title).toBe("KAM 2026");
    expect(body.initiatives.length).toBeGreaterThan(0);
    expect(body.initiatives.flatMap((i: { milestones: { id: string }[] }) => i.milestones.map((m) => m.id))).toContain(milestoneId);
    const list = await call(roadmapsLoader, apiRequest("/api/v1/roadmaps", viewerToken));
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([roadmapId]);
  });

  it("updates a milestone's status and evidence through the item services", async () => {
    const { owner, adminToken, roadmapId, milestoneId } = await world();
    const path = `/api/v1/roadmaps/${roadmapId}/milestones/${milestoneId}`;
    const { status, body } = await call(milestoneAction, apiRequest(path, adminToken, { method: "PATCH", body: { status: "done", evidence: "Signed-off criteria (link)" } }), {
      roadmapId,
      milestoneId,
    });
    expect(status).toBe(200);
    expect(body.milestone).toMatchObject({ id: milestoneId, status: "done" });
    expect(body.milestone.completedAt).not.toBeNull();
    const item = await loadRoadmapItem(owner, roadmapId, milestoneId);
    expect(item.notes.map((n: { kind: string; body: string }) => [n.kind, n.body])).toContainEqual(["evidence", "Signed-off criteria (link)"]);

    const invalid = await call(milestoneAction, apiRequest(path, adminToken, { method: "PATCH", body: { status: "blocked" } }), { roadmapId, milestoneId });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: "invalid_request", fields: { blockedReason: expect.any(String) } });
    const unknown = await call(milestoneAction, apiRequest(path, adminToken, { method: "PATCH", body: { status: "finished" } }), { roadmapId, milestoneId });
    expect(unknown.status).toBe(400);
    const notJson = await call(milestoneAction, new Request(`http://localhost${path}`, { method: "PATCH", headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" }, body: "{" }), {
      roadmapId,
      milestoneId,
    });
    expect(notJson.status).toBe(400);
    const initiativeId = (await listItems(getDb(), roadmapId)).find((r) => r.item.kind === "initiative")!.item.id;
    const notAMilestone = await call(milestoneAction, apiRequest(path, adminToken, { method: "PATCH", body: { status: "done" } }), { roadmapId, milestoneId: initiativeId });
    expect(notAMilestone.status).toBe(404);
  });
});

describe("benchmarks", () => {
  const path = "/api/v1/benchmarks?questionnaire=kam-maturity&version=1.0.0";

  it("answers a segment below the threshold as suppressed, with the reason and no statistics", async () => {
    const { viewerToken } = await world();
    const { status, body } = await call(benchmarksLoader, apiRequest(`${path}&industry=Manufacturing`, viewerToken));
    expect(status).toBe(200);
    expect(body).toEqual({
      questionnaire: "kam-maturity",
      version: "1.0.0",
      pool: "platform",
      poolLabel: "platform pool",
      sampleData: false,
      segment: { industry: "Manufacturing", sizeBand: "any", region: "any" },
      suppressed: true,
      reason: "needs 5 independent organizations in this segment; 0 so far",
      n: null,
      index: null,
      dimensions: [],
    });
  });

  it("refuses unknown segment values and missing parameters with 400 and the fields", async () => {
    const { viewerToken } = await world();
    const unknown = await call(benchmarksLoader, apiRequest(`${path}&industry=Mining&region=Mars`, viewerToken));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("invalid_request");
    expect(Object.keys(unknown.body.error.fields).sort()).toEqual(["industry", "region"]);
    const missing = await call(benchmarksLoader, apiRequest("/api/v1/benchmarks?sizeBand=huge", viewerToken));
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(["questionnaire", "sizeBand", "version"]);
    const pool = await call(benchmarksLoader, apiRequest(`${path}&pool=everyone`, viewerToken));
    expect([pool.status, Object.keys(pool.body.error.fields)]).toEqual([400, ["pool"]]);
  });

  it("answers an unknown questionnaire or version with 404", async () => {
    const { viewerToken } = await world();
    for (const query of ["questionnaire=kam-maturity&version=9.9.9", "questionnaire=no-such&version=1.0.0"]) {
      const { status, body } = await call(benchmarksLoader, apiRequest(`/api/v1/benchmarks?${query}`, viewerToken));
      expect([query, status, body.error.code]).toEqual([query, 404, "not_found"]);
    }
  });
});

describe("access matrix over every API route", () => {
  it("refuses requests without a token and with an unknown one: 401", async () => {
    for (const route of await routes()) {
      for (const token of [undefined, "kam_not-a-real-token"]) {
        const { status, body, headers } = await call(route.handler, apiRequest(route.path, token, { method: route.method, body: route.body }), route.params);
        expect([route.name, status, body.error.code]).toEqual([route.name, 401, "unauthorized"]);
        expect(headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
      }
    }
  });

  it("refuses a revoked token: 401", async () => {
    const { owner, ownerCookie } = await world();
    const { token, secret } = await createApiToken(owner, { name: "Short-lived", role: "admin" });
    const settled = await settle(
      settingsAction({ request: makeRequest(`/orgs/${owner.organization.slug}/settings`, { cookie: ownerCookie, form: { intent: "revoke-token", tokenId: token.id } }), params: { slug: owner.organization.slug }, context: testContext() }),
    );
    expect(settled.status).toBe(200);
    for (const route of await routes()) {
      const { status } = await call(route.handler, apiRequest(route.path, secret, { method: route.method, body: route.body }), route.params);
      expect([route.name, status]).toEqual([route.name, 401]);
    }
  });

  it("answers another organization's token on this organization's ids with 404 and no data", async () => {
    const { foreignAdminToken, assessmentId } = await world();
    for (const route of (await routes()).filter((r) => r.orgScoped)) {
      const { status, body } = await call(route.handler, apiRequest(route.path, foreignAdminToken, { method: route.method, body: route.body }), route.params);
      expect([route.name, status]).toEqual([route.name, 404]);
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.code).toBe("not_found");
    }
    // The lists of the other organization do not show this one's rows.
    const { body } = await call(assessmentsLoader, apiRequest("/api/v1/assessments", foreignAdminToken));
    expect(body.data.map((a: { id: string }) => a.id)).not.toContain(assessmentId);
  });

  it("refuses a viewer token on admin routes: 403", async () => {
    const { viewerToken } = await world();
    for (const route of (await routes()).filter((r) => r.admin)) {
      const { status, body } = await call(route.handler, apiRequest(route.path, viewerToken, { method: route.method, body: route.body }), route.params);
      expect([route.name, status, body.error.code]).toEqual([route.name, 403, "forbidden"]);
    }
    for (const route of (await routes()).filter((r) => !r.admin)) {
      const { status } = await call(route.handler, apiRequest(route.path, viewerToken), route.params);
      expect([route.name, status]).toEqual([route.name, 200]);
    }
  });

  it("answers malformed ids with 404", async () => {
    const { viewerToken } = await world();
    const { status } = await call(scorecardLoader, apiRequest("/api/v1/assessments/nope/scorecard", viewerToken), { assessmentId: "nope" });
    expect(status).toBe(404);
  });
});

describe("pagination", () => {
  it("walks the assessments newest first with opaque cursors, without gaps or repeats", async () => {
    const { owner, assessmentId, openAssessmentId } = await world();
    const { secret } = await createApiToken(owner, { name: "Pager", role: "viewer" });
    for (let i = 0; i < 3; i += 1) await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: `Extra ${i}`, targetProfile: null });
    const all = await call(assessmentsLoader, apiRequest("/api/v1/assessments?limit=100", secret));
    expect(all.body.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const page = await call(assessmentsLoader, apiRequest(`/api/v1/assessments${query}`, secret));
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((a: { id: string }) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.data.map((a: { id: string }) => a.id));
    expect(seen).toHaveLength(5);
    expect(seen).toContain(openAssessmentId);

    const respondents = await call(respondentsLoader, apiRequest(`/api/v1/assessments/${assessmentId}/respondents?limit=1`, secret), { assessmentId });
    expect(respondents.body.data).toHaveLength(1);
    const second = await call(respondentsLoader, apiRequest(`/api/v1/assessments/${assessmentId}/respondents?limit=1&cursor=${respondents.body.nextCursor}`, secret), { assessmentId });
    expect(second.body.data.map((r: { name: string }) => r.name)).toEqual(["Ben Idle"]);
    const rest = await call(respondentsLoader, apiRequest(`/api/v1/assessments/${assessmentId}/respondents?limit=2&cursor=${second.body.nextCursor}`, secret), { assessmentId });
    expect(rest.body.data.map((r: { name: string }) => r.name)).toEqual(["Cy Seller", "Dee Seller"]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it("rejects a bad cursor or limit with 400 and the field", async () => {
    const { viewerToken } = await world();
    for (const query of ["?cursor=garbage", "?limit=0", "?limit=1000", `?cursor=${Buffer.from(JSON.stringify(["x", "y"])).toString("base64url")}`]) {
      const { status, body } = await call(assessmentsLoader, apiRequest(`/api/v1/assessments${query}`, viewerToken));
      expect([query, status]).toEqual([query, 400]);
      expect(Object.keys(body.error.fields)).toEqual([query.includes("cursor") ? "cursor" : "limit"]);
    }
  });
});

describe("rate limit", () => {
  it(`allows ${API_RATE_LIMIT.requests} requests a minute per token, then 429 with Retry-After`, async () => {
    const { owner, viewerToken } = await world();
    const { secret } = await createApiToken(owner, { name: "Busy", role: "viewer" });
    for (let i = 0; i < API_RATE_LIMIT.requests; i += 1) {
      const { status } = await call(questionnairesLoader, apiRequest("/api/v1/questionnaires", secret));
      expect(status).toBe(200);
    }
    const refused = await call(questionnairesLoader, apiRequest("/api/v1/questionnaires", secret));
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other tokens have their own budget.
    expect((await call(questionnairesLoader, apiRequest("/api/v1/questionnaires", viewerToken))).status).toBe(200);
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with responses for every operation and every API route file", async () => {
    const { status, body: doc } = await call(openApiLoader, new Request("http://localhost/api/v1/openapi.json"));
    expect(status).toBe(200);
    expect(doc.openapi).toBe("3.1.0");
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect([path, method, Object.keys(operation.responses).length > 0]).toEqual([path, method, true]);
        expect(operation.responses["200"]).toBeDefined();
      }
    }
    const routeFiles = readdirSync("app/routes").filter((f) => f.startsWith("api.v1."));
    expect(routeFiles.length).toBeGreaterThanOrEqual(9);
    for (const file of routeFiles) {
      const path =
        "/" +
        file
          .replace(/\.tsx?$/, "")
          .replace(/\[(.+?)\]/g, "$1")
          .split(".")
          .map((segment) => segment.replace(/_$/, "").replace(/^\$(\w+)$/, "{$1}"))
          .join("/")
          .replace("/openapi/json", "/openapi.json");
      expect(Object.keys(doc.paths), file).toContain(path);
    }
    expect(doc.paths["/api/v1/roadmaps/{roadmapId}/milestones/{milestoneId}"].patch.responses).toHaveProperty("403");
    const benchmarks = doc.paths["/api/v1/benchmarks"].get;
    expect(benchmarks.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
      ["questionnaire", true],
      ["version", true],
      ["pool", false],
      ["industry", false],
      ["sizeBand", false],
      ["region", false],
    ]);
    expect(benchmarks.parameters.find((p: { name: string }) => p.name === "industry").schema.enum).toContain("Manufacturing");
    expect(Object.keys(benchmarks.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "404", "429"]));
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain("rate_limited");
  });
});

describe("settings page tokens", () => {
  it("lets an admin create a token shown once and lists it without the secret", async () => {
    const { owner, ownerCookie } = await world();
    const slug = owner.organization.slug;
    const created = await settle(
      settingsAction({ request: makeRequest(`/orgs/${slug}/settings`, { cookie: ownerCookie, form: { intent: "create-token", name: "Warehouse", role: "viewer" } }), params: { slug }, context: testContext() }),
    );
    expect(created.status).toBe(200);
    expect(created.data.secret).toMatch(/^kam_[a-z2-7]{52}$/);
    const { status } = await call(questionnairesLoader, apiRequest("/api/v1/questionnaires", created.data.secret));
    expect(status).toBe(200);
    const page = await settle(settingsLoader({ request: makeRequest(`/orgs/${slug}/settings`, { cookie: ownerCookie }), params: { slug }, context: testContext() }));
    const listed = page.data.tokens.find((t: { name: string }) => t.name === "Warehouse");
    expect(listed).toMatchObject({ role: "viewer", createdByName: "Olga Owner", revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(page.data)).not.toContain(created.data.secret);

    const missingName = await settle(
      settingsAction({ request: makeRequest(`/orgs/${slug}/settings`, { cookie: ownerCookie, form: { intent: "create-token", name: " ", role: "owner" } }), params: { slug }, context: testContext() }),
    );
    expect(missingName.status).toBe(400);
    expect(Object.keys(missingName.data.fieldErrors).sort()).toEqual(["name", "role"]);
  });

  it("refuses token management to a program lead", async () => {
    const { owner } = await world();
    const lead = await createUser();
    await addMember(owner.organization, lead, "program_lead");
    const slug = owner.organization.slug;
    const settled = await settle(
      settingsAction({ request: makeRequest(`/orgs/${slug}/settings`, { cookie: await sessionCookie(lead), form: { intent: "create-token", name: "Mine", role: "admin" } }), params: { slug }, context: testContext() }),
    );
    expect(settled.status).toBe(403);
  });
});

describe("api-token command", () => {
  it("creates a token for an organization and prints it once", async () => {
    const { owner, assessmentId } = await world();
    const { code, out } = await apiTokenCli(["--organization", owner.organization.slug, "--role", "admin", "--name", "Nightly export"], getDbHandle());
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("Olga Owner");
    const secret = out.at(-1)!;
    expect(secret).toMatch(/^kam_/);
    const { status } = await call(answersLoader, apiRequest(`/api/v1/assessments/${assessmentId}/answers`, secret), { assessmentId });
    expect(status).toBe(200);
  });

  it("explains bad arguments and unknown organizations", async () => {
    expect((await apiTokenCli(["--organization", "x", "--role", "owner"], getDbHandle())).code).toBe(2);
    const unknown = await apiTokenCli(["--organization", "no-such-org", "--role", "viewer"], getDbHandle());
    expect(unknown.code).toBe(1);
    expect(unknown.out.join()).toMatch(/no-such-org/);
  });
});
