import { describe, expect, it } from "vitest";
import { migrateAnswers } from "#app/domain/questionnaire/migrate-answers.ts";
import {
  explainScore,
  outcomeOf,
  perceptionGaps,
  questionDistributions,
  scoreAssessment,
  ScoringInputError,
  type Answer,
  type AnswerValue,
  type RespondentResponse,
} from "#app/domain/scoring/index.ts";
import { fixtureVersion, readVersion } from "#test/surveys.ts";

const version = fixtureVersion();
const answers = (values: Record<string, AnswerValue>): Answer[] =>
  Object.entries(values).map(([questionId, value]) => ({ questionId, value }));

// Five respondents on the fixture: alpha has alpha-one (weight 2) and three items of weight 1;
// beta has three items of weight 1 and beta-four (weight 0.5). Dimension weights: alpha 2, beta 1.
const FIVE: RespondentResponse[] = [
  { respondentId: "r1", function: "sales", answers: answers({ "alpha-one": 3, "alpha-two": 2, "alpha-three": 4, "alpha-four": "not_applicable", "beta-one": 2, "beta-two": 2, "beta-three": 3, "beta-four": 4 }) },
  { respondentId: "r2", function: "sales", answers: answers({ "alpha-one": 4, "alpha-two": 4, "alpha-three": 3, "alpha-four": 5, "beta-one": "dont_know", "beta-two": 3, "beta-three": "dont_know", "beta-four": "dont_know" }) },
  { respondentId: "r3", function: "kam", answers: answers({ "alpha-one": 2, "alpha-two": 3, "alpha-three": "dont_know", "alpha-four": "dont_know", "beta-one": 3, "beta-two": 4, "beta-three": 3, "beta-four": 2 }) },
  { respondentId: "r4", function: "leadership", answers: answers({ "alpha-one": 3, "alpha-two": 3, "alpha-three": 3, "alpha-four": 3, "beta-one": 2, "beta-two": 3 }) },
  { respondentId: "r5", function: "service", answers: answers({ "alpha-one": 5, "alpha-two": 4, "alpha-three": 4, "alpha-four": "not_applicable", "beta-one": 4, "beta-two": 4, "beta-three": 5, "beta-four": 5 }) },
];

// Worked out by hand:
// alpha per respondent: r1 (3·2+2+4)/4 = 3; r2 (4·2+4+3+5)/5 = 4; r3 (2·2+3)/3 = 7/3 (2 of 4
//   answered, exactly the 50 % needed); r4 3; r5 (5·2+4+4)/4 = 4.5.
//   mean 101/30; median 3; sample variance ((3−m)²+(4−m)²+(7/3−m)²+(3−m)²+(4.5−m)²)/4 = 0.75556;
//   rwg 1 − 0.75556/2 = 0.62222 → divided.
// beta per respondent: r1 (2+2+3+0.5·4)/3.5 = 18/7; r2 answered 1 of 4 → not counted;
//   r3 (3+4+3+0.5·2)/3.5 = 22/7; r4 (2+3)/2 = 2.5 (2 of 4); r5 (4+4+5+0.5·5)/3.5 = 31/7.
//   mean (71/7 + 2.5)/4 = 177/56; median (18/7+22/7)/2 = 20/7.
// index (2·101/30 + 177/56)/3 = 3.298 → 3.3, stage 3 Defined; weakest beta.
// gaps: alpha 4 − 101/30 = 19/30, priority 38/30; beta 5 − 177/56 = 103/56, priority 103/56 → beta first.
const alphaScores = [3, 4, 7 / 3, 3, 4.5];
const alphaMean = 101 / 30;
const alphaVariance = alphaScores.reduce((s, v) => s + (v - alphaMean) ** 2, 0) / 4;
const betaScores = [18 / 7, 22 / 7, 2.5, 31 / 7];
const betaMean = 177 / 56;
const betaVariance = betaScores.reduce((s, v) => s + (v - betaMean) ** 2, 0) / 3;

