import { textIn, type QuestionnaireVersion } from "./questionnaire/schema.ts";
import { privacyMessages } from "../messages/privacy.ts";
import { FUNCTION_GROUP_LABELS, FUNCTION_GROUP_SHORT_LABELS, type Withheld } from "./privacy.ts";
import { RESPONDENT_FUNCTION_LABELS } from "./respondents.ts";
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
  /**
   * Per group of respondent functions: the full label and a short one for narrow table headers,
   * both with n, and per dimension the score or why it is hidden.
   */
  functions: { label: string; shortLabel: string; scores: (number | null)[]; withheld: (Withheld | null)[] }[];
  /** The minimum group size and, in words, which groups are combined or hidden and why. */
  privacy: { minimumGroupSize: number; notes: string[] };
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
  coverage: number | null;
  withheld: Withheld | null;
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
        withheld: stats.withheld,
      };
    }),
    functions: scorecard.byFunction.map((group) => {
      const cells = version.dimensions.map((d) => group.dimensions.find((s) => s.dimensionId === d.id)!);
      return {
        label: `${FUNCTION_GROUP_LABELS[group.group]} (${group.respondentCount})`,
        shortLabel: `${FUNCTION_GROUP_SHORT_LABELS[group.group]} (${group.respondentCount})`,
        scores: cells.map((c) => c.mean),
        withheld: cells.map((c) => c.withheld),
      };
    }),
    privacy: { minimumGroupSize: scorecard.minimumGroupSize, notes: privacyNotes(scorecard) },
    perception: perception.map((p) => ({
      dimension: names.get(p.dimensionId)!,
      low: `${FUNCTION_GROUP_LABELS[p.low.group]} ${p.low.score.toFixed(1)}`,
      high: `${FUNCTION_GROUP_LABELS[p.high.group]} ${p.high.score.toFixed(1)}`,
      spread: p.spread,
    })),
    focus: focus.map((f) => ({ name: names.get(f.dimensionId)!, rank: f.rank, gap: f.gap, explanation: f.explanation })),
  };
}

/** Which groups of respondents are combined or hidden, and why, in the order a reader meets them. */
function privacyNotes(scorecard: Scorecard): string[] {
  const minimum = scorecard.minimumGroupSize;
  const combined = scorecard.combinedFunctions.map((f) => RESPONDENT_FUNCTION_LABELS[f]);
  const notes: string[] = [];
  if (scorecard.byFunction.length === 0) {
    if (combined.length > 0) notes.push(privacyMessages.noBreakdown(minimum));
  } else if (combined.length > 0) {
    notes.push(privacyMessages.combined(combined, minimum));
  }
  if (scorecard.byFunction.some((g) => g.dimensions.some((d) => d.withheld !== null))) notes.push(privacyMessages.cellsHidden(minimum));
  return notes;
}

/** A question's answers with its text, and the dimension's lowest-rated questions first. */
export function questionRows(version: QuestionnaireVersion, distributions: QuestionDistribution[]) {
  const texts = new Map(version.questions.map((q) => [q.id, textIn(q.text)]));
  const questions = distributions.map((q) => ({ ...q, text: texts.get(q.questionId)! }));
  const lowest = questions
    .filter((q) => !q.withheld && q.mean !== null)
    .sort((a, b) => a.mean! - b.mean!)
    .slice(0, 3);
  return { questions, lowest };
}
