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
    expect(alpha).not.toHaveProperty("min");
    expect(alpha).not.toHaveProperty("max");
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

  it("shows no breakdown when no function reaches the minimum group size of 3", () => {
    // sales 2, kam 1, leadership 1, service 1: no group of 3 can be formed besides the total.
    expect(card.minimumGroupSize).toBe(3);
    expect(card.byFunction).toEqual([]);
    expect(card.combinedFunctions).toEqual(["sales", "kam", "service", "leadership"]);
  });

  it("withholds a dimension counted by fewer than the minimum group size", () => {
    const strict = scoreAssessment(version, FIVE, { minimumGroupSize: 5 });
    expect(strict.dimensions.find((d) => d.dimensionId === "alpha")).toMatchObject({ status: "scored", n: 5 });
    // beta counts 4 < 5: no mean, no spread, no agreement, and out of the index and the gaps.
    expect(strict.dimensions.find((d) => d.dimensionId === "beta")).toEqual({
      dimensionId: "beta", status: "insufficient_data", withheld: "too_few", n: 4, mean: null, median: null, sd: null, rwg: null, consensus: null, coverage: null,
    });
    expect(strict.overall.index).toBe(3.4); // alpha alone: 101/30 = 3.37
    expect(strict.gaps.map((g) => g.dimensionId)).toEqual(["alpha"]);
  });

  it("never goes below 3, whatever the option says", () => {
    expect(scoreAssessment(version, FIVE, { minimumGroupSize: 1 }).minimumGroupSize).toBe(3);
  });

  it("agreeing respondents reach consensus", () => {
    const same = ["a", "b", "c"].map((id) => ({ respondentId: id, function: "sales" as const, answers: answers({ "alpha-one": 4, "alpha-two": 4, "alpha-three": 4, "alpha-four": 4 }) }));
    const agreed = scoreAssessment(version, same).dimensions.find((d) => d.dimensionId === "alpha")!;
    expect(agreed.rwg).toBe(1);
    expect(agreed.consensus).toBe("consensus");
  });

  it("a dimension nobody covered to half has insufficient data and no number", () => {
    const thin = ["x", "y", "z"].map((respondentId) => ({ respondentId, function: "finance" as const, answers: answers({ "alpha-one": 2, "alpha-two": 2, "beta-one": 5 }) }));
    const result = scoreAssessment(version, thin);
    const betaThin = result.dimensions.find((d) => d.dimensionId === "beta")!;
    expect(betaThin).toMatchObject({ status: "insufficient_data", withheld: "too_few", n: 0, mean: null, rwg: null, consensus: null });
    expect(result.overall.index).toBe(2);
    expect(result.gaps.map((g) => g.dimensionId)).toEqual(["alpha"]);
  });

  it("one respondent's answers show no number at all", () => {
    const one = scoreAssessment(version, [{ respondentId: "x", function: "finance", answers: answers({ "alpha-one": 2, "alpha-two": 2, "alpha-three": 4 }) }]);
    expect(one.dimensions.map((d) => [d.dimensionId, d.withheld, d.n, d.mean, d.coverage])).toEqual([["alpha", "too_few", 1, null, null], ["beta", "too_few", 0, null, null]]);
    expect(one.overall).toEqual({ index: null, stage: null, weakest: null });
    expect(one.respondentCount).toBe(1);
  });

  it("no respondents: every dimension insufficient, no index", () => {
    const empty = scoreAssessment(version, []);
    expect(empty.overall).toEqual({ index: null, stage: null, weakest: null });
    expect(empty.gaps).toEqual([]);
  });
});

// Seven respondents with every alpha question at one level, so each one's alpha score is that
// level: sales 2, 3, 4; service 4, 4, 5; finance 1. Beta: two sales people answer 3 on every
// question, the third answers "don't know" (not counted); service and finance answer 2.
const SEVEN: RespondentResponse[] = [
  ...([["s1", 2], ["s2", 3], ["s3", 4]] as const).map(([id, level], i) => ({
    respondentId: id,
    function: "sales" as const,
    answers: answers({ "alpha-one": level, "alpha-two": level, "alpha-three": level, "alpha-four": level, ...(i < 2 ? { "beta-one": 3, "beta-two": 3, "beta-three": 3, "beta-four": 3 } : { "beta-one": "dont_know" as const }) }),
  })),
  ...([["v1", "service", 4], ["v2", "service", 4], ["v3", "service", 5], ["f1", "finance", 1]] as const).map(([id, fn, level]) => ({
    respondentId: id,
    function: fn,
    answers: answers({ "alpha-one": level, "alpha-two": level, "alpha-three": level, "alpha-four": level, "beta-one": 2, "beta-two": 2, "beta-three": 2, "beta-four": 2 }),
  })),
];