describe("scoreAssessment on five respondents", () => {
  const card = scoreAssessment(version, FIVE);
  const alpha = card.dimensions.find((d) => d.dimensionId === "alpha")!;
  const beta = card.dimensions.find((d) => d.dimensionId === "beta")!;

  it("alpha: n, mean, median, spread, range, agreement, coverage", () => {
    expect(alpha.status).toBe("scored");
    expect(alpha.n).toBe(5);
    expect(alpha.mean).toBeCloseTo(alphaMean, 10);
    expect(alpha.median).toBe(3);
    expect(alphaVariance).toBeCloseTo(0.755556, 5);
    expect(alpha.sd).toBeCloseTo(Math.sqrt(0.7555556), 6);
    expect(alpha.min).toBeCloseTo(7 / 3, 10);
    expect(alpha.max).toBe(4.5);
    expect(alpha.rwg).toBeCloseTo(0.622222, 5);
    expect(alpha.consensus).toBe("divided");
    expect(alpha.coverage).toBeCloseTo((0.75 + 1 + 0.5 + 1 + 0.75) / 5, 10);
  });

  it("beta: the respondent who answered one of four does not count", () => {
    expect(beta.n).toBe(4);
    expect(beta.mean).toBeCloseTo(betaMean, 10);
    expect(beta.median).toBeCloseTo(20 / 7, 10);
    expect(beta.rwg).toBeCloseTo(1 - betaVariance / 2, 10);
    expect(beta.rwg).toBeCloseTo(0.601403, 5);
    expect(beta.coverage).toBeCloseTo((1 + 0.25 + 1 + 0.5 + 1) / 5, 10);
  });

  it("overall index, stage and weakest dimension", () => {
    expect(card.respondentCount).toBe(5);
    expect(card.overall.index).toBe(3.3);
    expect(card.overall.stage).toEqual({ level: 3, label: "Defined" });
    expect(card.overall.weakest?.dimensionId).toBe("beta");
    expect(card.overall.weakest?.score).toBeCloseTo(betaMean, 10);
  });

  it("gaps against best practice, ranked by gap × weight", () => {
    expect(card.targetSource).toBe("best_practice");
    expect(card.gaps.map((g) => [g.dimensionId, g.rank, g.target])).toEqual([["beta", 1, 5], ["alpha", 2, 4]]);
    expect(card.gaps[0]!.gap).toBeCloseTo(103 / 56, 10);
    expect(card.gaps[0]!.priority).toBeCloseTo(103 / 56, 10);
    expect(card.gaps[1]!.gap).toBeCloseTo(19 / 30, 10);
    expect(card.gaps[1]!.priority).toBeCloseTo(38 / 30, 10);
  });

  it("gaps against the organization's own target, never below zero", () => {
    const own = scoreAssessment(version, FIVE, { targetProfile: { alpha: 3 } });
    expect(own.targetSource).toBe("organization");
    const alphaGap = own.gaps.find((g) => g.dimensionId === "alpha")!;
    expect(alphaGap.target).toBe(3);
    expect(alphaGap.gap).toBe(0);
    expect(alphaGap.priority).toBe(0);
    expect(own.gaps.find((g) => g.dimensionId === "beta")!.target).toBe(5);
  });

  it("breaks the statistics down by respondent function", () => {
    expect(card.byFunction.map((f) => [f.function, f.respondentCount])).toEqual([
      ["kam", 1], ["leadership", 1], ["sales", 2], ["service", 1],
    ]);
    const sales = card.byFunction.find((f) => f.function === "sales")!;
    const salesAlpha = sales.dimensions.find((d) => d.dimensionId === "alpha")!;
    expect(salesAlpha.mean).toBe(3.5); // (3 + 4) / 2
    expect(salesAlpha.rwg).toBe(0.75); // variance of 3 and 4 is 0.5
    expect(salesAlpha.consensus).toBe("divided"); // only 2 respondents
    const salesBeta = sales.dimensions.find((d) => d.dimensionId === "beta")!;
    expect(salesBeta.n).toBe(1);
    expect(salesBeta.mean).toBeCloseTo(18 / 7, 10);
  });

  it("agreeing respondents reach consensus", () => {
    const same = ["a", "b", "c"].map((id) => ({ respondentId: id, function: "sales" as const, answers: answers({ "alpha-one": 4, "alpha-two": 4, "alpha-three": 4, "alpha-four": 4 }) }));
    const agreed = scoreAssessment(version, same).dimensions.find((d) => d.dimensionId === "alpha")!;
    expect(agreed.rwg).toBe(1);
    expect(agreed.consensus).toBe("consensus");
  });

  it("a dimension nobody covered to half has insufficient data and no number", () => {
    const thin = [{ respondentId: "x", function: "finance" as const, answers: answers({ "alpha-one": 2, "alpha-two": 2, "beta-one": 5 }) }];
    const result = scoreAssessment(version, thin);
    const betaThin = result.dimensions.find((d) => d.dimensionId === "beta")!;
    expect(betaThin).toMatchObject({ status: "insufficient_data", n: 0, mean: null, rwg: null, consensus: null, coverage: 0.25 });
    expect(result.overall.index).toBe(2);
    expect(result.gaps.map((g) => g.dimensionId)).toEqual(["alpha"]);
  });

  it("no respondents: every dimension insufficient, no index", () => {
    const empty = scoreAssessment(version, []);
    expect(empty.overall).toEqual({ index: null, stage: null, weakest: null });
    expect(empty.gaps).toEqual([]);
  });
});

