import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { auditLog, questionnaireVersions, respondents } from "#db/schema/index.ts";
import { insertVersion } from "#db/queries/questionnaires.ts";
import {
  closeAssessment,
  createAssessment,
  inviteRespondents,
  openAssessment,
  reassessmentLinks,
  requireAssessment,
  startReassessment,
  updateTargetProfile,
} from "#app/services/assessments.server.ts";
import { inviteMember, issueMissingLinks } from "#app/services/assessment-respondents.server.ts";
import { removeMember } from "#app/services/organizations.server.ts";
import { requireRespondent } from "#app/services/respondents.server.ts";
import { action as manageAction } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import {
  addMember,
  closedAssessmentWith,
  createOwner,
  createUser,
  loadQuestionnaires,
  makeRequest,
  sessionCookie,
  settle,
  sharedWorld,
  testContext,
} from "#test/factories.ts";

type User = Awaited<ReturnType<typeof createUser>>;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { user: ownerUser, organization: org, membership: owner } = await createOwner({ name: "Olga Owner" });
  const slug = org.slug;
  const mia = await createUser({ name: "Mia Member" });
  const lea = await createUser({ name: "Lea Leaving" });
  const viewer = await createUser({ name: "Vic Viewer" });
  await addMember(org, mia, "member");
  await addMember(org, lea, "member");
  await addMember(org, viewer, "viewer");
  const { membership: outsider } = await createOwner();

  const source = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Baseline 2026", targetProfile: null });
  const sourceId = source.id;
  await inviteRespondents(owner, sourceId, [
    { name: "Ada Lind", email: "ada@example.com", function: "sales" },
    { name: "Bo Berg", email: null, function: "kam" },
  ]);
  await inviteMember(owner, sourceId, { userId: mia.id, function: "service" });
  await inviteMember(owner, sourceId, { userId: lea.id, function: "finance" });
  await updateTargetProfile(owner, sourceId, { selection: 5, performance: 2 });
  await openAssessment(owner, sourceId);
  await closeAssessment(owner, sourceId);
  await removeMember(owner, lea.id);

  // Two newer published versions; 1.10.0 is the newest (numbers, not text) and drops "performance".
  const [stored] = await getDb()
    .select()
    .from(questionnaireVersions)
    .where(and(eq(questionnaireVersions.questionnaireId, "kam-maturity"), eq(questionnaireVersions.version, "1.0.0")));
  const content = stored!.content as { version: string; dimensions: { id: string }[]; questions: { dimension: string }[] };
  await insertVersion(getDb(), { questionnaireId: "kam-maturity", version: "1.9.0", status: "published", content: { ...content, version: "1.9.0" }, contentHash: "test-1.9.0" });
  await insertVersion(getDb(), {
    questionnaireId: "kam-maturity",
    version: "1.10.0",
    status: "published",
    content: {
      ...content,
      version: "1.10.0",
      dimensions: content.dimensions.filter((d) => d.id !== "performance"),
      questions: content.questions.filter((q) => q.dimension !== "performance"),
    },
    contentHash: "test-1.10.0",
  });
  return { owner, ownerUser, outsider, mia, lea, viewer, slug, sourceId };
});

beforeAll(world.build);

