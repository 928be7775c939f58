// PostgreSQL text cannot hold U+0000. A NUL inside otherwise valid input is bad input: 400 with
// the field named, nothing stored; before, the insert failed and the request answered 500.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { organizations } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { action as answersAction } from "#app/routes/a.$token.answers.ts";
import { action as newOrganization } from "#app/routes/orgs.new.tsx";
import { action as milestoneAction } from "#app/routes/api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { createUser, createOrganization, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const user = await createUser();
  const cookie = await sessionCookie(user);
  const organization = await createOrganization(user);
  const owner = await membershipOf(user, organization);
  const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "NUL", targetProfile: null });
  const [respondent] = await inviteRespondents(owner, assessment.id, [{ name: "Ann", email: null, function: "sales" }]);
  await openAssessment(owner, assessment.id);
  const adminToken = (await createApiToken(owner, { name: "NUL", role: "admin" })).secret;
  return { cookie, respondentToken: respondent!.token, adminToken };
});

beforeAll(world.build);

describe("a NUL character inside valid input", () => {
  it("in a form field: 400 naming the field, and no organization created", async () => {
    const { cookie } = await world();
    const before = (await getDb().select().from(organizations)).length;
    const form = { name: "Acme\u0000 Industrial", industry: "Manufacturing", sizeBand: "250–999", region: "Europe" };
    const result = await settle(newOrganization({ request: makeRequest("/orgs/new", { cookie, form }), params: {}, context: testContext() }));
    expect(result.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({ name: "Remove the invisible NUL character (U+0000) from this field." });
    expect((await getDb().select().from(organizations)).length).toBe(before);
  });

  it("in an autosaved comment: 400, the answer is not stored", async () => {
    const { respondentToken } = await world();
    const saves: AnswerSave[] = [{ questionId: "selection-criteria", choice: "level", level: 3, comment: "fine\u0000", sequence: 1 }];
    const request = new Request(`http://localhost/a/${respondentToken}/answers`, {
      method: "POST",
      headers: { Origin: "http://localhost", "Content-Type": "application/json" },
      body: JSON.stringify({ saves }),
    });
    const result = await settle(answersAction({ request, params: { token: respondentToken }, context: testContext() }));
    expect(result.status).toBe(400);
    expect(result.data.error.message).toContain("saves.0.comment");
  });

  it("in an API body: 400 with the field", async () => {
    const { adminToken } = await world();
    const id = "00000000-0000-4000-8000-000000000000";
    const request = new Request(`http://localhost/api/v1/roadmaps/${id}/milestones/${id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ status: "done", evidence: "signed\u0000" }),
    });
    const result = await settle(milestoneAction({ request, params: { roadmapId: id, milestoneId: id }, context: testContext() }));
    expect(result.status).toBe(400);
    expect(result.data.error.fields).toEqual({ evidence: "Remove the invisible NUL character (U+0000) from this field." });
  });
});