describe("the breakdown by function keeps every group at the minimum group size", () => {
  const card = scoreAssessment(version, SEVEN);
  it("folds the one finance person, and service with them, into Other functions", () => {
    // sales 3, service 3, finance 1: finance alone is too small; Other functions of 1 would still
    // be the total minus sales and service, so the smaller of the two (service, by list order on a
    // tie) joins it: sales 3 and Other functions 4.
    expect(card.byFunction.map((g) => [g.group, g.functions, g.respondentCount])).toEqual([
      ["sales", ["sales"], 3],
      ["other_functions", ["service", "finance"], 4],
    ]);
    expect(card.combinedFunctions).toEqual(["service", "finance"]);
  });
  it("shows alpha per group: sales (2 + 3 + 4) / 3 = 3, others (4 + 4 + 5 + 1) / 4 = 3.5", () => {
    const alphaOf = (group: string) => card.byFunction.find((g) => g.group === group)!.dimensions.find((d) => d.dimensionId === "alpha")!;
    expect(alphaOf("sales")).toMatchObject({ withheld: null, n: 3, mean: 3 });
    expect(alphaOf("other_functions")).toMatchObject({ withheld: null, n: 4, mean: 3.5 });
    expect(card.dimensions.find((d) => d.dimensionId === "alpha")!.mean).toBeCloseTo(23 / 7, 10);
  });
  it("hides beta for both groups: sales counts 2, and the others' 4 would give it away", () => {
    const betaOf = (group: string) => card.byFunction.find((g) => g.group === group)!.dimensions.find((d) => d.dimensionId === "beta")!;
    expect(betaOf("sales")).toMatchObject({ withheld: "too_few", n: 2, mean: null });
    expect(betaOf("other_functions")).toMatchObject({ withheld: "complementary", n: 4, mean: null });
    // The total stays: (3 + 3 + 2·4) / 6.
    expect(card.dimensions.find((d) => d.dimensionId === "beta")).toMatchObject({ n: 6, withheld: null });
    expect(card.dimensions.find((d) => d.dimensionId === "beta")!.mean).toBeCloseTo(14 / 6, 10);
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
      "Mean 3.37, median 3.00, standard deviation 0.87.",
      "Agreement rwg = 1 − variance / 2 = 0.62: divided (consensus needs at least 3 respondents and rwg ≥ 0.70).",
      "Against the best-practice target 4, the gap is 0.6; weighted by 2 it gives priority 1.27, rank 2 of 2.",
    ]);
  });

  it("says why beta counted four of five", () => {
    expect(explainScore(version, FIVE, "beta")[3]).toBe("4 of 5 respondents counted; 1 answered too few of its questions.");
  });

  it("says only counts, and why, for a dimension withheld for too few respondents", () => {
    const lines = explainScore(version, FIVE, "beta", { minimumGroupSize: 5 });
    expect(lines.slice(3)).toEqual([
      "4 of 5 respondents counted; 1 answered too few of its questions.",
      "Scores are shown only over at least 5 respondents, so that nobody's answers can be told apart: this dimension has insufficient data and no score.",
    ]);
  });
});

describe("readiness outcome", () => {
  const readiness = readVersion("surveys/kam-readiness/1.0.0.yaml");
  const marketFit = readiness.questions.filter((q) => q.dimension === "market-fit").map((q) => q.id);
  const foundation = readiness.questions.filter((q) => q.dimension === "foundation").map((q) => q.id);
  const everyone = (market: number, base: number) =>
    ["a", "b", "c"].map((respondentId) => ({
      respondentId,
      function: "leadership" as const,
      answers: [...marketFit.map((questionId) => ({ questionId, value: market as 1 })), ...foundation.map((questionId) => ({ questionId, value: base as 1 }))],
    }));
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
  it("no outcome from fewer respondents than the minimum group size", () => {
    expect(outcomeOf(readiness, scoreAssessment(readiness, everyone(1, 5).slice(0, 2)))).toBeNull();
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
  it("names the dimensions where the shown groups disagree most", () => {
    // SEVEN: alpha sales 3 against Other functions 3.5 → spread 0.5; beta is hidden for both groups.
    const gaps = perceptionGaps(scoreAssessment(version, SEVEN));
    expect(gaps.map((g) => [g.dimensionId, g.low.group, g.high.group])).toEqual([["alpha", "sales", "other_functions"]]);
    expect(gaps[0]!.spread).toBeCloseTo(0.5, 10);
    expect(perceptionGaps(scoreAssessment(version, FIVE))).toEqual([]);
  });
});

describe("questionDistributions", () => {
  const rows = [
    { questionId: "alpha-one", choice: "level" as const, level: 2, comment: "Only revenue counts." },
    { questionId: "alpha-one", choice: "level" as const, level: 4, comment: "  " },
    { questionId: "alpha-one", choice: "level" as const, level: 4, comment: "Account plans are old." },
    { questionId: "alpha-one", choice: "dont_know" as const, level: null, comment: null },
    { questionId: "alpha-two", choice: "level" as const, level: 3, comment: null },
    { questionId: "alpha-four", choice: "not_applicable" as const, level: null, comment: "No portal." },
    { questionId: "alpha-four", choice: "level" as const, level: 1, comment: null },
    { questionId: "alpha-four", choice: "level" as const, level: 5, comment: null },
    { questionId: "beta-one", choice: "level" as const, level: 5, comment: null },
  ];
  it("counts levels, don't know and not applicable per question, with the mean and the comments in alphabetical order", () => {
    const [one, , , four] = questionDistributions(version, "alpha", rows, 3);
    expect(one).toEqual({
      questionId: "alpha-one", answered: 4, withheld: false, levels: [0, 1, 0, 2, 0], dontKnow: 1, notApplicable: 0, mean: 10 / 3,
      comments: ["Account plans are old.", "Only revenue counts."],
    });
    expect(four).toMatchObject({ questionId: "alpha-four", answered: 3, notApplicable: 1, mean: 3, comments: ["No portal."] });
  });
  it("shows only how many answered a question fewer than the minimum group size answered", () => {
    const [, two, three] = questionDistributions(version, "alpha", rows, 3);
    expect(two).toEqual({ questionId: "alpha-two", answered: 1, withheld: true, levels: null, dontKnow: null, notApplicable: null, mean: null, comments: [] });
    expect(three).toMatchObject({ questionId: "alpha-three", answered: 0, withheld: true, levels: null });
    // With a minimum of 4, alpha-four's three answers and its comment are withheld too.
    expect(questionDistributions(version, "alpha", rows, 4)[3]).toMatchObject({ answered: 3, withheld: true, comments: [] });
  });
});