describe("starting a re-assessment", () => {
  it("copies respondents and targets onto the newest published version, linked to its source", async () => {
    const { owner, ownerUser, mia, lea, sourceId } = await world();
    const created = await startReassessment(owner, sourceId, "Round two");
    const { assessment, version } = await requireAssessment(owner, created.id);
    expect(assessment).toMatchObject({ title: "Round two", status: "draft", previousAssessmentId: sourceId });
    expect(version.version).toBe("1.10.0");
    // "performance" is not in 1.10.0, so its target is dropped; "selection" stays.
    expect(assessment.targetProfile).toEqual({ selection: 5 });

    const copied = await getDb().select().from(respondents).where(eq(respondents.assessmentId, created.id));
    const byName = Object.fromEntries(copied.map((r) => [r.name, { email: r.email, function: r.function, userId: r.userId, tokenHash: r.tokenHash }]));
    expect(byName).toEqual({
      "Ada Lind": { email: "ada@example.com", function: "sales", userId: null, tokenHash: null },
      "Bo Berg": { email: null, function: "kam", userId: null, tokenHash: null },
      "Mia Member": { email: mia.email, function: "service", userId: mia.id, tokenHash: null },
      // Lea left the organization: invited again, but by link.
      "Lea Leaving": { email: lea.email, function: "finance", userId: null, tokenHash: null },
    });

    const links = await reassessmentLinks(owner, created.id);
    expect(links.previous).toEqual({ id: sourceId, title: "Baseline 2026" });
    expect((await reassessmentLinks(owner, sourceId)).next.map((a) => a.id)).toContain(created.id);

    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "assessment.reassessment_started"), eq(auditLog.organizationId, owner.organization.id)));
    expect(audit).toMatchObject({ actorId: ownerUser.id, details: { assessmentId: created.id, previousAssessmentId: sourceId, version: "1.10.0", respondents: 4 } });

    // Links are issued once, for the three link respondents; members need none.
    const issued = await issueMissingLinks(owner, created.id);
    expect(issued.map((i) => i.name)).toEqual(["Ada Lind", "Bo Berg", "Lea Leaving"]);
    for (const link of issued) {
      const context = await requireRespondent(link.token);
      expect(context.assessment.id).toBe(created.id);
      expect(context.respondent.name).toBe(link.name);
    }
    expect(await issueMissingLinks(owner, created.id)).toEqual([]);
  });

  it("keeps no targets when none are left, and proposes a title", async () => {
    const { owner } = await world();
    const { assessment: source } = await closedAssessmentWith(owner, { title: "Pulse" });
    await getDb().update(questionnaireVersions).set({ status: "retired" }).where(and(eq(questionnaireVersions.questionnaireId, "kam-maturity"), eq(questionnaireVersions.version, "1.10.0")));
    const created = await startReassessment(owner, source.id);
    const { assessment, version } = await requireAssessment(owner, created.id);
    expect(assessment.title).toBe("Pulse (re-assessment)");
    expect(assessment.targetProfile).toBeNull();
    expect(version.version).toBe("1.9.0");
  });

  it("refuses an assessment that is not closed (400) and a foreign or malformed id (404)", async () => {
    const { owner, outsider, sourceId } = await world();
    const draft = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Draft", targetProfile: null });
    await expect(startReassessment(owner, draft.id)).rejects.toMatchObject({ status: 400, message: "Only a closed assessment can be repeated; close it first." });
    await openAssessment(owner, draft.id);
    await expect(startReassessment(owner, draft.id)).rejects.toMatchObject({ status: 400 });
    await expect(startReassessment(outsider, sourceId)).rejects.toMatchObject({ status: 404 });
    await expect(startReassessment(owner, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
  });
});

describe("the manage page's re-assessment action", () => {
  const post = async (user: User, assessmentId: string, form: Record<string, string>) => {
    const { slug } = await world();
    return settle(
      manageAction({
        request: makeRequest(`/orgs/${slug}/assessments/${assessmentId}`, { cookie: await sessionCookie(user), form }),
        params: { slug, assessmentId },
        context: testContext(),
      }),
    );
  };

  it("redirects to the new draft", async () => {
    const { owner, ownerUser, slug } = await world();
    const { assessment: source } = await closedAssessmentWith(owner, { title: "Via the page" });
    const result = await post(ownerUser, source.id, { intent: "reassess", title: "Via the page, again" });
    expect(result.status).toBe(302);
    const newId = result.location!.split("/").at(-1)!;
    expect(result.location).toBe(`/orgs/${slug}/assessments/${newId}`);
    expect((await requireAssessment(owner, newId)).assessment.previousAssessmentId).toBe(source.id);
  });

  it("answers 4xx for an open source, an empty title, a viewer and a foreign organization", async () => {
    const { owner, ownerUser, outsider, viewer, sourceId } = await world();
    const open = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Still open", targetProfile: null });
    await openAssessment(owner, open.id);
    const notClosed = await post(ownerUser, open.id, { intent: "reassess", title: "Too early" });
    expect(notClosed.status).toBe(400);
    expect(notClosed.data.formError).toBe("Only a closed assessment can be repeated; close it first.");
    const untitled = await post(ownerUser, sourceId, { intent: "reassess", title: " " });
    expect(untitled.status).toBe(400);
    expect(untitled.data.fieldErrors.title).toBe("Give the assessment a title.");
    expect((await post(viewer, sourceId, { intent: "reassess", title: "Viewer try" })).status).toBe(403);
    expect((await post(outsider.user as User, sourceId, { intent: "reassess", title: "Outsider try" })).status).toBe(404);
  });
});
