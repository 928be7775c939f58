import { describe, expect, it } from "vitest";
import { scoreAssessment, type RespondentResponse } from "#app/domain/scoring/index.ts";
import { fixtureVersion } from "#test/surveys.ts";

// Found by the order property: alpha and beta end with the same priority (41/30), reached
// through sums in different orders. Ranks must not depend on which order that was.
const FOUND: RespondentResponse[] = [
  { respondentId: "r0", function: "sales", answers: [{ questionId: "alpha-three", value: 2 }, { questionId: "alpha-four", value: 5 }, { questionId: "beta-three", value: 5 }, { questionId: "beta-four", value: 2 }] },
  { respondentId: "r1", function: "sales", answers: [{ questionId: "beta-two", value: 4 }, { questionId: "beta-four", value: 5 }] },
  { respondentId: "r2", function: "sales", answers: [{ questionId: "alpha-two", value: 4 }, { questionId: "alpha-four", value: 5 }, { questionId: "beta-one", value: 4 }, { questionId: "beta-three", value: 1 }] },
  { respondentId: "r3", function: "sales", answers: [{ questionId: "alpha-one", value: 2 }, { questionId: "alpha-three", value: 4 }, { questionId: "alpha-four", value: 2 }, { questionId: "beta-two", value: 2 }, { questionId: "beta-three", value: 4 }] },
  { respondentId: "r4", function: "sales", answers: [{ questionId: "alpha-one", value: 2 }, { questionId: "alpha-two", value: 3 }] },
  { respondentId: "r5", function: "sales", answers: [{ questionId: "alpha-one", value: 3 }, { questionId: "alpha-three", value: 4 }, { questionId: "alpha-four", value: 5 }, { questionId: "beta-three", value: 4 }, { questionId: "beta-four", value: 5 }] },
];

describe("scoring regressions", () => {
  it("equal priorities rank by dimension order in any respondent order", () => {
    const ranks = (responses: RespondentResponse[]) => scoreAssessment(fixtureVersion(), responses).gaps.map((g) => [g.dimensionId, g.rank]);
    expect(ranks(FOUND)).toEqual([["alpha", 1], ["beta", 2]]);
    expect(ranks([...FOUND].reverse())).toEqual([["alpha", 1], ["beta", 2]]);
  });
});
