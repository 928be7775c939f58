// What a respondent sees: whose assessment it is and who asked, how long it takes and what is
// promised; an old link that says what happened to it; and what happens to answers sent after
// the assessment closed.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { answers, organizations } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { answeringMinutes } from "#app/domain/respondents.ts";
import { respondentMessages as rm } from "#app/messages/respondents.ts";
import { assessmentMessages as m } from "#app/messages/assessments.ts";
import { action as assessmentAction, loader as assessmentLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import { handle as startHandle, loader as startLoader } from "#app/routes/a.$token._index.tsx";
import { action as dimensionAction, handle as dimensionHandle } from "#app/routes/a.$token.$dimension.tsx";
import { action as saveAction } from "#app/routes/a.$token.answers.ts";
import { handle as submitHandle } from "#app/routes/a.$token.submit.tsx";
import { handle as doneHandle } from "#app/routes/a.$token.done.tsx";
import { createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { renewRespondentLink } from "#app/services/assessment-respondents.server.ts";
import { createClient } from "#app/services/engagements.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { countStatements } from "#test/statements.ts";
import { addMember, createOrganization, createUser, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const user = await createUser({ name: "Olga Owner" });
  const owner = await membershipOf(user, await createOrganization(user, "Northwind Parts"));
  return { owner, ownerCookie: await sessionCookie(user) };
});

beforeAll(world.build);

async function openWith(membership: Membership, people: { name: string; email: string | null }[], questionnaireId = "kam-maturity") {
  const assessment = await createAssessment(membership, { questionnaireId, version: "1.0.0", title: "KAM check 2026", targetProfile: null });
  const invited = await inviteRespondents(membership, assessment.id, people.map((p) => ({ ...p, function: "sales" as const })));
  await openAssessment(membership, assessment.id);
  return { assessment, invited };
}

const start = (token: string) => settle(startLoader({ request: makeRequest(`/a/${token}`), params: { token }, context: testContext() }));
const autosave = (token: string, saves: AnswerSave[]) =>
  settle(
    saveAction({
      request: new Request(`http://localhost/a/${token}/answers`, {
        method: "POST",
        headers: { Origin: "http://localhost", "Content-Type": "application/json" },
        body: JSON.stringify({ saves }),
      }),
      params: { token },
      context: testContext(),
    }),
  );
const level = (questionId: string, value: number, sequence: number): AnswerSave => ({ questionId, choice: "level", level: value, comment: null, sequence });

describe("the start page", () => {
  it("names the organization and who invited, says how long it takes and promises what is enforced", async () => {
    const { owner } = await world();
    const { invited } = await openWith(owner, [{ name: "Ada", email: null }]);
    const page = await start(invited[0]!.token);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ organization: "Northwind Parts", consultancy: null, invitedBy: "Olga Owner", minimumGroupSize: 3, total: 56 });
    // 56 questions × 20 s = 18.7 min, rounded up to the next five minutes.
    expect(page.data.minutes).toBe(20);
    expect(rm.invitedTo(page.data.organization, page.data.consultancy)).toBe("Northwind Parts asks for your view.");
    expect(rm.promise("Northwind Parts", 3)).toContain("Northwind Parts sees only combined results from at least 3 people");
    // The organization, the consultancy and the inviter come with the respondent: the respondent row and the answers.
    await start(invited[0]!.token);
    expect((await countStatements(() => start(invited[0]!.token))).count).toBe(2);
  });

  it("fills in the organization's minimum group size and a short questionnaire's time", async () => {
    const user = await createUser({ name: "Sam Strict" });
    const organization = await createOrganization(user, "Strict Org");
    await getDb().update(organizations).set({ minimumGroupSize: 7 }).where(eq(organizations.id, organization.id));
    const { invited } = await openWith(await membershipOf(user, organization), [{ name: "Ada", email: null }], "kam-readiness");
    const page = await start(invited[0]!.token);
    expect(page.data.minimumGroupSize).toBe(7);
    // 10 questions × 20 s = 3.3 min: at least five minutes.
    expect([page.data.total, page.data.minutes]).toEqual([10, 5]);
    expect(answeringMinutes(0)).toBe(5);
    expect(answeringMinutes(16)).toBe(10); // 5.3 min → 10
  });

  it("names the consultancy when a consultant added the respondent through an engagement", async () => {
    const consultant = await createUser({ name: "Cora Consultant" });
    const consultancy = await insertOrganization(getDb(), {
      name: "Bright Advisory",
      slug: `bright-${Date.now().toString(36)}`,
      industry: "Professional services",
      sizeBand: "50–249",
      region: "Europe",
      kind: "consultancy",
    });
    await addMember(consultancy!, consultant, "owner");
    const { client } = await createClient(await membershipOf(consultant, consultancy!), {
      name: `Harbor Client ${Date.now().toString(36)}`,
      industry: "Manufacturing",
      sizeBand: "250–999",
      region: "Europe",
    });
    const acting = await membershipOf(consultant, client);
    expect(acting.engagement?.consultancy.name).toBe("Bright Advisory");
    const { invited } = await openWith(acting, [{ name: "Ada", email: null }]);
    const page = await start(invited[0]!.token);
    expect(page.data).toMatchObject({ organization: client.name, consultancy: "Bright Advisory", invitedBy: "Cora Consultant" });
    expect(rm.invitedTo(client.name, "Bright Advisory")).toBe(`Bright Advisory runs this assessment for ${client.name}.`);
  });

  it("every respondent page offers no account to someone who came by link", () => {
    for (const handle of [startHandle, dimensionHandle, submitHandle, doneHandle]) expect(handle).toEqual({ respondentPage: true });
  });
});

