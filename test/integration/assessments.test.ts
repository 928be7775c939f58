import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { answers, assessmentResults, organizations, questionnaireVersions } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment, reopenAssessment, requireAssessment } from "#app/services/assessments.server.ts";
import { listAssessmentRespondents, renewRespondentLink } from "#app/services/assessment-respondents.server.ts";
import { exportAnswersCsv, loadAssessmentResults, loadDimensionDetail } from "#app/services/assessment-results.server.ts";
import { requireRespondent, respondentAnswers, saveAnswers, submitAnswers } from "#app/services/respondents.server.ts";
import { action as saveAction } from "#app/routes/a.$token.answers.ts";
import { createOrganization, createOwner, createUser, loadQuestionnaires, membershipOf, settle, sharedWorld, testContext } from "#test/factories.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const user = await createUser();
  const owner = await membershipOf(user, await createOrganization(user));
  const other = await createUser();
  return { owner, outsider: await membershipOf(other, await createOrganization(other)) };
});

beforeAll(world.build);

async function openAssessmentWith(owner: Membership, people: number) {
  const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Test", targetProfile: null });
  const invited = await inviteRespondents(
    owner,
    assessment.id,
    Array.from({ length: people }, (_, i) => ({ name: `Person ${i}`, email: null, function: i % 2 ? "sales" : "kam" }) as const),
  );
  await openAssessment(owner, assessment.id);
  return { assessment, tokens: invited.map((i) => i.token) };
}

const save = (questionId: string, level: number | null, sequence: number, choice: AnswerSave["choice"] = level === null ? null : "level"): AnswerSave => ({
  questionId,
  choice,
  level,
  comment: null,
  sequence,
});

