import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { respondents } from "#db/schema/index.ts";
import { createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { inviteMember, listInvitableMembers } from "#app/services/assessment-respondents.server.ts";
import { removeMember } from "#app/services/organizations.server.ts";
import { listMyWaitingAssessments, requireRespondent, respondentAnswers, saveAnswers } from "#app/services/respondents.server.ts";
import { loader as indexLoader } from "#app/routes/a.$token._index.tsx";
import { action as dimensionAction, loader as dimensionLoader } from "#app/routes/a.$token.$dimension.tsx";
import { action as saveAction } from "#app/routes/a.$token.answers.ts";
import { action as submitAction, loader as submitLoader } from "#app/routes/a.$token.submit.tsx";
import { loader as doneLoader } from "#app/routes/a.$token.done.tsx";
import { createMember, createOwner, createUser, loadQuestionnaires, makeRequest, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";

type User = Awaited<ReturnType<typeof createUser>>;

const save = (questionId: string, level: number, sequence: number) => ({ questionId, choice: "level" as const, level, comment: null, sequence });

function memberParams(slug: string, id: string, extra: Record<string, string> = {}) {
  return { slug, assessmentId: id, ...extra };
}

async function asUser(user: User | null, path: string, init: { json?: unknown; form?: Record<string, string> } = {}) {
  const cookie = user ? await sessionCookie(user) : undefined;
  if (init.json !== undefined) {
    const headers = new Headers({ Origin: "http://localhost", "Content-Type": "application/json" });
    if (cookie) headers.set("Cookie", cookie);
    return new Request(`http://localhost${path}`, { method: "POST", headers, body: JSON.stringify(init.json) });
  }
  return makeRequest(path, { cookie, form: init.form });
}

const respondBase = (slug: string, assessmentId: string) => `/orgs/${slug}/assessments/${assessmentId}/respond`;

/**
 * Olga's organization: members Mia and Noah (so that another respondent exists) are asked to
 * answer the open "Members answer"; Vera, a viewer, is not.
 */
async function membersAnswer() {
  const { user: ownerUser, organization: org, membership: owner } = await createOwner({ name: "Olga Owner" });
  const { user: mia } = await createMember(org, "member", { name: "Mia Member" });
  const { user: noah } = await createMember(org, "member", { name: "Noah Member" });
  const { user: vera } = await createMember(org, "viewer", { name: "Vera Viewer" });
  const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Members answer", targetProfile: null });
  await inviteMember(owner, assessment.id, { userId: mia.id, function: "sales" });
  await inviteMember(owner, assessment.id, { userId: noah.id, function: "kam" });
  await openAssessment(owner, assessment.id);
  return { owner, ownerUser, org, mia, noah, vera, assessmentId: assessment.id };
}

/** Mia saves two answers and submits; Noah answers one question and goes on. */
async function miaSubmitsNoahAnswersOne({ org, mia, noah, assessmentId }: Awaited<ReturnType<typeof membersAnswer>>) {
  const base = respondBase(org.slug, assessmentId);
  const params = memberParams(org.slug, assessmentId);
  await saveAction({ request: await asUser(mia, `${base}/answers`, { json: { saves: [save("selection-criteria", 4, 1), save("selection-review", 2, 2)] } }), params, context: testContext() });
  await settle(
    dimensionAction({
      request: await asUser(noah, `${base}/selection`, { form: { "q.selection-criteria": "3", intent: "next" } }),
      params: memberParams(org.slug, assessmentId, { dimension: "selection" }),
      context: testContext(),
    }),
  );
  await settle(submitAction({ request: await asUser(mia, `${base}/submit`, { form: {} }), params, context: testContext() }));
}

/** One open "Members answer" nobody has answered yet, and people outside it. */
const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const answering = await membersAnswer();
  // Signed in, member of nothing here.
  const stranger = await createUser({ name: "Sam Stranger" });
  // Member of another organization, respondent there.
  const { user: otto, organization: otherOrg, membership: otherOwner } = await createOwner({ name: "Otto Other" });
  const other = await createAssessment(otherOwner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Elsewhere", targetProfile: null });
  await inviteMember(otherOwner, other.id, { userId: otto.id, function: "leadership" });
  await openAssessment(otherOwner, other.id);
  return { ...answering, stranger, otto, otherOrg, otherAssessmentId: other.id };
});
beforeAll(world.build);

describe("inviting members", () => {
  it("creates a respondent with the member's account, name and email, and no link", async () => {
    const { owner, mia, assessmentId } = await world();
    const rows = await getDb().select().from(respondents).where(eq(respondents.assessmentId, assessmentId));
    const miaRow = rows.find((r) => r.userId === mia.id)!;
    expect(miaRow).toMatchObject({ name: "Mia Member", email: mia.email, function: "sales", tokenHash: null });
    const members = await listInvitableMembers(owner, assessmentId);
    // Owner, Mia, Noah, Vera; Mia and Noah are respondents already.
    expect(members.filter((m) => m.respondentId === null).map((m) => m.name).sort()).toEqual(["Olga Owner", "Vera Viewer"]);
  });

  it("refuses a member twice, a non-member and a foreign assessment", async () => {
    const { owner, mia, stranger, assessmentId, otherAssessmentId } = await world();
    await expect(inviteMember(owner, assessmentId, { userId: mia.id, function: "sales" })).rejects.toMatchObject({ status: 409 });
    await expect(inviteMember(owner, assessmentId, { userId: stranger.id, function: "sales" })).rejects.toMatchObject({ status: 400 });
    await expect(inviteMember(owner, assessmentId, { userId: "not-a-uuid", function: "sales" })).rejects.toMatchObject({ status: 400 });
    await expect(inviteMember(owner, otherAssessmentId, { userId: mia.id, function: "sales" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("a member answers through the respondent pages", () => {
  it("loads, saves and submits only their own answers on the member path", async () => {
    await world();
    const { org, mia, noah, assessmentId } = await membersAnswer();
    const base = () => respondBase(org.slug, assessmentId);
    const index = await settle(indexLoader({ request: await asUser(mia, base()), params: memberParams(org.slug, assessmentId), context: testContext() }));
    expect(index.status).toBe(200);
    expect(index.data).toMatchObject({ base: base(), name: "Mia Member", viaAccount: true, answered: 0, total: 56 });

    const saved = await saveAction({
      request: await asUser(mia, `${base()}/answers`, { json: { saves: [save("selection-criteria", 4, 1), save("selection-review", 2, 2)] } }),
      params: memberParams(org.slug, assessmentId),
      context: testContext(),
    });
    expect(saved).toBeInstanceOf(Response);
    expect((saved as Response).status).toBe(200);
    expect(await (saved as Response).json()).toEqual({ saved: [{ questionId: "selection-criteria", sequence: 1 }, { questionId: "selection-review", sequence: 2 }] });

    const page = await settle(
      dimensionLoader({ request: await asUser(mia, `${base()}/selection`), params: memberParams(org.slug, assessmentId, { dimension: "selection" }), context: testContext() }),
    );
    expect(page.data.base).toBe(base());
    // selection-attractiveness sits between the two in the questionnaire.
    expect(page.data.questions.slice(0, 3).map((q: { value: string | null }) => q.value)).toEqual(["4", null, "2"]);
    expect(page.data.answered).toBe(2);

    // Noah's page shows none of Mia's answers.
    const noahPage = await settle(
      dimensionLoader({ request: await asUser(noah, `${base()}/selection`), params: memberParams(org.slug, assessmentId, { dimension: "selection" }), context: testContext() }),
    );
    expect(noahPage.data.questions.map((q: { value: string | null }) => q.value).filter(Boolean)).toEqual([]);
    expect(noahPage.data.answered).toBe(0);

    // The plain form post moves on under the same base path.
    const posted = await settle(
      dimensionAction({
        request: await asUser(noah, `${base()}/selection`, { form: { "q.selection-criteria": "3", intent: "next" } }),
        params: memberParams(org.slug, assessmentId, { dimension: "selection" }),
        context: testContext(),
      }),
    );
    expect(posted).toMatchObject({ status: 302, location: `${base()}/strategy` });

    const review = await settle(submitLoader({ request: await asUser(mia, `${base()}/submit`), params: memberParams(org.slug, assessmentId), context: testContext() }));
    expect(review.data).toMatchObject({ base: base(), answered: 2, total: 56 });
    const submitted = await settle(
      submitAction({ request: await asUser(mia, `${base()}/submit`, { form: {} }), params: memberParams(org.slug, assessmentId), context: testContext() }),
    );
    expect(submitted).toMatchObject({ status: 302, location: `${base()}/done` });
    const done = await settle(doneLoader({ request: await asUser(mia, `${base()}/done`), params: memberParams(org.slug, assessmentId), context: testContext() }));
    expect(done.data).toEqual({ name: "Mia Member", title: "Members answer", viaAccount: true });

    const stored = await getDb().select().from(respondents).where(eq(respondents.assessmentId, assessmentId));
    const byUser = new Map(stored.map((r) => [r.userId, r]));
    const miaAnswers = await respondentAnswers({ respondent: byUser.get(mia.id)! } as Parameters<typeof respondentAnswers>[0]);
    expect(miaAnswers.map((a) => [a.questionId, a.level]).sort()).toEqual([["selection-criteria", 4], ["selection-review", 2]]);
    const noahAnswers = await respondentAnswers({ respondent: byUser.get(noah.id)! } as Parameters<typeof respondentAnswers>[0]);
    expect(noahAnswers.map((a) => [a.questionId, a.level])).toEqual([["selection-criteria", 3]]);
  });

  it("lists the open assessment as waiting until the member submits", async () => {
    await world();
    const answering = await membersAnswer();
    await miaSubmitsNoahAnswersOne(answering);
    const { org, mia, noah, vera, assessmentId } = answering;
    const noahWaiting = await listMyWaitingAssessments({ user: { id: noah.id } } as Parameters<typeof listMyWaitingAssessments>[0]);
    expect(noahWaiting).toEqual([
      { assessmentId, title: "Members answer", organizationSlug: org.slug, organizationName: org.name, answered: 1, total: 56 },
    ]);
    // Mia submitted; Vera was never invited.
    expect(await listMyWaitingAssessments({ user: { id: mia.id } } as Parameters<typeof listMyWaitingAssessments>[0])).toEqual([]);
    expect(await listMyWaitingAssessments({ user: { id: vera.id } } as Parameters<typeof listMyWaitingAssessments>[0])).toEqual([]);
  });
});

describe("nobody else reaches a member's answers", () => {
  const load = async (user: User | null, slug: string, id: string) =>
    settle(indexLoader({ request: await asUser(user, `/orgs/${slug}/assessments/${id}/respond`), params: memberParams(slug, id), context: testContext() }));
  const post = async (user: User | null, slug: string, id: string) =>
    settle(
      saveAction({
        request: await asUser(user, `/orgs/${slug}/assessments/${id}/respond/answers`, { json: { saves: [save("selection-criteria", 5, 99)] } }),
        params: memberParams(slug, id),
        context: testContext(),
      }),
    );

  it("a member who is not a respondent gets 404", async () => {
    const { owner, vera, org, assessmentId } = await world();
    expect((await load(vera, org.slug, assessmentId)).status).toBe(404);
    expect((await post(vera, org.slug, assessmentId)).status).toBe(404);
    expect((await load(owner.user as User, org.slug, assessmentId)).status).toBe(404);
  });

  it("a non-member gets 404", async () => {
    const { stranger, org, assessmentId } = await world();
    expect((await load(stranger, org.slug, assessmentId)).status).toBe(404);
    expect((await post(stranger, org.slug, assessmentId)).status).toBe(404);
  });

  it("a member of another organization gets 404, whichever slug they use", async () => {
    const { otto, mia, org, otherOrg, assessmentId, otherAssessmentId } = await world();
    expect((await load(otto, org.slug, assessmentId)).status).toBe(404);
    expect((await load(otto, otherOrg.slug, assessmentId)).status).toBe(404);
    // Mia is a respondent of the first organization, not a member of the second.
    expect((await load(mia, otherOrg.slug, otherAssessmentId)).status).toBe(404);
    expect((await load(mia, otherOrg.slug, assessmentId)).status).toBe(404);
    expect((await post(otto, org.slug, assessmentId)).status).toBe(404);
    // Otto's own path works.
    expect((await load(otto, otherOrg.slug, otherAssessmentId)).status).toBe(200);
  });

  it("a bad assessment id is a 404, and a signed-out visitor is sent to sign in (JSON 401 for autosave)", async () => {
    const { mia, org, assessmentId } = await world();
    const base = () => respondBase(org.slug, assessmentId);
    expect((await load(mia, org.slug, "not-a-uuid")).status).toBe(404);
    const signedOut = await load(null, org.slug, assessmentId);
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toBe(`/signin?redirectTo=${encodeURIComponent(base())}`);
    const autosave = await post(null, org.slug, assessmentId);
    expect(autosave.status).toBe(401);
    expect(autosave.data.error.code).toBe("signed_out");
  });

  it("a member's respondent has no link, and leaving the organization ends access", async () => {
    await world();
    const { owner, noah, org, assessmentId } = await membersAnswer();
    const [linked] = await inviteRespondents(owner, assessmentId, [{ name: "Lina Link", email: null, function: "finance" }]);
    // The link respondent cannot use the member path, and the member row is not reachable by any link.
    expect((await requireRespondent(linked!.token)).respondent.userId).toBeNull();
    await saveAnswers(await requireRespondent(linked!.token), [save("selection-criteria", 1, 1)]);
    expect((await load(noah, org.slug, assessmentId)).status).toBe(200);
    await removeMember(owner, noah.id);
    expect((await load(noah, org.slug, assessmentId)).status).toBe(404);
    expect((await post(noah, org.slug, assessmentId)).status).toBe(404);
  });
});
