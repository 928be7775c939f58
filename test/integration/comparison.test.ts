import { beforeAll, describe, expect, it as base } from "vitest";
import { getDb } from "#db/client.ts";
import { insertVersion, upsertQuestionnaire } from "#db/queries/questionnaires.ts";
import { contentHash } from "#app/domain/questionnaire/hash.ts";
import { loadAssessmentResults, loadComparison } from "#app/services/assessment-results.server.ts";
import {
  closedAssessmentWith,
  createOwner,
  levelsFor,
  loadQuestionnaires,
  membershipOf,
  openAssessmentWith,
  respondentsAnswering,
  SELECTION_QUESTIONS,
} from "#test/factories.ts";
import { fixtureVersion } from "#test/surveys.ts";

type Membership = Awaited<ReturnType<typeof membershipOf>>;

// Each test has its own organization and neighbour; the questionnaires are shared.
const it = base.extend<{ owner: Membership; neighbour: Membership }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from this pattern
  owner: async ({}, use) => use((await createOwner()).membership),
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from this pattern
  neighbour: async ({}, use) => use((await createOwner()).membership),
});

beforeAll(async () => {
  await loadQuestionnaires();
  // Two published versions of the small fixture questionnaire; 1.1.0 rewords alpha-two and adds beta-five.
  await upsertQuestionnaire(getDb(), "fixture-q", "Fixture questionnaire");
  for (const version of [fixtureVersion("two-versions", "1.0.0"), fixtureVersion("two-versions", "1.1.0")]) {
    const content = { ...version, status: "published" } as Record<string, unknown>;
    await insertVersion(getDb(), { questionnaireId: "fixture-q", version: version.version, status: "published", content, contentHash: contentHash(content) });
  }
});

/**
 * An assessment with three respondents (the fewest whose figures may be shown) who all give the
 * levels, so every mean is the level given; closed unless `keepOpen`.
 */
async function assessmentWith(membership: Membership, questionnaireId: string, version: string, levels: Record<string, number>, keepOpen = false) {
  const plan = { questionnaireId, version, title: `${questionnaireId} ${version}`, respondents: respondentsAnswering(3, levels) };
  return (await (keepOpen ? openAssessmentWith : closedAssessmentWith)(membership, plan)).assessment.id;
}

const comparisonOf = async (membership: Membership, id: string) => loadComparison(await loadAssessmentResults(membership, id));

const selectionAt = (level: number) => levelsFor(SELECTION_QUESTIONS, level);

describe("comparison with earlier assessments", () => {
  it("shows the change since the previous closed assessment of the organization, never another's", async ({ owner, neighbour }) => {
    await assessmentWith(neighbour, "kam-maturity", "1.0.0", selectionAt(5));
    const first = await assessmentWith(owner, "kam-maturity", "1.0.0", selectionAt(2));
    expect(await comparisonOf(owner, first)).toBeNull();
    const second = await assessmentWith(owner, "kam-maturity", "1.0.0", selectionAt(4));
    const open = await assessmentWith(owner, "kam-maturity", "1.0.0", selectionAt(3), true);

    // Only selection is answered, so the index is the selection score: 2 then 4.
    const comparison = (await comparisonOf(owner, second))!;
    expect(comparison.points.map((p) => [p.id, p.index])).toEqual([
      [first, 2],
      [second, 4],
    ]);
    expect(comparison.changes.index).toEqual({ before: 2, now: 4, change: 2 });
    expect(comparison.changes.dimensions.find((d) => d.id === "selection")).toMatchObject({ before: 2, now: 4, change: 2 });
    expect(comparison.changes.dimensions.find((d) => d.id === "strategy")).toMatchObject({ before: null, now: null, change: null });

    // The open assessment compares its provisional numbers with both closed ones.
    const provisional = (await comparisonOf(owner, open))!;
    expect(provisional.points.map((p) => [p.index, p.provisional])).toEqual([
      [2, false],
      [4, false],
      [3, true],
    ]);
    expect(provisional.changes.index.change).toBe(-1);
  });

  it("across versions counts only the questions that stayed the same", async ({ owner }) => {
    await assessmentWith(owner, "fixture-q", "1.0.0", { "alpha-one": 1, "alpha-two": 5, "alpha-three": 2, "alpha-four": 3, "beta-one": 2, "beta-two": 2, "beta-three": 2, "beta-four": 5 });
    const now = await assessmentWith(owner, "fixture-q", "1.1.0", { "alpha-one": 3, "alpha-two": 1, "alpha-three": 4, "alpha-four": 5, "beta-one": 3, "beta-two": 4, "beta-three": 5, "beta-five": 1 });
    const comparison = (await comparisonOf(owner, now))!;
    expect(comparison.acrossVersions).toEqual({ versions: ["1.0.0", "1.1.0"], questionsCounted: 6, questionsInVersion: 8 });
    // alpha: alpha-one (weight 2), alpha-three and alpha-four: (1·2 + 2 + 3)/4 = 1.75 → (3·2 + 4 + 5)/4 = 3.75.
    // beta: beta-one..three: 2 → 4. Index with alpha weighing 2: 1.8 → 3.8.
    expect(comparison.points.map((p) => p.scores)).toEqual([
      [1.75, 2],
      [3.75, 4],
    ]);
    expect(comparison.points.map((p) => p.index)).toEqual([1.8, 3.8]);
  });
});
