import { textIn, type QuestionnaireVersion } from "./questionnaire/schema.ts";
import { RESPONDENT_FUNCTION_LABELS, RESPONDENT_FUNCTION_SHORT_LABELS } from "./respondents.ts";
import type { QuestionDistribution } from "./scoring/distribution.ts";
import type { PerceptionGap } from "./scoring/perception.ts";
import type { GapEntry, Scorecard } from "./scoring/score.ts";

/**
 * The numbers and words of an assessment's results, laid out once for every place that shows
 * them: the results page and the PDF report.
 */
export interface ResultsView {
  index: number | null;
  stage: string | null;
  weakest: { name: string; score: number } | null;
  respondentCount: number;
  targetSource: Scorecard["targetSource"];
  engineVersion: string;
  dimensions: DimensionRow[];
  /** Per respondent function: the full label and a short one for narrow table headers, both with n. */
  functions: { label: string; shortLabel: string; scores: (number | null)[] }[];
  /** The largest disagreements between functions, in words. */
  perception: { dimension: string; low: string; high: string; spread: number }[];
  focus: { name: string; rank: number; gap: number; explanation: string[] }[];
}

export interface DimensionRow {
  id: string;
  order: number;
  name: string;
  score: number | null;
  target: number;
  bestPractice: number;
  gap: number | null;
  rank: number | null;
  n: number;
  sd: number | null;
  consensus: "consensus" | "divided" | null;
  coverage: number;
}

export function resultsView(
  version: QuestionnaireVersion,
  scorecard: Scorecard,
  perception: PerceptionGap[],
  focus: (GapEntry & { explanation: string[] })[],
): ResultsView {
  const names = new Map(version.dimensions.map((d) => [d.id, textIn(d.name)]));
  const gapOf = new Map(scorecard.gaps.map((g) => [g.dimensionId, g]));
  const weakest = scorecard.overall.weakest;
  return {
    index: scorecard.overall.index,
    stage: scorecard.overall.stage ? `Stage ${scorecard.overall.stage.level}: ${scorecard.overall.stage.label}` : null,
    weakest: weakest ? { name: names.get(weakest.dimensionId)!, score: weakest.score } : null,
    respondentCount: scorecard.respondentCount,
    targetSource: scorecard.targetSource,
    engineVersion: scorecard.engineVersion,
    dimensions: version.dimensions.map((d, order) => {
      const stats = scorecard.dimensions.find((s) => s.dimensionId === d.id)!;
      const gap = gapOf.get(d.id);
      return {
        id: d.id,
        order,
        name: textIn(d.name),
        score: stats.mean,
        target: scorecard.targets[d.id]!,
        bestPractice: d.target,
        gap: gap?.gap ?? null,
        rank: gap?.rank ?? null,
        n: stats.n,
        sd: stats.sd,
        consensus: stats.consensus,
        coverage: stats.coverage,
      };
    }),
    functions: scorecard.byFunction.map((group) => ({
      label: `${RESPONDENT_FUNCTION_LABELS[group.function]} (${group.respondentCount})`,
      shortLabel: `${RESPONDENT_FUNCTION_SHORT_LABELS[group.function]} (${group.respondentCount})`,
      scores: version.dimensions.map((d) => group.dimensions.find((s) => s.dimensionId === d.id)!.mean),
    })),
    perception: perception.map((p) => ({
      dimension: names.get(p.dimensionId)!,
      low: `${RESPONDENT_FUNCTION_LABELS[p.low.function]} ${p.low.score.toFixed(1)}`,
      high: `${RESPONDENT_FUNCTION_LABELS[p.high.function]} ${p.high.score.toFixed(1)}`,
      spread: p.spread,
    })),
    focus: focus.map((f) => ({ name: names.get(f.dimensionId)!, rank: f.rank, gap: f.gap, explanation: f.explanation })),
  };
}

/** A question's answers with its text, and the dimension's lowest-rated questions first. */
export function questionRows(version: QuestionnaireVersion, distributions: QuestionDistribution[]) {
  const texts = new Map(version.questions.map((q) => [q.id, textIn(q.text)]));
  const questions = distributions.map((q) => ({ ...q, text: texts.get(q.questionId)! }));
  const lowest = questions
    .filter((q) => q.mean !== null)
    .sort((a, b) => a.mean! - b.mean!)
    .slice(0, 3);
  return { questions, lowest };
}