describe("an old link", () => {
  it("a replaced link answers 410 naming the sender and the organization; the autosave answers 410 as JSON", async () => {
    const { owner } = await world();
    const { assessment, invited } = await openWith(owner, [{ name: "Ada", email: null }]);
    const old = invited[0]!;
    await saveAnswers(await requireRespondent(old.token), [level("selection-criteria", 4, 1)]);
    const fresh = await renewRespondentLink(owner, assessment.id, old.respondent.id);
    expect((await start(old.token)).status).toBe(410);
    const thrown = await startLoader({ request: makeRequest(`/a/${old.token}`), params: { token: old.token }, context: testContext() }).catch((e: Response) => e);
    expect(await (thrown as Response).json()).toEqual({ kind: "respondent-link", reason: "replaced", organization: "Northwind Parts", invitedBy: "Olga Owner" });

    const save = await autosave(old.token, [level("selection-criteria", 2, 2)]);
    expect(save.status).toBe(410);
    expect(save.data.error).toEqual({
      code: "link_replaced",
      message: `${rm.linkReplaced} Ask Olga Owner at Northwind Parts for a new link; answers you already gave are kept.`,
    });
    // The new link reaches the same answers.
    const now = await requireRespondent(fresh!);
    const [kept] = await getDb().select().from(answers).where(eq(answers.respondentId, now.respondent.id));
    expect(kept).toMatchObject({ questionId: "selection-criteria", level: 4 });
  });

  it("a revoked link says it was withdrawn; a link that never existed stays a 404", async () => {
    const { owner } = await world();
    const { assessment, invited } = await openWith(owner, [{ name: "Bo", email: null }]);
    await renewRespondentLink(owner, assessment.id, invited[0]!.respondent.id, false);
    const thrown = (await startLoader({ request: makeRequest(`/a/${invited[0]!.token}`), params: { token: invited[0]!.token }, context: testContext() }).catch((e: Response) => e)) as Response;
    expect(thrown.status).toBe(410);
    expect(await thrown.json()).toMatchObject({ reason: "revoked" });
    expect((await autosave(invited[0]!.token, [level("selection-criteria", 2, 1)])).data.error.code).toBe("link_revoked");
    expect((await start("never-issued-token")).status).toBe(404);
    expect((await autosave("never-issued-token", [level("selection-criteria", 2, 1)])).status).toBe(404);
  });
});

