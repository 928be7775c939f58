// Respondent privacy over random assessments (ADR 0017): random functions, group sizes,
// answers, comments and minimum group sizes, through every builder the pages, the PDF, the
// exports and the API use, checked by the attacker's oracle in test/privacy-oracle.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toEngineAnswers } from "#app/domain/assessments.ts";
import { assignPseudonyms, rawAnswersForExport } from "#app/domain/raw-answers.ts";
import { buildReport } from "#app/domain/report.ts";
import { questionRows, resultsView } from "#app/domain/results-view.ts";
import { RESPONDENT_FUNCTIONS, type RespondentFunction } from "#app/domain/respondents.ts";
import { explainScore, perceptionGaps, questionDistributions, scoreAssessment } from "#app/domain/scoring/index.ts";
import {
  answering,
  expectDistributionsPrivate,
  expectRawAnswersPrivate,
  expectResultsViewPrivate,
  expectScorecardPrivate,
  expectTextPrivate,
  type AssessmentData,
  type StoredAnswer,
} from "#test/privacy-oracle.ts";
import { fixtureVersion } from "#test/surveys.ts";

const version = fixtureVersion();

// Functions drawn unevenly, so that large and small groups both come up often.
const functionArbitrary = fc.oneof(
  { arbitrary: fc.constant<RespondentFunction>("sales"), weight: 4 },
  { arbitrary: fc.constant<RespondentFunction>("kam"), weight: 3 },
  { arbitrary: fc.constantFrom<RespondentFunction>(...RESPONDENT_FUNCTIONS), weight: 3 },
);

const answerArbitrary = (notApplicable: boolean) =>
  fc.option(
    fc.record({
      choice: fc.constantFrom<StoredAnswer["choice"]>("level", "level", "level", "level", "dont_know", ...(notApplicable ? (["not_applicable"] as const) : []), null),
      level: fc.integer({ min: 1, max: 5 }),
      comment: fc.option(fc.constantFrom("Plans are old.", "Only revenue counts.", "We never review.", "Good start."), { freq: 4 }),
    }),
    { freq: 4 },
  );

const assessmentArbitrary = fc
  .record({
    minimumGroupSize: fc.integer({ min: 3, max: 6 }),
    respondents: fc.array(fc.record({ function: functionArbitrary, answers: fc.tuple(...version.questions.map((q) => answerArbitrary(q.notApplicable))) }), { maxLength: 18 }),
    targets: fc.option(fc.record({ alpha: fc.integer({ min: 1, max: 5 }) })),
    seed: fc.integer(),
  })
  .map(({ minimumGroupSize, respondents, targets, seed }) => ({
    seed,
    targetProfile: targets,
    data: {
      version,
      minimumGroupSize,
      respondents: respondents.map((r, i) => ({
        id: `respondent-${i}`,
        function: r.function,
        answers: version.questions.flatMap((q, j): StoredAnswer[] => {
          const a = r.answers[j];
          if (!a) return [];
          return [{ questionId: q.id, choice: a.choice, level: a.choice === "level" ? a.level : null, comment: a.comment }];
        }),
      })),
    } satisfies AssessmentData,
  }));

/** A small seeded generator: the pseudonym draw is the only randomness the builders take. */
const seeded = (seed: number) => () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;

describe("no output reveals a figure over fewer people than the minimum group size", () => {
  it("over 2,000 random assessments: scorecard, results page, dimension pages, report, raw answers", async () => {
    await fc.assert(
      fc.asyncProperty(assessmentArbitrary, async ({ data, targetProfile, seed }) => {
        // Back to the event loop between runs: a worker that computes for a minute without
        // answering the test runner's messages is taken for a dead one on a busy machine.
        await new Promise((resolve) => setImmediate(resolve));
        const m = data.minimumGroupSize;
        const options = { targetProfile: targetProfile ?? undefined, minimumGroupSize: m };
        const responses = answering(data).map((r) => ({ respondentId: r.id, function: r.function, answers: toEngineAnswers(r.answers) }));
        const stored = data.respondents.flatMap((r) => r.answers.map((a) => ({ ...a, respondentId: r.id })));

        // The scorecard: the JSON export, the API's scorecard, every snapshot.
        const card = JSON.parse(JSON.stringify(scoreAssessment(version, responses, options)));
        expectScorecardPrivate(card, data);

        // The results page and the dimension pages.
        const focus = card.gaps
          .filter((g: { gap: number }) => g.gap > 0)
          .slice(0, 3)
          .map((g: { dimensionId: string }) => ({ ...g, explanation: explainScore(version, responses, g.dimensionId, options) }));
        const view = JSON.parse(JSON.stringify(resultsView(version, card, perceptionGaps(card), focus)));
        expectResultsViewPrivate(view, card, data);
        expectTextPrivate(focus.flatMap((f: { explanation: string[] }) => f.explanation).join("\n"), card, data);
        for (const d of version.dimensions) {
          expectTextPrivate(explainScore(version, responses, d.id, options).join("\n"), card, data);
          expectDistributionsPrivate(questionRows(version, questionDistributions(version, d.id, stored, m)).questions, data);
        }

        // The board report, which the PDF only lays out.
        const report = buildReport({
          organization: "Org",
          preparedBy: null,
          title: "Assessment",
          provisional: false,
          asOf: new Date("2026-06-01T00:00:00Z"),
          targetProfile: targetProfile ?? null,
          version,
          scorecard: card,
          responses,
          stored,
          perception: perceptionGaps(card),
          focus,
          comparison: null,
        });
        expectResultsViewPrivate(report.view, card, data);
        for (const section of report.sections) {
          expectDistributionsPrivate(section.questions, data);
          expectTextPrivate(section.explanation.join("\n"), card, data);
          const allowedComments = new Set(section.questions.flatMap((q) => q.comments));
          for (const comment of section.comments) expect(allowedComments.has(comment) || comment.endsWith("…")).toBe(true);
        }

        // Raw answers, CSV and API alike.
        expectRawAnswersPrivate(rawAnswersForExport({ version, people: data.respondents, answers: stored, minimumGroupSize: m, scheme: { kind: "random", random: seeded(seed) } }), data);
      }),
      { numRuns: 2000 },
    );
    // A guard against a hang on a busy machine, not a time budget.
  }, 300_000);
});

describe("respondent codes", () => {
  it("draw every numbering about equally often, so a code says nothing about a place in the respondent list", () => {
    // 6,000 draws for 3 people: each of the 6 orders should come up about 1,000 times.
    const random = seeded(17);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const codes = assignPseudonyms(["a", "b", "c"], { kind: "random", random });
      const order = ["a", "b", "c"].map((id) => codes.get(id)).join();
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
  });

  it("keep stable codes per respondent, the shortest prefix that tells them apart", () => {
    const codes = assignPseudonyms(["a", "b"], { kind: "stable", codeOf: (id) => (id === "a" ? "ABCDEFGH" : "ABCDEFXY") });
    // Six characters would make both "ABCDEF": eight tell them apart.
    expect([...codes.values()]).toEqual(["R-ABCDEFGH", "R-ABCDEFXY"]);
  });
});
