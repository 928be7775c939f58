import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildRoadmap, stepsUp, type RoadmapOptions } from "#app/domain/roadmap/generate.ts";
import { initiativeLibrarySchema } from "#app/domain/roadmap/library.ts";
import type { DimensionStats, Scorecard } from "#app/domain/scoring/index.ts";

const library = initiativeLibrarySchema.parse(parse(readFileSync("test/fixtures/roadmap/library.yaml", "utf8")));
const dimensions = { alpha: { name: "Alpha", weight: 2 }, beta: { name: "Beta", weight: 1 } };

/** Just what the generator reads from a scorecard: each dimension's mean and target. */
function scorecardOf(means: Record<string, number | null>, targets: Record<string, number>): Scorecard {
  const stats = Object.entries(means).map(([dimensionId, mean]) => ({ dimensionId, mean, n: mean === null ? 0 : 3 }) as DimensionStats);
  return { dimensions: stats, targets, gaps: [] } as unknown as Scorecard;
}

const options = (overrides: Partial<RoadmapOptions> = {}): RoadmapOptions => ({
  startDate: "2027-01-04",
  capacity: 1,
  horizonWeeks: 52,
  dimensions,
  evidence: "Assessment KAM 2026",
  ...overrides,
});

const all = (plan: ReturnType<typeof buildRoadmap>) => plan.phases.flatMap((p) => p.initiatives);

describe("stepsUp", () => {
  it.each([
    [2.4, 4, [3, 4]],
    [2.0, 4, [3, 4]],
    [3.9, 4, [4]],
    [1.2, 5, [2, 3, 4, 5]],
    [4.2, 4, []],
  ])("from %s to target %s steps through %j", (score, target, levels) => {
    expect(stepsUp(score, target)).toEqual(levels);
  });
});

