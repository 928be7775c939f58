import type { RespondentFunction } from "../respondents.ts";
import type { Scorecard } from "./score.ts";
import { compareNumbers } from "./statistics.ts";

export interface PerceptionGap {
  dimensionId: string;
  low: { function: RespondentFunction; score: number };
  high: { function: RespondentFunction; score: number };
  spread: number;
}

/**
 * Where respondent functions disagree most: per dimension, the lowest and highest function
 * means (among functions with a score), ranked by their distance. Needs two functions.
 */
export function perceptionGaps(scorecard: Scorecard, count = 3): PerceptionGap[] {
  const order = new Map(scorecard.dimensions.map((d, i) => [d.dimensionId, i]));
  const gaps: PerceptionGap[] = [];
  for (const { dimensionId } of scorecard.dimensions) {
    const scored = scorecard.byFunction.flatMap((group) => {
      const stats = group.dimensions.find((d) => d.dimensionId === dimensionId);
      return stats?.mean != null ? [{ function: group.function, score: stats.mean }] : [];
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
