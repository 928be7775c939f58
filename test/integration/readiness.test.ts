import { describe, expect, it } from "vitest";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { loadOverviewAssessments } from "#app/services/assessment-results.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { loader as overviewLoader } from "#app/routes/orgs.$slug._index.tsx";
import { createOrganization, createUser, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, testContext } from "#test/factories.ts";

describe("the readiness check on the organization's overview", () => {
  it("shows the outcome of the newest closed readiness check", async () => {
    await loadQuestionnaires();
    const user = await createUser();
    const organization = await createOrganization(user);
    const membership = await membershipOf(user, organization);
    expect((await loadOverviewAssessments(membership)).readiness).toBeNull();

    // Market fit 2 everywhere (below 2.5) → a segmented sales model suffices, whatever the foundation.
    async function closedCheck(title: string, people: string[]) {
      const assessment = await createAssessment(membership, { questionnaireId: "kam-readiness", version: "1.0.0", title, targetProfile: null });
      const invited = await inviteRespondents(membership, assessment.id, people.map((name) => ({ name, email: null, function: "leadership" as const })));
      await openAssessment(membership, assessment.id);
      for (const person of invited) {
        const context = await requireRespondent(person.token);
        await saveAnswers(
          context,
          context.version.questions.map((q, i) => ({ questionId: q.id, choice: "level", level: q.dimension === "market-fit" ? 2 : 5, comment: null, sequence: i + 1 })),
        );
      }
      await closeAssessment(membership, assessment.id);
    }

    // Two people: fewer than the minimum group size, so their answers give no outcome.
    await closedCheck("Quick check", ["Cleo CEO", "Carl CFO"]);
    expect((await loadOverviewAssessments(membership)).readiness).toBeNull();

    await closedCheck("Is KAM for us?", ["Cleo CEO", "Carl CFO", "Cora COO"]);
    const outcome = (await loadOverviewAssessments(membership)).readiness;
    expect(outcome?.id).toBe("segmented-sales");
    const page = await settle(
      overviewLoader({ request: makeRequest(`/orgs/${organization.slug}`, { cookie: await sessionCookie(user) }), params: { slug: organization.slug }, context: testContext() }),
    );
    expect(page.data.readiness.label).toBe("A segmented sales model suffices");
    expect(page.data.assessments.map((a: { title: string; status: string }) => [a.title, a.status])).toEqual([
      ["Is KAM for us?", "closed"],
      ["Quick check", "closed"],
    ]);
  });
});