describe("buildRoadmap", () => {
  it("plans the knowledge phase, then the steps of each dimension with a gap, one at a time at capacity 1", () => {
    // alpha 2.4 → 4: gap 1.6, steps to levels 3 and 4. beta 3.6 → 4: gap 0.4, below 0.5, nothing.
    const plan = buildRoadmap(scorecardOf({ alpha: 2.4, beta: 3.6 }, { alpha: 4, beta: 4 }), library, options());
    const weeks = (phase: string) => plan.phases.find((p) => p.phase === phase)!.initiatives.map((i) => [i.id, i.startWeek, i.endWeek]);
    // Knowledge in dependency order, library order among the ready ones: analysis 2 weeks,
    // learning 2, vision 1 (after analysis), buy-in 2 and plan 1 (after vision).
    expect(weeks("knowledge")).toEqual([
      ["k-analysis", 0, 2],
      ["k-learn", 2, 4],
      ["k-vision", 4, 5],
      ["k-buy-in", 5, 7],
      ["k-plan", 7, 8],
    ]);
    // Level 2 is reached, so a2-design is not needed and a3-design's dependency on it is dropped;
    // a4-design's dependency on beta's b3-design likewise.
    expect(weeks("design")).toEqual([
      ["a3-design", 8, 12],
      ["a4-design", 12, 18],
    ]);
    expect(weeks("implementation")).toEqual([
      ["a3-run", 18, 22],
      ["a4-run", 22, 26],
    ]);
    expect(all(plan).find((i) => i.id === "a4-design")!.dependsOn).toEqual(["a3-design"]);
    // 26 weeks after Monday 4 January 2027 is 5 July 2027.
    expect(plan.endDate).toBe("2027-07-05");
    // a3-design's two milestones fall at weeks 10 and 12.
    expect(all(plan).find((i) => i.id === "a3-design")!.milestones.map((m) => m.due)).toEqual(["2027-03-15", "2027-03-29"]);
    expect(all(plan).find((i) => i.id === "a3-design")!.reason).toBe(
      "dimension Alpha: 2.4 → target 4, gap 1.6, priority 1 of 2; this initiative serves level 3.",
    );
    expect(plan.dimensions).toEqual([{ id: "alpha", score: 2.4, target: 4, gap: 1.6, priority: 3.2, rank: 1, levels: [3, 4] }]);
  });

  it("marks the analysis of the current state done with the assessment as evidence", () => {
    const plan = buildRoadmap(scorecardOf({ alpha: 2.4, beta: 3.6 }, { alpha: 4, beta: 4 }), library, options());
    const analysis = plan.phases[0]!.initiatives.find((i) => i.element === "current-state-analysis")!;
    expect(analysis.milestones.map((m) => [m.done, m.evidence])).toEqual([
      [true, "Assessment KAM 2026"],
      [false, null],
    ]);
    expect(plan.phases[0]!.initiatives.map((i) => i.element).sort()).toEqual(
      ["best-practices-learning", "current-state-analysis", "stakeholder-buy-in", "strategy-and-roadmap", "vision-and-goals"],
    );
    expect(plan.phases[0]!.gate.map((g) => g.text)).toEqual(["A case for change", "A vision with goals", "An approved plan"]);
  });

  it("runs up to `capacity` initiatives at once", () => {
    const plan = buildRoadmap(scorecardOf({ alpha: 2.4, beta: 3.6 }, { alpha: 4, beta: 4 }), library, options({ capacity: 2 }));
    // Analysis and learning side by side (0–2); vision after analysis (2–3); buy-in and plan after vision.
    expect(plan.phases[0]!.initiatives.map((i) => [i.id, i.startWeek, i.endWeek])).toEqual([
      ["k-analysis", 0, 2],
      ["k-learn", 0, 2],
      ["k-vision", 2, 3],
      ["k-buy-in", 3, 5],
      ["k-plan", 3, 4],
    ]);
  });

  it("orders dimensions by gap × weight and projects each phase's effect, capped at the target", () => {
    // alpha 1.5 → 3: gap 1.5 × 2 = 3.0; beta 1.2 → 4: gap 2.8 × 1 = 2.8. Alpha first.
    const plan = buildRoadmap(scorecardOf({ alpha: 1.5, beta: 1.2 }, { alpha: 3, beta: 4 }), library, options({ capacity: 1 }));
    expect(plan.dimensions.map((d) => [d.id, d.rank, d.levels])).toEqual([
      ["alpha", 1, [2, 3]],
      ["beta", 2, [2, 3, 4]],
    ]);
    expect(plan.phases[1]!.initiatives.map((i) => i.id)).toEqual(["a2-design", "a3-design", "b2-design", "b3-design", "b4-design"]);
    // After design: alpha 1.5 + 0.6 + 0.5 = 2.6; beta 1.2 + 3 × 0.5 = 2.7.
    // After implementation: alpha 2.6 + 0.4 + 0.5 = 3.5, capped at 3; beta 2.7 + 1.5 = 4.2, capped at 4.
    expect(plan.projection.map((p) => [p.phase, p.profile.alpha, p.profile.beta])).toEqual([
      ["knowledge", 1.5, 1.2],
      ["design", 2.6, 2.7],
      ["implementation", 3, 4],
    ]);
  });

  it("holds only the knowledge phase when no gap reaches 0.5, and says which dimensions lack data", () => {
    const plan = buildRoadmap(scorecardOf({ alpha: 3.8, beta: null }, { alpha: 4, beta: 4 }), library, options());
    expect(plan.phases.map((p) => p.initiatives.length)).toEqual([5, 0, 0]);
    expect(plan.notes).toEqual(["Beta has insufficient data, so the plan holds nothing for it yet."]);
  });

  it("uses the organization's own targets and flags what runs past the horizon", () => {
    const plan = buildRoadmap(scorecardOf({ alpha: 2.4, beta: 3.6 }, { alpha: 4, beta: 4 }), library, options({ targetProfile: { beta: 5 }, horizonWeeks: 20 }));
    expect(plan.dimensions.map((d) => d.id)).toEqual(["alpha", "beta"]);
    const late = all(plan).filter((i) => !i.withinHorizon).map((i) => i.id);
    expect(late.length).toBeGreaterThan(0);
    expect(plan.notes).toEqual([`${late.length} initiatives end after the 20-week horizon; more capacity or nearer targets would bring them in.`]);
  });

  it("is deterministic, down to the plan's id", async () => {
    const input = scorecardOf({ alpha: 1.5, beta: 2.2 }, { alpha: 4, beta: 5 });
    const plan = buildRoadmap(input, library, options({ capacity: 2 }));
    expect(buildRoadmap(input, library, options({ capacity: 2 }))).toEqual(plan);
    expect(buildRoadmap(input, library, options({ capacity: 2, startDate: "2027-02-01" })).id).not.toBe(plan.id);
    await expect(JSON.stringify(plan, null, 2)).toMatchFileSnapshot("../golden/roadmap-fixture.json");
  });
});