describe("assessment lifecycle", () => {
  it("create, invite, open, answer, close with a snapshot, reopen", async () => {
    const { owner } = await world();
    const { assessment, tokens } = await openAssessmentWith(owner, 3);
    const levels = [2, 3, 4];
    for (const [i, token] of tokens.entries()) {
      const context = await requireRespondent(token);
      const selection = context.version.questions.filter((q) => q.dimension === "selection");
      await saveAnswers(context, selection.map((q, j) => save(q.id, levels[i]!, j + 1)));
      await submitAnswers(await requireRespondent(token));
    }
    const people = await listAssessmentRespondents(owner, assessment.id);
    expect(people.map((p) => [p.answered, p.submittedAt !== null])).toEqual([[5, true], [5, true], [5, true]]);

    const scorecard = await closeAssessment(owner, assessment.id);
    const selection = scorecard.dimensions.find((d) => d.dimensionId === "selection")!;
    expect(selection.n).toBe(3);
    expect(selection.mean).toBe(3); // (2 + 3 + 4) / 3, every item at one level per person
    expect(selection.rwg).toBe(0.5); // sample variance of 2, 3, 4 is 1
    const [snapshot] = await getDb().select().from(assessmentResults).where(eq(assessmentResults.assessmentId, assessment.id));
    expect(snapshot?.engineVersion).toBe("1.1.0");
    expect((snapshot?.scorecard as { overall: { index: number } }).overall.index).toBe(3);

    await expect(saveAnswers(await requireRespondent(tokens[0]!), [save("selection-criteria", 5, 99)])).rejects.toThrow("not open");
    await reopenAssessment(owner, assessment.id);
    const reopened = await requireRespondent(tokens[0]!);
    expect(reopened.respondent.submittedAt).toBeNull();
    await saveAnswers(reopened, [save("selection-criteria", 5, 99)]);
  });

  it("refuses a retired version for new assessments", async () => {
    const { owner } = await world();
    await getDb().update(questionnaireVersions).set({ status: "retired" }).where(eq(questionnaireVersions.questionnaireId, "kam-readiness"));
    await expect(
      createAssessment(owner, { questionnaireId: "kam-readiness", version: "1.0.0", title: "Readiness", targetProfile: null }),
    ).rejects.toThrow(/retired and draft versions cannot start new assessments/);
  });

  it("an assessment id of another organization is a 404", async () => {
    const { owner, outsider } = await world();
    const { assessment } = await openAssessmentWith(owner, 1);
    const result = await settle(requireAssessment(outsider, assessment.id));
    expect(result.status).toBe(404);
    expect((await settle(requireAssessment(owner, "not-a-uuid"))).status).toBe(404);
    await expect(closeAssessment(outsider, assessment.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("saving answers", () => {
  it("refuses bad saves with 4xx and stores nothing", async () => {
    const { owner } = await world();
    const { tokens } = await openAssessmentWith(owner, 1);
    const context = await requireRespondent(tokens[0]!);
    const post = (body: string) =>
      settle(saveAction({ request: new Request(`http://localhost/a/${tokens[0]}/answers`, { method: "POST", body, headers: { "Content-Type": "application/json" } }), params: { token: tokens[0]! }, context: testContext() }));
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ saves: [save("selection-criteria", 6, 1)] }))).status).toBe(400);
    const unknown = await post(JSON.stringify({ saves: [save("selection-criteria", 3, 1), save("no-such-question", 3, 2)] }));
    expect(unknown.status).toBe(400);
    expect(unknown.data.error.message).toBe('"no-such-question" is not a question of this questionnaire.');
    const na = await post(JSON.stringify({ saves: [save("selection-criteria", null, 3, "not_applicable")] }));
    expect(na.status).toBe(400);
    expect(await respondentAnswers(context)).toEqual([]);

    const revokedToken = tokens[0]!;
    await renewRespondentLink(owner, context.assessment.id, context.respondent.id, false);
    const revoked = await settle(saveAction({ request: new Request(`http://localhost/a/${revokedToken}/answers`, { method: "POST", body: JSON.stringify({ saves: [save("selection-criteria", 3, 9)] }) }), params: { token: revokedToken }, context: testContext() }));
    // A revoked link is gone, not unknown: it says so (test/integration/respondent-pages.test.ts).
    expect(revoked.status).toBe(410);
    expect(revoked.data.error.code).toBe("link_revoked");
  });

  it("a respondent's link reaches only their own answers", async () => {
    const { owner } = await world();
    const { tokens } = await openAssessmentWith(owner, 2);
    await saveAnswers(await requireRespondent(tokens[0]!), [save("selection-criteria", 2, 1)]);
    await saveAnswers(await requireRespondent(tokens[1]!), [save("selection-criteria", 5, 1)]);
    const mine = await respondentAnswers(await requireRespondent(tokens[1]!));
    expect(mine.map((a) => [a.questionId, a.level])).toEqual([["selection-criteria", 5]]);
  });

  it("no answer is lost: 1,000 random interleavings converge to the newest choice per question", async () => {
    const { owner } = await world();
    const { assessment } = await openAssessmentWith(owner, 0);
    const questions = ["selection-criteria", "selection-review", "strategy-company-link"];
    // Two tabs choose in turn; the sequence is a shared clock, so later choices are newer.
    const choices = fc.array(
      fc.record({ question: fc.constantFrom(...questions), level: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 5 }) }),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(choices, fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), async (picks, noise) => {
        const [invited] = await inviteRespondents(owner, assessment.id, [{ name: "Tab user", email: null, function: "sales" }]);
        const saves = picks.map((p, i) => save(p.question, p.level, i + 1));
        // Deliver out of order, with some saves duplicated, in batches of one to three.
        const deliveries = [...saves, ...saves.filter((_, i) => (noise[i] ?? 0) % 3 === 0)]
          .map((s, i) => ({ s, key: (noise[i % noise.length] ?? 0) * 31 + i * 17 }))
          .sort((a, b) => (a.key % 97) - (b.key % 97))
          .map((d) => d.s);
        const context = await requireRespondent(invited!.token);
        for (let i = 0; i < deliveries.length; ) {
          const size = 1 + ((noise[i % noise.length] ?? 0) % 3);
          await saveAnswers(context, deliveries.slice(i, i + size));
          i += size;
        }
        const newest = new Map<string, AnswerSave>();
        for (const s of saves) newest.set(s.questionId, s); // later in time wins
        const stored = await getDb().select().from(answers).where(eq(answers.respondentId, context.respondent.id));
        expect(Object.fromEntries(stored.map((a) => [a.questionId, [a.level, a.clientSequence]]))).toEqual(
          Object.fromEntries([...newest.values()].map((s) => [s.questionId, [s.level, s.sequence]])),
        );
      }),
      { numRuns: 1000 },
    );
  }, 180_000);
});

