import type { FunctionGroupId } from "../privacy.ts";
import type { Scorecard } from "./score.ts";
import { compareNumbers } from "./statistics.ts";

export interface PerceptionGap {
  dimensionId: string;
  low: { group: FunctionGroupId; score: number };
  high: { group: FunctionGroupId; score: number };
  spread: number;
}

/**
 * Where respondent functions disagree most: per dimension, the lowest and highest group
 * means (among the groups the scorecard shows a score for), ranked by their distance. Needs
 * two groups with a score.
 */
export function perceptionGaps(scorecard: Scorecard, count = 3): PerceptionGap[] {
  const order = new Map(scorecard.dimensions.map((d, i) => [d.dimensionId, i]));
  const gaps: PerceptionGap[] = [];
  for (const { dimensionId } of scorecard.dimensions) {
    const scored = scorecard.byFunction.flatMap((group) => {
      const stats = group.dimensions.find((d) => d.dimensionId === dimensionId);
      return stats?.mean != null ? [{ group: group.group, score: stats.mean }] : [];
    });
    if (scored.length < 2) continue;
    const low = scored.reduce((a, b) => (compareNumbers(b.score, a.score) < 0 ? b : a));
    const high = scored.reduce((a, b) => (compareNumbers(b.score, a.score) > 0 ? b : a));
    if (compareNumbers(high.score, low.score) > 0) gaps.push({ dimensionId, low, high, spread: high.score - low.score });
  }
  return gaps
    .sort((a, b) => compareNumbers(b.spread, a.spread) || order.get(a.dimensionId)! - order.get(b.dimensionId)!)
    .slice(0, count);
}