describe("buildRoadmap properties", () => {
  const score = fc.oneof(fc.constant(null), fc.double({ min: 1, max: 5, noNaN: true }));
  const input = fc.record({
    alpha: score,
    beta: score,
    targetAlpha: fc.integer({ min: 1, max: 5 }),
    targetBeta: fc.integer({ min: 1, max: 5 }),
    capacity: fc.integer({ min: 1, max: 4 }),
  });
  type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;
  const planOf = (v: Input) =>
    buildRoadmap(scorecardOf({ alpha: v.alpha, beta: v.beta }, { alpha: v.targetAlpha, beta: v.targetBeta }), library, options({ capacity: v.capacity }));

  it("gives every dimension with a gap of at least 0.5 at least one initiative", () => {
    fc.assert(
      fc.property(input, (v) => {
        const plan = planOf(v);
        for (const [id, mean, target] of [["alpha", v.alpha, v.targetAlpha], ["beta", v.beta, v.targetBeta]] as const) {
          if (mean !== null && target - mean >= 0.5) expect(all(plan).some((i) => i.dimension === id)).toBe(true);
        }
      }),
    );
  });

  it("never starts an initiative before its dependencies end, nor runs more than `capacity` at once", () => {
    fc.assert(
      fc.property(input, (v) => {
        const items = all(planOf(v));
        const end = new Map(items.map((i) => [i.id, i.endWeek]));
        for (const i of items) for (const d of i.dependsOn) expect(i.startWeek).toBeGreaterThanOrEqual(end.get(d)!);
        for (const i of items) expect(items.filter((j) => j.startWeek <= i.startWeek && i.startWeek < j.endWeek).length).toBeLessThanOrEqual(v.capacity);
      }),
    );
  });

  it("never runs phases backwards for one dimension", () => {
    fc.assert(
      fc.property(input, (v) => {
        const plan = planOf(v);
        const knowledgeEnd = Math.max(...plan.phases[0]!.initiatives.map((i) => i.endWeek));
        for (const i of all(plan).filter((i) => i.phase !== "knowledge")) expect(i.startWeek).toBeGreaterThanOrEqual(knowledgeEnd);
        for (const design of plan.phases[1]!.initiatives) {
          for (const run of plan.phases[2]!.initiatives.filter((r) => r.dimension === design.dimension)) expect(run.startWeek).toBeGreaterThanOrEqual(design.endWeek);
        }
      }),
    );
  });

  it("holds only the knowledge phase for a scorecard without gaps", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 5, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true }), fc.integer({ min: 1, max: 4 }), (alpha, beta, capacity) => {
        const plan = buildRoadmap(scorecardOf({ alpha, beta }, { alpha: Math.min(5, alpha), beta: Math.min(5, beta) }), library, options({ capacity }));
        expect(plan.phases.map((p) => p.initiatives.length)).toEqual([5, 0, 0]);
      }),
    );
  });
});

describe("buildRoadmap with the shipped initiative library", () => {
  const shipped = initiativeLibrarySchema.parse(parse(readFileSync("surveys/kam-maturity/initiatives/1.0.0.yaml", "utf8")));
  const questionnaire = parse(readFileSync("surveys/kam-maturity/1.0.0.yaml", "utf8")) as { dimensions: { id: string; name: string; weight: number; target: number }[] };
  const ids = questionnaire.dimensions.map((d) => d.id);
  const shippedOptions = (capacity: number): RoadmapOptions => ({
    startDate: "2027-01-04",
    capacity,
    horizonWeeks: 52,
    dimensions: Object.fromEntries(questionnaire.dimensions.map((d) => [d.id, { name: d.name, weight: d.weight }])),
  });

  it("plans a typical organization the same way every time (golden file)", async () => {
    // Mostly level 2, governance and performance weakest, relationships strongest.
    const means = { selection: 2.6, strategy: 2.8, sponsorship: 2.3, governance: 1.9, teams: 2.4, planning: 2.3, competencies: 2.0, insight: 2.7, relationships: 3.4, value: 2.2, performance: 1.8 };
    const targets = Object.fromEntries(questionnaire.dimensions.map((d) => [d.id, d.target]));
    const plan = buildRoadmap(scorecardOf(means, targets), shipped, shippedOptions(4));
    await expect(JSON.stringify(plan, null, 2)).toMatchFileSnapshot("../golden/roadmap-kam-maturity.json");
  });

  it("covers every dimension with a gap, respects dependencies, capacity and phase order", () => {
    const level = fc.oneof(fc.constant(null), fc.double({ min: 1, max: 5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(level, { minLength: ids.length, maxLength: ids.length }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: ids.length, maxLength: ids.length }), fc.integer({ min: 1, max: 6 }), (scores, goals, capacity) => {
        const plan = buildRoadmap(scorecardOf(Object.fromEntries(ids.map((id, i) => [id, scores[i]!])), Object.fromEntries(ids.map((id, i) => [id, goals[i]!]))), shipped, shippedOptions(capacity));
        const items = all(plan);
        ids.forEach((id, i) => {
          if (scores[i] !== null && goals[i]! - scores[i]! >= 0.5) expect(items.some((item) => item.dimension === id)).toBe(true);
        });
        const end = new Map(items.map((i) => [i.id, i.endWeek]));
        for (const i of items) for (const d of i.dependsOn) expect(i.startWeek).toBeGreaterThanOrEqual(end.get(d)!);
        for (const i of items) expect(items.filter((j) => j.startWeek <= i.startWeek && i.startWeek < j.endWeek).length).toBeLessThanOrEqual(capacity);
        const designEnd = Math.max(0, ...plan.phases[1]!.initiatives.map((i) => i.endWeek));
        for (const run of plan.phases[2]!.initiatives) expect(run.startWeek).toBeGreaterThanOrEqual(designEnd);
      }),
      { numRuns: 200 },
    );
  });
});