describe("closing while people answer", () => {
  it("the close button counts who is in progress and closes only once confirmed", async () => {
    const { owner, ownerCookie } = await world();
    const { assessment, invited } = await openWith(owner, [
      { name: "Ada", email: null },
      { name: "Bo", email: null },
      { name: "Cy", email: null },
    ]);
    // Ada and Bo start; Cy has not opened the link.
    await saveAnswers(await requireRespondent(invited[0]!.token), [level("selection-criteria", 3, 1)]);
    await saveAnswers(await requireRespondent(invited[1]!.token), [level("selection-criteria", 4, 1)]);
    const path = `/orgs/${owner.organization.slug}/assessments/${assessment.id}`;
    const params = { slug: owner.organization.slug, assessmentId: assessment.id };
    const page = await settle(assessmentLoader({ request: makeRequest(path, { cookie: ownerCookie }), params, context: testContext() }));
    expect(page.data.inProgress).toBe(2);

    const asked = await settle(assessmentAction({ request: makeRequest(path, { cookie: ownerCookie, form: { intent: "close" } }), params, context: testContext() }));
    expect(asked.data).toEqual({ ok: false, intent: "close", confirmClose: 2 });
    expect((await requireRespondent(invited[0]!.token)).assessment.status).toBe("open");

    const closed = await settle(assessmentAction({ request: makeRequest(path, { cookie: ownerCookie, form: { intent: "close", confirmed: "yes" } }), params, context: testContext() }));
    expect(closed.data).toMatchObject({ ok: true, intent: "close" });
    expect((await requireRespondent(invited[0]!.token)).assessment.status).toBe("closed");
  });

  it("an answer sent after the close answers 409 with what was not recorded, and nothing recorded is lost", async () => {
    const { owner, ownerCookie } = await world();
    const { assessment, invited } = await openWith(owner, [{ name: "Ada", email: null }]);
    const token = invited[0]!.token;
    await saveAnswers(await requireRespondent(token), [level("selection-criteria", 3, 1), level("selection-attractiveness", 2, 2)]);
    const path = `/orgs/${owner.organization.slug}/assessments/${assessment.id}`;
    const params = { slug: owner.organization.slug, assessmentId: assessment.id };
    await settle(assessmentAction({ request: makeRequest(path, { cookie: ownerCookie, form: { intent: "close", confirmed: "yes" } }), params, context: testContext() }));

    // A replay of a recorded answer, one change and one new answer arrive after the close.
    const version = (await requireRespondent(token)).version;
    const text = (id: string) => version.questions.find((q) => q.id === id)!.text as string;
    const late = await autosave(token, [level("selection-criteria", 3, 1), level("selection-attractiveness", 5, 3), level("selection-review", 4, 4)]);
    expect(late.status).toBe(409);
    expect(late.data.error).toEqual({
      code: "assessment_closed",
      message: m.closedWhileAnswering,
      notRecorded: [
        { questionId: "selection-attractiveness", text: text("selection-attractiveness") },
        { questionId: "selection-review", text: text("selection-review") },
      ],
    });

    // The same from the page's form without JavaScript.
    const posted = await settle(
      dimensionAction({
        request: makeRequest(`/a/${token}/selection`, { form: { intent: "next", "q.selection-criteria": "3", "q.selection-review": "1" } }),
        params: { token, dimension: "selection" },
        context: testContext(),
      }),
    );
    expect(posted.status).toBe(409);
    expect(posted.data.refusal).toEqual({ message: m.closedWhileAnswering, notRecorded: [{ questionId: "selection-review", text: text("selection-review") }] });

    const stored = await getDb().select().from(answers).where(eq(answers.respondentId, invited[0]!.respondent.id));
    expect(stored.map((a) => [a.questionId, a.level]).sort()).toEqual([
      ["selection-attractiveness", 2],
      ["selection-criteria", 3],
    ]);
  });
});
