import { describe, expect, it } from "vitest";
import { compareOverTime, unchangedQuestionsSince, type ComparedAssessment } from "#app/domain/comparison.ts";
import { scoreAssessment, type RespondentResponse } from "#app/domain/scoring/index.ts";
import { fixtureVersion } from "#test/surveys.ts";

const v1 = fixtureVersion("two-versions", "1.0.0");
const v11 = fixtureVersion("two-versions", "1.1.0");
const versions = new Map([v1, v11].map((v) => [v.version, v]));

const respondent = (levels: Record<string, number>, respondentId: string): RespondentResponse => ({
  respondentId,
  function: "sales",
  answers: Object.entries(levels).map(([questionId, value]) => ({ questionId, value: value as 1 })),
});

function entry(id: string, version: typeof v1, levels: Record<string, number>, date: string): ComparedAssessment {
  // Three people answering alike: the fewest whose figures may be shown, with the same means as one.
  const responses = ["r1", "r2", "r3"].map((id) => respondent(levels, id));
  return { id, title: id, date, provisional: false, version, scorecard: scoreAssessment(version, responses), responses };
}

describe("unchangedQuestionsSince", () => {
  it("follows the mapping back and keeps only questions mapped the same", () => {
    const ids = unchangedQuestionsSince(v11, "1.0.0", versions)!;
    // alpha-two was reworded and beta-five is new: six of eight continue.
    expect([...ids.keys()]).toEqual(["alpha-one", "alpha-three", "alpha-four", "beta-one", "beta-two", "beta-three"]);
    expect(unchangedQuestionsSince(v11, "1.1.0", versions)!.size).toBe(8);
  });

  it("is null without a chain of mappings", () => {
    expect(unchangedQuestionsSince(v1, "1.1.0", versions)).toBeNull();
    expect(unchangedQuestionsSince(v11, "0.9.0", versions)).toBeNull();
  });
});

describe("compareOverTime", () => {
  it("is null with nothing earlier to compare with", () => {
    expect(compareOverTime([entry("only", v1, { "alpha-one": 3 }, "2026-01-01")], versions, 3)).toBeNull();
  });

  it("within one version uses the results as reported", () => {
    const before = entry("before", v1, { "alpha-one": 2, "alpha-two": 2, "beta-one": 3, "beta-two": 3 }, "2025-06-01");
    const now = entry("now", v1, { "alpha-one": 4, "alpha-two": 4, "beta-one": 3, "beta-two": 3 }, "2026-06-01");
    // The reported scorecards win over the answers: drop the answers and nothing changes.
    const comparison = compareOverTime([{ ...before, responses: [] }, { ...now, responses: [] }], versions, 3)!;
    expect(comparison.acrossVersions).toBeNull();
    expect(comparison.points.map((p) => p.scores)).toEqual([
      [2, 3],
      [4, 3],
    ]);
    // Index: alpha weighs 2, beta 1. Before (2·2 + 3)/3 = 2.33 → 2.3; now (4·2 + 3)/3 = 3.67 → 3.7.
    expect(comparison.changes.index.before).toBe(2.3);
    expect(comparison.changes.index.now).toBe(3.7);
    expect(comparison.changes.dimensions).toEqual([
      { id: "alpha", name: "Alpha", before: 2, now: 4, change: 2 },
      { id: "beta", name: "Beta", before: 3, now: 3, change: 0 },
    ]);
    expect(comparison.changes.previous.id).toBe("before");
  });

  it("across versions counts only the questions unchanged in every version", () => {
    const before = entry("before", v1, { "alpha-one": 1, "alpha-two": 5, "alpha-three": 2, "alpha-four": 3, "beta-one": 2, "beta-two": 2, "beta-three": 2, "beta-four": 5 }, "2025-06-01");
    const now = entry("now", v11, { "alpha-one": 3, "alpha-two": 1, "alpha-three": 4, "alpha-four": 5, "beta-one": 3, "beta-two": 4, "beta-three": 5, "beta-five": 1 }, "2026-06-01");
    const comparison = compareOverTime([before, now], versions, 3)!;
    expect(comparison.acrossVersions).toEqual({ versions: ["1.0.0", "1.1.0"], questionsCounted: 6, questionsInVersion: 8 });
    // alpha over alpha-one (weight 2), alpha-three, alpha-four: before (1·2 + 2 + 3)/4 = 1.75, now (3·2 + 4 + 5)/4 = 3.75.
    // beta over beta-one..three: before 2, now 4. The reworded alpha-two and the new beta-five do not count.
    expect(comparison.points.map((p) => p.scores)).toEqual([
      [1.75, 2],
      [3.75, 4],
    ]);
    // Index (alpha weighs 2): before (1.75·2 + 2)/3 = 1.83 → 1.8; now (3.75·2 + 4)/3 = 3.83 → 3.8.
    expect(comparison.points.map((p) => p.index)).toEqual([1.8, 3.8]);
    expect(comparison.changes.dimensions.map((d) => d.change)).toEqual([2, 2]);
    // As reported, the new version's alpha would be (3·2 + 1 + 4 + 5)/5 = 3.2: not what is compared.
    expect(now.scorecard.dimensions[0]!.mean).toBeCloseTo(3.2, 10);
  });

  it("leaves out assessments whose version does not lead to the current one", () => {
    const orphan = { ...v11, version: "0.1.0", mapping: undefined };
    const series = [
      entry("orphan", orphan, { "alpha-one": 1, "beta-one": 1 }, "2024-01-01"),
      entry("before", v11, { "alpha-one": 2, "beta-one": 2 }, "2025-01-01"),
      entry("now", v11, { "alpha-one": 3, "beta-one": 3 }, "2026-01-01"),
    ];
    expect(compareOverTime(series, new Map([...versions, ["0.1.0", orphan]]), 3)!.points.map((p) => p.id)).toEqual(["before", "now"]);
  });
});