describe("results", () => {
  it("an open assessment is scored provisionally; a closed one shows its snapshot", async () => {
    const { owner, outsider } = await world();
    const { assessment, tokens } = await openAssessmentWith(owner, 3);
    const selection = (level: number) => [save("selection-criteria", level, 1), save("selection-review", level, 2), save("selection-resources", level, 3)];
    await saveAnswers(await requireRespondent(tokens[0]!), selection(2));
    await saveAnswers(await requireRespondent(tokens[1]!), selection(4));
    // Two people so far: fewer than the minimum group size of 3, so no number at all.
    const early = await loadAssessmentResults(owner, assessment.id);
    expect(early.scorecard.overall.index).toBeNull();
    expect(early.scorecard.dimensions.find((d) => d.dimensionId === "selection")).toMatchObject({ n: 2, mean: null, withheld: "too_few" });
    await saveAnswers(await requireRespondent(tokens[2]!), selection(3));
    const open = await loadAssessmentResults(owner, assessment.id);
    expect(open.provisional).toBe(true);
    expect(open.scorecard.overall.index).toBe(3); // (2 + 4 + 3) / 3 on the only scored dimension
    await closeAssessment(owner, assessment.id);
    // A change after closing (made directly, as no respondent can) does not move the stored results.
    await getDb().update(answers).set({ level: 5 }).where(eq(answers.questionId, "selection-criteria"));
    const closed = await loadAssessmentResults(owner, assessment.id);
    expect(closed.provisional).toBe(false);
    expect(closed.scorecard.overall.index).toBe(3);
    expect(closed.focus[0]?.dimensionId).toBe("selection");
    expect(closed.focus[0]?.explanation[3]).toBe("3 of 3 respondents counted.");
    await expect(loadAssessmentResults(outsider, assessment.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("exports", () => {
  /** The CSV's rows without their first column, and the codes in order of appearance. */
  const split = (csv: string) => {
    const lines = csv.split("\r\n").slice(1, -1);
    return { codes: lines.map((l) => l.split(",")[0]!), rest: lines.map((l) => l.slice(l.indexOf(",") + 1)) };
  };

  it("the CSV has one row per respondent and question under codes, no names, no small functions, and neutralized formulas", async () => {
    const { owner, outsider } = await world();
    // kam, sales, kam, sales: no function has 3 people, so no row names one.
    const { assessment, tokens } = await openAssessmentWith(owner, 4);
    await saveAnswers(await requireRespondent(tokens[0]!), [
      { questionId: "selection-criteria", choice: "level", level: 3, comment: "=HYPERLINK(\"http://evil\")", sequence: 1 },
      { questionId: "selection-review", choice: "dont_know", level: null, comment: "Only two answered this", sequence: 2 },
    ]);
    await saveAnswers(await requireRespondent(tokens[1]!), [save("selection-criteria", 2, 1), save("insight-customer-portal", null, 2, "not_applicable")]);
    await saveAnswers(await requireRespondent(tokens[2]!), [save("selection-criteria", 4, 1), save("selection-review", 1, 2)]);
    const csv = await exportAnswersCsv(owner, assessment.id);
    expect(csv.split("\r\n")[0]).toBe("respondent,function,dimension,question,level,dont_know,not_applicable,comment");
    const { codes, rest } = split(csv);
    // Three people answered selection-criteria, so its comment shows; two answered selection-review, so its comment does not.
    expect([...rest].sort()).toEqual(
      [
        `,selection,selection-criteria,3,,,"'=HYPERLINK(""http://evil"")"`,
        ",selection,selection-review,,yes,,",
        ",selection,selection-criteria,2,,,",
        ",insight,insight-customer-portal,,,yes,",
        ",selection,selection-criteria,4,,,",
        ",selection,selection-review,1,,,",
      ].sort(),
    );
    // Rows come grouped by code, R1 to R3, one code per respondent.
    expect([...new Set(codes)]).toEqual(["R1", "R2", "R3"]);
    expect(codes).toEqual([...codes].sort());
    const codeOfRow = (fragment: string) => codes[rest.findIndex((r) => r.includes(fragment))];
    expect(codeOfRow("HYPERLINK")).toBe(codeOfRow("selection-review,,yes"));
    expect(csv).not.toContain("Person 0");
    await expect(exportAnswersCsv(outsider, assessment.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses raw answers while fewer than the minimum group size have answered", async () => {
    const { owner } = await world();
    const { assessment, tokens } = await openAssessmentWith(owner, 3);
    await saveAnswers(await requireRespondent(tokens[0]!), [save("selection-criteria", 3, 1)]);
    await saveAnswers(await requireRespondent(tokens[1]!), [save("selection-criteria", 4, 1)]);
    await expect(exportAnswersCsv(owner, assessment.id)).rejects.toMatchObject({
      status: 409,
      message: "Raw answers can be exported once at least 3 people have answered, so that no one's answers stand alone.",
    });
  });

  it("draws new codes for each export unless the organization keeps stable ones", async () => {
    // Its own organization: the test switches the organization to stable codes.
    const { membership: owner } = await createOwner();
    const { assessment, tokens } = await openAssessmentWith(owner, 10);
    // Person i answers selection-criteria with level i mod 5 + 1 and selection-review with ⌊i / 5⌋ + 1: ten different pairs.
    for (const [i, token] of tokens.entries()) await saveAnswers(await requireRespondent(token), [save("selection-criteria", (i % 5) + 1, 1), save("selection-review", Math.floor(i / 5) + 1, 2)]);
    const pairs = (csv: string) => {
      const { codes, rest } = split(csv);
      const byCode = new Map<string, string[]>();
      rest.forEach((r, i) => byCode.set(codes[i]!, [...(byCode.get(codes[i]!) ?? []), r.split(",")[3]!]));
      return [...byCode].map(([code, levels]) => `${code}:${levels.join("/")}`);
    };
    // Fresh codes: the chance that two exports of ten people pair every code with the same person is 1 in 10! (3.6 million).
    const first = pairs(await exportAnswersCsv(owner, assessment.id));
    const second = pairs(await exportAnswersCsv(owner, assessment.id));
    expect(first).toHaveLength(10);
    expect(second).not.toEqual(first);

    await getDb().update(organizations).set({ stablePseudonyms: true }).where(eq(organizations.id, owner.organization.id));
    const stable = await membershipOf({ id: owner.user.id }, owner.organization);
    const kept = pairs(await exportAnswersCsv(stable, assessment.id));
    expect(pairs(await exportAnswersCsv(stable, assessment.id))).toEqual(kept);
    expect(kept.every((p) => /^R-[A-Z2-7]{6,}:/.test(p))).toBe(true);
  });
});

describe("dimension detail", () => {
  it("answers 404 for an unknown dimension and for another organization", async () => {
    const { owner, outsider } = await world();
    const { assessment } = await openAssessmentWith(owner, 1);
    await expect(loadDimensionDetail(owner, assessment.id, "no-such-dimension")).rejects.toMatchObject({ status: 404 });
    await expect(loadDimensionDetail(outsider, assessment.id, "selection")).rejects.toMatchObject({ status: 404 });
    const detail = await loadDimensionDetail(owner, assessment.id, "selection");
    expect(detail.questions).toHaveLength(5);
  });
});