describe("bad input", () => {
  it.each([
    ["a level outside 1–5", [{ respondentId: "a", function: "sales", answers: [{ questionId: "alpha-one", value: 6 }] }]],
    ["an unknown question", [{ respondentId: "a", function: "sales", answers: [{ questionId: "alpha-nine", value: 3 }] }]],
    ["not applicable where it is not allowed", [{ respondentId: "a", function: "sales", answers: [{ questionId: "alpha-one", value: "not_applicable" }] }]],
    ["an unknown function", [{ respondentId: "a", function: "janitor", answers: [] }]],
    ["the same question twice", [{ respondentId: "a", function: "sales", answers: [{ questionId: "alpha-one", value: 3 }, { questionId: "alpha-one", value: 4 }] }]],
    ["the same respondent twice", [{ respondentId: "a", function: "sales", answers: [] }, { respondentId: "a", function: "kam", answers: [] }]],
  ])("%s throws a ScoringInputError", (_, input) => {
    expect(() => scoreAssessment(version, input)).toThrow(ScoringInputError);
  });
});

describe("explainScore", () => {
  it("tells how alpha's number came about", () => {
    expect(explainScore(version, FIVE, "alpha")).toEqual([
      "Alpha has 4 questions with weights 2, 1, 1 and 1.",
      `A respondent's score is the weighted mean of the levels they chose; "don't know" and "not applicable" count neither in the sum nor in the weights.`,
      "A respondent counts for this dimension after choosing a level on at least 50 % of its questions (2 of 4).",
      "5 of 5 respondents counted.",
      "Their scores, lowest first: 2.33, 3.00, 3.00, 4.00 and 4.50. Mean 3.37, median 3.00, standard deviation 0.87, range 2.33 to 4.50.",
      "Agreement rwg = 1 − variance / 2 = 0.62: divided (consensus needs at least 3 respondents and rwg ≥ 0.70).",
      "Against the best-practice target 4, the gap is 0.6; weighted by 2 it gives priority 1.27, rank 2 of 2.",
    ]);
  });

  it("says why beta counted four of five", () => {
    expect(explainScore(version, FIVE, "beta")[3]).toBe("4 of 5 respondents counted; 1 answered too few of its questions.");
  });
});

