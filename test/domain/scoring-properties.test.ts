import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QuestionnaireVersion } from "#app/domain/questionnaire/schema.ts";
import { RESPONDENT_FUNCTIONS } from "#app/domain/respondents.ts";
import { scoreAssessment, type AnswerValue, type RespondentResponse, type Scorecard } from "#app/domain/scoring/index.ts";
import { fixtureVersion, readVersion } from "#test/surveys.ts";

const versions: [string, QuestionnaireVersion][] = [
  ["fixture", fixtureVersion()],
  ["KAM Maturity Index", readVersion("surveys/kam-maturity/1.0.0.yaml")],
];

function responsesArbitrary(version: QuestionnaireVersion, minRespondents = 0) {
  const answerFor = (notApplicable: boolean) =>
    fc.option(
      fc.constantFrom<AnswerValue>(1, 2, 3, 4, 5, "dont_know", ...(notApplicable ? (["not_applicable"] as const) : [])),
      { freq: 4 },
    );
  const respondent = fc.record({
    function: fc.constantFrom(...RESPONDENT_FUNCTIONS),
    values: fc.tuple(...version.questions.map((q) => answerFor(q.notApplicable))),
  });
  return fc.array(respondent, { minLength: minRespondents, maxLength: 12 }).map((list) =>
    list.map(
      (r, i): RespondentResponse => ({
        respondentId: `r${i}`,
        function: r.function,
        answers: version.questions.flatMap((q, j) => (r.values[j] === null ? [] : [{ questionId: q.id, value: r.values[j]! }])),
      }),
    ),
  );
}

/** Rounds every number so that sums taken in another order compare equal. */
function rounded(card: Scorecard): unknown {
  return JSON.parse(JSON.stringify(card, (_, v) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v)));
}

const scoresOf = (card: Scorecard) => [
  ...card.dimensions.flatMap((d) => [d.mean, d.median]),
  ...card.byFunction.flatMap((f) => f.dimensions.map((d) => d.mean)),
  card.overall.index,
].filter((v): v is number => v !== null);

describe.each(versions)("scoring properties on %s", (_, version) => {
  it("every score lies in [1, 5] and rwg in [0, 1]", () => {
    fc.assert(
      fc.property(responsesArbitrary(version), (responses) => {
        const card = scoreAssessment(version, responses);
        for (const score of scoresOf(card)) expect(score >= 1 && score <= 5, String(score)).toBe(true);
        for (const d of card.dimensions) if (d.rwg !== null) expect(d.rwg >= 0 && d.rwg <= 1).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("respondent order and answer order make no difference", () => {
    fc.assert(
      fc.property(responsesArbitrary(version), fc.integer(), (responses, seed) => {
        const shuffle = <T>(list: T[]) => list.map((v, i) => ({ v, k: Math.sin(seed + i * 7919) })).sort((a, b) => a.k - b.k).map((x) => x.v);
        const reordered = shuffle(responses).map((r) => ({ ...r, answers: shuffle(r.answers) }));
        expect(rounded(scoreAssessment(version, reordered))).toEqual(rounded(scoreAssessment(version, responses)));
      }),
      { numRuns: 200 },
    );
  });

  it("adding 'not applicable' answers never changes a score", () => {
    const allowed = version.questions.filter((q) => q.notApplicable).map((q) => q.id);
    fc.assert(
      fc.property(responsesArbitrary(version), (responses) => {
        const withNa = responses.map((r) => {
          const answered = new Set(r.answers.map((a) => a.questionId));
          return { ...r, answers: [...r.answers, ...allowed.filter((id) => !answered.has(id)).map((questionId) => ({ questionId, value: "not_applicable" as const }))] };
        });
        expect(rounded(scoreAssessment(version, withNa))).toEqual(rounded(scoreAssessment(version, responses)));
      }),
      { numRuns: 200 },
    );
  });

  it("raising one answer never lowers its dimension score", () => {
    fc.assert(
      fc.property(responsesArbitrary(version, 1), fc.nat(), fc.nat(), (responses, pickRespondent, pickAnswer) => {
        const r = pickRespondent % responses.length;
        const raisable = responses[r]!.answers.map((a, i) => ({ a, i })).filter(({ a }) => typeof a.value === "number" && a.value < 5);
        fc.pre(raisable.length > 0);
        const { a, i } = raisable[pickAnswer % raisable.length]!;
        const raised = responses.map((resp, k) =>
          k !== r ? resp : { ...resp, answers: resp.answers.map((ans, j) => (j === i ? { ...ans, value: ((a.value as number) + 1) as AnswerValue } : ans)) },
        );
        const dimension = version.questions.find((q) => q.id === a.questionId)!.dimension;
        const before = scoreAssessment(version, responses).dimensions.find((d) => d.dimensionId === dimension)!;
        const after = scoreAssessment(version, raised).dimensions.find((d) => d.dimensionId === dimension)!;
        if (before.mean !== null) expect(after.mean!).toBeGreaterThanOrEqual(before.mean - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it("rwg is 1 when all respondents agree", () => {
    fc.assert(
      fc.property(responsesArbitrary(version, 1), fc.integer({ min: 2, max: 6 }), (responses, copies) => {
        const template = responses[0]!;
        const same = Array.from({ length: copies }, (_, i) => ({ ...template, respondentId: `same-${i}` }));
        for (const d of scoreAssessment(version, same).dimensions) {
          if (d.status === "scored") expect(d.rwg).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