describe("readiness outcome", () => {
  const readiness = readVersion("surveys/kam-readiness/1.0.0.yaml");
  const marketFit = readiness.questions.filter((q) => q.dimension === "market-fit").map((q) => q.id);
  const foundation = readiness.questions.filter((q) => q.dimension === "foundation").map((q) => q.id);
  const everyone = (market: number, base: number) => [
    { respondentId: "a", function: "leadership" as const, answers: [...marketFit.map((questionId) => ({ questionId, value: market as 1 })), ...foundation.map((questionId) => ({ questionId, value: base as 1 }))] },
  ];
  it.each([
    [1, 5, "segmented-sales"],
    [2, 2, "segmented-sales"],
    [3, 2, "build-maturity-first"],
    [4, 4, "ready"],
    [3, 3, "ready"],
  ])("market fit %i and foundation %i → %s", (market, base, outcome) => {
    expect(outcomeOf(readiness, scoreAssessment(readiness, everyone(market, base)))?.id).toBe(outcome);
  });
  it("no outcome without enough answers", () => {
    expect(outcomeOf(readiness, scoreAssessment(readiness, []))).toBeNull();
  });
});

describe("migrateAnswers", () => {
  const from = fixtureVersion("two-versions", "1.0.0");
  const to = fixtureVersion("two-versions", "1.1.0");
  it("keeps 'same' answers, drops reworded and removed ones, and says which", () => {
    const result = migrateAnswers(from, to, answers({ "alpha-one": 4, "alpha-two": 2, "beta-three": "dont_know", "beta-four": 5 }));
    expect(result.kept).toEqual(answers({ "alpha-one": 4, "beta-three": "dont_know" }));
    expect(result.dropped).toEqual([
      { questionId: "alpha-two", reason: "reworded" },
      { questionId: "beta-four", reason: "removed" },
    ]);
  });
  it("refuses versions that do not map onto each other", () => {
    expect(() => migrateAnswers(to, from, [])).toThrow(/does not map from/);
  });
});

describe("perceptionGaps", () => {
  it("names the dimensions where functions disagree most", () => {
    const card = scoreAssessment(version, FIVE);
    // alpha by function: kam 7/3, leadership 3, sales 3.5, service 4.5 → spread 4.5 − 7/3 = 13/6.
    // beta by function: kam 22/7, leadership 2.5, sales 18/7, service 31/7 → spread 31/7 − 2.5 = 27/14.
    const gaps = perceptionGaps(card);
    expect(gaps.map((g) => [g.dimensionId, g.low.function, g.high.function])).toEqual([
      ["alpha", "kam", "service"],
      ["beta", "leadership", "service"],
    ]);
    expect(gaps[0]!.spread).toBeCloseTo(13 / 6, 10);
    expect(gaps[1]!.spread).toBeCloseTo(27 / 14, 10);
    expect(perceptionGaps(scoreAssessment(version, FIVE.slice(0, 1)))).toEqual([]);
  });
});

describe("questionDistributions", () => {
  it("counts levels, don't know and not applicable per question, with the mean and comments", () => {
    const rows = [
      { questionId: "alpha-one", choice: "level" as const, level: 2, comment: "Only revenue counts." },
      { questionId: "alpha-one", choice: "level" as const, level: 4, comment: "  " },
      { questionId: "alpha-one", choice: "level" as const, level: 4, comment: null },
      { questionId: "alpha-one", choice: "dont_know" as const, level: null, comment: null },
      { questionId: "alpha-four", choice: "not_applicable" as const, level: null, comment: "No portal." },
      { questionId: "beta-one", choice: "level" as const, level: 5, comment: null },
    ];
    const [one, two, , four] = questionDistributions(version, "alpha", rows);
    expect(one).toEqual({ questionId: "alpha-one", levels: [0, 1, 0, 2, 0], dontKnow: 1, notApplicable: 0, mean: 10 / 3, comments: ["Only revenue counts."] });
    expect(two).toEqual({ questionId: "alpha-two", levels: [0, 0, 0, 0, 0], dontKnow: 0, notApplicable: 0, mean: null, comments: [] });
    expect(four).toMatchObject({ questionId: "alpha-four", notApplicable: 1, mean: null, comments: ["No portal."] });
  });
});
